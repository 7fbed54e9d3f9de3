"""The editor of one tour stop: its hall, an optional arrival view and an optional object
(its narration is the Tours pane's :class:`~studio.gui.narration_panel.NarrationPanel`).

It shows a :class:`~scenes.model.TourStop` and announces what the user chose
(``hall_chosen``, ``view_chosen``, ``object_chosen``); the Tours pane writes that
through the library and shows the stop again from the model. While it pulls a stop
into its fields it blocks its own signals, so showing never writes.
"""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QWidget

from scenes import model


def both_titles(zh: str, en: str, fallback: str) -> str:
    """``"序厅 · Entrance hall"``, one of them when the other is empty, else ``fallback``."""
    return " · ".join(t for t in (zh, en) if t) or fallback


class StopEditor(QWidget):
    """Hall, view and object of the selected stop."""

    hall_chosen = Signal(str)        # a hall slug
    view_chosen = Signal(object)     # a scenes.model.View, or None for the hall's initial view
    object_chosen = Signal(object)   # an accession number, or None

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("stopEditor")
        self.stop: model.TourStop | None = None
        self._halls: dict[str, model.Hall] = {}

        self.hall_box = QComboBox()
        self.hall_box.setObjectName("stopHall")
        self.hall_box.activated.connect(self._hall_activated)

        self.own_view = QCheckBox(self.tr("Arrive looking at:"))
        self.own_view.setObjectName("stopOwnView")
        self.own_view.setToolTip(self.tr("Off: visitors arrive at the hall's start view."))
        self.own_view.toggled.connect(self._own_view_toggled)
        self.yaw = self._angle("stopYaw", -180, 180, self.tr("yaw "))
        self.pitch = self._angle("stopPitch", -90, 90, self.tr("pitch "))
        self.fov = self._angle("stopFov", 1, 180, self.tr("field of view "))
        view_row = QHBoxLayout()
        view_row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.own_view, self.yaw, self.pitch, self.fov):
            view_row.addWidget(widget)
        view_row.addStretch(1)

        self.object_box = QComboBox()
        self.object_box.setObjectName("stopObject")
        self.object_box.setEditable(True)
        self.object_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.object_box.lineEdit().setPlaceholderText(self.tr("none — or type an accession number"))
        self.object_box.activated.connect(self._object_activated)
        self.object_box.lineEdit().returnPressed.connect(self._object_typed)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Hall"), self.hall_box)
        form.addRow(self.tr("View"), view_row)
        form.addRow(self.tr("Object"), self.object_box)
        self.show_stop(None, [], [])

    def _angle(self, name: str, lo: float, hi: float, prefix: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setObjectName(name)
        box.setRange(lo, hi)
        box.setDecimals(1)
        box.setSuffix("°")
        box.setPrefix(prefix)
        box.setKeyboardTracking(False)
        box.editingFinished.connect(self._angles_edited)
        return box

    # -- pulling from the model --------------------------------------------------
    def show_stop(self, stop: model.TourStop | None, halls: Sequence[model.Hall],
                  objects: Sequence[tuple[str, str]]) -> None:
        """Show ``stop`` (None: nothing selected); ``halls`` to choose from, ``objects``
        (accession, title) offered for it: those pinned in its hall."""
        self.stop = stop
        self._halls = {h.slug: h for h in halls}
        blockers = [QSignalBlocker(w) for w in (self.hall_box, self.own_view, self.yaw, self.pitch, self.fov,
                                                  self.object_box)]
        try:
            self.hall_box.clear()
            for hall in halls:
                self.hall_box.addItem(both_titles(hall.title_zh, hall.title_en, hall.slug), hall.slug)
            self.object_box.clear()
            self.object_box.addItem(self.tr("(none)"), None)
            for accession, title in objects:
                self.object_box.addItem(f"{accession} — {title}" if title else accession, accession)
            enabled = stop is not None
            for widget in (self.hall_box, self.own_view, self.object_box):
                widget.setEnabled(enabled)
            if stop is None:
                self.own_view.setChecked(False)
                self._enable_angles(False)
                return
            self.hall_box.setCurrentIndex(max(0, self.hall_box.findData(stop.hall)))
            hall = self._halls.get(stop.hall)
            view = stop.view or (hall.view if hall is not None else None)  # offered when the box is ticked
            self.own_view.setChecked(stop.view is not None)
            if view is not None:
                self.yaw.setValue(view.yaw)
                self.pitch.setValue(view.pitch)
                self.fov.setValue(view.fov)
            self._enable_angles(stop.view is not None)
            if stop.object_accession is None:
                self.object_box.setCurrentIndex(0)
            else:
                found = self.object_box.findData(stop.object_accession)
                if found < 0:  # an object not pinned in this hall: offered all the same
                    self.object_box.addItem(stop.object_accession, stop.object_accession)
                    found = self.object_box.count() - 1
                self.object_box.setCurrentIndex(found)
        finally:
            del blockers

    def _enable_angles(self, on: bool) -> None:
        for box in (self.yaw, self.pitch, self.fov):
            box.setEnabled(on)

    def current_view(self) -> model.View:
        return model.View(self.yaw.value(), self.pitch.value(), self.fov.value())

    # -- pushing what the user chose -------------------------------------------------
    def _hall_activated(self, row: int) -> None:
        slug = self.hall_box.itemData(row)
        if self.stop is not None and slug and slug != self.stop.hall:
            self.hall_chosen.emit(slug)

    def _own_view_toggled(self, on: bool) -> None:
        if self.stop is not None:
            self.view_chosen.emit(self.current_view() if on else None)

    def _angles_edited(self) -> None:
        if self.stop is not None and self.own_view.isChecked() and self.current_view() != self.stop.view:
            self.view_chosen.emit(self.current_view())

    def _object_activated(self, row: int) -> None:
        accession = self.object_box.itemData(row)
        if self.stop is not None and accession != self.stop.object_accession:
            self.object_chosen.emit(accession)

    def _object_typed(self) -> None:
        text = self.object_box.currentText().strip()
        found = self.object_box.findText(text)
        accession = self.object_box.itemData(found) if found >= 0 else (text or None)
        if self.stop is not None and accession != self.stop.object_accession:
            self.object_chosen.emit(accession)
