"""The Live pane: the events, the editor of the chosen one, its program preview,
Go Live and Stop, and a light per destination.

Reads through :class:`~streaming.events.EventStore`; writes through
:func:`~streaming.event_form.save_event`, :meth:`EventStore.delete` and the keyring
(:class:`~streaming.keys.KeyStore`); runs the event with the library's
:func:`~streaming.session.run_event` in the background (:class:`LiveRun`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSplitter, QVBoxLayout,
                               QWidget)

from assets.errors import YunzhanError
from streaming.errors import LiveError
from streaming.event_form import draft_of, save_event
from streaming.event_settings import settings_of
from streaming.events import EventStore
from streaming.keys import KeyStore
from streaming.monitor import FAILED, Change
from studio.gui.live.editor import EventEditor
from studio.gui.live.events_list import EventsList
from studio.gui.live.lights import DestinationLights
from studio.gui.live.live_run import LiveRun, StatusSnapshot
from studio.gui.live.preview import PreviewView

_LIVE_TABLES = ("live_events", "live_destinations")


class LivePane(QWidget):
    """Schedule, preview and run the project's live tours."""

    def __init__(self, studio, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("livePane")
        self.studio = studio
        self.store = EventStore(studio.project)
        self.current_id: int | None = None
        self.run: LiveRun | None = None

        self.events = EventsList()
        self.new_button = QPushButton(self.tr("New event"))
        self.new_button.setObjectName("newEvent")
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setObjectName("deleteEvent")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.events, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)

        self.editor = EventEditor()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)

        self.preview = PreviewView(studio)
        self.lights = DestinationLights()
        self.go_live_button = QPushButton(self.tr("Go Live"))
        self.go_live_button.setObjectName("goLive")
        self.go_live_button.setStyleSheet("QPushButton:enabled { background: #d93025; color: white; "
                                          "font-weight: bold; padding: 6px 18px; }")
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setObjectName("stopLive")
        self.run_line = QLabel()
        self.run_line.setObjectName("runLine")
        self.run_line.setWordWrap(True)
        on_air = QGroupBox(self.tr("On air"))
        on_air_layout = QVBoxLayout(on_air)
        controls = QHBoxLayout()
        controls.addWidget(self.go_live_button)
        controls.addWidget(self.stop_button)
        controls.addStretch(1)
        on_air_layout.addLayout(controls)
        on_air_layout.addWidget(self.lights)
        on_air_layout.addWidget(self.run_line)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.preview, 1)
        right_layout.addWidget(on_air)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget, stretch in ((left, 3), (scroll, 4), (right, 3)):
            splitter.addWidget(widget)
            splitter.setStretchFactor(splitter.count() - 1, stretch)
        splitter.setSizes([420, 600, 420])
        QVBoxLayout(self).addWidget(splitter)

        self.events.chosen.connect(self.choose)
        self.new_button.clicked.connect(lambda: self.choose(None))
        self.delete_button.clicked.connect(self.delete_current)
        self.editor.save_button.clicked.connect(self.save)
        self.go_live_button.clicked.connect(self.go_live)
        self.stop_button.clicked.connect(self.stop)
        studio.changed.connect(self._on_changed)
        self.reload()
        events = self.store.all()
        self.choose(events[0].id if events else None)

    # -- reading -----------------------------------------------------------------
    def reload(self) -> None:
        """Show the events as they are stored now."""
        self.events.show_events(self.store.all(), self.current_id)
        self._update_buttons()

    def choose(self, event_id: int | None) -> None:
        """Edit and preview event ``event_id`` (None: a new event)."""
        try:
            event = self.store.get(event_id) if event_id is not None else None
            keys = KeyStore(self.studio.project)
            saved = {d.name: keys.get(d.name) for d in event.destinations} if event else {}
        except YunzhanError as err:
            self.studio.report(err)
            event, saved = None, {}
        self.current_id = event.id if event else None
        self.events.show_events(self.store.all(), self.current_id)
        if event is None:
            self.editor.load_new()
        else:
            self.editor.load(draft_of(event), saved)
        self.preview.show_event(event)
        if not self._running_current():
            self.lights.set_destinations([d.name for d in event.destinations] if event else [])
        self._update_buttons()

    # -- editing -------------------------------------------------------------------
    def save(self) -> bool:
        """Save the editor's event (new or changed) and the keys typed for it."""
        draft = self.editor.draft()
        keys = self.editor.typed_keys()
        try:
            event_id = save_event(self.studio.project, draft, self.current_id)
            store = KeyStore(self.studio.project)
            for name, key in keys.items():
                store.set(name, key)
        except YunzhanError as err:
            self.studio.report(err)
            return False
        self.choose(event_id)
        self.studio.notify(self.tr("Event saved: {0}").format(draft.title_zh.strip() or draft.title_en.strip()))
        return True

    def delete_current(self) -> None:
        if self.current_id is None or self._running_current():
            return
        try:
            self.store.delete(self.current_id)
        except YunzhanError as err:
            self.studio.report(err)
            return
        self.current_id = None
        events = self.store.all()
        self.choose(events[0].id if events else None)

    def _on_changed(self, changes) -> None:
        """Another edit, an undo or a run changed events: show them as stored (the editor
        only on undo and redo, so typing in it is never lost to a status change)."""
        if not changes.touches(*_LIVE_TABLES):
            return
        if changes.undo:
            exists = self.current_id is not None and self.current_id in {e.id for e in self.store.all()}
            self.choose(self.current_id if exists else None)
        else:
            self.reload()

    # -- on air ---------------------------------------------------------------------
    def go_live(self) -> None:
        """Run the chosen event now, in the background, as ``yunzhan live run --now`` does."""
        if self.current_id is None or (self.run is not None and self.run.running):
            return
        try:
            event = self.store.get(self.current_id)
            # Owned by the studio, not the pane: the run outlives a closed pane until it has
            # stopped ffmpeg (the studio cancels and waits for its tasks when it closes).
            run = LiveRun(self.studio, event, self.studio)
            run.health.connect(self._on_health)
            run.changed.connect(self._on_change)
            run.ended.connect(self._on_ended)
            run.failed.connect(self._on_failed)
            self.run = run.start()
        except YunzhanError as err:
            self.studio.report(err)
            return
        self.lights.set_destinations([d.name for d in event.destinations])
        self.lights.program_line.setText(self.tr("Starting…"))
        self.run_line.setText(self.tr("On air: {0}").format(event.title))
        # A camera or screen is busy with the program: no second capture for the preview.
        self.preview.paused = settings_of(event).source.split(":")[0] not in ("testsrc", "file")
        self._update_buttons()

    def stop(self) -> None:
        """End the run: ffmpeg closes every output, the recording is kept."""
        if self.run is not None and self.run.running:
            self.run.stop()
            self.stop_button.setEnabled(False)
            self.run_line.setText(self.tr("Stopping…"))

    def _running_current(self) -> bool:
        return self.run is not None and self.run.running and self.run.event.id == self.current_id

    def _on_health(self, health, statuses: dict[str, StatusSnapshot]) -> None:
        if self.run is None or not self._running_current():
            return
        self.lights.show_status(statuses)
        self.lights.show_health(health, self.run.elapsed())

    def _on_change(self, change: Change) -> None:
        if self._running_current():
            self.lights.show_state(change.destination, change.new, change.detail)
        if change.new == FAILED:
            self.studio.report(LiveError(
                f"destination '{change.destination}': {change.detail or 'failed'}",
                hint="check its server address and stream key (some platforms issue a new key for each live)"))

    def _on_ended(self, result) -> None:
        seconds = sum(r.duration_s or 0 for r in result.recordings)
        words = {"ended": self.tr("ended"), "stopped": self.tr("stopped"), "failed": self.tr("failed")}
        summary = self.tr("{0}: {1}; recording {2:.0f} s in {3} part(s)").format(
            self.run.event.title, words.get(result.outcome.reason, result.outcome.reason), seconds,
            len(result.recordings))
        self._finish(summary)
        self.studio.notify(summary)

    def _on_failed(self, err: BaseException) -> None:
        self._finish(self.tr("Not on air"))
        self.studio.report(err)

    def _finish(self, summary: str) -> None:
        self.run = None
        self.lights.off_air(summary)
        self.run_line.setText(summary)
        self.preview.paused = False
        self.reload()

    def _update_buttons(self) -> None:
        running = self.run is not None and self.run.running
        self.go_live_button.setEnabled(self.current_id is not None and not running)
        self.stop_button.setEnabled(self._running_current())
        self.delete_button.setEnabled(self.current_id is not None and not self._running_current())
        self.editor.save_button.setEnabled(not self._running_current())
