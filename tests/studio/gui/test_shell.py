"""The studio's shell on real files: start page, projects, dropping a real collection,
search, editing and undoing, preferences and language, About, bad input."""

from __future__ import annotations

import os
import tempfile
import sqlite3
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from assets.catalog import Catalog
from assets.project import Project
from assets.search import search_ids
from studio.gui.about_dialog import AboutDialog
from studio.gui.mapping_dialog import MappingDialog
from studio.gui.record_editor import RecordEditor
from studio.gui.search_worker import SearchWorker
from studio.gui.settings import Settings
from studio.gui.start_page import StartPage

pytestmark = pytest.mark.gui

REALDATA = Path(__file__).resolve().parents[3].parent / "shared" / "realdata"
# Screenshots for people to look at: $YUNZHAN_SCREENSHOTS, else a folder in the temporary directory.
SCREENS = Path(os.environ.get("YUNZHAN_SCREENSHOTS") or Path(tempfile.gettempdir()) / "yunzhan-screens")


def realdata() -> Path:
    if not REALDATA.is_dir():
        pytest.skip(f"real test data not found at {REALDATA} (../shared is absent)")
    return REALDATA


def distinct_colours(path) -> int:
    with Image.open(path) as im:
        return len(im.convert("RGB").getcolors(maxcolors=1 << 24))


def save_screen(widget, name: str, tmp_path) -> Path:
    """Save ``widget``'s picture to SCREENS when that folder can be made, else to tmp_path."""
    try:
        SCREENS.mkdir(parents=True, exist_ok=True)
        target = SCREENS / name
    except OSError:
        target = tmp_path / name
    assert widget.grab().save(str(target))
    return target


def drop(window, *paths: Path) -> None:
    """Drop files on the window as a file manager does: the drag enters, then drops.

    QApplication delivers drop events only during a real drag-and-drop session,
    which the offscreen platform cannot start, so the window's handlers are called
    with the real events here.
    """
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(300, 300), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    window.dropEvent(QDropEvent(QPointF(300, 300), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                                Qt.KeyboardModifier.NoModifier))


def activate(qtbot, window) -> None:
    """Make ``window`` the active window (shortcuts go to the active window; a closed
    dialog leaves none active on the offscreen platform)."""
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


def accept_mapping(qtbot, window, **fields) -> dict[str, str]:
    qtbot.waitUntil(lambda: window.findChild(MappingDialog, "mappingDialog") is not None, timeout=20_000)
    dialog = window.findChild(MappingDialog, "mappingDialog")
    for column, target in fields.items():
        dialog.set_field(column, target)
    mapping = dialog.mapping()
    dialog.accept()
    return mapping


def wait_for_import(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.import_flow.busy, timeout=120_000)


def search(qtbot, pane, text: str) -> None:
    pane.search_box.setText(text)
    qtbot.waitUntil(lambda: pane.model.query == text.strip() and pane.model.rowCount() == pane.model.hit_count,
                    timeout=5000)  # the whole answer, not only its first rows


def import_real_collection(qtbot, window, tmp_path) -> None:
    """The NPM jades (metadata.csv beside 12 photos), then the Shanghai museums' GB18030 CSV."""
    data = realdata() / "collection"
    drop(window, data / "npm_jades")
    mapping = accept_mapping(qtbot, window)
    assert mapping["image_file"] == "media" and mapping["title_zh"] == "title_zh"
    wait_for_import(qtbot, window)
    assert window.notifications.messages()[-1] == (
        "已从 metadata.csv 导入 12 条记录和 12 个媒体文件（12 个已关联藏品，0 个未匹配）。", False)

    window.drop_paths([data / "shanghai_museums_platforms_2020.gb18030.csv"])
    qtbot.waitUntil(lambda: window.findChild(MappingDialog, "mappingDialog") is not None, timeout=20_000)
    dialog = window.findChild(MappingDialog, "mappingDialog")
    assert "gb18030" in dialog.findChild(QLabel, "mappingAbout").text()
    assert dialog.grid.item(1, 0).text() == "上海博物馆"   # the first rows, decoded
    accept_mapping(qtbot, window, 展馆名称="title")          # the user sends the column to the title
    wait_for_import(qtbot, window)
    qtbot.waitUntil(lambda: window.collection.model.rowCount() == 33, timeout=5000)


# -- the start page and projects -----------------------------------------------------------

def test_start_page_new_project_recent_projects_and_title(qtbot, open_window, tmp_path):
    window = open_window(None, "zh")
    assert isinstance(window.centralWidget(), StartPage)
    assert window.windowTitle() == "云展工作室"
    assert window.start_page.demo_button.text() == "打开示例"
    assert window.action_new.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.action_open.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert not window.action_find.isEnabled()

    first, second = tmp_path / "甲.yunzhan", tmp_path / "乙"
    assert window.new_project(first)
    assert window.windowTitle() == "甲.yunzhan — 云展工作室"
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())][0] == "藏品"
    assert window.new_project(second)                  # the suffix is added
    assert window.project.path == tmp_path / "乙.yunzhan"
    window.close_project()
    assert window.start_page.recent_paths() == [tmp_path / "乙.yunzhan", first]
    window.recent_menu.aboutToShow.emit()
    assert [a.text() for a in window.recent_menu.actions()] == [str(tmp_path / "乙.yunzhan"), str(first)]

    window.start_page.recent_list.itemActivated.emit(window.start_page.recent_list.item(1))
    assert window.project is not None and window.project.path == first
    window.close_project()
    qtbot.waitUntil(lambda: window.start_page.recent_list.isVisible(), timeout=3000)
    page = tmp_path / "start-page.png"
    assert window.start_page.grab().save(str(page)) and distinct_colours(page) > 100
    shot = save_screen(window, "start.png", tmp_path)
    assert distinct_colours(shot) > 100  # headings, buttons and the recent list, not a blank window


def test_open_the_demo_builds_it_into_the_data_folder_then_opens_it(qtbot, open_window, tmp_path):
    window = open_window(None, "en")
    window.start_page.demo_button.click()
    assert window.demo_task is not None
    assert window.isEnabled() and window.start_page is not None  # the build runs in the background
    qtbot.waitUntil(lambda: window.project is not None, timeout=180_000)
    assert window.project.path == tmp_path / "studio-data" / "demo" / "demo.yunzhan"
    assert window.windowTitle() == "demo.yunzhan — Yunzhan Studio"
    assert window.collection.model.rowCount() >= 14  # the jades, the mosaic and the scan
    window.close_project()
    window.open_demo()                                   # built once: opens at once
    assert window.project is not None and window.demo_task is None


# -- the real collection through the GUI ---------------------------------------------------------

def test_real_collection_dropped_mapped_searched_and_edited(qtbot, open_window, tmp_path):
    window = open_window(None, "zh")
    assert window.new_project(tmp_path / "藏品.yunzhan")
    import_real_collection(qtbot, window, tmp_path)
    pane = window.collection
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)      # Ctrl+F
    qtbot.waitUntil(pane.search_box.hasFocus, timeout=3000)

    search(qtbot, pane, "上海博物馆")
    with Project.open(window.project.path) as project:
        expected = search_ids(project, "上海博物馆", limit=None)
    assert pane.model.ids() == expected and expected
    search(qtbot, pane, "雙耳碗")
    assert pane.model.rowCount() >= 3
    pane.select_row(0)
    oid = pane.record_view.object_id
    before = pane.record_view.field_text("title_zh")
    assert len(pane.record_view.thumbnails()) == 1          # the jade's own photo, linked by its row

    pane.record_view.edit_button.click()
    editor = window.findChild(RecordEditor, "recordEditor")
    assert editor is not None and editor.isVisible()
    assert editor.editors["title_zh"].text() == before
    editor.set_text("title_zh", "白玉雙耳碗（修订）")
    editor.set_text("title_en", "White jade bowl with two handles (revised)")
    assert editor.save()
    qtbot.waitUntil(lambda: pane.record_view.field_text("title_zh") == "白玉雙耳碗（修订）", timeout=5000)
    assert pane.record_view.field_text("title_en") == "White jade bowl with two handles (revised)"
    with Project.open(window.project.path) as project:
        assert Catalog(project).get(oid).title_zh == "白玉雙耳碗（修订）"
    qtbot.waitUntil(lambda: oid in pane.model.ids() and pane.model.data(
        pane.model.index(pane.model.ids().index(oid), 1)) == "白玉雙耳碗（修订）", timeout=5000)  # still a hit

    pane.search_box.clear()
    qtbot.waitUntil(lambda: pane.model.query == "" and pane.model.rowCount() == 33, timeout=5000)
    pane.select_row(pane.model.ids().index(Catalog(window.project).get("古玉2471").id))
    qtbot.waitUntil(lambda: pane.record_view.findChild(QLabel, "thumbnail") is not None
                    and pane.record_view.findChild(QLabel, "thumbnail").isVisible(), timeout=5000)
    shot = save_screen(window, "collection.png", tmp_path)
    assert distinct_colours(shot) > 1000  # text, the table and a jade's photo


def test_edit_undo_redo_then_reopen_and_undo_the_step_before(qtbot, open_window, tmp_path):
    window = open_window(None, "zh")
    path = tmp_path / "撤销.yunzhan"
    assert window.new_project(path)
    import_real_collection(qtbot, window, tmp_path)
    pane = window.collection
    qtbot.waitUntil(lambda: window.undo.undo_action.isEnabled(), timeout=5000)
    assert window.undo.undo_action.text() == "撤销(&U)：导入藏品"

    plate = Catalog(window.project).get("古玉2471")
    pane.edit_record(plate.id)
    editor = window.findChild(RecordEditor, "recordEditor")
    editor.set_text("title_zh", "花式玉盘")
    assert editor.save()
    qtbot.waitUntil(lambda: window.undo.undo_action.text() == "撤销(&U)：编辑记录", timeout=5000)

    activate(qtbot, window)
    pane.table.setFocus()   # as after a click in the table (in a text box Ctrl+Z undoes typing)
    qtbot.waitUntil(pane.table.hasFocus, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)   # Ctrl+Z
    qtbot.waitUntil(lambda: Catalog(window.project).get(plate.id).title_zh == "花式盤", timeout=10_000)
    qtbot.waitUntil(lambda: window.undo.redo_action.text() == "重做(&R)：编辑记录", timeout=5000)
    qtbot.waitUntil(window.undo.redo_action.isEnabled, timeout=5000)             # the undo task has landed
    window.undo.redo_action.trigger()                                            # Ctrl+Shift+Z
    qtbot.waitUntil(lambda: Catalog(window.project).get(plate.id).title_zh == "花式玉盘", timeout=10_000)
    qtbot.waitUntil(lambda: window.undo.undo_action.isEnabled(), timeout=5000)

    window.close()                                       # tomorrow: a new window on the same file
    again = open_window(path, "zh")
    assert again.undo.undo_action.text() == "撤销(&U)：编辑记录"
    again.undo.undo_action.trigger()
    qtbot.waitUntil(lambda: again.undo.undo_action.text() == "撤销(&U)：导入藏品", timeout=10_000)
    qtbot.waitUntil(again.undo.undo_action.isEnabled, timeout=5000)
    again.undo.undo_action.trigger()                     # the step before: the Shanghai import
    qtbot.waitUntil(lambda: again.collection.model.rowCount() == 12, timeout=15_000)
    assert Catalog(again.project).get("古玉2471").title_zh == "花式盤"


def test_search_worker_delivers_only_the_newest_query(qtbot, cjk_app, demo_path):
    worker = SearchWorker(demo_path)
    found = []
    worker.found.connect(lambda query, ids, hits, complete: found.append((query, ids, hits, complete)))
    for partial in ("青", "青铜", "瓷"):                 # typed fast: only the last answer counts
        worker.ask(partial)
    qtbot.waitUntil(lambda: bool(found) and found[-1][3], timeout=5000)
    qtbot.wait(200)
    worker.close()
    with Project.open(demo_path) as project:
        expected = search_ids(project, "瓷", limit=None)
    assert found == [("瓷", expected, len(expected), True)]


def test_a_broad_query_shows_its_first_rows_then_the_rest(qtbot, cjk_app, tmp_path):
    from assets.catalog import CatalogObject
    from studio.gui.search_worker import FIRST_ROWS

    path = tmp_path / "many.yunzhan"
    with Project.create(path) as project:
        Catalog(project).upsert_many((f"row {i}", CatalogObject(accession=f"B-{i:05d}", title_zh=f"青瓷 {i}"))
                                     for i in range(3 * FIRST_ROWS))
    worker = SearchWorker(path)
    found = []
    worker.found.connect(lambda query, ids, hits, complete: found.append((ids, hits, complete)))
    worker.ask("瓷")
    qtbot.waitUntil(lambda: bool(found) and found[-1][2], timeout=5000)
    worker.close()
    (first, hits, done), (every, total, finished) = found
    assert (len(first), hits, done) == (FIRST_ROWS, 3 * FIRST_ROWS, False)
    assert (len(every), total, finished) == (3 * FIRST_ROWS, 3 * FIRST_ROWS, True)
    assert every[:FIRST_ROWS] == first


# -- preferences, language, About --------------------------------------------------------------

def test_preferences_switch_to_chinese_at_once_and_are_remembered(qtbot, open_window, demo_path, monkeypatch):
    monkeypatch.delenv("YUNZHAN_LANG", raising=False)
    window = open_window(demo_path, "en")
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Edit", "&View", "&Help"]
    dialog = window.show_preferences()
    dialog.language.setCurrentIndex(dialog.language.findData("zh"))
    dialog.profile.setCurrentIndex(dialog.profile.findData("kiosk"))
    dialog.ffmpeg.setText("/usr/bin/ffmpeg")
    dialog.accept()

    assert [a.text() for a in window.menuBar().actions()] == ["文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"]
    assert window.windowTitle() == "demo.yunzhan — 云展工作室"
    assert window.tabs.tabText(0) == "藏品"
    model = window.collection.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "编号", "名称", "作者", "年代", "文化", "材质"]
    assert window.collection.search_box.placeholderText() == "搜索：瓷、青铜、作者:张…"
    assert window.notifications.windowTitle() == "通知"
    settings = Settings()
    assert (settings.language(), settings.export_profile(), settings.ffmpeg_path()) == ("zh", "kiosk",
                                                                                        "/usr/bin/ffmpeg")
    window.close()

    fresh = open_window(None, language=None)                 # the next start speaks Chinese
    assert fresh.windowTitle() == "云展工作室"
    assert fresh.start_page.new_button.text() == "新建项目…"


def test_about_shows_the_versions_and_asks_ffmpeg_in_the_background(qtbot, open_window):
    from PySide6 import __version__ as pyside
    from PySide6.QtCore import qVersion

    window = open_window(None, "en")
    dialog = window.show_about()
    assert isinstance(dialog, AboutDialog)
    assert dialog.versions["Qt"] == qVersion() and dialog.versions["PySide6"] == pyside
    assert dialog.versions["VTK"][0].isdigit() and dialog.versions["pyvista"][0].isdigit()
    qtbot.waitUntil(lambda: "(" in dialog.ffmpeg_label.text(), timeout=15_000)
    assert dialog.ffmpeg_label.text()[0].isdigit()    # "5.1.6-0+deb12u1 (/usr/bin/ffmpeg)"
    dialog.close()


# -- bad input -------------------------------------------------------------------------------------

def test_unsupported_drops_are_named_and_change_nothing(qtbot, open_window, tmp_path):
    window = open_window(None, "en")
    stray = tmp_path / "notes.docx"
    stray.write_bytes(b"PK\x03\x04 not for the catalog")
    drop(window, stray)
    assert window.notifications.messages()[-1] == ("Open or create a project first, then import into it.", True)

    assert window.new_project(tmp_path / "p.yunzhan")
    drop(window, stray)
    assert window.notifications.messages()[-1] == (
        f"{stray}: not a table of records or a media file Yunzhan can import "
        "(tables: .csv .tsv .json; images, audio, glTF models)", True)
    assert not window.import_flow.busy

    broken = tmp_path / "A-1.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 truncated")
    drop(window, broken)
    wait_for_import(qtbot, window)
    text, is_error = window.notifications.messages()[-1]
    assert is_error and str(broken) in text
    assert Catalog(window.project).count() == 0
    item = window.notifications.list.item(window.notifications.list.count() - 1)
    assert item.background().color().red() > item.background().color().blue()  # errors stand out


@pytest.mark.parametrize("damage", ["newer", "truncated"])
def test_a_newer_or_damaged_project_is_refused_with_a_dialog_naming_it(qtbot, open_window, tmp_path, damage):
    path = tmp_path / f"{damage}.yunzhan"
    Project.create(path).close()
    if damage == "newer":
        with sqlite3.connect(path) as db:
            db.execute("PRAGMA user_version = 999")
        db.close()
    else:
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2 + 100])
    window = open_window(None, "en")
    assert not window.open_project(path)
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and str(path) in box.text()
    assert ("newer Yunzhan" in box.text()) if damage == "newer" else ("damaged" in box.text())
    text, is_error = window.notifications.messages()[-1]
    assert is_error and str(path) in text
    assert window.project is None and window.start_page is not None
    box.close()


def test_closing_the_window_during_an_import_keeps_the_project_whole(qtbot, open_window, tmp_path):
    window = open_window(None, "en")
    path = tmp_path / "closing.yunzhan"
    assert window.new_project(path)
    drop(window, realdata() / "collection" / "npm_jades")
    accept_mapping(qtbot, window)
    assert window.import_flow.busy
    window.close()                          # at once, the import still running or just done
    assert window.project is None
    with Project.open(path) as project:     # all of the import or none of it
        assert Catalog(project).count() in (0, 12)
        assert project.integrity_check() == []


def test_a_bug_in_the_window_is_one_notification_with_a_crash_log(qtbot, open_window, tmp_path, monkeypatch):
    """The last line of defence: an exception escaping a slot (a bug, not a user's
    mistake) is one line in the notifications area; the traceback goes to a log file."""
    import sys

    from PySide6.QtCore import QTimer

    from studio.gui.app import install_last_line_of_defence

    monkeypatch.setenv("YUNZHAN_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    window = open_window(None, "en")
    install_last_line_of_defence(window)

    def broken_slot():
        raise KeyError("x")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: any("Internal error: KeyError" in text for text, _ in window.notifications.messages()),
                    timeout=5000)
    logs = list((tmp_path / "logs").glob("crash-*.log"))
    assert len(logs) == 1 and "broken_slot" in logs[0].read_text(encoding="utf-8")
    line = next(text for text, _ in window.notifications.messages() if "Internal error" in text)
    assert "\n" not in line and str(logs[0]) in line
