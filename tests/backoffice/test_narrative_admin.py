"""The report year's page edits each narrative section's title, chapter and order, and refuses a text beyond its
limit naming the section."""

import pytest
from django.core.exceptions import ValidationError

from agencies.models import Narrative, ReportYear
from indicators.models import ObjectiveNarrative
from tests.adminforms import save
from tests.factories import AgencyFactory, ObjectiveFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def report_year():
    report_year = ReportYear.objects.create(agency=AgencyFactory(), year=2024)
    Narrative.objects.create(report_year=report_year, key="background", text="Latar.", position=0)
    Narrative.objects.create(report_year=report_year, key="annex_iop", text="IKI.", position=1)
    return report_year


def test_a_planner_gives_a_section_a_title_a_chapter_and_a_place(client, report_year):
    client.force_login(member_of(report_year.agency))
    page = client.get(f"/admin/agencies/reportyear/{report_year.pk}/change/").content.decode()
    assert 'name="narratives-1-title"' in page and 'name="narratives-1-chapter"' in page

    response = save(
        client,
        report_year,
        **{"narratives-1-title": "Indikator Kinerja Individu", "narratives-1-chapter": "appendix"},
        **{"narratives-1-position": "0", "narratives-0-position": "1"},
    )

    assert response.status_code == 302
    assert list(report_year.narratives.values_list("key", "title", "chapter")) == [
        ("annex_iop", "Indikator Kinerja Individu", "appendix"),
        ("background", "", ""),
    ]


def test_a_chapter_outside_the_outline_is_refused(client, report_year):
    client.force_login(member_of(report_year.agency))

    response = save(client, report_year, **{"narratives-0-chapter": "bab5"})

    assert response.status_code == 200
    assert "bab5" in str(response.context["inline_admin_formsets"][0].formset.errors)
    assert not report_year.narratives.exclude(chapter="").exists()


def test_a_text_beyond_the_limit_is_refused_naming_its_section(client, report_year):
    client.force_login(member_of(report_year.agency))

    response = save(client, report_year, **{"narratives-1-title": "Lampiran IKI", "narratives-1-text": "x" * 100_001})

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.errors[1] == {
        "text": ["Bagian «Lampiran IKI»: terlalu panjang (100001 karakter, paling banyak 100000)"]
    }
    assert report_year.narratives.get(key="annex_iop").text == "IKI."


def test_a_sasaran_section_beyond_the_limit_is_refused_naming_it():
    objective = ObjectiveFactory()
    section = ObjectiveNarrative(objective=objective, year=2024, key="obstacles", text="x" * 100_001)

    with pytest.raises(ValidationError) as refused:
        section.full_clean()

    assert refused.value.message_dict == {
        "text": ["Bagian «Kendala 2024»: terlalu panjang (100001 karakter, paling banyak 100000)"]
    }
