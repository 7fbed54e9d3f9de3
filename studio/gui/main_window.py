"""The studio's main window: the shell around the panes of the open project.

The shell holds the menus (File, Edit, View, Help), the start page shown when no
project is open, the notifications area fed by the one error handler, the task
panel of background work, Undo/Redo naming their step, Preferences and About.
Every action calls the same library functions as the ``yunzhan`` command line;
the public methods (:meth:`open_project`, :meth:`import_paths`...) take paths, so
the menu's file dialogs, drag and drop and the tests drive the same code. Edits
are committed per action, so closing the window at any moment loses nothing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QTabWidget, QWidget

from assets.errors import YunzhanError
from assets.project import SUFFIX, Project
from studio.gui.error_dialog import show_error
from studio.gui.i18n import system_language, use_language
from studio.gui.notifications import NotificationsDock
from studio.gui.panes import PANES
from studio.gui.plain_task import PlainTask
from studio.gui.settings import Settings, data_dir
from studio.gui.start_page import StartPage
from studio.gui.studio_context import Studio, internal_error_text
from studio.gui.tasks import TaskPanel
from studio.gui.undo_actions import UndoActions

# The panes' tab titles, for translation (the registry in panes.py holds them in English).
PANE_TITLES = (QT_TRANSLATE_NOOP("Panes", "Collection"), QT_TRANSLATE_NOOP("Panes", "Halls"),
               QT_TRANSLATE_NOOP("Panes", "Tours"), QT_TRANSLATE_NOOP("Panes", "Live"),
               QT_TRANSLATE_NOOP("Panes", "3D"), QT_TRANSLATE_NOOP("Panes", "Publish"))


class MainWindow(QMainWindow):
    """One window, at most one open project."""

    def __init__(self, language: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.language = language or system_language()
        use_language(self.language)
        self.settings = Settings()
        self.project: Project | None = None
        self.studio: Studio | None = None
        self.panes: dict[str, QWidget] = {}
        self.tabs: QTabWidget | None = None
        self.start_page: StartPage | None = None
        self.collection = None
        self.import_flow = None  # an ImportFlow, made at the first import (its imports cost start-up time)
        self.demo_task: PlainTask | None = None
        self.resize(1200, 760)
        self.setAcceptDrops(True)
        self.notifications = NotificationsDock(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.notifications)
        self.task_panel = TaskPanel(self)
        self.statusBar().addPermanentWidget(self.task_panel)
        self.undo = UndoActions(self)
        self._build_menus()
        self._show_panes()

    # -- menus ---------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        for menu in bar.findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly):
            menu.deleteLater()  # rebuilt in a new language
        for action in getattr(self, "_menu_actions", []):
            action.deleteLater()
        self._menu_actions: list[QAction] = []
        bar.clear()
        file_menu = bar.addMenu(self.tr("&File"))
        self.action_new = self._action(file_menu, self.tr("&New project…"), QKeySequence.StandardKey.New,
                                       self._ask_new)
        self.action_open = self._action(file_menu, self.tr("&Open project…"), QKeySequence.StandardKey.Open,
                                        self._ask_open)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.action_demo = self._action(file_menu, self.tr("Open the &demo"), None, self.open_demo)
        file_menu.addSeparator()
        self.action_import_records = self._action(file_menu, self.tr("Import &records…"), None,
                                                  self._ask_import_records)
        self.action_import_media = self._action(file_menu, self.tr("Import &media…"), None, self._ask_import_media)
        file_menu.addSeparator()
        self.action_close = self._action(file_menu, self.tr("&Close project"), QKeySequence.StandardKey.Close,
                                         self.close_project)
        self.action_quit = self._action(file_menu, self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo.undo_action.setText(self.tr("&Undo"))
        self.undo.redo_action.setText(self.tr("&Redo"))
        edit_menu.addAction(self.undo.undo_action)
        edit_menu.addAction(self.undo.redo_action)
        self.undo.refresh()
        edit_menu.addSeparator()
        self.action_find = self._action(edit_menu, self.tr("&Find in the collection"), QKeySequence.StandardKey.Find,
                                        self.find_in_collection)
        preferences = QKeySequence(QKeySequence.StandardKey.Preferences)
        self.action_preferences = self._action(edit_menu, self.tr("&Preferences…"),
                                               preferences if not preferences.isEmpty() else QKeySequence("Ctrl+,"),
                                               self.show_preferences)

        view_menu = bar.addMenu(self.tr("&View"))
        toggle = self.notifications.toggleViewAction()
        toggle.setText(self.tr("&Notifications"))
        view_menu.addAction(toggle)

        help_menu = bar.addMenu(self.tr("&Help"))
        self.action_about = self._action(help_menu, self.tr("&About Yunzhan Studio"), None, self.show_about)
        self.notifications.setWindowTitle(self.tr("Notifications"))
        self._enable_project_actions()

    def _action(self, menu: QMenu, text: str, shortcut, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self._menu_actions.append(action)
        return action

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_projects()
        for path in recent:
            action = self.recent_menu.addAction(str(path))
            action.setEnabled(path.exists())
            action.triggered.connect(lambda _checked=False, p=path: self.open_project(p))
        if not recent:
            self.recent_menu.addAction(self.tr("No recent projects")).setEnabled(False)

    def find_in_collection(self) -> None:
        """Show the Collection pane with the search box focused (Ctrl+F)."""
        if self.collection is not None and self.tabs is not None:
            self.tabs.setCurrentWidget(self.collection)
            self.collection.search_box.setFocus()
            self.collection.search_box.selectAll()

    def _enable_project_actions(self) -> None:
        for action in (self.action_import_records, self.action_import_media, self.action_close, self.action_find):
            action.setEnabled(self.studio is not None)

    # -- file dialogs (non-blocking: open(), never exec()) ----------------------------------
    def _file_dialog(self, title: str, name_filter: str, *, save: bool = False, many: bool = False,
                     done: Callable[[list[str]], object]) -> QFileDialog:
        dialog = QFileDialog(self, title)
        dialog.setObjectName("fileDialog")
        dialog.setNameFilter(name_filter)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if save:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix(SUFFIX.lstrip("."))
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFiles if many else QFileDialog.FileMode.ExistingFile)
        dialog.filesSelected.connect(lambda files: files and done(list(files)))
        dialog.open()
        return dialog

    def _project_filter(self) -> str:
        return self.tr("Yunzhan projects (*.yunzhan)")

    def _ask_new(self) -> QFileDialog:
        return self._file_dialog(self.tr("New project"), self._project_filter(), save=True,
                                 done=lambda files: self.new_project(files[0]))

    def _ask_open(self) -> QFileDialog:
        return self._file_dialog(self.tr("Open project"), self._project_filter(),
                                 done=lambda files: self.open_project(files[0]))

    def _ask_import_records(self) -> QFileDialog:
        return self._file_dialog(self.tr("Import records"), self.tr("Records (*.csv *.tsv *.txt *.json)"),
                                 done=self.import_paths)

    def _ask_import_media(self) -> QFileDialog:
        from assets.images import IMAGE_EXTENSIONS
        from assets.media_import import AUDIO_EXTENSIONS, MODEL_EXTENSIONS

        suffixes = sorted({*IMAGE_EXTENSIONS, *AUDIO_EXTENSIONS, *MODEL_EXTENSIONS})
        patterns = " ".join(f"*{suffix}" for suffix in suffixes)
        return self._file_dialog(self.tr("Import media"), self.tr("Media ({0})").format(patterns), many=True,
                                 done=self.import_paths)

    # -- telling the user ------------------------------------------------------------------
    def notify(self, text: str, is_error: bool = False) -> None:
        """A message in the notifications area (and for a moment in the status bar)."""
        self.notifications.add(text, is_error)
        self.statusBar().showMessage(text, 10_000)

    def _refuse(self, err: YunzhanError) -> None:
        """A file that cannot be opened: a dialog naming it, and a notification."""
        self.notify(err.user_text(), True)
        show_error(self, err, self.tr("Yunzhan Studio"))

    # -- projects ------------------------------------------------------------------------
    def open_project(self, path: str | os.PathLike) -> bool:
        """Open a project file and show its panes; False (and a dialog naming the file) if it cannot."""
        try:
            project = Project.open(path)
        except YunzhanError as err:
            self._refuse(err)
            return False
        self._set_project(project)
        self.settings.add_recent(project.path)
        return True

    def new_project(self, path: str | os.PathLike) -> bool:
        """Create an empty project file and show it."""
        path = Path(path)
        if path.suffix != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        try:
            project = Project.create(path)
        except YunzhanError as err:
            self._refuse(err)
            return False
        self._set_project(project)
        self.settings.add_recent(project.path)
        self.notify(self.tr("Created {0}.").format(project.path))
        return True

    def close_project(self) -> None:
        """Close the open project (everything is already saved) and show the start page."""
        self._set_project(None)

    def demo_target(self) -> Path:
        return data_dir() / "demo" / "demo.yunzhan"

    def open_demo(self) -> PlainTask | None:
        """Open the demo project; build it first (in the background) into the user's data folder."""
        target = self.demo_target()
        if target.exists():
            self.open_project(target)
            return None
        if self.demo_task is not None:
            return self.demo_task
        from studio.demo import build_demo

        task = PlainTask(self.tr("Building the demo"), lambda progress: build_demo(target.parent, extras=False, progress=progress))
        task.succeeded.connect(lambda _lines: self.open_project(target))
        task.failed.connect(self._demo_failed)
        task.finished.connect(lambda: setattr(self, "demo_task", None))
        self.demo_task = task
        self.task_panel.add(task)
        self.notify(self.tr("Building the demo project in {0}…").format(target.parent))
        return task.start()

    def _demo_failed(self, err: BaseException) -> None:
        if isinstance(err, YunzhanError):
            self.notify(err.user_text(), True)
        else:
            self.notify(internal_error_text(err), True)

    # -- importing -----------------------------------------------------------------------
    def import_paths(self, paths: list[str | os.PathLike]) -> bool:
        """Import dropped or chosen files and folders (tables, photos) into the open project."""
        if self.studio is None:
            self.notify(self.tr("Open or create a project first, then import into it."), True)
            return False
        if self.import_flow is None:
            from studio.gui.import_flow import ImportFlow

            self.import_flow = ImportFlow(self, self.studio)
        return self.import_flow.start([Path(p) for p in paths])

    def import_records(self, path: str | os.PathLike) -> bool:
        """Import a table of records (through the column-mapping dialog, in the background)."""
        return self.import_paths([path])

    def import_media(self, paths: list[str | os.PathLike]) -> bool:
        """Import media files, linked to objects by accession number, in the background."""
        return self.import_paths(list(paths))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        event.acceptProposedAction()
        self.drop_paths(paths)

    def drop_paths(self, paths: list[Path]) -> bool:
        """What a drop does: a project file opens; anything else is imported."""
        if len(paths) == 1 and paths[0].suffix == SUFFIX:
            return self.open_project(paths[0])
        return self.import_paths(paths)

    # -- the open project ----------------------------------------------------------------
    def _set_project(self, project: Project | None) -> None:
        old_studio = self.studio
        for pane in self.panes.values():
            shutdown = getattr(pane, "shutdown", None)
            if shutdown is not None:
                shutdown()
        self.project = project
        self.studio = None if project is None else Studio(project, parent=self)
        self.import_flow = None
        if self.studio is not None:
            self.studio.task_started.connect(self.task_panel.add)
            self.studio.notified.connect(self.notify)
        self.undo.set_studio(self.studio)
        self._show_panes()
        if old_studio is not None:
            old_studio.close()
            old_studio.deleteLater()

    def _show_panes(self) -> None:
        self.panes = {}
        self.collection = None
        self.start_page = None
        if self.studio is None:
            self.tabs = None
            page = StartPage(self.settings.recent_projects())
            page.new_requested.connect(self._ask_new)
            page.open_requested.connect(self._ask_open)
            page.demo_requested.connect(self.open_demo)
            page.recent_chosen.connect(self.open_project)
            self.start_page = page
            self.setCentralWidget(page)  # deletes the previous panes
            self.setWindowTitle(self.tr("Yunzhan Studio"))
        else:
            self.tabs = QTabWidget()
            self.tabs.setObjectName("paneTabs")
            for spec in (spec for spec in PANES if spec.available()):
                pane = spec.build(self.studio)
                self.panes[spec.name] = pane
                self.tabs.addTab(pane, spec.translated_title())
            self.collection = self.panes.get("collection")
            self.setCentralWidget(self.tabs)
            self.setWindowTitle(self.tr("{0} — Yunzhan Studio").format(self.studio.path.name))
        self._enable_project_actions()

    # -- preferences, language, about ----------------------------------------------------------
    def show_preferences(self):
        from studio.gui.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self.language, parent=self, studio=self.studio)
        dialog.language_changed.connect(self.set_language)
        dialog.open()
        return dialog

    def set_language(self, language: str) -> None:
        """Speak ``language`` at once: menus and panes are rebuilt in it (the project stays open)."""
        use_language(language)
        self.language = language
        current = self.tabs.currentIndex() if self.tabs is not None else 0
        for pane in self.panes.values():
            shutdown = getattr(pane, "shutdown", None)
            if shutdown is not None:
                shutdown()
        self._build_menus()
        self._show_panes()
        if self.tabs is not None:
            self.tabs.setCurrentIndex(current)

    def show_about(self):
        from studio.gui.about_dialog import AboutDialog

        dialog = AboutDialog(self.settings.ffmpeg_path(), parent=self)
        dialog.open()
        return dialog

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.demo_task is not None:
            self.demo_task.cancel()
        self._set_project(None)
        super().closeEvent(event)
