"""The window's panes, in tab order: each a factory taking the :class:`Studio`.

A pane is a ``QWidget`` subclass whose ``__init__(studio, parent=None)`` takes the
:class:`~studio.gui.studio_context.Studio` of the open project. Each area registers
its pane here with one line; the main window builds them when a project opens.
"""

from __future__ import annotations

import importlib
from typing import Callable, NamedTuple

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget


class PaneSpec(NamedTuple):
    name: str        # stable id: objectName of the tab, attribute of the window
    title: str       # English title, translated in the "Panes" context
    module: str      # module holding the pane class
    cls: str         # the pane class: cls(studio, parent=None)
    needs_opengl: bool = False  # an OpenGL view (VTK through pyvistaqt): left out where Qt has none

    def available(self) -> bool:
        """False for an OpenGL pane on a platform without OpenGL (offscreen, minimal)."""
        from PySide6.QtGui import QGuiApplication

        return not self.needs_opengl or QGuiApplication.platformName() not in ("offscreen", "minimal")

    def translated_title(self) -> str:
        return QCoreApplication.translate("Panes", self.title)

    def build(self, studio) -> QWidget:
        return getattr(importlib.import_module(self.module), self.cls)(studio)


PANES: tuple[PaneSpec, ...] = (
    PaneSpec("collection", "Collection",
             "studio.gui.collection_pane", "CollectionPane"),
    PaneSpec("halls", "Halls", "studio.gui.halls", "HallsPane"),
    # --- each area adds its pane here, in tab order: Halls, Tours, Live, Publish ---
    PaneSpec("tours", "Tours", "studio.gui.tours_pane", "ToursPane"),
    PaneSpec("live", "Live", "studio.gui.live", "LivePane"),
    PaneSpec("models", "3D", "studio.gui.model_pane", "ModelPane", needs_opengl=True),
    PaneSpec("vhall", "Virtual hall", "studio.gui.virtual_hall_editor", "VirtualHallEditor"),
    PaneSpec("publish", "Publish", "studio.gui.publish_pane", "PublishPane"),
)
