"""Narratives are Markdown typed by planners; the PDF prints them as HTML cleaned with an allow-list.

Markdown passes raw HTML through untouched, so the HTML it produces is not trusted: ``nh3`` keeps only the
tags and attributes a narrative needs (paragraphs, lists, emphasis, simple tables, links, images). A link keeps
only an ``http``/``https`` target (a ``data:``, ``javascript:``, ``mailto:``, ``file:`` or relative one is
dropped, the link text stays); an image only a source among the project's own static files (a relative path
inside ``static/``, where the PDF's base URL points), and an image left without a source is dropped. Nothing left
in a narrative can make WeasyPrint fetch a file or a URL; the URL fetcher in ``reports.pdf`` refuses such
fetches again, in case anything slips through here.

Every text between tags then gets break opportunities (``domain.text.break_long_runs``), never a URL or any
other attribute, and a text longer than ``TEXT_BOX`` characters is cut (at a space) into texts of their own,
separated by an empty ``<span>``: WeasyPrint lays out each line of a text by looking at the rest of that text,
and in some cases (a table cell's narrowest width, a stretch of narrow letters) at all of it, so a 100.000-character
table cell took 12 s whole and 1,3 s cut. Nothing of this shows in the PDF.
"""

import re
from html import escape, unescape
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

import markdown as markdown_lib
import nh3
from django.utils.safestring import mark_safe

from domain.text import break_long_runs

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
LINK_SCHEMES = {"http", "https"}
# Raster images only: an SVG could reference other URLs.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif")
# Chapter headings are h1-h3; a "# Heading" in a narrative becomes h4 so it stays below them.
HEADING_BASE_LEVEL = 4
# A tag as nh3 writes it: every attribute value in double quotes, with any " inside escaped, so a tag ends at the
# first > outside quotes (a value may hold a >).
TAG = re.compile(r'(<[^>"]*(?:"[^"]*"[^>"]*)*>)')
IMAGE_WITH_SOURCE = re.compile(r'<img\b[^>"]*(?:"[^"]*"[^>"]*)*?\ssrc="')
TEXT_BOX = 1000


def _is_web_link(url):
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme in LINK_SCHEMES and bool(parts.netloc)


def _is_static_image(url):
    """A relative path to a raster image that stays inside the directory it is resolved against (``static/``)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    path = unquote(parts.path)
    return (
        not (parts.scheme or parts.netloc or parts.query)
        and not path.startswith("/")
        and "\\" not in path
        and ".." not in PurePosixPath(path).parts
        and path.lower().endswith(IMAGE_SUFFIXES)
    )


def _keep_attribute(tag, attribute, value):
    if tag == "a" and attribute == "href":
        return value if _is_web_link(value) else None
    if tag == "img" and attribute == "src":
        return value if _is_static_image(value) else None
    return value


def _printable(html):
    """nh3's output without images that lost their source, and with break opportunities in every text between
    tags (decoded first, so that an entity counts as the one character it is, and encoded again)."""
    pieces = TAG.split(html)
    for index, piece in enumerate(pieces):
        if index % 2:
            if piece.startswith("<img") and not IMAGE_WITH_SOURCE.match(piece):
                pieces[index] = ""
        elif piece:
            text = unescape(piece)
            broken = break_long_runs(text)
            if broken != text or len(broken) > TEXT_BOX:
                pieces[index] = "<span></span>".join(escape(box, quote=False) for box in _boxes(broken))
    return "".join(pieces)


def _boxes(text):
    """``text`` cut after a space or a line end into pieces of at most ``TEXT_BOX`` characters (after
    ``break_long_runs`` no run without a space is longer than ``LONGEST_WORD``; a text without any is cut anyway)."""
    boxes, start = [], 0
    while len(text) - start > TEXT_BOX:
        end = max(text.rfind(" ", start, start + TEXT_BOX), text.rfind("\n", start, start + TEXT_BOX)) + 1
        end = end if end > start else start + TEXT_BOX
        boxes.append(text[start:end])
        start = end
    boxes.append(text[start:])
    return boxes


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
        url_schemes=LINK_SCHEMES,
        attribute_filter=_keep_attribute,
        link_rel=None,
    )
    return mark_safe(_printable(cleaned))  # noqa: S308 - cleaned by nh3 with the allow-list above
