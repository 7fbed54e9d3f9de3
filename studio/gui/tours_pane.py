"""The Tours pane: the tours and their stops in order, each stop's hall, view and object,
and the default tour.

Everything shown is read from :mod:`scenes.model`; every edit is one library call
(:func:`~scenes.model.reorder_stops`, :func:`~scenes.model.update_tour`...), after
which the pane shows the model again. Dragging a tour or a stop only asks the
library for the new order (:class:`~studio.gui.reorder_list.ReorderList`). Edits made
elsewhere (a hall renamed in the Halls pane, an undo) arrive as
:attr:`Studio.changed <studio.gui.studio_context.Studio.changed>` and redraw the pane.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidgetItem,
                               QPushButton, QSplitter, QVBoxLayout, QWidget)

from assets.catalog import Catalog
from assets.changes import Changes
from assets.errors import YunzhanError
from scenes import model
from studio.gui.narration_panel import NarrationPanel, narrate_all
from studio.gui.reorder_list import ReorderList
from studio.gui.tour_stop_editor import StopEditor, both_titles

# Tables whose changes the pane shows: tours and stops, the default tour (exhibition),
# hall titles on the stops, and object numbers.
_WATCHED = ("tours", "tour_stops", "exhibition", "halls", "hotspots", "objects")


class ToursPane(QWidget):
    """Tours of one project's exhibition."""

    def __init__(self, studio, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("toursPane")
        self.studio = studio
        self.project = studio.project
        self.exhibition: model.Exhibition = model.Exhibition()

        # -- the tours -----------------------------------------------------------------
        self.tour_list = ReorderList()
        self.tour_list.setObjectName("tourList")
        self.tour_list.setWordWrap(True)
        self.tour_list.currentRowChanged.connect(lambda _row: self._show_current_tour())
        self.tour_list.moved.connect(self._tour_moved)
        self.add_tour_button = QPushButton(self.tr("Add tour"))
        self.add_tour_button.setObjectName("addTour")
        self.add_tour_button.clicked.connect(self.add_tour)
        self.remove_tour_button = QPushButton(self.tr("Remove tour"))
        self.remove_tour_button.setObjectName("removeTour")
        self.remove_tour_button.clicked.connect(self.remove_tour)
        tours_box = QGroupBox(self.tr("Tours"))
        tours_layout = QVBoxLayout(tours_box)
        tours_layout.addWidget(QLabel(self.tr("Drag to change the order visitors see.")))
        tours_layout.addWidget(self.tour_list, 1)
        tours_layout.addLayout(_row(self.add_tour_button, self.remove_tour_button))
        self.narrate_all_button = QPushButton(self.tr("Narrate all"))
        self.narrate_all_button.setObjectName("narrateAll")
        self.narrate_all_button.setToolTip(self.tr("Speak every missing or stale narration of the project "
                                                   "(objects, halls, stops) in the background"))
        self.narrate_all_button.clicked.connect(lambda _checked=False: narrate_all(self.studio))
        tours_layout.addLayout(_row(self.narrate_all_button))

        # -- the selected tour ------------------------------------------------------------
        self.slug_label = QLabel()
        self.slug_label.setObjectName("tourSlug")
        self.slug_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title_zh = QLineEdit()
        self.title_zh.setObjectName("tourTitleZh")
        self.title_en = QLineEdit()
        self.title_en.setObjectName("tourTitleEn")
        for box in (self.title_zh, self.title_en):
            box.editingFinished.connect(self._titles_edited)
        self.default_box = QCheckBox(self.tr("Default tour (a visit follows it: the start hall and “next” links)"))
        self.default_box.setObjectName("defaultTour")
        self.default_box.toggled.connect(self._default_toggled)

        self.stop_list = ReorderList()
        self.stop_list.setObjectName("stopList")
        self.stop_list.currentRowChanged.connect(lambda _row: self._show_current_stop())
        self.stop_list.moved.connect(self._stop_moved)
        self.add_stop_button = QPushButton(self.tr("Add stop"))
        self.add_stop_button.setObjectName("addStop")
        self.add_stop_button.clicked.connect(self.add_stop)
        self.remove_stop_button = QPushButton(self.tr("Remove stop"))
        self.remove_stop_button.setObjectName("removeStop")
        self.remove_stop_button.clicked.connect(self.remove_stop)
        self.stop_editor = StopEditor()
        self.stop_editor.hall_chosen.connect(lambda slug: self._edit_stop(model.set_stop_hall, slug))
        self.stop_editor.view_chosen.connect(lambda view: self._edit_stop(model.set_stop_view, view))
        self.stop_editor.object_chosen.connect(lambda accession: self._edit_stop(model.set_stop_object, accession))

        self.tour_box = QGroupBox(self.tr("Tour"))
        form = QFormLayout()
        form.addRow(self.tr("Slug"), self.slug_label)
        form.addRow(self.tr("Title (Chinese)"), self.title_zh)
        form.addRow(self.tr("Title (English)"), self.title_en)
        form.addRow("", self.default_box)
        stops_box = QGroupBox(self.tr("Stops, in order (drag to reorder)"))
        stops_layout = QVBoxLayout(stops_box)
        stops_layout.addWidget(self.stop_list, 1)
        stops_layout.addLayout(_row(self.add_stop_button, self.remove_stop_button))
        self.narration_panel = NarrationPanel(studio)
        stop_box = QGroupBox(self.tr("Selected stop"))
        stop_layout = QVBoxLayout(stop_box)
        stop_layout.addWidget(self.stop_editor)
        stop_layout.addWidget(self.narration_panel)
        tour_layout = QVBoxLayout(self.tour_box)
        tour_layout.addLayout(form)
        tour_layout.addWidget(stops_box, 1)
        tour_layout.addWidget(stop_box)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(tours_box)
        splitter.addWidget(self.tour_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        studio.changed.connect(self._on_changed)
        self.reload()

    # -- reading -------------------------------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*_WATCHED):
            self.reload()

    def reload(self) -> None:
        """Show the project's tours again, keeping the selected tour and stop."""
        tour, stop = self.current_tour(), self.stop_list.currentRow()
        self.exhibition = model.load_exhibition(self.project)
        self._fill_tours(tour.slug if tour else None)
        self._show_current_tour(stop)

    def current_tour(self) -> model.Tour | None:
        item = self.tour_list.currentItem()
        slug = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((t for t in self.exhibition.tours if t.slug == slug), None)

    def current_stop_index(self) -> int | None:
        tour, row = self.current_tour(), self.stop_list.currentRow()
        return row if tour is not None and 0 <= row < len(tour.stops) else None

    def hall_title(self, slug: str) -> str:
        hall = next((h for h in self.exhibition.halls if h.slug == slug), None)
        return both_titles(hall.title_zh, hall.title_en, slug) if hall else slug

    def tour_texts(self) -> list[str]:
        """What the tour list shows, row by row."""
        return [self.tour_list.item(n).text() for n in range(self.tour_list.count())]

    def stop_texts(self) -> list[str]:
        return [self.stop_list.item(n).text() for n in range(self.stop_list.count())]

    def _fill_tours(self, keep: str | None) -> None:
        with QSignalBlocker(self.tour_list):
            self.tour_list.clear()
            for tour in self.exhibition.tours:
                title = both_titles(tour.title_zh, tour.title_en, tour.slug)
                route = " → ".join(self.hall_title(s.hall) for s in tour.stops) or self.tr("(no stops yet)")
                is_default = tour.slug == self.exhibition.default_tour
                item = QListWidgetItem(f"{'★ ' if is_default else ''}{title}\n{route}")
                item.setData(Qt.ItemDataRole.UserRole, tour.slug)
                item.setToolTip(self.tr("The default tour") if is_default else tour.slug)
                if is_default:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.tour_list.addItem(item)
            slugs = [t.slug for t in self.exhibition.tours]
            if slugs:
                self.tour_list.setCurrentRow(slugs.index(keep) if keep in slugs else 0)

    def _show_current_tour(self, keep_stop: int = 0) -> None:
        tour = self.current_tour()
        self.tour_box.setEnabled(tour is not None)
        self.remove_tour_button.setEnabled(tour is not None)
        with QSignalBlocker(self.title_zh), QSignalBlocker(self.title_en), QSignalBlocker(self.default_box), \
                QSignalBlocker(self.stop_list):
            same_tour = tour is not None and self.slug_label.text() == tour.slug
            self.slug_label.setText(tour.slug if tour else "")
            for box, text in ((self.title_zh, tour.title_zh if tour else ""),
                              (self.title_en, tour.title_en if tour else "")):
                if not (same_tour and box.hasFocus() and box.isModified()):
                    box.setText(text)  # a title being typed is not overwritten by another edit's redraw
            self.default_box.setChecked(tour is not None and tour.slug == self.exhibition.default_tour)
            self.stop_list.clear()
            for n, stop in enumerate(tour.stops if tour else ()):
                item = QListWidgetItem(self._stop_text(n, stop))
                self.stop_list.addItem(item)
            if tour and tour.stops:
                self.stop_list.setCurrentRow(min(max(keep_stop, 0), len(tour.stops) - 1))
        self._show_current_stop()

    def _stop_text(self, n: int, stop: model.TourStop) -> str:
        parts = [f"{n + 1}. {self.hall_title(stop.hall)}"]
        if stop.view is not None:
            parts.append(self.tr("view {0:.0f}°, {1:.0f}°, {2:.0f}°").format(stop.view.yaw, stop.view.pitch,
                                                                            stop.view.fov))
        if stop.object_accession:
            parts.append(self.tr("object {0}").format(stop.object_accession))
        if stop.narration_sha:
            parts.append(self.tr("narration"))
        return " — ".join(parts)

    def _show_current_stop(self) -> None:
        tour, index = self.current_tour(), self.current_stop_index()
        stop = tour.stops[index] if tour is not None and index is not None else None
        self.remove_stop_button.setEnabled(stop is not None)
        self.add_stop_button.setEnabled(tour is not None and bool(self.exhibition.halls))
        self.stop_editor.show_stop(stop, self.exhibition.halls, self._objects_near(stop))
        self.narration_panel.show_subject(f"{tour.slug}:{index + 1}" if stop is not None else None)

    def _objects_near(self, stop: model.TourStop | None) -> list[tuple[str, str]]:
        """The objects pinned in the stop's hall, offered for the stop: (accession, title)."""
        if stop is None:
            return []
        hall = next((h for h in self.exhibition.halls if h.slug == stop.hall), None)
        ids = list(dict.fromkeys(s.object_id for s in (hall.hotspots if hall else ()) if s.object_id))
        return [(o.accession, both_titles(o.title_zh, o.title_en, "")) for o in Catalog(self.project).rows(ids)]

    # -- writing: each user action is one library call -------------------------------------
    def _edit(self, action: Callable[[], object]) -> bool:
        """Run one edit through the library; errors go to the one error handler. The
        pane then shows the model (also when the edit was refused)."""
        try:
            action()
            return True
        except YunzhanError as err:
            self.studio.report(err)
            return False
        finally:
            self.reload()

    def add_tour(self) -> bool:
        """Add an empty tour after the others and select it."""
        slug = model.free_tour_slug(self.project)
        done = self._edit(lambda: model.add_tour(self.project, slug=slug))
        if done:
            self.select_tour(slug)
            self.title_zh.setFocus()
        return done

    def remove_tour(self) -> bool:
        tour = self.current_tour()
        return tour is not None and self._edit(lambda: model.remove_tour(self.project, tour.slug))

    def select_tour(self, slug: str) -> None:
        for n in range(self.tour_list.count()):
            if self.tour_list.item(n).data(Qt.ItemDataRole.UserRole) == slug:
                self.tour_list.setCurrentRow(n)

    def _tour_moved(self, from_row: int, to_row: int) -> None:
        slugs = [t.slug for t in self.exhibition.tours]
        slugs.insert(to_row, slugs.pop(from_row))
        self._edit(lambda: model.reorder_tours(self.project, slugs))

    def _titles_edited(self) -> None:
        tour = self.current_tour()
        zh, en = self.title_zh.text().strip(), self.title_en.text().strip()
        for box in (self.title_zh, self.title_en):
            box.setModified(False)  # what was typed is now the model's (or refused and shown again)
        if tour is not None and (zh, en) != (tour.title_zh, tour.title_en):
            self._edit(lambda: model.update_tour(self.project, tour.slug, title_zh=zh, title_en=en))

    def _default_toggled(self, on: bool) -> None:
        tour = self.current_tour()
        if tour is not None:
            self._edit(lambda: model.set_default_tour(self.project, tour.slug if on else None))

    def _stop_moved(self, from_row: int, to_row: int) -> None:
        tour = self.current_tour()
        if tour is not None:
            order = list(range(len(tour.stops)))
            order.insert(to_row, order.pop(from_row))
            if self._edit(lambda: model.reorder_stops(self.project, tour.slug, order)):
                self.stop_list.setCurrentRow(to_row)  # the moved stop stays selected

    def add_stop(self) -> bool:
        """Add a stop after the selected one, at the hall that follows its hall."""
        tour, index = self.current_tour(), self.current_stop_index()
        halls = [h.slug for h in self.exhibition.halls]
        if tour is None or not halls:
            return False
        after = tour.stops[index].hall if index is not None else (tour.stops[-1].hall if tour.stops else None)
        hall = halls[(halls.index(after) + 1) % len(halls)] if after in halls else halls[0]
        at = index + 1 if index is not None else len(tour.stops)
        done = self._edit(lambda: model.add_stop(self.project, tour.slug, hall, index=at))
        if done:
            self.stop_list.setCurrentRow(at)
        return done

    def remove_stop(self) -> bool:
        tour, index = self.current_tour(), self.current_stop_index()
        return tour is not None and index is not None and self._edit(
            lambda: model.remove_stop(self.project, tour.slug, index))

    def _edit_stop(self, function, value) -> None:
        tour, index = self.current_tour(), self.current_stop_index()
        if tour is not None and index is not None:
            self._edit(lambda: function(self.project, tour.slug, index, value))


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row
