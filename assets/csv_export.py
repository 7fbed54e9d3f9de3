"""Writing the catalog as CSV that spreadsheets open safely.

A cell that begins with ``=``, ``+``, ``-``, ``@`` (or a tab/CR) would run as a
formula in Excel or LibreOffice ("CSV injection"); such cells are written with a
leading apostrophe, which spreadsheets show as text. The file is UTF-8 with a
byte-order mark so Excel on Chinese Windows reads the Chinese correctly.
"""

from __future__ import annotations

import contextlib
import csv
import os
from pathlib import Path

from assets.catalog import FIELDS, Catalog
from assets.errors import YunzhanError
from assets.project import Project
from assets.storage_errors import file_storage_error

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: object) -> str:
    """A cell's text, defused if a spreadsheet would take it for a formula."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        # A plain negative number is data, not a formula.
        if text.startswith("-") and text[1:].replace(".", "", 1).isdigit():
            return text
        return "'" + text
    return text


def write_catalog_csv(project: Project, out: str | Path) -> int:
    """Write every object (own fields, then custom fields) to ``out``; returns the row count."""
    out = Path(out)
    catalog = Catalog(project)
    objects = list(catalog.iter_all())
    custom_columns: list[str] = []
    for obj in objects:
        for key in obj.custom:
            if key not in custom_columns:
                custom_columns.append(key)
    tmp = out.with_name(out.name + ".part")
    try:
        with tmp.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow([escape_cell(c) for c in list(FIELDS) + custom_columns])
            for obj in objects:
                row = [getattr(obj, name) for name in FIELDS] + [obj.custom.get(c, "") for c in custom_columns]
                writer.writerow([escape_cell(v) for v in row])
        os.replace(tmp, out)
    except OSError as e:
        with contextlib.suppress(OSError):  # on a read-only medium there is nothing to remove
            tmp.unlink(missing_ok=True)
        e.filename = str(out)  # name the file the user asked for, not the temporary one
        raise file_storage_error(e) or YunzhanError(f"{out}: cannot write ({e.strerror})") from None
    return len(objects)
