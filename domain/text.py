"""Texts as the PDF lays them out: places to break the line in every long run of characters without a space.

WeasyPrint (through Pango) lays out a paragraph line by line, and a line costs time in proportion to the text it
has to look at to find the next place where the line may break: a run of characters with nowhere to break (a
pasted base64 image, a list of URLs without spaces, a 20.000-character indicator name) made the layout quadratic
in the run's length, and a 200.000-character run never finished. Measured here, three places need a break
opportunity at short intervals:

- Pango itself, which breaks a line only where Unicode allows it. A zero-width space (U+200B) is such a place,
  and nobody sees it.
- A narrow column of a table of figures (the sasaran column is 28 mm, 17 characters a line): WeasyPrint looks
  for the next break opportunity within about one line's worth of characters after the line it fills, and
  otherwise lays out the whole rest of the cell for every line (20.000 characters in words of 20 took 13 s in
  one such cell, in words of 12 0,4 s).
- The narrowest width a table cell of a narrative can take (its min-content width), which WeasyPrint measures
  by cutting the text at the next ordinary space (U+0020) only: a 200.000-character run broken with zero-width
  spaces alone still took five minutes in one table cell, broken with spaces 3,6 s.

So a run of more than ``WORD_LENGTH`` characters between ordinary spaces gets a break after every ``PIECE``
characters: a zero-width space while the run is at most ``LONGEST_WORD`` characters long (a long URL, compound
words joined by slashes: they print as typed), a plain space when it is longer (nothing a person writes is a
word of more than 200 characters: it is pasted data).

Readings chosen: a run is what lies between ordinary white space (space, tab, line ends), the only characters
WeasyPrint treats as spaces; no-break spaces, other Unicode spaces and zero-width spaces are part of a run.
``WORD_LENGTH`` is above the longest word or number a report prints (the demo reports' longest run is 44
characters, "Kementerian/Instansi/Provinsi/Kabupaten/Kota"; a rupiah amount of 18 digits is 26), so every
ordinary text is returned as it was. Words of up to ``WORD_LENGTH`` characters in a very long text in a narrow
column stay slow to lay out; the length limits of ``domain.validators`` keep such texts short.
"""

import re

ZERO_WIDTH_SPACE = "\u200b"
WORD_LENGTH = 48
LONGEST_WORD = 200
PIECE = 12
_LONG_RUN = re.compile(f"[^ \t\n\r\f]{{{WORD_LENGTH + 1},}}")


def break_long_runs(text):
    """``text`` with a break opportunity after every ``PIECE`` characters of each run without a space that is
    longer than ``WORD_LENGTH``: a zero-width space in a run of at most ``LONGEST_WORD`` characters, a space in a
    longer one. ``text`` itself when it has no such run."""
    if len(text) <= WORD_LENGTH:
        return text
    return _LONG_RUN.sub(_broken, text)


def _broken(match):
    run = match.group()
    separator = ZERO_WIDTH_SPACE if len(run) <= LONGEST_WORD else " "
    return separator.join(run[start : start + PIECE] for start in range(0, len(run), PIECE))
