"""The project's narration settings in Preferences: the speech engine and voice per
language, and the Piper voice files imported into the project.

Read with :func:`~scenes.narration.engines.engine_choice` and
:func:`~assets.audio.voices.list_voices`; written with
:func:`~scenes.narration.engines.set_engine_choice` (which checks the engine can be
made: one undo step per language changed) and
:func:`~assets.audio.voices.import_voice` (in the background: a model is tens of MB).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QListWidget,
                               QPushButton, QVBoxLayout, QWidget)

from assets.audio.voices import list_voices
from assets.changes import Changes
from assets.errors import YunzhanError
from scenes.narration.engines import DEFAULTS, ENGINES, engine_choice, set_engine_choice
from scenes.narration.subjects import LANGS


class NarrationPreferences(QGroupBox):
    """Engine and voice per language, and the imported voices, of the studio's project."""

    def __init__(self, studio, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("narrationPreferences")
        self.setTitle(self.tr("Narration (this project)"))
        self.studio = studio
        self.project = studio.project
        self.engines: dict[str, QComboBox] = {}
        self.voices: dict[str, QComboBox] = {}
        engine_names = {"espeak": self.tr("eSpeak NG (always available)"),
                        "piper": self.tr("Piper (an imported neural voice)"),
                        "system": self.tr("The system's voices")}
        captions = {"zh": self.tr("Chinese"), "en": self.tr("English")}
        form = QFormLayout()
        for lang in LANGS:
            engine = QComboBox()
            engine.setObjectName(f"narrationEngine_{lang}")
            for name in ENGINES:
                engine.addItem(engine_names[name], name)
            voice = QComboBox()
            voice.setObjectName(f"narrationVoice_{lang}")
            voice.setEditable(True)
            voice.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            voice.setMinimumWidth(200)
            engine.currentIndexChanged.connect(lambda _i, lang=lang: self._offer_voices(lang))
            row = QHBoxLayout()
            row.addWidget(engine)
            row.addWidget(QLabel(self.tr("voice")))
            row.addWidget(voice, 1)
            form.addRow(captions[lang], row)
            self.engines[lang], self.voices[lang] = engine, voice

        self.voice_list = QListWidget()
        self.voice_list.setObjectName("voiceList")
        self.voice_list.setMaximumHeight(90)
        self.import_button = QPushButton(self.tr("Import voice…"))
        self.import_button.setObjectName("importVoice")
        self.import_button.setToolTip(self.tr("A Piper voice: the .onnx model with its .onnx.json beside it"))
        self.import_button.clicked.connect(lambda _checked=False: self.ask_import())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Imported Piper voices")))
        layout.addWidget(self.voice_list)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        studio.changed.connect(self._on_changed)
        self.load()

    # -- reading -----------------------------------------------------------------------
    def load(self) -> None:
        """Show the project's choices and voices."""
        self._fill_voice_list()
        for lang in LANGS:
            choice = engine_choice(self.project, lang)
            self.engines[lang].setCurrentIndex(max(0, self.engines[lang].findData(choice.engine)))
            self._offer_voices(lang)
            self.voices[lang].setCurrentText(choice.voice)

    def _fill_voice_list(self) -> None:
        self.voice_list.clear()
        self.stored = list_voices(self.project)
        for voice in self.stored:
            self.voice_list.addItem(f"{voice.name} ({voice.lang}, {voice.sample_rate} Hz) — {voice.sha256[:12]}")
        if not self.stored:
            self.voice_list.addItem(self.tr("none imported"))

    def _offer_voices(self, lang: str) -> None:
        """The voices the chosen engine offers, in the voice box (any name may be typed)."""
        box, engine = self.voices[lang], self.engines[lang].currentData()
        typed = box.currentText()
        box.clear()
        if engine == "espeak":
            box.addItems(list(dict.fromkeys([DEFAULTS[lang][1], "cmn", "yue", "en-us", "en-gb"])))
        elif engine == "piper":
            box.addItems([v.name for v in self.stored])
        else:
            try:
                from assets.audio.system_voice import system_voices

                for voice_id, name in system_voices():
                    box.addItem(name, voice_id)
            except YunzhanError:
                pass  # no system voices here: the box stays empty, a typed id is still taken
        if typed and box.findText(typed) >= 0:
            box.setCurrentText(typed)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("speech_voices"):
            self._fill_voice_list()
            for lang in LANGS:
                if self.engines[lang].currentData() == "piper":
                    self._offer_voices(lang)

    def voice_texts(self) -> list[str]:
        return [self.voice_list.item(n).text() for n in range(self.voice_list.count())]

    # -- writing -----------------------------------------------------------------------
    def choose(self, lang: str, engine: str, voice: str = "") -> None:
        """Put ``engine`` and ``voice`` in the language's boxes (as the user would)."""
        self.engines[lang].setCurrentIndex(self.engines[lang].findData(engine))
        self.voices[lang].setCurrentText(voice)

    def apply(self) -> bool:
        """Store the languages whose engine or voice changed; False (reported) if one is refused."""
        for lang in LANGS:
            engine = self.engines[lang].currentData()
            box = self.voices[lang]
            found = box.findText(box.currentText())
            voice = (box.itemData(found) if found >= 0 and box.itemData(found) else box.currentText()).strip()
            current = engine_choice(self.project, lang)
            if (engine, voice) == (current.engine, current.voice):
                continue
            try:
                set_engine_choice(self.project, lang, engine=engine, voice=voice or None, rate=current.rate)
            except YunzhanError as err:
                self.studio.report(err)
                return False
        return True

    def ask_import(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Import a Piper voice"))
        dialog.setObjectName("voiceDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("Piper voices (*.onnx)"))
        dialog.fileSelected.connect(lambda path: path and self.import_voice(Path(path)))
        dialog.open()
        return dialog

    def import_voice(self, model: Path):
        """Check and store the voice in the background; the started task."""
        from assets.audio.voices import import_voice

        return self.studio.run_task(self.tr("Importing the voice {0}").format(Path(model).name),
                                    lambda project, _progress: import_voice(project, Path(model)))
