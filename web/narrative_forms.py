"""The forms of the Narasi page: a narrative section edited, a new one added, in the report's order.

Two kinds of section share the page: the year's sections (``agencies.Narrative``: a title, a chapter, an order)
and each sasaran's sections of the year (``indicators.ObjectiveNarrative``: a title and an order, printed under
the sasaran in Bab III A). A section's key is fixed once it exists (the PDF, the import and the findings name it
by its key); the rest is edited. A new section is one of the catalogue's (``domain.sections``) that is missing, or
a key of the planner's own; the model's ``SlugField`` and ``clean()`` decide what may be stored, as in the admin.
"""

from django import forms

from agencies.models import Narrative
from domain.enums import Chapter
from domain.sections import OBJECTIVE_SECTIONS, YEAR_SECTIONS, objective_section_title, place_sections
from indicators.models import ObjectiveNarrative
from web.grid import row_id


def name_default_chapter(form):
    """A year section's empty chapter offered as what it means: the chapter its key prints in."""
    if "chapter" in form.fields:
        form.fields["chapter"].choices = [("", "— bab baku bagian ini —"), *Chapter.choices()]


class SectionForm(forms.ModelForm):
    """One existing section; its prefix and its box's id come from ``anchor``, so every box of the page has its
    own id."""

    def __init__(self, *args, instance, anchor, **kwargs):
        super().__init__(*args, instance=instance, prefix=anchor, **kwargs)
        self.row_id = row_id(anchor)
        name_default_chapter(self)

    def typed_text(self):
        """The text as the form holds it: as typed when bound, as stored otherwise."""
        return self["text"].value() or ""


class NarrativeForm(SectionForm):
    """A year's section: title, chapter, order and Markdown text. Its anchor is its key (``#row-background``)."""

    class Meta:
        model = Narrative
        fields = ["title", "chapter", "position", "text"]

    def __init__(self, *args, instance, **kwargs):
        super().__init__(*args, instance=instance, anchor=instance.key, **kwargs)

    def label(self):
        return str(self.instance)


class ObjectiveNarrativeForm(SectionForm):
    """A sasaran's section: title, order and Markdown text. Its anchor is the sasaran's code and the key
    (``#row-s1-analysis``)."""

    class Meta:
        model = ObjectiveNarrative
        fields = ["title", "position", "text"]

    def __init__(self, *args, instance, **kwargs):
        super().__init__(*args, instance=instance, anchor=objective_anchor(instance.objective, instance.key), **kwargs)

    def label(self):
        section = self.instance
        return f"Sasaran {section.objective.code} · {objective_section_title(section.key, section.title)}"


def objective_anchor(objective, key):
    return f"{objective.code}-{key}"


class NewSectionForm(forms.ModelForm):
    """A section to add: a catalogue section still missing (``standard``) or a key of the planner's own (``key``).

    Reading: a key typed beside a chosen catalogue section wins, since typing it is the more deliberate act. The
    new section goes after the others of its kind (``position``): the report prints a year's catalogue section in
    its chapter anyway, and the planner moves a section by its order.
    """

    standard = forms.ChoiceField(label="Bagian baku", required=False)
    edit_form = SectionForm  # the form that edits a section of this kind once it exists
    field_order = ["standard", "key", "title", "chapter"]

    def __init__(self, *args, instance, taken, missing, prefix, **kwargs):
        """``taken``: the sections of this kind that exist; ``missing``: ``(key, label)`` of the catalogue's others."""
        super().__init__(*args, instance=instance, prefix=prefix, **kwargs)
        self.taken = {section.key: section for section in taken}
        self.fields["key"].required = False
        self.fields["key"].label = "Kunci bagian sendiri"
        self.fields["key"].help_text = "Huruf, angka, - dan _; kosongkan bila memilih bagian baku."
        self.fields["standard"].choices = [("", "— pilih bagian baku yang belum ada —"), *missing]
        self.row_id = prefix
        name_default_chapter(self)

    def clean(self):
        cleaned = super().clean()
        key = cleaned.get("key") or cleaned.get("standard")
        if not key:
            if "key" not in self.errors:
                self.add_error("key", "Pilih bagian baku atau isi kunci bagian sendiri.")
            return cleaned
        if key in self.taken:
            self.add_error("key", f"Bagian «{self.edit_form(instance=self.taken[key]).label()}» ({key}) sudah ada.")
        cleaned["key"] = key
        self.instance.key = key
        self.instance.position = max((section.position for section in self.taken.values()), default=-1) + 1
        return cleaned


class NewNarrativeForm(NewSectionForm):
    edit_form = NarrativeForm

    class Meta:
        model = Narrative
        fields = ["key", "title", "chapter"]

    def __init__(self, *args, report_year, taken, **kwargs):
        taken = list(taken)
        keys = {narrative.key for narrative in taken}
        missing = [
            (key, f"{section.title} — {Chapter.label_of(section.chapter)}")
            for key, section in YEAR_SECTIONS.items()
            if key not in keys
        ]
        instance = Narrative(report_year=report_year)
        super().__init__(*args, instance=instance, taken=taken, missing=missing, prefix="new-section", **kwargs)


class NewObjectiveNarrativeForm(NewSectionForm):
    edit_form = ObjectiveNarrativeForm

    class Meta:
        model = ObjectiveNarrative
        fields = ["key", "title"]

    def __init__(self, *args, objective, year, taken, **kwargs):
        taken = list(taken)
        keys = {narrative.key for narrative in taken}
        missing = [(key, title) for key, title in OBJECTIVE_SECTIONS.items() if key not in keys]
        instance = ObjectiveNarrative(objective=objective, year=year)
        prefix = row_id(f"new-{objective.code}")
        super().__init__(*args, instance=instance, taken=taken, missing=missing, prefix=prefix, **kwargs)


def report_order(narratives):
    """The year's sections as the report prints them: ``(placed, narrative)`` by chapter, each chapter in the
    planner's order (``domain.sections.place_sections``). ``narratives`` come in the planner's order."""
    placed = place_sections([(n.key, n.title, n.chapter) for n in narratives])
    chapters = list(Chapter)
    pairs = list(zip(placed, narratives, strict=True))
    return sorted(pairs, key=lambda pair: chapters.index(pair[0].chapter))
