"""The Tours pane on a copy of the demo project, driven offscreen with pytest-qt:
drag stops and tours, edit titles, the default tour and a stop's hall, view and object;
see edits made elsewhere at once."""

from __future__ import annotations

import dataclasses
import os
import tempfile
import shutil
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from assets import history
from assets.project import Project
from scenes import model
from tests.studio.gui.translated import chinese_ui

pytestmark = pytest.mark.gui

# Screenshots for people to look at: $YUNZHAN_SCREENSHOTS, else a folder in the temporary directory.
SCREENS = Path(os.environ.get("YUNZHAN_SCREENSHOTS") or Path(tempfile.gettempdir()) / "yunzhan-screens")
N = " — narration"  # a stop with a narration clip (the demo speaks every stop of its tour)


@pytest.fixture
def demo_copy(demo_path, tmp_path) -> Path:
    """A copy of the demo project (and its tile cache) that a test may edit."""
    target = tmp_path / "demo.yunzhan"
    shutil.copyfile(demo_path, target)
    cache = demo_path.with_name(demo_path.name + ".cache")
    if cache.is_dir():
        shutil.copytree(cache, target.with_name(target.name + ".cache"))
    return target


def open_tours(qtbot, open_window, path, language="en"):
    window = open_window(path, language)
    pane = window.panes["tours"]
    window.tabs.setCurrentWidget(pane)
    qtbot.waitUntil(pane.isVisible, timeout=3000)
    return window, pane


def stored_halls(path, tour="highlights") -> list[str]:
    with Project.open(path) as project:
        return [s.hall for s in model.get_tour(project, tour).stops]


def tick(box) -> QPoint:
    """Where a check box's box is (its centre may lie past the end of its text)."""
    return QPoint(8, box.height() // 2)


def drag_row(qtbot, view, from_row: int, to_row: int) -> None:
    """Drag row ``from_row`` of a list onto the lower half of row ``to_row`` (or the
    upper half when moving up), as a mouse would: press on the row, then the drag's
    enter, move and drop events at the target on the list's viewport.

    Qt's platform drag loop (QDrag.exec) returns at once offscreen, so the drag events
    are sent the way that loop would send them; everything after is the real code.
    """
    start = view.visualItemRect(view.item(from_row)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    assert view.currentRow() == from_row
    rect = view.visualItemRect(view.item(to_row))
    target = QPointF(rect.center().x(), rect.bottom() - 2 if to_row > from_row else rect.top() + 2)
    mime: QMimeData = view.mimeData([view.item(from_row)])  # what the list's own drag carries
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    viewport = view.viewport()
    for event in (QDragEnterEvent(target.toPoint(), Qt.DropAction.MoveAction, mime, buttons, mods),
                  QDragMoveEvent(target.toPoint(), Qt.DropAction.MoveAction, mime, buttons, mods)):
        QApplication.sendEvent(viewport, event)
        assert event.isAccepted()
    QApplication.sendEvent(viewport, QDropEvent(target, Qt.DropAction.MoveAction, mime, buttons, mods))


def test_dragging_a_stop_stores_the_new_order(qtbot, open_window, demo_copy):
    window, pane = open_tours(qtbot, open_window, demo_copy)
    assert pane.stop_texts() == [  # the demo speaks every stop (N: the stop has a narration clip)
        f"1. 序厅 · Entrance hall{N}", f"2. 玉盘厅 · Gallery of jade plates{N}", f"3. 玉碗厅 · Gallery of jade bowls and cups{N}"]

    drag_row(qtbot, pane.stop_list, 0, 2)  # the entrance hall becomes the last stop

    assert stored_halls(demo_copy) == ["plates", "bowls", "lobby"]
    assert pane.stop_texts() == [
        f"1. 玉盘厅 · Gallery of jade plates{N}", f"2. 玉碗厅 · Gallery of jade bowls and cups{N}", f"3. 序厅 · Entrance hall{N}"]
    assert pane.stop_list.currentRow() == 2  # the moved stop stays selected
    assert pane.tour_texts()[0].endswith(
        "玉盘厅 · Gallery of jade plates → 玉碗厅 · Gallery of jade bowls and cups → 序厅 · Entrance hall")

    drag_row(qtbot, pane.stop_list, 2, 1)  # and back up one place
    assert stored_halls(demo_copy) == ["plates", "lobby", "bowls"]
    drag_row(qtbot, pane.stop_list, 1, 1)  # dropped where it was: nothing to store
    assert stored_halls(demo_copy) == ["plates", "lobby", "bowls"]

    # Each drag is one undoable step; undoing redraws the list from the model.
    project = window.studio.project
    assert history.next_undo(project).label == "reorder tour stops"
    history.undo(project)
    qtbot.waitUntil(lambda: pane.stop_texts()[1] == f"2. 玉碗厅 · Gallery of jade bowls and cups{N}", timeout=2000)
    assert stored_halls(demo_copy) == ["plates", "bowls", "lobby"]


def test_dragging_a_tour_and_editing_titles_and_the_default(qtbot, open_window, demo_copy):
    window, pane = open_tours(qtbot, open_window, demo_copy)
    assert pane.add_tour()
    assert pane.slug_label.text() == "tour"
    pane.title_en.setFocus()
    qtbot.keyClicks(pane.title_en, "Children's trail")
    qtbot.keyClick(pane.title_en, Qt.Key.Key_Return)
    qtbot.mouseClick(pane.default_box, Qt.MouseButton.LeftButton, pos=tick(pane.default_box))
    assert pane.add_stop() and pane.add_stop()
    with Project.open(demo_copy) as project:
        ex = model.load_exhibition(project)
    assert [(t.slug, t.title_en) for t in ex.tours] == [
        ("highlights", "Highlights tour"), ("tour", "Children's trail")]
    assert ex.default_tour == "tour" and [s.hall for s in ex.tour("tour").stops] == ["lobby", "plates"]
    assert pane.tour_texts() == [
        "精品导览 · Highlights tour\n序厅 · Entrance hall → 玉盘厅 · Gallery of jade plates → 玉碗厅 · Gallery of jade bowls and cups",
        "★ Children's trail\n序厅 · Entrance hall → 玉盘厅 · Gallery of jade plates"]

    drag_row(qtbot, pane.tour_list, 1, 0)
    with Project.open(demo_copy) as project:
        assert [t.slug for t in model.list_tours(project)] == ["tour", "highlights"]
    assert pane.current_tour().slug == "tour" and pane.tour_texts()[0].startswith("★ Children's trail")

    assert pane.remove_tour()
    with Project.open(demo_copy) as project:
        ex = model.load_exhibition(project)
    assert [t.slug for t in ex.tours] == ["highlights"] and ex.default_tour is None


def test_a_stop_s_hall_view_and_object(qtbot, open_window, demo_copy):
    window, pane = open_tours(qtbot, open_window, demo_copy)
    messages = []
    window.studio.notified.connect(lambda text, error: messages.append((text, error)))
    pane.stop_list.setCurrentRow(1)
    editor = pane.stop_editor
    assert editor.hall_box.currentData() == "plates"
    # the jades hung in the gallery of plates are offered for the stop
    offered = [editor.object_box.itemData(n) for n in range(editor.object_box.count())]
    assert offered == [None, "古玉2471", "古玉2472", "古玉3231", "古玉3238", "古玉3861", "古玉3878"]

    editor.object_box.setFocus()
    for _ in range(2):  # the keyboard picks the second object offered
        qtbot.keyClick(editor.object_box, Qt.Key.Key_Down)
    qtbot.mouseClick(editor.own_view, Qt.MouseButton.LeftButton, pos=tick(editor.own_view))  # starts from the hall's own start view
    editor.yaw.setFocus()
    editor.yaw.selectAll()
    qtbot.keyClicks(editor.yaw, "35")
    qtbot.keyClick(editor.yaw, Qt.Key.Key_Return)
    with Project.open(demo_copy) as project:
        stop = model.get_tour(project, "highlights").stops[1]
    assert dataclasses.replace(stop, narration_sha=None) == model.TourStop(
        "plates", None, model.View(35.0, 0.0, 90.0), "古玉2472")
    assert pane.stop_texts()[1] == f"2. 玉盘厅 · Gallery of jade plates — view 35°, 0°, 90° — object 古玉2472{N}"

    # a number that is not in the catalog: one clear notification, nothing changed
    editor.object_box.setEditText("NO.1")
    qtbot.keyClick(editor.object_box.lineEdit(), Qt.Key.Key_Return)
    assert messages[-1] == (f"{demo_copy}: tour 'highlights' stop 2: no catalog object 'NO.1' "
                            "(see 'yunzhan search PROJECT' for the objects and their accession numbers)", True)
    assert editor.object_box.currentData() == "古玉2472"  # the editor shows the model again

    editor.hall_box.setFocus()
    qtbot.keyClick(editor.hall_box, Qt.Key.Key_Down)  # the next hall: the gallery of bowls
    with Project.open(demo_copy) as project:
        stop = model.get_tour(project, "highlights").stops[1]
    assert (stop.hall, stop.view, stop.object_accession) == ("bowls", None, "古玉2472")
    assert not editor.yaw.isEnabled()

    assert pane.remove_stop()
    assert stored_halls(demo_copy) == ["lobby", "bowls"]


def test_a_hall_renamed_elsewhere_shows_in_the_tour_list_at_once(qtbot, open_window, demo_copy):
    window, pane = open_tours(qtbot, open_window, demo_copy)
    model.update_hall(window.studio.project, "plates", title_zh="莲瓣玉盘厅")  # as the Halls pane does
    qtbot.waitUntil(lambda: "莲瓣玉盘厅" in pane.tour_texts()[0], timeout=2000)
    assert pane.tour_texts()[0].splitlines()[1] == (
        "序厅 · Entrance hall → 莲瓣玉盘厅 · Gallery of jade plates → 玉碗厅 · Gallery of jade bowls and cups")
    assert pane.stop_texts()[1] == f"2. 莲瓣玉盘厅 · Gallery of jade plates{N}"

    with Project.open(demo_copy) as other:  # another connection: a worker thread, the command line
        model.update_tour(other, "highlights", title_zh="名品导览")
    qtbot.waitUntil(lambda: pane.tour_texts()[0].startswith("★ 名品导览"), timeout=2000)
    assert pane.title_zh.text() == "名品导览"


def test_screenshot_of_the_tours_pane(qtbot, open_window, demo_copy, tmp_path):
    with Project.open(demo_copy) as project:
        model.add_tour(project, slug="bronzes", title_zh="青铜小径", title_en="Bronze trail",
                       stops=[model.TourStop("plates", view=model.View(35, -6, 70), object_accession="古玉3231"),
                              "lobby"])
        model.set_stop_view(project, "highlights", 1, model.View(-35, -6, 75))
        model.set_stop_object(project, "highlights", 1, "古玉2471")
    with chinese_ui(tmp_path, "tours"):
        window, pane = open_tours(qtbot, open_window, demo_copy, "zh")
        pane.stop_list.setCurrentRow(1)
        assert pane.add_tour_button.text() == "添加导览"
        assert pane.stop_texts()[1] == (
            "2. 玉盘厅 · Gallery of jade plates — 视角 -35°，-6°，75° — 展品 古玉2471 — 解说")
        qtbot.waitUntil(lambda: pane.stop_editor.isVisible(), timeout=3000)
        qtbot.wait(50)  # one round of layout and paint
        SCREENS.mkdir(parents=True, exist_ok=True)
        shot = SCREENS / "tours.png"
        assert window.grab().save(str(shot))
    with Image.open(shot) as im:
        colours = im.convert("RGB").getcolors(maxcolors=1 << 24)
    assert len(colours) > 300  # text in two scripts, lists and fields: not a blank pane
