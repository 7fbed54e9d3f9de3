"""Bad input to a publish: one clear line each, and nothing half-visible to visitors."""

from __future__ import annotations

import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assets.project import Project
from scenes.export import export_package
from scenes.publish import NetworkError, PublishError, Retry, apply_publish, parse_target, plan_publish
from tests.publish.conftest import bucket_objects, new_bucket, package_of
from tests.publish.netproxy import NetProxy
from tests.publish.servers import free_port

pytestmark = pytest.mark.s3
QUICK = Retry(attempts=3, base=0.1)


@pytest.fixture(scope="module")
def site(demo_project, tmp_path_factory):
    out = tmp_path_factory.mktemp("bad") / "site"
    with Project.open(demo_project) as p:
        export_package(p, out)
    return out


def refused(site, target, **kw) -> str:
    with pytest.raises(PublishError) as e:
        plan_publish(site, target, project_id="p", retry=QUICK, **kw)
    text = e.value.user_text()
    assert "\n" not in text
    return text


def test_wrong_credentials(seaweedfs, site, monkeypatch):
    bucket = new_bucket(seaweedfs)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-the-secret")
    text = refused(site, parse_target(f"s3://{bucket}/x", endpoint=seaweedfs.endpoint))
    assert text.startswith(f"s3://{bucket}/x at {seaweedfs.endpoint}: the storage refused the credentials "
                           "(SignatureDoesNotMatch) to list the bucket")
    assert "not-the-secret" not in text


@pytest.mark.parametrize("server", ["seaweedfs", "moto"])
def test_a_bucket_that_does_not_exist(server, request, site):
    s3 = request.getfixturevalue(server)
    text = refused(site, parse_target("s3://no-such-bucket/x", endpoint=s3.endpoint))
    assert text == (f"s3://no-such-bucket/x at {s3.endpoint}: bucket 'no-such-bucket' does not exist (create it "
                    "in the storage provider's console, or check the name and endpoint)")


def test_an_endpoint_that_is_not_s3(site, tmp_path):
    from studio.cli.export import make_server

    web = make_server(site, 0)  # a plain web server: the package itself
    threading.Thread(target=web.serve_forever, daemon=True).start()
    try:
        endpoint = f"http://127.0.0.1:{web.server_address[1]}"
        text = refused(site, parse_target("s3://museum/x", endpoint=endpoint))
    finally:
        web.shutdown()
        web.server_close()
    assert text.startswith(f"s3://museum/x at {endpoint}: the endpoint ")
    assert "check --endpoint" in text


def test_an_endpoint_where_nothing_listens(site):
    endpoint = f"http://127.0.0.1:{free_port()}"
    text = refused(site, parse_target("s3://museum/x", endpoint=endpoint))
    assert text.startswith(f"s3://museum/x at {endpoint}: cannot connect to the storage")


def test_no_credentials_anywhere(site, monkeypatch):
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    text = refused(site, parse_target("s3://museum/x", endpoint="http://127.0.0.1:9"))
    assert text.startswith("s3://museum/x: no credentials for profile 'default' (run 'yunzhan publish login'")


@pytest.mark.parametrize("text,message", [
    ("museum/x", "'museum/x': not an s3://BUCKET/PREFIX address"),
    ("http://museum/x", "'http://museum/x': not an s3://BUCKET/PREFIX address"),
    ("s3://Museum_Site/x", "s3://Museum_Site/x: 'Museum_Site' is not a valid bucket name"),
    ("s3://museum/a//b", "'s3://museum/a//b': the prefix 'a//b' has empty, '.' or '..' parts"),
    ("s3://museum/../b", "'s3://museum/../b': the prefix '../b' has empty, '.' or '..' parts"),
    ("s3://museum/my expo", "'s3://museum/my expo': the prefix 'my expo' has spaces, control characters or '\\'"),
    ("s3://museum/expo?v=2", "s3://museum/expo?v=2: an s3:// address has no '?' or '#' part"),
])
def test_bad_targets(text, message):
    with pytest.raises(PublishError) as e:
        parse_target(text)
    assert str(e.value) == message


def test_a_bucket_holding_another_projects_exhibition(s3, site):
    bucket = new_bucket(s3)
    target = parse_target(f"s3://{bucket}/expo", endpoint=s3.endpoint)
    apply_publish(plan_publish(site, target, project_id="museum-a", title="青铜器展"))
    before = bucket_objects(s3, bucket, "expo")
    with pytest.raises(PublishError) as e:
        plan_publish(site, target, project_id="museum-b")
    assert e.value.user_text() == (f"s3://{bucket}/expo: holds another project's exhibition '青铜器展' "
                                   "(publish to another prefix, or delete what is there first)")
    assert bucket_objects(s3, bucket, "expo") == before


def _cut_after(proxy: NetProxy, nbytes: int, *, for_s: float | None) -> threading.Thread:
    def run():
        while proxy.sent < nbytes:
            time.sleep(0.01)
        proxy.cut()
        if for_s is not None:
            time.sleep(for_s)
            proxy.restore()
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_a_network_that_drops_mid_upload_and_stays_down(seaweedfs, site):
    bucket = new_bucket(seaweedfs)
    proxy = NetProxy(int(seaweedfs.endpoint.rsplit(":", 1)[1]), rate=4_000_000)
    try:
        target = parse_target(f"s3://{bucket}/expo", endpoint=proxy.endpoint)
        plan = plan_publish(site, target, project_id="p", retry=QUICK)
        _cut_after(proxy, 1_000_000, for_s=None)
        with pytest.raises(NetworkError) as e:
            apply_publish(plan)
    finally:
        proxy.close()
    text = e.value.user_text()
    assert "\n" not in text and text.startswith(f"s3://{bucket}/expo at {proxy.endpoint}: ")
    assert "publish again when the network is back" in text or "cannot connect" in text
    stored = bucket_objects(seaweedfs, bucket, "expo")
    assert "index.html" not in stored  # visitors see no half-published site
    # Back online: publishing again finishes the job and uploads no file twice.
    target = parse_target(f"s3://{bucket}/expo", endpoint=seaweedfs.endpoint)
    again = plan_publish(site, target, project_id="p")
    assert again.resumed >= 1
    apply_publish(again)
    assert {k: v["bytes"] for k, v in bucket_objects(seaweedfs, bucket, "expo").items()
            if not k.startswith(".yunzhan")} == package_of(site)


def test_a_network_that_drops_briefly_is_ridden_out(seaweedfs, site):
    bucket = new_bucket(seaweedfs)
    proxy = NetProxy(int(seaweedfs.endpoint.rsplit(":", 1)[1]), rate=4_000_000)
    try:
        target = parse_target(f"s3://{bucket}/expo", endpoint=proxy.endpoint)
        plan = plan_publish(site, target, project_id="p", retry=Retry(attempts=6, base=0.3))
        _cut_after(proxy, 1_000_000, for_s=1.0)
        report = apply_publish(plan)
    finally:
        proxy.close()
    assert report.uploaded == len(package_of(site))
    assert {k: v["bytes"] for k, v in bucket_objects(seaweedfs, bucket, "expo").items()
            if not k.startswith(".yunzhan")} == package_of(site)


@given(st.text(max_size=80))
@settings(max_examples=200, deadline=None)
def test_any_target_text_is_accepted_or_refused_in_one_line(text):
    try:
        target = parse_target(text)
    except PublishError as e:
        assert "\n" not in e.user_text() and e.user_text()
        return
    # What is accepted is a well-formed address that maps package paths to clean keys.
    assert target.url.startswith("s3://") and target.bucket == target.bucket.lower()
    assert target.key("index.html").endswith("index.html") and "//" not in target.key("index.html")
    assert target.key("index.html").isprintable() and " " not in target.key("index.html")
