"""Narratives are Markdown typed by planners; the PDF prints them as HTML cleaned with an allow-list.

Markdown passes raw HTML through untouched, so the HTML it produces is not trusted: ``nh3`` keeps only the
tags and attributes a narrative needs (paragraphs, lists, emphasis, simple tables, links) and images only as
``data:`` URIs. Nothing left in a narrative can make WeasyPrint fetch a file or a URL; the URL fetcher in
``reports.pdf`` refuses such fetches again, in case anything slips through here.
"""

import markdown as markdown_lib
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "sub",
    "sup",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "img",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
IMAGE_PREFIXES = ("data:image/png;", "data:image/jpeg;", "data:image/gif;")
# Chapter headings are h1-h3; a "# Heading" in a narrative becomes h4 so it stays below them.
HEADING_BASE_LEVEL = 4


def _keep_attribute(tag, attribute, value):
    """Images only from data: URIs of raster types (an SVG could reference other URLs)."""
    if tag == "img" and attribute == "src" and not value.startswith(IMAGE_PREFIXES):
        return None
    return value


def render_markdown(text):
    """Safe HTML of one narrative (an empty string for an empty narrative)."""
    if not text or not text.strip():
        return ""
    html = markdown_lib.markdown(
        text,
        extensions=["tables", "sane_lists", "toc"],
        extension_configs={"toc": {"baselevel": HEADING_BASE_LEVEL}},
    )
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "data"},
        attribute_filter=_keep_attribute,
        link_rel=None,
    )
    return mark_safe(cleaned)  # noqa: S308 - cleaned by nh3 with the allow-list above
