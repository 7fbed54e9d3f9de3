"""The export plan: every file of a package, where its bytes come from, its size.

Planning decides everything (and reads the project); :mod:`scenes.export.writer`
only writes what the plan says. So a plan can be inspected in tests, its size
report computed before anything is written, and the writing made atomic.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from scenes.export.layout import CATEGORIES, category_of


@dataclass(frozen=True)
class PlannedFile:
    """One file of the package: its bytes (``data``) or a file on disk (``source``,
    hard-linked or copied as is)."""
    path: str
    size: int
    data: bytes | None = None
    source: Path | None = None

    @property
    def category(self) -> str:
        return category_of(self.path)


@dataclass
class SizeReport:
    """Bytes and file counts per category, and the total."""
    bytes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0))
    files: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0))

    @property
    def total(self) -> int:
        return sum(self.bytes.values())

    @property
    def file_count(self) -> int:
        return sum(self.files.values())

    def lines(self) -> list[str]:
        """The report as aligned text lines, one per category, then the total."""
        rows = [(name, self.files[name], self.bytes[name]) for name in CATEGORIES if self.files[name]]
        rows.append(("total", self.file_count, self.total))
        return [f"{name:<10} {count:>6} files {human_size(size):>10}" for name, count, size in rows]


def human_size(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{n} B"


class ExportPlan:
    """The files of a package, by package-relative POSIX path."""

    def __init__(self) -> None:
        self.files: dict[str, PlannedFile] = {}

    def add_bytes(self, path: str, data: bytes) -> None:
        self._add(PlannedFile(_checked(path), len(data), data=data))

    def add_text(self, path: str, text: str) -> None:
        self.add_bytes(path, text.encode("utf-8"))

    def add_file(self, path: str, source: Path, size: int | None = None) -> None:
        self._add(PlannedFile(_checked(path), os.stat(source).st_size if size is None else size,
                              source=Path(source)))

    def __contains__(self, path: str) -> bool:
        return path in self.files

    def paths(self) -> list[str]:
        return sorted(self.files)

    def sizes(self) -> SizeReport:
        report = SizeReport()
        for f in self.files.values():
            report.bytes[f.category] += f.size
            report.files[f.category] += 1
        return report

    def _add(self, planned: PlannedFile) -> None:
        # A path planned twice with other content is a bug in the planner, not user input.
        old = self.files.get(planned.path)
        if old is not None and (old.data, old.source) != (planned.data, planned.source):
            raise ValueError(f"{planned.path}: planned twice with different content")
        self.files[planned.path] = planned


def _checked(path: str) -> str:
    p = PurePosixPath(path)
    if p.is_absolute() or ".." in p.parts or not p.parts or path != p.as_posix():
        raise ValueError(f"{path!r}: not a clean package-relative path")
    return path
