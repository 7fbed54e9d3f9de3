"""The PySide6 desktop studio and the ``yunzhan`` command line: the only layer that imports Qt."""
