"""QR codes: they decode back to the deep link, and their text is escaped."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import cairosvg  # test extra: renders the SVG as a phone screen would
import pytest
import segno
import zxingcpp  # test extra: reads QR codes
from PIL import Image

from scenes.errors import ExhibitionError
from scenes.opendata.qr import QUIET_ZONE, qr_png, qr_svg
from scenes.opendata.urls import hall_url, object_url

BASE = "https://museum.example/expo/"
SVG = "{http://www.w3.org/2000/svg}"


def decode_svg(svg: str) -> list:
    """Render the SVG with cairo and read it with zxing-cpp, as a phone camera would."""
    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=400)
    return zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))


@pytest.mark.parametrize("url", [
    object_url(BASE, "N00079"),
    object_url(BASE, "青铜 2024/2"),
    hall_url(BASE, "east-hall"),
    object_url("https://博物馆.example/展览", "2024.1"),
])
def test_svg_decodes_to_the_url(url):
    found = decode_svg(qr_svg(url))
    assert [b.text for b in found] == [url]
    assert found[0].ec_level == "M"


def test_svg_has_quiet_zone_white_background_and_accessible_title():
    url = object_url(BASE, "N00079")
    svg = qr_svg(url)
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == f"QR code: {url}"
    size = int(root.get("viewBox").split()[2])
    # A version-v code has 4v + 17 modules a side; the quiet zone is added on both sides.
    version = segno.make(url, error="m", micro=False, boost_error=False).version
    assert size == 4 * version + 17 + 2 * QUIET_ZONE == 41
    background = root.find(f"{SVG}path")
    assert background.get("fill") == "#fff" and background.get("d") == f"M0 0h{size}v{size}h-{size}z"
    assert root.get("width") is None  # scales to whatever box the page gives it


def test_markup_in_the_title_stays_text():
    title = "</title><script>alert(1)</script> & \"quotes\""
    svg = qr_svg(BASE, title=title)
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == title
    assert [el.tag for el in root.iter()] == [f"{SVG}svg", f"{SVG}title", f"{SVG}path", f"{SVG}path"]


def test_control_characters_in_the_title_do_not_break_the_svg():
    root = ET.fromstring(qr_svg(BASE, title="Evil\x1b[31m\x00 title"))
    assert root.find(f"{SVG}title").text == "Evil[31m title"


def test_png_decodes_too():
    url = hall_url(BASE, "lobby")
    assert [b.text for b in zxingcpp.read_barcodes(Image.open(io.BytesIO(qr_png(url))))] == [url]


@pytest.mark.parametrize("bad", ["", "https://x/\nevil"])
def test_not_a_url(bad):
    with pytest.raises(ExhibitionError) as e:
        qr_svg(bad)
    assert str(e.value) == f"QR code: {bad!r} is not a URL"
