"""The list of live events: title, start and end in this computer's zone, state, destinations."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from streaming.events import Event

_STATES = {"scheduled": QT_TRANSLATE_NOOP("LiveEvents", "scheduled"), "live": QT_TRANSLATE_NOOP("LiveEvents", "on air"),
           "done": QT_TRANSLATE_NOOP("LiveEvents", "done"), "stopped": QT_TRANSLATE_NOOP("LiveEvents", "stopped"),
           "missed": QT_TRANSLATE_NOOP("LiveEvents", "missed")}


def state_text(status: str) -> str:
    return QCoreApplication.translate("LiveEvents", _STATES.get(status, status))


def local_times(event: Event) -> str:
    """``2026-12-03 08:00–09:00`` in this computer's zone (the end's date when it differs)."""
    start, end = event.start.astimezone(), event.end.astimezone()
    tail = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%Y-%m-%d %H:%M}"
    return f"{start:%Y-%m-%d %H:%M}–{tail}"


class EventsList(QTableWidget):
    """Events in start order. ``chosen(event_id or None)`` when the current row changes."""

    chosen = Signal(object)
    TITLE, WHEN, STATE, DESTINATIONS = range(4)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 4, parent)
        self.setObjectName("eventsList")
        self.setHorizontalHeaderLabels([self.tr("Title"), self.tr("Local time"), self.tr("State"),
                                        self.tr("Destinations")])
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.setColumnWidth(self.TITLE, 180)
        self.setWordWrap(False)
        self._ids: list[int] = []
        self.currentCellChanged.connect(lambda row, *_: self.chosen.emit(self.event_id(row)))

    def show_events(self, events: list[Event], current: int | None = None) -> None:
        """Show ``events``; keep (or make) ``current`` the current event without emitting ``chosen``."""
        self.blockSignals(True)
        try:
            self.setRowCount(0)
            self._ids = [e.id for e in events]
            self.setRowCount(len(events))
            for row, e in enumerate(events):
                when = QTableWidgetItem(local_times(e))
                when.setToolTip(f"{e.local_start:%Y-%m-%d %H:%M}–{e.local_end:%H:%M} {e.tz}")
                title = QTableWidgetItem(e.title_zh + (f" / {e.title_en}" if e.title_en and e.title_zh
                                                       else e.title_en))
                for column, item in ((self.TITLE, title), (self.WHEN, when),
                                     (self.STATE, QTableWidgetItem(state_text(e.status))),
                                     (self.DESTINATIONS, QTableWidgetItem(", ".join(d.name for d in e.destinations)))):
                    item.setData(Qt.ItemDataRole.UserRole, e.id)
                    self.setItem(row, column, item)
            if current in self._ids:
                self.setCurrentCell(self._ids.index(current), self.TITLE)
            else:
                self.clearSelection()
                self.setCurrentCell(-1, -1)
        finally:
            self.blockSignals(False)
        for column in (self.WHEN, self.STATE):
            self.resizeColumnToContents(column)

    def event_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, event_id: int) -> int:
        return self._ids.index(event_id)

    def text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item else ""
