"""The Virtual hall pane on a real project file (pytest-qt, offscreen, no OpenGL):
pictures dragged with the mouse along a wall and onto another wall, never over a
neighbour; plinths dragged on the floor and kept inside; the room changed from the
form; each edit stored, undone with Edit → Undo, and shown again."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from assets.project import Project
from scenes import virtual_halls as vh

pytestmark = pytest.mark.gui

# Screenshots for people to look at: $YUNZHAN_SCREENSHOTS, else a folder in the temporary directory.
SCREENS = Path(os.environ.get("YUNZHAN_SCREENSHOTS") or Path(tempfile.gettempdir()) / "yunzhan-screens")


@pytest.fixture(scope="module")
def hall_file(tmp_path_factory):
    """8 paintings and 2 box models hung by the generator in a 12 × 8 m room."""
    from tests.scenes.vhall_sample import make_sample

    return make_sample(tmp_path_factory.mktemp("vhall-gui"), 8, name="hall.yunzhan", slug="gallery",
                       title_zh="画廊", width=12, depth=8)


@pytest.fixture
def hall_path(hall_file, tmp_path):
    import shutil

    path = tmp_path / "hall.yunzhan"
    shutil.copy(hall_file, path)
    return path


def stored(path: Path) -> vh.VirtualHall:
    with Project.open(path) as p:
        return vh.get_hall(p, "gallery")


def item(hall: vh.VirtualHall, item_id: int) -> vh.Item:
    return next(i for i in hall.items if i.id == item_id)


def along(hall: vh.VirtualHall, i: vh.Item) -> float:
    return vh.along_wall(hall.width, hall.depth, i.wall, i.x, i.z)


def drag(qtbot, view, start: QPointF, end: QPointF, steps: int = 8) -> None:
    widget = view.viewport()
    a, b = QPoint(round(start.x()), round(start.y())), QPoint(round(end.x()), round(end.y()))
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=a)
    for n in range(1, steps + 1):
        qtbot.mouseMove(widget, QPoint(a.x() + (b.x() - a.x()) * n // steps, a.y() + (b.y() - a.y()) * n // steps))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=b)


def open_editor(qtbot, open_window, path, language="en"):
    window = open_window(path, language)
    window.resize(1280, 820)
    pane = window.panes["vhall"]
    window.tabs.setCurrentWidget(pane)
    qtbot.waitUntil(lambda: pane.view.isVisible() and bool(pane.view.items_by_id), timeout=10_000)
    pane.view.fit()
    return window, pane


def redrawn(qtbot, view, path: Path, item_id: int) -> vh.Item:
    """Wait until the plan shows work ``item_id`` where the project has it (after an edit's change event)."""
    def shown() -> bool:
        work, now = view.items_by_id.get(item_id), item(stored(path), item_id)
        return work is not None and (work.item["x"], work.item["z"]) == (now.x, now.z)
    qtbot.waitUntil(shown, timeout=5000)
    return item(stored(path), item_id)


def metres_per_pixel(view) -> float:
    return 1.0 / (view.viewport_point(1, 0).x() - view.viewport_point(0, 0).x())


def assert_no_overlaps(hall: vh.VirtualHall) -> None:
    for wall in vh.WALLS:
        spans = sorted((along(hall, i) - i.width / 2, along(hall, i) + i.width / 2) for i in hall.items
                       if i.wall == wall)
        length = vh.wall_length(hall.width, hall.depth, wall)
        assert all(a >= vh.EDGE - 1e-9 and b <= length - vh.EDGE + 1e-9 for a, b in spans)
        assert all(spans[n][1] + vh.EDGE <= spans[n + 1][0] + 1e-9 for n in range(len(spans) - 1)), wall


def test_dragging_a_picture_along_its_wall_and_onto_another_is_stored_and_undone(qtbot, open_window, hall_path):
    window, pane = open_editor(qtbot, open_window, hall_path)
    view, before = pane.view, stored(hall_path)
    north = sorted((i for i in before.items if i.wall == "north"), key=lambda i: i.x)
    picture = north[0]
    # Along its wall: 40 cm east (free: the generator leaves at least 50 cm gaps); the
    # mouse wanders 60 cm into the room on the way, the picture stays on the wall.
    target = picture.x + 0.4
    a = view.item_position(picture.id)
    drag(qtbot, view, a, view.viewport_point(target, picture.z + 0.6))
    qtbot.waitUntil(lambda: item(stored(hall_path), picture.id).x != picture.x, timeout=5000)
    moved = redrawn(qtbot, view, hall_path, picture.id)
    slack = 2 * metres_per_pixel(view)
    assert moved.wall == "north" and moved.z == pytest.approx(picture.z) and moved.y == pytest.approx(vh.CENTRE_LINE)
    assert moved.x == pytest.approx(target, abs=slack)
    # Onto its neighbour: it stops beside it, never over it.
    neighbour = north[1]
    drag(qtbot, view, view.item_position(picture.id), view.item_position(neighbour.id))
    qtbot.waitUntil(lambda: item(stored(hall_path), picture.id).x != moved.x, timeout=5000)
    redrawn(qtbot, view, hall_path, picture.id)
    beside = stored(hall_path)
    assert_no_overlaps(beside)
    assert item(beside, picture.id).x + picture.width / 2 + vh.EDGE == pytest.approx(
        neighbour.x - neighbour.width / 2, abs=1e-6)
    # Onto the east wall, halfway along it.
    drag(qtbot, view, view.item_position(picture.id), view.viewport_point(before.width / 2 - 0.3, 0.0))
    qtbot.waitUntil(lambda: item(stored(hall_path), picture.id).wall == "east", timeout=5000)
    east = stored(hall_path)
    assert item(east, picture.id).yaw == -90.0 and item(east, picture.id).y == pytest.approx(vh.CENTRE_LINE)
    assert_no_overlaps(east)
    qtbot.waitUntil(lambda: view.items_by_id[picture.id].wall == "east", timeout=5000)  # redrawn from the project
    # Edit → Undo, three times: back where the generator hung it.
    for _ in range(3):
        label = window.undo.undo_action.text()
        assert "move work" in label
        window.undo.undo_action.trigger()
        qtbot.waitUntil(lambda: window.undo.undo_action.isEnabled() or window.undo.redo_action.isEnabled(),
                        timeout=10_000)
        qtbot.waitUntil(lambda: not window.undo.busy, timeout=10_000)
    assert stored(hall_path) == before
    qtbot.waitUntil(lambda: view.items_by_id[picture.id].wall == "north", timeout=5000)


def test_a_plinth_is_dragged_on_the_floor_and_kept_inside_the_room(qtbot, open_window, hall_path):
    window, pane = open_editor(qtbot, open_window, hall_path)
    view, before = pane.view, stored(hall_path)
    plinth = next(i for i in before.items if i.kind == "model")
    target = (plinth.x - 1.0, plinth.z + 0.5)
    drag(qtbot, view, view.item_position(plinth.id), view.viewport_point(*target))
    qtbot.waitUntil(lambda: item(stored(hall_path), plinth.id).x != plinth.x, timeout=5000)
    moved = redrawn(qtbot, view, hall_path, plinth.id)
    slack = 2 * metres_per_pixel(view)
    assert (moved.x, moved.z) == (pytest.approx(target[0], abs=slack), pytest.approx(target[1], abs=slack))
    # Far past the west wall: it stops at the wall, inside the room.
    drag(qtbot, view, view.item_position(plinth.id), view.viewport_point(-before.width, moved.z))
    qtbot.waitUntil(lambda: item(stored(hall_path), plinth.id).x != moved.x, timeout=5000)
    inside = redrawn(qtbot, view, hall_path, plinth.id)
    assert inside.x - inside.width / 2 - vh.PLINTH_MARGIN == pytest.approx(-before.width / 2 + vh.EDGE)
    # Into the doorway: red while it is there, refused when let go, drawn back where it was.
    widget, doorway = view.viewport(), view.viewport_point(0.0, before.depth / 2 - 0.8).toPoint()
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=view.item_position(plinth.id).toPoint())
    qtbot.mouseMove(widget, doorway)
    work = view.items_by_id[plinth.id]
    assert "cannot be reached on foot" in work.problem and work.brush().color().name() == "#e8a0a0"
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=doorway)
    qtbot.waitUntil(lambda: "cannot be reached on foot" in pane.status.text(), timeout=5000)
    assert item(stored(hall_path), plinth.id) == inside
    drawn = view.items_by_id[plinth.id].floor_point()
    assert drawn == (pytest.approx(inside.x), pytest.approx(inside.z))
    window.undo.undo_action.trigger()
    qtbot.waitUntil(lambda: item(stored(hall_path), plinth.id) == moved, timeout=10_000)


def test_arrow_keys_nudge_the_selected_work(qtbot, open_window, hall_path):
    window, pane = open_editor(qtbot, open_window, hall_path)
    view, before = pane.view, stored(hall_path)
    picture = sorted((i for i in before.items if i.wall == "north"), key=lambda i: i.x)[0]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.item_position(picture.id).toPoint())
    assert view.items_by_id[picture.id].isSelected()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: item(stored(hall_path), picture.id).x != picture.x, timeout=5000)
    assert item(stored(hall_path), picture.id).x == pytest.approx(picture.x + 0.1)
    redrawn(qtbot, view, hall_path, picture.id)
    view.items_by_id[picture.id].setSelected(True)
    qtbot.keyClick(view, Qt.Key.Key_Up)  # off the wall: it stays where it is
    qtbot.wait(100)
    assert item(stored(hall_path), picture.id).x == pytest.approx(picture.x + 0.1)
    assert window.undo.undo_action.text().endswith("move work")


def test_the_room_form_changes_the_room_and_rehangs_what_no_longer_fits(qtbot, open_window, hall_path):
    window, pane = open_editor(qtbot, open_window, hall_path)
    before = stored(hall_path)
    assert pane.form.width_box.value() == 12 and pane.form.colour.text() == before.wall_colour
    pane.form.width_box.setValue(9)
    pane.form.depth_box.setValue(7)
    pane.form.colour.setText("#c8d8e0")
    pane.form.floor.setCurrentIndex(pane.form.floor.findData("stone"))
    qtbot.mouseClick(pane.form.apply, Qt.MouseButton.LeftButton)
    after = stored(hall_path)
    assert (after.width, after.depth, after.wall_colour, after.floor) == (9, 7, "#c8d8e0", "stone")
    assert_no_overlaps(after)
    assert "re-hung" in pane.status.text() or "still fits" in pane.status.text()
    qtbot.waitUntil(lambda: pane.view.hall is not None and pane.view.hall.width == 9, timeout=5000)
    window.undo.undo_action.trigger()
    qtbot.waitUntil(lambda: stored(hall_path) == before, timeout=10_000)
    qtbot.waitUntil(lambda: pane.form.width_box.value() == 12, timeout=5000)
    # A room too small for the works is refused with a one-line message; nothing changes.
    pane.form.width_box.setValue(4)
    pane.form.depth_box.setValue(4)
    qtbot.mouseClick(pane.form.apply, Qt.MouseButton.LeftButton)
    assert "the pictures need" in pane.status.text()
    assert stored(hall_path) == before


def test_a_project_without_a_virtual_hall_makes_one_of_all_works(qtbot, open_window, hall_path):
    with Project.open(hall_path) as p:
        vh.remove_hall(p, "gallery")
    window = open_window(hall_path, "en")
    pane = window.panes["vhall"]
    assert pane.halls.count() == 0 and not pane.form.isEnabled() and "No virtual hall yet" in pane.status.text()
    qtbot.mouseClick(pane.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.halls.count() == 1 and bool(pane.view.items_by_id), timeout=20_000)
    with Project.open(hall_path) as p:
        (hall,) = vh.list_halls(p)
    assert hall.slug == "virtual-hall-1" and len(hall.items) == 10 and pane.form.isEnabled()


def save_shot(widget, name: str) -> None:
    """Save ``widget``'s picture for people to look at; it must not be blank."""
    image = widget.grab().toImage()
    SCREENS.mkdir(parents=True, exist_ok=True)
    assert image.save(str(SCREENS / name))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
    assert len(colours) > 100


def test_screenshots_of_the_pane_desktop_and_phone_size(qtbot, open_window, demo_path, tmp_path):
    import shutil

    from studio.gui.studio_context import Studio
    from studio.gui.virtual_hall_editor import VirtualHallEditor
    from tests.studio.gui.translated import chinese_ui

    path = tmp_path / "demo.yunzhan"
    shutil.copy(demo_path, path)
    with chinese_ui(tmp_path, "vhall"):
        window, pane = open_editor(qtbot, open_window, path, "zh")
        assert pane.form.apply.text() == "应用房间设置"
        window.resize(1280, 820)
        qtbot.waitUntil(lambda: pane.split.orientation() == Qt.Orientation.Horizontal, timeout=3000)
        pane.view.fit()
        save_shot(pane, "threedgui-virtual-hall.png")
        # Phone size (390 × 844): the pane alone, its room form under the plan.
        studio = Studio(Project.open(path))
        try:
            phone = VirtualHallEditor(studio)
            qtbot.addWidget(phone)
            phone.show()
            qtbot.waitExposed(phone)
            def narrowed() -> bool:  # once the form has gone under the plan, the pane can be that narrow
                phone.resize(390, 844)
                return phone.width() == 390
            qtbot.waitUntil(narrowed, timeout=3000)
            assert phone.split.orientation() == Qt.Orientation.Vertical
            phone.view.fit()
            save_shot(phone, "threedgui-virtual-hall-phone.png")
            phone.close()
        finally:
            studio.close()
