"""The notifications area: every message of the studio, newest last, errors highlighted.

Fed by :attr:`Studio.notified` (the one error handler and the panes' notes) and by
the window itself (before a project is open). The latest message also shows for a
moment in the status bar.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QDockWidget, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QStyle,
                               QVBoxLayout, QWidget)

MAX_MESSAGES = 500
ERROR_BACKGROUND = QColor(255, 228, 225)
ERROR_TEXT = QColor(150, 20, 20)


class _CompactList(QListWidget):
    """A list that asks for a few lines of height, so the panes keep the room."""

    def sizeHint(self) -> QSize:
        return QSize(600, 90)


class NotificationsDock(QDockWidget):
    """A dock listing messages; ``add(text, is_error)``."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("notifications")
        self.setWindowTitle(self.tr("Notifications"))
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        body = QWidget(self)
        self.list = _CompactList(body)
        self.list.setObjectName("notificationList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        clear = QPushButton(self.tr("Clear"), body)
        clear.setObjectName("clearNotifications")
        clear.clicked.connect(self.list.clear)
        buttons = QVBoxLayout()
        buttons.addWidget(clear)
        buttons.addStretch(1)
        layout = QHBoxLayout(body)
        layout.setContentsMargins(4, 0, 4, 4)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.setWidget(body)

    def add(self, text: str, is_error: bool = False) -> QListWidgetItem:
        item = QListWidgetItem(f"{time.strftime('%H:%M:%S')}  {text}")
        item.setData(Qt.ItemDataRole.UserRole, is_error)
        item.setToolTip(text)
        if is_error:
            item.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
            item.setBackground(QBrush(ERROR_BACKGROUND))
            item.setForeground(QBrush(ERROR_TEXT))
        self.list.addItem(item)
        while self.list.count() > MAX_MESSAGES:
            self.list.takeItem(0)
        self.list.scrollToBottom()
        if is_error and not self.isVisible():
            self.show()
        return item

    def messages(self) -> list[tuple[str, bool]]:
        """``(text, is_error)`` of every message shown, oldest first."""
        return [(self.list.item(i).toolTip(), bool(self.list.item(i).data(Qt.ItemDataRole.UserRole)))
                for i in range(self.list.count())]
