"""The "Import recording" dialog of the narration panel: the recording, and optionally a
caption file (WebVTT or SRT) timed on it.

A caption file beside the recording with the same name (``take.m4a`` and ``take.vtt``
or ``take.srt``) is offered at once. Without one, the captions are timed from the
narration text (see :mod:`scenes.narration.recordings`). The dialog only collects the
two paths; the panel imports them in the background.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from assets.audio.recording import RECORDING_EXTENSIONS

CAPTION_EXTENSIONS = (".vtt", ".srt")


def caption_beside(recording: Path) -> Path | None:
    """A caption file with the recording's name next to it, if there is one."""
    for ext in CAPTION_EXTENSIONS:
        for candidate in (recording.with_suffix(ext), recording.with_suffix(ext.upper())):
            if candidate.is_file():
                return candidate
    return None


class RecordingImportDialog(QDialog):
    """Choose a recording and, optionally, its captions; :attr:`chosen` is emitted on OK
    with (recording, captions or None)."""

    chosen = Signal(object, object)

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("recordingDialog")
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.file_dialog: QFileDialog | None = None
        self.recording = QLineEdit()
        self.recording.setObjectName("recordingPath")
        self.captions = QLineEdit()
        self.captions.setObjectName("captionsPath")
        self.captions.setPlaceholderText(self.tr("none: timed from the narration text"))
        browse_recording = QPushButton(self.tr("Choose…"))
        browse_recording.setObjectName("chooseRecording")
        browse_captions = QPushButton(self.tr("Choose…"))
        browse_captions.setObjectName("chooseCaptions")
        form = QFormLayout()
        for label, edit, button in ((self.tr("Recording"), self.recording, browse_recording),
                                    (self.tr("Captions (optional)"), self.captions, browse_captions)):
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(button)
            form.addRow(label, row)
        note = QLabel(self.tr("A WebVTT (.vtt) or SRT (.srt) file timed on this recording. "
                              "Silence trimmed from its start moves the captions with it."))
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        browse_recording.clicked.connect(self.ask_recording)
        browse_captions.clicked.connect(self.ask_captions)
        self.recording.textChanged.connect(self._enable)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._enable()

    def set_recording(self, path: Path | str) -> None:
        """Use ``path`` as the recording; a caption file beside it is offered if none is chosen yet."""
        path = Path(path)
        self.recording.setText(str(path))
        if not self.captions.text().strip():
            beside = caption_beside(path)
            if beside is not None:
                self.captions.setText(str(beside))

    def set_captions(self, path: Path | str | None) -> None:
        self.captions.setText("" if path is None else str(path))

    def ask_recording(self) -> QFileDialog:
        patterns = " ".join(f"*{ext}" for ext in sorted(RECORDING_EXTENSIONS))
        return self._ask(self.tr("Import a recording"), self.tr("Recordings ({0})").format(patterns),
                         self.set_recording)

    def ask_captions(self) -> QFileDialog:
        patterns = " ".join(f"*{ext}" for ext in CAPTION_EXTENSIONS)
        return self._ask(self.tr("Captions for this recording"), self.tr("Captions ({0})").format(patterns),
                         self.set_captions)

    def _ask(self, title: str, name_filter: str, use) -> QFileDialog:
        dialog = QFileDialog(self, title)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(name_filter)
        dialog.fileSelected.connect(lambda path: path and use(path))
        dialog.open()
        self.file_dialog = dialog
        return dialog

    def _enable(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.recording.text().strip()))

    def accept(self) -> None:
        recording = self.recording.text().strip()
        if not recording:
            return
        captions = self.captions.text().strip()
        super().accept()
        self.chosen.emit(Path(recording), Path(captions) if captions else None)
