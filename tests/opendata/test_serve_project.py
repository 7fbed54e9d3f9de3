"""``yunzhan serve PROJECT``: the preview is exported with the server's own address as
its base URL, so QR codes, IIIF, the sitemap and OAI-PMH are there when serving."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

from tests.export.sample_project import build_project, generated_panorama

YUNZHAN = Path(sys.executable).with_name("yunzhan")


def test_serve_a_project_publishes_with_its_own_address(tmp_path):
    project = build_project(tmp_path / "expo.yunzhan", [generated_panorama(tmp_path / "p.jpg", width=1024)],
                            objects=1)
    project.close()
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    proc = subprocess.Popen([str(YUNZHAN), "serve", str(tmp_path / "expo.yunzhan"), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        lines = []
        for line in proc.stdout:  # the export's report, then the address
            lines.append(line)
            if line.startswith("serving "):
                break
        assert lines and lines[-1].startswith("serving "), "".join(lines) + proc.stderr.read()
        url = re.search(r"http://127\.0\.0\.1:\d+/", lines[-1]).group(0)
        assert lines[-1] == f"serving {tmp_path / 'expo-preview'} at {url}  (Ctrl-C stops)\n"
        with urllib.request.urlopen(url + "sitemap.xml", timeout=30) as r:
            assert f"<loc>{url}index.html?lang=zh</loc>" in r.read().decode("utf-8")
        with urllib.request.urlopen(url + "iiif/collection.json", timeout=30) as r:
            assert json.loads(r.read())["id"] == url + "iiif/collection.json"
        with urllib.request.urlopen(url + "qr/objects/2024.1.svg", timeout=30) as r:
            assert r.read().startswith(b"<")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
