"""Search-as-you-type off the GUI thread, dropping stale queries.

One worker thread with its own connection to the project runs the queries in
order. Every query gets a serial number; a query still waiting when a newer one
arrives is skipped, one running is interrupted (``sqlite3.Connection.interrupt``),
and an answer that arrives after a newer query was asked is dropped, so the
table only ever shows the answer to the last thing typed.

An answer comes in two parts: the first :data:`FIRST_ROWS` ids with the hit count
(a few milliseconds even when a query matches every one of 100,000 objects),
then, when there are more and no newer query came for :data:`FULL_LIST_AFTER_S`,
the full list, of which the first part is the prefix. So while the user types,
the worker only ever computes first rows.
"""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot

from assets.errors import YunzhanError
from assets.project import Project
from assets.search import count as search_count
from assets.search import search_ids


FIRST_ROWS = 200
FULL_LIST_AFTER_S = 0.15


class SearchWorker(QObject):
    """``ask(query)``; ``found(query, ids, hits, complete)`` (once or twice) or
    ``failed(query, error)`` follow on the GUI thread, for the newest query only.
    A blank query lists every object, in accession order."""

    found = Signal(str, object, int, bool)
    failed = Signal(str, object)
    _answered = Signal(int, str, object, object)  # serial, query, (ids, hits, complete) or None, error or None

    def __init__(self, project_path: str | Path, parent: QObject | None = None):
        super().__init__(parent)
        self.project_path = Path(project_path)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="yunzhan-search")
        self._serial = 0
        self._running = 0
        self._lock = threading.Lock()
        self._project: Project | None = None
        self._newer = threading.Event()  # set by ask(): the query being answered is stale
        self._answered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def ask(self, query: str) -> int:
        """Search for ``query`` in the background; returns its serial number."""
        with self._lock:
            self._serial += 1
            serial = self._serial
            self._newer.set()
            if self._running and self._project is not None:
                self._project.db.interrupt()  # the running query is stale now
        self._executor.submit(self._run, serial, query.strip())
        return serial

    @property
    def latest(self) -> int:
        return self._serial

    # -- worker thread -------------------------------------------------------------------
    def _run(self, serial: int, query: str) -> None:
        with self._lock:
            if serial != self._serial:
                return  # a newer query is waiting: skip this one
            self._running = serial
            self._newer.clear()
        try:
            if self._project is None:
                self._project = Project.open(self.project_path, migrate=False)
            first = search_ids(self._project, query, limit=FIRST_ROWS)
            if len(first) < FIRST_ROWS:
                self._answered.emit(serial, query, (first, len(first), True), None)
                return
            self._answered.emit(serial, query, (first, search_count(self._project, query), False), None)
            if self._newer.wait(FULL_LIST_AFTER_S):
                return  # typed on meanwhile: the full list of this text is not wanted
            ids = search_ids(self._project, query, limit=None)
            self._answered.emit(serial, query, (ids, len(ids), True), None)
        except sqlite3.OperationalError as err:
            if "interrupt" in str(err):
                return  # stopped for a newer query
            self._answered.emit(serial, query, None, YunzhanError(f"{self.project_path}: search failed ({err})"))
        except Exception as err:  # noqa: BLE001 - handed to the GUI thread
            self._answered.emit(serial, query, None, err)
        finally:
            with self._lock:
                self._running = 0

    @Slot(int, str, object, object)
    def _deliver(self, serial: int, query: str, answer, error) -> None:
        if serial != self._serial:
            return  # stale: the user has typed on since
        if error is not None:
            self.failed.emit(query, error)
        else:
            self.found.emit(query, *answer)

    def close(self) -> None:
        """Finish the queued work and close the worker's connection."""
        with self._lock:
            self._serial += 1  # whatever is queued is stale now
            self._newer.set()
        self._executor.submit(self._close_project)
        self._executor.shutdown(wait=True)

    def _close_project(self) -> None:
        if self._project is not None:
            self._project.close()
            self._project = None
