"""Fixtures for the exhibition model's tests: small real JPEG panoramas on disk and
projects with halls in them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw


def make_panorama(path: Path, shade: int, *, size: tuple[int, int] = (1024, 512)) -> Path:
    """A real 2:1 JPEG, different for each ``shade`` (so each has its own hash)."""
    im = Image.new("RGB", size, (shade, 120, 255 - shade))
    draw = ImageDraw.Draw(im)
    for x in range(0, size[0], 64):
        draw.line([(x, 0), (x, size[1])], fill=(255, shade, 0), width=3)
    im.save(path, "JPEG", quality=80)
    return path


@pytest.fixture
def pano_files(tmp_path) -> list[Path]:
    folder = tmp_path / "photos"
    folder.mkdir()
    return [make_panorama(folder / f"pano{n}.jpg", 40 * n) for n in range(3)]


@pytest.fixture
def halls(project, pano_files):
    """A project with halls lobby (大厅 / Lobby) and east (东厅), no hotspots."""
    from scenes import model

    model.add_hall(project, slug="lobby", title_zh="大厅", title_en="Lobby",
                   panorama_sha=model.store_panorama(project, pano_files[0]))
    model.add_hall(project, slug="east", title_zh="东厅", panorama_sha=model.store_panorama(project, pano_files[1]))
    return project


def add_object(project, accession: str, **fields) -> int:
    from assets.catalog import Catalog, CatalogObject

    return Catalog(project).add(CatalogObject(accession=accession, **fields))


def snapshot(project) -> list:
    """Every exhibition row, to show an operation changed nothing."""
    tables = ("exhibition", "halls", "hotspots", "floor_plan_pins", "tours", "tour_stops", "media")
    return [(t, project.db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()) for t in tables]
