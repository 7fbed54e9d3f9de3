"""The column-mapping dialog: a table's first rows and the field each column goes to.

It opens with the mapping :func:`assets.collection_import.propose_mapping`
proposes; the user changes a column's field in the combo box above it. Accepting
emits ``mapping_accepted(path, mapping)``. Opened with ``open()``, never ``exec()``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QLabel, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from assets.catalog_import import IGNORE
from assets.tabular import Table
from studio.gui.field_names import FIELD_LABELS, field_label

PREVIEW_ROWS = 5
_TARGETS = [name for name in FIELD_LABELS if name not in ("custom", IGNORE)]


class MappingDialog(QDialog):
    """Choose the field of every column of ``table``."""

    mapping_accepted = Signal(object, object)  # path, {column: target}

    def __init__(self, table: Table, proposed: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mappingDialog")
        self.setWindowTitle(self.tr("Import {0}").format(table.path.name))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.table_info = table
        about = QLabel(self.tr("{0}: {1:,} rows, text encoding {2}. Choose the field each column goes to.")
                       .format(table.path.name, len(table.rows), table.encoding))
        about.setObjectName("mappingAbout")
        about.setWordWrap(True)

        self.grid = QTableWidget(1 + min(PREVIEW_ROWS, len(table.rows)), len(table.columns), self)
        self.grid.setObjectName("mappingGrid")
        self.grid.setHorizontalHeaderLabels(table.columns)
        self.grid.setVerticalHeaderLabels([self.tr("Field")] + [str(n) for n, _ in table.rows[:PREVIEW_ROWS]])
        self.combos: dict[str, QComboBox] = {}
        for col, column in enumerate(table.columns):
            combo = QComboBox(self.grid)
            combo.setObjectName(f"field:{column}")
            for target in _TARGETS:
                combo.addItem(field_label(target), target)
            combo.addItem(field_label("custom"), f"custom:{column}")
            combo.addItem(field_label(IGNORE), IGNORE)
            self._choose(combo, proposed.get(column, f"custom:{column}"))
            self.grid.setCellWidget(0, col, combo)
            self.combos[column] = combo
            for row, (_, record) in enumerate(table.rows[:PREVIEW_ROWS], start=1):
                value = record.get(column)
                item = QTableWidgetItem("" if value is None else str(value)[:200])
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.grid.setItem(row, col, item)
        self.grid.resizeColumnsToContents()
        for col in range(self.grid.columnCount()):
            self.grid.setColumnWidth(col, min(max(self.grid.columnWidth(col), 140), 260))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.grid, 1)
        layout.addWidget(buttons)
        self.resize(900, 360)

    @staticmethod
    def _choose(combo: QComboBox, target: str) -> None:
        index = combo.findData(target)
        combo.setCurrentIndex(index if index >= 0 else combo.findData(IGNORE))

    def set_field(self, column: str, target: str) -> None:
        """Send ``column`` to ``target`` (as choosing it in the combo box does)."""
        self._choose(self.combos[column], target)

    def mapping(self) -> dict[str, str]:
        return {column: combo.currentData() for column, combo in self.combos.items()}

    def accept(self) -> None:
        self.mapping_accepted.emit(self.table_info.path, self.mapping())
        super().accept()

