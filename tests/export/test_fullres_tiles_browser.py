"""Full-resolution cube faces in Debian's Chromium: a 4096-px panorama keeps its
detail as 1304-px faces (2 × 2 tiles of 652, not a power of two), and Photo Sphere
Viewer's CubemapTilesAdapter shows them: zoomed in, it loads the largest level's
tiles, every tile it requests exists, and it logs no error."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageStat

from tests.export.conftest import Served
from tests.export.sample_project import build_project, generated_panorama

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def wide_site(tmp_path_factory):
    from scenes.export import export_package

    work = tmp_path_factory.mktemp("fullres-site")
    pano = generated_panorama(work / "pano.jpg", width=4096)
    project = build_project(work / "expo.yunzhan", [pano], objects=1)
    out = work / "site"
    export_package(project, out)
    project.close()
    served = Served(out)
    yield served, out
    served.close()


def test_the_viewer_shows_non_power_of_two_faces_up_to_the_largest_level(wide_site, browser):
    import json

    served, out = wide_site
    viewer = json.loads((out / "data" / "viewer.json").read_text(encoding="utf-8"))
    levels = viewer["halls"][0]["panorama"]["levels"]
    assert levels == [{"faceSize": 652, "nbTiles": 1}, {"faceSize": 1304, "nbTiles": 2}]

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    responses, errors = [], []
    page.on("response", lambda r: responses.append((r.url.removeprefix(served.url), r.status)))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    try:
        page.goto(served.url + "halls/hall-1.html")
        page.locator("#viewer-enter").click()
        page.wait_for_selector("#viewer.is-ready", timeout=60_000)
        canvas = page.locator("#viewer canvas")
        box = canvas.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        for _ in range(10):  # zoom in all the way: the largest level is what fills the view
            page.mouse.wheel(0, -400)
            page.wait_for_timeout(100)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(800)  # let the tiles fade in
        picture = Image.open(io.BytesIO(canvas.screenshot())).convert("L")
        assert ImageStat.Stat(picture).stddev[0] > 10  # a panorama drawn, not a blank canvas
        tiles = {url: status for url, status in responses if "/tiles/" in url}
        assert tiles and set(tiles.values()) == {200}, [u for u, s in tiles.items() if s != 200]
        assert any("/tiles/1/" in url for url in tiles), sorted(tiles)
        assert not errors, errors
    finally:
        context.close()
