"""Editing one record by hand, Chinese and English side by side.

Saving calls :func:`assets.catalog.edit_record` with the fields that changed:
one user action, one undo step ("edit record"). The dialog is non-modal and
opened with ``open()``; an error keeps it open and goes to the one error handler.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QVBoxLayout, QWidget)

from assets.catalog import Catalog, edit_record
from assets.errors import InputError, YunzhanError
from studio.gui.field_names import field_label

# (row, Chinese field, English field)
BILINGUAL = (("title", "title_zh", "title_en"), ("description", "description_zh", "description_en"))
SINGLE = ("maker", "date_text", "year_earliest", "year_latest", "culture", "medium", "dimensions",
          "credit_line", "rights", "keywords")


class RecordEditor(QDialog):
    """Edit the object ``object_id`` of the studio's project; ``saved(id)`` after a save."""

    saved = Signal(int)

    def __init__(self, studio, object_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("recordEditor")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.studio = studio
        self.object_id = object_id
        obj = Catalog(studio.project).get(object_id)
        self.original = {name: getattr(obj, name) for name in
                         [f for _, zh, en in BILINGUAL for f in (zh, en)] + list(SINGLE)}
        self.setWindowTitle(self.tr("Edit record {0}").format(obj.accession))
        self.editors: dict[str, QLineEdit | QPlainTextEdit] = {}

        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Chinese")), 0, 1)
        grid.addWidget(QLabel(self.tr("English")), 0, 2)
        for row, (caption, zh, en) in enumerate(BILINGUAL, start=1):
            grid.addWidget(QLabel(self.tr("Title") if caption == "title" else self.tr("Description")), row, 0,
                           Qt.AlignmentFlag.AlignTop)
            for col, name in ((1, zh), (2, en)):
                editor = QLineEdit() if caption == "title" else QPlainTextEdit()
                editor.setObjectName(name)
                if isinstance(editor, QLineEdit):
                    editor.setText(self.original[name])
                else:
                    editor.setPlainText(self.original[name])
                    editor.setMinimumHeight(120)
                self.editors[name] = editor
                grid.addWidget(editor, row, col)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)

        form = QFormLayout()
        for name in SINGLE:
            editor = QLineEdit("" if self.original[name] is None else str(self.original[name]))
            editor.setObjectName(name)
            self.editors[name] = editor
            form.addRow(field_label(name), editor)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(820, 560)

    def values(self) -> dict[str, object]:
        """Every field as typed (years as whole numbers or None)."""
        out: dict[str, object] = {}
        for name, editor in self.editors.items():
            text = editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()
            if name in ("year_earliest", "year_latest"):
                text = text.strip()
                try:
                    out[name] = int(text) if text else None
                except ValueError:
                    raise InputError(f"{field_label(name)}: {text!r} is not a whole year") from None
            else:
                out[name] = text.strip()
        return out

    def changes(self) -> dict[str, object]:
        """The fields that differ from the stored record."""
        return {name: value for name, value in self.values().items() if value != self.original[name]}

    def set_text(self, name: str, text: str) -> None:
        editor = self.editors[name]
        editor.setText(text) if isinstance(editor, QLineEdit) else editor.setPlainText(text)

    def save(self) -> bool:
        """Store the changed fields as one "edit record" step; True if saved (or nothing changed)."""
        try:
            changed = self.changes()
            if changed:
                edit_record(self.studio.project, self.object_id, **changed)
        except YunzhanError as err:
            self.studio.report(err)
            return False
        if changed:
            self.saved.emit(self.object_id)
        self.accept()
        return True
