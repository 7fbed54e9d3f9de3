"""The Halls pane on real project files (pytest-qt, offscreen): placing, moving and
deleting hotspots by mouse, the start view, halls added by dropping photos, and the
exported package in Chromium showing hotspots where the studio drew them."""

from __future__ import annotations

import os
import tempfile
import io
import math
from pathlib import Path

import numpy as np

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PIL import Image
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QImage, QKeySequence
from PySide6.QtWidgets import QApplication

from assets.catalog import Catalog, CatalogObject
from assets.project import Project
from scenes import model
from tests.export.sample_project import generated_panorama

pytestmark = pytest.mark.gui

# Screenshots for people to look at: $YUNZHAN_SCREENSHOTS, else a folder in the temporary directory.
SCREENS = Path(os.environ.get("YUNZHAN_SCREENSHOTS") or Path(tempfile.gettempdir()) / "yunzhan-screens")


@pytest.fixture
def project_path(tmp_path) -> Path:
    """A project with halls lobby, east and west (generated photos), two objects and no hotspots."""
    path = tmp_path / "halls.yunzhan"
    with Project.create(path) as project:
        for n, (slug, zh, en) in enumerate([("lobby", "序厅", "Lobby"), ("east", "东厅", "East hall"),
                                            ("west", "西厅", "West hall")]):
            photo = generated_panorama(tmp_path / f"{slug}.jpg", seed=n)
            model.add_hall(project, slug=slug, title_zh=zh, title_en=en,
                           panorama_sha=model.store_panorama(project, photo))
        catalog = Catalog(project)
        catalog.add(CatalogObject(accession="1977.12", title_zh="铜鼎", title_en="Bronze ding"))
        catalog.add(CatalogObject(accession="1980.3", title_zh="青花瓷瓶", title_en="Blue and white vase"))
    return path


def snapshot(path: Path) -> list:
    tables = ("exhibition", "halls", "hotspots", "floor_plan_pins", "media", "panoramas")
    with Project.open(path) as p:
        return [(t, p.db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()) for t in tables]


def open_halls(qtbot, open_window, path, language="en"):
    window = open_window(path, language)
    pane = window.panes["halls"]
    window.tabs.setCurrentWidget(pane)
    qtbot.waitUntil(pane.view.has_photo, timeout=20_000)
    return window, pane


def stored(path: Path, slug: str) -> model.Hall:
    with Project.open(path) as p:
        return model.get_hall(p, slug)


def click(qtbot, widget, x: float, y: float) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(round(x), round(y)))


def drag(qtbot, widget, start: QPointF, end: QPointF, steps: int = 6) -> None:
    a, b = QPoint(round(start.x()), round(start.y())), QPoint(round(end.x()), round(end.y()))
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=a)
    for i in range(1, steps + 1):
        qtbot.mouseMove(widget, QPoint(a.x() + (b.x() - a.x()) * i // steps, a.y() + (b.y() - a.y()) * i // steps))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=b)


def trigger(menu, text: str) -> None:
    """Choose the entry ``text`` (or for a hall: its slug) in ``menu`` or one of its
    submenus, as a click on it does."""
    for action in menu.actions():
        if action.menu() is not None:
            for sub in action.menu().actions():
                if text in (sub.text(), sub.data()):
                    return sub.trigger()
        elif action.text() == text:
            return action.trigger()
    raise AssertionError(f"no menu entry {text!r}")


def expected_at_centre_column(view, y: float) -> tuple[float, float]:
    """Where a point on the view's centre column looks, from the perspective camera's
    geometry alone: the ray turns about the camera's right axis by atan(ndc_y·tan(vfov/2))."""
    aspect = view.width() / view.height()
    tan_half_v = math.tan(math.radians(view.hfov) / 2) / aspect
    ndc_y = 1 - 2 * y / view.height()
    return view.yaw, view.pitch + math.degrees(math.atan(ndc_y * tan_half_v))


def expected_on_horizon(view, x: float) -> tuple[float, float]:
    """Where a point on the horizon row looks when the view looks level."""
    ndc_x = 2 * x / view.width() - 1
    return view.yaw + math.degrees(math.atan(ndc_x * math.tan(math.radians(view.hfov) / 2))), 0.0


def close_to(a: tuple[float, float], b: tuple[float, float], tolerance: float) -> bool:
    dyaw = (a[0] - b[0] + 180) % 360 - 180
    return abs(dyaw) <= tolerance and abs(a[1] - b[1]) <= tolerance


# -- placing, moving, deleting ------------------------------------------------------------
def test_a_click_places_a_walk_to_hotspot_where_it_was_clicked(qtbot, open_window, project_path):
    _, pane = open_halls(qtbot, open_window, project_path)
    view = pane.view
    view.look_at(20, 10, 80)
    x, y = view.width() / 2, view.height() * 0.3
    click(qtbot, view, x, y)
    assert pane.place_menu is not None and pane.place_menu.isVisible()
    trigger(pane.place_menu, "east")
    (spot,) = stored(project_path, "lobby").hotspots
    assert (spot.kind, spot.target_hall) == ("hall", "east")
    assert close_to((spot.yaw, spot.pitch), expected_at_centre_column(view, round(y)), 0.5)
    assert view.selected == spot.id and pane.panel.hotspot.id == spot.id

    view.look_at(-40, 0, 100)
    x = view.width() * 0.8
    click(qtbot, view, x, view.height() / 2)
    trigger(pane.place_menu, "Note…")
    pane.dialog.text_zh.setPlainText("穹顶为原物")
    pane.dialog.text_en.setPlainText("The dome is original")
    pane.dialog.accept()
    note = stored(project_path, "lobby").hotspots[-1]
    assert (note.kind, note.note_zh, note.note_en) == ("note", "穹顶为原物", "The dome is original")
    assert close_to((note.yaw, note.pitch), expected_on_horizon(view, round(x)), 0.5)


def test_an_object_is_chosen_from_a_searchable_list(qtbot, open_window, project_path):
    _, pane = open_halls(qtbot, open_window, project_path)
    click(qtbot, pane.view, pane.view.width() / 3, pane.view.height() / 2)
    trigger(pane.place_menu, "Object…")
    picker = pane.dialog
    qtbot.waitUntil(lambda: picker.results.count() == 2)
    qtbot.keyClicks(picker.search_box, "vase")
    qtbot.waitUntil(lambda: not picker.searching and picker.results.count() == 1)
    assert "1980.3" in picker.results.item(0).text()
    for text in ("bronze", "vase"):  # typed over before the first answer: only the newest is shown
        picker.search_box.setText(text)
        picker.run_search()
    qtbot.waitUntil(lambda: not picker.searching)
    picker.studio.wait_for_tasks()
    qtbot.wait(50)  # the older answer, had it not been dropped, would land now
    assert [picker.results.item(i).text().split()[0] for i in range(picker.results.count())] == ["1980.3"]
    picker.accept()
    (spot,) = stored(project_path, "lobby").hotspots
    assert (spot.kind, spot.object_accession) == ("object", "1980.3")
    assert "Blue and white vase" in pane.panel.object_label.text()


def test_a_hotspot_is_dragged_to_a_new_place_and_deleted_with_the_delete_key(qtbot, open_window, project_path):
    with Project.open(project_path) as p:
        spot = model.add_hotspot(p, "lobby", yaw=5, pitch=0, to="west")
    _, pane = open_halls(qtbot, open_window, project_path)
    view = pane.view
    view.look_at(0, 0, 90)
    start = view.screen_position(view.hotspots[0])
    end = QPointF(view.width() / 2, view.height() * 0.25)
    drag(qtbot, view, start, end)
    moved = stored(project_path, "lobby").hotspots[0]
    assert close_to((moved.yaw, moved.pitch), expected_at_centre_column(view, round(end.y())), 0.5)
    assert moved.target_hall == "west" and view.selected == spot.id
    assert pane.place_menu is None  # a drag of a hotspot places nothing

    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stored(project_path, "lobby").hotspots == ()
    assert view.hotspots == () and pane.panel.hotspot is None


def test_dragging_the_photo_looks_around_and_sets_the_start_view_and_north(qtbot, open_window, project_path):
    _, pane = open_halls(qtbot, open_window, project_path)
    view = pane.view
    view.look_at(0, 0, 90)
    drag(qtbot, view, QPointF(view.width() * 0.7, view.height() / 2), QPointF(view.width() * 0.2, view.height() * 0.6))
    assert view.yaw == pytest.approx(0.5 * 90, abs=1)  # half a width of drag turns by half the fov
    assert view.pitch > 0
    assert stored(project_path, "lobby").hotspots == ()  # looking around places nothing
    pane.start_button.click()
    hall = stored(project_path, "lobby")
    cam = view.camera()
    assert hall.view == model.View(round(cam.yaw, 2), round(cam.pitch, 2), round(cam.hfov, 2))
    pane.north_button.click()
    assert stored(project_path, "lobby").north_offset == pytest.approx(cam.yaw, abs=0.01)
    assert view.north == stored(project_path, "lobby").north_offset  # the N mark sits where she looks


def test_the_side_panel_edits_the_selected_hotspot(qtbot, open_window, project_path):
    with Project.open(project_path) as p:
        spot = model.add_hotspot(p, "lobby", yaw=5, pitch=0, to="west")
    _, pane = open_halls(qtbot, open_window, project_path)
    pane.view.select(spot.id)
    panel = pane.panel
    panel.target.setCurrentIndex(panel.target.findData("east"))
    panel.target.activated.emit(panel.target.currentIndex())
    panel.label_en.setText("To the east hall")
    panel.label_en.editingFinished.emit()
    panel.arrive_yaw.setValue(120)
    edited = stored(project_path, "lobby").hotspots[0]
    assert (edited.target_hall, edited.label_en, edited.arrive_yaw) == ("east", "To the east hall", 120.0)


# -- halls: order, adding by dropping photos, bad input ----------------------------------------
def drop_files(widget, paths) -> None:
    """Drag files from outside onto ``widget`` and drop them (enter, move, drop, as Qt delivers them)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    for event in (QDragEnterEvent(QPoint(10, 10), *args), QDragMoveEvent(QPoint(12, 12), *args)):
        QApplication.sendEvent(widget, event)
        assert event.isAccepted()
    QApplication.sendEvent(widget, QDropEvent(QPointF(12, 12), *args))


def test_halls_are_reordered_by_dragging_in_the_list(qtbot, open_window, project_path):
    _, pane = open_halls(qtbot, open_window, project_path)
    from PySide6.QtCore import QModelIndex

    pane.hall_list.model().moveRow(QModelIndex(), 0, QModelIndex(), 3)  # what a drop of the first row does
    with Project.open(project_path) as p:
        assert [h.slug for h in model.list_halls(p)] == ["east", "west", "lobby"]
    assert pane.hall_list.slugs() == ["east", "west", "lobby"]


def test_a_dropped_panorama_becomes_a_hall(qtbot, open_window, project_path, tmp_path):
    window, pane = open_halls(qtbot, open_window, project_path)
    photo = generated_panorama(tmp_path / "North Gallery.jpg", seed=4)
    drop_files(pane.hall_list.viewport(), [photo])
    # the change event may show the new hall before the task's result selects it
    qtbot.waitUntil(lambda: pane.current == "north-gallery", timeout=20_000)
    assert "north-gallery" in pane.hall_list.slugs()
    assert stored(project_path, "north-gallery").title_zh == "North Gallery"
    from assets import history
    with Project.open(project_path) as p:
        assert history.next_undo(p).label == "add hall"  # photo and hall: one step to undo
    qtbot.waitUntil(lambda: pane.hall_list.has_thumbnail(stored(project_path, "north-gallery").panorama_sha))


@pytest.mark.parametrize("name, content, message", [
    ("notes.txt", b"not a photo at all", "not a JPEG image"),
    ("broken.jpg", None, "damaged JPEG"),
])
def test_a_bad_drop_names_the_file_and_changes_nothing(qtbot, open_window, project_path, tmp_path, name, content,
                                                      message):
    window, pane = open_halls(qtbot, open_window, project_path)
    bad = tmp_path / name
    if content is None:  # a real panorama cut short: the header reads, the image data does not
        good = generated_panorama(tmp_path / "good.jpg", seed=7).read_bytes()
        content = good[: len(good) // 2]
    bad.write_bytes(content)
    before = snapshot(project_path)
    notes = []
    window.studio.notified.connect(lambda text, error: notes.append((text, error)))
    drop_files(pane.hall_list.viewport(), [bad])
    qtbot.waitUntil(lambda: bool(notes), timeout=20_000)
    (text, is_error), = notes
    assert is_error and str(bad) in text and message in text
    assert snapshot(project_path) == before
    assert pane.hall_list.slugs() == ["lobby", "east", "west"]


# -- the screenshot -----------------------------------------------------------------------
def test_screenshot_of_the_pane_on_the_demo_project(qtbot, open_window, demo_path, tmp_path, chinese):
    import shutil

    path = tmp_path / "demo.yunzhan"
    shutil.copy(demo_path, path)
    with Project.open(path) as p:  # the demo's own floor plan, with a pin per hall
        assert len(model.load_exhibition(p).floor_plan.pins) == len(model.list_halls(p))
    window, pane = open_halls(qtbot, open_window, path, "zh")
    window.resize(1400, 860)
    pane.view.select(pane.hall.hotspots[0].id)
    qtbot.waitUntil(lambda: all(pane.hall_list.has_thumbnail(h.panorama_sha) for h in pane.halls), timeout=20_000)
    image = pane.grab().toImage()
    SCREENS.mkdir(parents=True, exist_ok=True)
    assert image.save(str(SCREENS / "halls.png"))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 2000


# -- what visitors see ----------------------------------------------------------------------
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def angle_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    from studio.gui.halls.camera import direction

    return math.degrees(math.acos(min(1.0, float(direction(*a) @ direction(*b)))))


@pytest.mark.browser
@pytest.mark.slow
def test_the_exported_viewer_shows_a_placed_hotspot_where_the_studio_drew_it(qtbot, open_window, project_path,
                                                                           tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    from scenes.export import export_package
    from studio.cli.export import make_server
    import threading

    with Project.open(project_path) as p:  # a camera that was not level: the viewer turns the photo back
        model.set_orientation(p, "lobby", horizon_pitch=4, horizon_roll=-3)
    window, pane = open_halls(qtbot, open_window, project_path)
    view = pane.view
    view.look_at(30, 5, 80)
    click(qtbot, view, view.width() * 0.7, view.height() * 0.35)
    trigger(pane.place_menu, "east")
    view.look_at(40, 12, 85)  # off centre in both directions from where visitors will first look
    pane.start_button.click()
    hall = stored(project_path, "lobby")
    (spot,) = hall.hotspots

    with Project.open(project_path) as p:  # as 'yunzhan export' does
        export_package(p, tmp_path / "site")
    server = make_server(tmp_path / "site", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 1100, "height": 760}).new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/halls/lobby.html")
            page.locator("#viewer-enter").click()
            page.wait_for_selector("#viewer.is-ready", timeout=60_000)
            page.wait_for_timeout(500)
            canvas = page.locator("#viewer .psv-container").bounding_box()
            button = page.locator("button.yz-hotspot[data-to='east']").bounding_box()
            page.evaluate("document.querySelectorAll('.yz-hotspot, .psv-navbar')"
                          ".forEach((e) => { e.style.opacity = '0'; })")
            page.wait_for_timeout(300)
            shot = Image.open(io.BytesIO(page.locator("#viewer .psv-container").screenshot())).convert("RGB")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    seen = ((button["x"] + button["width"] / 2 - canvas["x"]) / canvas["width"],
            (button["y"] + button["height"] / 2 - canvas["y"]) / canvas["height"])
    assert 0 < seen[0] < 1 and 0 < seen[1] < 1, "the hotspot is off screen in the browser"

    # the studio at the same view and the same shape of window
    scale = 1.0  # the same pixels as the browser's canvas
    view.setFixedSize(round(canvas["width"] * scale), round(canvas["height"] * scale))
    window.resize(1900, 1000)
    qtbot.waitUntil(lambda: view.width() == round(canvas["width"] * scale))
    pane.go_to_start_view()
    cam = view.camera()
    assert (cam.yaw, cam.pitch, cam.hfov) == pytest.approx((hall.view.yaw, hall.view.pitch, hall.view.fov))
    drawn = view.screen_position(view.hotspots[0])
    studio = (drawn.x() / view.width(), drawn.y() / view.height())
    assert studio == pytest.approx(seen, abs=0.005)  # about 0.4° at this fov
    browser_direction = cam.unproject(seen[0] * view.width(), seen[1] * view.height())
    assert angle_between(tuple(map(float, browser_direction)), (spot.yaw, spot.pitch)) < 1.0

    # and the photo itself, levelled by the same correction: the studio's picture and
    # the browser's canvas agree, and would not if the studio looked 2° to the side
    size = (shot.width // 4, shot.height // 4)
    browser_pixels = np.asarray(shot.resize(size, Image.BILINEAR).convert("L"), float)

    def studio_pixels(yaw: float) -> np.ndarray:
        view.look_at(yaw, hall.view.pitch, hall.view.fov)
        picture = view.picture().convertToFormat(QImage.Format.Format_RGB888)
        rgb = Image.frombytes("RGB", (picture.width(), picture.height()), bytes(picture.constBits()),
                              "raw", "RGB", picture.bytesPerLine())
        return np.asarray(rgb.resize(size, Image.BILINEAR).convert("L"), float)

    same = np.corrcoef(studio_pixels(hall.view.yaw).ravel(), browser_pixels.ravel())[0, 1]
    aside = np.corrcoef(studio_pixels(hall.view.yaw + 2).ravel(), browser_pixels.ravel())[0, 1]
    assert same > 0.95 and aside < 0.9


def test_a_hall_is_removed_and_links_to_it_only_after_asking(qtbot, open_window, project_path):
    with Project.open(project_path) as p:
        model.add_hotspot(p, "lobby", yaw=5, pitch=0, to="west")
    _, pane = open_halls(qtbot, open_window, project_path)
    pane.hall_list.setCurrentRow(2)
    assert pane.current == "west"
    before = snapshot(project_path)
    pane.remove_button.click()
    question = pane.dialog
    assert question.isVisible() and "1 hotspots" in question.text()
    assert snapshot(project_path) == before
    question.button(question.StandardButton.Yes).click()
    with Project.open(project_path) as p:
        assert [h.slug for h in model.list_halls(p)] == ["lobby", "east"]
        assert model.get_hall(p, "lobby").hotspots == ()
    assert pane.hall_list.slugs() == ["lobby", "east"] and pane.current == "lobby"


def test_the_wheel_zooms_within_the_viewers_range(qtbot, open_window, project_path):
    from PySide6.QtCore import QPoint as P
    from PySide6.QtGui import QWheelEvent

    from studio.gui.halls.camera import MAX_VFOV, MIN_VFOV

    _, pane = open_halls(qtbot, open_window, project_path)
    view = pane.view
    view.look_at(0, 0, 90)

    def wheel(notches: int) -> None:
        centre = QPointF(view.width() / 2, view.height() / 2)
        QApplication.sendEvent(view, QWheelEvent(centre, view.mapToGlobal(centre), P(0, 0), P(0, 120 * notches),
                                                 Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                                                 Qt.ScrollPhase.NoScrollPhase, False))
    wheel(1)
    assert view.camera().hfov == pytest.approx(90 / 1.1)
    wheel(40)
    assert view.camera().vfov == pytest.approx(MIN_VFOV)
    wheel(-80)
    assert view.camera().vfov == pytest.approx(MAX_VFOV)


def floor_plan_image(path: Path) -> Path:
    im = Image.new("RGB", (600, 400), (236, 232, 220))
    from PIL import ImageDraw

    draw = ImageDraw.Draw(im)
    for box in ([20, 20, 280, 380], [300, 20, 580, 190], [300, 210, 580, 380]):
        draw.rectangle(box, outline=(90, 80, 70), width=6)
    im.save(path)
    return path


def test_floor_plan_pins_are_placed_and_moved_by_dragging(qtbot, open_window, project_path, tmp_path):
    with Project.open(project_path) as p:
        model.set_floor_plan(p, model.store_image(p, floor_plan_image(tmp_path / "plan.png")))
        model.pin_hall(p, "east", x=0.75, y=0.25)
    _, pane = open_halls(qtbot, open_window, project_path)
    plan = pane.floor_plan
    rect = plan.plan_rect()
    drag(qtbot, plan, plan.pin_position("east"), QPointF(rect.left() + 0.75 * rect.width(),
                                                          rect.top() + 0.75 * rect.height()))
    # a press where there is no pin puts the current hall's (lobby's) pin there
    click(qtbot, plan, rect.left() + 0.25 * rect.width(), rect.top() + 0.5 * rect.height())
    with Project.open(project_path) as p:
        pins = {pin.hall: (pin.x, pin.y) for pin in model.load_exhibition(p).floor_plan.pins}
    assert pins["east"] == pytest.approx((0.75, 0.75), abs=0.01)
    assert pins["lobby"] == pytest.approx((0.25, 0.5), abs=0.01)


def test_touch_looks_around_with_one_finger_and_zooms_with_two(qtbot, open_window, project_path):
    from PySide6.QtTest import QTest

    _, pane = open_halls(qtbot, open_window, project_path)
    view = pane.view
    view.look_at(0, 0, 90)
    w, h = view.width(), view.height()
    finger = QTest.createTouchDevice()
    QTest.touchEvent(view, finger).press(0, QPoint(w * 3 // 4, h // 2))
    for step in range(1, 11):
        QTest.touchEvent(view, finger).move(0, QPoint(w * 3 // 4 - step * w // 40, h // 2))
    QTest.touchEvent(view, finger).release(0, QPoint(w // 2, h // 2))
    assert view.yaw == pytest.approx(view.hfov / 4, abs=0.5)  # a quarter width: a quarter of the fov
    assert stored(project_path, "lobby").hotspots == ()

    before = view.hfov
    QTest.touchEvent(view, finger).press(0, QPoint(w // 2 - 40, h // 2)).press(1, QPoint(w // 2 + 40, h // 2))
    for d in range(50, 130, 10):
        QTest.touchEvent(view, finger).move(0, QPoint(w // 2 - d, h // 2)).move(1, QPoint(w // 2 + d, h // 2))
    QTest.touchEvent(view, finger).release(0, QPoint(w // 2 - 120, h // 2)).release(1, QPoint(w // 2 + 120, h // 2))
    assert view.hfov < before * 0.6  # fingers spread: zoomed in


# -- undo ---------------------------------------------------------------------------------
def test_placing_moving_and_deleting_are_undone_with_ctrl_z(qtbot, open_window, project_path):
    from assets import history

    window, pane = open_halls(qtbot, open_window, project_path)
    view = pane.view
    view.look_at(0, 0, 90)
    click(qtbot, view, view.width() * 0.6, view.height() / 2)
    trigger(pane.place_menu, "west")
    placed = stored(project_path, "lobby").hotspots[0]
    drag(qtbot, view, view.screen_position(view.hotspots[0]), QPointF(view.width() * 0.3, view.height() * 0.3))
    moved = stored(project_path, "lobby").hotspots[0]
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stored(project_path, "lobby").hotspots == ()
    with Project.open(project_path) as p:
        assert [s.label for s in history.steps(p)][:3] == ["remove hotspot", "move hotspot", "add hotspot"]

    notes = []
    window.studio.notified.connect(lambda text, _error: notes.append(text))
    undo = QKeySequence(QKeySequence.StandardKey.Undo)[0]
    qtbot.keyClick(view, undo.key(), undo.keyboardModifiers())
    assert stored(project_path, "lobby").hotspots == (moved,)
    assert [s.id for s in view.hotspots] == [moved.id] and notes[-1] == "Undone: remove hotspot"
    qtbot.keyClick(view, undo.key(), undo.keyboardModifiers())
    assert stored(project_path, "lobby").hotspots == (placed,)
    assert (view.hotspots[0].yaw, view.hotspots[0].pitch) == (placed.yaw, placed.pitch)
    qtbot.keyClick(view, undo.key(), undo.keyboardModifiers())
    assert stored(project_path, "lobby").hotspots == ()
    qtbot.waitUntil(lambda: view.hotspots == ())  # the change event arrived too, and found nothing more

    redo = QKeySequence(QKeySequence.StandardKey.Redo)[0]
    qtbot.keyClick(view, redo.key(), redo.keyboardModifiers())
    assert stored(project_path, "lobby").hotspots == (placed,) and notes[-1] == "Redone: add hotspot"


def test_an_edit_elsewhere_shows_in_the_pane_through_change_events(qtbot, open_window, project_path):
    _, pane = open_halls(qtbot, open_window, project_path)
    with Project.open(project_path) as other:  # another connection: another pane, a worker, the CLI
        spot = model.add_hotspot(other, "lobby", yaw=10, pitch=0, note_en="Hello")
        model.update_hall(other, "east", title_en="Eastern hall")
    qtbot.waitUntil(lambda: [s.id for s in pane.view.hotspots] == [spot.id])
    qtbot.waitUntil(lambda: "Eastern hall" in pane.hall_list.item(1).text())


# -- translation ----------------------------------------------------------------------------
TS = Path(__file__).resolve().parents[3] / "studio" / "gui" / "translations" / "halls.zh_CN.ts"


@pytest.fixture
def chinese(tmp_path):
    """The pane's zh_CN translation, compiled and installed for the test."""
    from tests.studio.gui.translated import chinese_ui

    with chinese_ui(tmp_path, "halls") as translators:
        yield translators


def test_the_pane_speaks_chinese_with_its_translation(qtbot, open_window, project_path, chinese):
    import xml.etree.ElementTree as ET

    unfinished = [m.findtext("source") for m in ET.parse(TS).iter("message")
                  if m.find("translation").get("type") or not m.findtext("translation")]
    assert unfinished == []
    _, pane = open_halls(qtbot, open_window, project_path, "zh")
    assert pane.start_button.text() == "设为起始视角"
    assert pane.north_button.text() == "设为北方"
    click(qtbot, pane.view, pane.view.width() / 2, pane.view.height() / 2)
    assert [a.text() for a in pane.place_menu.actions()] == ["前往", "展品…", "说明…"]


def test_the_arrival_view_is_set_by_looking_in_the_hall_it_leads_to(qtbot, open_window, project_path):
    with Project.open(project_path) as p:
        spot = model.add_hotspot(p, "lobby", yaw=5, pitch=0, to="east")
    _, pane = open_halls(qtbot, open_window, project_path)
    pane.view.select(spot.id)
    pane.panel.findChild(type(pane.start_button), "lookForArrival").click()
    assert pane.current == "east" and pane.arrival_button.isVisible()
    qtbot.waitUntil(pane.view.has_photo, timeout=20_000)
    view = pane.view
    drag(qtbot, view, QPointF(view.width() * 0.6, view.height() / 2), QPointF(view.width() * 0.4, view.height() * 0.45))
    looked = (round(view.yaw, 2), round(view.pitch, 2))
    assert looked != (0.0, 0.0)
    pane.arrival_button.click()
    arriving = stored(project_path, "lobby").hotspots[0]
    assert (arriving.arrive_yaw, arriving.arrive_pitch) == looked
    assert pane.current == "lobby" and view.selected == spot.id and not pane.arrival_button.isVisible()
    assert stored(project_path, "east").hotspots == ()  # looking placed nothing in the other hall
