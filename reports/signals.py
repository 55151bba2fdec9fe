"""Every change to an agency's data makes its stored PDFs stale and queues one render per report year.

The models watched are those of ``agencies.access.AGENCY_LOOKUPS`` (every model an agency owns) outside this
app, the government (its head signs the Perjanjian Kinerja of every agency) and the many-to-many links between
them; the access lists (members, reviewers) are not printed and not watched. A change is counted per agency,
not per year: a report prints earlier years beside its own, and a year whose HTML did not change costs the worker
only its fingerprint.

An import writes in bulk, without per-row signals, and announces its agency with ``agency_data_changed``.

Changes are collected per thread and handled when the transaction commits, so an admin form saving fifty rows
or a bulk deletion costs one look at the render state, and a rolled-back change queues nothing at once (its
agencies are looked at with the next commit, which can only find their PDFs up to date).
"""

import threading

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from agencies.access import AGENCY_LOOKUPS, agency_id_of
from agencies.models import Agency, Government, ReportYear
from agencies.signals import agency_data_changed
from reports.models import StoredPdf
from reports.tasks import queue_render

_pending = threading.local()


def note_changed(agency_ids):
    """Remember that the data of ``agency_ids`` changed; queue their renders when the transaction commits."""
    agency_ids = {pk for pk in agency_ids if pk is not None}
    if not agency_ids:
        return
    if not hasattr(_pending, "agency_ids"):
        _pending.agency_ids = set()
    _pending.agency_ids |= agency_ids
    transaction.on_commit(_queue_pending)


def _queue_pending():
    agency_ids, _pending.agency_ids = _pending.agency_ids, set()
    if not agency_ids:
        return
    delay = settings.PDF_RENDER_DELAY
    for report_year in ReportYear.objects.filter(agency_id__in=agency_ids):
        queue_render(report_year, delay=delay, changed=True)


def _agency_ids(model, objects):
    """The agencies owning ``objects`` (instances, or primary keys of ``model``)."""
    if model is Government:
        return Agency.objects.filter(government__in=objects).values_list("pk", flat=True)
    lookup = AGENCY_LOOKUPS[model._meta.label_lower]
    if all(isinstance(obj, model) for obj in objects):
        return [agency_id_of(obj) for obj in objects]
    return model.objects.filter(pk__in=objects).values_list(lookup or "pk", flat=True)


def _saved_or_deleted(sender, instance, **kwargs):
    note_changed(_agency_ids(sender, [instance]))


def _links_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    changed = _agency_ids(type(instance), [instance])
    if pk_set:
        changed = [*changed, *_agency_ids(model, pk_set)]
    note_changed(changed)


def _changed_in_bulk(sender, agency_ids, **kwargs):
    note_changed(agency_ids)


def _delete_file(sender, instance, **kwargs):
    """A stored PDF's file goes with its record, once the deletion is committed."""
    name = instance.file.name
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


# The apps whose models hold what the report prints; the consumers' own models (stored PDFs, uploads) do not.
DATA_APPS = ("agencies", "indicators", "budgets")


def watched_models():
    """The models whose saves and deletions change printed data."""
    owned = [apps.get_model(label) for label in AGENCY_LOOKUPS if label.split(".")[0] in DATA_APPS]
    return [Government, *owned]


def connect():
    """Connect the handlers (from ``ReportsConfig.ready``)."""
    models = watched_models()
    for model in models:
        post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=f"lakip-pdf-save-{model._meta.label}")
        post_delete.connect(_saved_or_deleted, sender=model, dispatch_uid=f"lakip-pdf-delete-{model._meta.label}")
        for field in model._meta.local_many_to_many:
            if field.related_model in models:
                m2m_changed.connect(_links_changed, sender=field.remote_field.through, dispatch_uid=str(field))
    agency_data_changed.connect(_changed_in_bulk, dispatch_uid="lakip-pdf-bulk")
    post_delete.connect(_delete_file, sender=StoredPdf, dispatch_uid="lakip-pdf-file")
