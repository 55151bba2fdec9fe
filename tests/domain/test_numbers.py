"""Numbers as people type them (``89,5``, ``Rp 1.234.567,89``, ``80 s.d. 90``), read into plain stored decimals."""

import re
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from domain.numbers import (
    TypedNumberError,
    format_decimal,
    format_money,
    format_rupiah,
    format_value,
    json_number,
    parse_typed_money,
    parse_typed_number,
)
from domain.values import VALUE_LENGTH, Grade, parse_typed_value, parse_value, value_problem

D = Decimal
NUMBER_HINT = "bukan angka: tulis angka seperti 89,5 atau 1.234.567,89"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("89,5", D("89.5")),
        ("87,30", D("87.30")),
        ("1.234.567,89", D("1234567.89")),
        ("1.234.567", D("1234567")),
        ("1.234", D("1234")),
        ("1234567", D("1234567")),
        ("1234567,5", D("1234567.5")),
        ("0,125", D("0.125")),
        ("0", D("0")),
        ("-5", D("-5")),
        ("-0,5", D("-0.5")),
        ("+5", D("5")),
        ("Rp 1.000.000", D("1000000")),
        ("Rp1.000.000,00", D("1000000.00")),
        ("Rp. 1.500", D("1500")),
        ("rp 7", D("7")),
        ("89,5%", D("89.5")),
        ("89,5 %", D("89.5")),
        ("  12  ", D("12")),
    ],
)
def test_numbers_typed_the_indonesian_way(typed, expected):
    number = parse_typed_number(typed)
    assert number == expected
    assert number.as_tuple() == expected.as_tuple()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("87.30", "«87.30»: gunakan koma untuk desimal, mis. 87,30"),
        ("0.125", "«0.125»: gunakan koma untuk desimal, mis. 0,125"),
        ("1234.5", "«1234.5»: gunakan koma untuk desimal, mis. 1.234,5"),
        ("-2.5", "«-2.5»: gunakan koma untuk desimal, mis. -2,5"),
        ("1,234.5", f"«1,234.5» {NUMBER_HINT}"),
        ("12abc", f"«12abc» {NUMBER_HINT}"),
        ("1e5", f"«1e5» {NUMBER_HINT}"),
        ("1..2", f"«1..2» {NUMBER_HINT}"),
        ("1.234.56", f"«1.234.56» {NUMBER_HINT}"),
        ("01.234", "«01.234»: gunakan koma untuk desimal, mis. 1,234"),
        ("1 234", f"«1 234» {NUMBER_HINT}"),
        (",5", f"«,5» {NUMBER_HINT}"),
        ("5,", f"«5,» {NUMBER_HINT}"),
        ("-", f"«-» {NUMBER_HINT}"),
        ("Rp", f"«Rp» {NUMBER_HINT}"),
        ("5 Rp", f"«5 Rp» {NUMBER_HINT}"),
        ("", f"«» {NUMBER_HINT}"),
        ("٣", f"«٣» {NUMBER_HINT}"),
    ],
)
def test_unreadable_or_ambiguous_numbers_are_refused_saying_what_to_type(typed, message):
    with pytest.raises(TypedNumberError) as refused:
        parse_typed_number(typed)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Rp 1.234.567,89", D("1234567.89")),
        ("Rp1.000.000,00", D("1000000.00")),
        ("19.717.644.784", D("19717644784")),
        ("0", D("0")),
        ("1,5", D("1.5")),
    ],
)
def test_money(typed, expected):
    assert parse_typed_money(typed) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-5", "«-5»: jumlah rupiah tidak boleh negatif, tulis 0 atau lebih"),
        ("1,234", "«1,234»: paling banyak 2 angka di belakang koma, mis. 1.234.567,89"),
        ("1.234.567.89", f"«1.234.567.89» {NUMBER_HINT}"),
    ],
)
def test_money_refused(typed, message):
    with pytest.raises(TypedNumberError) as refused:
        parse_typed_money(typed)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("89,5", "89.5"),
        ("87,30", "87.30"),
        ("1.234.567,89", "1234567.89"),
        ("1.234", "1234"),
        ("-5", "-5"),
        ("Rp 1.000", "1000"),
        ("95%", "95"),
        ("80-90", "80-90"),
        ("80 – 90", "80-90"),
        ("80—90", "80-90"),
        ("80,5-90", "80.5-90"),
        ("80 s.d. 90", "80-90"),
        ("80 S.D 90", "80-90"),
        ("80 s/d 90", "80-90"),
        ("1.000 s.d. 2.500,5", "1000-2500.5"),
        ("80%-90%", "80-90"),
        ("-10--5", "-10--5"),
        ("Rp -5", "-5"),
        ("BB", "BB"),
        ("  baik ", "baik"),
        ("Menuju Informatif", "Menuju Informatif"),
        ("A-B", "A-B"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_typed_values(typed, stored):
    assert parse_typed_value(typed) == stored


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("89,5", "89.5"), ("BB", "BB"), ("-5", "-5"), ("", "")],
)
def test_typed_realisations(typed, stored):
    assert parse_typed_value(typed, allow_range=False) == stored


@pytest.mark.parametrize(
    ("typed", "allow_range", "message"),
    [
        ("87.30", True, "«87.30»: gunakan koma untuk desimal, mis. 87,30"),
        ("87.30-90", True, "«87.30»: gunakan koma untuk desimal, mis. 87,30"),
        ("12abc", True, f"«12abc» {NUMBER_HINT}"),
        ("89.5 persen", True, f"«89.5 persen» {NUMBER_HINT}"),
        ("(80)", True, f"«(80)» {NUMBER_HINT}"),
        ("5-", True, f"«5-» {NUMBER_HINT}"),
        ("90-80", True, "rentang «90-80» terbalik: tulis batas bawah dulu, mis. 80–90"),
        ("90,5 s.d. 80", True, "rentang «90,5 s.d. 80» terbalik: tulis batas bawah dulu, mis. 80–90,5"),
        (
            "80-90",
            False,
            "«80-90» adalah rentang, padahal realisasi harus satu nilai: tulis angka seperti 89,5 atau 1.234.567,89",
        ),
        (
            "Baik!",
            True,
            "«Baik!» bukan angka, rentang, atau predikat: tulis angka seperti 89,5, rentang seperti 80-90, "
            "atau predikat seperti BB",
        ),
    ],
)
def test_typed_values_refused(typed, allow_range, message):
    with pytest.raises(TypedNumberError) as refused:
        parse_typed_value(typed, allow_range=allow_range)
    assert str(refused.value) == message


def test_money_and_rupiah_are_written_alike():
    assert format_money(D("1234567.89")) == "1.234.567,89"
    assert format_money(D("1000000.00")) == "1.000.000"
    assert format_money(None) == "—"
    assert format_rupiah(D("1000000.00")) == "Rp1.000.000"


# --- Properties ------------------------------------------------------------------------------------------

# Decimals with 0, 1 or 2 places, as large as a money column holds (18 digits).
decimals = st.builds(lambda n, places: D(n).scaleb(-places), st.integers(-(10**18) + 1, 10**18 - 1), st.integers(0, 2))
# Text that looks like numbers, to reach the corners of the grammar.
numberish = st.text(alphabet="0123456789.,-+ %Rp–/sd", max_size=20)


def places(number):
    return -number.as_tuple().exponent


@given(number=decimals)
def test_a_formatted_decimal_reads_back_as_itself(number):
    parsed = parse_typed_number(format_decimal(number, places(number)))
    assert parsed == number
    assert parsed.as_tuple() == number.as_tuple()


@given(amount=decimals.filter(lambda number: 0 <= number < 10**16))
def test_money_shown_in_a_box_reads_back_as_itself(amount):
    assert parse_typed_money(format_money(amount)) == amount
    assert parse_typed_money(format_rupiah(amount)) == amount


@pytest.mark.parametrize("typed", ["10.000.000.000.000.000", "Rp 99.999.999.999.999.999,99"])
def test_money_larger_than_its_column_is_refused_saying_so(typed):
    with pytest.raises(TypedNumberError, match="terlalu besar: paling banyak 16 angka sebelum koma"):
        parse_typed_money(typed)


def test_the_largest_amount_the_column_holds_is_read_exactly():
    assert parse_typed_money("Rp 9.999.999.999.999.999,99") == D("9999999999999999.99")


# What a stored target or realisation can hold: at most 15 digits before the point (domain.numbers.MEASURE_DIGITS).
measures = decimals.filter(lambda number: abs(number) < 10**15)


@given(number=measures)
def test_a_stored_number_shown_in_a_box_is_stored_again_unchanged(number):
    stored = f"{number:f}"
    assert parse_typed_value(format_value(stored), allow_range=False) == stored


@given(low=measures, high=measures)
def test_a_stored_range_shown_in_a_box_is_stored_again_unchanged(low, high):
    low, high = sorted((low, high))
    stored = f"{low:f}-{high:f}"
    assert parse_typed_value(format_value(stored)) == stored


@given(text=st.one_of(numberish, st.text(max_size=20)))
def test_a_typed_number_is_a_decimal_or_a_refusal(text):
    try:
        number = parse_typed_number(text)
    except TypedNumberError as refused:
        assert str(refused).startswith(f"«{text.strip()}»")
        return
    assert type(number) is Decimal
    assert number.is_finite()


@given(text=numberish)
def test_a_dot_in_an_accepted_number_only_groups_thousands(text):
    try:
        parse_typed_number(text)
    except TypedNumberError:
        return
    digits = re.sub(r"^\s*rp\.?", "", text, flags=re.IGNORECASE)
    assert all(len(group) == 3 for group in re.findall(r"\.(\d*)", digits))


@given(whole=st.integers(0, 10**6), fraction=st.text(alphabet="0123456789", min_size=1, max_size=6))
def test_a_decimal_typed_with_a_dot_is_refused_with_the_comma_spelling(whole, fraction):
    assume(len(fraction) != 3 or whole == 0 or str(whole).startswith("0"))
    typed = f"{whole}.{fraction}"
    with pytest.raises(TypedNumberError) as refused:
        parse_typed_number(typed)
    assert str(refused.value) == f"«{typed}»: gunakan koma untuk desimal, mis. {format_value(typed)}"


@given(text=st.one_of(numberish, st.text(max_size=30)), allow_range=st.booleans())
def test_a_typed_value_is_stored_in_the_stored_grammar_or_refused(text, allow_range):
    try:
        stored = parse_typed_value(text, allow_range=allow_range)
    except TypedNumberError:
        return
    assert stored == stored.strip()
    if len(stored) <= VALUE_LENGTH:
        assert value_problem(stored, allow_range=allow_range) is None
    if isinstance(parse_value(stored), Grade):
        # Only text that starts with a letter is stored as a grade, and then exactly as typed.
        assert stored[0].isalpha()
        assert stored == text.strip()


@pytest.mark.parametrize(
    ("number", "kept"),
    [(D("90"), 90), (D("90.00"), 90), (85, 85), (D("77.5"), "77.5"), ("60.25", "60.25"), (D("0.10"), "0.10")],
)
def test_a_number_kept_in_a_json_field_is_an_int_when_whole_else_its_exact_text(number, kept):
    assert json_number(number) == kept


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-(10**9), max_value=10**9))
def test_a_number_kept_in_a_json_field_reads_back_as_the_same_number(number):
    assert D(str(json_number(number))) == number
