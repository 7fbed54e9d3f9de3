"""The Live pane: schedule live tours, preview the program, go live and watch each platform."""

from PySide6.QtCore import QT_TRANSLATE_NOOP

from studio.gui.live.pane import LivePane

# The tab's title as registered in studio/gui/panes.py, marked here so that this
# area's translation file carries it.
PANE_TITLE = QT_TRANSLATE_NOOP("Panes", "Live")

__all__ = ["LivePane", "PANE_TITLE"]
