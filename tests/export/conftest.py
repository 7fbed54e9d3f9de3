"""Fixtures of the exporter's tests: a real project with two halls, exported once
per module; a static server on 127.0.0.1; Debian's Chromium through Playwright."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.export.sample_project import XSS_TITLE, build_project, panorama_files

REALDATA = Path(__file__).resolve().parents[2].parent / "shared" / "realdata"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def exhibition(tmp_path_factory):
    """A project with halls hall-1 and hall-2 (real panoramas when ../shared/realdata
    is present), two objects pinned in hall-1, a note, a floor plan; the English
    title of the exhibition holds markup that must stay text."""
    from scenes import model

    work = tmp_path_factory.mktemp("exhibition")
    project = build_project(work / "expo.yunzhan",
                            panorama_files(REALDATA if REALDATA.is_dir() else None, work, 2))
    model.set_exhibition(project, title_en=f"Bronzes {XSS_TITLE}")
    yield project
    project.close()


@pytest.fixture(scope="module")
def site(exhibition, tmp_path_factory) -> Path:
    """The exhibition exported (full profile, with a base URL)."""
    from scenes.export import export_package

    out = tmp_path_factory.mktemp("site") / "site"
    export_package(exhibition, out, base_url="https://museum.example/expo/")
    return out


class Served:
    def __init__(self, folder: Path):
        from studio.cli.export import make_server

        self.server = make_server(folder, 0)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def served(site):
    s = Served(site)
    yield s
    s.close()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()
