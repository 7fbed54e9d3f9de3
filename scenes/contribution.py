"""Content that a higher layer adds to an exported package.

The exporter lives in ``scenes`` and may not import ``streaming`` or ``studio``;
those layers hand it :class:`Contribution` objects instead (for example upcoming
live events and replays), which it writes into ``data/exhibition.json`` under
``section`` and copies ``files`` into the package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Contribution:
    section: str                                         # key in exhibition.json, e.g. "events", "replays"
    entries: list[dict] = field(default_factory=list)    # JSON-serialisable records
    files: dict[str, Path] = field(default_factory=dict)  # package-relative path -> file on disk
