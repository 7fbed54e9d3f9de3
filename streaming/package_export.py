"""The exhibition's web package with what live tours add to it: the one export that
``yunzhan export`` and the studio's Publish pane run.

:func:`scenes.export.export_package` writes the package; this layer, which knows
live events, hands it their contributions (upcoming tours, replays with chapters).

Example::

    report = export_site(project, "site", profile="mobile", make_zip=True, progress=progress)
    print("\\n".join(report.lines()))
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from assets.progress import Progress
from assets.project import Project
from scenes.export import ExportReport, export_package
from streaming.publish import contributions


def zip_path_for(out_dir: str | Path) -> Path:
    """Where ``--zip`` writes the zip: ``DIR.zip`` beside the folder ``DIR``."""
    out_dir = Path(out_dir)
    return out_dir.with_name(out_dir.name + ".zip")


def export_site(project: Project, out_dir: str | Path, *, base_url: str | None = None, profile: str = "full",
                make_zip: bool = False, progress: Progress | None = None,
                rights: list[str] | None = None) -> ExportReport:
    """Export the exhibition to ``out_dir`` (and ``DIR.zip`` with ``make_zip``), with the
    upcoming live tours and replays. On any error or cancel the folder is left as it was.

    :raises ExportError: see :func:`scenes.export.export_package`; also a disk that
        fills or a folder that cannot be written, naming the folder.
    """
    out_dir = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="yunzhan-export-") as work:
        return export_package(project, out_dir, base_url=base_url, profile=profile,
                              zip_path=zip_path_for(out_dir) if make_zip else None,
                              contributions=contributions(project, work_dir=Path(work)), progress=progress,
                              rights=rights)
