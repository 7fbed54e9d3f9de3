"""Exported tours loaded by the real viewers in Debian's Chromium: Pannellum 2.5
(npm ``pannellum``, a devDependency of scenes/web used only here) and Photo Sphere
Viewer's VirtualTourPlugin (the package's own viewer), and Marzipano 0.10 (npm
``marzipano``, a devDependency too)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scenes import model
from scenes.tour_export import export_tour
from tests.export.conftest import Served, browser  # noqa: F401 - the shared Chromium fixture
from tests.scenes.conftest import add_object

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NODE_MODULES = Path(__file__).resolve().parents[2] / "scenes" / "web" / "node_modules"

PANNELLUM_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="nm/pannellum/build/pannellum.css"><script src="nm/pannellum/build/pannellum.js"></script>
</head><body><div id="pano" style="width:800px;height:450px"></div><script>
window.loads = 0;
fetch('tour.json').then(r => r.json()).then(config => {
  window.viewer = pannellum.viewer('pano', config);
  viewer.on('load', () => { window.loads += 1; });
  viewer.on('error', e => { window.failed = String(e); });
});
</script></body></html>
"""

PSV_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="nm/@photo-sphere-viewer/core/index.css">
<link rel="stylesheet" href="nm/@photo-sphere-viewer/markers-plugin/index.css">
<link rel="stylesheet" href="nm/@photo-sphere-viewer/virtual-tour-plugin/index.css">
<script type="importmap">{"imports": {
  "three": "./nm/three/build/three.module.js",
  "@photo-sphere-viewer/core": "./nm/@photo-sphere-viewer/core/index.module.js",
  "@photo-sphere-viewer/markers-plugin": "./nm/@photo-sphere-viewer/markers-plugin/index.module.js",
  "@photo-sphere-viewer/virtual-tour-plugin": "./nm/@photo-sphere-viewer/virtual-tour-plugin/index.module.js"}}
</script></head><body><div id="pano" style="width:800px;height:450px"></div>
<script type="module">
import { Viewer } from '@photo-sphere-viewer/core';
import { MarkersPlugin } from '@photo-sphere-viewer/markers-plugin';
import { VirtualTourPlugin } from '@photo-sphere-viewer/virtual-tour-plugin';
const data = await (await fetch('tour.json')).json();
const viewer = new Viewer({ container: 'pano', plugins: [MarkersPlugin,
  [VirtualTourPlugin, { nodes: data.nodes, startNodeId: data.startNodeId, positionMode: 'manual', renderMode: '3d' }]] });
window.tour = viewer.getPlugin(VirtualTourPlugin);
window.markers = viewer.getPlugin(MarkersPlugin);
window.nodes = [];
window.tour.addEventListener('node-changed', ({ node }) => window.nodes.push(node.id));
</script></body></html>
"""


MARZIPANO_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<script src="nm/marzipano/dist/marzipano.js"></script><script src="data.js"></script>
</head><body><div id="pano" style="width:800px;height:450px;position:relative"></div><script>
const viewer = new Marzipano.Viewer(document.getElementById('pano'));
window.scenes = {};
for (const s of APP_DATA.scenes) {
  const scene = viewer.createScene({
    source: Marzipano.ImageUrlSource.fromString(s.panorama),
    geometry: new Marzipano.EquirectGeometry(s.levels),
    view: new Marzipano.RectilinearView(s.initialViewParameters)});
  for (const h of s.linkHotspots.concat(s.infoHotspots)) {
    const el = document.createElement('button');
    el.className = h.target ? 'link-hotspot' : 'info-hotspot';
    el.textContent = h.title || h.target;
    scene.hotspotContainer().createHotspot(el, { yaw: h.yaw, pitch: h.pitch });
  }
  window.scenes[s.id] = scene;
}
window.shown = [];
viewer.addEventListener('sceneChange', () => window.shown.push(viewer.scene() === scenes['0-lobby'] ? 'lobby' : 'east'));
scenes['0-lobby'].switchTo({ transitionDuration: 0 });
</script></body></html>
"""


@pytest.fixture
def exhibit(project, pano_files):
    model.add_hall(project, slug="lobby", title_zh="大厅", title_en="Lobby",
                   panorama_sha=model.store_panorama(project, pano_files[0]), view=model.View(30, -5, 80))
    model.add_hall(project, slug="east", title_zh="东厅", panorama_sha=model.store_panorama(project, pano_files[1]))
    model.add_hotspot(project, "lobby", yaw=45, pitch=-3, to="east", arrive_yaw=90, label_zh="去东厅")
    model.add_hotspot(project, "lobby", yaw=-20, pitch=10, note_zh="请勿触摸", label_zh="提示")
    add_object(project, "2024.1", title_zh="青铜鼎")
    model.add_hotspot(project, "lobby", yaw=100, pitch=-8, object="2024.1")
    model.add_hotspot(project, "east", yaw=-60, pitch=0, to="lobby")
    return project


def open_tour(browser, folder: Path, page_html: str):  # noqa: F811 - the fixture, passed in
    if not (NODE_MODULES / "pannellum").is_dir():
        pytest.skip("scenes/web/node_modules has no pannellum (run npm ci in scenes/web)")
    (folder / "index.html").write_text(page_html, encoding="utf-8")
    (folder / "nm").symlink_to(NODE_MODULES)
    served = Served(folder)
    context = browser.new_context(viewport={"width": 900, "height": 600})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    context.on("response", lambda r: r.status >= 400 and errors.append(f"HTTP {r.status}: {r.url}"))
    page.goto(served.url + "index.html")
    return served, context, page, errors


def test_pannellum_loads_the_exported_tour(browser, exhibit, tmp_path):  # noqa: F811
    export_tour(exhibit, tmp_path / "tour", fmt="pannellum")
    served, context, page, errors = open_tour(browser, tmp_path / "tour", PANNELLUM_PAGE)
    try:
        page.wait_for_function("window.loads >= 1 || window.failed", timeout=60_000)
        assert page.evaluate("window.failed || null") is None
        assert page.evaluate("viewer.getScene()") == "lobby"
        assert page.evaluate("[viewer.getYaw(), viewer.getPitch(), viewer.getHfov()]") == \
            pytest.approx([30, -5, 80], abs=0.5)
        # every hotspot is in the page, with its text
        assert page.locator(".pnlm-hotspot-base").count() == 3
        assert page.locator(".pnlm-scene").count() == 1 and page.locator(".pnlm-info").count() == 2
        texts = page.evaluate("viewer.getConfig().hotSpots.map(h => h.text)")
        assert sorted(texts) == ["去东厅", "请勿触摸", "青铜鼎"]
        page.evaluate("viewer.loadScene('east', 0, 90)")
        page.wait_for_function("window.loads >= 2 && viewer.getScene() === 'east'", timeout=60_000)
        assert page.locator(".pnlm-hotspot-base").count() == 1
        assert errors == []
    finally:
        context.close()
        served.close()


def test_photo_sphere_viewer_loads_the_exported_tour(browser, exhibit, tmp_path):  # noqa: F811
    if not (NODE_MODULES / "@photo-sphere-viewer" / "virtual-tour-plugin").is_dir():
        pytest.skip("no @photo-sphere-viewer/virtual-tour-plugin in scenes/web/node_modules")
    export_tour(exhibit, tmp_path / "tour", fmt="psv")
    served, context, page, errors = open_tour(browser, tmp_path / "tour", PSV_PAGE)
    try:
        page.wait_for_function("window.tour && window.tour.getCurrentNode()", timeout=60_000)
        assert page.evaluate("tour.getCurrentNode().id") == "lobby"
        assert page.evaluate("tour.getCurrentNode().links.map(l => l.nodeId)") == ["east"]
        page.wait_for_function("markers.getMarkers().length === 2", timeout=30_000)
        assert sorted(page.evaluate("markers.getMarkers().map(m => m.config.tooltip.content)")) == ["提示", "青铜鼎"]
        page.evaluate("tour.setCurrentNode('east')")
        page.wait_for_function("window.nodes.includes('east')", timeout=60_000)
        assert page.evaluate("tour.getCurrentNode().links.map(l => l.nodeId)") == ["lobby"]
        assert errors == []
    finally:
        context.close()
        served.close()
    assert json.loads((tmp_path / "tour" / "tour.json").read_text("utf-8"))["nodes"][0]["id"] == "lobby"


def test_marzipano_loads_the_exported_tour(browser, exhibit, tmp_path):  # noqa: F811
    if not (NODE_MODULES / "marzipano").is_dir():
        pytest.skip("scenes/web/node_modules has no marzipano (run npm ci in scenes/web)")
    export_tour(exhibit, tmp_path / "tour", fmt="marzipano")
    served, context, page, errors = open_tour(browser, tmp_path / "tour", MARZIPANO_PAGE)
    try:
        page.wait_for_function("window.shown && window.shown.includes('lobby')", timeout=60_000)
        # the scene's photo was fetched into the WebGL stage
        page.wait_for_function("performance.getEntriesByType('resource').some(e => "
                               "e.name.endsWith('/panoramas/lobby.jpg'))", timeout=30_000)
        assert page.locator("#pano canvas").count() == 1
        kinds = page.evaluate("scenes['0-lobby'].hotspotContainer().listHotspots().map(h => h.domElement().className)")
        assert sorted(kinds) == ["info-hotspot", "info-hotspot", "link-hotspot"]
        texts = page.evaluate("scenes['0-lobby'].hotspotContainer().listHotspots().map(h => h.domElement().textContent)")
        assert sorted(texts) == ["1-east", "提示", "青铜鼎"]
        assert page.evaluate("scenes['1-east'].hotspotContainer().listHotspots().length") == 1
        view = page.evaluate("scenes['0-lobby'].view().parameters()")
        assert [view["yaw"], view["pitch"]] == pytest.approx([0.5236, 0.0873], abs=1e-3)  # 30°, 5° down
        page.evaluate("scenes['1-east'].switchTo({ transitionDuration: 0 })")
        page.wait_for_function("window.shown.includes('east')", timeout=30_000)
        assert errors == []
    finally:
        context.close()
        served.close()
