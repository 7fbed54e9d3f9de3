"""Yunzhan's lowest layer: the project file, its media store and media processing.

Nothing here imports Qt or any other Yunzhan package.
"""
