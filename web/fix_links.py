"""Where a finding is fixed: the page of the year's workspace, and the row of its grid, for each finding rule.

A rule maps to a page (a url name of ``web``) and an anchor: ``SUBJECT_ROW`` points at the grid row keyed by the
finding's subject (``web.grid.row_id``: an indicator code on the target and realisation grids, a budget line code
on the budget grid), a fixed fragment points at a field of a form (``field-head_nip`` on the settings page), and
``None`` opens the page at its top. ``tests/web/test_findings_panel.py`` fails when a rule of
``performance.findings.RULES`` has no target here.

Readings: a finding about the whole agency (subject ``agency``) has no row, so it opens its page at the top. A
narrative finding (``SECTION_ROW``) points at its section on the narratives page: ``#row-<key>`` for a section of
the year, ``#row-<sasaran>-<key>`` for a sasaran's (``web.narrative_forms``). ``value_kind_mismatch`` may concern the
target or the realisation; it points at the realisation grid, where the realisation and the target both show.
"""

from django.urls import reverse

from performance.findings import AGENCY
from web.grid import row_id

SUBJECT_ROW = "subject-row"
SECTION_ROW = "section-row"

FIX_TARGETS = {
    "realisation_exceeds_budget": ("web:budget", SUBJECT_ROW),
    "realisation_without_budget": ("web:budget", SUBJECT_ROW),
    "children_sum_mismatch": ("web:budget", SUBJECT_ROW),
    "budget_total_below_lines": ("web:budget", None),
    "expense_types_sum_mismatch": ("web:budget", None),
    "missing_target": ("web:targets", SUBJECT_ROW),
    "value_kind_mismatch": ("web:realisations", SUBJECT_ROW),
    "target_differs_from_renstra": ("web:targets", SUBJECT_ROW),
    "missing_realisation": ("web:realisations", SUBJECT_ROW),
    "realisation_same_as_previous_year": ("web:realisations", SUBJECT_ROW),
    "zero_target": ("web:targets", SUBJECT_ROW),
    "objective_without_budget": ("web:budget", None),
    "budget_line_without_objective": ("web:budget", SUBJECT_ROW),
    "narrative_mentions_other_year": ("web:narratives", SECTION_ROW),
    "narrative_mentions_other_region": ("web:narratives", SECTION_ROW),
    "narrative_without_title": ("web:narratives", SECTION_ROW),
    "nip_malformed": ("web:agency_settings", "field-head_nip"),
    "realisation_provisional": ("web:realisations", SUBJECT_ROW),
}


def fix_url(finding, code, year):
    """The address where ``finding`` of agency ``code``'s report ``year`` is fixed, with its row's anchor."""
    url_name, anchor = FIX_TARGETS[finding.rule]
    url = reverse(url_name, args=[code, year])
    if anchor == SUBJECT_ROW:
        return url if finding.subject == AGENCY else f"{url}#{row_id(finding.subject)}"
    if anchor == SECTION_ROW:
        section = finding.section if finding.subject == AGENCY else f"{finding.subject}-{finding.section}"
        return f"{url}#{row_id(section)}"
    return f"{url}#{anchor}" if anchor else url
