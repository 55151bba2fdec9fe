"""PDF text for the report tests: every page extracted by pypdf."""

from dataclasses import dataclass
from io import BytesIO

from pypdf import PdfReader


@dataclass(frozen=True)
class RenderedReport:
    pdf: bytes
    pages: list

    @property
    def text(self):
        """All pages as one line of text: a phrase is found wherever the PDF wrapped it."""
        return " ".join(" ".join(self.pages).split())


def read_pdf(pdf):
    """The text of every page of a PDF, extracted by pypdf."""
    return RenderedReport(pdf, [page.extract_text() for page in PdfReader(BytesIO(pdf)).pages])
