"""The exhibition published to S3-compatible storage with what live tours add to it:
the one publish that ``yunzhan publish`` and the studio's Publish pane run.

:func:`scenes.publish.publish_project` exports and uploads; this layer, which knows
live events, hands the export their contributions (upcoming tours, replays), as
:mod:`streaming.package_export` does for a plain export.

Example::

    target = parse_target("s3://museum-site/expo", endpoint="https://s3.oss-cn-hangzhou.aliyuncs.com")
    result = publish_site(project, target, progress=progress)   # dry_run=True: only the plan
    print("\\n".join(result.lines()))
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from assets.progress import Progress
from assets.project import Project
from scenes.publish import Published, Target, publish_project
from streaming.publish import contributions


def publish_site(project: Project, target: Target, *, dry_run: bool = False, base_url: str | None = None,
                 profile: str = "full", workers: int = 8, progress: Progress | None = None) -> Published:
    """Export the exhibition (with the upcoming live tours and replays) and publish it to
    ``target``; with ``dry_run``, only plan. ``progress`` follows the export, the hashing
    and then the upload in bytes; cancelling it stops the publish (the next one finishes).

    :raises ExportError: the exhibition cannot be exported.
    :raises PublishError: credentials, bucket, endpoint, network or another project's
        exhibition at the target (see :mod:`scenes.publish`).
    """
    with tempfile.TemporaryDirectory(prefix="yunzhan-publish-") as work:
        return publish_project(project, target, dry_run=dry_run, base_url=base_url, profile=profile,
                               contributions=contributions(project, work_dir=Path(work)), workers=workers,
                               progress=progress)
