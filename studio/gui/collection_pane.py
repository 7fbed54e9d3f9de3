"""The Collection pane: search box, lazy catalog table, status line and record view.

The pane's truth is its :class:`~studio.gui.catalog_table_model.CatalogTableModel`:
typing in the search box asks the model for a new query (after a short pause, so
searching keeps up with typing); the table, the status line and the search box
itself then read back from the model.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QLineEdit, QSplitter, QTableView,
                               QVBoxLayout, QWidget)

from assets.errors import YunzhanError
from assets.project import Project
from studio.gui.catalog_table_model import CatalogTableModel
from studio.gui.error_dialog import show_error
from studio.gui.i18n import Translator
from studio.gui.record_view import RecordView

SEARCH_DELAY_MS = 150
_COLUMN_WIDTHS = (100, 240, 140, 90, 70, 90)


class CollectionPane(QWidget):
    """Browse and search one project's catalog."""

    def __init__(self, studio, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("collectionPane")
        self.studio = studio
        project: Project = studio.project
        words: Translator = studio.words
        self.words = words
        self.model = CatalogTableModel(project, words, parent=self)

        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(words("search.placeholder"))
        self.search_box.setClearButtonEnabled(True)
        self.status_line = QLabel()
        self.status_line.setObjectName("hitCount")

        self.table = QTableView()
        self.table.setObjectName("catalogTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        # Fixed row heights: the view never measures 100,000 rows.
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        rows.hide()
        columns = self.table.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        columns.setStretchLastSection(True)
        for column, width in enumerate(_COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)

        self.record_view = RecordView(project, words)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.record_view)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search_box)
        layout.addWidget(self.status_line)
        layout.addWidget(splitter, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self.search_box.textChanged.connect(self._schedule_search)
        self.model.modelReset.connect(self._pull_from_model)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self._pull_from_model()

    # -- pushing to the model ----------------------------------------------------
    def _schedule_search(self, _text: str) -> None:
        self._search_timer.start()  # restarts: searches once typing pauses

    def _run_search(self) -> None:
        try:
            self.model.set_query(self.search_box.text())
        except YunzhanError as err:
            show_error(self.window(), err, self.words("error.title"))

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        try:
            self.record_view.show_object(self.model.object_id(current.row()) if current.isValid() else None)
        except YunzhanError as err:
            show_error(self.window(), err, self.words("error.title"))

    def select_row(self, row: int) -> None:
        """Make ``row`` the current row (as a click would)."""
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    # -- pulling from the model --------------------------------------------------
    def _pull_from_model(self) -> None:
        """Show what the model holds: the query, the hit count; clear the record."""
        if self.search_box.text().strip() != self.model.query:
            with QSignalBlocker(self.search_box):  # no new search from our own update
                self.search_box.setText(self.model.query)
        if self.model.query:
            self.status_line.setText(self.words("status.hits_query", count=self.model.hit_count,
                                                query=self.model.query))
        else:
            self.status_line.setText(self.words("status.hits", count=self.model.hit_count))
        self.record_view.show_object(None)

    def status_text(self) -> str:
        return self.status_line.text()
