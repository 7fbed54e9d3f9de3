"""Planning a publish: what would be uploaded, replaced and removed, and the bytes.

Nothing is written: the plan compares the package on disk with the manifest in the
bucket. When the marker of an interrupted publish is there, it also lists the
bucket, so files that publish already uploaded are not sent again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assets.progress import Progress, null_progress
from scenes.export.plan import human_size
from scenes.publish.credentials import Credentials, resolve
from scenes.publish.errors import PublishError
from scenes.publish.headers import STAGE_NAMES, cache_control, content_type, stage
from scenes.publish.local import LocalFile, package_files
from scenes.publish.manifest import MANIFEST_NAME, PENDING_NAME, Entry, Manifest, Pending, now_text
from scenes.publish.store import MULTIPART_THRESHOLD, Bucket, Retry
from scenes.publish.target import Target


@dataclass(frozen=True)
class Upload:
    """One file to send, with its headers; ``replaces`` when the key holds an older version."""
    path: str
    source: Path
    size: int
    sha256: str
    md5: str
    content_type: str
    cache_control: str
    replaces: bool

    @property
    def stage(self) -> int:
        return stage(self.path)


@dataclass
class PublishPlan:
    """What :func:`~scenes.publish.apply.apply_publish` will do, in its order."""
    target: Target
    package_dir: Path
    manifest: Manifest                   # written once every upload is done
    uploads: list[Upload]                # in upload order: assets, pages, offline files, entry page
    removals: list[str]                  # package paths deleted last
    unchanged: int
    resumed: int = 0                     # files an interrupted publish had already uploaded
    pending_paths: list[str] = field(default_factory=list)
    bucket: Bucket | None = field(default=None, repr=False, compare=False)
    # The bucket's manifest must be (re)written even with nothing to send: after an
    # interrupted publish whose files all arrived, or the first publish of nothing new.
    manifest_stale: bool = False

    @property
    def upload_bytes(self) -> int:
        return sum(u.size for u in self.uploads)

    @property
    def replaced(self) -> int:
        return sum(u.replaces for u in self.uploads)

    @property
    def new(self) -> int:
        return len(self.uploads) - self.replaced

    @property
    def empty(self) -> bool:
        """Nothing to write at all: the bucket already holds this package, complete."""
        return not self.uploads and not self.removals and not self.manifest_stale

    def summary(self) -> str:
        resumed = f", {self.resumed} already uploaded by an interrupted publish" if self.resumed else ""
        return (f"{self.target.url}: {len(self.uploads)} files to upload ({human_size(self.upload_bytes)}: "
                f"{self.new} new, {self.replaced} replaced), {len(self.removals)} to remove, "
                f"{self.unchanged} unchanged{resumed}")

    def lines(self) -> list[str]:
        """The plan as printed by ``yunzhan publish --dry-run``: the summary, then one
        line per file in the order it would be sent."""
        out = [self.summary()]
        for u in self.uploads:
            out.append(f"{'replace' if u.replaces else 'upload':<8} {u.path}  {human_size(u.size)}  "
                       f"[{STAGE_NAMES[u.stage]}; {u.content_type}; {u.cache_control}]")
        out += [f"remove   {p}" for p in self.removals]
        return out


def plan_publish(package_dir: str | Path, target: Target, *, project_id: str, title: str = "",
                 credentials: Credentials | None = None, bucket: Bucket | None = None, retry: Retry = Retry(),
                 workers: int = 8, progress: Progress | None = None) -> PublishPlan:
    """Compare the exported package in ``package_dir`` with what ``target`` holds.

    ``project_id`` identifies the project (its ``publish.project_id`` setting): a
    bucket prefix published from another project is refused.

    :raises PublishError: not a package; no credentials; the storage refuses them; no
        such bucket; not an S3 endpoint; the network is down; another project's
        exhibition (or publish under way) at the target.
    """
    progress = progress or null_progress()
    package_dir = Path(package_dir)
    files = package_files(package_dir, progress=progress)
    if bucket is None:
        bucket = Bucket(target, credentials or resolve(target), retry=retry, workers=workers)
    progress.start(None, f"reading {target.url}")
    bucket.check()
    old = _manifest(bucket, target)
    raw_pending = bucket.get(PENDING_NAME)
    pending = Pending.from_json(raw_pending, where=target.url + "/" + PENDING_NAME) if raw_pending else None
    for other in (old, pending):
        if other is not None and other.project != project_id:
            title_of = f" '{old.title}'" if old is not None and old.title else ""
            raise PublishError(f"{target.url}: holds another project's exhibition{title_of}",
                               hint="publish to another prefix, or delete what is there first")

    manifest = Manifest(project_id, title, now_text(), {
        f.path: Entry(f.sha256, f.size, content_type(f.path), cache_control(f.path)) for f in files.values()})
    old_files = old.files if old is not None else {}
    changed = [f for f in files.values() if old_files.get(f.path) != manifest.files[f.path]]
    listing = bucket.listing() if pending is not None else {}
    resumed = 0
    uploads = []
    for f in changed:
        if f.path in listing and _already_there(bucket, f, listing[f.path]):
            resumed += 1
            continue
        entry = manifest.files[f.path]
        uploads.append(Upload(f.path, f.source, f.size, f.sha256, f.md5, entry.type, entry.cache,
                              replaces=f.path in old_files or f.path in listing))
    uploads.sort(key=lambda u: (u.stage, u.path))
    gone = set(old_files) | set(pending.paths if pending else ())
    removals = sorted(p for p in gone - set(files) if p not in (MANIFEST_NAME, PENDING_NAME))
    # Removals too: a publish stopped while deleting leaves the next one to finish that.
    pending_paths = sorted(set(pending.paths if pending else ()) | {u.path for u in uploads} | set(removals))
    progress.finish()
    stale = pending is not None or old is None or bool(changed)
    return PublishPlan(target, package_dir, manifest, uploads, removals, len(files) - len(changed), resumed,
                       pending_paths, bucket, stale)


def _manifest(bucket: Bucket, target: Target) -> Manifest | None:
    data = bucket.get(MANIFEST_NAME)
    return Manifest.from_json(data, where=f"{target.url}/{MANIFEST_NAME}") if data is not None else None


def _already_there(bucket: Bucket, f: LocalFile, listed: tuple[int, str]) -> bool:
    size, etag = listed
    if size != f.size:
        return False
    if f.size < MULTIPART_THRESHOLD:
        return etag == f.md5  # a single-part upload's ETag is the MD5 of its bytes
    return bucket.stored_sha256(f.path) == f.sha256
