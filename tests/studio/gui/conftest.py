"""Fixtures for the studio's GUI tests: real project files, no leaked windows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """The .qm files ``make translations`` builds, rebuilt when missing or older than
    their .ts (so a bare pytest run speaks Chinese too)."""
    from studio.gui.i18n import TRANSLATIONS_DIR

    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in sorted(TRANSLATIONS_DIR.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)


@pytest.fixture(autouse=True)
def own_settings(tmp_path, monkeypatch):
    """Each test gets its own studio settings file and data folder (never the user's)."""
    monkeypatch.setenv("YUNZHAN_SETTINGS", str(tmp_path / "studio-settings.ini"))
    monkeypatch.setenv("YUNZHAN_DATA_DIR", str(tmp_path / "studio-data"))


@pytest.fixture(scope="session")
def cjk_app(qapp):
    """The test QApplication with the same CJK font fallback as ``yunzhan-studio``."""
    from studio.gui.app import use_cjk_fallback

    use_cjk_fallback(qapp)
    return qapp


@pytest.fixture(autouse=True)
def no_leaked_widgets(request):
    """Fail a GUI test that leaves top-level widgets behind (windows, dialogs, boxes).

    pytest-qt closes the widgets given to ``qtbot.addWidget`` before fixtures are
    torn down; whatever top-level widget is still alive after deferred deletes
    ran has leaked.
    """
    if "qtbot" not in request.fixturenames:
        yield
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication
    from shiboken6 import getCppPointer

    before = {getCppPointer(w)[0] for w in QApplication.topLevelWidgets()}
    yield
    for _ in range(3):  # deleting a parent posts deletes for its children
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
    leaked = [f"{type(w).__name__}({w.objectName()!r})" for w in QApplication.topLevelWidgets()
              if getCppPointer(w)[0] not in before]
    assert not leaked, f"top-level widgets leaked: {', '.join(leaked)}"


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory):
    """The demo project (12 National Palace Museum jades with photos, a mosaic, a 3D scan, plus Tate records if
    present)."""
    from studio.demo import build_demo

    out = tmp_path_factory.mktemp("demo")
    build_demo(out, extras=False)  # the project alone: no videos, replay or package
    return out / "demo.yunzhan"


@pytest.fixture
def open_window(qtbot, cjk_app):
    """Make a shown main window (in ``language``), opened on ``path`` when given."""
    from studio.gui.main_window import MainWindow

    def make(path=None, language: str | None = "zh"):
        window = MainWindow(language)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        if path is not None:
            assert window.open_project(path), f"could not open {path}"
        return window

    return make
