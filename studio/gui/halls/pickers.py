"""Small non-modal dialogs of the Halls pane: choosing a catalog object (searched as
you type) and writing a note in Chinese and English. Both are opened with ``open()`` and
hand their answer to a callback, so nothing waits on them."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QListWidget, QListWidgetItem,
                               QPlainTextEdit, QVBoxLayout, QWidget)

from assets.search import search
from studio.gui.tasks import Task

SEARCH_DELAY_MS = 120
RESULTS = 50


def object_title(obj) -> str:
    titles = " / ".join(t for t in (obj.title_zh, obj.title_en) if t)
    return f"{obj.accession}  {titles}" if titles else obj.accession


class ObjectPicker(QDialog):
    """Find a catalog object by typing; ``chosen(object_id)`` is called on OK or a double click.

    Searches run on the studio's worker threads (a large catalog takes a moment for a
    one-character query); an answer to a query typed over meanwhile is dropped."""

    def __init__(self, studio, chosen: Callable[[int], None], *, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("objectPicker")
        self.setWindowTitle(self.tr("Choose an object"))
        self.studio = studio
        self._chosen = chosen
        self._asked = 0      # the newest query's number
        self.searching = False
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
        """Look for the objects matching the search box (the first ones when it is empty)."""
        self._asked += 1
        number, text = self._asked, self.search_box.text().strip()
        self.searching = True
        task = Task(self.tr("Searching"), self.studio.path,
                    lambda project, _progress: search(project, text, limit=RESULTS), pool=self.studio.pool,
                    parent=self)
        task.succeeded.connect(lambda found: self._show(number, found))
        task.failed.connect(lambda err: self._failed(number, err))
        task.start()

    def _failed(self, number: int, err: BaseException) -> None:
        if number == self._asked:
            self.searching = False
            self.studio.report(err)

    def _show(self, number: int, found) -> None:
        if number != self._asked:
            return  # typed over: a newer answer is coming
        self.searching = False
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
