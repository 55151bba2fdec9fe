"""``render_lakip`` writes the same report as the download; an agency with no data still renders."""

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_command_writes_the_pdf_of_an_agency_without_any_data(tmp_path):
    agency = AgencyFactory(name="Badan Tanpa Data")
    output = tmp_path / "lakip.pdf"

    call_command("render_lakip", "--agency", agency.code, "--year", "2024", "-o", str(output))

    text = "".join(page.extract_text() for page in PdfReader(output).pages)
    assert "BADAN TANPA DATA" in text
    assert "BAB IV" in text


def test_command_refuses_an_unknown_agency(tmp_path):
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("render_lakip", "--agency", "tidak-ada", "--year", "2024", "-o", str(tmp_path / "x.pdf"))


def test_f4_agency_gets_f4_pages(tmp_path):
    agency = AgencyFactory(paper_size="F4")
    output = tmp_path / "f4.pdf"
    call_command("render_lakip", "--agency", agency.code, "--year", "2024", "-o", str(output))
    box = PdfReader(output).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (215, 330)
