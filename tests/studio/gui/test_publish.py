"""The Publish pane on a copy of the demo project: a real export in the background with
its size report, preview on 127.0.0.1, Cancel, a full disk and a read-only folder."""

from __future__ import annotations

import os
import tempfile
import shutil
import threading
import urllib.request
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from assets.errors import Cancelled
from assets.project import Project
from scenes import model
from scenes.export.plan import human_size
from scenes.opendata.urls import GALLERY_KIT_PATH
from streaming.package_export import export_site
from tests.studio.gui.translated import chinese_ui
from tests.small_disk import make_read_only, shrink_to_fit, small_disk, tree

pytestmark = pytest.mark.gui

# Screenshots for people to look at: $YUNZHAN_SCREENSHOTS, else a folder in the temporary directory.
SCREENS = Path(os.environ.get("YUNZHAN_SCREENSHOTS") or Path(tempfile.gettempdir()) / "yunzhan-screens")
EXPORT_TIMEOUT_MS = 180_000


@pytest.fixture
def demo_copy(demo_path, tmp_path) -> Path:
    """A copy of the demo project and its tile cache (so exports only link cached tiles)."""
    target = tmp_path / "project" / "demo.yunzhan"
    target.parent.mkdir()
    shutil.copyfile(demo_path, target)
    cache = demo_path.with_name(demo_path.name + ".cache")
    if cache.is_dir():
        shutil.copytree(cache, target.with_name(target.name + ".cache"))
    return target


class UrlCatcher(QObject):
    """Where QDesktopServices sends URLs of a scheme while installed: the desktop's browser
    and file manager cannot run here, so the test receives what they would have."""

    def __init__(self):
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened_urls():
    catcher = UrlCatcher()
    for scheme in ("http", "file"):
        QDesktopServices.setUrlHandler(scheme, catcher, "open")
    yield catcher.urls
    for scheme in ("http", "file"):
        QDesktopServices.unsetUrlHandler(scheme)


def open_publish(qtbot, open_window, path, language="en"):
    window = open_window(path, language)
    pane = window.panes["publish"]
    window.tabs.setCurrentWidget(pane)
    qtbot.waitUntil(pane.isVisible, timeout=3000)
    notes: list[tuple[str, bool]] = []
    window.studio.notified.connect(lambda text, error: notes.append((text, error)))
    return window, pane, notes


def package_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_export_shows_the_size_report_and_opens_the_result(qtbot, open_window, demo_copy, tmp_path, opened_urls):
    window, pane, notes = open_publish(qtbot, open_window, demo_copy)
    out = tmp_path / "out" / "site"
    out.parent.mkdir()
    assert pane.folder() == demo_copy.with_name("demo-site")  # beside the project until chosen
    pane.set_folder(out)
    pane.set_profile("mobile")
    pane.zip_box.setChecked(True)
    assert not pane.open_browser_button.isEnabled()  # nothing exported there yet

    reports = []
    pane.exported.connect(reports.append)  # what a "publish to storage" section listens to
    qtbot.mouseClick(pane.export_button, Qt.MouseButton.LeftButton)
    assert pane.task is not None and not pane.export_button.isEnabled() and pane.cancel_button.isVisible()
    assert window.task_panel.rows  # and in the window's task panel, with its own Cancel
    qtbot.waitUntil(lambda: pane.task is None, timeout=EXPORT_TIMEOUT_MS)
    assert reports == [pane.report] and pane.report.out_dir == out

    files = package_files(out)
    assert (out / "index.html").is_file() and (out.parent / "site.zip").is_file()
    rows = pane.size_rows()
    assert rows[-1] == ("Total", f"{len(files):,}", human_size(sum(p.stat().st_size for p in files)))
    assert [r[0] for r in rows[:-1]][:3] == ["Pages", "Viewer and app", "Data"]
    assert pane.summary.text().splitlines()[:2] == [
        "3 halls, {0} objects, mobile profile.".format(pane.report.objects),
        f"Zip: {out.parent / 'site.zip'} ({human_size((out.parent / 'site.zip').stat().st_size)})"]
    assert notes[-1] == (f"Exported the web package to {out}.", False)
    assert pane.export_button.isEnabled() and not pane.progress_bar.isVisible()

    # Open in browser: the folder served on 127.0.0.1 as 'yunzhan serve' does
    assert pane.open_browser_button.isEnabled()
    qtbot.mouseClick(pane.open_browser_button, Qt.MouseButton.LeftButton)
    url = opened_urls[-1].toString()
    assert url.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(url + "index.html", timeout=10) as response:
        assert response.read() == (out / "index.html").read_bytes()
    qtbot.mouseClick(pane.open_browser_button, Qt.MouseButton.LeftButton)
    assert opened_urls[-1].toString() == url  # the same preview, not a second server

    qtbot.mouseClick(pane.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened_urls[-1] == QUrl.fromLocalFile(str(out))
    kit = out / GALLERY_KIT_PATH
    assert pane.open_kit_button.isEnabled() == kit.is_file()
    if kit.is_file():
        qtbot.mouseClick(pane.open_kit_button, Qt.MouseButton.LeftButton)
        assert opened_urls[-1] == QUrl.fromLocalFile(str(kit))

    server = pane.preview
    window.close()  # closing the project deletes its panes, and the pane stops its preview
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    with pytest.raises(OSError):
        urllib.request.urlopen(url + "index.html", timeout=2)
    assert server.server.socket.fileno() == -1


def test_cancel_keeps_the_previous_package(qtbot, open_window, demo_copy, tmp_path):
    out = tmp_path / "out" / "site"
    out.parent.mkdir()
    with Project.open(demo_copy) as project:
        export_site(project, out, profile="mobile")
    before = tree(out)
    window, pane, notes = open_publish(qtbot, open_window, demo_copy)
    pane.set_folder(out)
    pane.set_profile("kiosk")

    # The worker pauses when it starts writing the new package until Cancel is pressed,
    # so the cancel lands mid-write every time (a fast machine could finish first).
    pressed = threading.Event()

    def hold_at_writing(event):  # on the worker thread
        if event.message.startswith("writing") and not pressed.is_set():
            pressed.wait(30)

    def press_cancel(event):  # on the GUI thread, as the user does
        if event.message.startswith("writing") and pane.cancel_button.isEnabled():
            qtbot.mouseClick(pane.cancel_button, Qt.MouseButton.LeftButton)
            pressed.set()

    task = pane.export()
    task.progress.subscribe(hold_at_writing)
    task.progressed.connect(press_cancel)
    qtbot.waitUntil(lambda: pane.task is None, timeout=EXPORT_TIMEOUT_MS)

    assert pressed.is_set() and isinstance(task.error, Cancelled)
    assert tree(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]  # the half-written copy is gone
    assert notes[-1] == ("Cancelled: nothing was changed.", False)
    assert pane.status.text() == "Export cancelled; the folder is as it was."
    assert pane.export_button.isEnabled() and pane.open_browser_button.isEnabled()


@pytest.mark.parametrize("trouble", ["full", "read-only"])
def test_a_full_disk_or_read_only_folder_is_one_clear_notification(qtbot, open_window, demo_copy, tmp_path, trouble):
    with small_disk(tmp_path / "disk") as disk:
        out = disk / "site"
        with Project.open(demo_copy) as project:
            export_site(project, out, profile="mobile")
            # an edit since: the export must write (an unchanged project's package is reused as it is)
            model.set_exhibition(project, title_en="Hindustan Jades, second edition")
        before = tree(out)
        shrink_to_fit(disk) if trouble == "full" else make_read_only(disk)
        window, pane, notes = open_publish(qtbot, open_window, demo_copy)
        pane.set_folder(out)
        pane.set_profile("mobile")
        pane.export()
        qtbot.waitUntil(lambda: pane.task is None, timeout=EXPORT_TIMEOUT_MS)

        reason = ("the disk is full (the folder is as it was) (free some space or choose a folder on another "
                  "disk)" if trouble == "full" else "Read-only file system (the folder is as it was) (choose a "
                  "folder you can write to)")
        assert notes[-1] == (f"{out}: cannot write the package: {reason}", True)
        assert pane.status.text() == notes[-1][0]
        assert tree(out) == before
        assert sorted(p.name for p in disk.iterdir()) == ["site"]
        window.close()


def test_screenshot_of_the_publish_pane(qtbot, open_window, demo_copy, tmp_path):
    with chinese_ui(tmp_path, "publish"):
        window, pane, notes = open_publish(qtbot, open_window, demo_copy, "zh")
        pane.set_folder(demo_copy.with_name("site"))
        pane.set_profile("mobile")
        pane.base_url_edit.setText("https://museum.example/yunzhan/")
        pane.zip_box.setChecked(True)
        pane.export()
        qtbot.waitUntil(lambda: pane.task is None, timeout=EXPORT_TIMEOUT_MS)
        assert pane.size_rows()[-1][0] == "合计" and pane.export_button.text() == "导出"
        qtbot.wait(50)  # one round of layout and paint
        SCREENS.mkdir(parents=True, exist_ok=True)
        shot = SCREENS / "publish.png"
        assert window.grab().save(str(shot))
    with Image.open(shot) as im:
        assert len(im.convert("RGB").getcolors(maxcolors=1 << 24)) > 200  # text, table, buttons: not blank
