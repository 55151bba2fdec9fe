"""The forms of the review workflow: they read what was posted; the rules are the workflow's
(``publication.workflow``), which says in a sentence what stops an action."""

from django import forms
from django.utils import timezone

from budgets.models import BudgetLine
from domain.review import NoteSubject
from domain.validators import TEXT_LENGTH
from indicators.models import Indicator
from review.models import ReportVersion, ReviewNote


class ReasonForm(forms.Form):
    """The reason a reviewer returns or reopens a report, for the planner."""

    reason = forms.CharField(
        label="Alasan",
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "Apa yang perlu diperbaiki perencana?"}),
    )


def _length(name):
    return ReportVersion._meta.get_field(name).max_length


class ApproveForm(forms.Form):
    """Who signs the statement "Pernyataan Telah Direviu" printed in the approved PDF, where and when."""

    reviewer_name = forms.CharField(label="Nama reviewer", max_length=_length("reviewer_name"))
    reviewer_nip = forms.CharField(label="NIP", max_length=_length("reviewer_nip"), required=False)
    reviewer_title = forms.CharField(label="Jabatan", max_length=_length("reviewer_title"))
    reviewed_city = forms.CharField(label="Kota", max_length=_length("reviewed_city"), required=False)
    reviewed_on = forms.DateField(label="Tanggal reviu", widget=forms.DateInput(attrs={"type": "date"}))

    @classmethod
    def for_report(cls, user, agency):
        """The form filled with what is likely: the user's name, "Inspektur", the agency's city, today."""
        return cls(
            initial={
                "reviewer_name": user.get_full_name(),
                "reviewer_title": "Inspektur",
                "reviewed_city": agency.city,
                "reviewed_on": timezone.localdate().isoformat(),
            }
        )


class NoteForm(forms.Form):
    """A new review note and what it is pinned to: an indicator or a budget line of ``agency`` (by id), or a
    narrative section (by name)."""

    subject = forms.ChoiceField(label="Tentang", choices=NoteSubject.choices(), widget=forms.HiddenInput)
    indicator = forms.ModelChoiceField(
        label="Indikator", queryset=Indicator.objects.none(), required=False, widget=forms.HiddenInput
    )
    budget_line = forms.ModelChoiceField(
        label="Baris anggaran", queryset=BudgetLine.objects.none(), required=False, widget=forms.HiddenInput
    )
    section = forms.CharField(
        label="Bagian narasi",
        max_length=ReviewNote._meta.get_field("section").max_length,
        required=False,
        widget=forms.HiddenInput,
    )
    text = forms.CharField(
        label="Catatan reviu",
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "Apa yang perlu diperiksa atau diperbaiki?"}),
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(agency=agency)
        self.fields["budget_line"].queryset = BudgetLine.objects.filter(agency=agency)


class ReplyForm(forms.Form):
    text = forms.CharField(
        label="Jawaban",
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "Jawab catatan ini"}),
    )


def error_sentences(form):
    """A bound form's errors as sentences naming their field, for ``django.contrib.messages``."""
    sentences = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        sentences += [f"{label}: {error}" if label else error for error in errors]
    return sentences
