"""A lazy table over the catalog that stays fast at 100,000 objects.

The model's rows are a list of object ids (every object, or a search's hits);
the objects' fields are read from :meth:`assets.catalog.Catalog.rows` a page at a
time, only when the view asks for a row, and a bounded number of pages is kept
(least recently used first out). Opening 100,000 objects costs one id query and
the few pages on screen.

Searching runs off the GUI thread (:class:`~studio.gui.search_worker.SearchWorker`);
its answer arrives through :meth:`CatalogTableModel.show_results`.
:meth:`set_query` does the same synchronously (scripts, tests).
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal

from assets.catalog import Catalog, CatalogObject
from assets.project import Project
from assets.search import count as search_count
from assets.search import search_ids
from studio.gui.field_names import column_label
from studio.gui.i18n import current_language

COLUMNS = ("accession", "title", "maker", "date", "culture", "medium")
PAGE_SIZE = 100
MAX_PAGES = 20


class CatalogTableModel(QAbstractTableModel):
    """Rows = object ids from the catalog or a search; cells fetched page by page.

    ``query`` is the model's truth about what is shown; set it with
    :meth:`set_query` and read the hit count from :attr:`hit_count`.
    ``page_fetches`` counts the pages read from the catalog so far.
    """

    query_changed = Signal(str)

    def __init__(self, project: Project, *, page_size: int = PAGE_SIZE,
                 max_pages: int = MAX_PAGES, parent: QObject | None = None):
        super().__init__(parent)
        self.project = project
        self.catalog = Catalog(project)
        self.language = current_language()
        self.page_size = page_size
        self.max_pages = max_pages
        self.page_fetches = 0
        self.query = ""
        self.hit_count = 0
        self._ids: list[int] = []
        self._pages: OrderedDict[int, list[CatalogObject | None]] = OrderedDict()
        self._load_ids()

    # -- what is shown -----------------------------------------------------------
    def set_query(self, query: str) -> None:
        """Show the objects matching ``query`` (all objects when it is blank).

        Raises :class:`~assets.errors.InputError` for a query the search cannot
        understand; the rows shown then stay as they were.
        """
        query = query.strip()
        if query:
            ids = search_ids(self.project, query, limit=None)  # raises before anything changes
            hits = search_count(self.project, query)
        else:
            ids, hits = None, None
        self.show_results(query, ids, hits)

    def show_results(self, query: str, ids: list[int] | None, hits: int | None = None) -> None:
        """Show ``ids`` (a search's answer; None: every object) as the rows for ``query``.

        When the query and the rows are the ones already shown (an edit changed some
        fields), only the cells are refreshed, so the selection and scroll stay.
        """
        query = query.strip()
        if ids is not None and query == self.query and ids == self._ids:
            self.hit_count = len(ids) if hits is None else hits
            self.refresh_cells()
            return
        shown = len(self._ids)
        if ids is not None and query == self.query and len(ids) > shown and ids[:shown] == self._ids:
            # The rest of an answer whose first rows are shown: append, keep selection and scroll.
            self.beginInsertRows(QModelIndex(), shown, len(ids) - 1)
            self._ids = list(ids)
            self.hit_count = len(ids) if hits is None else hits
            self.endInsertRows()
            return
        self.beginResetModel()
        self.query = query
        self._load_ids(ids, hits)
        self.endResetModel()
        self.query_changed.emit(query)

    def refresh_cells(self) -> None:
        """Forget the cached pages and repaint every cell (fields changed, rows did not)."""
        self._pages.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    def reload(self) -> None:
        """Read the ids again, synchronously (after an import changed the catalog)."""
        self.set_query(self.query)

    def _load_ids(self, ids: list[int] | None = None, hits: int | None = None) -> None:
        self._ids = self.catalog.ids() if ids is None else ids
        self.hit_count = len(self._ids) if hits is None else hits
        self._pages.clear()

    def object_id(self, row: int) -> int:
        """The id of the object shown in ``row``."""
        return self._ids[row]

    def ids(self) -> list[int]:
        """The ids shown, in row order (a copy)."""
        return list(self._ids)

    @property
    def cached_pages(self) -> int:
        return len(self._pages)

    # -- Qt model interface --------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return column_label(COLUMNS[section])
        return str(section + 1)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        obj = self.object_at(index.row())
        if obj is None:
            return None
        return self.cell_text(obj, COLUMNS[index.column()])

    def object_at(self, row: int) -> CatalogObject | None:
        """The fields of the object in ``row`` (media not loaded), fetching its page if needed."""
        if not 0 <= row < len(self._ids):
            return None
        number, offset = divmod(row, self.page_size)
        page = self._pages.get(number)
        if page is None:
            page = self._fetch(number)
        else:
            self._pages.move_to_end(number)
        return page[offset]

    def cell_text(self, obj: CatalogObject, column: str) -> str:
        if column == "title":
            if self.language == "zh":
                return obj.title_zh or obj.title_en or obj.accession
            return obj.title_en or obj.title_zh or obj.accession
        if column == "date":
            return obj.date_text
        return getattr(obj, column)

    def _fetch(self, number: int) -> list[CatalogObject | None]:
        chunk = self._ids[number * self.page_size:(number + 1) * self.page_size]
        found = {obj.id: obj for obj in self.catalog.rows(chunk)}
        page = [found.get(i) for i in chunk]  # None for an object deleted meanwhile
        self.page_fetches += 1
        self._pages[number] = page
        while len(self._pages) > self.max_pages:
            self._pages.popitem(last=False)
        return page
