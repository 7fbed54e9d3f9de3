"""The Halls pane: the halls in order, one hall's panorama with its hotspots, the
selected hotspot's settings and the floor plan.

Every edit is one call of :mod:`scenes.model` (labelled, so it is one undo step;
Ctrl+Z in the view undoes it through :mod:`assets.history`); the pane then shows
what the project holds. It also follows the project's change
events (another pane's edit, an undo), so it never holds the truth itself. Work
that takes time (decoding a panorama, adding a hall from a dropped photo) runs as
a background task of the :class:`~studio.gui.studio_context.Studio`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable

import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import (QFileDialog, QGroupBox, QHBoxLayout, QLabel, QMenu, QMessageBox, QPushButton,
                               QScrollArea, QSplitter, QVBoxLayout, QWidget)

from assets import history
from assets.catalog import Catalog
from assets.errors import YunzhanError
from assets.media_store import MediaStore
from scenes import model
from studio.gui.halls.floor_plan import FloorPlanView
from studio.gui.halls.hall_list import HallList, hall_title
from studio.gui.halls.hotspot_panel import HotspotPanel
from studio.gui.halls.photo import thumbnail, view_photo
from studio.gui.halls.pickers import NoteDialog, ObjectPicker, object_title
from studio.gui.halls.view import PanoramaView
from studio.gui.narration_panel import NarrationPanel

_WATCHED = ("halls", "hotspots", "floor_plan_pins", "exhibition", "objects")


class HallsPane(QWidget):
    """Build the halls of the open project."""

    def __init__(self, studio, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("hallsPane")
        self.studio = studio
        self.project = studio.project
        self.current: str | None = None
        self.hall: model.Hall | None = None
        self.halls: list[model.Hall] = []
        self.place_menu: QMenu | None = None
        self._arrival_for: tuple[str, int, str] | None = None  # (hall, hotspot, its target) while looking
        self.dialog = None             # the open object picker or note dialog
        self._photo_sha: str | None = None   # the panorama shown or being decoded
        self._thumbs_asked: set[str] = set()
        self._plan_sha: str | None = None
        self._plan_image: QImage | None = None
        self._loaded = False
        self.setAcceptDrops(True)

        self.hall_list = HallList()
        self.add_button = QPushButton(self.tr("Add hall…"))
        self.add_button.setObjectName("addHall")
        self.add_button.setToolTip(self.tr("Or drop panorama photos (equirectangular JPEG) on the list"))
        self.remove_button = QPushButton(self.tr("Remove hall"))
        self.remove_button.setObjectName("removeHall")
        self.floor_plan = FloorPlanView()
        self.floor_plan.empty_text = self.tr("No floor plan yet")
        plan_button = QPushButton(self.tr("Floor plan image…"))
        plan_button.setObjectName("floorPlanImage")
        plan_box = QGroupBox(self.tr("Floor plan (drag the pins)"))
        plan_layout = QVBoxLayout(plan_box)
        plan_layout.addWidget(self.floor_plan, 1)
        plan_layout.addWidget(plan_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Halls (drag to reorder)")))
        left_layout.addWidget(self.hall_list, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        left_layout.addLayout(buttons)
        left_layout.addWidget(plan_box, 1)

        self.view = PanoramaView()
        self.title = QLabel()
        self.title.setObjectName("hallTitle")
        self.view_line = QLabel()
        self.view_line.setObjectName("viewLine")
        self.start_button = QPushButton(self.tr("Set start view"))
        self.start_button.setObjectName("setStartView")
        self.start_button.setToolTip(self.tr("Visitors entering this hall first look where you look now"))
        self.north_button = QPushButton(self.tr("Set north"))
        self.north_button.setObjectName("setNorth")
        self.north_button.setToolTip(self.tr("North lies where you look now"))
        self.back_button = QPushButton(self.tr("Go to start view"))
        self.back_button.setObjectName("goToStartView")
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        bar.addWidget(self.view_line)
        self.arrival_button = QPushButton(self.tr("Use this view as the arrival"))
        self.arrival_button.setObjectName("useArrivalView")
        self.arrival_cancel = QPushButton(self.tr("Cancel"))
        self.arrival_cancel.setObjectName("cancelArrivalView")
        for button in (self.arrival_button, self.arrival_cancel):
            button.hide()
            bar.addWidget(button)
        bar.addWidget(self.back_button)
        bar.addWidget(self.start_button)
        bar.addWidget(self.north_button)
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addLayout(bar)
        centre_layout.addWidget(self.view, 1)
        hint = QLabel(self.tr("Drag to look around, scroll or pinch to zoom. Click to place a hotspot; "
                              "drag a hotspot to move it; Delete removes the selected one."))
        hint.setObjectName("viewHint")
        hint.setWordWrap(True)
        centre_layout.addWidget(hint)

        self.panel = HotspotPanel()
        # the hall's spoken guide under the hotspot settings (the Tours pane's panel, languages stacked)
        self.narration_panel = NarrationPanel(studio, stacked=True)
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.panel)
        scroller = QScrollArea()  # the panel's buttons never squeeze the panorama
        scroller.setWidgetResizable(True)
        scroller.setWidget(self.narration_panel)
        side.addWidget(scroller)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(centre)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([300, 760, 280])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.hall_list.currentItemChanged.connect(lambda item, _old: item and self.show_hall(item.data(
            Qt.ItemDataRole.UserRole)))
        self.hall_list.reordered.connect(self.reorder)
        self.hall_list.files_dropped.connect(self.add_halls)
        self.add_button.clicked.connect(self._ask_add)
        self.remove_button.clicked.connect(lambda: self.current and self.remove_hall(self.current))
        plan_button.clicked.connect(self._ask_floor_plan)
        self.floor_plan.pin_moved.connect(self.pin)
        self.view.place_requested.connect(self.offer_placement)
        self.view.hotspot_selected.connect(self._show_selected)
        self.view.hotspot_moved.connect(self.move_hotspot)
        self.view.delete_requested.connect(self.delete_hotspot)
        self.view.view_changed.connect(self._show_view_line)
        self.view.undo_requested.connect(self.undo)
        self.view.redo_requested.connect(self.redo)
        self.panel.edited.connect(self.edit_hotspot)
        self.panel.delete_requested.connect(self.delete_hotspot)
        self.panel.choose_object.connect(self._choose_other_object)
        self.panel.look_for_arrival.connect(self.look_for_arrival)
        self.arrival_button.clicked.connect(self.use_arrival_view)
        self.arrival_cancel.clicked.connect(self._end_arrival)
        self.start_button.clicked.connect(self.set_start_view)
        self.north_button.clicked.connect(self.set_north)
        self.back_button.clicked.connect(self.go_to_start_view)
        studio.changed.connect(self._on_changed)

    # -- reading the project --------------------------------------------------------
    def showEvent(self, event) -> None:
        if not self._loaded:  # read and decode only once the pane is first shown
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Show the halls, the current hall and the floor plan as the project holds them."""
        self._loaded = True
        ex = self._guard(lambda: model.load_exhibition(self.project))
        if ex is None:
            return
        self.halls = list(ex.halls)
        slugs = [h.slug for h in self.halls]
        if self.current not in slugs:
            self.current = slugs[0] if slugs else None
            self.hall = None
        self.hall_list.show_halls(self.halls, self.current)
        self._ask_thumbnails()
        self._show_plan(ex)
        self.remove_button.setEnabled(self.current is not None)
        for button in (self.start_button, self.north_button, self.back_button):
            button.setEnabled(self.current is not None)
        self.show_hall(self.current)

    def show_hall(self, slug: str | None) -> None:
        """Show the hall ``slug`` (its photo, hotspots, start view when it is a different hall)."""
        previous = self.hall
        hall = None if slug is None else next((h for h in self.halls if h.slug == slug), None)
        self.current, self.hall = (hall.slug, hall) if hall else (None, None)
        self.narration_panel.show_subject(f"hall:{hall.slug}" if hall else None)
        if hall is None:
            self.title.setText(self.tr("No halls yet: drop a panorama photo on the list to add one"))
            self.view.placeholder = ""
            self.view.set_photo(None, None)
            self.view.set_hotspots(())
            self._photo_sha = None
            self._show_selected(None)
            return
        self.title.setText(f"<b>{hall_title(hall)}</b>")
        if previous is None or previous.slug != hall.slug:
            self.view.look_at(hall.view.yaw, hall.view.pitch, hall.view.fov)
            self.view.selected = None
        if self.hall_list.current_slug() != hall.slug:
            self.hall_list.show_halls(self.halls, hall.slug)
        self.view.set_hotspots(hall.hotspots, self.view.selected)
        self.view.set_north(hall.north_offset)
        self._load_photo(hall)
        self._show_selected(self.view.selected)
        self.floor_plan.current = hall.slug
        self.floor_plan.update()

    def _reload(self) -> None:
        """After an edit: re-read the exhibition (a few small queries) and show it."""
        self.refresh()

    def _reload_hall(self) -> None:
        """After an edit of the current hall's hotspots or views: re-read that hall only."""
        hall = self._guard(lambda: model.get_hall(self.project, self.current)) if self.current else None
        if hall is None:
            return self.refresh()
        self.halls = [hall if h.slug == hall.slug else h for h in self.halls]
        self.show_hall(hall.slug)

    def _on_changed(self, changes) -> None:
        if self._loaded and changes.touches(*_WATCHED):
            self.refresh()

    def _load_photo(self, hall: model.Hall) -> None:
        if hall.panorama_sha == self._photo_sha:
            if self.view.has_photo():  # the horizon correction may have changed
                self.view.set_photo(*self.view.photo(), tilt=hall.horizon_pitch, roll=hall.horizon_roll)
            return
        sha = self._photo_sha = hall.panorama_sha
        self.view.set_photo(None, None)
        self.view.placeholder = self.tr("Opening the panorama…")

        def landed(result) -> None:
            if self._photo_sha == sha and self.hall is not None:
                self.view.set_photo(*result, tilt=self.hall.horizon_pitch, roll=self.hall.horizon_roll)

        def failed(err: BaseException) -> None:
            if self._photo_sha == sha:  # try again when the hall is shown next
                self._photo_sha = None
                self.view.placeholder = self.tr("The panorama could not be opened")
                self.view.update()
            self.studio.report(err)

        self.studio.run_task(self.tr("Opening panorama"), lambda project, _progress: view_photo(project, sha),
                             on_done=self._while_shown(landed), on_failed=self._while_shown(failed))

    def _ask_thumbnails(self) -> None:
        wanted = [h.panorama_sha for h in self.halls if h.panorama_sha not in self._thumbs_asked]
        if not wanted:
            return
        self._thumbs_asked.update(wanted)

        def work(project, progress):
            progress.start(len(wanted))
            out = []
            for sha in wanted:
                progress.check()
                out.append((sha, thumbnail(project, sha)))
                progress.advance()
            return out

        def landed(result) -> None:
            for sha, rgb in result:
                self.hall_list.set_thumbnail(sha, rgb)

        def failed(err: BaseException) -> None:
            self._thumbs_asked.difference_update(wanted)  # asked again on the next refresh
            self.studio.report(err)

        self.studio.run_task(self.tr("Hall thumbnails"), work, on_done=self._while_shown(landed),
                             on_failed=self._while_shown(failed))

    def _while_shown(self, callback: Callable[[object], None]) -> Callable[[object], None]:
        """``callback`` for a task's result, skipped when the pane is gone by the time it lands
        (the project was closed while a photo decoded)."""
        return lambda result: callback(result) if shiboken6.isValid(self) else None

    def _show_plan(self, ex: model.Exhibition) -> None:
        sha = ex.floor_plan.media_sha if ex.floor_plan else None
        if sha != self._plan_sha:  # decoded once per image, not on every edit
            data = self._guard(lambda: MediaStore(self.project).read(sha)) if sha else None
            self._plan_image = QImage.fromData(data) if data else None
            self._plan_sha = sha
        self.floor_plan.show_plan(self._plan_image, ex.floor_plan.pins if ex.floor_plan else (), self.current)

    def _show_selected(self, hotspot_id) -> None:
        spot = None if self.hall is None else next((s for s in self.hall.hotspots if s.id == hotspot_id), None)
        others = [(h.slug, hall_title(h)) for h in self.halls if self.hall is None or h.slug != self.hall.slug]
        text = ""
        if spot is not None and spot.kind == model.OBJECT:
            rows = self._guard(lambda: Catalog(self.project).rows([spot.object_id])) or []
            text = object_title(rows[0]) if rows else spot.object_accession
        if spot is not None and spot.kind == model.HALL and spot.arrive_yaw is None:
            target = next((h for h in self.halls if h.slug == spot.target_hall), None)
            if target is not None:  # arriving at the target's start view: show it
                spot = replace(spot, arrive_yaw=target.view.yaw, arrive_pitch=target.view.pitch)
        self.panel.show_hotspot(spot, others, text)

    def _show_view_line(self) -> None:
        cam = self.view.camera()
        self.view_line.setText(self.tr("yaw {0:.1f}°, pitch {1:.1f}°, fov {2:.0f}°").format(
            cam.yaw, cam.pitch, cam.hfov))

    # -- edits: each one call of the library ------------------------------------------
    def _guard(self, work: Callable[[], object]):
        """Run ``work``; a refusal goes to the one error handler. Returns its result or None."""
        try:
            return work()
        except YunzhanError as err:
            self.studio.report(err)
            return None

    def _edit(self, work: Callable[[], object], *, whole: bool = True):
        """Make one edit, then show the project as it now is (``whole=False``: the
        edit changed only the current hall and its hotspots)."""
        result = self._guard(work)
        self._reload() if whole else self._reload_hall()
        return result

    def place_hotspot(self, yaw: float, pitch: float, **what) -> model.Hotspot | None:
        """Add a hotspot to the current hall at (yaw, pitch) and select it; ``what`` is
        ``to=slug``, ``object=id`` or ``note_zh``/``note_en`` (see :func:`scenes.model.add_hotspot`)."""
        if self.current is None:
            return None
        spot = self._edit(lambda: model.add_hotspot(self.project, self.current, yaw=yaw, pitch=pitch, **what),
                          whole=False)
        if spot is not None:
            self.view.select(spot.id)
        return spot

    def move_hotspot(self, hotspot_id: int, yaw: float, pitch: float) -> None:
        self._edit(lambda: model.move_hotspot(self.project, hotspot_id, yaw=yaw, pitch=pitch), whole=False)

    def edit_hotspot(self, hotspot_id: int, changes: dict) -> None:
        if set(changes) <= {"yaw", "pitch"}:
            self.move_hotspot(hotspot_id, changes["yaw"], changes["pitch"])
        else:
            self._edit(lambda: model.update_hotspot(self.project, hotspot_id, **changes), whole=False)

    def delete_hotspot(self, hotspot_id: int) -> None:
        self.view.selected = None
        self._edit(lambda: model.remove_hotspot(self.project, hotspot_id), whole=False)

    def set_start_view(self) -> None:
        cam = self.view.camera()
        if self.current:
            self._edit(lambda: model.set_initial_view(self.project, self.current, yaw=round(cam.yaw, 2),
                                                      pitch=round(cam.pitch, 2), fov=round(cam.hfov, 2)))

    def set_north(self) -> None:
        if self.current:
            self._edit(lambda: model.set_north(self.project, self.current, round(self.view.yaw, 2)))

    def go_to_start_view(self) -> None:
        if self.hall is not None:
            self.view.look_at(self.hall.view.yaw, self.hall.view.pitch, self.hall.view.fov)

    # -- the arrival view of a walk-to hotspot, set by looking -------------------------
    def look_for_arrival(self, hotspot_id: int) -> None:
        """Show the hall the hotspot leads to, at its arrival view, until "Use this view
        as the arrival" (or Cancel) brings the curator back."""
        spot = next((s for s in self.hall.hotspots if s.id == hotspot_id), None) if self.hall else None
        if spot is None or spot.kind != model.HALL:
            return
        target = next(h for h in self.halls if h.slug == spot.target_hall)
        self._arrival_for = (self.current, hotspot_id, target.slug)
        self.hall_list.setCurrentRow(self.halls.index(target))
        if spot.arrive_yaw is not None:
            self.view.look_at(spot.arrive_yaw, spot.arrive_pitch or 0.0)
        for button in (self.arrival_button, self.arrival_cancel):
            button.show()
        self.studio.notify(self.tr("Look where visitors should arrive in {0}, then press \"Use this view as the "
                                   "arrival\"").format(hall_title(target)))

    def use_arrival_view(self) -> None:
        if self._arrival_for is None:
            return
        _, hotspot_id, target = self._arrival_for
        if self.current == target:  # not when the curator went on to another hall meanwhile
            yaw, pitch = round(self.view.yaw, 2), round(self.view.pitch, 2)
            self._guard(lambda: model.update_hotspot(self.project, hotspot_id, arrive_yaw=yaw, arrive_pitch=pitch))
        self._end_arrival()

    def _end_arrival(self) -> None:
        source, hotspot_id, _ = self._arrival_for or (None, None, None)
        self._arrival_for = None
        for button in (self.arrival_button, self.arrival_cancel):
            button.hide()
        if source is not None and any(h.slug == source for h in self.halls):
            self.current = source
            self.refresh()
            self.view.select(hotspot_id)

    def undo(self) -> None:
        """Undo the project's newest action (this pane's or any other's)."""
        step = self._edit(lambda: history.undo(self.project))
        self.studio.notify(self.tr("Undone: {0}").format(step.label) if step else self.tr("Nothing to undo"))

    def redo(self) -> None:
        step = self._edit(lambda: history.redo(self.project))
        self.studio.notify(self.tr("Redone: {0}").format(step.label) if step else self.tr("Nothing to redo"))

    def reorder(self, slugs: list[str]) -> None:
        self._edit(lambda: model.reorder_halls(self.project, slugs))

    def pin(self, slug: str, x: float, y: float) -> None:
        self._edit(lambda: model.pin_hall(self.project, slug, x=x, y=y))

    def remove_hall(self, slug: str, *, force: bool = False) -> None:
        """Remove the hall ``slug``; when hotspots in other halls lead to it, ask first
        (a non-modal question) whether to remove them too."""
        linked = [s for h in self.halls if h.slug != slug for s in h.hotspots if s.target_hall == slug]
        if linked and not force:
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove hall"),
                              self.tr("{0} hotspots in other halls lead to hall {1}. Remove the hall and them?")
                              .format(len(linked), slug),
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
            box.setObjectName("removeHallQuestion")
            box.button(QMessageBox.StandardButton.Yes).clicked.connect(lambda: self.remove_hall(slug, force=True))
            self._open_dialog(box)
            return
        if self._edit(lambda: model.remove_hall(self.project, slug, force=force)) is not None:
            self.studio.notify(self.tr("Removed hall {0}").format(slug))

    def add_halls(self, paths: list[Path]) -> None:
        """Add a hall for each panorama photo (checked and stored on a worker thread)."""
        for path in paths:
            path = Path(path)

            def landed(hall, name=path.name) -> None:
                self.current = hall.slug
                self._reload()
                self.studio.notify(self.tr("Added hall {0} from {1}").format(hall.slug, name))

            self.studio.run_task(self.tr("Adding hall from {0}").format(path.name),
                                 lambda project, progress, p=path: model.add_hall_from_photo(
                                     project, p, progress=progress), on_done=self._while_shown(landed))

    # -- placing: a click asks what to place ----------------------------------------
    def offer_placement(self, x: float, y: float, yaw: float, pitch: float) -> QMenu:
        """The menu a click on the panorama opens: walk to a hall, an object, a note."""
        menu = QMenu(self)
        menu.setObjectName("placeMenu")
        walk = menu.addMenu(self.tr("Walk to"))
        walk.setObjectName("walkToMenu")
        for hall in self.halls:
            if hall.slug != self.current:
                action = walk.addAction(hall_title(hall))
                action.setData(hall.slug)
                action.triggered.connect(lambda _c=False, to=hall.slug: self.place_hotspot(yaw, pitch, to=to))
        walk.setEnabled(len(self.halls) > 1)
        menu.addAction(self.tr("Object…")).triggered.connect(lambda: self._pick_object(yaw, pitch))
        menu.addAction(self.tr("Note…")).triggered.connect(lambda: self._write_note(yaw, pitch))
        if self.place_menu is not None:
            self.place_menu.deleteLater()
        self.place_menu = menu
        if self.current is not None:
            menu.popup(self.view.mapToGlobal(QPoint(round(x), round(y))))
        return menu

    def _open_dialog(self, dialog) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()

    def _pick_object(self, yaw: float, pitch: float) -> None:
        self._open_dialog(ObjectPicker(self.studio, lambda object_id: self.place_hotspot(yaw, pitch, object=object_id),
                                       parent=self))

    def _choose_other_object(self, hotspot_id: int) -> None:
        self._open_dialog(ObjectPicker(
            self.studio, lambda object_id: self._edit(lambda: model.update_hotspot(
                self.project, hotspot_id, object=object_id), whole=False), parent=self))

    def _write_note(self, yaw: float, pitch: float) -> None:
        self._open_dialog(NoteDialog(lambda zh, en: self.place_hotspot(yaw, pitch, note_zh=zh, note_en=en),
                                     parent=self))

    # -- files from outside ----------------------------------------------------------
    def _ask_add(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add halls from panorama photos"), "",
                                                self.tr("Panorama photos (*.jpg *.jpeg)"))
        if paths:
            self.add_halls([Path(p) for p in paths])

    def _ask_floor_plan(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Floor plan image"), "",
                                              self.tr("Images (*.png *.jpg *.jpeg *.webp)"))
        if path:
            def work():
                model.set_floor_plan(self.project, model.store_image(self.project, path))
            self._edit(work)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.add_halls(files)
