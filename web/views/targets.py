"""The target grid: ``/agencies/<code>/<year>/targets/``.

One row per indicator of the Renstra that applies to the report year (``performance.snapshot.renstra_for_year``),
in the engine's order (goal indicators, each sasaran's, the budget lines'). A row holds the Renstra target of every
year of the period and, for the report year, the Perjanjian Kinerja (PK) target with the reason it differs and the
four quarterly renaksi targets (TW I–IV). Values are typed the Indonesian way (``89,5``, ``80 s.d. 90``, ``BB``)
and stored as plain text (``"89.5"``, ``"80-90"``).

Readings chosen:

- The PK reason is required when the PK target and the Renstra target of the report year are both set and differ
  as values (``domain.values.values_equal``: ``75`` = ``75,00``; ranges bound by bound; grades as text), the
  comparison the ``target_differs_from_renstra`` finding makes. Neither ``domain.validators`` nor
  ``Target.clean`` holds this rule, so the form checks it; a PK target without a Renstra target needs no reason.
  It is checked when the planner changed one of the three (the year's Renstra target, the PK target, the reason):
  a stored PK target without a reason (imported so) blocks neither other rows nor other years of its row; the
  finding still names it.
- A ``Target`` is a year's Renstra or PK target: a year whose Renstra and PK cells are both empty has no
  ``Target`` (the model's check constraint forbids one), so such a year creates none and an existing one is
  deleted with its quarterly targets and reason. Quarterly targets or a reason typed without a target of the
  year are refused, not dropped.
- A report year after the period (``domain.plan.applicable_period``) has no year of the Renstra to hold a PK
  target: the grid then shows the Renstra years only.
- The grid edits the Renstra targets of every year of the period, but a year whose report is approved is frozen
  (``agencies.freeze``): its column is shown disabled and a posted change to it is refused with the freeze's
  message, even while the report year itself is open. The row's history ("Riwayat") is that of its report year's
  ``Target``; another year's target shows its history on that year's page.

A save writes every changed row or none (``web.grid``) in a fixed number of queries: the indicators, the period's
years and their targets are loaded once, each new or changed ``Target`` is checked with ``full_clean``, then
written with ``bulk_create``/``bulk_update`` and deleted in one statement; ``agency_data_changed`` then says the
agency's data changed (bulk writes send no per-row signal, and the stored PDF must be marked stale).
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.urls import path
from django.views.decorators.http import require_http_methods

from agencies.fields import ValueFormField
from agencies.freeze import frozen_message, frozen_years
from domain.numbers import format_value
from domain.review import NoteSubject
from domain.values import values_equal
from indicators.models import Indicator, RenstraYear, Target
from web.grid import GridForm, GridFormSet, grid_page

QUARTERS = ("q1", "q2", "q3", "q4")
QUARTER_LABELS = ("TW I", "TW II", "TW III", "TW IV")
# The fields of a Target the grid writes; a year other than the report year keeps its stored PK and quarters.
WRITTEN = ("renstra_value", "agreement_value", "agreement_reason", *QUARTERS)


def _value_field(label, *, frozen=False):
    """A target's box; a ``frozen`` year's is shown disabled (the browser then posts nothing for it)."""
    attrs = {"class": "num", "inputmode": "decimal", "autocomplete": "off", "size": 6}
    if frozen:
        attrs |= {"disabled": True, "title": "Terkunci: laporan tahun ini sudah disetujui"}
    return ValueFormField(required=False, max_length=64, label=label, widget=forms.TextInput(attrs=attrs))


def renstra_field(year):
    return f"renstra_{year}"


class TargetForm(GridForm):
    """One indicator's targets: the Renstra target of each year of ``years``; where ``report_year`` is one of them,
    its PK target, the reason it differs and the quarterly targets."""

    report_year = None
    frozen = ()

    @classmethod
    def for_period(cls, years, report_year, frozen=()):
        """The row form of a grid whose Renstra spans ``years``: a Renstra target per year and, where
        ``report_year`` is one of them, its PK target, reason and quarterly targets. The targets of the ``frozen``
        years (approved reports) are read-only. The fields are declared once for the grid, so its rows share them
        (``web.grid.SharedFields``)."""
        fields = {renstra_field(year): _value_field(f"Renstra {year}", frozen=year in frozen) for year in years}
        if report_year in years:
            fields["agreement_value"] = _value_field(f"Target PK {report_year}")
            fields["agreement_reason"] = forms.CharField(
                label="Alasan PK berbeda",
                required=False,
                max_length=Target._meta.get_field("agreement_reason").max_length,
                widget=forms.TextInput(attrs={"size": 14}),
            )
            for name, label in zip(QUARTERS, QUARTER_LABELS, strict=True):
                fields[name] = _value_field(f"{label} {report_year}")
        return type(cls.__name__, (cls,), {**fields, "report_year": report_year, "frozen": tuple(frozen)})

    @property
    def renstra_cells(self):
        return [self[name] for name in self.fields if name.startswith("renstra_")]

    @property
    def report_cells(self):
        return [self[name] for name in ("agreement_value", "agreement_reason", *QUARTERS) if name in self.fields]

    def clean(self):
        data = super().clean()
        for year in self.frozen:
            if renstra_field(year) in self.changed_data:
                self.add_error(renstra_field(year), frozen_message(year))
        if "agreement_value" not in self.fields:
            return data
        compared = {renstra_field(self.report_year), "agreement_value", "agreement_reason"}
        renstra = data.get(renstra_field(self.report_year))
        agreement = data.get("agreement_value")
        if (
            compared & set(self.changed_data)
            and renstra
            and agreement
            and not values_equal(agreement, renstra)
            and not data.get("agreement_reason")
        ):
            self.add_error(
                "agreement_reason",
                f"Wajib diisi: target PK {format_value(agreement)} berbeda dengan target Renstra "
                f"{format_value(renstra)}.",
            )
        extras = [data.get(name) for name in ("agreement_reason", *QUARTERS)]
        if any(extras) and not renstra and not agreement and renstra_field(self.report_year) in data:
            self.add_error(
                None,
                f"Target triwulan dan alasan PK perlu target Renstra atau target PK tahun {self.report_year}.",
            )
        return data


class TargetGridBase(GridFormSet):
    """The grid of a report year: rows keyed by indicator code, each row's item its ``IndicatorResult``."""

    model = Target
    written = WRITTEN
    note_subject = NoteSubject.TARGET

    def __init__(self, *args, report_year, results, **kwargs):
        self.report_year = report_year
        self.year = report_year.year
        renstra = results.snapshot.renstra
        self.years = list(renstra.years) if renstra else []
        rows = [(indicator.code, indicator.code, indicator) for indicator in results.indicators]
        self.frozen = sorted(frozen_years(report_year.agency_id) & set(self.years))
        self.form = TargetForm.for_period(self.years, self.year, self.frozen)
        super().__init__(*args, rows=rows, **kwargs)

    def stored_pks(self):
        """The report year's targets (the row's history is that of its report year's Renstra and PK target)."""
        if self.year not in self.years:
            return {}
        targets = Target.objects.filter(
            indicator__agency=self.report_year.agency,
            renstra_year__renstra__start_year=self.years[0],
            renstra_year__year=self.year,
        )
        return dict(targets.values_list("indicator__code", "pk"))

    @property
    def has_report_columns(self):
        return self.year in self.years

    def initial_for(self, result):
        initial = {}
        for year, target in result.plan.targets.items():
            initial[renstra_field(year)] = target.renstra or ""
            if year == self.year:
                initial["agreement_value"] = target.agreement or ""
                initial["agreement_reason"] = target.agreement_reason
                initial.update({q: v or "" for q, v in zip(QUARTERS, target.quarters, strict=True)})
        return initial

    def _load(self, codes):
        """The changed rows' indicators by code, the period's years by year, and their targets by (indicator id,
        year): one query each, with what ``Target.clean`` and the deletion signal read already joined."""
        agency = self.report_year.agency
        indicators = {i.code: i for i in Indicator.objects.filter(agency=agency, code__in=codes)}
        years = {
            y.year: y
            for y in RenstraYear.objects.filter(
                renstra__agency=agency, renstra__start_year=self.years[0], year__in=self.years
            ).select_related("renstra")
        }
        targets = Target.objects.filter(
            indicator__in=indicators.values(), renstra_year__in=years.values()
        ).select_related("renstra_year__renstra", "indicator")
        existing = {(t.indicator_id, t.renstra_year.year): t for t in targets}
        return indicators, years, existing

    def _values(self, form, year, stored):
        """The Target fields of ``year`` after the row's edit: the report year's from the row, another year's
        Renstra target from the row and the rest as stored."""
        data = form.cleaned_data
        if year == self.year:
            return {name: data[name] for name in WRITTEN if name != "renstra_value"} | {
                "renstra_value": data[renstra_field(year)]
            }
        kept = {name: getattr(stored, name) if stored else "" for name in WRITTEN}
        return kept | {"renstra_value": data[renstra_field(year)]}

    def clean(self):
        """Build the new, changed and emptied ``Target`` of every changed row and run the model's checks
        (``full_clean``) on each, so a row the model refuses shows the model's message and nothing is written.

        ``full_clean`` leaves out the indicator and the year (just loaded, so they exist), the uniqueness of
        (indicator, year) and the check constraint (a target is updated, never added twice, and an empty one is
        deleted, not written): each would cost a query a row, and the database still enforces them.
        """
        changed = [form for form in self.forms if form.has_changed() and not form.errors]
        if not changed or not self.years:
            return
        indicators, years, existing = self._load([form.key for form in changed])
        for form in changed:
            indicator = indicators[form.key]
            for year, renstra_year in years.items():
                stored = existing.get((indicator.pk, year))
                values = self._values(form, year, stored)
                if not values["renstra_value"] and not values["agreement_value"]:
                    if stored is not None:
                        self.deletes.append(stored)
                    continue
                if stored is not None and all(getattr(stored, n) == v for n, v in values.items()):
                    continue
                target = stored or Target(indicator=indicator, renstra_year=renstra_year)
                for name, value in values.items():
                    setattr(target, name, value)
                try:
                    target.full_clean(
                        exclude=["indicator", "renstra_year"], validate_unique=False, validate_constraints=False
                    )
                except ValidationError as error:
                    self._add_target_error(form, year, error)
                    continue
                self.keep(target)

    @staticmethod
    def _add_target_error(form, year, error):
        """The model's errors of one year's Target, under the row's box for that year's field."""
        renamed = {
            renstra_field(year) if name == "renstra_value" else name: messages
            for name, messages in error.update_error_dict({}).items()
        }
        form.add_model_error(ValidationError(renamed), Target)


TargetGrid = forms.formset_factory(TargetForm, formset=TargetGridBase, extra=0)


@login_required
@require_http_methods(["GET", "POST"])
def page(request, code, year):
    return grid_page(
        request,
        code,
        year,
        grid_class=TargetGrid,
        template="web/targets.html",
        tab="targets",
        saved_message=lambda saved: f"Target {saved} indikator disimpan.",
    )


urlpatterns = [path("targets/", page, name="targets")]
