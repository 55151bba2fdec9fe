"""Files built to break the import are refused at once, by JSON path, with a short message, and write nothing.

Each case is one that used to end in a traceback, a hang or gigabytes of memory (a 200 KB file with an
exponent of 999.999.999 in a money field took 13 s and 5,9 GB and printed a 1 GB message).
"""

import json
import time

import pytest

from agencies.models import Agency
from interchange.importer import LakipFileError, import_file
from tests.conftest import demo_path

PLACEHOLDER = '"@@hostile@@"'


def hostile_file(tmp_path, set_value, literal):
    """The Bengkalis demo file with one value replaced by a raw JSON literal."""
    document = json.loads(demo_path("bengkalis-2024").read_text(encoding="utf-8"))
    set_value(document, PLACEHOLDER.strip('"'))
    path = tmp_path / "hostile.lakip.json"
    text = json.dumps(document, ensure_ascii=False).replace(PLACEHOLDER, literal)
    path.write_text(text, encoding="utf-8")
    return path


def budget_total(document, value):
    document["years"]["2024"]["budget_total"]["budget"] = value


def signed_date(document, value):
    document["years"]["2024"]["signed_date"] = value


def first_target(document, value):
    document["renstra"]["objectives"][0]["indicators"][0]["targets"]["2024"] = value


def first_realisation(document, value):
    document["renstra"]["objectives"][0]["indicators"][0]["realisations"]["2024"]["value"] = value


def category_bands(document, value):
    document["settings"]["category_bands"] = [{"min": value, "label": "Tinggi"}, {"min": 0, "label": "Rendah"}]


def scale(document, value):
    document["renstra"]["objectives"][0]["indicators"][0]["scale"] = [{"grade": "C"}, {"grade": "B", "min": value}]


def agency_name(document, value):
    document["agency"]["name"] = value


def whole_document(document, value):
    document["renstra"]["vision"] = value


CASES = [
    ("money_exponent", budget_total, "1e999999999", "$.years.2024.budget_total.budget"),
    ("money_negative_exponent", budget_total, "1e-999999999", "$.years.2024.budget_total.budget"),
    ("money_beyond_its_column", budget_total, "12345678901234567", "$.years.2024.budget_total.budget"),
    ("integer_of_5000_digits", budget_total, "1" + "0" * 5000, "$.years.2024.budget_total.budget"),
    ("date_exponent", signed_date, "1e999999999", "$.years.2024.signed_date"),
    ("target_exponent", first_target, "1e999999", "$.renstra.objectives[0].indicators[0].targets.2024"),
    ("realisation_1e40", first_realisation, "1e40", "$.renstra.objectives[0].indicators[0].realisations.2024.value"),
    ("band_minimum_exponent", category_bands, "1e999999", "$.settings.category_bands[0].min"),
    ("scale_minimum_exponent", scale, "1e999999", "$.renstra.objectives[0].indicators[0].scale[1].min"),
    ("lone_surrogate", agency_name, '"\\ud800"', "$.agency.name"),
    ("nul_character", agency_name, '"BKPP\\u0000"', "$.agency.name"),
    ("nesting_deeper_than_python", whole_document, "[" * 100_000 + "]" * 100_000, "$"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("case", "set_value", "literal", "path"), CASES, ids=[case[0] for case in CASES])
def test_a_hostile_value_is_refused_at_once_by_its_path(tmp_path, case, set_value, literal, path):
    started = time.process_time()
    with pytest.raises(LakipFileError) as refused:
        import_file(hostile_file(tmp_path, set_value, literal))
    assert time.process_time() - started < 2
    assert path in [problem.path for problem in refused.value.problems]
    assert all(len(str(problem)) < 300 for problem in refused.value.problems)
    assert str(refused.value).encode("utf-8")  # printable: no lone surrogate reaches the terminal
    assert not Agency.objects.exists()
