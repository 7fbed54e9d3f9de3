"""A full disk or a read-only folder during export: one clear error naming the
folder, and the previous package left exactly as it was (real tmpfs mounts)."""

from __future__ import annotations

import urllib.request

import pytest

from scenes.export import ExportError, export_package
from scenes.export.serve import serve_in_background
from tests.small_disk import make_read_only, shrink_to_fit, small_disk, tree


def test_a_disk_that_fills_keeps_the_previous_package(exhibition, tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        out = disk / "site"
        export_package(exhibition, out, profile="mobile")
        before = tree(out)
        shrink_to_fit(disk)  # the new package is written beside the old one: it cannot fit
        with pytest.raises(ExportError) as e:
            export_package(exhibition, out, profile="mobile", base_url="https://museum.example/new/")
        assert e.value.user_text() == (f"{out}: cannot write the package: the disk is full (the folder is as "
                                       "it was) (free some space or choose a folder on another disk)")
        assert tree(out) == before
        assert sorted(p.name for p in disk.iterdir()) == ["site"]  # the half-written copy is gone


def test_a_read_only_folder_keeps_the_previous_package(exhibition, tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        out = disk / "site"
        export_package(exhibition, out, profile="mobile")
        before = tree(out)
        make_read_only(disk)
        with pytest.raises(ExportError) as e:
            # a changed export (an unchanged one reuses the package and writes nothing)
            export_package(exhibition, out, profile="mobile", zip_path=disk / "site.zip",
                           base_url="https://museum.example/new/")
        assert e.value.user_text() == (f"{out}: cannot write the package: Read-only file system (the folder "
                                       "is as it was) (choose a folder you can write to)")
        assert tree(out) == before


def test_a_preview_serves_the_package_until_stopped(site):
    preview = serve_in_background(site)
    try:
        assert preview.url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(preview.url + "index.html") as response:
            assert response.read() == (site / "index.html").read_bytes()
    finally:
        preview.stop()
    with pytest.raises(OSError):
        urllib.request.urlopen(preview.url + "index.html", timeout=2)
