"""Errors of the package exporter."""

from __future__ import annotations

from scenes.errors import ExhibitionError


class ExportError(ExhibitionError):
    """The package cannot be written: the exhibition has errors, the output folder is
    not one the exporter may replace, the web front end is not built. The message
    names the project, folder or file; the output folder is left untouched."""
