"""The side panel of the Halls pane: the selected hotspot's settings.

It shows a :class:`scenes.model.Hotspot` and asks for changes through its signals
(``edited(id, changes)`` with keyword arguments for :func:`scenes.model.update_hotspot`,
``choose_object(id)``, ``delete_requested(id)``); the pane makes them. While it
pulls a hotspot into its fields it blocks their signals, so showing never edits.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from scenes import model


def _angle_box(lo: float, hi: float, name: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setObjectName(name)
    box.setRange(lo, hi)
    box.setDecimals(1)
    box.setSuffix("°")
    box.setKeyboardTracking(False)  # one edit when typing ends, not one per key
    return box


class HotspotPanel(QWidget):
    edited = Signal(int, dict)
    choose_object = Signal(int)
    look_for_arrival = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("hotspotPanel")
        self.hotspot: model.Hotspot | None = None
        self.heading = QLabel()
        self.heading.setObjectName("hotspotHeading")
        self.heading.setWordWrap(True)

        self.yaw = _angle_box(-180, 180, "hotspotYaw")
        self.pitch = _angle_box(-90, 90, "hotspotPitch")
        where = QFormLayout()
        where.addRow(self.tr("Yaw"), self.yaw)
        where.addRow(self.tr("Pitch"), self.pitch)

        # kind: walk to a hall
        self.walk = QGroupBox(self.tr("Walk to"))
        self.target = QComboBox()
        self.target.setObjectName("hotspotTarget")
        self.arrive_yaw = _angle_box(-180, 180, "arriveYaw")
        self.arrive_pitch = _angle_box(-90, 90, "arrivePitch")
        walk = QFormLayout(self.walk)
        walk.addRow(self.tr("Hall"), self.target)
        walk.addRow(self.tr("Arrival yaw"), self.arrive_yaw)
        walk.addRow(self.tr("Arrival pitch"), self.arrive_pitch)
        look = QPushButton(self.tr("Set arrival by looking…"))
        look.setObjectName("lookForArrival")
        look.setToolTip(self.tr("Opens the hall it leads to: look where visitors should arrive looking"))
        look.clicked.connect(lambda: self.hotspot and self.look_for_arrival.emit(self.hotspot.id))
        walk.addRow(look)

        # kind: an object
        self.object_box = QGroupBox(self.tr("Object"))
        self.object_label = QLabel()
        self.object_label.setObjectName("hotspotObject")
        self.object_label.setWordWrap(True)
        change = QPushButton(self.tr("Choose another object…"))
        change.setObjectName("chooseObject")
        change.clicked.connect(lambda: self.hotspot and self.choose_object.emit(self.hotspot.id))
        obj = QVBoxLayout(self.object_box)
        obj.addWidget(self.object_label)
        obj.addWidget(change)

        # kind: a note
        self.note_box = QGroupBox(self.tr("Note"))
        self.note_zh = QPlainTextEdit()
        self.note_zh.setObjectName("hotspotNoteZh")
        self.note_en = QPlainTextEdit()
        self.note_en.setObjectName("hotspotNoteEn")
        for box in (self.note_zh, self.note_en):
            box.setMaximumHeight(90)
        apply_note = QPushButton(self.tr("Apply note"))
        apply_note.setObjectName("applyNote")
        apply_note.clicked.connect(self._note_changed)
        note = QFormLayout(self.note_box)
        note.addRow(self.tr("Chinese"), self.note_zh)
        note.addRow(self.tr("English"), self.note_en)
        note.addRow(apply_note)

        self.label_zh = QLineEdit()
        self.label_zh.setObjectName("hotspotLabelZh")
        self.label_en = QLineEdit()
        self.label_en.setObjectName("hotspotLabelEn")
        labels = QFormLayout()
        labels.addRow(self.tr("Label (Chinese)"), self.label_zh)
        labels.addRow(self.tr("Label (English)"), self.label_en)

        delete = QPushButton(self.tr("Delete hotspot"))
        delete.setObjectName("deleteHotspot")
        delete.clicked.connect(lambda: self.hotspot and self.delete_requested.emit(self.hotspot.id))

        self.empty = QLabel(self.tr("Click the panorama to place a hotspot; select one to edit it."))
        self.empty.setObjectName("hotspotEmpty")
        self.empty.setWordWrap(True)
        self.editor = QWidget()
        layout = QVBoxLayout(self.editor)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(where)
        for part in (self.walk, self.object_box, self.note_box):
            layout.addWidget(part)
        layout.addLayout(labels)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(delete)
        layout.addLayout(row)
        outer = QVBoxLayout(self)
        outer.addWidget(self.empty)
        outer.addWidget(self.editor)
        outer.addStretch(1)

        self.yaw.valueChanged.connect(lambda _v: self._send(yaw=self.yaw.value(), pitch=self.pitch.value()))
        self.pitch.valueChanged.connect(lambda _v: self._send(yaw=self.yaw.value(), pitch=self.pitch.value()))
        self.target.activated.connect(lambda _i: self._send(to=self.target.currentData()))
        self.arrive_yaw.valueChanged.connect(
            lambda _v: self._send(arrive_yaw=self.arrive_yaw.value(), arrive_pitch=self.arrive_pitch.value()))
        self.arrive_pitch.valueChanged.connect(
            lambda _v: self._send(arrive_yaw=self.arrive_yaw.value(), arrive_pitch=self.arrive_pitch.value()))
        self.label_zh.editingFinished.connect(lambda: self._send(label_zh=self.label_zh.text().strip()))
        self.label_en.editingFinished.connect(lambda: self._send(label_en=self.label_en.text().strip()))
        self.show_hotspot(None, [])

    def _send(self, **changes) -> None:
        if self.hotspot is None:
            return
        current = {"yaw": self.hotspot.yaw, "pitch": self.hotspot.pitch, "to": self.hotspot.target_hall,
                   "arrive_yaw": self.hotspot.arrive_yaw, "arrive_pitch": self.hotspot.arrive_pitch,
                   "label_zh": self.hotspot.label_zh, "label_en": self.hotspot.label_en}
        if any(current.get(k) != v for k, v in changes.items()):
            self.edited.emit(self.hotspot.id, changes)

    def _note_changed(self) -> None:
        self._send(note_zh=self.note_zh.toPlainText().strip(), note_en=self.note_en.toPlainText().strip())

    def show_hotspot(self, spot: model.Hotspot | None, halls, object_text: str = "") -> None:
        """Show ``spot`` (None: nothing selected); ``halls`` are (slug, title) of the other halls."""
        self.hotspot = spot
        self.empty.setVisible(spot is None)
        self.editor.setVisible(spot is not None)
        if spot is None:
            return
        blockers = [QSignalBlocker(w) for w in (self.yaw, self.pitch, self.target, self.arrive_yaw, self.arrive_pitch,
                                                self.label_zh, self.label_en, self.note_zh, self.note_en)]
        kinds = {model.HALL: self.tr("Hotspot: walk to another hall"), model.OBJECT: self.tr("Hotspot: an object"),
                 model.NOTE: self.tr("Hotspot: a note")}
        self.heading.setText(f"<b>{kinds.get(spot.kind, spot.kind)}</b>")
        self.yaw.setValue(spot.yaw)
        self.pitch.setValue(spot.pitch)
        self.walk.setVisible(spot.kind == model.HALL)
        self.object_box.setVisible(spot.kind == model.OBJECT)
        self.note_box.setVisible(spot.kind == model.NOTE)
        if spot.kind == model.HALL:
            self.target.clear()
            for slug, title in halls:
                self.target.addItem(title, slug)
            self.target.setCurrentIndex(max(0, self.target.findData(spot.target_hall)))
            self.arrive_yaw.setValue(spot.arrive_yaw or 0.0)
            self.arrive_pitch.setValue(spot.arrive_pitch or 0.0)
        elif spot.kind == model.OBJECT:
            self.object_label.setText(object_text or spot.object_accession or "")
        else:
            self.note_zh.setPlainText(spot.note_zh)
            self.note_en.setPlainText(spot.note_en)
        self.label_zh.setText(spot.label_zh)
        self.label_en.setText(spot.label_en)
        del blockers
