"""Charts of the LAKIP PDF as inline SVG, drawn here in Python so the PDF needs no JavaScript and stays vector.

Each chart is a list of horizontal bars, one row per item, because labels of indicators and programs are long
and a report page is tall, not wide. Labels are cut to one line; the full names stand in the tables beside.
"""

from fractions import Fraction
from html import escape

from django.utils.safestring import mark_safe

from domain import numbers

WIDTH = 600
LABEL_WIDTH = 200
VALUE_WIDTH = 170
ROW_HEIGHT = 18
BAR_HEIGHT = 10
TOP = 16
LABEL_CHARS = 40
FONT = 'font-family="LAKIP Sans, DejaVu Sans Condensed, sans-serif"'


def _cut(text, limit=LABEL_CHARS):
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _svg(rows, height, title):
    return mark_safe(  # noqa: S308 - every text in rows is escaped where it is put in
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-label="{escape(title)}" {FONT} font-size="9">'
        + "".join(rows)
        + "</svg>"
    )


def _bar(y, width, fill, extra=""):
    return f'<rect x="{LABEL_WIDTH}" y="{y + 1}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="{fill}"{extra}/>'


def _scale_max(values, floor):
    """The axis end: at least ``floor`` (the 100% line must show), rounded up to the next 50."""
    top = max([Fraction(floor), *map(Fraction, values)])
    return Fraction(50 * ((top + 49) // 50))


def _length(plot, share, axis):
    """``plot`` pixels times ``share / axis``, to a tenth of a pixel (the figures themselves are exact)."""
    return numbers.round_half_up(plot * Fraction(share) / axis, 1)


def achievement_chart(indicators, title):
    """Target vs realisation per indicator: the bar is the realisation as a share of the target (the achievement),
    the dashed line at 100% is the target; each row also prints "realisation / target = achievement".
    """
    known = [i.achievement for i in indicators if i.achievement is not None and not i.is_pending]
    axis = _scale_max(known, 100)
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = TOP + ROW_HEIGHT * len(indicators) + 6
    target_x = LABEL_WIDTH + _length(plot, 100, axis)
    rows = [
        f'<text x="{target_x:.1f}" y="10" text-anchor="middle" fill="#555">target 100%</text>',
        f'<text x="{WIDTH}" y="10" text-anchor="end" fill="#555">{escape(numbers.format_percent(axis, 0))}</text>',
    ]
    for index, indicator in enumerate(indicators):
        y = TOP + ROW_HEIGHT * index
        label = escape(_cut(f"{indicator.code} {indicator.name}"))
        rows.append(f'<text x="0" y="{y + BAR_HEIGHT}">{label}</text>')
        if indicator.is_pending or indicator.achievement is None:
            note = "menunggu hasil" if indicator.is_pending else "capaian tidak dapat dihitung"
            rows.append(f'<text x="{LABEL_WIDTH + 4}" y="{y + BAR_HEIGHT}" fill="#8a5a00">{note}</text>')
            continue
        width = _length(plot, min(indicator.achievement, axis), axis)
        colour = "#2e6f8e" if indicator.achievement >= 100 else "#c0662b"
        opacity = ' fill-opacity="0.45"' if indicator.is_provisional else ""
        rows.append(_bar(y, width, colour, opacity))
        realisation, target = numbers.format_value(indicator.realisation), numbers.format_value(indicator.target)
        value = f"{realisation} / {target} = {numbers.format_percent(indicator.achievement)}"
        if indicator.is_provisional:
            value += " (sementara)"
        rows.append(f'<text x="{WIDTH - VALUE_WIDTH + 6}" y="{y + BAR_HEIGHT}">{escape(value)}</text>')
    rows.append(
        f'<line x1="{target_x:.1f}" y1="12" x2="{target_x:.1f}" y2="{height}" stroke="#222" '
        'stroke-width="0.8" stroke-dasharray="3 2"/>'
    )
    return _svg(rows, height, title)


def absorption_chart(items, title):
    """Absorption (realisasi / pagu) per item, each item a ``(label, absorption)`` pair; the axis ends at 100%
    unless an item spent more than its budget.
    """
    known = [absorption for _, absorption in items if absorption is not None]
    axis = _scale_max(known, 100)
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = TOP + ROW_HEIGHT * len(items) + 6
    full_x = LABEL_WIDTH + _length(plot, 100, axis)
    rows = [f'<text x="{full_x:.1f}" y="10" text-anchor="middle" fill="#555">100%</text>']
    for index, (label, absorption) in enumerate(items):
        y = TOP + ROW_HEIGHT * index
        rows.append(f'<text x="0" y="{y + BAR_HEIGHT}">{escape(_cut(label))}</text>')
        rows.append(_bar(y, full_x - LABEL_WIDTH, "#e4e9ec"))
        if absorption is None:
            rows.append(f'<text x="{LABEL_WIDTH + 4}" y="{y + BAR_HEIGHT}" fill="#8a5a00">tanpa pagu</text>')
            continue
        width = _length(plot, min(absorption, axis), axis)
        colour = "#2e6f8e" if absorption <= 100 else "#b03a2e"
        rows.append(_bar(y, width, colour))
        value = escape(numbers.format_percent(absorption))
        rows.append(f'<text x="{WIDTH - VALUE_WIDTH + 6}" y="{y + BAR_HEIGHT}">{value}</text>')
    return _svg(rows, height, title)


def objective_achievement_charts(results):
    """Each sasaran's achievement chart by sasaran code ("" for a sasaran without indicators), titled as the report's
    Bab III titles it."""
    title = f"Capaian terhadap target per indikator tahun {results.year}"
    return {o.code: achievement_chart(o.indicators, title) if o.indicators else "" for o in results.objectives}


def budget_absorption_chart(results):
    """The year's absorption chart and whether it is drawn per program: per program with a pagu where the agency
    reports programs, else per sasaran, numbered as the report numbers them ("" when there is nothing to draw)."""
    programs = [line for line in results.budget_lines if line.level == "program" and line.budget is not None]
    items = (
        [(f"{line.code} {line.name}", line.absorption) for line in programs]
        if programs
        else [(f"Sasaran {n} {o.text}", o.absorption) for n, o in enumerate(results.objectives, start=1)]
    )
    return (absorption_chart(items, "Serapan anggaran") if items else ""), bool(programs)
