"""The printed gallery kit: Chinese font embedded, text extractable, QR codes readable."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import zxingcpp  # test extra: reads QR codes
from PIL import Image, ImageStat

from assets.errors import Cancelled, ToolMissing
from assets.progress import Progress
from scenes.opendata.cjk_font import ENV_VAR, find_cjk_font
from scenes.opendata.gallery_kit import gallery_kit_pdf, write_gallery_kit
from scenes.opendata.urls import object_url

BASE = "https://museum.example/expo/"


def tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        pytest.fail(f"{name} is missing: install Debian's poppler-utils (.ci/system-deps.sh)")
    return path


def run(*argv) -> str:
    return subprocess.run(argv, check=True, capture_output=True, text=True).stdout


def page_image(pdf, tmp_path, page: int, dpi: int = 150) -> Image.Image:
    run(tool("pdftoppm"), "-r", str(dpi), "-png", "-f", str(page), "-l", str(page), str(pdf), str(tmp_path / "page"))
    return Image.open(next(tmp_path.glob(f"page-*{page}.png"))).convert("L")


def read_qr_codes(image) -> list[str]:
    return sorted(b.text for b in zxingcpp.read_barcodes(image))


def test_labels_with_chinese_titles_and_qr_codes(built, tate, tmp_path):
    objects = built.objects + tate[:10]  # 13 labels: two pages of 2 x 4
    objects[0].description_zh = "这是一件商代晚期的青铜礼器，器身饰有饕餮纹，三足两耳，铸造精良。" * 4
    pdf = write_gallery_kit(tmp_path / "print" / "gallery-kit.pdf", objects, base_url=BASE,
                            exhibition_title={"zh": "青铜时代", "en": "The Bronze Age"})
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in pdf.parent.iterdir()] == ["gallery-kit.pdf"]  # no temporary file left

    info = dict(line.split(":", 1) for line in run(tool("pdfinfo"), str(pdf)).splitlines())
    assert info["Pages"].strip() == "2"
    assert info["Page size"].strip() == "595.28 x 841.89 pts (A4)"

    fonts = run(tool("pdffonts"), str(pdf)).splitlines()[2:]
    assert fonts, "no fonts in the PDF"
    for line in fonts:
        name, emb = line.split()[0], line.split()[-5]
        assert "NotoSansCJKSC" in name and emb == "yes", line

    text = " ".join(run(tool("pdftotext"), str(pdf), "-").split())  # wrapped titles read as one line
    for expected in ("青铜鼎", "Bronze ding", "佚名 · 商代晚期", "登录号 Accession 2024.1",
                     "登录号 Accession 青铜 2024/2", "<script>alert(1)</script>", "=cmd|' /C calc'!A0",
                     "三位女士", tate[0].title_en, "扫码查看 Scan to view"):
        assert expected in text, expected
    assert "…" in text  # the long description was cut

    page1 = page_image(pdf, tmp_path, 1)
    stats = ImageStat.Stat(page1)
    assert stats.stddev[0] > 40, "page 1 looks blank"
    dark = sum(page1.histogram()[:128]) / (page1.width * page1.height)
    assert 0.03 < dark < 0.5, f"{dark:.1%} of page 1 is dark"
    assert read_qr_codes(page1) == sorted(object_url(BASE, o.accession) for o in objects[:8])


def test_without_base_url_labels_have_no_qr_codes(built, tmp_path):
    pdf = tmp_path / "kit.pdf"
    pdf.write_bytes(gallery_kit_pdf(built.objects, base_url=None))
    text = run(tool("pdftotext"), str(pdf), "-")
    assert "青铜鼎" in text and "扫码查看" not in text
    assert read_qr_codes(page_image(pdf, tmp_path, 1)) == []


def test_control_and_bidi_characters_are_dropped(built, tmp_path):
    obj = built.objects[2]
    obj.title_en = "Evil\u202e gnp.exe\x1b[31m"
    obj.description_en = "zero\u200bwidth\tand\nlines"
    pdf = tmp_path / "kit.pdf"
    pdf.write_bytes(gallery_kit_pdf([obj], base_url=None))
    text = " ".join(run(tool("pdftotext"), str(pdf), "-").split())
    assert "Evil gnp.exe[31m" in text and "zerowidth and lines" in text
    assert "\u202e" not in text and "\x1b" not in text


def test_cancel_leaves_nothing(built, tmp_path):
    progress = Progress()
    progress.cancel()
    target = tmp_path / "print" / "gallery-kit.pdf"
    with pytest.raises(Cancelled):
        write_gallery_kit(target, built.objects, base_url=BASE, progress=progress)
    assert not target.exists()


def test_missing_font_names_what_to_install(monkeypatch, tmp_path):
    not_a_font = tmp_path / "font.ttf"
    not_a_font.write_text("hello")
    monkeypatch.setenv(ENV_VAR, str(not_a_font))
    with pytest.raises(ToolMissing) as e:
        gallery_kit_pdf([], base_url=BASE)
    assert str(e.value) == f"{ENV_VAR}={not_a_font}: not a font file with Chinese characters"


def test_font_from_environment(monkeypatch):
    default = find_cjk_font()
    monkeypatch.setenv(ENV_VAR, str(default.path))
    assert find_cjk_font() == default
    assert "SC" in _face_name(default)


def _face_name(face) -> str:
    from fontTools.ttLib import TTCollection

    with TTCollection(str(face.path), lazy=True) as coll:
        return str(coll.fonts[face.index]["name"].getDebugName(4))
