"""An approved report is frozen: no record of its agency-year may be saved or deleted, by any path.

The records of an agency-year are those that carry the year: its ``ReportYear`` (whose state alone the review
workflow may still move), narratives and finding notes, the targets and realisations of that year (and their
evidence files), the sasaran narratives and budgets of that year, the budget lines' figures of that year and the
budget by expense type. Records that span the years of a Renstra (the plan, its indicators and budget lines, the
agency's settings) serve the other years and stay open; what was approved cannot move with them, since its PDF,
``lakip/1`` and ``lakip-results/1`` are stored as the version (``review.ReportVersion``).

The guard is a ``pre_save`` and ``pre_delete`` handler on each of those models (connected in
``AgenciesConfig.ready``), so the admin, a page, an import or a shell all meet it, and a deletion that cascades
from a parent meets it row by row. Bulk writes send no per-row signal: the pages and imports that write in bulk
ask ``frozen_years`` first, and the admin asks ``frozen_problem`` while it validates a form, so that a person
reads a sentence rather than meets the guard.

The models are named by label, so this module imports none of the data apps above it.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.signals import pre_delete, pre_save

from agencies.models import ReportYear
from domain.enums import ReportStatus

# How each model reaches its agency and its year, as lookups from the model.
YEAR_LOOKUPS = {
    "agencies.narrative": ("report_year__agency", "report_year__year"),
    "agencies.findingnote": ("report_year__agency", "report_year__year"),
    "indicators.target": ("indicator__agency", "renstra_year__year"),
    "indicators.realisation": ("indicator__agency", "year"),
    "indicators.evidencefile": ("realisation__indicator__agency", "realisation__year"),
    "indicators.objectivenarrative": ("objective__renstra__agency", "year"),
    "budgets.budgetfigure": ("line__agency", "year"),
    "budgets.objectivebudget": ("objective__renstra__agency", "year"),
    "budgets.expensetypebudget": ("report_year__agency", "report_year__year"),
}


class FrozenError(ValidationError):
    """A change to the data of an approved report."""


def frozen_message(year):
    return (
        f"Laporan tahun {year} sudah disetujui Inspektorat: datanya dikunci. Minta reviewer membuka kembali "
        "laporan untuk mengubahnya (versi baru)."
    )


def frozen_years(agency_id):
    """The years of ``agency_id`` whose report is approved, as a set (one query)."""
    return set(
        ReportYear.objects.filter(agency_id=agency_id, status=ReportStatus.APPROVED).values_list("year", flat=True)
    )


def _follow(obj, lookup):
    """The value at ``lookup`` from ``obj`` by attributes; the last hop to a model reads its ``_id``."""
    *path, last = lookup.split("__")
    for name in path:
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    if hasattr(obj, f"{last}_id"):
        return getattr(obj, f"{last}_id")
    return getattr(obj, last, None)


def _places(instance):
    """The (agency id, year) pairs a save or deletion of ``instance`` touches: where it is now and, for a stored
    row, where it was (moving a realisation out of an approved year changes that year too)."""
    agency_lookup, year_lookup = YEAR_LOOKUPS[instance._meta.label_lower]
    places = {(_follow(instance, agency_lookup), _follow(instance, year_lookup))}
    if instance.pk is not None:
        stored = type(instance)._default_manager.filter(pk=instance.pk).values_list(agency_lookup, year_lookup)
        places.update(stored)
    return {place for place in places if None not in place}


def _report_year_problem(report_year):
    """A stored report year that is approved may change its state (the review workflow), nothing else."""
    if report_year.pk is None:
        return None
    fields = [f.attname for f in ReportYear._meta.concrete_fields if f.attname != "status"]
    stored = ReportYear.objects.filter(pk=report_year.pk).values("status", *fields).first()
    if stored is None or stored["status"] != ReportStatus.APPROVED:
        return None
    if any(stored[name] != getattr(report_year, name) for name in fields):
        return frozen_message(stored["year"])
    return None


def frozen_problem(instance):
    """Why ``instance`` may not be saved now (a sentence), or None."""
    if isinstance(instance, ReportYear):
        return _report_year_problem(instance)
    if instance._meta.label_lower not in YEAR_LOOKUPS:
        return None
    places = _places(instance)
    if not places:
        return None
    where = Q()
    for agency_id, year in places:
        where |= Q(agency_id=agency_id, year=year)
    year = ReportYear.objects.filter(where, status=ReportStatus.APPROVED).values_list("year", flat=True).first()
    return None if year is None else frozen_message(year)


def deletion_problem(instance):
    """Why ``instance`` may not be deleted now (a sentence), or None."""
    if isinstance(instance, ReportYear):
        stored = ReportYear.objects.filter(pk=instance.pk).values_list("status", "year").first()
        return frozen_message(stored[1]) if stored and stored[0] == ReportStatus.APPROVED else None
    return frozen_problem(instance)


def _refuse_save(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata writes fixtures as they are
        return
    problem = frozen_problem(instance)
    if problem:
        raise FrozenError(problem)


def _refuse_delete(sender, instance, **kwargs):
    problem = deletion_problem(instance)
    if problem:
        raise FrozenError(problem)


def guarded_models():
    return [ReportYear, *(apps.get_model(label) for label in YEAR_LOOKUPS)]


def connect():
    """Connect the guard (from ``AgenciesConfig.ready``)."""
    for model in guarded_models():
        label = model._meta.label
        pre_save.connect(_refuse_save, sender=model, dispatch_uid=f"lakip-freeze-save-{label}")
        pre_delete.connect(_refuse_delete, sender=model, dispatch_uid=f"lakip-freeze-delete-{label}")
