"""The studio's Collection pane, driven offscreen with pytest-qt on real project files."""

from __future__ import annotations

import io
import sys

import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from assets.catalog import Catalog, CatalogObject
from assets.media_store import MediaStore, sha256_file
from assets.project import Project
from assets.search import count, search_ids
from studio.gui.i18n import choose_language
from studio.gui.mapping_dialog import MappingDialog

pytestmark = pytest.mark.gui


def shown_column(model, column: int) -> list[str]:
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def type_text(qtbot, widget, text: str) -> None:
    """Type like a user: Latin keys as key presses, Chinese as input-method commits.

    Chinese reaches a widget from an input method as a committed string, and Qt's
    QTest.keyClicks aborts on characters outside Latin-1 (qasciikey.cpp).
    """
    for char in text:
        if ord(char) < 128:
            qtbot.keyClicks(widget, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QCoreApplication.sendEvent(widget, event)


def search(qtbot, window, text: str) -> None:
    """Type ``text`` into the search box and wait for the debounced search to land."""
    pane = window.collection
    pane.search_box.clear()
    pane.search_box.setFocus()
    type_text(qtbot, pane.search_box, text)
    assert pane.search_box.text() == text
    qtbot.waitUntil(lambda: pane.model.query == text.strip() and pane.model.rowCount() == pane.model.hit_count,
                    timeout=3000)  # the whole answer, not only its first rows


def distinct_colours(path) -> int:
    with Image.open(path) as im:
        return len(im.convert("RGB").getcolors(maxcolors=1 << 24))


# -- searching and the record view -------------------------------------------------------

def test_chinese_search_shows_the_hits_and_the_record_with_a_thumbnail(qtbot, open_window, demo_path, tmp_path):
    window = open_window(demo_path, "zh")
    pane = window.collection
    with Project.open(demo_path) as project:
        everything = Catalog(project).ids()
        expected = search_ids(project, "玉", limit=None)
        hits = count(project, "玉")
        catalog = Catalog(project)
        accessions = [obj.accession for obj in catalog.rows(expected)]
        first = catalog.get(expected[0])
        thumb = MediaStore(project).get_derived(first.media[0], "thumb.jpg")
    assert pane.model.rowCount() == len(everything)
    assert pane.status_text() == f"共 {len(everything):,} 件藏品"

    search(qtbot, window, "玉")

    assert len(expected) == hits >= 12  # the demo's jades
    assert pane.model.ids() == expected
    assert shown_column(pane.model, 0) == accessions
    assert pane.status_text() == f"“玉”：找到 {hits} 件藏品"

    pane.select_row(0)
    view = pane.record_view
    assert view.field_text("title_zh") == first.title_zh == "玉小爵杯"
    assert view.field_text("title_en") == first.title_en == "Jade small jue cup"
    assert view.heading() == "玉小爵杯"
    thumbnails = view.thumbnails()
    assert len(thumbnails) == 1 and not thumbnails[0].isNull()
    with Image.open(io.BytesIO(thumb)) as im:
        assert (thumbnails[0].width(), thumbnails[0].height()) == im.size

    qtbot.waitUntil(lambda: view.findChild(QLabel, "thumbnail").isVisible(), timeout=3000)
    shot = tmp_path / "collection-zh.png"
    assert window.grab().save(str(shot))
    assert distinct_colours(shot) > 1000  # text, the table and a photo, not a blank window


def test_field_search_and_clearing_the_box_shows_everything_again(qtbot, open_window, demo_path):
    window = open_window(demo_path, "zh")
    pane = window.collection
    with Project.open(demo_path) as project:
        expected = search_ids(project, "材质:软玉", limit=None)
        total = Catalog(project).count()
    search(qtbot, window, "材质:软玉")
    assert pane.model.ids() == expected and expected
    assert all("软玉" in text for text in shown_column(pane.model, 5))

    pane.search_box.clear()
    qtbot.waitUntil(lambda: pane.model.query == "" and pane.model.rowCount() == total, timeout=3000)
    assert pane.record_view.heading() == "选择一件藏品以查看其记录。"

    # The box follows the model, and pulling the text in does not search again.
    resets = []
    pane.model.modelReset.connect(lambda: resets.append(pane.model.query))
    pane.model.set_query("玉")
    assert pane.search_box.text() == "玉"
    qtbot.wait(400)  # longer than the search delay: a looping search would have run
    assert resets == ["玉"]


def test_english_interface_from_yunzhan_lang(qtbot, open_window, demo_path, monkeypatch, tmp_path):
    monkeypatch.setenv("YUNZHAN_LANG", "en")
    window = open_window(demo_path, language=None)
    pane = window.collection
    model = pane.model
    assert window.menuBar().actions()[0].text() == "&File"
    assert [model.headerData(c, Qt.Orientation.Horizontal)
            for c in range(model.columnCount())] == ["Accession", "Title", "Maker", "Date", "Culture", "Medium"]

    search(qtbot, window, "玉")
    with Project.open(demo_path) as project:
        objects = Catalog(project).rows(search_ids(project, "玉", limit=None))
    assert shown_column(model, 1) == [o.title_en or o.title_zh for o in objects]
    assert pane.status_text() == f"{len(objects)} objects match “玉”"
    pane.select_row(0)
    assert pane.record_view.heading() == "Jade small jue cup"
    assert window.grab().save(str(tmp_path / "collection-en.png"))


def test_language_choice():
    assert choose_language("en", "zh_CN") == "en"
    assert choose_language("ZH", "en_US") == "zh"
    assert choose_language(None, "zh_TW") == "zh"
    assert choose_language("fr", "de_DE") == "en"
    assert choose_language(None, "en_US", "zh") == "zh"      # the preference beats the locale
    assert choose_language("en", "zh_CN", "zh") == "en"      # $YUNZHAN_LANG beats the preference


# -- 100,000 objects ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def big_project_path(tmp_path_factory):
    """A project with 100,000 generated objects, written in one upsert_many call."""
    path = tmp_path_factory.mktemp("big") / "big.yunzhan"
    materials = ["瓷", "青铜", "玉", "陶", "漆"]
    with Project.create(path) as project:
        Catalog(project).upsert_many(
            (f"generated {i}", CatalogObject(
                accession=f"G-{i:06d}", title_zh=f"{materials[i % 5]}器 第{i}号", title_en=f"Object {i}",
                maker=f"Workshop {i % 97}", date_text="清", culture="清", medium=materials[i % 5]))
            for i in range(100_000))
    return path


def test_a_hundred_thousand_objects_fetch_only_the_pages_on_screen(qtbot, open_window, big_project_path,
                                                                 monkeypatch):
    requested: list[int] = []
    real_rows = Catalog.rows

    def counting_rows(self, ids):  # the real query, counted
        requested.append(len(ids))
        return real_rows(self, ids)

    monkeypatch.setattr(Catalog, "rows", counting_rows)
    window = open_window(big_project_path, "zh")
    pane = window.collection
    model = pane.model
    qtbot.wait(50)

    assert model.rowCount() == 100_000
    assert pane.status_text() == "共 100,000 件藏品"
    assert 1 <= len(requested) <= 2 and sum(requested) <= 2 * model.page_size
    assert model.page_fetches == len(requested)

    fetched_at_top = len(requested)
    pane.table.scrollToBottom()
    qtbot.waitUntil(lambda: pane.table.rowAt(pane.table.viewport().height() - 2) == 99_999, timeout=3000)
    qtbot.waitUntil(lambda: len(requested) > fetched_at_top, timeout=3000)  # the repaint read the last page
    assert model.data(model.index(99_999, 0)) == "G-099999"
    assert model.data(model.index(99_999, 1)) == "漆器 第99999号"  # 99999 % 5 == 4
    assert len(requested) <= 4 and sum(requested) <= 4 * model.page_size

    for row in range(0, 100_000, 2_000):  # visit 50 pages: the cache stays bounded
        model.object_at(row)
    assert model.cached_pages == model.max_pages

    pane.select_row(99_999)
    assert pane.record_view.field_text("accession") == "G-099999"
    assert pane.record_view.field_text("title_en") == "Object 99999"
    assert pane.record_view.thumbnails() == []
    assert pane.record_view.findChild(QLabel, "noMedia").text() == "暂无图像"


def test_search_over_a_hundred_thousand_objects(qtbot, open_window, big_project_path):
    window = open_window(big_project_path, "zh")
    pane = window.collection
    search(qtbot, window, "青铜")
    assert pane.model.rowCount() == 20_000
    assert pane.status_text() == "“青铜”：找到 20,000 件藏品"
    assert pane.model.page_fetches <= 2


# -- the File menu: new, import, errors, cancel ------------------------------------------

def photo(path, colour):
    Image.new("RGB", (640, 480), colour).save(path, quality=90)
    return path


def accept_mapping(qtbot, window, **fields) -> MappingDialog:
    """Wait for the column-mapping dialog, send columns to ``fields``, press Import."""
    qtbot.waitUntil(lambda: window.findChild(MappingDialog, "mappingDialog") is not None, timeout=10_000)
    dialog = window.findChild(MappingDialog, "mappingDialog")
    for column, target in fields.items():
        dialog.set_field(column, target)
    mapping = dialog.mapping()
    dialog.accept()
    return mapping


def wait_for_import(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.import_flow.busy, timeout=60_000)


def last_message(window) -> tuple[str, bool]:
    return window.notifications.messages()[-1]


def test_new_project_then_import_records_and_media(qtbot, open_window, tmp_path):
    window = open_window(None, "zh")
    assert not window.action_import_records.isEnabled() and not window.action_import_media.isEnabled()
    target = tmp_path / "新项目.yunzhan"
    assert window.new_project(target)
    assert window.windowTitle() == "新项目.yunzhan — 云展工作室"
    pane = window.collection
    assert pane.model.rowCount() == 0
    assert window.action_import_records.isEnabled()

    table = tmp_path / "records.csv"
    table.write_text("编号,名称,title_en,材质\nA-1,青花瓷盘,Blue-and-white dish,瓷\nA-2,铜镜,Bronze mirror,青铜\n"
                     "A-3,玉璧,Jade disc,玉\n", encoding="utf-8")
    assert window.import_records(table)
    assert accept_mapping(qtbot, window) == {"编号": "accession", "名称": "title", "title_en": "title_en",
                                             "材质": "medium"}
    wait_for_import(qtbot, window)
    assert last_message(window) == ("已从 records.csv 导入 3 条记录。", False)
    qtbot.waitUntil(lambda: shown_column(window.collection.model, 0) == ["A-1", "A-2", "A-3"], timeout=5000)

    files = [photo(tmp_path / "A-2_front.jpg", (160, 110, 60)), photo(tmp_path / "unrelated.jpg", (10, 20, 30))]
    assert window.import_media(files)
    wait_for_import(qtbot, window)
    assert last_message(window) == ("已导入 2 个媒体文件（1 个已关联藏品，1 个未匹配）。", False)
    window.collection.select_row(1)
    view = window.collection.record_view
    assert view.field_text("title_zh") == "铜镜"
    assert len(view.thumbnails()) == 1


def test_cancel_in_the_task_panel_stops_the_import_and_keeps_nothing(qtbot, open_window, tmp_path):
    path = tmp_path / "cancel.yunzhan"
    with Project.create(path) as project:
        for i in range(12):
            Catalog(project).add(CatalogObject(accession=f"C-{i}", title_zh=f"藏品{i}"))
    files = []
    for i in range(12):
        files.append(tmp_path / f"C-{i}.jpg")
        Image.effect_noise((2400, 1800), 40 + i).convert("RGB").save(files[-1], quality=92)
    window = open_window(path, "zh")

    clicked = []

    def press_cancel_once_work_is_under_way():  # what a user does: click Cancel in the task panel
        button = window.task_panel.findChild(QPushButton, "taskCancel")
        if button is not None and not clicked:
            button.click()
            clicked.append(True)

    timer = QTimer(window)
    timer.setInterval(0)
    timer.timeout.connect(press_cancel_once_work_is_under_way)
    timer.start()
    assert window.import_media(files)
    wait_for_import(qtbot, window)
    timer.stop()

    assert clicked
    assert last_message(window) == ("已取消，未做任何更改。", False)
    assert window.findChild(QMessageBox) is None  # a cancel is not an error
    with Project.open(path) as project:
        assert [Catalog(project).get(f"C-{i}").media for i in range(12)] == [[]] * 12
        assert MediaStore(project).get_derived(sha256_file(files[0]), "thumb.jpg") is None


def test_a_bad_project_file_shows_one_error_box(qtbot, open_window, tmp_path):
    # The error box is opened non-modally by the one GUI handler, so the test reads
    # the real box: no mock of the display.
    bad = tmp_path / "x.yunzhan"
    bad.write_text("just some text, not a project\n", encoding="utf-8")
    window = open_window(None, "en")
    assert not window.open_project(bad)
    boxes = window.findChildren(QMessageBox)
    assert len(boxes) == 1
    assert boxes[0].text() == f"{bad}: not a Yunzhan project (not an SQLite database)"
    assert boxes[0].isVisible()
    assert window.collection is None and window.start_page is not None
    assert last_message(window) == (f"{bad}: not a Yunzhan project (not an SQLite database)", True)
    boxes[0].close()


def test_command_line_opens_the_project(qtbot, cjk_app, demo_path):
    from studio.gui.app import make_window

    window = make_window([str(demo_path)])
    qtbot.addWidget(window)
    assert window.project is not None and window.project.path == demo_path
    assert window.collection.model.rowCount() > 0
    window.action_quit.trigger()
    assert not window.isVisible() and window.project is None


def test_cjk_font_fallback_is_installed(cjk_app):
    from PySide6.QtGui import QFontDatabase

    from studio.gui.app import use_cjk_fallback

    if "Noto Sans CJK SC" not in QFontDatabase.families():
        pytest.skip("fonts-noto-cjk is not installed")
    assert use_cjk_fallback(cjk_app)[0] == "Noto Sans CJK SC"
    assert "Noto Sans CJK SC" in cjk_app.font().families()


def test_qt_calls_that_return_nothing_keep_none_alive(cjk_app):
    """PySide6 6.12.0 dropped a reference to None on each void call and aborted
    Python 3.11 within seconds; the pinned release must not."""
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("云展")
    assert sys.getrefcount(None) >= before - 50
    label.deleteLater()
