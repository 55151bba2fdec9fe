"""Entry grids: many rows of one kind edited on one page, saved all together or not at all.

A grid is a Django formset whose forms each stand for one row (an indicator, a budget line...). The row's
``key`` is the code a planner knows it by (``IKU-3``, ``1.02.01``) and gives the row its HTML id, so a finding
or an error summary can link to it; ``label`` names it in messages. ``GridFormSet.save`` writes every changed
row in one transaction: an error in the last row leaves every row unsaved, since no row is written before
all are valid.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import router, transaction
from django.db.models.deletion import Collector
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT, ManagementForm
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from agencies.access import get_report_year_or_404
from agencies.signals import agency_data_changed
from performance.results import compute_results
from performance.snapshot import load_snapshot
from web.asides import row_asides
from web.locking import lock_message, refuse_if_locked


def row_id(key):
    """The HTML id of a grid row: ``row-iku-3`` for ``IKU-3`` (what a finding's link points at)."""
    return f"row-{slugify(key)}"


@dataclass(frozen=True)
class RowError:
    """One error of a grid: the row (its id and name), the field (its label, "" for the row itself), and why."""

    row: str
    row_label: str
    field: str
    message: str

    def __str__(self):
        where = f"{self.row_label} · {self.field}" if self.field else self.row_label
        return f"{where}: {self.message}"


def form_errors(form, row, label):
    """The errors of one form as ``RowError``: ``row`` is the id of the row (or box) it is shown in, ``label`` its
    name in messages; each error names its field by label."""
    return [
        RowError(row, label, "" if name == NON_FIELD_ERRORS else str(form.fields[name].label or name), str(message))
        for name, messages in form.errors.items()
        for message in messages
    ]


class SharedFields(dict):
    """The declared fields of a grid form's class, shared by all its rows.

    Django deep-copies every field (and its widget) for every form it makes, so that one form may change its fields
    without touching another's; a grid of 150 rows would copy over a thousand. A grid's rows never change the fields
    they share (a row that needs fields of its own adds new ones to its ``fields``), so a plain copy of the mapping
    is enough.
    """

    def __deepcopy__(self, memo):
        return dict(self)


class GridForm(forms.Form):
    """One row of a grid. ``GridFormSet`` gives each form its ``key``, ``label`` and ``obj`` (the row's item) from
    its ``rows``. The rows share their declared fields (``SharedFields``)."""

    key = ""
    label = ""

    def __init__(self, *args, **kwargs):
        cls = type(self)
        if not isinstance(cls.__dict__.get("base_fields"), SharedFields):
            cls.base_fields = SharedFields(cls.base_fields)
        super().__init__(*args, **kwargs)

    @property
    def html_names(self):
        """The names of the row's boxes in the request, comma-separated (what htmx's ``hx-params`` takes)."""
        return ",".join(self.add_prefix(name) for name in self.fields)

    @property
    def row_id(self):
        return row_id(self.key)

    def add_model_error(self, error: ValidationError, model=None):
        """Show the errors of a model's ``full_clean`` on this row: under the field's box where the row has that
        field, else as an error of the row naming the model field (its ``verbose_name`` when ``model`` is given).
        """
        by_field = error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
        for name, found in by_field.items():
            if name in self.fields:
                self.add_error(name, found)
                continue
            if name != NON_FIELD_ERRORS and model is not None:
                name = model._meta.get_field(name).verbose_name
            prefix = "" if name == NON_FIELD_ERRORS else f"{name}: "
            self.add_error(None, [f"{prefix}{m}" for m in found])


class GridFormSet(forms.BaseFormSet):
    """A formset of ``GridForm`` rows, one per item of ``rows`` (key, label, the row's object).

    Subclasses set ``form``, ``model`` and ``written`` (the model fields a row writes) and a ``report_year``; while
    validating, they ``keep`` each changed row's checked object and put those to delete in ``deletes``. Every row
    is validated before any is written; ``save`` writes what was kept in one transaction, in bulk.
    """

    model = None
    written = ()
    # The subject of the review notes shown beside the rows (``domain.review.NoteSubject``), "" for none.
    note_subject = ""

    def __init__(self, *args, rows, **kwargs):
        self.creates, self.updates, self.deletes = [], [], []
        self.rows = list(rows)
        kwargs.setdefault("initial", [self.initial_for(obj) for _key, _label, obj in self.rows])
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = self.with_omitted_as_initial(self.data)

    def with_omitted_as_initial(self, data):
        """``data`` with every field a request left out read as the row's initial value, so that a field not sent
        is a field not changed.

        A browser posts only the fields the planner changed (static/js/grid.js drops the others: a grid of 150 rows
        of 9 boxes is more fields than Django reads from one request) and the live preview posts one row. A field
        whose widget cannot be left out (a checkbox: absent means unticked) is never filled in.
        """
        filled = QueryDict(mutable=True)
        for key in data:
            filled.setlist(key, data.getlist(key) if isinstance(data, QueryDict) else [data[key]])
        for i, initial in enumerate(self.initial):
            for name, field in self.form.base_fields.items():
                key = f"{self.add_prefix(i)}-{name}"
                if field.widget.value_omitted_from_data(data, {}, key):
                    # As the widget shows it: a select's is the list of its chosen values.
                    value = field.widget.format_value(field.prepare_value(initial.get(name)))
                    filled.setlist(key, value if isinstance(value, list) else ["" if value is None else value])
        return filled

    def initial_for(self, obj):
        """The row's values as the form shows them before any change."""
        raise NotImplementedError

    def stored_pks(self):
        """The primary key of each row's stored ``model`` object of the year, by row key: whose history the row
        links to (one query)."""
        return {}

    def total_form_count(self):
        return len(self.rows)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.key, form.label, form.obj = self.rows[i]
        return form

    @cached_property
    def management_form(self):
        """The grid's rows are fixed by the server, not by the browser: the count is the rows', always, whatever
        a request's data says (a bound grid reads its forms' count from here)."""
        count = len(self.rows)
        data = {self.add_prefix(TOTAL_FORM_COUNT): count, self.add_prefix(INITIAL_FORM_COUNT): count}
        form = ManagementForm(data, auto_id=self.auto_id, prefix=self.prefix)
        form.full_clean()
        return form

    def row_errors(self):
        """Every error of the grid as ``RowError``, in row order, each naming its row and field."""
        found = [error for form in self.forms for error in form_errors(form, form.row_id, form.label)]
        found.extend(RowError("", "", "", str(m)) for m in self.non_form_errors())
        return found

    def changed_forms(self):
        return [form for form in self.forms if form.has_changed()]

    def form_for(self, key):
        """The form of the row ``key`` alone, bound like the grid's (for a request about one row); None for a key
        the grid has no row for."""
        index = next((i for i, (k, _label, _obj) in enumerate(self.rows) if k == key), None)
        return None if index is None else self._construct_form(index)

    def keep(self, obj):
        """Write ``obj`` (checked with its ``full_clean``) when the grid is saved: created if new, else updated."""
        (self.updates if obj.pk else self.creates).append(obj)

    def save(self, user):
        """Writes every changed row in one transaction, in ``user``'s name, and returns how many rows changed. Call
        after ``is_valid()``: a grid with any error writes nothing."""
        changed = self.changed_forms()
        with transaction.atomic():
            write_in_bulk(
                self.model,
                agency_id=self.report_year.agency_id,
                user=user,
                creates=self.creates,
                updates=self.updates,
                fields=self.written,
                deletes=self.deletes,
            )
        return len(changed)


def write_in_bulk(model, *, agency_id, user, creates=(), updates=(), fields=(), deletes=()):
    """Write a grid's rows of ``model`` in a fixed number of queries: create ``creates``, update ``fields`` of
    ``updates``, delete ``deletes`` (the loaded objects themselves: a queryset's deletion would look up each row's
    agency for the deletion signals), then say the agency's data changed (bulk writes send no per-row signal, and
    the stored PDF must go stale).

    The creations and updates are written with their audit records (django-simple-history's bulk helpers, one
    more query each, in ``user``'s name); a deletion sends its per-row signals, which record it. Bulk writes skip
    the freeze guard (``agencies.freeze``) too: the grid refuses a locked year before it gets here.
    """
    if creates:
        bulk_create_with_history(creates, model, default_user=user)
    if updates:
        bulk_update_with_history(updates, model, fields, default_user=user)
    if deletes:
        collector = Collector(using=router.db_for_write(model))
        collector.collect(deletes)
        collector.delete()
    agency_data_changed.send(sender=model, agency_ids=[agency_id])


def grid_page(request, code, year, *, grid_class, template, tab, saved_message, context=None):
    """A grid's page: the grid of the report year (404 for a user who may not see the agency), saved on POST and
    redirected back with ``saved_message(count)``, or shown with its errors. ``context(results, grid)`` adds what
    the template needs beyond the grid.

    A locked year (``web.locking``) refuses the POST before reading it and shows the grid read-only. Each row gets
    its ``aside`` (``web.asides``): the review notes pinned to it and the address of its history."""
    report_year = get_report_year_or_404(request.user, code, year)
    page_url = reverse(f"web:{tab}", args=[code, year])
    if request.method == "POST" and (refused := refuse_if_locked(request, report_year, page_url)):
        return refused
    results = compute_results(load_snapshot(report_year.agency, year), year)
    grid = grid_class(request.POST or None, report_year=report_year, results=results)
    if request.method == "POST" and grid.is_valid():
        saved = grid.save(request.user)
        messages.success(request, saved_message(saved) if saved else "Tidak ada perubahan.")
        return redirect(page_url)
    asides = row_asides(
        report_year,
        grid.note_subject,
        [(form.key, form.row_id) for form in grid.forms],
        page_url=page_url,
        model_name=grid.model._meta.model_name,
        stored=grid.stored_pks(),
    )
    for form in grid.forms:
        form.aside = asides[form.key]
    return render(
        request,
        template,
        {
            "agency": report_year.agency,
            "report_year": report_year,
            "tab": tab,
            "lock": lock_message(report_year),
            "results": results,
            "grid": grid,
            "errors": grid.row_errors() if grid.is_bound else [],
            **(context(results, grid) if context else {}),
        },
    )
