"""A project with pictures (true sizes in their dimensions) and 3D works, for the
virtual hall's tests and benchmark."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path
from typing import Iterator

from PIL import Image, ImageDraw

from assets.catalog import Catalog, CatalogObject
from assets.media_store import MediaStore
from assets.project import Project


def painting(i: int, size=(400, 300)) -> bytes:
    im = Image.new("RGB", size, ((37 * i) % 200 + 40, (91 * i) % 200 + 30, (53 * i) % 200 + 20))
    ImageDraw.Draw(im).ellipse([size[0] // 4, size[1] // 4, 3 * size[0] // 4, 3 * size[1] // 4], fill=(240, 220, 90))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def add_paintings(project: Project, n: int, *, start: int = 1) -> list[str]:
    """``n`` paintings P.<k> from 40 to 120 cm wide, each with a photo."""
    catalog, store = Catalog(project), MediaStore(project)
    accessions = []
    for k in range(start, start + n):
        width_cm, height_cm = 40 + (k * 17) % 80, 30 + (k * 13) % 70
        acc = f"P.{k}"
        oid = catalog.add(CatalogObject(accession=acc, title_zh=f"画作{k}", title_en=f"Painting {k}",
                                        dimensions=f"{height_cm} × {width_cm} cm"))
        w, h = 400, max(int(400 * height_cm / width_cm), 50)
        sha = store.add_bytes(painting(k, (w, h)), kind="image", mime="image/jpeg", ext="jpg", width=w, height=h)
        catalog.link_media(oid, sha)
        accessions.append(acc)
    return accessions


def add_box_model(project: Project, folder: Path, k: int, size=(0.4, 0.5, 0.3)) -> str:
    """A 3D work M.<k>: a box model of ``size`` metres."""
    import trimesh

    from assets.models.store import import_model

    path = folder / f"box{k}.stl"
    trimesh.creation.box(extents=size).export(path)
    sha = import_model(project, path, units="m", up="y").sha256
    catalog = Catalog(project)
    acc = f"M.{k}"
    oid = catalog.add(CatalogObject(accession=acc, title_zh=f"器物{k}", title_en=f"Vessel {k}"))
    catalog.link_media(oid, sha, role="model")
    return acc


def make_sample(folder: Path, paintings: int, *, name: str = "p.yunzhan", **hall) -> Path:
    """A project file of ``paintings`` paintings and two box models M.1 and M.2; with
    ``hall`` keywords (slug, width, ...) a virtual hall generated from them too."""
    from scenes.virtual_halls import generate_hall

    path = folder / name
    with Project.create(path) as p:
        add_paintings(p, paintings)
        add_box_model(p, folder, 1)
        add_box_model(p, folder, 2, (0.3, 1.0, 0.3))
        if hall:
            generate_hall(p, **hall)
    return path


@contextlib.contextmanager
def opened_copy(path: Path, folder: Path) -> Iterator[Project]:
    """A copy of the project file ``path`` in ``folder``, open (each test edits its own)."""
    copy = folder / path.name
    shutil.copy(path, copy)
    with Project.open(copy) as p:
        yield p
