"""Classroom mode: HLS on the local network, played by hls.js in a real Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from streaming.lan import HLS_JS, WEB

from .conftest import free_port

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def hls_js():
    if not HLS_JS.is_file():
        if shutil.which("npm") is None:
            pytest.skip("needs npm to install hls.js")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=WEB, check=True,
                       timeout=300)
    return HLS_JS


def test_the_class_watches_the_program_with_no_internet(tmp_path, run_cli, keys_file, hls_js):
    if not os.path.exists(CHROMIUM):
        pytest.skip("needs Debian's chromium")
    from playwright.sync_api import sync_playwright

    proj = tmp_path / "school.yunzhan"
    env = {**os.environ, "YUNZHAN_KEYS_FILE": str(keys_file)}
    run_cli("new", proj)
    run_cli("live", "add", proj, "--title", "课堂导览", "--start", "2026-12-03T15:00", "--tz", "Asia/Shanghai",
            "--duration", "1h", env=env)  # no destination: the room has no internet
    port = free_port()
    live = subprocess.Popen([str(Path(sys.executable).with_name("yunzhan")), "live", "run", str(proj), "1", "--now",
                             "--for", "14", "--program", "640x360@30", "--lan", "--lan-port", str(port),
                             "--record", str(tmp_path / "rec")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if b"index0.ts" in urllib.request.urlopen(f"http://127.0.0.1:{port}/index.m3u8", timeout=2).read():
                    break
            except OSError:
                time.sleep(0.3)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required"])
            try:
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{port}/")
                assert page.title() == "课堂导览"
                page.wait_for_function("document.getElementById('program').currentTime > 2", timeout=20000)
                assert page.evaluate("document.getElementById('program').videoWidth") == 640
                assert page.text_content("#status") == "直播中 · Live"
            finally:
                browser.close()
        out, err = live.communicate(timeout=30)
    finally:
        if live.poll() is None:
            live.kill()
    assert live.returncode == 0, err
    assert f"yunzhan: classroom: http://" in err and f":{port}/" in err
    assert out.splitlines()[-1] == "event 1: ended"
