"""The Narasi page: ``/agencies/<code>/<year>/narratives/``, the year's narrative sections in report order.

Each section is its own form: saving one writes that section only, in one transaction, and a refusal names the
section and the field. "Pratinjau" renders the typed Markdown with ``presentation.markdown.render_markdown``, the
sanitiser the PDF prints with, without saving: as a plain submit (the whole page comes back with the typed text
and its preview) or, with htmx, as the text is typed (only the preview comes back). A section is deleted after a
confirmation page, by POST.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from agencies.access import get_report_year_or_404
from domain.enums import Chapter
from presentation.markdown import render_markdown
from web.grid import row_id
from web.narrative_forms import NarrativeForm, NewNarrativeForm, form_errors, report_order


def _page_url(report_year, key=""):
    url = reverse("web:narratives", args=[report_year.agency.code, report_year.year])
    return f"{url}#{row_id(key)}" if key else url


def _render(request, report_year, *, bound=None, add_form=None, preview=None, errors=()):
    """The page with every section's form; ``bound`` is the one section's form coming back from a POST, shown
    with what was typed, ``preview`` its rendered text."""
    narratives = list(report_year.narratives.all())
    sections = []
    for placed, narrative in report_order(narratives):
        form = bound if bound is not None and bound.instance.pk == narrative.pk else NarrativeForm(instance=narrative)
        sections.append(
            {
                "placed": placed,
                "chapter_label": Chapter.label_of(placed.chapter),
                "key": narrative.key,
                "form": form,
                "preview": preview if form is bound else None,
                "open": form is bound,
            }
        )
    return render(
        request,
        "web/narratives.html",
        {
            "tab": "narratives",
            "agency": report_year.agency,
            "report_year": report_year,
            "sections": sections,
            "add_form": add_form or NewNarrativeForm(report_year=report_year, taken=narratives),
            "errors": errors,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def page(request, code, year):
    """The list of sections; a POST adds a section."""
    report_year = get_report_year_or_404(request.user, code, year)
    if request.method == "GET":
        return _render(request, report_year)
    form = NewNarrativeForm(request.POST, report_year=report_year, taken=report_year.narratives.all())
    if form.is_valid():
        narrative = form.save()
        messages.success(request, f"Bagian «{narrative}» ditambahkan.")
        return redirect(_page_url(report_year, narrative.key))
    return _render(request, report_year, add_form=form, errors=form_errors(form, "new-section", "Bagian baru"))


@login_required
@require_POST
def section(request, code, year, key):
    """Save one section (``action=save``) or show its preview (``action=preview``)."""
    report_year = get_report_year_or_404(request.user, code, year)
    narrative = get_object_or_404(report_year.narratives, key=key)
    label = str(narrative)
    form = NarrativeForm(request.POST, instance=narrative)
    if request.POST.get("action") == "preview":
        preview = render_markdown(form.typed_text())
        if request.htmx:
            return render(request, "web/_narrative_preview.html", {"preview": preview})
        return _render(request, report_year, bound=form, preview=preview)
    if form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, f"Bagian «{narrative}» tersimpan.")
        return redirect(_page_url(report_year, key))
    return _render(request, report_year, bound=form, errors=form_errors(form, form.row_id, label))


@login_required
@require_http_methods(["GET", "POST"])
def delete(request, code, year, key):
    """A page asking to confirm; its POST deletes the section."""
    report_year = get_report_year_or_404(request.user, code, year)
    narrative = get_object_or_404(report_year.narratives, key=key)
    if request.method == "POST":
        narrative.delete()
        messages.success(request, f"Bagian «{narrative}» dihapus.")
        return redirect(_page_url(report_year))
    return render(
        request,
        "web/_narrative_delete.html",
        {
            "tab": "narratives",
            "agency": report_year.agency,
            "report_year": report_year,
            "narrative": narrative,
            "back": _page_url(report_year, key),
        },
    )


urlpatterns = [
    path("narratives/", page, name="narratives"),
    path("narratives/<slug:key>/", section, name="narrative"),
    path("narratives/<slug:key>/delete/", delete, name="narrative_delete"),
]
