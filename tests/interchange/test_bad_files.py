"""A bad file is refused with every problem listed by JSON path, and nothing of it is written."""

import pytest
from django.apps import apps

from agencies.models import Agency
from indicators.models import Realisation
from interchange.importer import LakipFileError, import_document


def snapshot():
    return {
        model._meta.label: sorted(model.objects.values_list("pk", flat=True))
        for app in ("agencies", "indicators", "budgets")
        for model in apps.get_app_config(app).get_models()
    }


def set_path(document, path, value):
    """Set a value at a list of keys / indexes, or delete it when value is ``DELETE``."""
    *parents, last = path
    for key in parents:
        document = document[key]
    if value is DELETE:
        del document[last]
    else:
        document[last] = value


DELETE = object()
IKU = ["renstra", "objectives", 0, "indicators", 1]
S1 = ["renstra", "objectives", 0]

# (case id, demo file, [(keys, new value)], expected JSON path of a problem)
BAD_FILES = [
    ("wrong_format", "bengkalis-2024", [(["format"], "lakip/2")], "$.format"),
    ("missing_format", "bengkalis-2024", [(["format"], DELETE)], "$.format"),
    ("missing_agency_code", "bengkalis-2024", [(["agency", "code"], DELETE)], "$.agency.code"),
    ("missing_agency_name", "bengkalis-2024", [(["agency", "name"], "  ")], "$.agency.name"),
    (
        "missing_government_name",
        "bengkalis-2024",
        [(["agency", "government", "name"], DELETE)],
        "$.agency.government.name",
    ),
    ("bad_level", "bengkalis-2024", [(["agency", "government", "level"], "desa")], "$.agency.government.level"),
    ("missing_renstra_start", "bengkalis-2024", [(["renstra", "start_year"], DELETE)], "$.renstra.start_year"),
    ("start_after_end", "bengkalis-2024", [(["renstra", "end_year"], 2020)], "$.renstra.end_year"),
    ("duplicate_goal", "bengkulu-2024", [(["renstra", "goals", 1, "code"], "T1")], "$.renstra.goals[1].code"),
    (
        "duplicate_objective",
        "bengkalis-2024",
        [(["renstra", "objectives", 2, "code"], "S1")],
        "$.renstra.objectives[2].code",
    ),
    (
        "duplicate_indicator_across_owners",
        "bengkalis-2024",
        [(["renstra", "objectives", 1, "indicators", 0, "code"], "IKU-1")],
        "$.renstra.objectives[1].indicators[0].code",
    ),
    (
        "duplicate_budget_line_across_levels",
        "bengkulu-2024",
        [(["programs", 0, "activities", 0, "code"], "__program_1__")],
        "$.programs[0].activities[0].code",
    ),
    ("unknown_goal", "bengkalis-2024", [([*S1, "goal"], "T9")], "$.renstra.objectives[0].goal"),
    (
        "unknown_line_objective",
        "bengkalis-2024",
        [(["programs", 0, "objectives"], ["S9"])],
        "$.programs[0].objectives[0]",
    ),
    (
        "target_outside_renstra",
        "bengkalis-2024",
        [([*IKU, "targets", "2030"], "70")],
        "$.renstra.objectives[0].indicators[1].targets.2030",
    ),
    (
        "year_key_not_four_digits",
        "bengkalis-2024",
        [([*IKU, "targets", "24"], "70")],
        "$.renstra.objectives[0].indicators[1].targets.24",
    ),
    (
        "target_not_a_value",
        "bengkalis-2024",
        [([*IKU, "targets", "2024"], "12abc")],
        "$.renstra.objectives[0].indicators[1].targets.2024",
    ),
    (
        "reversed_range",
        "bengkalis-2024",
        [([*IKU, "targets", "2024"], "80-70")],
        "$.renstra.objectives[0].indicators[1].targets.2024",
    ),
    (
        "indonesian_decimal_comma",
        "bengkalis-2024",
        [([*IKU, "realisations", "2024", "value"], "78,13")],
        "$.renstra.objectives[0].indicators[1].realisations.2024.value",
    ),
    (
        "negative_money",
        "bengkalis-2024",
        [([*S1, "budgets", "2024", "budget"], -5)],
        "$.renstra.objectives[0].budgets.2024.budget",
    ),
    (
        "money_not_a_number",
        "bengkalis-2024",
        [(["years", "2024", "budget_total", "realisation"], "15.308.783.844")],
        "$.years.2024.budget_total.realisation",
    ),
    (
        "unknown_expense_type",
        "bengkalis-2024",
        [([*S1, "budgets", "2024", "expense_type"], "hibah")],
        "$.renstra.objectives[0].budgets.2024.expense_type",
    ),
    (
        "unknown_status",
        "bengkalis-2024",
        [([*IKU, "realisations", "2024", "status"], "sementara")],
        "$.renstra.objectives[0].indicators[1].realisations.2024.status",
    ),
    (
        "unknown_direction",
        "bengkalis-2024",
        [([*IKU, "direction"], "up")],
        "$.renstra.objectives[0].indicators[1].direction",
    ),
    ("bad_cap", "bengkalis-2024", [(["settings", "achievement_cap"], 105)], "$.settings.achievement_cap"),
    (
        "bad_efficiency_method",
        "bengkalis-2024",
        [(["settings", "efficiency_method"], "roi")],
        "$.settings.efficiency_method",
    ),
    (
        "category_bands_not_descending",
        "bengkalis-2024",
        [(["settings", "category_bands"], [{"min": 51, "label": "Rendah"}, {"min": 91, "label": "Sangat Tinggi"}])],
        "$.settings.category_bands[1].min",
    ),
    (
        "category_bands_not_a_list",
        "bengkalis-2024",
        [(["settings", "category_bands"], "91/76")],
        "$.settings.category_bands",
    ),
    ("unknown_scale", "bengkalis-2024", [([*IKU, "scale"], "likert")], "$.renstra.objectives[0].indicators[1].scale"),
    (
        "scale_grades_repeated_ignoring_case",
        "bengkalis-2024",
        [([*IKU, "scale"], ["Baik", "baik"])],
        "$.renstra.objectives[0].indicators[1].scale[1]",
    ),
    (
        "scale_grade_not_a_word",
        "bengkalis-2024",
        [([*IKU, "scale"], [{"grade": "12abc"}, {"grade": "B", "min": 50}])],
        "$.renstra.objectives[0].indicators[1].scale[0].grade",
    ),
    (
        "scale_of_mixed_forms",
        "bengkalis-2024",
        [([*IKU, "scale"], ["C", {"grade": "B", "min": 50}])],
        "$.renstra.objectives[0].indicators[1].scale",
    ),
    (
        "category_band_label_too_long",
        "bengkalis-2024",
        [(["settings", "category_bands"], [{"min": 91, "label": "L" * 101}, {"min": 0, "label": "Rendah"}])],
        "$.settings.category_bands[0].label",
    ),
    ("agency_code_not_a_slug", "bengkalis-2024", [(["agency", "code"], "bkpp bengkalis")], "$.agency.code"),
    (
        "indicator_code_too_long",
        "bengkalis-2024",
        [([*IKU, "code"], "I" * 65)],
        "$.renstra.objectives[0].indicators[1].code",
    ),
    (
        "national_standard_not_a_value",
        "bengkalis-2024",
        [([*IKU, "national_standard"], "12abc")],
        "$.renstra.objectives[0].indicators[1].national_standard",
    ),
    (
        "realisation_given_as_a_range",
        "bengkalis-2024",
        [([*IKU, "realisations", "2024", "value"], "70-80")],
        "$.renstra.objectives[0].indicators[1].realisations.2024.value",
    ),
    (
        "scale_band_without_min",
        "bengkalis-2024",
        [([*IKU, "scale"], [{"grade": "C", "min": 0}, {"grade": "B"}])],
        "$.renstra.objectives[0].indicators[1].scale[1].min",
    ),
    (
        "bad_signed_date",
        "bengkalis-2024",
        [(["years", "2024", "signed_date"], "10-03-2025")],
        "$.years.2024.signed_date",
    ),
    ("missions_not_a_list", "bengkalis-2024", [(["renstra", "missions"], "Misi satu")], "$.renstra.missions"),
    (
        "indicators_not_a_list",
        "bengkalis-2024",
        [([*S1, "indicators"], {"code": "X"})],
        "$.renstra.objectives[0].indicators",
    ),
    (
        "unknown_quarter",
        "bengkalis-2024",
        [([*IKU, "realisations", "2024", "quarters"], {"5": "1"})],
        "$.renstra.objectives[0].indicators[1].realisations.2024.quarters.5",
    ),
    (
        "duplicate_expense_type_of_year",
        "bengkalis-2024",
        [(["years", "2024", "budget_by_type", 1, "type"], "pegawai")],
        "$.years.2024.budget_by_type[1].type",
    ),
    ("document_not_an_object", "bengkalis-2024", [], "$"),
]


def bad_document(demo_document, name, changes):
    document = demo_document(name)
    if name == "bengkulu-2024":
        program_code = document["programs"][0]["code"]
        changes = [(keys, program_code if value == "__program_1__" else value) for keys, value in changes]
    for keys, value in changes:
        set_path(document, keys, value)
    return document


def refused_paths(document):
    with pytest.raises(LakipFileError) as refused:
        import_document(document)
    return [problem.path for problem in refused.value.problems]


@pytest.mark.parametrize(("case", "name", "changes", "path"), BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_bad_file_is_refused_with_the_path_of_the_problem_and_writes_nothing(
    case, name, changes, path, demo_document, db
):
    document = [] if case == "document_not_an_object" else bad_document(demo_document, name, changes)
    assert path in refused_paths(document)
    assert all(not rows for rows in snapshot().values())


@pytest.mark.parametrize(("case", "name", "changes", "path"), BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_bad_file_of_an_existing_agency_leaves_its_data_intact(case, name, changes, path, demo_document, import_demo):
    agency = import_demo(name)
    before = snapshot()
    document = [] if case == "document_not_an_object" else bad_document(demo_document, name, changes)
    if isinstance(document, dict) and isinstance(document.get("agency"), dict):
        document["agency"]["short_name"] = "DIUBAH"
    assert path in refused_paths(document)
    assert snapshot() == before
    assert Agency.objects.get(pk=agency.pk).short_name != "DIUBAH"


def test_every_problem_of_a_file_is_listed_at_once(demo_document, db):
    document = demo_document("bengkalis-2024")
    document["format"] = "lakip/0"
    document["settings"]["achievement_cap"] = 99
    document["renstra"]["objectives"][0]["indicators"][1]["targets"]["2024"] = "1-x"
    paths = refused_paths(document)
    assert paths == [
        "$.format",
        "$.settings.achievement_cap",
        "$.renstra.objectives[0].indicators[1].targets.2024",
    ]


def test_problem_messages_are_in_indonesian_and_quote_the_bad_value(demo_document, db):
    document = demo_document("bengkalis-2024")
    document["renstra"]["objectives"][0]["indicators"][1]["targets"]["2024"] = "12abc"
    with pytest.raises(LakipFileError) as refused:
        import_document(document)
    assert str(refused.value.problems[0]) == (
        "$.renstra.objectives[0].indicators[1].targets.2024: «12abc» bukan angka, rentang «a-b», atau predikat"
    )


def test_unknown_extra_keys_are_ignored(demo_document, db):
    document = demo_document("bengkalis-2024")
    document["_comment"] = "diabaikan"
    document["renstra"]["objectives"][0]["_asal"] = "halaman 12"
    assert import_document(document).agency_code == "bkpp-bengkalis"


def test_non_pending_realisation_without_value_is_accepted(demo_document, db):
    document = demo_document("bengkalis-2024")
    document["renstra"]["objectives"][0]["indicators"][1]["realisations"]["2024"] = {"status": "final"}
    assert import_document(document).agency_code == "bkpp-bengkalis"


def test_grade_target_for_a_numeric_indicator_is_not_an_import_error(demo_document, db):
    document = demo_document("bengkalis-2024")
    document["renstra"]["objectives"][0]["indicators"][1]["targets"]["2024"] = "BB"
    assert import_document(document).agency_code == "bkpp-bengkalis"


def test_a_year_written_as_null_is_a_year_without_data(demo_document, db):
    document = demo_document("bengkalis-2024")
    objective = document["renstra"]["objectives"][0]
    objective["indicators"][1]["realisations"]["2023"] = None
    objective["narratives"]["2023"] = None
    objective["budgets"]["2023"] = None
    assert import_document(document).agency_code == "bkpp-bengkalis"
    assert not Realisation.objects.filter(indicator__code="IKU-2", year=2023).exists()


def test_the_regional_heads_name_is_kept_and_left_alone_when_a_file_omits_it(demo_document, db):
    document = demo_document("bengkalis-2024")
    document["agency"]["government"]["head_name"] = "KASMARNI, S.Sos., MMP"
    import_document(document)
    del document["agency"]["government"]["head_name"]
    import_document(document)
    assert Agency.objects.get(code="bkpp-bengkalis").government.head_name == "KASMARNI, S.Sos., MMP"


def test_grades_written_with_punctuation_are_accepted(demo_document, db):
    document = demo_document("bengkalis-2024")
    indicator = document["renstra"]["objectives"][2]["indicators"][0]
    indicator["scale"] = ["Kurang", "Baik (B)", "Sangat Baik (A)"]
    indicator["targets"]["2024"] = "Baik (B)"
    indicator["realisations"]["2024"]["value"] = "Sangat Baik (A)"
    assert import_document(document).agency_code == "bkpp-bengkalis"


def test_text_longer_than_its_column_is_refused_by_path(demo_document, db):
    document = demo_document("bengkalis-2024")
    document["agency"]["short_name"] = "B" * 51
    assert refused_paths(document) == ["$.agency.short_name"]


def test_long_indicator_unit_that_fits_its_column_is_accepted(demo_document, db):
    document = demo_document("bengkalis-2024")
    document["renstra"]["objectives"][0]["indicators"][1]["unit"] = "persen pegawai yang memenuhi standar " * 4
    assert import_document(document).agency_code == "bkpp-bengkalis"
