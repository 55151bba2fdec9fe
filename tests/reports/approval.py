"""Approved versions for the tests of the approved PDF and the public pages, written with the models directly.

``approve`` writes version ``number`` of a report year, then moves the report year to approved with a save of its
status alone (the freeze guard allows that): create the report's data before approving. The version's
``lakip/1`` and ``lakip-results/1`` are named, not stored: these tests read only its PDF.
"""

import hashlib
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile

from domain.enums import ReportStatus
from review.models import ReportVersion

JAKARTA = ZoneInfo("Asia/Jakarta")
REVIEWER = {
    "reviewer_name": "Drs. Ahmad Fauzi, M.Si.",
    "reviewer_nip": "197402101993111001",
    "reviewer_title": "Inspektur Daerah",
    "reviewed_city": "Bengkulu",
    "reviewed_on": date(2025, 3, 10),
}
APPROVED_AT = datetime(2025, 3, 10, 9, 30, tzinfo=JAKARTA)


def approve(report_year, *, number=1, approved_at=APPROVED_AT, achievement=Decimal("89.50"), **fields):
    """Version ``number`` of ``report_year``, approved at ``approved_at``; the report year is approved too."""
    version = ReportVersion.objects.create(
        report_year=report_year,
        number=number,
        approved_at=approved_at,
        achievement=achievement,
        lakip=f"versi/{report_year.year}/{report_year.agency.code}/v{number}/lakip.json",
        lakip_sha256="0" * 64,
        results=f"versi/{report_year.year}/{report_year.agency.code}/v{number}/results.json",
        results_sha256="0" * 64,
        **{**REVIEWER, **fields},
    )
    report_year.status = ReportStatus.APPROVED
    report_year.save()
    return version


def reopen(version, *, at=datetime(2025, 4, 2, 14, 0, tzinfo=JAKARTA)):
    """Reopen ``version``: it is kept, marked reopened, and its report year is a draft again."""
    version.reopened_at = at
    version.reopen_reason = "Realisasi IKU-1 perlu dikoreksi."
    version.save()
    report_year = version.report_year
    report_year.status = ReportStatus.DRAFT
    report_year.save()
    return version


def attach_pdf(version, data):
    """Give ``version`` the PDF ``data`` as the render queue does (storage, then name and SHA-256)."""
    report_year = version.report_year
    version.pdf.save(f"LAKIP-{report_year.year}-{report_year.agency.code}-v{version.number}.pdf", ContentFile(data))
    version.pdf_sha256 = hashlib.sha256(data).hexdigest()
    version.save()
    return version
