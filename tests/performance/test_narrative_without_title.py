"""``narrative_without_title``: a section the project does not know, without a title, prints under its key."""

from performance.results import compute_results
from performance.snapshot import NarrativeData, ObjectiveData, YearData
from tests.snapshots import indicator, snapshot


def untitled(year_narratives=None, objective_narratives=None):
    objective = ObjectiveData("S1", "Sasaran", "T1", [indicator("A", "50", "60")])
    objective.narratives = {2024: objective_narratives or {}}
    years = {2024: YearData(2024, narratives=year_narratives or {})}
    findings = compute_results(snapshot([objective], years=years), 2024).findings
    return [(f.severity, f.subject, f.message) for f in findings if f.rule == "narrative_without_title"]


def test_an_unknown_key_without_a_title_is_reported_with_what_it_prints_as():
    assert untitled({"background": NarrativeData("Latar."), "annex_iop": NarrativeData("Indikator individu.")}) == [
        ("info", "agency", "Bagian narasi «annex_iop» belum diberi judul; dicetak dengan judul «Annex iop»")
    ]


def test_a_title_a_known_key_or_an_empty_section_is_not_reported():
    assert not untitled(
        {
            "annex_iop": NarrativeData("Teks.", title="Indikator Kinerja Individu"),
            "tujuan_3_analysis": NarrativeData("Teks."),
            "legal_basis": NarrativeData("Teks.", chapter="appendix"),
            "annex_empty": NarrativeData("  \n"),
        },
        {"success_factors": NarrativeData("Teks.")},
    )


def test_a_sasaran_section_is_judged_by_the_keys_of_a_sasaran():
    found = untitled(objective_narratives={"background": NarrativeData("Teks."), "lessons": NarrativeData("Teks.")})
    assert [(subject, message.split("»")[0]) for _, subject, message in found] == [
        ("S1", "Bagian narasi «background"),
        ("S1", "Bagian narasi «lessons"),
    ]
