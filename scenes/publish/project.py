"""Publishing a project: export its package beside the project file, then plan and
apply the publish. (``yunzhan publish`` and the studio's Publish pane call it through
:func:`streaming.cloud_publish.publish_site`, which adds what live tours contribute.)"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from assets.progress import Progress, null_progress
from assets.project import Project
from scenes.publish.apply import PublishReport, apply_publish
from scenes.publish.credentials import Credentials
from scenes.publish.plan import PublishPlan, plan_publish
from scenes.publish.store import Retry
from scenes.publish.target import Target

PROJECT_ID_SETTING = "publish.project_id"


@dataclass(frozen=True)
class Published:
    """A publish's plan and, unless it was a dry run, its report."""
    plan: PublishPlan
    report: PublishReport | None

    def lines(self) -> list[str]:
        return self.report.lines() if self.report is not None else self.plan.lines()


def project_id(project: Project, *, create: bool = True) -> str:
    """The id a project's publishes carry (made on first use; not secret). A copy of
    the project file on another computer has the same id, so it may publish there too."""
    value = project.get_setting(PROJECT_ID_SETTING)
    if value is None:
        value = str(uuid.uuid4())
        if create:
            project.set_setting(PROJECT_ID_SETTING, value)
    return value


def publish_project(project: Project, target: Target, *, dry_run: bool = False, base_url: str | None = None,
                    profile: str = "full", contributions: Iterable = (), credentials: Credentials | None = None,
                    workers: int = 8, retry: Retry = Retry(), progress: Progress | None = None) -> Published:
    """Export ``project``'s web package and publish it to ``target`` (with ``dry_run``,
    only plan). ``progress`` follows the export, the hashing and the upload in bytes;
    cancelling it stops the publish (the next one finishes the job).

    :raises ExportError: the exhibition cannot be exported (see ``yunzhan check``).
    :raises PublishError: see :func:`~scenes.publish.plan.plan_publish` and
        :func:`~scenes.publish.apply.apply_publish`.
    """
    from scenes.export import export_package
    from scenes.model import load_exhibition

    progress = progress or null_progress()
    pid = project_id(project, create=not dry_run)
    exhibition = load_exhibition(project)
    title = exhibition.title_zh or exhibition.title_en or ""
    # Beside the project: the exporter hard-links tiles from the caches there.
    work = Path(tempfile.mkdtemp(prefix=f".{project.path.stem}.publish-", dir=project.path.parent))
    try:
        package = work / "site"
        export_package(project, package, base_url=base_url, profile=profile, contributions=contributions,
                       progress=progress)
        plan = plan_publish(package, target, project_id=pid, title=title, credentials=credentials, retry=retry,
                            workers=workers, progress=progress)
        if dry_run:
            return Published(plan, None)
        return Published(plan, apply_publish(plan, workers=workers, progress=progress))
    finally:
        shutil.rmtree(work, ignore_errors=True)
