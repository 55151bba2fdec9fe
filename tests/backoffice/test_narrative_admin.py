"""The report year's page edits each narrative section's title, chapter and order."""

import pytest

from agencies.models import Narrative, ReportYear
from tests.adminforms import save
from tests.factories import AgencyFactory, member_of

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
