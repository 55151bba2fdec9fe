"""Whatever a planner types, the PDF renders in time and fetches nothing: one unbroken run of 200.000 characters, a
20.000-character indicator name, links and images pointing anywhere, raw HTML.

Each test renders the Bengkalis demo with one text replaced, through ``reports.pdf.render_pdf``; the limits are
generous (the renders take a few seconds), so that only the quadratic layout of an unbroken word (minutes) fails.
"""

import random
import string
import time
from io import BytesIO

import pytest
from pypdf import PdfReader
from weasyprint.urls import URLFetcher

from agencies.models import Narrative
from budgets.models import BudgetLine
from indicators.models import Indicator, Objective
from reports.pdf import STATIC_ROOT, render_pdf
from tests.reports.pdftext import read_pdf

pytestmark = pytest.mark.django_db

LIMIT = 60  # CPU seconds of a render


@pytest.fixture
def bengkalis(import_demo):
    return import_demo("bengkalis-2024")


@pytest.fixture
def fetched(monkeypatch):
    """Every URL WeasyPrint asked the report's fetcher (``reports.pdf.StaticOnlyFetcher``) for, allowed or not."""
    urls = []
    original = URLFetcher.fetch

    def spy(self, url, headers=None):
        urls.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(URLFetcher, "fetch", spy)
    return urls


def with_background(agency, text):
    Narrative.objects.filter(report_year__agency=agency, key="background").update(text=text)
    return agency


def timed_render(agency):
    """The PDF and the CPU seconds its render took: CPU time, not wall-clock time, so that other processes
    sharing the machine (pytest's other workers) do not count."""
    started = time.process_time()
    pdf = render_pdf(agency, 2024)
    return pdf, time.process_time() - started


def link_targets(pdf):
    """The URI of every link annotation in the PDF."""
    targets = []
    for page in PdfReader(BytesIO(pdf)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                targets.append(str(action["/URI"]))
    return targets


ALPHABET = string.ascii_letters + string.digits + "+/"  # what base64 is made of


def unbroken_word(length):
    rng = random.Random(1)  # noqa: S311 - reproducible test text, not a secret
    return "".join(rng.choice(ALPHABET) for _ in range(length))


def ordinary_words(length):
    """Words of 2 to 12 characters of the same alphabet, ``length`` characters in all."""
    rng = random.Random(1)  # noqa: S311 - reproducible test text, not a secret
    words, size = [], 0
    while size < length:
        words.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(2, 12))))
        size += len(words[-1]) + 1
    return " ".join(words)[:length]


@pytest.mark.parametrize(
    "narrative",
    [unbroken_word(200_000), "| a | b |\n|---|---|\n| " + unbroken_word(200_000) + " | x |\n"],
    ids=["paragraph", "table-cell"],
)
def test_a_200000_character_word_renders_in_time_fetching_only_static_files(bengkalis, fetched, narrative):
    pdf, seconds = timed_render(with_background(bengkalis, narrative))

    assert seconds < LIMIT
    assert len(PdfReader(BytesIO(pdf)).pages) > 60
    assert fetched and all(url.startswith(STATIC_ROOT.as_uri() + "/") for url in fetched)


def test_a_200000_character_word_takes_less_than_twice_as_long_as_ordinary_words(bengkalis):
    """Measured (medians of 3): 3,6 s against 3,5 s, for 27 pages of report plus about 50 of text."""
    _, ordinary = timed_render(with_background(bengkalis, ordinary_words(200_000)))
    _, word = timed_render(with_background(bengkalis, unbroken_word(200_000)))

    assert word < 2 * ordinary


HOSTILE = (
    "Analisis.\n\n"
    '<img src="file:///etc/passwd"> <img src="http://127.0.0.1/x"> ![lokal](http://127.0.0.1:9/y.png)\n\n'
    "[alamat lokal](http://127.0.0.1) [data](data:text/html;base64,PHNjcmlwdD4=) [skrip](javascript:alert(1))\n\n"
    "<script>document.write('disuntik')</script> Penutup **tebal**."
)


def test_hostile_narrative_renders_fetching_nothing_and_linking_only_to_the_web(bengkalis, fetched):
    pdf, seconds = timed_render(with_background(bengkalis, HOSTILE))

    assert seconds < LIMIT
    assert fetched and all(url.startswith(STATIC_ROOT.as_uri() + "/") for url in fetched)
    targets = link_targets(pdf)
    assert "http://127.0.0.1" in targets
    assert not [target for target in targets if not target.startswith(("http://", "https://"))]
    text = read_pdf(pdf).text
    assert "Penutup tebal." in text and "alamat lokal" in text
    assert "disuntik" not in text and "document.write" not in text


def test_long_names_texts_and_notes_anywhere_in_the_plan_render_in_time(bengkalis):
    long_text = unbroken_word(20_000)
    Indicator.objects.filter(agency=bengkalis, code="IKU-2").update(name=long_text)
    Objective.objects.filter(renstra__agency=bengkalis, code="S2").update(text=long_text)
    BudgetLine.objects.filter(agency=bengkalis).update(name=long_text)

    pdf, seconds = timed_render(bengkalis)

    assert seconds < LIMIT
    assert long_text[:10] in read_pdf(pdf).text
