"""The history of one figure: ``/agencies/<code>/<year>/riwayat/<model>/<pk>/``, e.g. ``riwayat/realisation/12/``.

Every change to the plan, targets, realisations, budgets, narratives, settings and report state is recorded by
django-simple-history (the models' ``history``; the grids write theirs in bulk, ``web.grid.write_in_bulk``). This
page lists one object's records, newest first: when, who ("sistem" for a change without a signed-in user: an import
from the command line, a migration), what (dibuat, diubah, dihapus) and, for a change, each field's old → new value
(``diff_against`` the record before it), named by the field's verbose name and written the Indonesian way
(``web.templatetags.lakip_review.history_value``). The workspace loads it with htmx into the "Riwayat" details
beside a row; without JavaScript the link opens it as a page of the year.

Readings chosen:

- Only the models of ``HISTORY_MODELS`` (the agency's own data with a history) are shown, and only an object of the
  page's agency: the newest record says where the object stands (or stood, once deleted), and
  ``agencies.access.agency_id_of`` follows it to its agency. Any other object, model or a pk without history is a
  404, whatever the year of the address (an object of the agency is shown under any of its years).
- A creation lists the values it was created with, but not what it belongs to (its indicator, its line: the page
  names the object); a deletion lists nothing. A change without a record before it (data older than the history)
  lists its values as a creation does.
- Queries are bounded: the records in one query with their users, the diffs computed between neighbours in memory
  (``prev_record`` would cost a query a record), and the owner's chain followed once.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from agencies.access import agency_id_of, get_report_year_or_404

# The models whose history the workspace shows, by the name in the address (the model's ``model_name``), with the
# tab of the year's workspace they belong to.
HISTORY_MODELS = {
    "agency": ("agencies.agency", "agency_settings"),
    "reportyear": ("agencies.reportyear", "agency_year"),
    "narrative": ("agencies.narrative", "narratives"),
    "findingnote": ("agencies.findingnote", "findings"),
    "renstra": ("indicators.renstra", "targets"),
    "mission": ("indicators.mission", "targets"),
    "goal": ("indicators.goal", "targets"),
    "objective": ("indicators.objective", "targets"),
    "objectivenarrative": ("indicators.objectivenarrative", "narratives"),
    "indicator": ("indicators.indicator", "targets"),
    "target": ("indicators.target", "targets"),
    "realisation": ("indicators.realisation", "realisations"),
    "evidencefile": ("indicators.evidencefile", "realisations"),
    "budgetline": ("budgets.budgetline", "budget"),
    "budgetfigure": ("budgets.budgetfigure", "budget"),
    "objectivebudget": ("budgets.objectivebudget", "budget"),
    "expensetypebudget": ("budgets.expensetypebudget", "budget"),
}

ACTIONS = {"+": "dibuat", "~": "diubah", "-": "dihapus"}


@dataclass(frozen=True)
class Change:
    """One field of a record: its model field (for its name and how its value is written), before and after."""

    field: object
    old: object
    new: object

    @property
    def label(self):
        return self.field.verbose_name


@dataclass(frozen=True)
class Entry:
    """One record of the history: when, by whom, what, why (a change reason), and the fields it changed."""

    when: object
    who: str
    kind: str  # django-simple-history's history_type: "+", "~" or "-"
    reason: str
    changes: tuple

    @property
    def action(self):
        return ACTIONS[self.kind]

    @property
    def is_update(self):
        return self.kind == "~"


def _who(record):
    user = record.history_user
    if user is None:
        return "sistem"
    return user.get_full_name() or user.get_username()


def _fields(model):
    """The fields a record can show, in the model's order: the editable ones, the primary key left out."""
    return [field for field in model._meta.concrete_fields if field.editable and not field.primary_key]


def _changes(model, record, older):
    fields = _fields(model)
    if record.history_type == "-":
        return ()
    if record.history_type == "+" or older is None:
        values = ((field, getattr(record, field.attname)) for field in fields if not field.is_relation)
        return tuple(Change(field, None, new) for field, new in values if new not in (None, "", [], {}))
    delta = record.diff_against(older, included_fields=[field.name for field in fields])
    changed = {change.field: change for change in delta.changes}
    return tuple(
        Change(field, changed[field.name].old, changed[field.name].new) for field in fields if field.name in changed
    )


def _subject(model, instance):
    """``realisasi IKU-1 2024``: the model's name and the object's own; its name alone when what the object names
    itself by is gone (a target whose Renstra was deleted)."""
    try:
        return f"{model._meta.verbose_name} {instance}"
    except ObjectDoesNotExist:
        return str(model._meta.verbose_name)


def entries(model, records):
    """``records`` (newest first) as ``Entry``, each compared with the record before it."""
    older = [*records[1:], None]
    return [
        Entry(
            when=record.history_date,
            who=_who(record),
            kind=record.history_type,
            reason=record.history_change_reason or "",
            changes=_changes(model, record, before),
        )
        for record, before in zip(records, older, strict=True)
    ]


@login_required
@require_GET
def history(request, code, year, model, pk):
    report_year = get_report_year_or_404(request.user, code, year)
    if model not in HISTORY_MODELS:
        raise Http404("Riwayat jenis data ini tidak ditampilkan.")
    label, tab = HISTORY_MODELS[model]
    model_class = apps.get_model(label)
    pk_name = model_class._meta.pk.attname
    records = list(
        model_class.history.filter(**{pk_name: pk}).select_related("history_user").order_by("-history_date", "-pk")
    )
    if not records:
        raise Http404("Data ini tidak memiliki riwayat.")
    newest = records[0].instance
    if agency_id_of(newest) != report_year.agency_id:
        raise Http404("Data ini bukan milik perangkat daerah ini.")
    context = {
        "agency": report_year.agency,
        "report_year": report_year,
        "tab": tab,
        "subject": _subject(model_class, newest),
        "entries": entries(model_class, records),
    }
    template = "web/_history.html" if request.htmx else "web/history.html"
    return render(request, template, context)


urlpatterns = [path("riwayat/<slug:model>/<int:pk>/", history, name="history")]
