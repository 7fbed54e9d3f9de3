"""The catalog's field names as the studio shows them (context "Fields").

One table for the record view, the record editor, the table headers and the
column-mapping dialog, so a field is called the same everywhere.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from assets.catalog_import import IGNORE
from assets.collection_import import MEDIA_TARGET

FIELD_LABELS: dict[str, str] = {
    "accession": QT_TRANSLATE_NOOP("Fields", "Accession"),
    "title_zh": QT_TRANSLATE_NOOP("Fields", "Title (Chinese)"),
    "title_en": QT_TRANSLATE_NOOP("Fields", "Title (English)"),
    "title": QT_TRANSLATE_NOOP("Fields", "Title (by the text's language)"),
    "maker": QT_TRANSLATE_NOOP("Fields", "Maker"),
    "date_text": QT_TRANSLATE_NOOP("Fields", "Date"),
    "year_earliest": QT_TRANSLATE_NOOP("Fields", "Earliest year"),
    "year_latest": QT_TRANSLATE_NOOP("Fields", "Latest year"),
    "culture": QT_TRANSLATE_NOOP("Fields", "Culture"),
    "medium": QT_TRANSLATE_NOOP("Fields", "Medium"),
    "dimensions": QT_TRANSLATE_NOOP("Fields", "Dimensions"),
    "credit_line": QT_TRANSLATE_NOOP("Fields", "Credit line"),
    "description_zh": QT_TRANSLATE_NOOP("Fields", "Description (Chinese)"),
    "description_en": QT_TRANSLATE_NOOP("Fields", "Description (English)"),
    "description": QT_TRANSLATE_NOOP("Fields", "Description (by the text's language)"),
    "rights": QT_TRANSLATE_NOOP("Fields", "Rights"),
    "keywords": QT_TRANSLATE_NOOP("Fields", "Keywords"),
    MEDIA_TARGET: QT_TRANSLATE_NOOP("Fields", "Photo file names"),
    "custom": QT_TRANSLATE_NOOP("Fields", "Keep as its own field"),
    IGNORE: QT_TRANSLATE_NOOP("Fields", "Skip"),
}
# Short names for the table's column headers.
COLUMN_LABELS: dict[str, str] = {
    "accession": QT_TRANSLATE_NOOP("Fields", "Accession"),
    "title": QT_TRANSLATE_NOOP("Fields", "Title"),
    "maker": QT_TRANSLATE_NOOP("Fields", "Maker"),
    "date": QT_TRANSLATE_NOOP("Fields", "Date"),
    "culture": QT_TRANSLATE_NOOP("Fields", "Culture"),
    "medium": QT_TRANSLATE_NOOP("Fields", "Medium"),
}
# Rows of the record view that are not fields of their own.
EXTRA_LABELS: dict[str, str] = {
    "years": QT_TRANSLATE_NOOP("Fields", "Years"),
}


def field_label(name: str) -> str:
    """The translated name of a field (or mapping target); custom fields keep their own name."""
    if name.startswith("custom:"):
        return name[7:]
    source = FIELD_LABELS.get(name) or EXTRA_LABELS.get(name)
    return QCoreApplication.translate("Fields", source) if source else name


def column_label(name: str) -> str:
    """The translated header of a catalog table column (``title``, ``date``...)."""
    source = COLUMN_LABELS.get(name)
    return QCoreApplication.translate("Fields", source) if source else field_label(name)
