"""A light per destination (connecting, live, retrying, failed) and the program's health.

Fed by :class:`~studio.gui.live.live_run.LiveRun` with snapshots of the same
:class:`~streaming.monitor.DestinationMonitor` that ``yunzhan live run`` prints.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from streaming.monitor import CONNECTING, FAILED, LIVE, RETRYING
from streaming.progress_parse import Health

IDLE = "idle"
COLOURS = {IDLE: "#9aa0a6", CONNECTING: "#f5c542", LIVE: "#2e9d4f", RETRYING: "#f08c2b", FAILED: "#d93025"}
_STATE_NAMES = {IDLE: QT_TRANSLATE_NOOP("LiveLights", "off air"),
                CONNECTING: QT_TRANSLATE_NOOP("LiveLights", "connecting"),
                LIVE: QT_TRANSLATE_NOOP("LiveLights", "live"),
                RETRYING: QT_TRANSLATE_NOOP("LiveLights", "retrying"),
                FAILED: QT_TRANSLATE_NOOP("LiveLights", "failed")}


def state_name(state: str) -> str:
    return QCoreApplication.translate("LiveLights", _STATE_NAMES.get(state, state))


def clock(seconds: float) -> str:
    s = int(max(0, seconds))
    return f"{s // 3600:d}:{s // 60 % 60:02d}:{s % 60:02d}"


class _Row:
    def __init__(self, grid: QGridLayout, row: int, name: str, parent: QWidget):
        self.dot = QLabel(parent)
        self.dot.setFixedSize(14, 14)
        self.dot.setObjectName(f"light_{name}")
        self.name = QLabel(name, parent)
        self.state_label = QLabel(parent)
        self.state_label.setObjectName(f"lightState_{name}")
        self.detail = QLabel(parent)
        self.detail.setObjectName(f"lightDetail_{name}")
        # Twice a second new text: its width must not lay out the whole pane again.
        self.detail.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        for column, widget in enumerate((self.dot, self.name, self.state_label, self.detail)):
            grid.addWidget(widget, row, column)
        self.state = ""
        self.show(IDLE, "")

    def show(self, state: str, detail: str) -> None:
        if state != self.state:
            self.state = state
            self.dot.setStyleSheet(f"background: {COLOURS.get(state, COLOURS[IDLE])}; border-radius: 7px;")
            self.state_label.setText(state_name(state))
        self.detail.setText(detail)
        self.detail.setToolTip(detail)


class DestinationLights(QWidget):
    """One row per destination: a coloured light, its name, its state and time on air;
    under them the program's frame rate, dropped frames and recording time."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("destinationLights")
        self._grid = QGridLayout()
        self._grid.setColumnStretch(3, 1)
        self.program_line = QLabel(self)
        self.program_line.setObjectName("programHealth")
        self.program_line.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._grid)
        layout.addWidget(self.program_line)
        self._rows: dict[str, _Row] = {}
        self.set_destinations([])

    def set_destinations(self, names: list[str]) -> None:
        """Show ``names``, all off air."""
        for row in self._rows.values():
            for w in (row.dot, row.name, row.state_label, row.detail):
                self._grid.removeWidget(w)
                w.deleteLater()
        self._rows = {n: _Row(self._grid, i, n, self) for i, n in enumerate(names)}
        self.program_line.setText(self.tr("Off air") if names else self.tr("No destinations: add one in the editor"))

    def state(self, name: str) -> str:
        """The state the light shows for ``name`` (``live``, ``failed``...; ``idle`` off air)."""
        return self._rows[name].state

    def names(self) -> list[str]:
        return list(self._rows)

    def show_status(self, statuses: dict) -> None:
        """``statuses``: name → snapshot with ``state``, ``uptime_s``, ``reconnects``, ``last_error``."""
        for name, st in statuses.items():
            row = self._rows.get(name)
            if row is None:
                continue
            parts = []
            if st.state == LIVE:
                parts.append(self.tr("on air {0}").format(clock(st.uptime_s)))
            if st.reconnects:
                parts.append(self.tr("{0} reconnects").format(st.reconnects))
            if st.state in (RETRYING, FAILED) and st.last_error:
                parts.append(st.last_error)
            row.show(st.state, " · ".join(parts))

    def show_state(self, name: str, state: str, detail: str | None) -> None:
        """A destination changed state (the monitor's :class:`~streaming.monitor.Change`)."""
        row = self._rows.get(name)
        if row is not None:
            row.show(state, detail if state in (RETRYING, FAILED) and detail else "")

    def show_health(self, health: Health, recording_s: float) -> None:
        self.program_line.setText(self.tr("{0:.0f} fps · {1} dropped frames · recording {2}").format(
            health.fps, health.dropped_frames, clock(recording_s)))

    def off_air(self, summary: str) -> None:
        for row in self._rows.values():
            row.show(IDLE, row.detail.text() if row.state == FAILED else "")
        self.program_line.setText(summary)
