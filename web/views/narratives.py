"""The Narasi page: ``/agencies/<code>/<year>/narratives/``, the year's narrative sections in report order, then
each sasaran's sections of the year.

Each section is its own form: saving one writes that section only, in one transaction, and a refusal names the
section and the field. "Pratinjau" renders the typed Markdown with ``presentation.markdown.render_markdown``, the
sanitiser the PDF prints with, without saving: as a plain submit (the whole page comes back with the typed text
and its preview) or, with htmx, as the text is typed (only the preview comes back). A section is deleted after a
confirmation page, by POST. The sasaran listed are those of the Renstra the year is measured against
(``performance.snapshot.renstra_for_year``); a sasaran of another period is not found here.

Each section shows the review notes pinned to it (``web.asides``: by its key, or ``<sasaran code>-<key>`` for a
sasaran's) and its history. A locked year (``web.locking``) shows the sections read-only and refuses a save, an
addition or a deletion; a preview, which writes nothing, is still answered.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from agencies.access import get_report_year_or_404
from domain.enums import Chapter
from domain.review import NoteSubject
from indicators.models import Objective, ObjectiveNarrative
from performance.snapshot import renstra_for_year
from presentation.markdown import render_markdown
from web.asides import Aside, history_url, year_notes
from web.grid import form_errors
from web.locking import lock_message, refuse_if_locked
from web.narrative_forms import (
    NarrativeForm,
    NewNarrativeForm,
    NewObjectiveNarrativeForm,
    ObjectiveNarrativeForm,
    objective_anchor,
    report_order,
)


def _page_url(report_year, anchor=""):
    url = reverse("web:narratives", args=[report_year.agency.code, report_year.year])
    return f"{url}#{anchor}" if anchor else url


def _section(form, bound, preview, save_url, delete_url, aside, **extra):
    """One section's entry for the template: its form (``bound`` when the POST was this section's) and its
    ``aside`` (its review notes and history)."""
    is_bound = bound is not None and bound.instance == form.instance
    return {
        "form": bound if is_bound else form,
        "preview": preview if is_bound else None,
        "open": is_bound,
        "save_url": save_url,
        "delete_url": delete_url,
        "aside": aside,
        **extra,
    }


def _aside(report_year, notes, form, pin):
    """The review notes pinned to the section ``pin`` (its anchor) and its history."""
    section = form.instance
    return Aside(
        notes=tuple(notes.get((NoteSubject.NARRATIVE, pin), ())),
        history_url=history_url(report_year, section._meta.model_name, section.pk),
        back=_page_url(report_year, form.row_id),
    )


def _objectives(report_year, bound, preview, notes):
    """Each sasaran of the year's Renstra with its sections of the year and the form adding one."""
    renstra = renstra_for_year(report_year.agency, report_year.year)
    if renstra is None:
        return []
    objectives = list(Objective.objects.filter(renstra=renstra))
    narratives = {objective.pk: [] for objective in objectives}
    year_narratives = ObjectiveNarrative.objects.filter(objective__renstra=renstra, year=report_year.year)
    for narrative in year_narratives.order_by("position", "id"):
        narratives[narrative.objective_id].append(narrative)
    args = [report_year.agency.code, report_year.year]
    groups = []
    for objective in objectives:
        sections = []
        for narrative in narratives[objective.pk]:
            narrative.objective = objective
            form = ObjectiveNarrativeForm(instance=narrative)
            urls = [*args, objective.pk, narrative.key]
            save_url = reverse("web:objective_narrative", args=urls)
            delete_url = reverse("web:objective_narrative_delete", args=urls)
            aside = _aside(report_year, notes, form, objective_anchor(objective, narrative.key))
            sections.append(
                _section(form, bound, preview, save_url, delete_url, aside, title=form.label(), key=narrative.key)
            )
        adding = isinstance(bound, NewObjectiveNarrativeForm) and bound.instance.objective_id == objective.pk
        add_form = bound if adding else None
        groups.append(
            {
                "objective": objective,
                "sections": sections,
                "add_form": add_form
                or NewObjectiveNarrativeForm(
                    objective=objective, year=report_year.year, taken=narratives[objective.pk]
                ),
                "add_url": reverse("web:objective_narratives", args=[*args, objective.pk]),
            }
        )
    return groups


def _render(request, report_year, *, bound=None, preview=None, errors=()):
    """The page with every section's form; ``bound`` is the one form coming back from a POST, shown with what
    was typed, ``preview`` its rendered text."""
    narratives = list(report_year.narratives.all())
    notes = year_notes(report_year, [NoteSubject.NARRATIVE])
    args = [report_year.agency.code, report_year.year]
    sections = []
    for placed, narrative in report_order(narratives):
        form = NarrativeForm(instance=narrative)
        sections.append(
            _section(
                form,
                bound,
                preview,
                reverse("web:narrative", args=[*args, narrative.key]),
                reverse("web:narrative_delete", args=[*args, narrative.key]),
                _aside(report_year, notes, form, narrative.key),
                placed=placed,
                chapter_label=Chapter.label_of(placed.chapter),
                title=placed.title,
                key=narrative.key,
            )
        )
    add_form = bound if isinstance(bound, NewNarrativeForm) else None
    return render(
        request,
        "web/narratives.html",
        {
            "tab": "narratives",
            "agency": report_year.agency,
            "report_year": report_year,
            "lock": lock_message(report_year),
            "sections": sections,
            "add_form": add_form or NewNarrativeForm(report_year=report_year, taken=narratives),
            "objectives": _objectives(report_year, bound, preview, notes),
            "errors": errors,
        },
    )


def _add(request, report_year, form):
    if refused := refuse_if_locked(request, report_year, _page_url(report_year)):
        return refused
    if form.is_valid():
        added = form.edit_form(instance=form.save())
        messages.success(request, f"Bagian «{added.label()}» ditambahkan.")
        return redirect(_page_url(report_year, added.row_id))
    return _render(request, report_year, bound=form, errors=form_errors(form, form.row_id, "Bagian baru"))


def _save_or_preview(request, report_year, form):
    """Save one section (``action=save``) or show its preview (``action=preview``)."""
    if request.POST.get("action") == "preview":
        preview = render_markdown(form.typed_text())
        if request.htmx:
            return render(request, "web/_narrative_preview.html", {"preview": preview})
        return _render(request, report_year, bound=form, preview=preview)
    if refused := refuse_if_locked(request, report_year, _page_url(report_year, form.row_id)):
        return refused
    if form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, f"Bagian «{form.label()}» tersimpan.")
        return redirect(_page_url(report_year, form.row_id))
    return _render(request, report_year, bound=form, errors=form_errors(form, form.row_id, form.label()))


def _delete(request, report_year, section, form):
    """A page asking to confirm; its POST deletes the section."""
    label = form.label()
    if request.method == "POST":
        if refused := refuse_if_locked(request, report_year, _page_url(report_year, form.row_id)):
            return refused
        section.delete()
        messages.success(request, f"Bagian «{label}» dihapus.")
        return redirect(_page_url(report_year))
    return render(
        request,
        "web/_narrative_delete.html",
        {
            "tab": "narratives",
            "agency": report_year.agency,
            "report_year": report_year,
            "lock": lock_message(report_year),
            "label": label,
            "key": section.key,
            "back": _page_url(report_year, form.row_id),
        },
    )


def _year_section(report_year, key):
    return get_object_or_404(report_year.narratives, key=key)


def _objective(report_year, objective_id):
    renstra = renstra_for_year(report_year.agency, report_year.year)
    return get_object_or_404(Objective, pk=objective_id, renstra=renstra)


def _objective_section(report_year, objective_id, key):
    objective = _objective(report_year, objective_id)
    section = get_object_or_404(ObjectiveNarrative, objective=objective, year=report_year.year, key=key)
    section.objective = objective
    return section


@login_required
@require_http_methods(["GET", "POST"])
def page(request, code, year):
    """The sections of the year and of its sasaran; a POST adds a year's section."""
    report_year = get_report_year_or_404(request.user, code, year)
    if request.method == "GET":
        return _render(request, report_year)
    return _add(
        request,
        report_year,
        NewNarrativeForm(request.POST, report_year=report_year, taken=report_year.narratives.all()),
    )


@login_required
@require_POST
def section(request, code, year, key):
    report_year = get_report_year_or_404(request.user, code, year)
    return _save_or_preview(request, report_year, NarrativeForm(request.POST, instance=_year_section(report_year, key)))


@login_required
@require_http_methods(["GET", "POST"])
def delete(request, code, year, key):
    report_year = get_report_year_or_404(request.user, code, year)
    narrative = _year_section(report_year, key)
    return _delete(request, report_year, narrative, NarrativeForm(instance=narrative))


@login_required
@require_POST
def objective_add(request, code, year, objective_id):
    """Add a section to a sasaran's sections of the year."""
    report_year = get_report_year_or_404(request.user, code, year)
    objective = _objective(report_year, objective_id)
    taken = ObjectiveNarrative.objects.filter(objective=objective, year=year)
    return _add(
        request, report_year, NewObjectiveNarrativeForm(request.POST, objective=objective, year=year, taken=taken)
    )


@login_required
@require_POST
def objective_section(request, code, year, objective_id, key):
    report_year = get_report_year_or_404(request.user, code, year)
    narrative = _objective_section(report_year, objective_id, key)
    return _save_or_preview(request, report_year, ObjectiveNarrativeForm(request.POST, instance=narrative))


@login_required
@require_http_methods(["GET", "POST"])
def objective_delete(request, code, year, objective_id, key):
    report_year = get_report_year_or_404(request.user, code, year)
    narrative = _objective_section(report_year, objective_id, key)
    return _delete(request, report_year, narrative, ObjectiveNarrativeForm(instance=narrative))


urlpatterns = [
    path("narratives/", page, name="narratives"),
    path("narratives/<slug:key>/", section, name="narrative"),
    path("narratives/<slug:key>/delete/", delete, name="narrative_delete"),
    path("narratives/objectives/<int:objective_id>/", objective_add, name="objective_narratives"),
    path("narratives/objectives/<int:objective_id>/<slug:key>/", objective_section, name="objective_narrative"),
    path(
        "narratives/objectives/<int:objective_id>/<slug:key>/delete/",
        objective_delete,
        name="objective_narrative_delete",
    ),
]
