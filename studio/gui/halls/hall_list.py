"""The list of halls in the Halls pane: thumbnails and titles in exhibition order.

Dragging a hall to another place asks for that order (``reordered(slugs)``);
dropping panorama files on it asks for new halls (``files_dropped(paths)``). The
list holds no truth: the pane reorders through :func:`scenes.model.reorder_halls`
and shows what the project then holds.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QIcon, QImage, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from scenes import model
from studio.gui.halls.photo import THUMB_SIZE

SLUG_ROLE = Qt.ItemDataRole.UserRole


def hall_title(hall: model.Hall) -> str:
    return " / ".join(t for t in (hall.title_zh, hall.title_en) if t) or hall.slug


class HallList(QListWidget):
    reordered = Signal(list)
    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("hallList")
        self.setIconSize(QSize(*THUMB_SIZE))
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setAcceptDrops(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSpacing(2)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._thumbs: dict[str, QIcon] = {}
        self._order: list[str] = []
        self._shown: list[tuple] = []
        self.model().rowsMoved.connect(lambda *_: self._order_changed())

    # -- showing ------------------------------------------------------------------
    def slugs(self) -> list[str]:
        return [self.item(i).data(SLUG_ROLE) for i in range(self.count())]

    def current_slug(self) -> str | None:
        item = self.currentItem()
        return None if item is None else item.data(SLUG_ROLE)

    def show_halls(self, halls, current: str | None) -> None:
        """Show ``halls`` (in order) and keep ``current`` selected, without signalling a reorder."""
        shown = [(h.slug, hall_title(h), h.panorama_sha, len(h.hotspots)) for h in halls]
        with QSignalBlocker(self):
            if shown == self._shown and shown == self._current_rows():
                row = next((i for i, h in enumerate(halls) if h.slug == current), -1)
                if row != self.currentRow():
                    self.setCurrentRow(row)
                return
            self._shown = shown
            self.clear()
            for hall in halls:
                item = QListWidgetItem(hall_title(hall))
                item.setData(SLUG_ROLE, hall.slug)
                item.setData(Qt.ItemDataRole.UserRole + 1, hall.panorama_sha)
                item.setToolTip(hall.slug)
                if hall.panorama_sha in self._thumbs:
                    item.setIcon(self._thumbs[hall.panorama_sha])
                self.addItem(item)
                if hall.slug == current:
                    self.setCurrentItem(item)
            self._order = self.slugs()

    def _current_rows(self) -> list[tuple]:
        """What the rows show now (a drag may have moved them since :meth:`show_halls`)."""
        by_slug = {row[0]: row for row in self._shown}
        return [by_slug.get(slug) for slug in self.slugs()]

    def set_thumbnail(self, sha: str, rgb) -> None:
        image = QImage(rgb.data, rgb.shape[1], rgb.shape[0], rgb.strides[0], QImage.Format.Format_RGB888).copy()
        self._thumbs[sha] = QIcon(QPixmap.fromImage(image))
        for i in range(self.count()):
            if self.item(i).data(Qt.ItemDataRole.UserRole + 1) == sha:
                self.item(i).setIcon(self._thumbs[sha])

    def has_thumbnail(self, sha: str) -> bool:
        return sha in self._thumbs

    # -- dragging -------------------------------------------------------------------
    def _order_changed(self) -> None:
        order = self.slugs()
        if order != self._order and None not in order:
            self._order = order
            self.reordered.emit(order)

    @staticmethod
    def _files(event) -> list[Path]:
        mime = event.mimeData()
        return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._files(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._files(event):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        files = self._files(event)
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)
            return
        super().dropEvent(event)
        self._order_changed()
