"""The publish manifest kept in the bucket beside the package, and the marker of a
publish under way.

``PREFIX/.yunzhan-publish.json`` records which project published there and every
file's content hash, size and headers, so any computer publishing the same project
uploads only what changed. ``PREFIX/.yunzhan-publishing.json`` exists while a
publish runs: it names the files that publish set out to upload or delete, so a
publish that was interrupted is finished (and its leftovers removed) by the next one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone

from scenes.publish.errors import PublishError

MANIFEST_NAME = ".yunzhan-publish.json"
PENDING_NAME = ".yunzhan-publishing.json"
FORMAT = "yunzhan-publish/1"


@dataclass(frozen=True)
class Entry:
    sha256: str
    size: int
    type: str
    cache: str


@dataclass
class Manifest:
    project: str
    title: str = ""
    published_at: str = ""
    files: dict[str, Entry] = field(default_factory=dict)

    def to_json(self) -> bytes:
        doc = {"format": FORMAT, "project": self.project, "title": self.title, "published_at": self.published_at,
               "files": {p: e.__dict__ for p, e in sorted(self.files.items())}}
        return (json.dumps(doc, ensure_ascii=False, indent=0, sort_keys=False) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes, *, where: str) -> "Manifest":
        try:
            doc = json.loads(data)
            if doc.get("format") != FORMAT:
                raise ValueError(f"format {doc.get('format')!r}")
            files = {p: Entry(str(e["sha256"]), int(e["size"]), str(e["type"]), str(e["cache"]))
                     for p, e in doc["files"].items()}
            return cls(str(doc["project"]), str(doc.get("title", "")), str(doc.get("published_at", "")), files)
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            raise PublishError(f"{where}: not a Yunzhan publish manifest ({e})",
                               hint="this prefix holds something else; publish to another prefix") from None


@dataclass
class Pending:
    """The marker of a publish under way: who, since when, which paths it uploads."""
    project: str
    started_at: str
    paths: list[str]

    def to_json(self) -> bytes:
        return json.dumps({"format": FORMAT, "project": self.project, "started_at": self.started_at,
                           "paths": self.paths}).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes, *, where: str) -> "Pending":
        try:
            doc = json.loads(data)
            return cls(str(doc["project"]), str(doc.get("started_at", "")), [str(p) for p in doc.get("paths", [])])
        except (ValueError, KeyError, TypeError, AttributeError):
            raise PublishError(f"{where}: unreadable marker of an earlier publish",
                               hint="delete it in the storage console, then publish again") from None


def now_text() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
