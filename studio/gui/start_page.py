"""The start page shown when no project is open: recent projects, New, Open, the demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout,
                               QWidget)


class StartPage(QWidget):
    """Buttons emit ``new_requested``, ``open_requested``, ``demo_requested``; a recent
    project, activated, emits ``recent_chosen(path)``."""

    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_chosen = Signal(object)

    def __init__(self, recent: list[Path], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("startPage")
        heading = QLabel(self.tr("Yunzhan Studio"))
        heading.setObjectName("startHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        heading.setFont(font)
        blurb = QLabel(self.tr("Build virtual exhibitions and live-streamed tours from your collection."))
        blurb.setWordWrap(True)

        self.new_button = self._button("newProject", self.tr("New project…"), self.new_requested)
        self.open_button = self._button("openProject", self.tr("Open project…"), self.open_requested)
        self.demo_button = self._button("openDemo", self.tr("Open the demo"), self.demo_requested)
        buttons = QVBoxLayout()
        for button in (self.new_button, self.open_button, self.demo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.recent_list = QListWidget()
        self.recent_list.setObjectName("recentProjects")
        missing_note = self.tr("(missing)")
        for path in recent:
            missing = not path.exists()
            item = QListWidgetItem(f"{path.name}\n{path.parent}" + (f"  {missing_note}" if missing else ""))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            if missing:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.recent_list.addItem(item)
        self.recent_list.itemActivated.connect(
            lambda item: self.recent_chosen.emit(Path(item.data(Qt.ItemDataRole.UserRole))))
        recent_box = QVBoxLayout()
        recent_label = QLabel(self.tr("Recent projects") if recent else self.tr("No recent projects yet."))
        recent_label.setObjectName("recentHeading")
        recent_box.addWidget(recent_label)
        recent_box.addWidget(self.recent_list, 1)

        columns = QHBoxLayout()
        columns.addLayout(buttons, 1)
        columns.addLayout(recent_box, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.addWidget(heading)
        layout.addWidget(blurb)
        layout.addSpacing(24)
        layout.addLayout(columns, 1)

    def _button(self, name: str, text: str, signal) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setMinimumHeight(40)
        button.clicked.connect(lambda _checked=False: signal.emit())
        return button

    def recent_paths(self) -> list[Path]:
        return [Path(self.recent_list.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.recent_list.count())]
