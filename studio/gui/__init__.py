"""The studio's desktop window (PySide6): the shell, one module or package per pane, shared widgets."""
