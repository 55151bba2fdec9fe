"""The QR code markup: segno's inline SVG, sized by the stylesheet, carrying its text only as the symbol."""

import shutil
import subprocess

import pytest
import zxingcpp
from PIL import Image

from presentation.qr import qr_svg
from reports.pdf import html_to_pdf

URL = "http://localhost:8000/verifikasi/0d5a7397-0917-4a94-8422-62496b70ea58/"


def test_the_markup_is_one_svg_element_without_a_fixed_size():
    markup = qr_svg(URL)
    assert markup.startswith('<svg viewBox="0 0 ') and markup.endswith("</svg>")
    assert 'class="qr"' in markup
    assert "width=" not in markup.split(">", 1)[0]
    assert hasattr(markup, "__html__")


@pytest.mark.parametrize("text", ['"><script>alert(1)</script>', "https://contoh.test/?a=1&b=<2>"])
def test_the_text_never_appears_in_the_markup(text):
    markup = qr_svg(text)
    assert "<script" not in markup
    assert "contoh" not in markup
    assert "&" not in markup


def test_the_symbol_as_weasyprint_draws_it_decodes_to_the_text(tmp_path):
    assert shutil.which("pdftoppm"), "pdftoppm (poppler-utils) is needed to draw the PDF page"
    html = f"<html><body><div style='width: 34mm'>{qr_svg(URL)}</div></body></html>"
    (tmp_path / "qr.pdf").write_bytes(html_to_pdf(html))
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", tmp_path / "qr.pdf", tmp_path / "qr"], check=True)
    decoded = zxingcpp.read_barcodes(Image.open(tmp_path / "qr.png"))
    assert [code.text for code in decoded] == [URL]
