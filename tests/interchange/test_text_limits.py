"""Every text of a ``lakip/1`` file has a length limit, the import names the JSON path of a text beyond it, and
the demo files stay well within them."""

import pytest

from agencies.models import Narrative
from domain.validators import NAME_LENGTH, NARRATIVE_LENGTH, TEXT_LENGTH
from interchange.importer import LakipFileError, import_document

pytestmark = pytest.mark.django_db

S1 = ["renstra", "objectives", 0]
IKU = [*S1, "indicators", 0]
CASES = [
    ([*IKU, "name"], NAME_LENGTH, "$.renstra.objectives[0].indicators[0].name"),
    ([*IKU, "formula"], TEXT_LENGTH, "$.renstra.objectives[0].indicators[0].formula"),
    ([*IKU, "data_source"], NAME_LENGTH, "$.renstra.objectives[0].indicators[0].data_source"),
    (
        [*IKU, "realisations", "2024", "evidence"],
        TEXT_LENGTH,
        "$.renstra.objectives[0].indicators[0].realisations.2024.evidence",
    ),
    (
        [*IKU, "realisations", "2024", "note"],
        TEXT_LENGTH,
        "$.renstra.objectives[0].indicators[0].realisations.2024.note",
    ),
    ([*IKU, "agreement_reasons"], TEXT_LENGTH, "$.renstra.objectives[0].indicators[0].agreement_reasons.2024"),
    ([*S1, "text"], NAME_LENGTH, "$.renstra.objectives[0].text"),
    (["renstra", "goals", 0, "text"], NAME_LENGTH, "$.renstra.goals[0].text"),
    (["renstra", "missions"], NAME_LENGTH, "$.renstra.missions[0]"),
    (["renstra", "vision"], TEXT_LENGTH, "$.renstra.vision"),
    (["programs", 0, "name"], NAME_LENGTH, "$.programs[0].name"),
    (["years", "2024", "narratives", "background"], NARRATIVE_LENGTH, "$.years.2024.narratives.background"),
    ([*S1, "narratives", "2024", "analysis"], NARRATIVE_LENGTH, "$.renstra.objectives[0].narratives.2024.analysis"),
]


def put(document, keys, limit, extra):
    """A text ``extra`` characters longer than ``limit`` at ``keys`` (as the one entry of a list or a by-year map
    where the field is one)."""
    *parents, last = keys
    for key in parents:
        document = document[key]
    text = "x" * (limit + extra)
    document[last] = {"2024": text} if last == "agreement_reasons" else [text] if last == "missions" else text


@pytest.mark.parametrize(("keys", "limit", "path"), CASES, ids=[case[2] for case in CASES])
def test_a_text_beyond_its_limit_is_refused_by_its_path_and_one_at_it_accepted(demo_document, keys, limit, path):
    document = demo_document("bengkalis-2024")
    put(document, keys, limit, 1)

    with pytest.raises(LakipFileError) as refused:
        import_document(document)

    assert [str(p) for p in refused.value.problems] == [
        f"{path}: terlalu panjang ({limit + 1} karakter, paling banyak {limit})"
    ]

    document = demo_document("bengkalis-2024")
    put(document, keys, limit, 0)
    import_document(document)


def test_a_narrative_given_as_an_object_is_refused_at_its_text(demo_document):
    document = demo_document("bengkalis-2024")
    document["years"]["2024"]["narratives"]["purpose"] = {"title": "Maksud", "text": "x" * (NARRATIVE_LENGTH + 1)}

    with pytest.raises(LakipFileError) as refused:
        import_document(document)

    assert [p.path for p in refused.value.problems] == ["$.years.2024.narratives.purpose.text"]
    assert not Narrative.objects.exists()
