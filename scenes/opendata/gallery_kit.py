"""The printable gallery kit: one label per object, as a PDF.

Layout: A4 portrait, 10 mm page margins, 2 columns × 4 rows = 8 labels a page,
each 95 × 69.25 mm inside a light dashed cut line. A label shows the Chinese and
English titles, maker and date, a short text (up to three lines of each
language's description, cut with "…"), the accession number, and on the right a
QR code (25 mm, 4-module quiet zone) that opens the object's page at the
package's base URL. Without a base URL there is nothing a phone could open, so
labels are printed without QR codes and the text takes the full width.

The Chinese font (see :mod:`scenes.opendata.cjk_font`) is embedded as a subset,
so the PDF prints the same on any machine. All text is drawn as plain text:
markup or spreadsheet-formula-like titles are printed literally.

After the labels come the audio-guide pages (when the package has an audio guide):
the tour's stops, eight to a page, each with its number large enough to read from
a step away (for the sign beside the stop), its titles, and a QR code that opens
that stop's entry on the package's audio-guide page.
"""

from __future__ import annotations

import io
import os
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from assets.progress import Progress, null_progress
from scenes.opendata.cjk_font import FontFace, find_cjk_font
from scenes.opendata.qr import qr_png
from scenes.opendata.urls import normalise_base_url, object_url


@dataclass(frozen=True)
class GuideStop:
    """One stop of the audio guide as printed: its number, titles and where its QR code leads."""
    number: int
    title_zh: str
    title_en: str
    url: str | None

PAGE_FORMAT = "A4"
COLUMNS, ROWS = 2, 4
MARGIN = 10.0          # mm, page margin (printers cannot print to the edge)
PADDING = 5.0          # mm, inside a label
QR_SIZE = 25.0         # mm, quiet zone included
GAP = 3.0              # mm, between text and QR code
TEXT_LINES = 3         # lines of each language's description
_ELLIPSIS = "…"
_WESTERN_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def gallery_kit_pdf(objects: Sequence, *, base_url: str | None,
                    exhibition_title: Mapping[str, str] | None = None,
                    font: FontFace | None = None, bold_font: FontFace | None = None,
                    guide: Sequence[GuideStop] = (), guide_title: Mapping[str, str] | None = None,
                    progress: Progress | None = None) -> bytes:
    """The gallery kit as PDF bytes, one label per object in the order given, then the
    audio guide's stops (``guide``, under ``guide_title``), if any.

    :param objects: catalog objects (``assets.catalog.CatalogObject``).
    :param base_url: the package's public address (QR codes link there); None prints no QR codes.
    :param exhibition_title: ``{"zh": ..., "en": ...}`` for the document title.
    :param font: a Chinese font face; found with :func:`find_cjk_font` when not given.
    :raises ToolMissing: when no Chinese font is installed.
    :param progress: reported as one stage ("gallery kit labels", one unit per label).
    :raises Cancelled: when ``progress`` is cancelled.
    """
    from fpdf import FPDF  # loaded on use: nothing happens at import time

    progress = progress or null_progress()
    base = normalise_base_url(base_url)
    font = font or find_cjk_font()
    if bold_font is None:
        bold_font = find_cjk_font(bold=True) if font == find_cjk_font() else font
    progress.start(len(objects) + len(guide), "gallery kit labels")

    pdf = FPDF(orientation="P", unit="mm", format=PAGE_FORMAT)
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.add_font("cjk", "", str(font.path), collection_font_number=font.index)
    pdf.add_font("cjk", "B", str(bold_font.path), collection_font_number=bold_font.index)
    title = exhibition_title or {}
    doc_title = " / ".join(t for t in (title.get("zh", ""), title.get("en", "")) if t) or "Gallery labels"
    pdf.set_title(f"{doc_title} — 展品标签 Gallery labels")
    pdf.set_creator("Yunzhan")
    pdf.set_lang("zh-CN")

    label_w = (pdf.w - 2 * MARGIN) / COLUMNS
    label_h = (pdf.h - 2 * MARGIN) / ROWS
    for n, obj in enumerate(objects):
        progress.check()
        slot = n % (COLUMNS * ROWS)
        if slot == 0:
            pdf.add_page()
        x = MARGIN + (slot % COLUMNS) * label_w
        y = MARGIN + (slot // COLUMNS) * label_h
        _label(pdf, obj, x, y, label_w, label_h, object_url(base, obj.accession) if base else None)
        progress.advance(1)
    _guide_pages(pdf, guide, guide_title or {}, progress)
    if not objects and not guide:
        pdf.add_page()
        pdf.set_font("cjk", size=12)
        pdf.set_xy(MARGIN, MARGIN)
        pdf.cell(text="没有展品 / No objects")
    # No progress.finish(): this is one stage of a larger job (the export), whose caller finishes it.
    return bytes(pdf.output())


def write_gallery_kit(path: Path, objects: Sequence, **kwargs) -> Path:
    """Write :func:`gallery_kit_pdf` to ``path`` atomically (temporary file, then rename)."""
    path = Path(path)
    data = gallery_kit_pdf(objects, **kwargs)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gallery-kit-", suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


# -- the audio guide -------------------------------------------------------------
GUIDE_ROWS = 8
GUIDE_HEADER = 16.0    # mm, the page's heading


def _guide_pages(pdf, stops: Sequence[GuideStop], title: Mapping[str, str], progress: Progress) -> None:
    row_h = (pdf.h - 2 * MARGIN - GUIDE_HEADER) / GUIDE_ROWS
    width = pdf.w - 2 * MARGIN
    for n, stop in enumerate(stops):
        progress.check()
        if n % GUIDE_ROWS == 0:
            pdf.add_page()
            heading = "语音导览 Audio guide" + "".join(
                f" · {t}" for t in dict.fromkeys((title.get("zh", "").strip(), title.get("en", "").strip())) if t)
            _lines(pdf, heading, MARGIN, MARGIN, width, size=14, style="B", max_lines=1)
            pdf.set_xy(MARGIN, MARGIN + 7)
            pdf.set_font("cjk", size=8)
            pdf.set_text_color(80)
            pdf.cell(w=width, h=4, text="在展厅中找到编号，用手机扫码收听。 Find the number in the gallery; "
                                        "scan the code to listen.")
        _guide_row(pdf, stop, MARGIN, MARGIN + GUIDE_HEADER + (n % GUIDE_ROWS) * row_h, width, row_h)
        progress.advance(1)


def _guide_row(pdf, stop: GuideStop, x: float, y: float, w: float, h: float) -> None:
    pdf.set_draw_color(170)
    pdf.set_line_width(0.2)
    pdf.line(x, y, x + w, y)
    number_w = 24.0
    pdf.set_font("cjk", style="B", size=30)
    pdf.set_text_color(0)
    pdf.set_xy(x, y + (h - 14) / 2)
    pdf.cell(w=number_w, h=14, text=str(stop.number), align="C")
    qr = min(QR_SIZE, h - 4)
    text_x = x + number_w + GAP
    text_w = w - number_w - GAP - ((qr + GAP) if stop.url else 0)
    titles = [t for t in dict.fromkeys((stop.title_zh.strip(), stop.title_en.strip())) if t] or [f"{stop.number}"]
    cursor = _lines(pdf, titles[0], text_x, y + 5, text_w, size=13, style="B", max_lines=2)
    if len(titles) > 1:
        _lines(pdf, titles[1], text_x, cursor + 0.5, text_w, size=10, max_lines=2, grey=40)
    if stop.url:
        _qr(pdf, stop.url, x + w - qr, y + (h - qr) / 2, size=qr)


# -- one label -----------------------------------------------------------------
def _label(pdf, obj, x: float, y: float, w: float, h: float, url: str | None) -> None:
    pdf.set_draw_color(170)
    pdf.set_line_width(0.2)
    with pdf.local_context():
        pdf.set_dash_pattern(dash=1.5, gap=1.5)
        pdf.rect(x, y, w, h)
    inner_x, inner_y = x + PADDING, y + PADDING
    text_w = w - 2 * PADDING - ((QR_SIZE + GAP) if url else 0)
    bottom = y + h - PADDING

    cursor = inner_y
    titles = [t for t in (obj.title_zh.strip(), obj.title_en.strip()) if t] or [obj.accession]
    pdf.set_text_color(0)
    cursor = _lines(pdf, titles[0], inner_x, cursor, text_w, size=13, style="B", max_lines=2)
    if len(titles) > 1:
        cursor = _lines(pdf, titles[1], inner_x, cursor, text_w, size=10, style="B", max_lines=2)
    byline = " · ".join(t for t in (obj.maker.strip(), obj.date_text.strip()) if t)
    if byline:
        cursor = _lines(pdf, byline, inner_x, cursor + 0.8, text_w, size=8.5, max_lines=1, grey=60)
    cursor += 1.5
    for text in (obj.description_zh, obj.description_en):
        if text.strip() and cursor < bottom - 8:
            lines = min(TEXT_LINES, int((bottom - 6 - cursor) / 3.6))
            if lines > 0:
                cursor = _lines(pdf, text, inner_x, cursor, text_w, size=7.5, max_lines=lines, grey=40) + 0.8

    pdf.set_font("cjk", size=7.5)
    pdf.set_text_color(80)
    pdf.set_xy(inner_x, bottom - 4)
    pdf.cell(w=text_w, h=4, text=_fit(pdf, _printable(f"登录号 Accession {obj.accession}"), text_w))
    if url:
        qr_x = x + w - PADDING - QR_SIZE
        _qr(pdf, url, qr_x, inner_y)
        pdf.set_font("cjk", size=6.5)
        pdf.set_text_color(80)
        pdf.set_xy(qr_x, inner_y + QR_SIZE + 0.5)
        pdf.cell(w=QR_SIZE, h=3.5, text="扫码查看 Scan to view", align="C")


def _lines(pdf, text: str, x: float, y: float, w: float, *, size: float, max_lines: int,
           style: str = "", grey: int = 0) -> float:
    """Draw ``text`` wrapped to ``w`` in at most ``max_lines`` lines; returns the y below it."""
    pdf.set_font("cjk", style=style, size=size)
    pdf.set_text_color(grey)
    line_h = size * 0.3528 * 1.3  # points to mm, with 30 % leading
    text = _printable(text)
    if not _mostly_cjk(text):
        # The Chinese font draws curly quotes full-width (as Chinese punctuation);
        # in Western text that looks like a gap: use straight ones.
        text = text.translate(_WESTERN_QUOTES)
    # CHAR wrapping breaks Chinese (which has no spaces) anywhere; English keeps whole words.
    wrap = "CHAR" if _mostly_cjk(text) else "WORD"
    lines = pdf.multi_cell(w, line_h, text, dry_run=True, output="LINES", wrapmode=wrap)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _fit(pdf, lines[-1].rstrip() + _ELLIPSIS, w)
    for n, line in enumerate(lines):
        pdf.set_xy(x, y + n * line_h)
        pdf.cell(w=w, h=line_h, text=line)
    return y + len(lines) * line_h


def _fit(pdf, text: str, w: float) -> str:
    """``text`` cut (with an ellipsis) to fit width ``w`` in the current font."""
    if pdf.get_string_width(text) <= w:
        return text
    while text and pdf.get_string_width(text + _ELLIPSIS) > w:
        text = text[:-1]
    return text.rstrip() + _ELLIPSIS


def _printable(text: str) -> str:
    """``text`` on one line without control or format characters (bidi overrides,
    zero-width marks): they print as nothing at best and reorder a label at worst."""
    text = "".join(" " if c.isspace() else c for c in text
                   if c.isspace() or unicodedata.category(c) not in ("Cc", "Cf"))
    return " ".join(text.split())


def _mostly_cjk(text: str) -> bool:
    cjk = sum(1 for c in text if "\u2e80" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff")
    return cjk * 2 >= len(text.replace(" ", "")) if text else False


def _qr(pdf, url: str, x: float, y: float, *, size: float = QR_SIZE) -> None:
    """The QR code as a 1-bit image, one pixel per module.

    PDF viewers and printers scale images without smoothing unless asked to
    (``/Interpolate`` is off), so the modules print as sharp squares; one image
    is also far faster to write than a rectangle per run of modules.
    """
    pdf.image(io.BytesIO(qr_png(url, scale=1)), x=x, y=y, w=size, h=size)
