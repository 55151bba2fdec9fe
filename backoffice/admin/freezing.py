"""Approved reports are frozen in the admin too: shown read-only, a change refused with a sentence, never a 500.

``agencies.freeze`` refuses every save and deletion of an approved agency-year in the model layer; the admin asks
it first, so that a person reads why instead of meeting the guard:

- A stored object whose agency-year is approved (and an approved ``ReportYear``) gives no change, delete or, for an
  inline, add permission (``frozen_as_stored``): its page and its inlines show read-only and a POST is refused (403).
- A form whose result would land in an approved year, such as a realisation added to or moved into 2024 once 2024
  is approved, is refused by a form error with ``agencies.freeze.frozen_message`` (``FreezeCheckedForm``); an inline
  row marked for deletion in an approved year refuses its formset (``FreezeCheckedInlineFormSet``).
- A deletion whose cascade reaches a row of an approved year (an agency, an indicator, a budget line) is shown as
  refused on its confirmation page, naming the years and what it would take with it (``cascade_problems``).
- Anything the checks could not foresee (a Renstra whose new period drops the targets of an approved year) is
  caught by ``FreezeAwareAdmin`` as the guard's ``FrozenError``: the transaction rolls back and the page says why.
"""

from collections import Counter, defaultdict

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect

from agencies.freeze import YEAR_LOOKUPS, FrozenError, deletion_problem, frozen_message, frozen_problem
from agencies.models import ReportYear
from domain.enums import ReportStatus


def frozen_as_stored(obj):
    """Why ``obj``, as stored, may not change (its agency-year is approved), or None. Asked once per object: the
    admin asks a page's permissions several times, and the object lives for one request."""
    if obj is None or obj.pk is None:
        return None
    if not hasattr(obj, "_lakip_frozen"):
        obj._lakip_frozen = deletion_problem(obj)
    return obj._lakip_frozen


class FreezeCheckedForm(forms.ModelForm):
    """A model form that refuses a result landing in an approved year, once the instance holds the typed values.

    A stored row left unchanged is not asked: an inline shows the rows of every year, and the approved ones stay
    as they are.
    """

    def _post_clean(self):
        super()._post_clean()
        if self.instance.pk is not None and not self.has_changed():
            return
        problem = frozen_problem(self.instance)
        if problem:
            self.add_error(None, problem)


class FreezeCheckedInlineFormSet(BaseInlineFormSet):
    """An inline formset that refuses to delete a row of an approved year (the formset skips the errors of the
    forms it deletes, so the form's own check cannot say it)."""

    def clean(self):
        super().clean()
        for form in self.forms:
            if form.instance.pk is not None and self.can_delete and self._should_delete_form(form):
                problem = deletion_problem(form.instance)
                if problem:
                    raise ValidationError(problem)


def _places(model, pks):
    """``(agency id, year)`` of each row of ``model`` among ``pks`` that a frozen year could hold (one query)."""
    if model is ReportYear:
        return model.objects.filter(pk__in=pks, status=ReportStatus.APPROVED).values_list("agency_id", "year")
    lookups = YEAR_LOOKUPS.get(model._meta.label_lower)
    if lookups is None:
        return []
    return model.objects.filter(pk__in=pks).values_list(*lookups)


def cascade_problems(objs):
    """Sentences for the approved years whose rows deleting ``objs`` would delete with them: one per year, with
    what it would take (``"6 target, 6 realisasi"``); empty when the deletion touches no approved year.

    A fixed number of queries per model reached, whatever the number of rows.
    """
    objs = list(objs)
    if not objs:
        return []
    collector = NestedObjects(using=router.db_for_write(type(objs[0])))
    collector.collect(objs)
    counts = defaultdict(Counter)
    for model, instances in collector.data.items():
        for place in _places(model, [obj.pk for obj in instances]):
            counts[place][str(model._meta.verbose_name_plural)] += 1
    if not counts:
        return []
    where = Q()
    for agency_id, year in counts:
        where |= Q(agency_id=agency_id, year=year)
    approved = ReportYear.objects.filter(where, status=ReportStatus.APPROVED).values_list("agency_id", "year")
    by_year = defaultdict(Counter)
    for agency_id, year in approved:
        by_year[year].update(counts[(agency_id, year)])
    return [
        f"{frozen_message(year)} Penghapusan ini ikut menghapus "
        f"{', '.join(f'{count} {name}' for name, count in by_year[year].items())} tahun itu."
        for year in sorted(by_year)
    ]


class FreezeAwareAdmin:
    """The views of a ModelAdmin meeting the freeze: a deletion reaching an approved year shows as refused on its
    confirmation page, and a ``FrozenError`` raised by a save or a deletion anyway rolls back and is said."""

    def get_deleted_objects(self, objs, request):
        problems = cascade_problems(objs)
        if problems:  # nothing shown as deletable; the refusal reads as the page's "protected" list
            return [], {}, set(), problems
        return super().get_deleted_objects(objs, request)

    def frozen_refusal(self, request, error):
        for message in error.messages:
            self.message_user(request, message, messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except FrozenError as error:
            return self.frozen_refusal(request, error)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except FrozenError as error:
            return self.frozen_refusal(request, error)

    def changelist_view(self, request, extra_context=None):
        """An action (the bulk deletion) runs in a transaction of its own, so a refusal leaves nothing half done."""
        if request.method != "POST":
            return super().changelist_view(request, extra_context)
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                return super().changelist_view(request, extra_context)
        except FrozenError as error:
            return self.frozen_refusal(request, error)
