"""The public pages, no login: the approved reports of each government, their PDFs, and the verification page.

Only approved versions (``review.ReportVersion``) appear, and only once their PDF is attached (the render queue
attaches it after the approval, ``reports.tasks``): a draft, a submitted or a returned report has no version and
is nowhere here, so a report year without one is a 404. A version reopened later stays listed and verifiable, as
what was approved then, marked with the version that replaced it.

Verification compares the SHA-256 of a PDF with ``ReportVersion.pdf_sha256`` and nothing else. An uploaded file
is hashed chunk by chunk as it arrives (``HashingUploadHandler``, the only upload handler of these views): its
bytes are never kept, in memory or on disk, and past ``LAKIP_VERIFY_MAX_BYTES`` they are only counted. A typed
SHA-256 is read by ``domain.review.normalised_sha256`` (case, spaces and colons forgiven).

Caching: the lists may be kept by any cache for a few minutes (``LIST_MAX_AGE``), a version's PDF for a day (its
bytes never change once attached); the verification pages carry a CSRF token and an answer about one file, so
they are never cached.
"""

import hashlib
from dataclasses import dataclass
from datetime import date
from functools import wraps

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from agencies.models import Government
from domain.evidence import evidence_name, format_size, size_problem
from domain.review import normalised_sha256
from reports.files import pdf_filename
from review.models import ReportVersion

LIST_MAX_AGE = 5 * 60
PDF_MAX_AGE = 24 * 60 * 60


# --- Describing versions -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublishedVersion:
    """A version as the public pages print it."""

    version: ReportVersion
    agency: str
    government: str
    government_code: str
    year: int
    number: int
    approved_on: date  # in the site's time zone, as the reopening
    reopened_on: date | None
    successor: int | None  # the number of the version approved after this one was reopened, if any

    @property
    def is_current(self):
        return self.version.is_current

    @property
    def has_pdf(self):
        return bool(self.version.pdf)


def _published():
    """Every version whose PDF is attached, with what the pages print of its report year."""
    return ReportVersion.objects.filter(pdf__gt="").select_related("report_year__agency__government")


def _describe(versions):
    """``versions`` as ``PublishedVersion``s, in their order; one query finds the successors of reopened ones."""
    versions = list(versions)
    reopened = {v.report_year_id for v in versions if not v.is_current}
    numbers = {}
    for report_year_id, number in ReportVersion.objects.filter(report_year_id__in=reopened).values_list(
        "report_year_id", "number"
    ):
        numbers.setdefault(report_year_id, []).append(number)
    described = []
    for version in versions:
        report_year = version.report_year
        later = [n for n in numbers.get(report_year.pk, []) if n > version.number]
        described.append(
            PublishedVersion(
                version=version,
                agency=report_year.agency.name,
                government=report_year.agency.government.name,
                government_code=report_year.agency.government.code,
                year=report_year.year,
                number=version.number,
                approved_on=timezone.localdate(version.approved_at),
                reopened_on=timezone.localdate(version.reopened_at) if version.reopened_at else None,
                successor=min(later) if later else None,
            )
        )
    return described


# --- The lists and the PDF -----------------------------------------------------------------------------------


@require_GET
@cache_control(public=True, max_age=LIST_MAX_AGE)
def governments(request):
    """``/publik/``: the governments with at least one published version, with how many agencies, report years
    and versions they publish. A version counts once its PDF is attached (the reading chosen: nothing is listed
    that cannot be downloaded)."""
    published = Q(agencies__report_years__versions__pdf__gt="")
    rows = (
        Government.objects.annotate(
            agency_count=Count("agencies", filter=published, distinct=True),
            report_count=Count("agencies__report_years", filter=published, distinct=True),
            version_count=Count("agencies__report_years__versions", filter=published, distinct=True),
        )
        .filter(version_count__gt=0)
        .order_by("name")
    )
    return render(request, "publication/public_index.html", {"governments": rows})


def _year_filter(value, years):
    """The year asked for with ``?tahun=`` if it is one of ``years``, else None (all years)."""
    return int(value) if value.isdigit() and int(value) in years else None


@require_GET
@cache_control(public=True, max_age=LIST_MAX_AGE)
def government_reports(request, government):
    """``/publik/<government>/``: the published versions of the government's agencies, newest year first, then
    by agency and version (a reopened version below the one that replaced it); ``?tahun=2024`` keeps one year."""
    government = get_object_or_404(Government, code=government)
    versions = _published().filter(report_year__agency__government=government)
    years = sorted(set(versions.values_list("report_year__year", flat=True)), reverse=True)
    year = _year_filter(request.GET.get("tahun", ""), years)
    if year is not None:
        versions = versions.filter(report_year__year=year)
    rows = _describe(versions.order_by("-report_year__year", "report_year__agency__name", "-number"))
    return render(
        request,
        "publication/public_government.html",
        {"government": government, "rows": rows, "years": years, "year": year},
    )


@require_GET
def version_pdf(request, token):
    """``/publik/laporan/<token>.pdf``: the version's PDF as an attachment; 404 while it has none."""
    version = get_object_or_404(_published(), token=token)
    report_year = version.report_year
    try:
        opened = version.pdf.open("rb")
    except FileNotFoundError:
        raise Http404("Berkas PDF versi ini tidak ditemukan.") from None
    filename = pdf_filename(report_year.agency, report_year.year, version=version.number)
    response = FileResponse(opened, as_attachment=True, filename=filename, content_type="application/pdf")
    response["ETag"] = f'"{version.pdf_sha256}"'
    patch_cache_control(response, public=True, max_age=PDF_MAX_AGE)
    return response


# --- Verification --------------------------------------------------------------------------------------------


class HashedUpload(UploadedFile):
    """What remains of an uploaded file: its name, its size and, unless it was too large, its SHA-256."""

    def __init__(self, name, size, content_type, sha256):
        super().__init__(file=None, name=name, content_type=content_type, size=size)
        self.sha256 = sha256


class HashingUploadHandler(FileUploadHandler):
    """Hashes each uploaded file as its chunks arrive and keeps none of its bytes. Past ``max_bytes`` it stops
    hashing and only counts, so the form can say how large the file was."""

    def __init__(self, request, max_bytes):
        super().__init__(request)
        self.max_bytes = max_bytes

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.digest = hashlib.sha256()
        self.size = 0

    def receive_data_chunk(self, raw_data, start):
        self.size += len(raw_data)
        if self.size <= self.max_bytes:
            self.digest.update(raw_data)

    def file_complete(self, file_size):
        sha256 = self.digest.hexdigest() if self.size <= self.max_bytes else None
        return HashedUpload(self.file_name, self.size, self.content_type, sha256)


class VerifyForm(forms.Form):
    """A PDF to check, or its SHA-256 typed; one of the two."""

    berkas = forms.FileField(label="Berkas PDF", required=False, allow_empty_file=True)
    sha256 = forms.CharField(
        label="SHA-256",
        required=False,
        max_length=200,
        help_text="64 angka heksadesimal (0–9, a–f); huruf besar, spasi dan titik dua boleh.",
    )

    def clean_berkas(self):
        upload = self.cleaned_data["berkas"]
        if upload:
            problem = size_problem(evidence_name(upload.name), upload.size, settings.LAKIP_VERIFY_MAX_BYTES)
            if problem:
                raise ValidationError(problem)
        return upload

    def clean_sha256(self):
        typed = self.cleaned_data["sha256"].strip()
        if typed and normalised_sha256(typed) is None:
            raise ValidationError(
                "Yang ditulis bukan SHA-256: tulis 64 angka heksadesimal (0–9 dan a–f), seperti yang dihitung "
                "oleh sha256sum atau Get-FileHash."
            )
        return normalised_sha256(typed) if typed else ""

    def clean(self):
        cleaned = super().clean()
        upload, typed = cleaned.get("berkas"), cleaned.get("sha256")
        if self.errors:
            return cleaned
        if upload and typed:
            raise ValidationError("Pilih salah satu: unggah berkas PDF atau tulis SHA-256-nya, tidak keduanya.")
        if not upload and not typed:
            raise ValidationError("Unggah berkas PDF atau tulis SHA-256-nya.")
        return cleaned

    @property
    def digest(self):
        """The SHA-256 to look up (of the uploaded file, or the typed one); only after ``is_valid()``."""
        upload = self.cleaned_data["berkas"]
        return upload.sha256 if upload else self.cleaned_data["sha256"]

    @property
    def uploaded_name(self):
        upload = self.cleaned_data["berkas"]
        return evidence_name(upload.name) if upload else ""


def _hashing(view):
    """``view`` with the hashing upload handler in place of Django's, which would keep the file in memory or in a
    temporary file. The handler must be set before anything reads the request's body, the CSRF check included,
    so the view itself checks the CSRF token (``csrf_protect``) after setting it."""
    protected = csrf_protect(view)

    @csrf_exempt
    @never_cache
    @require_http_methods(["GET", "POST"])
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.upload_handlers = [HashingUploadHandler(request, settings.LAKIP_VERIFY_MAX_BYTES)]
        return protected(request, *args, **kwargs)

    return wrapped


def _check(request):
    """The bound form and the version its SHA-256 belongs to (None if unknown, or when the form is invalid)."""
    form = VerifyForm(request.POST, request.FILES)
    if not form.is_valid():
        return form, None
    return form, _published().filter(pdf_sha256=form.digest).first()


@_hashing
def verify(request):
    """``/verifikasi/``: is a PDF (uploaded, or its SHA-256 typed) an approved version, and which one.

    The answer is on the same page: ASLI with the version's agency, government, year, number, approval, reviewer
    and whether it is still the current version; or TIDAK DIKENAL for any other file (a draft, a modified copy).
    An invalid form is answered with its message as a 400.
    """
    return _verification_page(request, "publication/verify.html")


@_hashing
def version_page(request, token):
    """``/verifikasi/<token>/``, the address the approved PDF's QR code carries: which version this is, the
    SHA-256 of its genuine PDF, and the form to check a file against it. The answer says whether the file is this
    version, or another approved version (named), or unknown."""
    version = get_object_or_404(ReportVersion.objects.select_related("report_year__agency__government"), token=token)
    return _verification_page(request, "publication/verify_version.html", version)


def _verification_page(request, template, version=None):
    """A page with the verification form, and on POST its answer: the version the file is (``found``) and, on a
    version's own page, whether it is that version (``is_this``). An invalid form is answered as a 400."""
    context = {"form": VerifyForm(), "checked": False, "max_size": format_size(settings.LAKIP_VERIFY_MAX_BYTES)}
    if version is not None:
        context["page"] = _describe([version])[0]
    status = 200
    if request.method == "POST":
        form, found = _check(request)
        context["form"] = form
        if form.is_valid():
            context.update(
                checked=True,
                digest=form.digest,
                uploaded_name=form.uploaded_name,
                is_this=version is not None and found is not None and found.pk == version.pk,
                found=_describe([found])[0] if found else None,
            )
        else:
            status = 400
    return render(request, template, context, status=status)
