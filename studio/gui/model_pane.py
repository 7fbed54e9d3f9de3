"""The studio's 3D pane: preview a model (pyvistaqt), pin notes on its surface by
clicking, and set the viewer's start camera. Every edit goes through
scenes.model_scenes (one undoable step each); the pane follows ``studio.changed``.

pyvistaqt's QtInteractor needs OpenGL through a real display (Xvfb on a server);
under ``QT_QPA_PLATFORM=offscreen`` it cannot start, so the pane is built only
where a display exists.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QSplitter, QVBoxLayout, QWidget)

from assets.errors import YunzhanError
from assets.models.store import list_models, studio_glb
from scenes import model_scenes


class ModelPane(QWidget):
    """Models on the left; the selected one in 3D with its notes on the right."""

    def __init__(self, studio, parent: QWidget | None = None):
        super().__init__(parent)
        import pyvista as pv
        from pyvistaqt import QtInteractor

        self.studio = studio
        self._pv = pv
        self._sha: str | None = None
        self._tmp = tempfile.TemporaryDirectory(prefix="yunzhan-studio-3d-")
        self.setObjectName("model")

        self.models = QListWidget()
        self.models.currentItemChanged.connect(self._on_model)
        self.plotter = QtInteractor(self)
        self.plotter.set_background("#f4f1ea")
        self.notes = QListWidget()
        self.title_zh, self.title_en = QLineEdit(), QLineEdit()
        self.text_zh, self.text_en = QLineEdit(), QLineEdit()
        self.placing = QPushButton(self.tr("Place a note by clicking the model"))
        self.placing.setCheckable(True)
        self.camera_button = QPushButton(self.tr("Use this view as the start camera"))
        self.camera_button.clicked.connect(self.set_start_camera)
        self.remove_button = QPushButton(self.tr("Remove note"))
        self.remove_button.clicked.connect(self._remove_note)
        self.status = QLabel()

        form = QFormLayout()
        form.addRow(self.tr("Title (Chinese)"), self.title_zh)
        form.addRow(self.tr("Title (English)"), self.title_en)
        form.addRow(self.tr("Text (Chinese)"), self.text_zh)
        form.addRow(self.tr("Text (English)"), self.text_en)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(QLabel(self.tr("Notes")))
        side_layout.addWidget(self.notes)
        side_layout.addLayout(form)
        side_layout.addWidget(self.placing)
        side_layout.addWidget(self.remove_button)
        side_layout.addWidget(self.camera_button)
        side_layout.addWidget(self.status)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.models)
        split.addWidget(self.plotter.interactor)
        split.addWidget(side)
        split.setStretchFactor(1, 3)
        layout = QHBoxLayout(self)
        layout.addWidget(split)

        # A left click while placing: VTK picks the surface point and its normal.
        self.plotter.iren.add_observer("LeftButtonPressEvent", self._on_click)
        studio.changed.connect(self._on_changed)
        self.reload()

    # -- reading --------------------------------------------------------------------
    def reload(self) -> None:
        current = self._sha
        self.models.blockSignals(True)
        self.models.clear()
        for model in list_models(self.studio.project):
            item = QListWidgetItem(f"{model.main_name} ({model.triangles:,})")
            item.setData(Qt.ItemDataRole.UserRole, model.sha256)
            self.models.addItem(item)
            if model.sha256 == current:
                self.models.setCurrentItem(item)
        self.models.blockSignals(False)
        if current is None and self.models.count():
            self.models.setCurrentRow(0)

    def _on_model(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        self.show_model(item.data(Qt.ItemDataRole.UserRole))

    def show_model(self, sha: str) -> None:
        """Show model ``sha`` (its uncompressed web version, textured) from its start camera."""
        self._sha = sha
        path = Path(self._tmp.name) / f"{sha[:16]}.glb"
        if not path.exists():
            path.write_bytes(studio_glb(self.studio.project, sha))
        self.plotter.clear()
        self.plotter.remove_all_lights()
        self.plotter.import_gltf(str(path))
        self.plotter.add_light(self._pv.Light(light_type="headlight", intensity=1.0))
        scene = model_scenes.load_scene(self.studio.project, sha)
        self.plotter.camera.position = scene.camera.position
        self.plotter.camera.focal_point = scene.camera.target
        self.plotter.camera.up = (0.0, 1.0, 0.0)
        self.plotter.camera.view_angle = scene.camera.fov
        self.plotter.reset_camera_clipping_range()
        self._show_notes(scene)

    def _show_notes(self, scene) -> None:
        self.notes.clear()
        for name in list(self.plotter.actors):
            if str(name).startswith("note-"):
                self.plotter.remove_actor(name)
        radius = max(scene.model.size) / 60
        for note in scene.annotations:
            item = QListWidgetItem(f"{note.number}. {note.title_zh or note.title_en}")
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            self.notes.addItem(item)
            self.plotter.add_mesh(self._pv.Sphere(radius=radius, center=note.position), color="#8a1c1c",
                                  name=f"note-{note.id}", pickable=False)
        self.plotter.render()

    def _on_changed(self, changes) -> None:
        if changes.touches("models"):
            self.reload()
        if self._sha and (changes.touches("annotations") or changes.touches("model_scenes")
                          or changes.touches("annotation_tour_steps")):
            self._show_notes(model_scenes.load_scene(self.studio.project, self._sha))

    # -- editing (through the library) ------------------------------------------------
    def _on_click(self, interactor, _event) -> None:
        if self.placing.isChecked():
            x, y = interactor.GetEventPosition()
            self.place_note_at(x, y)

    def place_note_at(self, x: int, y: int):
        """Pin a note where display pixel (x, y) (VTK's, from the bottom left) meets the
        surface, with the form's texts; returns the note, or None off the model."""
        import vtk

        picker = vtk.vtkCellPicker()
        picker.SetTolerance(0.0005)
        if not picker.Pick(x, y, 0, self.plotter.renderer) or picker.GetCellId() < 0:
            self.status.setText(self.tr("Click on the model itself."))
            return None
        position, normal = picker.GetPickPosition(), picker.GetPickNormal()
        try:
            note = model_scenes.add_annotation(
                self.studio.project, self._sha, position=position, normal=normal,
                title_zh=self.title_zh.text(), title_en=self.title_en.text() or (
                    "" if self.title_zh.text() else self.tr("Note")),
                text_zh=self.text_zh.text(), text_en=self.text_en.text())
        except YunzhanError as err:
            self.studio.report(err)
            return None
        self.status.setText(self.tr("Note %1 placed.").replace("%1", str(note.number)))
        return note

    def set_start_camera(self) -> None:
        camera = self.plotter.camera
        try:
            model_scenes.set_start_camera(self.studio.project, self._sha, position=camera.position,
                                          target=camera.focal_point, fov=camera.view_angle)
        except YunzhanError as err:
            self.studio.report(err)
            return
        self.status.setText(self.tr("Start camera set."))

    def _remove_note(self) -> None:
        item = self.notes.currentItem()
        if item is not None:
            model_scenes.remove_annotation(self.studio.project, item.data(Qt.ItemDataRole.UserRole))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.plotter.close()
        self._tmp.cleanup()
        super().closeEvent(event)
