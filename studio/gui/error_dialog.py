"""The one place the studio turns an error into something the user sees.

Every action of the window catches :class:`~assets.errors.YunzhanError` and hands
it to :func:`show_error`: a message box with the error's one-line text (and hint).
Never a traceback.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from assets.errors import YunzhanError


def show_error(parent: QWidget | None, err: YunzhanError, title: str = "Yunzhan") -> QMessageBox:
    """Show ``err.user_text()`` in a window-modal message box and return the box.

    The box is opened with ``open()`` rather than ``exec()`` so the caller (and a
    test) is not blocked in a nested event loop; it deletes itself when closed.
    """
    box = QMessageBox(QMessageBox.Icon.Warning, title, err.user_text(), QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.setTextFormat(Qt.TextFormat.PlainText)  # a file name is never markup
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
