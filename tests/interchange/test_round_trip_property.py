"""What the admin accepts, the import accepts: an agency saved through the models' checks (``full_clean``, as every
admin form calls it) is exported with ``export_lakip``, imported into an empty database, and computes the very
same ``lakip-results/1`` document. One rule per value (``domain.validators``) decides on both sides.
"""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.forms import modelform_factory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agencies.models import Agency, Government
from budgets.models import BudgetFigure, BudgetLine
from domain.enums import ACHIEVEMENT_CAPS, BudgetLevel, Direction, EfficiencyMethod, RealisationStatus
from domain.validators import CODE_LENGTH, Problem, achievement_cap_problems, code_problems, slug_problems
from domain.values import NAMED_SCALES
from indicators.models import Goal, Indicator, Objective, Realisation, Renstra, RenstraYear, Target
from interchange.importer import LakipFileError, import_document, parse_json
from interchange.results import results_document
from performance.results import agency_results

YEAR = 2024
GRADE_WORDS = [
    "kurang",
    "cukup",
    "baik",
    "sangat baik",
    "D",
    "C",
    "B",
    "A",
    "AA",
    "WTP",
    "Baik (B)",
    "Menuju Informatif",
]


def saved(row):
    """Save a row the way the admin does: only after ``full_clean()`` found nothing wrong with it."""
    row.full_clean()
    row.save()
    return row


def save_agency(agency_fields, indicators):
    """An agency with one goal, one objective carrying ``indicators``, and a program funding the objective."""
    government = saved(Government(code="kab-sifat", name="Pemerintah Kabupaten Sifat", level="kabupaten"))
    agency = saved(Agency(government=government, code="opd-sifat", name="Badan Sifat", **agency_fields))
    renstra = saved(Renstra(agency=agency, start_year=2021, end_year=2026))
    goal = saved(Goal(renstra=renstra, code="T1", text="Tujuan"))
    objective = saved(Objective(renstra=renstra, goal=goal, code="S1", text="Sasaran"))
    program = saved(BudgetLine(agency=agency, level=BudgetLevel.PROGRAM, code="2.16.01", name="Program"))
    program.objectives.add(objective)
    saved(BudgetFigure(line=program, year=YEAR, budget=Decimal(1000), realisation=Decimal(900)))
    years = {row.year: row for row in RenstraYear.objects.filter(renstra=renstra)}
    for position, spec in enumerate(indicators):
        indicator = saved(
            Indicator(
                agency=agency,
                objective=objective,
                code=f"IKU-{position + 1}",
                name=f"Indikator {position + 1}",
                direction=spec["direction"],
                scale=spec["scale"],
                national_standard=spec.get("national_standard", ""),
                position=position,
            )
        )
        for year, (renstra_value, agreement_value) in spec["targets"].items():
            saved(
                Target(
                    indicator=indicator,
                    renstra_year=years[year],
                    renstra_value=renstra_value,
                    agreement_value=agreement_value,
                )
            )
        for year, (value, status) in spec["realisations"].items():
            saved(Realisation(indicator=indicator, year=year, value=value, status=status))
    return agency


def exported_file(agency):
    """The text ``manage.py export_lakip`` writes for the agency, read back as the import reads a file."""
    out = io.StringIO()
    call_command("export_lakip", "--agency", agency.code, stdout=out)
    return parse_json(out.getvalue())


def results(agency):
    return results_document(agency_results(agency=agency, year=YEAR))


def reimported_into_an_empty_database(agency):
    """Export the agency, delete it and its government, import the file: the agency the import made."""
    document = exported_file(agency)
    government = agency.government
    agency.delete()
    government.delete()
    try:
        code = import_document(document).agency_code
    except LakipFileError as refused:
        pytest.fail(f"the import refused what the admin accepted: {[str(p) for p in refused.problems]}")
    return Agency.objects.get(code=code)


def assert_round_trip(agency_fields, indicators):
    """The results of the agency as saved and as imported from its export are the same; returns them."""
    with transaction.atomic():
        agency = save_agency(agency_fields, indicators)
        before = results(agency)
        after = results(reimported_into_an_empty_database(agency))
        transaction.set_rollback(True)
    assert after == before
    return after


# --- The reproductions of issue 11: accepted by the admin, refused by the import before one rule decided ---

ADMIN_SCALES = [
    # The lowest grade takes everything below the next minimum: 30 is a D, half of the target C.
    pytest.param([{"grade": "D"}, {"grade": "C", "min": 50}], "C", "30", "50.00", id="lowest_grade_without_min"),
    pytest.param(["kurang", "baik"], "kurang", "baik", "100.00", id="lower_case_grades"),
]


@pytest.mark.parametrize(("scale", "target", "realisation", "achievement"), ADMIN_SCALES)
def test_a_scale_the_admin_accepts_survives_export_and_import(scale, target, realisation, achievement, db):
    indicator = {
        "direction": Direction.HIGHER,
        "scale": scale,
        "targets": {YEAR: (target, "")},
        "realisations": {YEAR: (realisation, RealisationStatus.FINAL)},
    }
    [result] = assert_round_trip({}, [indicator])["indicators"]
    assert result["achievement"] == achievement


@pytest.mark.parametrize("scale", [param.values[0] for param in ADMIN_SCALES], ids=[param.id for param in ADMIN_SCALES])
def test_the_imported_scale_is_the_one_the_admin_saved(scale, db):
    indicator = {"direction": Direction.HIGHER, "scale": scale, "targets": {}, "realisations": {}}
    with transaction.atomic():
        agency = reimported_into_an_empty_database(save_agency({}, [indicator]))
        assert Indicator.objects.get(agency=agency).scale == scale
        transaction.set_rollback(True)


REFUSED_SETTINGS = [
    pytest.param("scale", ["Baik", " baik"], id="grades_repeated_ignoring_case"),
    pytest.param(
        "scale",
        [{"grade": "D", "min": 0}, {"grade": "C"}, {"grade": "B", "min": 0}],
        id="band_above_the_lowest_without_min",
    ),
    pytest.param("scale", ["C", {"grade": "B", "min": 50}], id="scale_of_mixed_forms"),
    pytest.param("scale", "likert", id="unknown_scale"),
    pytest.param("category_bands", [{"min": 51, "label": "Rendah"}, {"min": 91, "label": " "}], id="bands_rising"),
    pytest.param("category_bands", [], id="no_category_band"),
]


def admin_messages(field, value):
    """The messages the admin shows under the field for the value (the model's ``full_clean``)."""
    agency = save_agency({}, [])
    if field == "scale":
        row = Indicator(agency=agency, objective=Objective.objects.get(), code="X", name="X", scale=value)
    else:
        row = Agency(government=agency.government, code="opd-lain", name="Badan Lain", category_bands=value)
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    return refused.value.message_dict[field]


@pytest.mark.parametrize(("field", "value"), REFUSED_SETTINGS)
def test_the_admin_and_the_import_refuse_the_same_value_with_the_same_messages(field, value, demo_document, db):
    document = demo_document("bengkalis-2024")
    if field == "scale":
        document["renstra"]["objectives"][0]["indicators"][1]["scale"] = value
        path = "$.renstra.objectives[0].indicators[1].scale"
    else:
        document["settings"]["category_bands"] = value
        path = "$.settings.category_bands"
    with pytest.raises(LakipFileError) as refused:
        import_document(document)
    imported = [str(Problem(p.path.removeprefix(path), p.message)) for p in refused.value.problems]
    assert imported == admin_messages(field, value)


# --- Codes and the cap: the admin's field declarations say what the domain's rules say -----------------------


@pytest.mark.parametrize("model", [Government, Agency, Goal, Objective, Indicator, BudgetLine])
def test_every_code_column_is_as_wide_as_the_code_rule(model):
    assert model._meta.get_field("code").max_length == CODE_LENGTH


@pytest.mark.parametrize("code", ["S1", " S1 ", "Kode 2.1", "K" * 64, "K" * 65, "", "   "])
def test_the_admin_refuses_exactly_the_codes_the_import_refuses(code, db):
    renstra = save_agency({}, []).renstras.get()
    form = modelform_factory(Goal, fields=["renstra", "code", "text"])(
        {"renstra": renstra.pk, "code": code, "text": "x"}
    )
    assert form.is_valid() == (not code_problems(code))


@pytest.mark.parametrize(
    ("code", "cap"),
    [("opd-a_1", ""), (" opd-a ", "100"), ("opd a", ""), ("opd.a", ""), ("k" * 65, ""), ("opd-a", "105")],
)
def test_the_admin_refuses_exactly_the_agency_codes_and_caps_the_import_refuses(code, cap, db):
    government = saved(Government(code="kab-x", name="Kabupaten X", level="kabupaten"))
    fields = ["government", "code", "name", "achievement_cap", "efficiency_method", "paper_size"]
    data = {"government": government.pk, "code": code, "name": "Badan X", "achievement_cap": cap}
    form = modelform_factory(Agency, fields=fields)({**data, "efficiency_method": "ratio", "paper_size": "A4"})
    refused = slug_problems(code.strip()) or achievement_cap_problems(int(cap) if cap else None)
    assert form.is_valid() == (not refused)


# --- Everything the admin accepts --------------------------------------------------------------------------

numbers = st.decimals(min_value=-50, max_value=500, places=2)
number_texts = numbers.map(lambda number: format(number, "f"))
range_texts = st.lists(numbers, min_size=2, max_size=2).map(sorted).map(lambda pair: f"{pair[0]:f}-{pair[1]:f}")
grade_lists = st.lists(st.sampled_from(GRADE_WORDS), min_size=1, max_size=5, unique_by=str.casefold)


def json_minimum(number, as_text):
    """A minimum as a JSON field keeps it: an int when whole, else decimal text (a float would lose it)."""
    if as_text or number != number.to_integral_value():
        return format(number, "f")
    return int(number)


@st.composite
def scales(draw):
    """A scale in each form the admin accepts, banded ones with or without the lowest grade's minimum."""
    form = draw(st.sampled_from(["numeric", "named", "grades", "bands"]))
    if form == "numeric":
        return None
    if form == "named":
        return draw(st.sampled_from(sorted(NAMED_SCALES)))
    grades = draw(grade_lists)
    if form == "grades":
        return grades
    minimums = sorted(draw(st.lists(numbers, min_size=len(grades), max_size=len(grades), unique=True)))
    bands = [
        {"grade": grade, "min": json_minimum(minimum, draw(st.booleans()))}
        for grade, minimum in zip(grades, minimums, strict=True)
    ]
    if draw(st.booleans()):
        del bands[0]["min"]
    return bands


def grades_on(scale):
    if isinstance(scale, list):
        return [band["grade"] if isinstance(band, dict) else band for band in scale]
    return list(NAMED_SCALES[scale].grades) if scale else []


def has_bands(scale):
    return isinstance(scale, str) or (isinstance(scale, list) and isinstance(scale[0], dict))


def values_for(scale, *, allow_range):
    """Values of the kind the indicator expects, mostly, and now and then one of another kind or a grade off
    its scale: a finding (``value_kind_mismatch``), never a refusal."""
    numeric = st.one_of(number_texts, range_texts) if allow_range else number_texts
    grades = grades_on(scale)
    if not grades:
        fitting = numeric
    elif has_bands(scale):
        fitting = st.one_of(st.sampled_from(grades), numeric)
    else:
        fitting = st.sampled_from(grades)
    other = st.one_of(numeric, st.sampled_from([*grades, "BB", "baik"]))
    return st.integers(0, 3).flatmap(lambda pick: other if pick == 0 else fitting)


@st.composite
def indicator_specs(draw):
    scale = draw(scales())
    targets = values_for(scale, allow_range=True)
    realised = values_for(scale, allow_range=False)
    target_years = [YEAR, *draw(st.lists(st.sampled_from([2023, 2026]), unique=True))]
    realisations = {}
    for year in draw(st.sampled_from([[YEAR], [2023, YEAR], [2023], []])):
        status = draw(st.sampled_from(RealisationStatus.values()))
        value = st.one_of(st.just(""), realised) if status == RealisationStatus.PENDING else realised
        realisations[year] = (draw(value), status)
    return {
        "direction": draw(st.sampled_from(Direction.values())),
        "scale": scale,
        "targets": {year: (draw(targets), draw(st.one_of(st.just(""), targets))) for year in target_years},
        "realisations": realisations,
        "national_standard": draw(st.one_of(st.just(""), targets)),
    }


labels = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=100).filter(str.strip)


@st.composite
def category_bands(draw):
    minimums = sorted(draw(st.lists(numbers, min_size=1, max_size=5, unique=True)), reverse=True)
    return [{"min": json_minimum(minimum, draw(st.booleans())), "label": draw(labels)} for minimum in minimums]


agency_settings = st.fixed_dictionaries(
    {
        "achievement_cap": st.sampled_from([None, *ACHIEVEMENT_CAPS]),
        "efficiency_method": st.sampled_from(EfficiencyMethod.values()),
        "category_bands": st.one_of(st.none(), category_bands()),
    }
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(agency_fields=agency_settings, indicators=st.lists(indicator_specs(), min_size=1, max_size=3))
def test_whatever_the_admin_accepts_round_trips_to_the_same_results(agency_fields, indicators, db):
    assert_round_trip(agency_fields, indicators)
