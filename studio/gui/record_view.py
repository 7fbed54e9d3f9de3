"""The record of one catalog object: its fields in Chinese and English, and thumbnails.

The view holds no data of its own: :meth:`RecordView.show_object` reads the object
with :meth:`assets.catalog.Catalog.get` and the thumbnails with
:meth:`assets.media_store.MediaStore.get_derived`, and fills its labels.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from assets.catalog import Catalog, CatalogObject
from assets.errors import NotFound
from assets.media_store import MediaStore
from assets.project import Project
from studio.gui.field_names import field_label
from studio.gui.i18n import current_language

# (field, how to read the value) in the order the record shows them.
RECORD_FIELDS = (
    ("title_zh", lambda o: o.title_zh),
    ("title_en", lambda o: o.title_en),
    ("accession", lambda o: o.accession),
    ("maker", lambda o: o.maker),
    ("date_text", lambda o: o.date_text),
    ("years", lambda o: _years(o)),
    ("culture", lambda o: o.culture),
    ("medium", lambda o: o.medium),
    ("dimensions", lambda o: o.dimensions),
    ("credit_line", lambda o: o.credit_line),
    ("description_zh", lambda o: o.description_zh),
    ("description_en", lambda o: o.description_en),
    ("rights", lambda o: o.rights),
    ("keywords", lambda o: o.keywords),
)
MAX_THUMBNAILS = 12


def _years(obj: CatalogObject) -> str:
    early, late = obj.year_earliest, obj.year_latest
    if early is None and late is None:
        return ""
    if early == late or late is None:
        return str(early)
    if early is None:
        return str(late)
    return f"{early}–{late}"


class RecordView(QScrollArea):
    """Shows one object's record; empty rows are hidden. "Edit…" emits ``edit_requested(id)``."""

    edit_requested = Signal(int)

    def __init__(self, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("recordView")
        self.catalog = Catalog(project)
        self.media = MediaStore(project)
        self.language = current_language()
        self.object_id: int | None = None
        self.setWidgetResizable(True)
        body = QWidget()
        outer = QVBoxLayout(body)
        # Wrapped labels report a height for their width; without this the scroll area
        # squeezes the rows into each other instead of scrolling.
        outer.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setObjectName("editRecord")
        self.edit_button.setToolTip(self.tr("Edit this record in Chinese and English"))
        self.edit_button.clicked.connect(
            lambda _checked=False: self.object_id is not None and self.edit_requested.emit(self.object_id))
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.edit_button)
        outer.addLayout(top)
        self._heading = QLabel(self.tr("Select an object to see its record."))
        self._heading.setObjectName("recordHeading")
        self._heading.setWordWrap(True)
        font = self._heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self._heading.setFont(font)
        outer.addWidget(self._heading)
        self._thumbs = QHBoxLayout()
        self._thumbs.setAlignment(Qt.AlignmentFlag.AlignLeft)
        outer.addLayout(self._thumbs)
        self._form = QFormLayout()
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._labels: dict[str, QLabel] = {}
        for key, _ in RECORD_FIELDS:
            self._add_row(key, field_label(key))
        outer.addLayout(self._form)
        outer.addStretch(1)
        self.setWidget(body)
        self._custom_keys: list[str] = []
        self.show_object(None)

    def _add_row(self, key: str, caption: str) -> QLabel:
        value = QLabel()
        value.setObjectName(f"field_{key}")
        value.setWordWrap(True)
        value.setTextFormat(Qt.TextFormat.PlainText)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._form.addRow(caption, value)
        self._labels[key] = value
        return value

    def show_object(self, object_id: int | None) -> None:
        """Show the record of ``object_id`` (``None``: nothing selected)."""
        self.object_id = object_id
        obj = self.catalog.get(object_id) if object_id is not None else None
        self._clear_custom()
        self.edit_button.setEnabled(obj is not None)
        if obj is None:
            self._heading.setText(self.tr("Select an object to see its record."))
        elif self.language == "zh":
            self._heading.setText(obj.title_zh or obj.title_en or obj.accession)
        else:
            self._heading.setText(obj.title_en or obj.title_zh or obj.accession)
        for key, read in RECORD_FIELDS:
            self._set_row(key, read(obj) if obj else "")
        if obj is not None:
            for name, value in obj.custom.items():
                self._custom_keys.append(f"custom:{name}")
                self._add_row(f"custom:{name}", name).setText(str(value))
        self._show_thumbnails(obj.media if obj else [])

    def _set_row(self, key: str, text: str) -> None:
        label = self._labels[key]
        label.setText(text)
        self._form.setRowVisible(label, bool(text))

    def _clear_custom(self) -> None:
        for key in self._custom_keys:
            self._form.removeRow(self._labels.pop(key))
        self._custom_keys = []

    def _show_thumbnails(self, shas: list[str]) -> None:
        while self._thumbs.count():
            item = self._thumbs.takeAt(0)
            if item.widget():
                item.widget().hide()  # gone now, not at the next deferred delete
                item.widget().deleteLater()
        shown = 0
        for sha in shas[:MAX_THUMBNAILS]:
            data = self.media.get_derived(sha, "thumb.jpg")
            pixmap = QPixmap()
            if data is None or not pixmap.loadFromData(data):
                continue  # audio, models and documents have no thumbnail
            thumb = QLabel()
            thumb.setObjectName("thumbnail")
            thumb.setPixmap(pixmap)
            thumb.setToolTip(sha)
            self._thumbs.addWidget(thumb)
            shown += 1
        if self.object_id is not None and not shown:
            note = QLabel(self.tr("No images"))
            note.setObjectName("noMedia")
            self._thumbs.addWidget(note)

    # -- what the user sees (for tests and accessibility tools) ----------------------
    def refresh(self) -> None:
        """Read the shown object again (it was edited); clear the view if it is gone."""
        if self.object_id is not None:
            try:
                self.show_object(self.object_id)
            except NotFound:
                self.show_object(None)

    def field_text(self, key: str) -> str:
        """The text shown for a field (``title_zh``, ``custom:NAME``...); '' when hidden."""
        label = self._labels.get(key)
        return label.text() if label is not None else ""

    def heading(self) -> str:
        return self._heading.text()

    def thumbnails(self) -> list[QPixmap]:
        """The thumbnails shown, in order."""
        return [self._thumbs.itemAt(i).widget().pixmap() for i in range(self._thumbs.count())
                if self._thumbs.itemAt(i).widget() and self._thumbs.itemAt(i).widget().objectName() == "thumbnail"]
