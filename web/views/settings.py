"""The Pengaturan page: ``/agencies/<code>/<year>/settings/``, the agency's computation settings and its head.

The settings belong to the agency, not to the year: the page sits under a year only to keep the year's tabs. A
save goes through ``Agency.save()`` (``ModelForm.save``), so the signals of ``reports.signals`` mark every stored
PDF of the agency stale and queue its renders, as an admin save does. Each field's wrapper has the id
``field-<name>``, where a finding (``#field-head_nip``, ``#field-category_bands``) links. A locked year
(``web.locking``) shows the settings read-only and refuses their save; their history is the agency's.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods

from agencies.access import get_report_year_or_404
from domain.rules import DEFAULT_CATEGORY_BANDS
from web.asides import Aside, history_url
from web.grid import RowError
from web.locking import lock_message, refuse_if_locked
from web.settings_forms import AgencySettingsForm


@login_required
@require_http_methods(["GET", "POST"])
def page(request, code, year):
    report_year = get_report_year_or_404(request.user, code, year)
    agency = report_year.agency
    page_url = reverse("web:agency_settings", args=[agency.code, report_year.year])
    if request.method == "POST" and (refused := refuse_if_locked(request, report_year, page_url)):
        return refused
    form = AgencySettingsForm(request.POST if request.method == "POST" else None, instance=agency)
    if form.is_bound and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(
            request, "Pengaturan tersimpan. Capaian, kategori dan PDF laporan dihitung ulang dengan pengaturan ini."
        )
        return redirect(page_url)
    errors = [
        RowError(f"field-{name}", str(form[name].label), "", message)
        for name, found in form.errors.items()
        if name in form.fields
        for message in found
    ]
    errors += [RowError("", "", "", message) for message in form.non_field_errors()]
    return render(
        request,
        "web/agency_settings.html",
        {
            "tab": "agency_settings",
            "agency": agency,
            "report_year": report_year,
            "lock": lock_message(report_year),
            "aside": Aside(history_url=history_url(report_year, "agency", agency.pk)),
            "form": form,
            "errors": errors,
            "default_bands": [(label, minimum) for minimum, label in DEFAULT_CATEGORY_BANDS],
        },
    )


urlpatterns = [path("settings/", page, name="agency_settings")]
