"""The publish's progress (bytes, cancel and resume) and where credentials come from."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assets.errors import Cancelled
from assets.progress import Progress
from assets.project import Project
from scenes.export import export_package
from scenes.publish import CredentialStore, PublishError, apply_publish, parse_target, plan_publish, resolve
from scenes.publish.manifest import MANIFEST_NAME, PENDING_NAME
from tests.publish.conftest import bucket_objects, new_bucket, package_of

pytestmark = pytest.mark.s3


@pytest.fixture(scope="module")
def site(demo_project, tmp_path_factory):
    out = tmp_path_factory.mktemp("progress") / "site"
    with Project.open(demo_project) as p:
        export_package(p, out)
    return out


def test_progress_counts_every_byte_and_cancel_leaves_a_publish_to_finish(s3, site):
    bucket = new_bucket(s3)
    target = parse_target(f"s3://{bucket}/expo", endpoint=s3.endpoint)
    plan = plan_publish(site, target, project_id="p")
    events = []
    progress = Progress(events.append)

    def cancel_midway(event):
        if event.total and event.done > plan.upload_bytes / 3:
            progress.cancel()
    progress.subscribe(cancel_midway)
    with pytest.raises(Cancelled):
        apply_publish(plan, workers=2, progress=progress)
    stored = bucket_objects(s3, bucket, "expo")
    assert PENDING_NAME in stored and MANIFEST_NAME not in stored and "index.html" not in stored

    resumed = plan_publish(site, target, project_id="p")
    assert resumed.resumed == len(stored) - 1 and resumed.unchanged == 0
    events.clear()
    report = apply_publish(resumed, progress=Progress(events.append))
    uploads = [e for e in events if e.total == resumed.upload_bytes]
    assert [e.done for e in uploads] == sorted(e.done for e in uploads)
    assert uploads[-1].done == resumed.upload_bytes and events[-1].finished
    assert report.uploaded + resumed.resumed == len(package_of(site))
    assert {k for k in bucket_objects(s3, bucket, "expo")} == set(package_of(site)) | {MANIFEST_NAME}


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_credentials_come_from_the_environment_first(monkeypatch):
    target = parse_target("s3://museum/x", endpoint="https://s3.oss-cn-hangzhou.aliyuncs.com")
    assert resolve(target).source == "environment"
    # A named profile skips the environment: it names a section of the shared file.
    _write(Path(os.environ["AWS_SHARED_CREDENTIALS_FILE"]),
           "[museum]\naws_access_key_id = AKMUSEUM\naws_secret_access_key = s3cr3t\n")
    named = resolve(parse_target("s3://museum/x", profile="museum"))
    assert (named.access_key, named.secret_key) == ("AKMUSEUM", "s3cr3t")
    assert "s3cr3t" not in repr(named)


def test_then_the_shared_file_then_the_login(monkeypatch, tmp_path):

    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    target = parse_target("s3://museum/x", endpoint="https://cos.ap-guangzhou.myqcloud.com")
    CredentialStore().save(target, "AKID-LOGIN", "login-secret")
    got = resolve(target)
    assert (got.access_key, got.secret_key) == ("AKID-LOGIN", "login-secret")
    assert got.source.endswith("(default@cos.ap-guangzhou.myqcloud.com)")
    assert Path(os.environ["YUNZHAN_PUBLISH_CREDENTIALS_FILE"]).stat().st_mode & 0o777 == 0o600
    # Another endpoint has no saved login.
    with pytest.raises(PublishError):
        resolve(parse_target("s3://museum/x", endpoint="https://obs.cn-north-4.myhuaweicloud.com"))
    _write(Path(os.environ["AWS_SHARED_CREDENTIALS_FILE"]),
           "[default]\naws_access_key_id = AKFILE\naws_secret_access_key = file-secret\n")
    assert resolve(target).access_key == "AKFILE"  # the shared file comes before the login
    _write(Path(os.environ["AWS_SHARED_CREDENTIALS_FILE"]), "[default]\naws_access_key_id = AKFILE\n")
    with pytest.raises(PublishError) as e:
        resolve(target)
    assert str(e.value).endswith("profile [default] lacks aws_access_key_id or aws_secret_access_key")
