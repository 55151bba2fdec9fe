"""``{% cell %}`` writes a grid's box itself (web/templatetags/lakip_grid.py): the same box Django would, escaped."""

from django import forms

from agencies.fields import ValueFormField
from web.templatetags.lakip_grid import cell


class Row(forms.Form):
    value = ValueFormField(
        allow_range=False, required=False, max_length=64, widget=forms.TextInput(attrs={"class": "num", "size": 7})
    )
    status = forms.ChoiceField(choices=[("final", "Final"), ("provisional", "Sementara")])
    note = forms.CharField(required=False)
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


def test_a_stored_value_is_shown_the_indonesian_way_with_the_widgets_attributes():
    box = cell(Row(initial={"value": "78.13"}, prefix="form-1")["value"], "IKU-2")
    assert box.startswith("<input ")
    for part in ['type="text"', 'name="form-1-value"', 'id="id_form-1-value"', 'value="78,13"', 'class="num"']:
        assert part in box
    assert 'maxlength="64"' in box and 'aria-label="Value IKU-2"' in box


def test_typed_text_and_a_rows_code_are_escaped():
    row = Row(data={"note": '"><script>alert(1)</script>', "status": "final"})
    box = cell(row["note"], '<b>"IKU"</b>')
    assert "<script>" not in box and "<b>" not in box
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in box
    assert 'aria-label="Note &lt;b&gt;&quot;IKU&quot;&lt;/b&gt;"' in box


def test_a_select_marks_the_chosen_option_and_a_date_box_keeps_its_type():
    row = Row(initial={"status": "provisional", "day": "2025-03-10"})
    assert '<option value="provisional" selected>Sementara</option>' in cell(row["status"])
    assert '<option value="final">Final</option>' in cell(row["status"])
    assert cell(row["day"]).startswith('<input type="date"') and 'value="2025-03-10"' in cell(row["day"])


def test_a_fields_errors_follow_its_box():
    row = Row(data={"value": "87.30", "status": "final"})
    assert not row.is_valid()
    box = cell(row["value"], "IKU-1")
    assert 'value="87.30"' in box
    assert '<ul class="errorlist"' in box and "gunakan koma untuk desimal" in box
