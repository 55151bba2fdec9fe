"""The form of the Pengaturan page: an agency's computation settings and its head, with the category bands as a
small table of rows (label, lower bound) rather than the admin's raw JSON.

The bands are stored as the import stores them (``[{"min": 91, "label": "Sangat Tinggi"}, ...]``, from the highest
band down, a minimum an int when whole, else its exact decimal text); no row at all stores null, the default bands.
What may be stored is decided by ``domain.validators.category_bands_problems``, which ``Agency.clean()`` calls
too: the field calls it first only to say which row and which box a problem is in.
"""

import re

from django import forms
from django.core.exceptions import ValidationError

from agencies.models import Agency
from domain.numbers import TypedNumberError, format_value, json_number, parse_typed_number
from domain.validators import category_bands_problems, text_problem

# Empty rows shown below the bands, for new ones: enough for the five bands of the default, without JavaScript.
EMPTY_BAND_ROWS = 2
BAND_PATH = re.compile(r"\[(\d+)\](?:\.(\w+))?")
BAND_BOXES = {"label": "nama kategori", "min": "batas bawah"}


class BandsWidget(forms.Widget):
    """The bands as rows of two boxes, ``<name>-<i>-label`` and ``<name>-<i>-min``; the page draws the table
    (``web/_bands.html``) from ``CategoryBandsField.rows``."""

    def value_from_datadict(self, data, files, name):
        rows, index = [], 0
        while f"{name}-{index}-label" in data or f"{name}-{index}-min" in data:
            rows.append((data.get(f"{name}-{index}-label", ""), data.get(f"{name}-{index}-min", "")))
            index += 1
        return rows

    def value_omitted_from_data(self, data, files, name):
        return False


class CategoryBandsField(forms.Field):
    """The category bands typed as rows of a name and a lower bound (``90``, ``75,5``), from the highest down.

    Readings: a row left wholly empty is no band, and the bands are numbered without it, as the table shows them
    when it comes back refused (Kategori 2 · batas bawah is the second row shown); a row with only one of its boxes
    filled is refused as ``category_bands_problems`` refuses a band without its label or minimum.
    """

    widget = BandsWidget

    def to_python(self, rows):
        typed = [(label.strip(), written.strip()) for label, written in rows if label.strip() or written.strip()]
        bands = []
        for number, (label, written) in enumerate(typed, start=1):
            if text_problem(label):
                raise ValidationError(f"Kategori {number} · nama kategori: {text_problem(label)}", code="invalid")
            try:
                minimum = json_number(parse_typed_number(written)) if written else None
            except TypedNumberError as error:
                raise ValidationError(f"Kategori {number} · batas bawah: {error}", code="invalid") from error
            bands.append({"min": minimum, "label": label or None})
        return bands or None

    def validate(self, bands):
        messages = []
        for problem in category_bands_problems(bands):
            match = BAND_PATH.fullmatch(problem.path)
            if match:
                box = BAND_BOXES.get(match[2])
                messages.append(f"Kategori {int(match[1]) + 1}{f' · {box}' if box else ''}: {problem.message}")
            else:
                messages.append(problem.message)
        if messages:
            raise ValidationError(messages)

    def rows(self, value):
        """The table's rows as ``(label, minimum as shown)``: the stored bands, or the rows as typed when the form
        comes back refused, then ``EMPTY_BAND_ROWS`` empty ones."""
        if value and isinstance(value[0], dict):
            shown = [(band.get("label") or "", _shown_minimum(band.get("min"))) for band in value]
        else:
            shown = [row for row in value or () if any(box.strip() for box in row)]
        return shown + [("", "")] * EMPTY_BAND_ROWS


def _shown_minimum(minimum):
    """A stored minimum (an int or a decimal text) the Indonesian way: ``90``, ``75,5``."""
    return "" if minimum is None else format_value(str(minimum))


class AgencySettingsForm(forms.ModelForm):
    """The settings every figure of the agency is computed with, its paper size, and who signs its reports."""

    category_bands = CategoryBandsField(
        label="Kategori capaian",
        required=False,
        help_text="Dari kategori tertinggi ke bawah; batas bawah dalam persen capaian. Kosongkan semua baris untuk "
        "memakai kategori baku.",
    )

    class Meta:
        model = Agency
        fields = [
            "achievement_cap",
            "efficiency_method",
            "category_bands",
            "paper_size",
            "head_name",
            "head_title",
            "head_rank",
            "head_nip",
        ]

    # The page's groups of fields, in order.
    groups = (
        ("Perhitungan", ("achievement_cap", "efficiency_method", "category_bands")),
        ("Laporan", ("paper_size",)),
        ("Kepala perangkat daerah", ("head_name", "head_title", "head_rank", "head_nip")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cap = self.fields["achievement_cap"]
        cap.choices = [("", "Tanpa batas"), *(choice for choice in cap.choices if choice[0] != "")]

    def fieldsets(self):
        """``(legend, [bound field, ...])`` per group of ``groups``."""
        return [(legend, [self[name] for name in names]) for legend, names in self.groups]

    def band_rows(self):
        return self.fields["category_bands"].rows(self["category_bands"].value())
