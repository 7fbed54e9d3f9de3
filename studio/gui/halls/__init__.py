"""The Halls pane of the studio (see :mod:`studio.gui.halls.pane`)."""

from studio.gui.halls.pane import HallsPane

__all__ = ["HallsPane"]
