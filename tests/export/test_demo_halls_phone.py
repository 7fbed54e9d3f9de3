"""The demo's halls on a phone (390 x 844) in Debian's Chromium: the first view of
each hall (the lobby photograph and the two rendered galleries) shows every one of
its hotspots inside the viewer and the screen.

The demo is built from its shipped content alone (as on a fresh machine: no
../shared) without its videos, and exported; the gallery panoramas are the shipped
renders (their layout keys match, so nothing is rendered here). Set
YUNZHAN_SCREENSHOTS to a folder to keep a phone screenshot of each hall there."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.export.test_hall_viewer import PHONE, expect_all_inside, open_hall

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The demo project (``extras=False``) and its exported web package."""
    from studio import demo

    out = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("YUNZHAN_REALDATA", str(out / "no-realdata"))
        mp.setenv("XDG_CACHE_HOME", str(out / "cache"))
        summary = demo.build_demo(out, extras=False)
        assert "halls: 3 (lobby photograph, plates shipped, bowls shipped)" in summary
        demo.export_demo_site(out / "demo.yunzhan", out / "site")
    return out / "site"


@pytest.fixture(scope="module")
def viewer_doc(site: Path) -> dict:
    return json.loads((site / "data" / "viewer.json").read_text(encoding="utf-8"))


def test_every_demo_hall_is_fitted_to_a_portrait_phone(viewer_doc):
    from studio import demo

    halls = {h["id"]: h for h in viewer_doc["halls"]}
    assert list(halls) == [slug for slug, _zh, _en in demo.HALLS]
    for slug, hall in halls.items():
        assert hall["fit"]["fits"] is True, slug
    for slug in demo.GALLERIES:  # six works and the doorway back to the lobby
        assert len(halls[slug]["hotspots"]) == len(demo.GALLERIES[slug]) + 1


@pytest.mark.parametrize("slug", ["lobby", "plates", "bowls"])
def test_the_first_view_of_each_demo_hall_shows_every_hotspot(browser, served, viewer_doc, slug):
    hall = next(h for h in viewer_doc["halls"] if h["id"] == slug)
    ctx, page = open_hall(browser, served, slug)
    try:
        assert page.viewport_size == PHONE
        expect_all_inside(page, len(hall["hotspots"]), slug)
        screens = os.environ.get("YUNZHAN_SCREENSHOTS")
        if screens:  # for the closing note, not a check
            Path(screens).mkdir(parents=True, exist_ok=True)
            page.wait_for_load_state("networkidle")  # the sharp tiles, not the preview
            page.screenshot(path=str(Path(screens) / f"galleries-{slug}.png"))
    finally:
        ctx.close()
