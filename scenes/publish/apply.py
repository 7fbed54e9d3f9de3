"""Carrying out a publish plan.

Order matters to visitors: the marker of a publish under way goes first; then the
files pages use (tiles, media, data, the front end), then the pages, then the
service worker and web manifest, then the entry page; then the manifest; the files
the new version no longer has are deleted last, and the marker with them. A visitor
never gets a page whose files are not there yet. Each stage's files go up in
parallel; an interrupted publish is finished by the next one (see :mod:`.plan`).
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from itertools import groupby

from assets.progress import Progress, null_progress
from scenes.export.plan import human_size
from scenes.publish.headers import NO_CACHE, STAGE_NAMES
from scenes.publish.manifest import MANIFEST_NAME, PENDING_NAME, Pending, now_text
from scenes.publish.plan import PublishPlan, Upload
from scenes.publish.store import Bucket


@dataclass(frozen=True)
class PublishReport:
    """What a publish did."""
    url: str
    uploaded: int
    uploaded_bytes: int
    replaced: int
    removed: int
    unchanged: int
    seconds: float
    entry_url: str | None = None

    def lines(self) -> list[str]:
        out = [f"{self.url}: uploaded {self.uploaded} files ({human_size(self.uploaded_bytes)}; "
               f"{self.replaced} replaced), removed {self.removed}, {self.unchanged} unchanged "
               f"in {self.seconds:.1f} s"]
        if self.entry_url:
            out.append(f"entry page: {self.entry_url}")
        return out


class _Sent:
    """Bytes sent so far, added to from the upload threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.value = 0

    def add(self, n: int) -> None:
        with self._lock:
            self.value += n


def apply_publish(plan: PublishPlan, *, workers: int = 8, progress: Progress | None = None) -> PublishReport:
    """Upload, then remove, what ``plan`` says. An unchanged package writes nothing.

    :raises PublishError: the storage refused a request or the network stayed down
        through the retries (the previous version stays visible; publish again to
        finish).
    :raises Cancelled: ``progress`` was cancelled (the next publish finishes the job).
    """
    progress = progress or null_progress()
    bucket = plan.bucket
    started = time.monotonic()
    if not plan.empty:
        bucket.put_bytes(PENDING_NAME, Pending(plan.manifest.project, now_text(), plan.pending_paths).to_json(),
                         content_type="application/json", cache_control=NO_CACHE)
        sent = _Sent()
        progress.start(plan.upload_bytes, f"uploading to {plan.target.url}")
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="publish") as pool:
            for stage, uploads in groupby(plan.uploads, key=lambda u: u.stage):
                _run_stage(bucket, list(uploads), STAGE_NAMES[stage], pool, sent, progress)
        plan.manifest.published_at = now_text()
        bucket.put_bytes(MANIFEST_NAME, plan.manifest.to_json(), content_type="application/json",
                         cache_control=NO_CACHE)
        if plan.removals:
            progress.start(None, f"removing {len(plan.removals)} old files")
            bucket.delete(plan.removals)
        bucket.delete([PENDING_NAME])
    progress.finish(f"published {plan.target.url}")
    return PublishReport(plan.target.url, len(plan.uploads), plan.upload_bytes, plan.replaced, len(plan.removals),
                         plan.unchanged, time.monotonic() - started, plan.target.public_url)


def _run_stage(bucket: Bucket, uploads: list[Upload], name: str, pool: ThreadPoolExecutor, sent: _Sent,
               progress: Progress) -> None:
    # Largest first: a big file started last would leave the other workers idle at the stage's end.
    futures = {pool.submit(bucket.put_file, u.path, u.source, size=u.size, sha256=u.sha256, md5=u.md5,
                           content_type=u.content_type, cache_control=u.cache_control, on_bytes=sent.add)
               for u in sorted(uploads, key=lambda u: -u.size)}
    waiting = set(futures)
    done_files = 0
    try:
        while waiting:
            done, waiting = wait(waiting, timeout=0.2, return_when=FIRST_COMPLETED)
            for f in done:
                f.result()  # the first failure ends the stage (after the retries it had)
            done_files += len(done)
            progress.update(sent.value, message=f"uploading {name}: {done_files}/{len(uploads)} files")
            progress.check()
    finally:
        for f in waiting:
            f.cancel()
        # Let uploads already in flight end before the caller goes on (or reports the error).
        wait(waiting)
