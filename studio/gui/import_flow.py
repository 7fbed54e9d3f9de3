"""Importing what the curator drops or picks: sort, map each table's columns, import.

:meth:`ImportFlow.start` sorts the files (:func:`assets.collection_import.sort_dropped`),
names every file it cannot use in the notifications area, reads each table in
the background and opens the :class:`~studio.gui.mapping_dialog.MappingDialog`
for it, then imports tables and media as ONE background task
(:func:`assets.collection_import.import_collection`) with progress and Cancel.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from assets.collection_import import (CollectionImportResult, DroppedFiles, import_collection, propose_mapping,
                                      sort_dropped)
from assets.tabular import read_table
from studio.gui.mapping_dialog import MappingDialog
from studio.gui.plain_task import PlainTask


class ImportFlow(QObject):
    """One import at a time, for the window's open project.

    ``dialog_opened(MappingDialog)`` when a table's mapping is asked for,
    ``imported(CollectionImportResult)`` when the import has been stored.
    """

    dialog_opened = Signal(object)
    imported = Signal(object)

    def __init__(self, window: QWidget, studio):
        super().__init__(window)
        self.window = window
        self.studio = studio
        self.dropped: DroppedFiles | None = None
        self.mapped: list[tuple[Path, dict[str, str]]] = []
        self.task = None

    def start(self, paths: list[str | Path]) -> bool:
        """Begin importing ``paths`` (files and folders); False if there is nothing to import."""
        if self.dropped is not None:
            self.studio.notify(self.tr("An import is already under way; wait for it to finish."))
            return False
        dropped = sort_dropped(paths)
        for path in dropped.unsupported:
            self.studio.notified.emit(
                self.tr("{0}: not a table of records or a media file Yunzhan can import "
                        "(tables: .csv .tsv .json; images, audio, glTF models)").format(path), True)
        if not dropped.tables and not dropped.media:
            return False
        self.dropped, self.mapped = dropped, []
        self._next_table()
        return True

    def _next_table(self) -> None:
        assert self.dropped is not None
        if len(self.mapped) == len(self.dropped.tables):
            self._import()
            return
        path = self.dropped.tables[len(self.mapped)]
        task = PlainTask(self.tr("Reading {0}").format(path.name), lambda _progress: read_table(path),
                         pool=self.studio.pool, parent=self)
        task.succeeded.connect(self._ask_mapping)
        task.failed.connect(self._failed)
        self.studio.task_started.emit(task)
        task.start()

    def _ask_mapping(self, table) -> None:
        dialog = MappingDialog(table, propose_mapping(table), parent=self.window)
        dialog.mapping_accepted.connect(self._mapped)
        dialog.rejected.connect(self._dialog_cancelled)
        dialog.open()
        self.dialog_opened.emit(dialog)

    def _mapped(self, path: Path, mapping: dict[str, str]) -> None:
        self.mapped.append((path, mapping))
        self._next_table()

    def _dialog_cancelled(self) -> None:
        self.dropped = None
        self.studio.notify(self.tr("Import cancelled: nothing was changed."))

    def _import(self) -> None:
        assert self.dropped is not None
        tables, media = list(self.mapped), list(self.dropped.media)
        self.task = self.studio.run_task(
            self.tr("Importing the collection"),
            lambda project, progress: import_collection(project, tables, media, progress=progress),
            on_done=self._done, on_failed=self._failed)

    def _failed(self, err: BaseException) -> None:
        self.dropped, self.task = None, None
        self.studio.report(err)

    def _done(self, result: CollectionImportResult) -> None:
        self.dropped, self.task = None, None
        names = ", ".join(t.path.name for t in result.tables)
        if result.tables and result.media:
            text = self.tr("Imported {0:,} records from {1} and {2:,} media files "
                           "({3:,} linked to objects, {4:,} unmatched).").format(
                result.records, names, len(result.media), len(result.linked), len(result.unmatched))
        elif result.tables:
            text = self.tr("Imported {0:,} records from {1}.").format(result.records, names)
        else:
            text = self.tr("Imported {0:,} media files ({1:,} linked to objects, {2:,} unmatched).").format(
                len(result.media), len(result.linked), len(result.unmatched))
        self.studio.notify(text)
        self.imported.emit(result)

    @property
    def busy(self) -> bool:
        return self.dropped is not None
