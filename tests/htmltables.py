"""The tables of rendered HTML as text, so a test can read a figure from a page and from the PDF's HTML alike.

``tables(html)`` parses every ``<table>`` into a ``Table``: its header row and its rows, each cell's text with
whitespace collapsed and tags dropped. A cell spanning rows or columns (``rowspan``/``colspan``) is repeated in
every row and column it covers, so ``table.row(Kode="S1")["Serapan"]`` reads a row the way a reader does.
Footnotes (``<span class="fn">``) are left out: the PDF prints them under a figure, they are not the figure.
"""

from dataclasses import dataclass
from html.parser import HTMLParser

VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIPPED_CLASSES = {"fn"}


@dataclass
class Table:
    header: list
    rows: list

    def row(self, **where):
        """The first row whose cells under the given headers have the given texts, as ``{header: text}``."""
        for cells in self.rows:
            named = dict(zip(self.header, cells, strict=False))
            if all(named.get(header) == text for header, text in where.items()):
                return named
        raise LookupError(f"no row with {where} in the table headed {self.header}")


class _TableParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables = []
        self._open = []  # (tag, whether its text is skipped) of each open element
        self._row = None
        self._cell = None
        self._spans = {}  # column -> (rows still covered, text)

    def _skipping(self):
        return any(skipped for _, skipped in self._open)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in VOID_TAGS:
            self._open.append((tag, bool(SKIPPED_CLASSES & set((attrs.get("class") or "").split()))))
        if tag == "table":
            self.tables.append([])
            self._spans = {}
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = {
                "text": [],
                "rowspan": int(attrs.get("rowspan") or 1),
                "colspan": int(attrs.get("colspan") or 1),
            }

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._fill_spans()
            text = " ".join("".join(self._cell["text"]).split())
            for _ in range(self._cell["colspan"]):
                if self._cell["rowspan"] > 1:
                    self._spans[len(self._row)] = (self._cell["rowspan"] - 1, text)
                self._row.append(text)
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._fill_spans()
            self.tables[-1].append(self._row)
            self._row = None
        if any(open_tag == tag for open_tag, _ in self._open):
            while self._open.pop()[0] != tag:
                pass

    def _fill_spans(self):
        """Put the text of the cells spanning from rows above into the columns they cover in this row."""
        while len(self._row) in self._spans:
            remaining, text = self._spans.pop(len(self._row))
            if remaining > 1:
                self._spans[len(self._row)] = (remaining - 1, text)
            self._row.append(text)

    def handle_data(self, data):
        if self._cell is not None and not self._skipping():
            self._cell["text"].append(data)


def tables(html):
    """Every table of ``html`` with at least a header row."""
    parser = _TableParser()
    parser.feed(html)
    return [Table(rows[0], rows[1:]) for rows in parser.tables if rows]


def table_headed(html, *headers):
    """The first table whose header row has every one of ``headers``."""
    for table in tables(html):
        if set(headers) <= set(table.header):
            return table
    raise LookupError(f"no table headed {headers}")
