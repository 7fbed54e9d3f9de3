"""The studio's main window: the File menu and the Collection pane of the open project.

Every action calls the same library functions as the ``yunzhan`` command line
(:meth:`Project.create`, :meth:`Project.open`, :func:`import_table`,
:func:`import_media`) and hands any :class:`~assets.errors.YunzhanError` to the
one error handler, :func:`studio.gui.error_dialog.show_error`. The public methods
(:meth:`open_project`, :meth:`import_records`...) take paths, so the menu's file
dialogs and the tests drive the same code.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QTabWidget, QWidget

from assets.catalog_import import import_table
from assets.errors import Cancelled, YunzhanError
from assets.images import IMAGE_EXTENSIONS
from assets.media_import import AUDIO_EXTENSIONS, MODEL_EXTENSIONS, import_media
from assets.project import Project
from studio.gui.collection_pane import CollectionPane
from studio.gui.error_dialog import show_error
from studio.gui.i18n import Translator, system_language
from studio.gui.panes import PANES
from studio.gui.progress_dialog import run_with_progress
from studio.gui.studio_context import Studio
from studio.gui.tasks import TaskPanel


class MainWindow(QMainWindow):
    """One window, at most one open project."""

    def __init__(self, language: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.words = Translator(language or system_language())
        self.project: Project | None = None
        self.studio: Studio | None = None
        self.panes: dict[str, QWidget] = {}
        self.tabs: QTabWidget | None = None
        self.collection: CollectionPane | None = None
        self.resize(1200, 760)
        self.task_panel = TaskPanel(self)
        self.statusBar().addPermanentWidget(self.task_panel)
        self._build_menu()
        self._show_panes()

    # -- the menu ----------------------------------------------------------------
    def _build_menu(self) -> None:
        w = self.words
        menu = self.menuBar().addMenu(w("menu.file"))
        self.action_new = self._action(menu, w("action.new"), QKeySequence.StandardKey.New, self._ask_new)
        self.action_open = self._action(menu, w("action.open"), QKeySequence.StandardKey.Open, self._ask_open)
        menu.addSeparator()
        self.action_import_records = self._action(menu, w("action.import_records"), None, self._ask_import_records)
        self.action_import_media = self._action(menu, w("action.import_media"), None, self._ask_import_media)
        menu.addSeparator()
        self.action_quit = self._action(menu, w("action.quit"), QKeySequence.StandardKey.Quit, self.close)

    def _action(self, menu, text: str, shortcut, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _ask_new(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.words("dialog.new"), "", self.words("filter.project"))
        if path:
            self.new_project(path if path.endswith(".yunzhan") else path + ".yunzhan")

    def _ask_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.words("dialog.open"), "", self.words("filter.project"))
        if path:
            self.open_project(path)

    def _ask_import_records(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.words("dialog.import_records"), "",
                                              self.words("filter.records"))
        if path:
            self.import_records(path)

    def _ask_import_media(self) -> None:
        suffixes = sorted({*IMAGE_EXTENSIONS, *AUDIO_EXTENSIONS, *MODEL_EXTENSIONS})
        patterns = " ".join(f"*{suffix}" for suffix in suffixes)
        paths, _ = QFileDialog.getOpenFileNames(self, self.words("dialog.import_media"), "",
                                                self.words("filter.media", patterns=patterns))
        if paths:
            self.import_media(paths)

    # -- actions ---------------------------------------------------------------------
    def _guarded(self, work: Callable[[], object]) -> bool:
        """Run one user action; errors go to the one error handler. True if it succeeded."""
        try:
            work()
            return True
        except Cancelled:
            self.statusBar().showMessage(self.words("status.cancelled"))
        except YunzhanError as err:
            show_error(self, err, self.words("error.title"))
        return False

    def open_project(self, path: str | os.PathLike) -> bool:
        """Open a project file and show its collection."""
        return self._guarded(lambda: self._set_project(Project.open(path)))

    def new_project(self, path: str | os.PathLike) -> bool:
        """Create an empty project file and show it."""
        return self._guarded(lambda: self._set_project(Project.create(path)))

    def import_records(self, path: str | os.PathLike) -> bool:
        """Import a CSV or JSON table of records into the open project, with a progress dialog."""
        def work() -> None:
            result = run_with_progress(self, self.words("progress.import_records"), self.words("progress.cancel"),
                                       lambda progress: import_table(self.project, path, progress=progress))
            self._after_import(self.words("status.imported_records", rows=result.rows, added=result.added,
                                          updated=result.updated))
        return self._needs_project() and self._guarded(work)

    def import_media(self, paths: list[str | os.PathLike]) -> bool:
        """Import media files, linked to objects by accession number, with a progress dialog."""
        def work() -> None:
            files = [Path(p) for p in paths]
            result = run_with_progress(self, self.words("progress.import_media"), self.words("progress.cancel"),
                                       lambda progress: import_media(self.project, files, progress=progress))
            self._after_import(self.words("status.imported_media", stored=len(result.stored),
                                          linked=len(result.linked), unmatched=len(result.unmatched)))
        return self._needs_project() and self._guarded(work)

    def _needs_project(self) -> bool:
        if self.project is None:
            self.statusBar().showMessage(self.words("status.no_project"))
            return False
        return True

    def _after_import(self, message: str) -> None:
        if self.collection is not None:
            self.collection.model.reload()
        self.statusBar().showMessage(message)

    # -- the open project ------------------------------------------------------------
    def _set_project(self, project: Project | None) -> None:
        old_studio = self.studio
        self.project = project
        self.studio = None if project is None else Studio(project, words=self.words, parent=self)
        if self.studio is not None:
            self.studio.task_started.connect(self.task_panel.add)
            self.studio.notified.connect(self._show_notification)
        self._show_panes()
        if old_studio is not None:
            old_studio.close()
            old_studio.deleteLater()

    def _show_notification(self, text: str, is_error: bool) -> None:
        self.statusBar().showMessage(text)

    def _show_panes(self) -> None:
        self.panes = {}
        self.collection = None
        if self.studio is None:
            placeholder = QLabel(self.words("status.no_project"))
            placeholder.setObjectName("noProject")
            self.tabs = None
            self.setCentralWidget(placeholder)  # deletes the previous panes
            self.setWindowTitle(self.words("app.title"))
        else:
            self.tabs = QTabWidget()
            self.tabs.setObjectName("paneTabs")
            for spec in PANES:
                pane = spec.build(self.studio)
                self.panes[spec.name] = pane
                self.tabs.addTab(pane, spec.translated_title())
            self.collection = self.panes.get("collection")
            self.setCentralWidget(self.tabs)
            self.setWindowTitle(f"{self.studio.path.name} — {self.words('app.title')}")
        for action in (self.action_import_records, self.action_import_media):
            action.setEnabled(self.studio is not None)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._set_project(None)
        super().closeEvent(event)
