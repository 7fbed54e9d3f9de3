"""Narration in the exported package: audio, captions and transcripts in the pages, the
audio-guide page, and tour mode in the real Chromium advancing on the audio's `ended`."""

from __future__ import annotations

import json
import re

import pytest
import webvtt

from assets.media_tools import probe
from scenes import model
from scenes.export import export_package
from scenes.narration.narrate import narrate
from scenes.narration.store import set_text
from tests.export.conftest import CHROMIUM_ARGS, Served
from tests.export.sample_project import build_project, panorama_files


@pytest.fixture(scope="module")
def narrated_site(tmp_path_factory):
    from tests.conftest import REALDATA

    work = tmp_path_factory.mktemp("narrated")
    project = build_project(work / "n.yunzhan", panorama_files(REALDATA if REALDATA.is_dir() else None, work, 2))
    model.add_tour(project, slug="main", stops=["hall-1", "hall-2"], title_zh="主线导览", title_en="Main tour")
    model.set_default_tour(project, "main")
    # short texts keep the browser test quick: each stop speaks for about a second
    set_text(project, "main:1", "zh", "欢迎来到第一展厅。")
    set_text(project, "main:1", "en", "Welcome to hall one.")
    for acc, zh, en in (("2024.1", "这是一号青铜器。", "Bronze one."), ("2024.2", "这是二号青铜器。", "Bronze two.")):
        set_text(project, acc, "zh", zh)
        set_text(project, acc, "en", en)
    narrate(project)
    out = work / "site"
    export_package(project, out, base_url="https://museum.example/expo/")
    project.close()
    return out


AUDIO = re.compile(r'<audio controls preload="none"><source src="\.\./(media/[^"]+\.webm)" '
                   r'type="audio/webm; codecs=opus"><source src="\.\./(media/[^"]+\.m4a)" type="audio/mp4">'
                   r'<track kind="captions" src="\.\./(narration/[^"]+\.vtt)" srclang="(zh|en)"')


def test_pages_carry_audio_captions_and_transcripts(narrated_site):
    page = (narrated_site / "objects" / "2024.1.html").read_text(encoding="utf-8")
    track = AUDIO.search(page)
    assert track, page
    assert (narrated_site / track.group(1)).is_file() and (narrated_site / track.group(2)).is_file()
    assert webvtt.read(str(narrated_site / track.group(3))).captions[0].text == "这是一号青铜器。"
    assert '<figcaption class="transcript">这是一号青铜器。</figcaption>' in page
    hall = (narrated_site / "halls" / "hall-1.html").read_text(encoding="utf-8")
    assert 'id="tour-start" hidden' in hall and 'href="../guide.html"' in hall
    assert "<figcaption class=\"transcript\">第1展厅。第1展厅的介绍。</figcaption>" in hall


def test_every_clip_is_offered_as_opus_first_and_aac_for_old_players(narrated_site):
    """Opus where it saves bytes, checked by ffprobe on the package's real files."""
    pages = [narrated_site / "guide.html", *sorted((narrated_site / "objects").glob("*.html")),
             *sorted((narrated_site / "halls").glob("*.html"))]
    found = {m.groups() for p in pages for m in AUDIO.finditer(p.read_text(encoding="utf-8"))}
    assert len({g[1] for g in found}) >= 6  # two objects and two stops, in zh and en (some shared by pages)
    for opus_path, aac_path, _, _ in found:
        opus, aac = narrated_site / opus_path, narrated_site / aac_path
        opus_info, aac_info = probe(opus), probe(aac)
        assert [s["codec_name"] for s in opus_info["streams"]] == ["opus"]
        assert [s["codec_name"] for s in aac_info["streams"]] == ["aac"]
        assert opus.stat().st_size < aac.stat().st_size
        assert abs(float(opus_info["format"]["duration"]) - float(aac_info["format"]["duration"])) < 0.1


def test_audio_guide_lists_numbered_stops_with_qr_codes(narrated_site):
    guide = (narrated_site / "guide.html").read_text(encoding="utf-8")
    numbers = re.findall(r'<span class="guide-number">(\d+)</span>', guide)
    assert numbers == ["1", "2", "3", "4"]  # hall 1, its two objects, hall 2
    assert guide.count('<svg role="img"') == 4
    doc = json.loads((narrated_site / "data" / "viewer.json").read_text(encoding="utf-8"))
    stops = doc["tour"]["stops"]
    assert [s.get("object") for s in stops] == [None, "2024.1", "2024.2", None]
    assert stops[0]["narration"]["en"]["cues"][0][2] == "Welcome to hall one."
    card = doc["objects"]["2024.1"]["narration"]["zh"]  # the object card plays it too
    assert card["transcript"] == "这是一号青铜器。" and (narrated_site / card["audio"]).is_file()


def test_printed_gallery_kit_and_guide_page_have_numbered_stops_with_codes_to_their_entries(narrated_site,
                                                                                           tmp_path):
    import io

    import cairosvg
    from PIL import Image

    from tests.opendata.test_gallery_kit import page_image, read_qr_codes, run, tool

    expected = [f"https://museum.example/expo/guide.html#stop-{n}" for n in (1, 2, 3, 4)]
    kit = narrated_site / "print" / "gallery-kit.pdf"
    pages = int(dict(line.split(":", 1) for line in run(tool("pdfinfo"), str(kit)).splitlines())["Pages"])
    assert pages == 2  # the two object labels, then the audio guide
    guide_text = run(tool("pdftotext"), "-f", "2", "-l", "2", "-layout", str(kit), "-")
    assert "语音导览 Audio guide · 主线导览 · Main tour" in guide_text
    numbered = re.findall(r"^\s*(\d)\s+(\S.*?)\s*$", guide_text, re.M)
    assert [n for n, _ in numbered] == ["1", "2", "3", "4"], guide_text
    for title in ("第1展厅", "Hall 1", "第2展厅", "Hall 2"):
        assert title in guide_text
    assert read_qr_codes(page_image(kit, tmp_path, 2)) == expected
    # the audio-guide page's own codes lead to the same entries, which exist on it
    guide = (narrated_site / "guide.html").read_text(encoding="utf-8")
    svgs = re.findall(r'<svg role="img".*?</svg>', guide, re.S)
    decoded = [read_qr_codes(Image.open(io.BytesIO(cairosvg.svg2png(bytestring=svg.encode(), output_width=300))))
               for svg in svgs]
    assert decoded == [[url] for url in expected]
    for n in (1, 2, 3, 4):
        assert f'id="stop-{n}"' in guide


@pytest.mark.browser
def test_tour_mode_advances_through_stops_on_ended_with_captions(narrated_site):
    sync_api = pytest.importorskip("playwright.sync_api")
    from pathlib import Path

    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    served = Served(narrated_site)
    try:
        with sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(locale="zh-CN")
            page.goto(served.url + "halls/hall-1.html")
            start = page.get_by_role("button", name="开始导览")
            start.wait_for(state="visible")
            start.click()
            viewer = page.locator("#viewer")
            # (selectors, not wait_for_function: the package's CSP forbids evaluating strings)
            page.wait_for_selector("#viewer[data-tour-stop='0']", state="attached", timeout=60_000)
            page.wait_for_selector("#viewer[data-tour-caption]:not([data-tour-caption=''])", state="attached",
                                   timeout=30_000)
            assert page.locator(".tour-panel__caption").inner_text() == "欢迎来到第一展厅。"
            # nothing is clicked from here on: the audio's `ended` moves the tour on
            page.wait_for_selector("#viewer[data-tour-stop='1']", state="attached", timeout=30_000)
            page.wait_for_selector("#viewer[data-tour-caption='这是一号青铜器。']", state="attached", timeout=30_000)
            page.wait_for_selector("#viewer[data-tour-stop='2']", state="attached", timeout=30_000)
            assert "3 / 4" in page.locator(".tour-panel__stop").inner_text()
            # keyboard: Escape ends the tour
            page.keyboard.press("Escape")
            assert viewer.get_attribute("data-tour-ended") == "1"
            browser.close()
    finally:
        served.close()
