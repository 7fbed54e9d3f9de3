"""Change events: what an edit changed, announced to whoever watches the project.

Every committed :meth:`~assets.project.Project.transaction` that changed tracked
rows (objects, halls, hotspots, tours, live events...) publishes one
:class:`Changes`: the tables and row ids it touched, and the label of the user
action. Listeners subscribe per project file, so an edit committed on any
connection of this process (the GUI thread's, a worker thread's) reaches every
pane; a listener must be quick and thread-safe (the GUI hands the event over to
its own thread). Nothing here knows about Qt.

Example::

    from assets import changes
    stop = changes.subscribe(project.path, lambda c: print(c.label, c.ids("halls")))
    model.set_hall_title(project, "lobby", title_zh="序厅")   # prints: edit hall {1}
    stop()
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

Listener = Callable[["Changes"], None]


@dataclass(frozen=True)
class Changes:
    """The rows one committed action changed: ``rows[table]`` is a frozenset of rowids."""
    rows: Mapping[str, frozenset[int]] = field(default_factory=dict)
    label: str | None = None   # the user action ("move hotspot"), None for unlabelled writes
    undo: bool = False         # published by an undo or redo of ``label``

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(self.rows)

    def touches(self, *tables: str) -> bool:
        """True if any of ``tables`` changed."""
        return any(t in self.rows for t in tables)

    def ids(self, table: str) -> frozenset[int]:
        """The rowids of ``table`` that changed (empty if none)."""
        return self.rows.get(table, frozenset())


_lock = threading.Lock()
_listeners: dict[str, list[Listener]] = {}


def _key(path: str | Path) -> str:
    return str(Path(path).resolve())


def subscribe(path: str | Path, listener: Listener) -> Callable[[], None]:
    """Call ``listener(changes)`` after every committed change to the project at ``path``.

    Returns a function that unsubscribes."""
    key = _key(path)
    with _lock:
        _listeners.setdefault(key, []).append(listener)

    def unsubscribe() -> None:
        with _lock:
            found = _listeners.get(key, [])
            if listener in found:
                found.remove(listener)
            if not found:
                _listeners.pop(key, None)
    return unsubscribe


def publish(path: str | Path, changes: Changes) -> None:
    """Tell the listeners of ``path`` about ``changes`` (called after the commit)."""
    if not changes.rows:
        return
    with _lock:
        listeners = list(_listeners.get(_key(path), ()))
    for listener in listeners:
        listener(changes)
