"""Small non-modal dialogs of the Halls pane: choosing a catalog object (searchable)
and writing a note in Chinese and English. Both are opened with ``open()`` and
hand their answer to a callback, so nothing waits on them."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QListWidget, QListWidgetItem,
                               QPlainTextEdit, QVBoxLayout, QWidget)

from assets.errors import YunzhanError
from assets.project import Project
from assets.search import search

SEARCH_DELAY_MS = 120
RESULTS = 50


def object_title(obj) -> str:
    titles = " / ".join(t for t in (obj.title_zh, obj.title_en) if t)
    return f"{obj.accession}  {titles}" if titles else obj.accession


class ObjectPicker(QDialog):
    """Find a catalog object by typing; ``chosen(object_id)`` is called on OK or a double click."""

    def __init__(self, project: Project, chosen: Callable[[int], None], *, report: Callable[[BaseException], None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("objectPicker")
        self.setWindowTitle(self.tr("Choose an object"))
        self.project = project
        self._chosen = chosen
        self._report = report
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("objectSearch")
        self.search_box.setPlaceholderText(self.tr("Search the collection (accession, title, maker…)"))
        self.results = QListWidget(self)
        self.results.setObjectName("objectResults")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_box)
        layout.addWidget(self.results, 1)
        layout.addWidget(buttons)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(lambda _t: self._timer.start())
        self.results.itemDoubleClicked.connect(lambda _i: self.accept())
        self.resize(460, 420)
        self.run_search()

    def run_search(self) -> None:
        """Show the objects matching the search box (the first ones when it is empty)."""
        try:
            found = search(self.project, self.search_box.text().strip(), limit=RESULTS)
        except YunzhanError as err:
            self._report(err)
            return
        self.results.clear()
        for obj in found:
            item = QListWidgetItem(object_title(obj))
            item.setData(Qt.ItemDataRole.UserRole, obj.id)
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)

    def accept(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        super().accept()
        self._chosen(int(item.data(Qt.ItemDataRole.UserRole)))


class NoteDialog(QDialog):
    """A note's text in Chinese and English; ``done_with(zh, en)`` is called on OK."""

    def __init__(self, done_with: Callable[[str, str], None], *, zh: str = "", en: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(self.tr("Note"))
        self._done_with = done_with
        self.text_zh = QPlainTextEdit(zh, self)
        self.text_zh.setObjectName("noteZh")
        self.text_en = QPlainTextEdit(en, self)
        self.text_en.setObjectName("noteEn")
        form = QFormLayout()
        form.addRow(self.tr("Chinese"), self.text_zh)
        form.addRow(self.tr("English"), self.text_en)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(420, 300)

    def accept(self) -> None:
        zh, en = self.text_zh.toPlainText().strip(), self.text_en.toPlainText().strip()
        if not (zh or en):
            self.text_zh.setFocus()
            return
        super().accept()
        self._done_with(zh, en)
