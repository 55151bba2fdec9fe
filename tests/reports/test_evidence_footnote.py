"""The footnote of a provisional or pending realisation names the files uploaded as its evidence, with their dates."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from domain.enums import RealisationStatus
from indicators.models import EvidenceFile, Realisation
from reports.pdf import render_pdf
from tests.reports.pdftext import read_pdf

pytestmark = pytest.mark.django_db


def attach(realisation, name, day):
    """An evidence file of ``realisation`` uploaded at noon (Jakarta) of ``day``."""
    evidence = EvidenceFile(realisation=realisation, name=name, content_type="application/pdf", size=9, sha256="0")
    evidence.file.save("bukti.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    evidence.save()
    noon = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    EvidenceFile.objects.filter(pk=evidence.pk).update(uploaded_at=noon)


def test_the_footnote_lists_the_files_names_and_days(import_demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agency = import_demo("belitung-timur-2024")
    realisations = {r.indicator.code: r for r in Realisation.objects.filter(indicator__agency=agency, year=2024)}
    pending, provisional, final = realisations["IKU-1"], realisations["IKU-2"], realisations["IKU-3"]
    Realisation.objects.filter(pk=pending.pk).update(status=RealisationStatus.PENDING)
    Realisation.objects.filter(pk=provisional.pk).update(status=RealisationStatus.PROVISIONAL)
    Realisation.objects.filter(pk=final.pk).update(status=RealisationStatus.FINAL)
    attach(pending, "SK Kepala BKPSDM 2024.pdf", datetime.date(2025, 3, 5))
    for number in range(1, 8):
        attach(provisional, f"Rekap triwulan {number}.pdf", datetime.date(2025, 1, number))
    attach(final, "Foto apel pagi.pdf", datetime.date(2025, 2, 1))

    text = read_pdf(render_pdf(agency, 2024)).text

    assert "Berkas bukti: SK Kepala BKPSDM 2024.pdf (5 Maret 2025)." in text
    assert (
        "Berkas bukti: Rekap triwulan 1.pdf (1 Januari 2025); Rekap triwulan 2.pdf (2 Januari 2025); "
        "Rekap triwulan 3.pdf (3 Januari 2025); Rekap triwulan 4.pdf (4 Januari 2025); "
        "Rekap triwulan 5.pdf (5 Januari 2025); dan 2 berkas lain." in text
    )
    assert "Rekap triwulan 6.pdf" not in text
    # A final realisation carries no footnote, so its files are not printed.
    assert "Foto apel pagi.pdf" not in text
