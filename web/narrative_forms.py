"""The forms of the Narasi page: one narrative section edited, a new one added, in the report's order.

A section's key is fixed once it exists (the PDF, the import and the findings name it by its key); its title,
chapter, order and Markdown text are edited. A new section is one of the catalogue's (``domain.sections``) that
the year does not have yet, or a key of the planner's own; the model's ``SlugField`` and ``clean()`` decide what
may be stored, as in the admin.
"""

from django import forms

from agencies.models import Narrative
from domain.enums import Chapter
from domain.sections import YEAR_SECTIONS, place_sections
from web.grid import RowError, row_id


class NarrativeForm(forms.ModelForm):
    """One section's title, chapter, order and text; its prefix is its key, so every box of the page has its own
    id."""

    class Meta:
        model = Narrative
        fields = ["title", "chapter", "position", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 12, "class": "markdown"})}

    def __init__(self, *args, instance, **kwargs):
        super().__init__(*args, instance=instance, prefix=instance.key, **kwargs)
        self.row_id = row_id(instance.key)

    def typed_text(self):
        """The text as the form holds it: as typed when bound, as stored otherwise."""
        return self["text"].value() or ""


class NewNarrativeForm(forms.ModelForm):
    """A section to add: a catalogue section the year lacks (``standard``) or a key of the planner's own (``key``).

    Reading: a key typed beside a chosen catalogue section wins, since typing it is the more deliberate act. The
    new section goes after every other one (``position``): the report prints a catalogue section in its chapter
    anyway, and the planner moves a section by its order.
    """

    standard = forms.ChoiceField(label="Bagian baku", required=False)
    field_order = ["standard", "key", "title", "chapter"]

    class Meta:
        model = Narrative
        fields = ["key", "title", "chapter"]
        labels = {"key": "Kunci bagian sendiri"}
        help_texts = {"key": "Huruf, angka, - dan _; kosongkan bila memilih bagian baku."}

    def __init__(self, *args, report_year, taken, **kwargs):
        super().__init__(*args, instance=Narrative(report_year=report_year), prefix="new", **kwargs)
        self.taken = {narrative.key: narrative for narrative in taken}
        self.fields["key"].required = False
        missing = [
            (key, f"{section.title} — {Chapter.label_of(section.chapter)}")
            for key, section in YEAR_SECTIONS.items()
            if key not in self.taken
        ]
        self.fields["standard"].choices = [("", "— pilih bagian baku yang belum ada —"), *missing]

    def clean(self):
        cleaned = super().clean()
        key = cleaned.get("key") or cleaned.get("standard")
        if not key:
            if "key" not in self.errors:
                self.add_error("key", "Pilih bagian baku atau isi kunci bagian sendiri.")
            return cleaned
        if key in self.taken:
            self.add_error("key", f"Bagian «{self.taken[key]}» ({key}) sudah ada tahun ini.")
        cleaned["key"] = key
        self.instance.key = key
        self.instance.position = max((n.position for n in self.taken.values()), default=-1) + 1
        return cleaned


def form_errors(form, row, label):
    """A form's errors as ``web.grid.RowError``, each naming the section (``label``, its box ``row``) and the field."""
    return [
        RowError(row, label, "" if name == forms.forms.NON_FIELD_ERRORS else str(form[name].label), str(message))
        for name, found in form.errors.items()
        for message in found
    ]


def report_order(narratives):
    """The year's sections as the report prints them: ``(placed, narrative)`` by chapter, each chapter in the
    planner's order (``domain.sections.place_sections``). ``narratives`` come in the planner's order."""
    placed = place_sections([(n.key, n.title, n.chapter) for n in narratives])
    chapters = list(Chapter)
    pairs = list(zip(placed, narratives, strict=True))
    return sorted(pairs, key=lambda pair: chapters.index(pair[0].chapter))
