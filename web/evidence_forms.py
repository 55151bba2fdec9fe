"""The upload of one evidence file for one indicator's realisation of a year (the Bukti page).

The checks are the domain's (``domain.evidence``): the kind by content, the size against
``settings.LAKIP_EVIDENCE_MAX_BYTES``; this form only applies them and stores what passed.
"""

import hashlib

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from domain.enums import RealisationStatus
from domain.evidence import evidence_kind, evidence_name, kind_problem, size_problem
from indicators.models import EvidenceFile, Realisation


class EvidenceUploadForm(forms.Form):
    """One file for one indicator (by its code, a hidden field: the row of the page the form sits in)."""

    indicator = forms.CharField(widget=forms.HiddenInput)
    file = forms.FileField(
        label="Berkas bukti",
        allow_empty_file=True,  # an empty file is refused by name in clean_file, like every other refusal
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.xlsx"}),
        error_messages={"required": "Pilih berkas yang akan diunggah."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = evidence_name(upload.name)
        problem = size_problem(name, upload.size, settings.LAKIP_EVIDENCE_MAX_BYTES)
        if problem:
            raise ValidationError(problem)
        self.kind = evidence_kind(upload)
        if self.kind is None:
            raise ValidationError(kind_problem(name))
        self.name = name
        return upload

    def save(self, indicator, year, user):
        """Store the file for ``indicator``'s realisation of ``year`` and return its ``EvidenceFile``.

        An indicator without a realisation row for the year gets one, with status pending and no value: the
        evidence is often there before the figure, and a pending realisation is what the report prints as
        "menunggu hasil" beside its evidence. The file is written first; if its record cannot be saved, the
        written file is deleted again.
        """
        upload = self.cleaned_data["file"]
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        with transaction.atomic():
            realisation, _ = Realisation.objects.get_or_create(
                indicator=indicator, year=year, defaults={"value": "", "status": RealisationStatus.PENDING}
            )
            evidence = EvidenceFile(
                realisation=realisation,
                name=self.name,
                content_type=self.kind.content_type,
                size=upload.size,
                sha256=digest.hexdigest(),
                uploaded_by=user,
            )
            evidence.file.save(f"bukti.{self.kind.extension}", upload, save=False)
            try:
                evidence.save()
            except Exception:
                evidence.file.delete(save=False)
                raise
        return evidence
