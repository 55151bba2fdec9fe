"""Every rule of what may be stored, as a table: the forms each validator accepts, and the paths it refuses."""

from decimal import Decimal as D

import pytest

from domain import validators
from domain.validators import Problem


def paths(problems):
    return [problem.path for problem in problems]


@pytest.mark.parametrize(
    "spec",
    [
        None,
        "sakip",
        "ikm",
        ["D", "C", "B", "A"],
        ["kurang", "baik"],
        ["Kurang", "Baik (B)", "Sangat Baik (A)", "Menuju Informatif"],
        ["A"],
        [{"grade": "D", "min": 0}, {"grade": "C", "min": 50}, {"grade": "B", "min": "70.5"}],
        [{"grade": "D"}, {"grade": "C", "min": 50}],
        [{"grade": "D", "min": None}, {"grade": "C", "min": D("50.25")}],
        [{"grade": "D", "min": -10}, {"grade": "C", "min": 0}],
        [{"grade": "D"}],
    ],
)
def test_scale_forms_that_are_accepted(spec):
    assert validators.scale_problems(spec) == []


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("likert", [""]),
        ("SAKIP", [""]),
        ([], [""]),
        ({"grade": "A"}, [""]),
        (5, [""]),
        (["A", "a"], ["[1]"]),
        (["Baik", " baik "], ["[1]"]),
        (["12abc", "B"], ["[0]"]),
        (["", "B"], ["[0]"]),
        (["A", 5, None], ["[1]", "[2]"]),
        (["A", "B" * 65], ["[1]"]),
        (["C", {"grade": "B", "min": 50}], [""]),
        ([{"grade": "D", "min": 0}, {"grade": "C"}], ["[1].min"]),
        ([{"grade": "D"}, {"grade": "C"}], ["[1].min"]),
        ([{"grade": "D", "min": 50}, {"grade": "C", "min": 40}], ["[1].min"]),
        ([{"grade": "D", "min": 50}, {"grade": "C", "min": 50}], ["[1].min"]),
        ([{"grade": "D", "min": "abc"}, {"grade": "C", "min": 50}], ["[0].min"]),
        ([{"grade": "D", "min": 0}, {"grade": "C", "min": True}], ["[1].min"]),
        ([{"grade": "D", "min": 0}, {"grade": "C", "min": 50.5}], ["[1].min"]),
        ([{"min": 0}, {"grade": "1A", "min": 50}], ["[0].grade", "[1].grade"]),
        ([{"grade": "B", "min": 0}, {"grade": "b", "min": 50}], ["[1].grade"]),
    ],
)
def test_scale_forms_that_are_refused_name_the_entry(spec, expected):
    assert paths(validators.scale_problems(spec)) == expected


@pytest.mark.parametrize(
    "bands",
    [
        None,
        [{"min": 91, "label": "Sangat Tinggi"}, {"min": 76, "label": "Tinggi"}, {"min": 0, "label": "Rendah"}],
        [{"min": "90.5", "label": "Baik"}, {"min": D("-1"), "label": "Buruk"}],
        [{"min": 50, "label": "L" * 100}],
    ],
)
def test_category_bands_that_are_accepted(bands):
    assert validators.category_bands_problems(bands) == []


@pytest.mark.parametrize(
    ("bands", "expected"),
    [
        ([], [""]),
        ("91/76", [""]),
        ({"min": 91, "label": "Sangat Tinggi"}, [""]),
        ([{"min": 51, "label": "Rendah"}, {"min": 91, "label": "Sangat Tinggi"}], ["[1].min"]),
        ([{"min": 51, "label": "Rendah"}, {"min": 51, "label": "Juga rendah"}], ["[1].min"]),
        ([{"min": 91, "label": "A"}, 5], ["[1]"]),
        ([{"min": "x", "label": "A"}], ["[0].min"]),
        ([{"label": "A"}], ["[0].min"]),
        ([{"min": 91, "label": "  "}], ["[0].label"]),
        ([{"min": 91}], ["[0].label"]),
        ([{"min": 91, "label": 7}], ["[0].label"]),
        ([{"min": 91, "label": "L" * 101}], ["[0].label"]),
        ([{"min": 91, "label": ""}, {"min": 95, "label": "B"}], ["[0].label", "[1].min"]),
    ],
)
def test_category_bands_that_are_refused_name_the_band(bands, expected):
    assert paths(validators.category_bands_problems(bands)) == expected


@pytest.mark.parametrize(
    ("text", "allow_range", "refused"),
    [
        ("", True, False),
        (None, False, False),
        ("78.13", False, False),
        ("-5", False, False),
        ("70-80", True, False),
        ("70 – 80", True, False),
        ("BB", False, False),
        ("baik", False, False),
        ("Sangat Baik (A)", False, False),
        ("70-80", False, True),
        ("80-70", True, True),
        ("78,13", False, True),
        ("12abc", True, True),
        ("1-x", True, True),
        ("¼", False, True),
        ("²A", False, True),
        ("A" * 65, True, True),
    ],
)
def test_the_value_rule_is_the_one_grammar_of_domain_values(text, allow_range, refused):
    problems = validators.value_problems(text, allow_range=allow_range)
    assert paths(problems) == ([""] if refused else [])


@pytest.mark.parametrize(
    ("code", "refused"),
    [
        ("IKU-2", False),
        ("2.16.01.2.01.0001", False),
        ("  S1  ", False),
        ("Kode dengan spasi", False),
        ("K" * 64, False),
        ("", True),
        ("   ", True),
        ("K" * 65, True),
        (None, True),
        (12, True),
    ],
)
def test_code_rule(code, refused):
    assert paths(validators.code_problems(code)) == ([""] if refused else [])


@pytest.mark.parametrize(
    ("code", "refused"),
    [
        ("bkpp-bengkalis", False),
        ("kab_Bengkalis-2", False),
        ("k" * 64, False),
        ("bkpp bengkalis", True),
        (" bkpp", True),
        ("bkpp.bengkalis", True),
        ("dinas-ü", True),
        ("", True),
        ("k" * 65, True),
        (None, True),
    ],
)
def test_slug_rule(code, refused):
    assert paths(validators.slug_problems(code)) == ([""] if refused else [])


@pytest.mark.parametrize(
    ("cap", "refused"),
    [
        (None, False),
        (100, False),
        (150, False),
        (D("110"), False),
        (105, True),
        (0, True),
        ("100", True),
        (True, True),
        ([100], True),
    ],
)
def test_achievement_cap_rule(cap, refused):
    assert paths(validators.achievement_cap_problems(cap)) == ([""] if refused else [])


def test_messages_are_indonesian_and_quote_the_value_cut_short():
    [problem] = validators.scale_problems(["A", "9" * 200])
    assert problem == Problem("[1]", f"«{'9' * 39}…» bukan predikat (kata yang diawali huruf)")
    assert str(problem) == f"[1]: «{'9' * 39}…» bukan predikat (kata yang diawali huruf)"
    assert validators.achievement_cap_problems(105) == [Problem("", "«105» bukan null, 100, 110, 120 atau 150")]
    [whole] = validators.scale_problems("likert")
    assert str(whole) == 'skala «likert» tidak dikenal: gunakan "sakip", "ikm", atau daftar predikat'


def test_field_messages_keep_only_the_fields_with_problems():
    messages = validators.field_messages(
        scale=validators.scale_problems(["A", "a"]), category_bands=validators.category_bands_problems(None)
    )
    assert messages == {"scale": ["[1]: predikat «a» ganda"]}
