"""The Live pane: schedule live tours, preview the program, go live and watch each platform."""

from studio.gui.live.pane import LivePane

__all__ = ["LivePane"]
