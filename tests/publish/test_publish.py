"""Publishing the demo to real S3 servers on 127.0.0.1 (SeaweedFS and moto)."""

from __future__ import annotations

import pytest

from assets.project import Project
from scenes.export import export_package
from scenes.publish import apply_publish, parse_target, plan_publish, publish_project
from scenes.publish.headers import IMMUTABLE, NO_CACHE, SHORT
from scenes.publish.manifest import MANIFEST_NAME, PENDING_NAME
from tests.publish.conftest import bucket_objects, new_bucket, package_of

pytestmark = pytest.mark.s3

EXPECTED_TYPES = {
    "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
    "json": "application/json", "webmanifest": "application/manifest+json", "jpg": "image/jpeg",
    "png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf", "txt": "text/plain; charset=utf-8",
    "vtt": "text/vtt; charset=utf-8", "glb": "model/gltf-binary", "wasm": "application/wasm", "mp3": "audio/mpeg",
    "m4a": "audio/mp4", "webp": "image/webp", "webm": "video/webm",  # Opus narration in WebM
}


def exported(project_path, out):
    out.parent.mkdir(parents=True, exist_ok=True)
    with Project.open(project_path) as p:
        export_package(p, out)
    return out


def test_publish_the_demo_then_again_unchanged(s3, demo_project, tmp_path):
    bucket = new_bucket(s3)
    site = exported(demo_project, tmp_path / "site")
    target = parse_target(f"s3://{bucket}/expo/2026", endpoint=s3.endpoint)

    plan = plan_publish(site, target, project_id="demo-1", title="demo")
    assert plan.replaced == 0 and plan.removals == [] and plan.unchanged == 0
    stages = [u.stage for u in plan.uploads]
    assert stages == sorted(stages) and plan.uploads[-1].path == "index.html"
    report = apply_publish(plan)
    package = package_of(site)
    assert report.uploaded == len(package) and report.uploaded_bytes == sum(map(len, package.values()))

    stored = bucket_objects(s3, bucket, "expo/2026")
    assert set(stored) == set(package) | {MANIFEST_NAME}  # the marker of a publish under way is gone
    for path, data in package.items():
        assert stored[path]["bytes"] == data, path
        ext = path.rsplit(".", 1)[-1]
        assert stored[path]["type"] == EXPECTED_TYPES[ext], path
        top = path.split("/")[0]
        expected_cache = NO_CACHE if path == "sw.js" else IMMUTABLE if top in ("panoramas", "media") else SHORT
        assert stored[path]["cache"] == expected_cache, path
    assert stored[MANIFEST_NAME]["cache"] == NO_CACHE

    again = plan_publish(site, target, project_id="demo-1")
    assert (len(again.uploads), again.removals, again.unchanged) == (0, [], len(package))
    assert apply_publish(again).uploaded == 0
    assert bucket_objects(s3, bucket, "expo/2026").keys() == stored.keys()


def test_a_changed_title_uploads_only_the_files_it_changes(s3, demo_copy, tmp_path):
    from assets.catalog import Catalog
    from scenes.opendata.urls import object_page_path

    bucket = new_bucket(s3)
    target = parse_target(f"s3://{bucket}/expo", endpoint=s3.endpoint)
    with Project.open(demo_copy) as p:
        first = publish_project(p, target)
        before = exported(demo_copy, tmp_path / "before" / "site")
        assert first.report.uploaded == len(package_of(before))
        assert publish_project(p, target).report.uploaded == 0  # the same project, exported afresh
        obj = Catalog(p).get("古玉2472")
        obj.title_zh = "莲花形玉盘（新题）"
        Catalog(p).add(obj)
        changed = publish_project(p, target)
    after = exported(demo_copy, tmp_path / "after" / "site")
    old, new = package_of(before), package_of(after)
    differing = {path for path in new if old.get(path) != new[path]}
    uploaded = {u.path for u in changed.plan.uploads}
    assert uploaded == differing
    page = object_page_path("古玉2472")
    assert page in uploaded and "data/exhibition.json" in uploaded
    # another object's page changes only when it lists 古玉2472 among its related objects
    assert all(p == page or page.split("/")[-1].encode() in new[p] for p in uploaded if p.startswith("objects/"))
    assert any(p.startswith("objects/") and p not in uploaded for p in new)
    assert not any(p.startswith(("panoramas/", "media/", "assets/")) for p in uploaded)
    assert all(p.endswith(".html") or p.startswith(("data/", "print/")) or p == "sw.js" for p in uploaded), uploaded
    stored = bucket_objects(s3, bucket, "expo")
    assert {k: v["bytes"] for k, v in stored.items() if k != MANIFEST_NAME} == new


def test_a_file_gone_from_the_package_is_removed_last(seaweedfs, demo_project, tmp_path):
    bucket = new_bucket(seaweedfs)
    site = exported(demo_project, tmp_path / "site")
    target = parse_target(f"s3://{bucket}", endpoint=seaweedfs.endpoint)
    apply_publish(plan_publish(site, target, project_id="p"))
    (site / "data" / "exhibition.schema.json").unlink()
    plan = plan_publish(site, target, project_id="p")
    assert plan.removals == ["data/exhibition.schema.json"] and plan.uploads == []
    assert "1 to remove" in plan.lines()[0] and plan.lines()[-1] == "remove   data/exhibition.schema.json"
    apply_publish(plan)
    assert "data/exhibition.schema.json" not in bucket_objects(seaweedfs, bucket)
    assert PENDING_NAME not in bucket_objects(seaweedfs, bucket)


def test_a_big_file_goes_up_in_parts(s3, demo_project, tmp_path):
    import os

    from scenes.publish.store import MULTIPART_THRESHOLD

    bucket = new_bucket(s3)
    site = exported(demo_project, tmp_path / "site")
    big = os.urandom(MULTIPART_THRESHOLD + 3 * 1024 * 1024)
    (site / "media" / "tour.mp4").write_bytes(big)
    target = parse_target(f"s3://{bucket}/x", endpoint=s3.endpoint)
    apply_publish(plan_publish(site, target, project_id="p"))
    head = s3.client().head_object(Bucket=bucket, Key="x/media/tour.mp4")
    assert head["ETag"].strip('"').endswith("-3")  # three parts of 8 MiB
    assert head["ContentType"] == "video/mp4" and head["CacheControl"] == IMMUTABLE
    got = s3.client().get_object(Bucket=bucket, Key="x/media/tour.mp4")["Body"].read()
    assert got == big
    # As if that publish had been cut off before its manifest: the next one finds the
    # big file by the content hash kept on the object, and sends nothing again.
    from scenes.publish.manifest import Pending

    s3.client().delete_object(Bucket=bucket, Key=f"x/{MANIFEST_NAME}")
    s3.client().put_object(Bucket=bucket, Key=f"x/{PENDING_NAME}", Body=Pending("p", "", []).to_json())
    resumed = plan_publish(site, target, project_id="p")
    assert (resumed.uploads, resumed.resumed) == ([], len(package_of(site)))
    assert apply_publish(resumed).uploaded == 0
    stored = bucket_objects(s3, bucket, "x")
    assert MANIFEST_NAME in stored and PENDING_NAME not in stored
    assert plan_publish(site, target, project_id="p").empty


def test_a_publish_stopped_while_deleting_is_finished_by_the_next(seaweedfs, demo_project, tmp_path):
    from scenes.publish.store import Bucket

    bucket = new_bucket(seaweedfs)
    site = exported(demo_project, tmp_path / "site")
    target = parse_target(f"s3://{bucket}/x", endpoint=seaweedfs.endpoint)
    apply_publish(plan_publish(site, target, project_id="p"))
    (site / "data" / "exhibition.schema.json").unlink()
    plan = plan_publish(site, target, project_id="p")

    class StopsWhileDeleting(Bucket):
        def delete(self, names):
            if names != [PENDING_NAME]:
                raise KeyboardInterrupt  # the laptop is closed before the old file is gone
            super().delete(names)
    plan.bucket.__class__ = StopsWhileDeleting
    with pytest.raises(KeyboardInterrupt):
        apply_publish(plan)
    assert {"data/exhibition.schema.json", PENDING_NAME} <= set(bucket_objects(seaweedfs, bucket, "x"))
    again = plan_publish(site, target, project_id="p")
    assert (again.uploads, again.removals) == ([], ["data/exhibition.schema.json"])
    apply_publish(again)
    stored = bucket_objects(seaweedfs, bucket, "x")
    assert "data/exhibition.schema.json" not in stored and PENDING_NAME not in stored
