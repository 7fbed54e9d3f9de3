"""A list whose rows the user puts in order by dragging; the list never reorders itself.

A drop only announces the move (:attr:`ReorderList.moved`); the pane writes the new
order through the library, and the change event redraws the list from the model.
So what the list shows is always what the project holds, and a refused move leaves
the rows where they were.

A drag carries this list's own token and the dragged row (:data:`ROW_MIME`), so a
drop is recognised by its data: drags from elsewhere are refused, and a drag made
of events (tests, where the platform's drag loop does not run) behaves as a mouse
drag does.
"""

from __future__ import annotations

import uuid
from typing import Sequence

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

ROW_MIME = "application/x-yunzhan-list-row"


class ReorderList(QListWidget):
    """Single-selection list; dragging a row emits ``moved(from_row, to_row)``, where
    ``to_row`` is the row it should have once moved."""

    moved = Signal(int, int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._token = uuid.uuid4().hex
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)

    # -- what a drag carries ----------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [ROW_MIME]

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:
        data = QMimeData()
        if items:
            data.setData(ROW_MIME, f"{self._token}:{self.row(items[0])}".encode())
        return data

    def dragged_row(self, data: QMimeData) -> int | None:
        """The row of this list that ``data`` drags, or None if it is not this list's drag."""
        if not data.hasFormat(ROW_MIME):
            return None
        token, _, row = bytes(data.data(ROW_MIME)).decode(errors="replace").partition(":")
        return int(row) if token == self._token and row.isdigit() and int(row) < self.count() else None

    def target_row(self, from_row: int, pos: QPoint) -> int:
        """The row a row dragged from ``from_row`` takes when dropped at ``pos`` (viewport
        coordinates): above the row under the pointer if in its upper half, else below it."""
        index = self.indexAt(pos)
        if not index.isValid():
            before = self.count()  # below the last row
        else:
            rect = self.visualRect(index)
            before = index.row() + (1 if pos.y() > rect.center().y() else 0)
        return before - 1 if before > from_row else before

    # -- the drag's events ----------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._accept_own(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        super().dragMoveEvent(event)  # the drop indicator and auto-scrolling
        self._accept_own(event)

    def _accept_own(self, event: QDragMoveEvent) -> None:
        if self.dragged_row(event.mimeData()) is None:
            event.ignore()
        else:
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        from_row = self.dragged_row(event.mimeData())
        if from_row is None:
            event.ignore()
            return
        to_row = self.target_row(from_row, event.position().toPoint())
        # Not a move for Qt: the drag must not delete the source row; the model redraws the list.
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        self.stopAutoScroll()
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()
        if to_row != from_row:
            self.moved.emit(from_row, to_row)
