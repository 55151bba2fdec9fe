"""QR codes as inline SVG markup (segno), for the approved PDF and any page that prints one.

The markup is segno's own: the text is encoded into the symbol's path (dark modules as path data), never
written into the markup as text, so whatever the text holds cannot reach the HTML. Only that output is marked
safe. The symbol keeps its quiet zone (segno's default of four modules) and has a ``viewBox`` but no size, so the
stylesheet sizes it (class ``qr``). Error correction is at least M; segno raises it when the text fits anyway.
"""

import segno
from django.utils.safestring import mark_safe

ERROR_CORRECTION = "m"


def qr_svg(text):
    """``text`` as a QR code: an ``<svg class="qr">`` element without a fixed size."""
    code = segno.make(text, error=ERROR_CORRECTION, micro=False)
    return mark_safe(code.svg_inline(omitsize=True, svgclass="qr", lineclass=None))  # noqa: S308 - segno's own markup
