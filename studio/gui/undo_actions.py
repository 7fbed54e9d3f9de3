"""Edit → Undo / Redo, naming the step ("Undo: move hotspot").

The history lives in the project file (:mod:`assets.history`); undo and redo run
as background tasks on their own connection (undoing a 20,000-row import takes a
moment) and publish their changes like any edit, so every pane updates. The
actions' texts follow ``studio.changed``.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

from assets import history

# The step labels the library writes, for translation (unknown labels show as written).
STEP_LABELS = (
    QT_TRANSLATE_NOOP("UndoSteps", "add hall"),
    QT_TRANSLATE_NOOP("UndoSteps", "add hotspot"),
    QT_TRANSLATE_NOOP("UndoSteps", "add live event"),
    QT_TRANSLATE_NOOP("UndoSteps", "add panorama"),
    QT_TRANSLATE_NOOP("UndoSteps", "add tour"),
    QT_TRANSLATE_NOOP("UndoSteps", "clear exhibition"),
    QT_TRANSLATE_NOOP("UndoSteps", "delete live event"),
    QT_TRANSLATE_NOOP("UndoSteps", "delete object"),
    QT_TRANSLATE_NOOP("UndoSteps", "edit exhibition"),
    QT_TRANSLATE_NOOP("UndoSteps", "edit hall"),
    QT_TRANSLATE_NOOP("UndoSteps", "edit hotspot"),
    QT_TRANSLATE_NOOP("UndoSteps", "edit live event"),
    QT_TRANSLATE_NOOP("UndoSteps", "edit record"),
    QT_TRANSLATE_NOOP("UndoSteps", "edit records"),
    QT_TRANSLATE_NOOP("UndoSteps", "edit tour"),
    QT_TRANSLATE_NOOP("UndoSteps", "import calendar"),
    QT_TRANSLATE_NOOP("UndoSteps", "import collection"),
    QT_TRANSLATE_NOOP("UndoSteps", "import exhibition"),
    QT_TRANSLATE_NOOP("UndoSteps", "import media"),
    QT_TRANSLATE_NOOP("UndoSteps", "import records"),
    QT_TRANSLATE_NOOP("UndoSteps", "import tour"),
    QT_TRANSLATE_NOOP("UndoSteps", "link media"),
    QT_TRANSLATE_NOOP("UndoSteps", "move hotspot"),
    QT_TRANSLATE_NOOP("UndoSteps", "place floor plan pin"),
    QT_TRANSLATE_NOOP("UndoSteps", "remove floor plan pin"),
    QT_TRANSLATE_NOOP("UndoSteps", "remove hall"),
    QT_TRANSLATE_NOOP("UndoSteps", "remove hotspot"),
    QT_TRANSLATE_NOOP("UndoSteps", "remove tour"),
    QT_TRANSLATE_NOOP("UndoSteps", "reorder halls"),
    QT_TRANSLATE_NOOP("UndoSteps", "reorder stops"),
    QT_TRANSLATE_NOOP("UndoSteps", "set default tour"),
    QT_TRANSLATE_NOOP("UndoSteps", "set floor plan"),
    QT_TRANSLATE_NOOP("UndoSteps", "set north"),
    QT_TRANSLATE_NOOP("UndoSteps", "set orientation"),
    QT_TRANSLATE_NOOP("UndoSteps", "set start view"),
    # 3D exhibits and virtual halls (scenes.model_scenes, scenes.virtual_halls, assets.models)
    QT_TRANSLATE_NOOP("UndoSteps", "add annotation"),
    QT_TRANSLATE_NOOP("UndoSteps", "change room"),
    QT_TRANSLATE_NOOP("UndoSteps", "clear model scenes"),
    QT_TRANSLATE_NOOP("UndoSteps", "edit annotation"),
    QT_TRANSLATE_NOOP("UndoSteps", "edit model scene"),
    QT_TRANSLATE_NOOP("UndoSteps", "generate virtual hall"),
    QT_TRANSLATE_NOOP("UndoSteps", "import model"),
    QT_TRANSLATE_NOOP("UndoSteps", "import virtual hall"),
    QT_TRANSLATE_NOOP("UndoSteps", "move work"),
    QT_TRANSLATE_NOOP("UndoSteps", "remove annotation"),
    QT_TRANSLATE_NOOP("UndoSteps", "remove virtual hall"),
    QT_TRANSLATE_NOOP("UndoSteps", "set annotation tour"),
    QT_TRANSLATE_NOOP("UndoSteps", "set model units"),
    QT_TRANSLATE_NOOP("UndoSteps", "set start camera"),
)


def step_text(label: str | None) -> str:
    return QCoreApplication.translate("UndoSteps", label) if label else ""


class UndoActions(QObject):
    """The Undo and Redo actions of one window; :meth:`set_studio` when a project opens or closes."""

    def __init__(self, parent):
        super().__init__(parent)
        self.studio = None
        self.busy = False
        self.undo_action = QAction(self.tr("&Undo"), parent)
        self.undo_action.setObjectName("undo")
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.triggered.connect(lambda _checked=False: self.undo())
        self.redo_action = QAction(self.tr("&Redo"), parent)
        self.redo_action.setObjectName("redo")
        # Ctrl+Shift+Z everywhere, plus the platform's own (Ctrl+Y on Windows).
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"),
                                       *[k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
                                         if k != QKeySequence("Ctrl+Shift+Z")]])
        self.redo_action.triggered.connect(lambda _checked=False: self.redo())
        self.refresh()

    def set_studio(self, studio) -> None:
        self.studio = studio
        self.busy = False
        if studio is not None:
            studio.changed.connect(lambda _changes: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """Name the next undo and redo steps (or disable the actions)."""
        undo = redo = None
        if self.studio is not None:
            undo = history.next_undo(self.studio.project)
            redo = history.next_redo(self.studio.project)
        self.undo_action.setText(self.tr("&Undo: {0}").format(step_text(undo.label)) if undo else self.tr("&Undo"))
        self.redo_action.setText(self.tr("&Redo: {0}").format(step_text(redo.label)) if redo else self.tr("&Redo"))
        self.undo_action.setEnabled(undo is not None and not self.busy)
        self.redo_action.setEnabled(redo is not None and not self.busy)

    def undo(self):
        return self._run("undo", self.tr("Undoing"))

    def redo(self):
        return self._run("redo", self.tr("Redoing"))

    def _run(self, which: str, title: str):
        if self.studio is None or self.busy:
            return None
        self.busy = True
        self.refresh()

        def landed(_result=None) -> None:
            self.busy = False
            self.refresh()

        def failed(err: BaseException) -> None:
            landed()
            self.studio.report(err)

        return self.studio.run_task(title, lambda project, _progress: getattr(history, which)(project),
                                    on_done=landed, on_failed=failed)
