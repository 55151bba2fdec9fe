"""The typed-number model fields: every ModelForm reads Indonesian numbers, and the model refuses stray text."""

from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError

from agencies.fields import MoneyField, MoneyFormField, ValueField, ValueFormField
from agencies.models import ReportYear
from indicators.models import Realisation, Target


class RealisationForm(forms.ModelForm):
    class Meta:
        model = Realisation
        fields = ("value", "q1")


class ReportYearForm(forms.ModelForm):
    class Meta:
        model = ReportYear
        fields = ("budget_total",)


def test_every_model_form_gets_the_typed_number_fields():
    assert isinstance(RealisationForm.base_fields["value"], ValueFormField)
    assert RealisationForm.base_fields["value"].allow_range is False
    assert isinstance(ReportYearForm.base_fields["budget_total"], MoneyFormField)
    assert ReportYearForm.base_fields["budget_total"].widget.input_type == "text"


@pytest.mark.django_db  # a model form checks the model's constraints, which asks the database
def test_a_model_form_reads_typed_numbers_into_stored_ones():
    form = RealisationForm(data={"value": " 89,5 ", "q1": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"value": "89.5", "q1": ""}
    money = ReportYearForm(data={"budget_total": "Rp 1.234.567,89"})
    assert money.is_valid(), money.errors
    assert money.cleaned_data["budget_total"] == Decimal("1234567.89")


def test_a_model_form_shows_stored_numbers_the_indonesian_way():
    form = RealisationForm(instance=Realisation(value="87.30", q1="1234.5"))
    assert form["value"].value() == "87,30"
    assert form["q1"].value() == "1.234,5"
    assert ReportYearForm(instance=ReportYear(budget_total=Decimal("1234567.89")))["budget_total"].value() == (
        "1.234.567,89"
    )
    assert ReportYearForm(instance=ReportYear())["budget_total"].value() is None


def test_a_refused_form_shows_what_was_typed_not_a_reformatted_guess():
    form = RealisationForm(data={"value": "87.30", "q1": "1.234"}, instance=Realisation(value="5", q1="5"))
    assert not form.is_valid()
    assert form.errors["value"] == ["«87.30»: gunakan koma untuk desimal, mis. 87,30"]
    assert form["value"].value() == "87.30"
    assert form["q1"].value() == "1.234"  # typed, so 1234: not turned into "1,234"


def test_a_disabled_field_keeps_the_stored_value():
    value = ValueFormField(disabled=True)
    assert value.clean("87.30") == "87.30"
    money = MoneyFormField(disabled=True, max_digits=18, decimal_places=2)
    assert money.clean(Decimal("1234.50")) == Decimal("1234.50")


@pytest.mark.parametrize(
    ("field", "text"),
    [("value", "89,5"), ("value", "12abc"), ("value", "80-90"), ("q1", "89.5 persen")],
)
def test_the_model_refuses_a_stored_text_outside_the_value_grammar(field, text):
    realisation = Realisation(year=2024, **{field: text})
    with pytest.raises(ValidationError) as refused:
        realisation.clean_fields(exclude={"indicator"})
    assert list(refused.value.message_dict) == [field]


def test_the_model_accepts_every_stored_value_kind():
    Target(renstra_value="76.61-88.30", agreement_value="BB").clean_fields(exclude={"indicator", "renstra_year"})
    Realisation(year=2024, value="-5", q1="Baik").clean_fields(exclude={"indicator"})


def test_the_fields_keep_their_options_through_migrations():
    value = ValueField("realisasi", max_length=64, blank=True, allow_range=False)
    name, path, args, kwargs = value.deconstruct()
    assert path == "agencies.fields.ValueField"
    assert ValueField(*args, **kwargs).allow_range is False
    assert "allow_range" not in ValueField("target", max_length=64).deconstruct()[3]
    money = MoneyField("pagu", null=True, blank=True)
    assert (money.max_digits, money.decimal_places) == (18, 2)
    with pytest.raises(ValidationError):
        money.run_validators(Decimal("-1"))
