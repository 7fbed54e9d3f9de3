"""The narration of one object, hall or tour stop: its text in Chinese and English side by
side, each with Play, Regenerate and Import recording, the clip's duration and a stale
marker when the text changed since the clip was made.

The panel reads through :mod:`scenes.narration` and writes only through it: a text is
saved with :func:`~scenes.narration.store.set_text` (one undo step), speech is made by
:func:`~scenes.narration.narrate.regenerate` and a recording brought in by
:func:`~scenes.narration.recordings.import_recording`, both in the background through
:meth:`Studio.run_task <studio.gui.studio_context.Studio.run_task>`. What it shows comes
back from the model on ``studio.changed`` (also after undo and redo).

Playing: PySide6-Essentials has no QtMultimedia, so unless ``QMediaPlayer`` imports (the
PySide6-Addons wheel), Play writes the clip to a temporary file and hands it to the
system's player (``QDesktopServices.openUrl``); the button then says so.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPlainTextEdit,
                               QPushButton, QVBoxLayout, QWidget)

from assets.changes import Changes
from assets.errors import YunzhanError
from assets.media_store import MediaStore
from scenes.narration.store import Narration, narration, set_text
from scenes.narration.subjects import LANGS, Subject, find_subject
from studio.gui.narration_import import RecordingImportDialog

# Tables whose changes can alter what the panel shows: the texts and clips, and the
# catalog, halls and stops the composed scripts come from.
WATCHED = ("narrations", "objects", "halls", "tours", "tour_stops")

try:  # PySide6-Addons; absent from PySide6-Essentials
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
    HAS_MULTIMEDIA = True
except ImportError:  # pragma: no cover - depends on the installed wheel
    QAudioOutput = QMediaPlayer = None
    HAS_MULTIMEDIA = False


class ClipPlayer:
    """Plays a narration clip: in the studio with QMediaPlayer when QtMultimedia is there,
    else in the system's player. :attr:`last` is the file last handed over."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="yunzhan-narration-"))
        self.last: Path | None = None
        self._player = None
        if HAS_MULTIMEDIA:
            self._player = QMediaPlayer()
            self._output = QAudioOutput()
            self._player.setAudioOutput(self._output)

    def play(self, store: MediaStore, sha: str) -> Path:
        path = self.folder / f"{sha[:16]}.m4a"
        if not path.exists():
            store.extract(sha, path)
        self.last = path
        url = QUrl.fromLocalFile(str(path))
        if self._player is not None:
            self._player.setSource(url)
            self._player.play()
        else:
            QDesktopServices.openUrl(url)
        return path


class LanguageColumn(QWidget):
    """One language's text, clip status and buttons."""

    def __init__(self, lang: str, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.setObjectName(f"narration_{lang}")
        self.caption = QLabel(caption)
        font = self.caption.font()
        font.setBold(True)
        self.caption.setFont(font)
        self.text = QPlainTextEdit()
        self.text.setObjectName(f"narrationText_{lang}")
        self.text.setMinimumHeight(70)
        self.text.setMaximumHeight(150)  # room for a guide's paragraph; the record above keeps the rest
        self.status = QLabel()
        self.status.setObjectName(f"narrationStatus_{lang}")
        self.status.setWordWrap(True)
        self.stale = QLabel()
        self.stale.setObjectName(f"narrationStale_{lang}")
        self.stale.setStyleSheet("color: #b35c00; font-weight: bold;")
        self.stale.setWordWrap(True)
        self.save_button = self._button("narrationSave")
        self.reset_button = self._button("narrationReset")
        self.play_button = self._button("narrationPlay")
        self.regenerate_button = self._button("narrationRegenerate")
        self.import_button = self._button("narrationImport")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.text)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.save_button)
        edit_row.addWidget(self.reset_button)
        edit_row.addStretch(1)
        layout.addLayout(edit_row)
        layout.addWidget(self.status)
        layout.addWidget(self.stale)
        audio_row = QHBoxLayout()
        for button in (self.play_button, self.regenerate_button, self.import_button):
            audio_row.addWidget(button)
        audio_row.addStretch(1)
        layout.addLayout(audio_row)
        layout.addStretch(1)  # more room than needed goes below the buttons, not between them

    def _button(self, name: str) -> QPushButton:
        button = QPushButton()
        button.setObjectName(f"{name}_{self.lang}")
        return button


class NarrationPanel(QGroupBox):
    """Narration of the subject named by :meth:`show_subject` (an accession number,
    ``hall:SLUG`` or ``TOUR:N``)."""

    task_finished = Signal(str)   # the language whose background task (speech, import) ended

    def __init__(self, studio, parent: QWidget | None = None, *, stacked: bool = False):
        """``stacked``: the languages one above the other (for a narrow side panel), not side by side."""
        super().__init__(parent)
        self.setObjectName("narrationPanel")
        self.setTitle(self.tr("Narration"))
        self.studio = studio
        self.project = studio.project
        self.name: str | None = None
        self.subject: Subject | None = None
        self.narrations: dict[str, Narration] = {}
        self.busy: dict[str, object] = {}     # lang -> its running Task
        self.player = ClipPlayer()
        captions = {"zh": self.tr("Chinese"), "en": self.tr("English")}
        self.columns: dict[str, LanguageColumn] = {}
        grid = QGridLayout(self)
        for col, lang in enumerate(LANGS):
            column = LanguageColumn(lang, captions[lang])
            column.save_button.setText(self.tr("Save text"))
            column.save_button.setToolTip(self.tr("Keep this text as the narration (the clip becomes stale)"))
            column.reset_button.setText(self.tr("Use the catalog script"))
            column.reset_button.setToolTip(self.tr("Forget the written text; speak the script composed "
                                                   "from the catalog"))
            column.play_button.setText(self.tr("Play") if HAS_MULTIMEDIA else self.tr("Play in the system player"))
            if not HAS_MULTIMEDIA:
                column.play_button.setToolTip(self.tr("This studio has no audio player of its own "
                                                      "(QtMultimedia is not installed): the clip opens "
                                                      "in the system's player."))
            column.regenerate_button.setText(self.tr("Regenerate"))
            column.regenerate_button.setToolTip(self.tr("Speak the text again with the chosen voice "
                                                        "(in the background)"))
            column.import_button.setText(self.tr("Import recording…"))
            column.import_button.setToolTip(self.tr("Use your own recording, with its caption file if you "
                                                    "have one: silence is trimmed and the loudness matched; "
                                                    "the original is kept"))
            column.save_button.clicked.connect(lambda _c=False, lang=lang: self.save_text(lang))
            column.reset_button.clicked.connect(lambda _c=False, lang=lang: self.reset_text(lang))
            column.play_button.clicked.connect(lambda _c=False, lang=lang: self.play(lang))
            column.regenerate_button.clicked.connect(lambda _c=False, lang=lang: self.regenerate(lang))
            column.import_button.clicked.connect(lambda _c=False, lang=lang: self.ask_import(lang))
            column.text.textChanged.connect(lambda lang=lang: self._enable(lang))
            grid.addWidget(column, *((col, 0) if stacked else (0, col)))
            self.columns[lang] = column
        studio.changed.connect(self._on_changed)
        self.show_subject(None)

    # -- reading -------------------------------------------------------------------------
    def show_subject(self, name: str | None) -> None:
        """Show the narration of ``name`` (None: nothing selected)."""
        if name != self.name:
            for column in self.columns.values():
                column.text.document().setModified(False)  # another subject: its own text
        self.name = name
        self.refresh()

    def refresh(self) -> None:
        """Read the subject's narration again; a text being typed is kept."""
        self.subject, self.narrations = None, {}
        if self.name is not None:
            try:
                self.subject = find_subject(self.project, self.name)
                self.narrations = {lang: narration(self.project, self.subject, lang) for lang in LANGS}
            except YunzhanError:
                # the subject is gone (an object deleted, a stop removed, an undo): show nothing
                self.subject, self.narrations = None, {}
        for lang, column in self.columns.items():
            n = self.narrations.get(lang)
            if not column.text.document().isModified():  # a text being typed is not overwritten
                column.text.blockSignals(True)
                column.text.setPlainText(n.text if n else "")
                column.text.document().setModified(False)
                column.text.blockSignals(False)
            column.status.setText(self._status(n))
            column.stale.setText(self.tr("Stale: the text changed since this clip was made — "
                                         "regenerate it") if n and n.stale else "")
            column.stale.setVisible(bool(n and n.stale))
            self._enable(lang)

    def _status(self, n: Narration | None) -> str:
        if n is None:
            return ""
        if n.source is None:
            return self.tr("No audio yet")
        kind = self.tr("Speech") if n.source == "speech" else self.tr("Recording")
        return self.tr("{0}, {1:.1f} s").format(kind, n.duration_s or 0.0)

    def _enable(self, lang: str) -> None:
        column, n = self.columns[lang], self.narrations.get(lang)
        busy = lang in self.busy
        column.setEnabled(n is not None)
        column.save_button.setEnabled(n is not None and column.text.toPlainText().strip() != n.text)
        column.reset_button.setEnabled(n is not None and n.edited)
        column.play_button.setEnabled(n is not None and n.audio_sha is not None)
        column.regenerate_button.setEnabled(n is not None and not busy)
        column.import_button.setEnabled(n is not None and not busy)

    def _on_changed(self, changes: Changes) -> None:
        if self.name is not None and changes.touches(*WATCHED):
            self.refresh()

    def narration(self, lang: str) -> Narration | None:
        return self.narrations.get(lang)

    def status_text(self, lang: str) -> str:
        return self.columns[lang].status.text()

    def is_stale(self, lang: str) -> bool:
        return not self.columns[lang].stale.isHidden()

    # -- writing ---------------------------------------------------------------------------
    def set_typed_text(self, lang: str, text: str) -> None:
        """Put ``text`` in the language's box, as typing would (not saved yet)."""
        self.columns[lang].text.setPlainText(text)
        self.columns[lang].text.document().setModified(True)

    def save_text(self, lang: str) -> bool:
        """Store the typed text (one "edit narration text" step)."""
        return self._store_text(lang, self.columns[lang].text.toPlainText().strip())

    def reset_text(self, lang: str) -> bool:
        """Back to the script composed from the catalog."""
        return self._store_text(lang, None)

    def _store_text(self, lang: str, text: str | None) -> bool:
        if self.name is None:
            return False
        try:
            set_text(self.project, self.name, lang, text)
        except YunzhanError as err:
            self.studio.report(err)
            return False
        finally:
            self.columns[lang].text.document().setModified(False)
            self.refresh()
        return True

    def regenerate(self, lang: str):
        """Speak the narration again in the background; the started task."""
        from scenes.narration.narrate import regenerate

        name = self.name
        if name is None or lang in self.busy:
            return None
        return self._run(lang, self.tr("Speaking {0}").format(self.narrations[lang].name),
                         lambda project, progress: regenerate(project, name, lang, progress=progress))

    def ask_import(self, lang: str) -> RecordingImportDialog:
        """The "Import recording" dialog (a recording and, optionally, its caption file)."""
        dialog = RecordingImportDialog(self.tr("Import a recording"), self)
        dialog.chosen.connect(lambda path, captions: self.import_recording(lang, path, captions=captions))
        dialog.open()
        return dialog

    def import_recording(self, lang: str, path: Path, *, captions: Path | None = None):
        """Make the recording at ``path`` (captions from ``captions``, a WebVTT or SRT file,
        if given) the narration in the background; the started task."""
        from scenes.narration.recordings import import_recording

        name = self.name
        if name is None or lang in self.busy:
            return None
        return self._run(lang, self.tr("Importing {0}").format(Path(path).name),
                         lambda project, progress: import_recording(project, name, lang, Path(path),
                                                                    captions=captions and Path(captions),
                                                                    progress=progress))

    def _run(self, lang: str, title: str, work):
        task = self.studio.run_task(title, work)
        self.busy[lang] = task
        self._enable(lang)

        def finished() -> None:
            self.busy.pop(lang, None)
            self.refresh()
            self.task_finished.emit(lang)

        task.finished.connect(finished)
        return task

    def play(self, lang: str) -> Path | None:
        """Play the language's clip; the file handed to the player."""
        n = self.narrations.get(lang)
        if n is None or n.audio_sha is None:
            return None
        try:
            return self.player.play(MediaStore(self.project), n.audio_sha)
        except (YunzhanError, OSError) as err:
            self.studio.report(err if isinstance(err, YunzhanError) else YunzhanError(str(err)))
            return None


def narrate_all(studio, *, on_done=None):
    """Speak every missing or stale narration of the project in the background
    (``yunzhan narrate PROJECT``); the started task. Its summary goes to the notifications."""
    from scenes.narration.narrate import narrate

    def done(report) -> None:
        for line in report.lines():
            studio.notify(line)
        if on_done is not None:
            on_done(report)

    return studio.run_task(QCoreApplication.translate("NarrationPanel", "Narrating the whole project"),
                           lambda project, progress: narrate(project, progress=progress), on_done=done)
