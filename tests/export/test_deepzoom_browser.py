"""Deep zoom on an object page, in Debian's Chromium: the first screen is the page's
ordinary picture (no viewer, no tiles); "Zoom" opens OpenSeadragon on the image's
IIIF level-0 tiles; zoomed in, it loads tiles of the full-size level, and every tile
it requests exists. The manifest names the tiles as the image's IIIF service."""

from __future__ import annotations

import json

import numpy as np
import pytest
import simplejpeg

from tests.export.conftest import Served
from tests.export.sample_project import build_project, panorama_files

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ACCESSION = "2024.99"
BASE_URL = "https://museum.example/expo/"
SIZE = (4400, 3000)  # long side over 4000 px: deep zoom; 9 × 6 tiles at full size


def scroll_painting(width: int, height: int) -> bytes:
    x = np.arange(width, dtype=np.float32)[None, :] / 90
    y = np.arange(height, dtype=np.float32)[:, None] / 70
    image = np.empty((height, width, 3), np.uint8)
    image[..., 0] = 150 + 90 * np.sin(x + y / 2)
    image[..., 1] = 120 + 80 * np.cos(x / 3 - y)
    image[..., 2] = 110 + 60 * np.sin(y / 3)
    image[::64] = 30  # ink lines: detail only the full size shows
    return simplejpeg.encode_jpeg(image, quality=88)


@pytest.fixture(scope="module")
def zoom_site(tmp_path_factory):
    from assets.catalog import Catalog, CatalogObject
    from assets.media_import import store_image
    from assets.media_store import MediaStore
    from scenes import model
    from scenes.export import export_package

    work = tmp_path_factory.mktemp("zoom-site")
    project = build_project(work / "expo.yunzhan", panorama_files(None, work, 1), objects=1)
    scan = work / "scroll.jpg"
    scan.write_bytes(scroll_painting(*SIZE))
    sha = store_image(MediaStore(project), scan)
    MediaStore(project).set_alt(sha, zh="山水长卷", en="Landscape scroll")
    catalog = Catalog(project)
    oid = catalog.add(CatalogObject(accession=ACCESSION, title_zh="山水图", title_en="Landscape"))
    catalog.link_media(oid, sha)
    model.add_hotspot(project, "hall-1", yaw=60, pitch=0, object=ACCESSION)
    out = work / "site"
    export_package(project, out, base_url=BASE_URL)
    project.close()
    served = Served(out)
    yield served, out, sha
    served.close()


def test_the_manifest_names_the_tiles_as_the_images_iiif_service(zoom_site):
    from scenes.opendata.iiif import check_manifest
    from scenes.opendata.urls import iiif_manifest_path

    _, out, sha = zoom_site
    manifest = json.loads((out / iiif_manifest_path(ACCESSION)).read_text(encoding="utf-8"))
    check_manifest(manifest)
    body = manifest["items"][0]["items"][0]["items"][0]["body"]
    folder = f"iiif/images/{sha[:16]}"
    assert body["service"] == [{"id": BASE_URL + folder, "type": "ImageService3", "profile": "level0"}]
    info = json.loads((out / folder / "info.json").read_text(encoding="utf-8"))
    assert (info["id"], info["profile"], info["width"], info["height"]) == (BASE_URL + folder, "level0", *SIZE)


def test_zooming_in_loads_the_full_size_tiles_and_every_tile_exists(zoom_site, browser):
    from assets.deepzoom.layout import Layout
    from scenes.opendata.urls import object_page_path

    served, out, sha = zoom_site
    folder = f"iiif/images/{sha[:16]}/"
    layout = Layout(*SIZE)
    full_size = {tile.path for tile in layout.level_tiles(1)}
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    responses = []
    page.on("response", lambda r: responses.append((r.url.removeprefix(served.url), r.status)))
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    try:
        page.goto(served.url + object_page_path(ACCESSION))
        page.wait_for_load_state("load")
        zoom = page.locator("[data-deepzoom]")
        zoom.wait_for(state="visible")
        # the first screen: the page's own picture, no viewer code and no tiles
        assert not [u for u, _ in responses if u.startswith(folder) or u.endswith("deepzoom.js")]

        zoom.click()
        page.wait_for_function("() => window.yunzhanDeepZoom && window.yunzhanDeepZoom.world.getItemCount() === 1")
        page.wait_for_function("() => window.yunzhanDeepZoom.world.getItemAt(0).getFullyLoaded()", timeout=20000)
        first = {u.removeprefix(folder) for u, _ in responses if u.startswith(folder)}
        assert "info.json" in first and not (first & full_size)  # fitted: a lower level only

        page.evaluate("""() => {
            const v = window.yunzhanDeepZoom.viewport;
            v.zoomTo(v.getMaxZoom(), v.getCenter(), true);
        }""")
        page.wait_for_function("() => window.yunzhanDeepZoom.world.getItemAt(0).getFullyLoaded()", timeout=20000)
        page.screenshot(path=str(out.parent / "zoomed.png"))
        requested = {u.removeprefix(folder): status for u, status in responses if u.startswith(folder)}
        assert requested.pop("info.json") == 200
        assert requested and set(requested.values()) == {200}, [u for u, s in requested.items() if s != 200]
        assert set(requested) <= set(layout.files()), set(requested) - set(layout.files())
        assert set(requested) & full_size, "zoomed in, no tile of the full-size level was loaded"
        assert not errors, errors

        page.keyboard.press("Escape")
        assert page.locator(".deepzoom-layer").count() == 0
        assert page.evaluate("document.activeElement.dataset.deepzoom") == zoom.get_attribute("data-deepzoom")
    finally:
        context.close()
