"""A narrative section in a ``lakip/1`` file is its Markdown text or ``{"title", "chapter", "text"}``; the import
keeps the title and chapter, refuses what cannot be one with its JSON path, and the export writes them back."""

import pytest

from agencies.models import Agency, Narrative
from indicators.models import ObjectiveNarrative
from interchange.exporter import export_document
from interchange.importer import LakipFileError, import_document

pytestmark = pytest.mark.django_db

YEAR = "$.years.2024.narratives"
S1 = "$.renstra.objectives[0].narratives.2024"


def narratives(document):
    return document["years"]["2024"]["narratives"]


def objective_narratives(document):
    return document["renstra"]["objectives"][0]["narratives"]["2024"]


def stored(key):
    return Narrative.objects.values("title", "chapter", "text", "position").get(key=key)


def test_a_section_as_an_object_keeps_its_title_chapter_and_place_in_the_file(demo_document):
    document = demo_document("bengkalis-2024")
    narratives(document)["purpose"] = {"title": "Maksud dan Tujuan Penyusunan", "chapter": "bab1", "text": "Teks."}
    narratives(document)["annex_iop"] = {"title": "Indikator Kinerja Individu", "chapter": "appendix", "text": "x"}
    narratives(document)["background"] = {"text": "Latar."}
    objective_narratives(document)["lessons"] = {"title": "Pembelajaran", "text": "Belajar."}

    import_document(document)

    assert stored("purpose") == {
        "title": "Maksud dan Tujuan Penyusunan",
        "chapter": "bab1",
        "text": "Teks.",
        "position": 3,
    }
    assert stored("annex_iop") == {
        "title": "Indikator Kinerja Individu",
        "chapter": "appendix",
        "text": "x",
        "position": 9,
    }
    assert stored("background") == {"title": "", "chapter": "", "text": "Latar.", "position": 2}
    lessons = ObjectiveNarrative.objects.get(objective__code="S1", key="lessons")
    assert (lessons.title, lessons.text) == ("Pembelajaran", "Belajar.")


@pytest.mark.parametrize(
    ("section", "path", "message"),
    [
        ({"chapter": "bab5", "text": "x"}, f"{YEAR}.purpose.chapter", "bab «bab5» tidak dikenal"),
        ({"chapter": 1, "text": "x"}, f"{YEAR}.purpose.chapter", "tidak dikenal"),
        ({"title": ["Judul"], "text": "x"}, f"{YEAR}.purpose.title", "harus berupa teks"),
        (
            {"title": "J" * 201, "text": "x"},
            f"{YEAR}.purpose.title",
            "terlalu panjang (201 karakter, paling banyak 200)",
        ),
        ({"title": "Judul", "text": 5}, f"{YEAR}.purpose.text", "harus berupa teks"),
        ({"title": "Judul", "text": "a\x00b"}, f"{YEAR}.purpose.text", "tidak sah"),
        (["Teks."], f"{YEAR}.purpose", "harus berupa teks atau objek"),
        (12, f"{YEAR}.purpose", "harus berupa teks atau objek"),
    ],
)
def test_a_section_that_cannot_be_one_is_refused_with_its_path(demo_document, section, path, message):
    document = demo_document("bengkalis-2024")
    narratives(document)["purpose"] = section

    with pytest.raises(LakipFileError) as refused:
        import_document(document)

    assert [p for p in refused.value.problems if p.path == path and message in p.message]
    assert not Narrative.objects.exists()


def test_a_sasaran_section_has_no_chapter(demo_document):
    document = demo_document("bengkalis-2024")
    objective_narratives(document)["analysis"] = {"chapter": "bab4", "text": "x"}

    with pytest.raises(LakipFileError) as refused:
        import_document(document)

    assert [str(p) for p in refused.value.problems] == [
        f"{S1}.analysis.chapter: narasi sasaran dicetak pada sasarannya, tanpa bab"
    ]


def test_export_writes_the_object_form_where_a_title_or_chapter_differs_from_the_keys(import_demo):
    agency = import_demo("bengkulu-2024")
    Narrative.objects.filter(key="legal_basis").update(title="Dasar Pembentukan Organisasi")
    Narrative.objects.filter(key="policy").update(chapter="bab1")
    Narrative.objects.filter(key="strategy").update(title="Strategi", chapter="bab2")
    ObjectiveNarrative.objects.filter(objective__code="S1", key="analysis").update(title="Analisis Sasaran 1.1")

    document = export_document(agency)

    written = narratives(document)
    assert written["legal_basis"] == {"title": "Dasar Pembentukan Organisasi", "text": stored("legal_basis")["text"]}
    assert written["policy"] == {"chapter": "bab1", "text": stored("policy")["text"]}
    assert written["strategy"] == stored("strategy")["text"]
    assert objective_narratives(document)["analysis"]["title"] == "Analisis Sasaran 1.1"


def test_custom_titles_and_chapters_survive_a_round_trip(demo_document):
    document = demo_document("belitung-timur-2024")
    narratives(document)["finance"] = {"title": "Keuangan Perangkat Daerah", "chapter": "bab2", "text": "Dana."}
    narratives(document)["annex_iop"] = {"chapter": "appendix", "text": "Lampiran IKI."}
    objective_narratives(document)["analysis"] = {"title": "Analisis Sistem Merit", "text": "Analisis."}
    agency = Agency.objects.get(code=import_document(document).agency_code)

    exported = export_document(agency)

    assert narratives(exported)["finance"] == narratives(document)["finance"]
    assert narratives(exported)["annex_iop"] == narratives(document)["annex_iop"]
    assert objective_narratives(exported)["analysis"] == objective_narratives(document)["analysis"]
    assert list(narratives(exported)) == list(narratives(document))
    assert not import_document(exported).changed
