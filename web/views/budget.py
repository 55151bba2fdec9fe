"""The budget tree: ``/agencies/<code>/<year>/budget/``.

The agency's budget lines as a tree (program → kegiatan → sub kegiatan, indented, in the engine's order), where
the planner types each line's own pagu and realisasi of the report year (``1.234.567`` or ``Rp 1.234.567,89``).
Beside each parent the page shows what the engine computes (``performance.results.BudgetLineResult``): its
children's sums, the absorption of the figures the report uses, and a mark where the line's own figures differ from
its children's sums (the ``children_sum_mismatch`` finding). The sums are those of the stored figures: they change
after a save. The year's totals (``ReportYear.budget_total``) are shown when the agency reports them.

Readings chosen: a line whose pagu and realisasi are both emptied loses its ``BudgetFigure`` of the year, unless
the figure names an expense type (entered elsewhere), which it keeps with empty amounts; a line with nothing typed
gets no figure.

A save writes every changed row or none (``web.grid``) in a fixed number of queries: the lines and the year's
figures are loaded once, each new or changed ``BudgetFigure`` is checked with ``full_clean``, then written with
``bulk_create``/``bulk_update`` and deleted in one statement; ``agency_data_changed`` then says the agency's data
changed (bulk writes send no per-row signal, and the stored PDF must be marked stale).
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.urls import path
from django.views.decorators.http import require_http_methods

from agencies.fields import MoneyFormField
from budgets.models import BudgetFigure, BudgetLine
from domain.review import NoteSubject
from web.grid import GridForm, GridFormSet, grid_page

WRITTEN = ("budget", "realisation")


def _money_field(label):
    widget = forms.TextInput(attrs={"class": "num", "inputmode": "decimal", "autocomplete": "off", "size": 14})
    return MoneyFormField(required=False, max_digits=18, decimal_places=2, label=label, widget=widget)


class BudgetForm(GridForm):
    """One line's own pagu and realisasi of the year, as typed."""

    budget = _money_field("Pagu")
    realisation = _money_field("Realisasi")


class BudgetGridBase(GridFormSet):
    """The lines of a report year: rows keyed by line code, each row's item its ``BudgetLineResult``."""

    model = BudgetFigure
    written = WRITTEN
    note_subject = NoteSubject.BUDGET_LINE

    def __init__(self, *args, report_year, results, **kwargs):
        self.report_year = report_year
        self.year = report_year.year
        rows = [(line.code, line.code, line) for line in results.budget_lines]
        super().__init__(*args, rows=rows, **kwargs)

    def stored_pks(self):
        figures = BudgetFigure.objects.filter(line__agency=self.report_year.agency, year=self.year)
        return dict(figures.values_list("line__code", "pk"))

    def initial_for(self, line):
        return {"budget": line.own_budget, "realisation": line.own_realisation}

    def clean(self):
        """Build the new, changed and emptied ``BudgetFigure`` of every changed row and run the model's checks
        (``full_clean``) on each, so a row the model refuses shows the model's message and nothing is written.

        ``full_clean`` leaves out the line (just loaded, so it exists), the uniqueness of (line, year) and the check
        constraints (a figure is updated, never added twice; the amounts' own validators refuse a negative one):
        each would cost a query a row, and the database still enforces them.
        """
        changed = [form for form in self.forms if form.has_changed() and not form.errors]
        if not changed:
            return
        agency = self.report_year.agency
        lines = {
            line.code: line for line in BudgetLine.objects.filter(agency=agency, code__in=[f.key for f in changed])
        }
        figures = BudgetFigure.objects.filter(line__in=lines.values(), year=self.year).select_related("line")
        existing = {figure.line_id: figure for figure in figures}
        for form in changed:
            line = lines[form.key]
            stored = existing.get(line.pk)
            values = {name: form.cleaned_data[name] for name in WRITTEN}
            if all(value is None for value in values.values()) and not (stored and stored.expense_type):
                if stored is not None:
                    self.deletes.append(stored)
                continue
            figure = stored or BudgetFigure(line=line, year=self.year)
            for name, value in values.items():
                setattr(figure, name, value)
            try:
                figure.full_clean(exclude=["line"], validate_unique=False, validate_constraints=False)
            except ValidationError as error:
                form.add_model_error(error, BudgetFigure)
                continue
            self.keep(figure)


BudgetGrid = forms.formset_factory(BudgetForm, formset=BudgetGridBase, extra=0)


def _budget_context(results, grid):
    """Each line's form with its children_sum_mismatch finding, and whether the year states its DPA total."""
    year_data = results.snapshot.years.get(results.year)
    mismatches = {f.subject: f for f in results.findings if f.rule == "children_sum_mismatch"}
    return {
        "rows": [(form, mismatches.get(form.key)) for form in grid.forms],
        "reports_total": year_data is not None and year_data.budget_total is not None,
    }


@login_required
@require_http_methods(["GET", "POST"])
def page(request, code, year):
    return grid_page(
        request,
        code,
        year,
        grid_class=BudgetGrid,
        template="web/budget.html",
        tab="budget",
        saved_message=lambda saved: f"Anggaran {saved} baris disimpan.",
        context=_budget_context,
    )


urlpatterns = [path("budget/", page, name="budget")]
