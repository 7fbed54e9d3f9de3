"""``yunzhan publish`` as a user runs it: dry run, login, a publish killed midway and
run again, and the published site opened from the S3 endpoint in Chromium."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scenes.publish.manifest import MANIFEST_NAME, PENDING_NAME
from tests.publish.conftest import bucket_objects, new_bucket, package_of
from tests.publish.netproxy import NetProxy
from tests.publish.servers import ACCESS_KEY, SECRET_KEY

pytestmark = [pytest.mark.s3, pytest.mark.slow]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def test_dry_run_prints_the_plan_and_changes_nothing(run_cli, seaweedfs, demo_copy):
    bucket = new_bucket(seaweedfs)
    r = run_cli("publish", demo_copy, f"s3://{bucket}/expo", "--endpoint", seaweedfs.endpoint, "--dry-run",
                env=os.environ)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert re.fullmatch(rf"s3://{bucket}/expo: (\d+) files to upload \([\d.]+ MB: \1 new, 0 replaced\), "
                        r"0 to remove, 0 unchanged", lines[0]), lines[0]
    assert lines[-1].startswith("upload   index.html ") and "[entry page; text/html; charset=utf-8;" in lines[-1]
    assert any(l.startswith("upload   sw.js ") and l.endswith("no-cache]") for l in lines)
    assert bucket_objects(seaweedfs, bucket) == {}


def test_login_then_publish_with_the_saved_credentials(run_cli, seaweedfs, demo_copy, tmp_path):
    bucket = new_bucket(seaweedfs)
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_ACCESS") and k != "AWS_SECRET_ACCESS_KEY"}
    r = run_cli("publish", "login", "--endpoint", seaweedfs.endpoint, input=f"{ACCESS_KEY}\n{SECRET_KEY}\n", env=env)
    assert r.returncode == 0, r.stderr
    store = Path(os.environ["YUNZHAN_PUBLISH_CREDENTIALS_FILE"])
    host = seaweedfs.endpoint.split("//")[1]
    assert r.stdout == f"credentials for default@{host} saved in {store}\n"
    assert store.stat().st_mode & 0o777 == 0o600
    r = run_cli("publish", demo_copy, f"s3://{bucket}/expo", "--endpoint", seaweedfs.endpoint, env=env)
    assert r.returncode == 0, r.stderr
    assert re.match(rf"s3://{bucket}/expo: uploaded \d+ files", r.stdout)
    assert f"entry page: {seaweedfs.endpoint}/{bucket}/expo/index.html" in r.stdout
    # The secret is in no file Yunzhan wrote for the project, nor in what it printed.
    for path in demo_copy.parent.rglob("*"):
        if path.is_file():
            assert SECRET_KEY.encode() not in path.read_bytes(), path
    assert SECRET_KEY not in r.stdout + r.stderr
    stored = bucket_objects(seaweedfs, bucket, "expo")
    assert all(SECRET_KEY.encode() not in o["bytes"] for o in stored.values())


def test_wrong_credentials_from_the_command_line(run_cli, seaweedfs, demo_copy):
    bucket = new_bucket(seaweedfs)
    r = run_cli("publish", demo_copy, f"s3://{bucket}/expo", "--endpoint", seaweedfs.endpoint,
                env={**os.environ, "AWS_SECRET_ACCESS_KEY": "wrong-secret-123"})
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr == (f"yunzhan: s3://{bucket}/expo at {seaweedfs.endpoint}: the storage refused the credentials "
                        "(SignatureDoesNotMatch) to list the bucket (check the access key and secret ('yunzhan "
                        "publish login') and that they may write to this bucket)\n")


def test_a_publish_killed_midway_is_finished_by_the_next(seaweedfs, demo_copy, tmp_path):
    bucket = new_bucket(seaweedfs)
    exe = Path(sys.executable).with_name("yunzhan")
    # A slow network, so that the kill lands in the middle of the upload.
    proxy = NetProxy(int(seaweedfs.endpoint.rsplit(":", 1)[1]), rate=1_500_000)
    try:
        process = subprocess.Popen([str(exe), "publish", str(demo_copy), f"s3://{bucket}/expo", "--endpoint",
                                    proxy.endpoint, "--workers", "2"], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while len(bucket_objects(seaweedfs, bucket, "expo")) < 10:
            assert process.poll() is None, process.stderr.read()
            assert time.monotonic() < deadline
            time.sleep(0.2)
        process.send_signal(signal.SIGKILL)
        process.wait()
    finally:
        proxy.close()
    half = bucket_objects(seaweedfs, bucket, "expo")
    assert PENDING_NAME in half and MANIFEST_NAME not in half
    assert "index.html" not in half  # a visitor sees nothing half-published

    exported = tmp_path / "site"
    r = subprocess.run([str(exe), "export", str(demo_copy), "--out", str(exported)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([str(exe), "publish", str(demo_copy), f"s3://{bucket}/expo", "--endpoint",
                        seaweedfs.endpoint], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    uploaded = int(re.match(rf"s3://{bucket}/expo: uploaded (\d+) files", r.stdout)[1])
    package = package_of(exported)
    assert uploaded <= len(package) - (len(half) - 1)  # what got there before the kill is not sent again
    stored = bucket_objects(seaweedfs, bucket, "expo")
    assert set(stored) == set(package) | {MANIFEST_NAME}
    assert all(stored[p]["bytes"] == data for p, data in package.items())


@pytest.mark.browser
def test_the_published_site_opens_from_the_s3_endpoint(run_cli, seaweedfs, demo_copy):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    from PIL import Image, ImageStat
    import io

    bucket = new_bucket(seaweedfs)
    r = run_cli("publish", demo_copy, f"s3://{bucket}/museum/expo", "--endpoint", seaweedfs.endpoint, env=os.environ)
    assert r.returncode == 0, r.stderr
    entry = f"{seaweedfs.endpoint}/{bucket}/museum/expo/index.html"
    errors = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 800}).new_page()
            page.on("response", lambda resp: resp.status >= 400 and errors.append(f"{resp.status} {resp.url}"))
            page.goto(entry)
            page.locator("a[href='halls/plates.html']").first.click()
            page.wait_for_url("**/halls/plates.html")
            # Walking in from the home page starts the viewer itself; the button is for a first visit.
            page.wait_for_selector("#viewer.is-ready, #viewer-enter:enabled", timeout=60_000)
            if page.locator("#viewer-enter:enabled").is_visible():
                page.locator("#viewer-enter").click()
            page.wait_for_selector("#viewer.is-ready", timeout=60_000)
            page.wait_for_timeout(800)
            shot = Image.open(io.BytesIO(page.locator("#viewer canvas").screenshot())).convert("L")
        finally:
            browser.close()
    assert ImageStat.Stat(shot).stddev[0] > 10  # a panorama, not a blank canvas
    assert errors == []


def test_usage_mistakes(run_cli):
    r = run_cli("publish", "museum.yunzhan")
    assert r.returncode == 2 and r.stderr.endswith("Error: Missing argument 's3://BUCKET/PREFIX'.\n")
    r = run_cli("publish", "login", input="only-the-key-id\n", env=os.environ)
    assert (r.returncode, r.stderr) == (
        1, "yunzhan: login: give the access key id and the secret on two lines of standard input\n")
    r = run_cli("publish", "museum.yunzhan", "s3://museum/expo", "--endpoint", "ftp://example.org")
    assert (r.returncode, r.stderr) == (
        1, "yunzhan: --endpoint 'ftp://example.org': not an http:// or https:// address "
           "(e.g. https://s3.oss-cn-hangzhou.aliyuncs.com)\n")
