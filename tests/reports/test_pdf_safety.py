"""Narratives are untrusted: nothing in them may make WeasyPrint read a local file or call the network."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from weasyprint.urls import URLFetcher

from agencies.models import Narrative, ReportYear
from presentation.markdown import render_markdown
from reports.pdf import STATIC_ROOT, StaticOnlyFetcher, html_to_pdf, render_pdf
from tests.factories import AgencyFactory


@pytest.fixture
def http_server():
    """A local HTTP server that records every path requested from it."""
    hits = []

    class Recorder(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


@pytest.fixture
def fetched(monkeypatch):
    """Every URL WeasyPrint actually fetched (the ones the static-only fetcher let through)."""
    urls = []
    original = URLFetcher.fetch

    def spy(self, url, headers=None):
        response = original(self, url, headers)
        urls.append(url)
        return response

    monkeypatch.setattr(URLFetcher, "fetch", spy)
    return urls


def hostile_markdown(base):
    return (
        "Analisis.\n\n"
        '<img src="file:///etc/passwd"> <img src="' + base + '/raw.png">\n\n'
        "![gambar](" + base + "/markdown.png) ![lokal](file:///etc/hostname)\n\n"
        '<link rel="stylesheet" href="' + base + '/style.css">'
        '<style>@import url("' + base + '/import.css"); body { background: url(file:///etc/passwd) }</style>\n\n'
        '<iframe src="' + base + '/frame"></iframe><object data="file:///etc/passwd"></object>'
    )


@pytest.mark.django_db
def test_hostile_narrative_fetches_nothing_outside_static(http_server, fetched):
    base, hits = http_server
    agency = AgencyFactory()
    report_year = ReportYear.objects.create(agency=agency, year=2024)
    Narrative.objects.create(report_year=report_year, key="background", text=hostile_markdown(base))

    render_pdf(agency, 2024)

    assert hits == []
    assert fetched and all(url.startswith(STATIC_ROOT.as_uri() + "/") for url in fetched)


def test_fetcher_refuses_what_the_sanitiser_would_have_removed(http_server, fetched):
    base, hits = http_server
    html = (
        '<html><head><link rel="stylesheet" href="' + base + '/style.css"></head><body>'
        '<img src="file:///etc/passwd"><img src="' + base + '/raw.png"><img src="../../db.sqlite3">'
        '<img src="file://localhost/etc/hostname"><p>teks</p></body></html>'
    )

    html_to_pdf(html)

    assert hits == []
    assert fetched == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        (STATIC_ROOT / ".." / "manage.py").as_uri(),
        STATIC_ROOT.as_uri() + "/../manage.py",
        "file://example.test" + str(STATIC_ROOT / "reports" / "lakip.css"),
        "http://127.0.0.1:9/x.png",
        "https://example.test/x.png",
        "ftp://127.0.0.1/x",
    ],
)
def test_fetcher_refuses_urls_outside_the_static_directory(url):
    with pytest.raises(ValueError):
        StaticOnlyFetcher().fetch(url)


def test_fetcher_serves_static_files_and_data_uris():
    fetcher = StaticOnlyFetcher()
    assert fetcher.fetch((STATIC_ROOT / "reports" / "lakip.css").as_uri()).read().startswith(b"/*")
    assert fetcher.fetch("data:text/plain;base64,b2s=").read() == b"ok"


def test_markdown_drops_raw_html_scripts_and_foreign_images():
    html = render_markdown(hostile_markdown("http://127.0.0.1:1") + "\n\n<script>alert(1)</script> **tebal**")
    assert "<strong>tebal</strong>" in html
    for forbidden in ("script", "alert", "passwd", "127.0.0.1", "<link", "<style", "<iframe", "<object", "src="):
        assert forbidden not in html


def test_markdown_keeps_lists_tables_and_images_of_the_static_directory():
    html = render_markdown("1. satu\n2. dua\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![bagan](reports/draft.png)")
    assert "<ol>" in html and "<table>" in html
    assert '<img alt="bagan" src="reports/draft.png">' in html


@pytest.mark.parametrize(
    "source",
    [
        "data:image/png;base64,iVBO",
        "file:///etc/passwd",
        "http://127.0.0.1/x.png",
        "//127.0.0.1/x.png",
        "/etc/x.png",
        "../db.png",
        "%2e%2e/db.png",
        "reports/lakip.css",
        "reports/draft.png?x=1",
    ],
)
def test_markdown_drops_images_from_anywhere_but_the_static_directory(source):
    html = render_markdown(f'Teks ![bagan]({source}) <img src="{source}" alt="mentah">')
    assert "<img" not in html
    assert html.startswith("<p>Teks")


@pytest.mark.parametrize(
    "target",
    ["data:text/html;base64,PHNjcmlwdD4=", "javascript:alert(1)", "mailto:a@b.id", "file:///etc/passwd", "lokal.html"],
)
def test_markdown_links_keep_only_web_targets(target):
    html = render_markdown(f"[tautan]({target}) [laman](https://example.go.id/a?b=1) <a href='{target}'>mentah</a>")
    assert '<a href="https://example.go.id/a?b=1">laman</a>' in html
    assert "<a>tautan</a>" in html and "<a>mentah</a>" in html
    assert html.count("href") == 1


def test_markdown_gives_long_runs_break_opportunities_in_text_never_in_urls():
    url = "https://example.go.id/" + "a" * 80
    html = render_markdown(f"[{url}]({url}) " + "x&" * 60)
    assert f'href="{url}"' in html
    assert "a" * 49 not in html.replace(f'href="{url}"', "")
    assert "\u200b" in html and "&amp;" in html


def test_markdown_headings_stay_below_chapter_headings():
    assert render_markdown("# Judul").startswith("<h4>")
