"""The program preview: a still from ffmpeg, made on a worker thread and refreshed.

One still is made at a time on the pane's own single-thread pool (a still is not a
user task, so it stays out of the task panel); a request while one is being made
is remembered and made next, and a still of an event no longer shown is dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, QSignalBlocker, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from assets.errors import YunzhanError
from streaming.events import Event
from streaming.preview import still

REFRESH_MS = 5000


class _Landing(QObject):
    landed = Signal(int, object)  # generation, a QImage or an error


class _StillJob(QRunnable):
    def __init__(self, generation: int, event: Event, ffmpeg: str, countdown: bool, landing: _Landing):
        super().__init__()
        self.args = generation, event, ffmpeg, countdown
        self.landing = landing

    def run(self) -> None:
        generation, event, ffmpeg, countdown = self.args
        try:
            # Decoded here: the GUI thread only turns it into a pixmap.
            result: object = QImage.fromData(still(event, ffmpeg=ffmpeg, countdown=countdown), "PNG")
        except Exception as err:  # noqa: BLE001 - shown in the preview, or logged by the one handler
            result = err
        self.landing.landed.emit(generation, result)


class PreviewView(QWidget):
    """Shows the still of :meth:`show_event`'s program; Refresh and a timer renew it."""

    def __init__(self, studio, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("livePreview")
        self.studio = studio
        self.picture = QLabel(self)
        self.picture.setObjectName("previewPicture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumSize(320, 180)
        self.picture.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.picture.setStyleSheet("background: #101418; color: #c8ccd0;")
        self.countdown = QCheckBox(self.tr("Countdown slate"), self)
        self.countdown.setObjectName("previewCountdown")
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("previewRefresh")
        row = QHBoxLayout()
        row.addWidget(self.countdown)
        row.addStretch(1)
        row.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picture, 1)
        layout.addLayout(row)

        self.image = QImage()
        self.stills_made = 0
        self.paused = False                # True: the timer does not renew (a camera busy on air)
        self._event: Event | None = None
        self._generation = 0
        self._busy = False
        self._pending = False
        self._stale = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._landing = _Landing(self)
        self._landing.landed.connect(self._landed)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self.countdown.toggled.connect(lambda _on: self.refresh())
        self.refresh_button.clicked.connect(self.refresh)
        self._show_text(self.tr("Choose an event to see its program."))

    def show_event(self, event: Event | None) -> None:
        """Preview ``event`` (None: nothing); the countdown slate is shown first when it has a pre-roll."""
        self._event = event
        self._generation += 1
        self.image = QImage()
        if event is None:
            self._show_text(self.tr("Choose an event to see its program."))
            return
        with QSignalBlocker(self.countdown):  # one still, not two
            self.countdown.setChecked(event.preroll_s > 0 and event.status != "live")
        self._show_text(self.tr("Making a preview…"))
        if self.isVisible():
            self.refresh()
        else:  # made when the pane is first shown: a window opened on another tab starts no ffmpeg
            self._stale = True

    def refresh(self) -> None:
        """Make a new still in the background (after the one being made, if any)."""
        if self._event is None:
            return
        if self._busy:
            self._pending = True
            return
        try:
            from streaming.ffmpeg_tool import SETTING, find_ffmpeg
            ffmpeg = find_ffmpeg(self.studio.project.get_setting(SETTING))
        except YunzhanError as err:
            self._show_text(err.user_text())
            return
        self._busy, self._pending, self._stale = True, False, False
        self._pool.start(_StillJob(self._generation, self._event, ffmpeg, self.countdown.isChecked(),
                                   self._landing))

    def wait(self, timeout_s: float = 20) -> bool:
        return self._pool.waitForDone(int(timeout_s * 1000))

    def _tick(self) -> None:
        if not self.paused and self.isVisible():
            self.refresh()

    def _landed(self, generation: int, result: object) -> None:
        self._busy = False
        if generation == self._generation:
            if isinstance(result, BaseException):
                if isinstance(result, YunzhanError):
                    self._show_text(result.user_text())
                else:
                    self.studio.report(result)
            else:
                self.image = result
                self.stills_made += 1
                self._show_image()
        if self._pending:
            self.refresh()

    def _show_text(self, text: str) -> None:
        self.picture.setPixmap(QPixmap())
        self.picture.setText(text)
        self.picture.setWordWrap(True)

    def _show_image(self) -> None:
        if self.image.isNull():
            return
        pixmap = QPixmap.fromImage(self.image).scaled(self.picture.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                      Qt.TransformationMode.SmoothTransformation)
        self.picture.setPixmap(pixmap)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._show_image()
