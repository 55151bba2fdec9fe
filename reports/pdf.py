"""The LAKIP PDF: one context, one template, one WeasyPrint call.

WeasyPrint fetches whatever the HTML points at (stylesheets, fonts, images). The report's HTML carries text
typed by planners, so the fetcher here serves only ``data:`` URIs and files inside the project's own
``static/`` directory: no other local file, no network address, nothing that differs between machines.
"""

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from .context import build_context

STATIC_ROOT = (Path(settings.BASE_DIR) / "static").resolve()


class StaticOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher for ``data:`` URIs and the project's static files, refusing everything else."""

    def __init__(self, root=STATIC_ROOT):
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)
        self.root = root

    def fetch(self, url, headers=None):
        if url.lower().startswith("file:"):
            parts = urlsplit(url)
            path = Path(url2pathname(parts.path)).resolve()
            if parts.netloc not in ("", "localhost") or not path.is_relative_to(self.root):
                raise ValueError(f"Not a static file of the project: {url}")
        return super().fetch(url, headers)


def render_html_and_version(*, agency, year):
    """The report as HTML, ready for WeasyPrint (relative URLs resolve inside ``static/``), and the approved
    version (``review.ReportVersion``) it prints as, or None for a report printed as a draft."""
    context = build_context(agency=agency, year=year)
    approval = context["approval"]
    return render_to_string("reports/lakip.html", context), approval["version"] if approval else None


def render_html(*, agency, year):
    """The report as HTML, ready for WeasyPrint (relative URLs resolve inside ``static/``)."""
    return render_html_and_version(agency=agency, year=year)[0]


def print_pdf(html):
    """PDF bytes and page count of report HTML, with the fetcher that keeps WeasyPrint inside ``static/``."""
    document = HTML(string=html, base_url=STATIC_ROOT.as_uri() + "/", url_fetcher=StaticOnlyFetcher()).render()
    return document.write_pdf(), len(document.pages)


def html_to_pdf(html):
    """PDF bytes of report HTML."""
    return print_pdf(html)[0]


def render_pdf(agency, year):
    """The LAKIP of ``agency`` for ``year`` as PDF bytes."""
    return html_to_pdf(render_html(agency=agency, year=year))
