"""``yunzhan export`` and ``yunzhan serve`` as a user runs them."""

from __future__ import annotations

import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

YUNZHAN = Path(sys.executable).with_name("yunzhan")


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([str(YUNZHAN), *map(str, args)], capture_output=True, text=True, timeout=300)


def test_export_prints_the_size_report_and_how_to_preview(exhibition, tmp_path):
    out = tmp_path / "site"
    done = run("export", exhibition.path, "--out", out, "--zip", "--profile", "mobile",
               "--base-url", "https://museum.example/expo")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"{out}: 2 halls, 2 objects (mobile profile)"
    assert [line.split()[0] for line in lines[1:8]] == ["pages", "app", "data", "panoramas", "media", "print",
                                                        "total"]
    assert lines[8].startswith(f"  zip: {out}.zip (")
    assert lines[-1] == f"preview: yunzhan serve {out}   (then open the address it prints)"
    assert (out / "index.html").is_file() and (tmp_path / "site.zip").is_file()


def test_export_of_an_exhibition_without_halls_fails_cleanly(tmp_path):
    from assets.project import Project

    Project.create(tmp_path / "empty.yunzhan").close()
    done = run("export", tmp_path / "empty.yunzhan", "--out", tmp_path / "site")
    assert done.returncode == 1
    assert done.stderr == (f"yunzhan: {tmp_path / 'empty.yunzhan'}: cannot export: exhibition: has no halls "
                           f"(add one with 'yunzhan hall add')\n")
    assert not (tmp_path / "site").exists()


def test_export_refuses_a_bad_base_url(exhibition, tmp_path):
    done = run("export", exhibition.path, "--out", tmp_path / "site", "--base-url", "museum.example")
    assert done.returncode == 1
    assert done.stderr.startswith("yunzhan: --base-url 'museum.example': not an absolute http(s) URL")


def test_serve_refuses_a_folder_without_a_package(tmp_path):
    done = run("serve", tmp_path)
    assert done.returncode == 1
    assert done.stderr == (f"yunzhan: {tmp_path}: no index.html here; not an exported package "
                           f"(export one with 'yunzhan export PROJECT --out DIR')\n")


@pytest.mark.parametrize("path, mime", [("manifest.webmanifest", "application/manifest+json"),
                                        ("assets/viewer.js", "text/javascript"), ("sw.js", "text/javascript"),
                                        ("data/viewer.json", "application/json"), ("index.html", "text/html"),
                                        ("qr/objects/2024.1.svg", "image/svg+xml")])
def test_serve_sends_the_right_types(site, path, mime):
    from studio.cli.export import make_server

    server = make_server(site, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.server_address[1]}/{path}") as response:
            assert response.headers["Content-Type"].split(";")[0] == mime
            assert response.read() == (site / path).read_bytes()
    finally:
        server.shutdown()
        server.server_close()


def test_serve_prints_its_address(site):
    proc = subprocess.Popen([str(YUNZHAN), "serve", str(site), "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith(f"serving {site} at http://127.0.0.1:") and line.endswith("/  (Ctrl-C stops)\n")
        url = line.split(" at ")[1].split()[0]
        with urllib.request.urlopen(url + "index.html") as response:
            assert b"<!doctype html>" in response.read()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
