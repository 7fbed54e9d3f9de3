"""Preferences: language, the ffmpeg program, the default export profile; with a project
open, also its narration engines and voices (:class:`~studio.gui.narration_preferences.NarrationPreferences`).

Stored in :class:`~studio.gui.settings.Settings`. A new language applies at once:
the window rebuilds its menus and panes in it (``language_changed``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QWidget)

from studio.gui.settings import EXPORT_PROFILES, Settings


class PreferencesDialog(QDialog):
    """Edits the settings; ``language_changed(str)`` when OK changes the language."""

    language_changed = Signal(str)

    def __init__(self, settings: Settings, current_language: str, parent: QWidget | None = None, *,
                 studio=None):
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.settings = settings
        self.current_language = current_language

        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem(self.tr("Follow the system"), "")
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language() or "")))

        self.ffmpeg = QLineEdit(settings.ffmpeg_path())
        self.ffmpeg.setObjectName("ffmpegPath")
        self.ffmpeg.setPlaceholderText(self.tr("Found automatically"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        ffmpeg_row = QHBoxLayout()
        ffmpeg_row.addWidget(self.ffmpeg, 1)
        ffmpeg_row.addWidget(browse)

        self.profile = QComboBox()
        self.profile.setObjectName("exportProfile")
        names = {"full": self.tr("Full (desktop browsers)"), "mobile": self.tr("Mobile (smaller files)"),
                 "kiosk": self.tr("Kiosk (works from disk)")}
        for profile in EXPORT_PROFILES:
            self.profile.addItem(names[profile], profile)
        self.profile.setCurrentIndex(self.profile.findData(settings.export_profile()))

        note = QLabel(self.tr("A new language applies at once. $YUNZHAN_LANG, when set, "
                              "still decides the language at the next start."))
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(note)
        form.addRow(self.tr("ffmpeg program"), ffmpeg_row)
        form.addRow(self.tr("Default export profile"), self.profile)
        self.narration = None
        if studio is not None:
            from studio.gui.narration_preferences import NarrationPreferences

            self.narration = NarrationPreferences(studio)
            form.addRow(self.narration)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.buttons = buttons

    def _browse(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose the ffmpeg program"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.ffmpeg.setText)
        dialog.open()

    def accept(self) -> None:
        if self.narration is not None and not self.narration.apply():
            return  # a voice was refused (reported): the dialog stays open
        language = self.language.currentData()
        self.settings.set_language(language or None)
        self.settings.set_ffmpeg_path(self.ffmpeg.text())
        self.settings.set_export_profile(self.profile.currentData())
        super().accept()
        if language and language != self.current_language:
            self.language_changed.emit(language)
