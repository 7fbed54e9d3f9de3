"""The Collection pane: search box, lazy catalog table, status line and record view.

The pane's truth is its :class:`~studio.gui.catalog_table_model.CatalogTableModel`:
typing in the search box asks the :class:`~studio.gui.search_worker.SearchWorker`
for the query once typing pauses; its answer (only the newest one) becomes the
model's rows, and the table, the status line and the search box read back from
the model. Committed edits (imports, a record edited, undo) arrive as
``studio.changed`` and re-run the current query in the background.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QSplitter, QTableView, QVBoxLayout, QWidget)

from assets.changes import Changes
from assets.errors import YunzhanError
from assets.project import Project
from studio.gui.catalog_table_model import CatalogTableModel
from studio.gui.narration_panel import NarrationPanel, narrate_all
from studio.gui.record_editor import RecordEditor
from studio.gui.record_view import RecordView
from studio.gui.search_worker import SearchWorker

# The pause that ends a burst of keys. Short: a stale query is dropped or interrupted
# off the GUI thread anyway, and results must show within 100 ms of the last key.
SEARCH_DELAY_MS = 25
_COLUMN_WIDTHS = (100, 240, 140, 90, 70, 90)
CATALOG_TABLES = ("objects", "object_media")


class CollectionPane(QWidget):
    """Browse, search and edit one project's catalog."""

    def __init__(self, studio, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("collectionPane")
        self.studio = studio
        project: Project = studio.project
        self.model = CatalogTableModel(project, parent=self)
        self.searcher = SearchWorker(studio.path, parent=self)

        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(self.tr("Search: words, 瓷, maker:Turner…"))
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

        self.record_view = RecordView(project)
        self.record_view.edit_requested.connect(self.edit_record)
        # The selected object's narration, under its record.
        self.narration_panel = NarrationPanel(studio)
        self.narrate_all_button = QPushButton(self.tr("Narrate all"))
        self.narrate_all_button.setObjectName("narrateAll")
        self.narrate_all_button.setToolTip(self.tr("Speak every missing or stale narration of the project "
                                                   "in the background"))
        self.narrate_all_button.clicked.connect(lambda _checked=False: narrate_all(self.studio))
        record_side = QSplitter(Qt.Orientation.Vertical)
        record_side.addWidget(self.record_view)
        record_side.addWidget(self.narration_panel)
        record_side.setStretchFactor(0, 1)
        record_side.setStretchFactor(1, 0)
        record_side.setSizes([600, self.narration_panel.sizeHint().height()])  # the record gets the rest
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(record_side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search_box)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_line, 1)
        status_row.addWidget(self.narrate_all_button)
        layout.addLayout(status_row)
        layout.addWidget(splitter, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self.search_box.textChanged.connect(self._schedule_search)
        self.searcher.found.connect(self._on_found)
        self.searcher.failed.connect(self._on_search_failed)
        self.model.modelReset.connect(self._pull_from_model)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        studio.changed.connect(self._on_changed)
        self._pull_from_model()

    # -- pushing to the model ----------------------------------------------------
    def _schedule_search(self, _text: str) -> None:
        self._search_timer.start()  # restarts: searches once typing pauses

    def _run_search(self) -> None:
        self.searcher.ask(self.search_box.text())

    def _on_found(self, query: str, ids: list[int], hits: int, _complete: bool) -> None:
        if query != self.search_box.text().strip():
            return  # the box was set meanwhile (set_query): this answer is for older text
        self.model.show_results(query, ids, hits)
        self._show_count()

    def _on_search_failed(self, query: str, err: BaseException) -> None:
        if isinstance(err, YunzhanError):
            self.status_line.setText(err.user_text())  # a half-typed query: no dialog while typing
        else:
            self.studio.report(err)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        try:
            object_id = self.model.object_id(current.row()) if current.isValid() else None
            self.record_view.show_object(object_id)
            self.narration_panel.show_subject(
                self.record_view.catalog.get(object_id).accession if object_id is not None else None)
        except YunzhanError as err:
            self.studio.report(err)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*CATALOG_TABLES):
            self.refresh()

    def refresh(self) -> None:
        """Show the catalog as stored now: the current query again, the record again."""
        self.searcher.ask(self.model.query)
        self.record_view.refresh()

    def select_row(self, row: int) -> None:
        """Make ``row`` the current row (as a click would)."""
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def edit_record(self, object_id: int) -> RecordEditor | None:
        """Open the record editor of ``object_id`` (non-modal); returns it."""
        try:
            editor = RecordEditor(self.studio, object_id, parent=self.window())
        except YunzhanError as err:
            self.studio.report(err)
            return None
        editor.open()
        return editor

    # -- pulling from the model --------------------------------------------------
    def _pull_from_model(self) -> None:
        """Show what the model holds: the query, the hit count; clear the record."""
        if self.search_box.text().strip() != self.model.query:
            with QSignalBlocker(self.search_box):  # no new search from our own update
                self.search_box.setText(self.model.query)
        self._show_count()
        self.record_view.show_object(None)
        self.narration_panel.show_subject(None)

    def _show_count(self) -> None:
        if self.model.query:
            self.status_line.setText(self.tr("{0:,} objects match “{1}”").format(self.model.hit_count,
                                                                                 self.model.query))
        else:
            self.status_line.setText(self.tr("{0:,} objects").format(self.model.hit_count))

    def status_text(self) -> str:
        return self.status_line.text()

    def shutdown(self) -> None:
        """Stop the search worker (the project is closing)."""
        self._search_timer.stop()
        self.searcher.close()
