"""Re-importing is an upsert: the same file changes nothing, a changed file changes only what changed."""

from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model

from agencies.models import Agency
from domain.enums import ReportStatus
from indicators.models import Indicator, Objective, Realisation, Renstra, Target
from interchange.importer import import_document

DOMAIN_APPS = ("agencies", "indicators", "budgets")


def snapshot():
    """Every row id of the domain tables, per model: equal snapshots mean the same rows."""
    return {
        model._meta.label: sorted(model.objects.values_list("pk", flat=True))
        for app in DOMAIN_APPS
        for model in apps.get_app_config(app).get_models()
    }


def test_importing_the_same_file_twice_keeps_the_same_rows_and_ids(import_demo):
    import_demo("belitung-timur-2024")
    before = snapshot()
    import_demo("belitung-timur-2024")
    assert snapshot() == before


def test_importing_the_same_file_twice_reports_no_change(import_demo, demo_document):
    import_demo("bengkulu-2024")
    result = import_document(demo_document("bengkulu-2024"))
    assert not result.changed


def test_first_import_reports_what_it_created(demo_document, db):
    result = import_document(demo_document("bengkalis-2024"))
    assert result.agency_code == "bkpp-bengkalis"
    assert result.created["objective"] == 3
    assert result.created["agency"] == 1


def test_indicator_removed_from_the_file_is_deleted(import_demo, demo_document):
    agency = import_demo("bengkalis-2024")
    document = demo_document("bengkalis-2024")
    removed = document["renstra"]["objectives"][0]["indicators"].pop(0)
    kept_ids = set(Indicator.objects.exclude(code=removed["code"]).values_list("pk", flat=True))
    result = import_document(document)
    assert not Indicator.objects.filter(agency=agency, code=removed["code"]).exists()
    assert set(Indicator.objects.values_list("pk", flat=True)) == kept_ids
    assert result.deleted["indicator"] == 1


def test_changed_target_updates_the_same_row(import_demo, demo_document):
    import_demo("bengkalis-2024")
    target = Target.objects.get(indicator__code="IKU-2", renstra_year__year=2025)
    document = demo_document("bengkalis-2024")
    document["renstra"]["objectives"][0]["indicators"][1]["targets"]["2025"] = "60"
    result = import_document(document)
    target.refresh_from_db()
    assert target.renstra_value == "60"
    assert result.updated == {"target": 1}


def test_indicator_moved_to_another_objective_keeps_its_id(import_demo, demo_document):
    import_demo("bengkalis-2024")
    moved = Indicator.objects.get(code="IKU-1")
    document = demo_document("bengkalis-2024")
    objectives = document["renstra"]["objectives"]
    objectives[1]["indicators"].append(objectives[0]["indicators"].pop(0))
    import_document(document)
    moved.refresh_from_db()
    assert moved.objective.code == objectives[1]["code"]


def test_objective_removed_with_its_indicators_moved_elsewhere_keeps_the_indicators(import_demo, demo_document):
    import_demo("bengkalis-2024")
    document = demo_document("bengkalis-2024")
    objectives = document["renstra"]["objectives"]
    removed = objectives.pop(2)
    objectives[0]["indicators"] += removed["indicators"]
    for program in document["programs"]:
        program["objectives"] = [code for code in program["objectives"] if code != removed["code"]]
    moved_ids = set(Indicator.objects.filter(objective__code=removed["code"]).values_list("pk", flat=True))
    assert moved_ids
    import_document(document)
    assert not Objective.objects.filter(code=removed["code"]).exists()
    kept_ids = set(Indicator.objects.filter(objective__code=objectives[0]["code"]).values_list("pk", flat=True))
    assert moved_ids <= kept_ids


def test_realisation_removed_from_the_file_is_deleted(import_demo, demo_document):
    import_demo("bengkalis-2024")
    document = demo_document("bengkalis-2024")
    del document["renstra"]["objectives"][0]["indicators"][0]["realisations"]["2023"]
    import_document(document)
    assert not Realisation.objects.filter(indicator__code="IKU-1", year=2023).exists()


def test_planners_reviewers_and_review_status_survive_a_reimport(import_demo):
    agency = import_demo("bengkalis-2024")
    user = get_user_model().objects.create_user("perencana")
    agency.members.add(user)
    agency.government.reviewers.add(user)
    agency.report_years.filter(year=2024).update(status=ReportStatus.APPROVED)
    import_demo("bengkalis-2024")
    agency.refresh_from_db()
    assert list(agency.members.all()) == [user]
    assert list(agency.government.reviewers.all()) == [user]
    assert agency.report_years.get(year=2024).status == ReportStatus.APPROVED


def test_overlapping_renstra_with_another_start_year_is_replaced(import_demo, demo_document):
    agency = import_demo("bengkalis-2024")
    document = demo_document("bengkalis-2024")
    document["renstra"]["start_year"] = 2022
    for objective in document["renstra"]["objectives"]:
        for indicator in objective["indicators"]:
            indicator["targets"].pop("2021", None)
    import_document(document)
    assert list(Renstra.objects.filter(agency=agency).values_list("start_year", "end_year")) == [(2022, 2026)]


def test_shortened_renstra_period_drops_the_targets_outside_it(import_demo, demo_document):
    agency = import_demo("bengkalis-2024")
    document = demo_document("bengkalis-2024")
    document["renstra"]["end_year"] = 2025
    for objective in document["renstra"]["objectives"]:
        for indicator in objective["indicators"]:
            indicator["targets"].pop("2026", None)
    import_document(document)
    assert not Target.objects.filter(indicator__agency=agency, renstra_year__year=2026).exists()


def test_narrative_with_a_key_the_project_does_not_know_is_kept(import_demo, demo_document):
    agency = import_demo("bengkalis-2024")
    document = demo_document("bengkalis-2024")
    document["years"]["2024"]["narratives"]["lampiran_khusus"] = "Teks tambahan."
    import_document(document)
    report = agency.report_years.get(year=2024)
    assert report.narratives.get(key="lampiran_khusus").text == "Teks tambahan."
    assert report.narratives.order_by("position").last().key == "lampiran_khusus"


def test_agreement_target_and_reason_share_the_row_of_the_year(import_demo, demo_document):
    document = demo_document("bengkalis-2024")
    indicator = document["renstra"]["objectives"][0]["indicators"][1]
    indicator["agreement_targets"] = {"2024": "55"}
    indicator["agreement_reasons"] = {"2024": "Disesuaikan dengan RKPD 2024."}
    import_document(document)
    target = Target.objects.get(indicator__code=indicator["code"], renstra_year__year=2024)
    assert (target.renstra_value, target.agreement_value) == ("51", "55")
    assert target.agreement_reason == "Disesuaikan dengan RKPD 2024."


def test_pending_realisation_without_value_is_stored_with_an_empty_value(import_demo, demo_document):
    document = demo_document("bengkalis-2024")
    document["renstra"]["objectives"][0]["indicators"][0]["realisations"]["2024"] = {"value": None, "status": "pending"}
    import_document(document)
    realisation = Realisation.objects.get(indicator__code="IKU-1", year=2024)
    assert (realisation.value, realisation.status) == ("", "pending")


def test_malformed_nip_is_kept_as_given(demo_document, db):
    document = demo_document("bengkalis-2024")
    document["agency"]["head"]["nip"] = "1974 0210"
    import_document(document)
    assert Agency.objects.get().head_nip == "1974 0210"


def test_json_number_values_are_stored_as_their_decimal_text(demo_document, db):
    document = demo_document("bengkalis-2024")
    indicator = document["renstra"]["objectives"][0]["indicators"][1]
    indicator["targets"]["2025"] = 57
    indicator["realisations"]["2024"]["value"] = Decimal("78.130")
    import_document(document)
    assert Target.objects.get(indicator__code="IKU-2", renstra_year__year=2025).renstra_value == "57"
    assert Realisation.objects.get(indicator__code="IKU-2", year=2024).value == "78.130"


def test_quarters_and_evidence_date_are_stored_on_the_realisation(demo_document, db):
    document = demo_document("bengkalis-2024")
    realisation = document["renstra"]["objectives"][0]["indicators"][1]["realisations"]["2024"]
    realisation["quarters"] = {"1": None, "2": "40", "3": Decimal("60.5"), "4": "78.13"}
    realisation["evidence_date"] = "2025-02-14"
    import_document(document)
    stored = Realisation.objects.get(indicator__code="IKU-2", year=2024)
    assert (stored.q1, stored.q2, stored.q3, stored.q4) == ("", "40", "60.5", "78.13")
    assert stored.evidence_date.isoformat() == "2025-02-14"


def test_year_with_only_an_agreement_target_has_an_empty_renstra_value(demo_document, db):
    document = demo_document("bengkalis-2024")
    indicator = document["renstra"]["objectives"][0]["indicators"][1]
    indicator["agreement_targets"] = {"2022": "50"}
    import_document(document)
    target = Target.objects.get(indicator__code=indicator["code"], renstra_year__year=2022)
    assert (target.renstra_value, target.agreement_value) == ("", "50")
