"""web.grid: rows fixed by the server, errors naming row and field, boxes left out read as unchanged."""

from django import forms
from django.core.exceptions import ValidationError

from web.grid import GridForm, GridFormSet, RowError, row_id


class PlanForm(GridForm):
    value = forms.CharField(label="Nilai", required=False)
    kind = forms.ChoiceField(label="Jenis", choices=[("a", "A"), ("b", "B")])
    done = forms.BooleanField(label="Selesai", required=False)


class PlanGridBase(GridFormSet):
    def initial_for(self, obj):
        return obj


PlanGrid = forms.formset_factory(PlanForm, formset=PlanGridBase, extra=0)
ROWS = [("IKU-1", "IKU-1", {"value": "10", "kind": "b", "done": True}), ("IKU-2", "IKU-2", {"kind": "a"})]


def test_row_id_is_the_slug_of_the_key():
    assert row_id("IKU-3") == "row-iku-3"
    assert row_id("IKSK-P1.K2.S1") == "row-iksk-p1k2s1"


def test_the_row_count_is_the_servers_whatever_the_request_says():
    grid = PlanGrid({"form-TOTAL_FORMS": "1", "form-0-value": "11"}, rows=ROWS)
    assert len(grid.forms) == 2
    assert grid.is_valid()


def test_boxes_left_out_are_read_as_unchanged_but_a_checkbox_left_out_is_unticked():
    grid = PlanGrid({"form-1-value": "7"}, rows=ROWS)
    assert grid.is_valid()
    assert [f.key for f in grid.changed_forms()] == ["IKU-1", "IKU-2"]
    assert grid.forms[0].cleaned_data == {"value": "10", "kind": "b", "done": False}
    assert grid.forms[1].cleaned_data == {"value": "7", "kind": "a", "done": False}


def test_errors_name_row_and_field_and_model_errors_land_on_their_box():
    grid = PlanGrid({"form-0-kind": "z"}, rows=ROWS)
    assert not grid.is_valid()
    form = grid.forms[1]
    form.add_model_error(ValidationError({"value": "terlalu panjang", "evidence": "wajib"}))
    assert [str(e) for e in grid.row_errors()] == [
        "IKU-1 · Jenis: Masukkan pilihan yang valid. z bukan salah satu dari pilihan yang tersedia.",
        "IKU-2 · Nilai: terlalu panjang",
        "IKU-2: evidence: wajib",
    ]
    assert grid.row_errors()[0] == RowError("row-iku-1", "IKU-1", "Jenis", grid.forms[0].errors["kind"][0])


def test_form_for_gives_one_rows_form_bound_like_the_grid():
    grid = PlanGrid({"form-1-value": "7"}, rows=ROWS)
    form = grid.form_for("IKU-2")
    assert form.is_valid() and form.cleaned_data["value"] == "7" and form.obj == {"kind": "a"}
    assert grid.form_for("IKU-9") is None
