"""The realisation grid: ``/agencies/<code>/<year>/realisations/``.

One row per indicator of the year, in the engine's order (goal indicators, each sasaran's, the budget lines'),
where the planner types the year's realisation, its status, the four quarters (TW I–IV), a note and the date of
the evidence. Beside them the row shows the indicator's achievement and category; as the planner types, the row
posts to ``realisations/preview/`` (htmx), which recomputes them with the engine (``performance.preview``) and
swaps the row's result cells and its sasaran's achievement. Without JavaScript the form saves as a plain POST.

A save writes every changed row or none (``web.grid``), in a fixed number of queries: the indicators and the
year's realisations are loaded once, each new or changed ``Realisation`` is checked with the model's
``full_clean`` and written with ``bulk_create``/``bulk_update``, and ``agency_data_changed`` says the agency's
data changed (bulk writes send no per-row signal; the stored PDF must be marked stale).
"""

from dataclasses import replace

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from agencies.access import get_report_year_or_404
from agencies.fields import ValueFormField
from domain.enums import RealisationStatus
from domain.review import NoteSubject
from indicators.models import Indicator, Realisation
from performance.preview import preview_results
from performance.results import compute_results
from performance.snapshot import RealisationData, load_snapshot
from web.grid import GridForm, GridFormSet, grid_page

QUARTERS = ("q1", "q2", "q3", "q4")
# The fields a row writes to its ``Realisation``; the rest of the record (evidence text, files) is not the grid's.
WRITTEN = ("value", "status", *QUARTERS, "note", "evidence_date")


def _value_field(label):
    widget = forms.TextInput(attrs={"class": "num", "inputmode": "decimal", "autocomplete": "off", "size": 7})
    return ValueFormField(allow_range=False, required=False, max_length=64, label=label, widget=widget)


class RealisationForm(GridForm):
    """One indicator's realisation of the year, as typed."""

    value = _value_field("Realisasi")
    status = forms.ChoiceField(label="Status", choices=RealisationStatus.choices())
    q1 = _value_field("TW I")
    q2 = _value_field("TW II")
    q3 = _value_field("TW III")
    q4 = _value_field("TW IV")
    # The model's own form field, so its length limit (which a TextField does not check in full_clean) applies.
    note = Realisation._meta.get_field("note").formfield(label="Catatan", widget=forms.TextInput(attrs={"size": 12}))
    evidence_date = forms.DateField(
        label="Tanggal bukti",
        required=False,
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def typed(self, stored):
        """The row as the engine reads a realisation: ``stored`` (the year's ``RealisationData`` or None) with the
        typed fields in place. A row with nothing typed and nothing stored is None: no realisation."""
        data = self.cleaned_data
        fields = {
            "value": data["value"] or None,
            "status": data["status"],
            "quarters": tuple(data[q] or None for q in QUARTERS),
            "note": data["note"],
            "evidence_date": data["evidence_date"],
        }
        if stored is None and not self.has_changed():
            return None
        return replace(stored or RealisationData(None), **fields)


class RealisationGridBase(GridFormSet):
    """The grid of a report year: rows keyed by indicator code, each row's item its ``IndicatorResult``."""

    model = Realisation
    written = WRITTEN
    note_subject = NoteSubject.REALISATION

    def __init__(self, *args, report_year, results, **kwargs):
        self.report_year = report_year
        self.year = report_year.year
        rows = [(indicator.code, indicator.code, indicator) for indicator in results.indicators]
        super().__init__(*args, rows=rows, **kwargs)

    def stored_pks(self):
        rows = Realisation.objects.filter(indicator__agency=self.report_year.agency, year=self.year)
        return dict(rows.values_list("indicator__code", "pk"))

    def stored(self, result):
        """The year's stored realisation of a row's indicator (``RealisationData``), or None."""
        return result.plan.realisations.get(self.year)

    def initial_for(self, result):
        record = self.stored(result)
        if record is None:
            return {"status": RealisationStatus.FINAL}
        return {
            "value": record.value or "",
            "status": record.status,
            **{q: v or "" for q, v in zip(QUARTERS, record.quarters, strict=True)},
            "note": record.note,
            "evidence_date": record.evidence_date,
        }

    def clean(self):
        """Build the ``Realisation`` of every changed row and run the model's checks (``full_clean``) on it, so a
        row the model refuses shows the model's message and nothing is written.

        The indicator and the year's realisations are loaded in one query each. ``full_clean`` leaves out the
        indicator (just loaded, so it exists) and the uniqueness of (indicator, year) (an existing realisation is
        updated, never added twice); both would cost a query a row and the database still enforces them.
        """
        changed = [form for form in self.forms if form.has_changed() and not form.errors]
        if not changed:
            return
        agency = self.report_year.agency
        indicators = {i.code: i for i in Indicator.objects.filter(agency=agency, code__in=[f.key for f in changed])}
        existing = {
            r.indicator_id: r for r in Realisation.objects.filter(indicator__in=indicators.values(), year=self.year)
        }
        for form in changed:
            indicator = indicators[form.key]
            instance = existing.get(indicator.pk) or Realisation(indicator=indicator, year=self.year)
            for name in WRITTEN:
                setattr(instance, name, form.cleaned_data[name])
            try:
                instance.full_clean(exclude=["indicator"], validate_unique=False, validate_constraints=False)
            except ValidationError as error:
                form.add_model_error(error, Realisation)
                continue
            self.keep(instance)


RealisationGrid = forms.formset_factory(RealisationForm, formset=RealisationGridBase, extra=0)


def _sections(results, forms):
    """The grid's rows under their headings: goal indicators, each sasaran's (with the sasaran's figures), the
    budget lines'. ``forms`` are in the order of ``results.indicators``."""
    rows = iter(forms)
    sections = []
    if results.goal_indicators:
        sections.append(("Indikator tujuan", None, [next(rows) for _ in results.goal_indicators]))
    for objective in results.objectives:
        sections.append((f"{objective.code} {objective.text}", objective, [next(rows) for _ in objective.indicators]))
    if results.line_indicators:
        sections.append(("Indikator program dan kegiatan", None, [next(rows) for _ in results.line_indicators]))
    return sections


@login_required
@require_http_methods(["GET", "POST"])
def page(request, code, year):
    return grid_page(
        request,
        code,
        year,
        grid_class=RealisationGrid,
        template="web/realisations.html",
        tab="realisations",
        saved_message=lambda saved: f"{saved} baris realisasi disimpan.",
        context=lambda results, grid: {"sections": _sections(results, grid.forms)},
    )


@login_required
@require_POST
def preview(request, code, year):
    """The result cells of one row (``?row=<indicator code>``) as they would be with what is typed in it, and its
    sasaran's achievement: the fragment htmx swaps in while the planner types. A value that cannot be read shows
    its error in the achievement cell instead."""
    report_year = get_report_year_or_404(request.user, code, year)
    snapshot = load_snapshot(report_year.agency, year)
    results = compute_results(snapshot, year)
    grid = RealisationGrid(request.POST, report_year=report_year, results=results)
    form = grid.form_for(request.GET.get("row", ""))
    if form is None:
        raise Http404("Indikator tidak ada di tahun ini.")
    context = {"form": form, "result": form.obj, "oob": True}
    if form.is_valid():
        typed = form.typed(grid.stored(form.obj))
        previewed = preview_results(snapshot, year, {form.key: typed})
        context["result"] = previewed.indicator(form.key)
        if form.obj.objective:
            context["objective"] = previewed.objective(form.obj.objective)
            context["stored_objective"] = results.objective(form.obj.objective)
    else:
        context["error"] = next(iter(form.errors.values()))[0]
    return render(request, "web/_realisation_preview.html", context)


urlpatterns = [
    path("realisations/", page, name="realisations"),
    path("realisations/preview/", preview, name="realisation_preview"),
]
