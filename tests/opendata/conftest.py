"""A real project with a small exhibition and catalog, plus what an exporter would
publish for it (paths, sizes), for the open-data tests."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

import pytest
from PIL import Image

from assets.catalog import Catalog, CatalogObject
from assets.media_store import MediaStore
from scenes import model
from scenes.opendata.published import PublishedHall, PublishedMedia

BASE = "https://museum.example/expo/"
SCRIPT_TITLE = "<script>alert(1)</script>"
FORMULA_TITLE = "=cmd|' /C calc'!A0"


def jpeg(width: int, height: int, colour=(120, 90, 60)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG", quality=80)
    return out.getvalue()


@dataclass
class Built:
    project: object
    exhibition: object
    objects: list
    halls: dict
    object_media: dict
    media_paths: dict


def published_for(project, exhibition, objects) -> tuple[dict, dict, dict]:
    """What an exporter would tell the open-data writers: paths by hall, object and SHA."""
    store = MediaStore(project)
    halls = {h.slug: PublishedHall(tiles=f"tiles/{h.panorama_sha[:16]}/{{level}}/{{face}}/{{row}}_{{col}}.jpg",
                                   levels=[{"faceSize": 512, "nbTiles": 1}, {"faceSize": 1024, "nbTiles": 2}],
                                   preview=f"tiles/{h.panorama_sha[:16]}/preview.jpg",
                                   fallback=f"tiles/{h.panorama_sha[:16]}/fallback.jpg",
                                   thumbnail=f"tiles/{h.panorama_sha[:16]}/thumb.jpg")
             for h in exhibition.halls}
    object_media = {}
    for obj in objects:
        files = []
        for sha in obj.media:
            info = store.info(sha)
            files.append(PublishedMedia(kind=info.kind, path=f"media/{sha[:16]}.{info.ext}", mime=info.mime,
                                        width=info.width, height=info.height, duration_s=info.duration_s,
                                        alt_zh=f"{obj.title_zh}图片", alt_en=f"Picture of {obj.title_en}",
                                        thumbnail=f"media/{sha[:16]}-thumb.jpg", sha256=sha))
        object_media[obj.accession] = files
    media_paths = {}
    if exhibition.floor_plan:
        media_paths[exhibition.floor_plan.media_sha] = f"media/{exhibition.floor_plan.media_sha[:16]}.png"
    for tour in exhibition.tours:
        for stop in tour.stops:
            if stop.narration_sha:
                media_paths[stop.narration_sha] = f"media/{stop.narration_sha[:16]}.mp3"
    return halls, object_media, media_paths


def _link_media(project, object_id: int, sha: str, position: int) -> None:
    with project.transaction() as db:
        db.execute("INSERT INTO object_media(object_id, sha256, role, position) VALUES (?, ?, 'image', ?)",
                   (object_id, sha, position))


@pytest.fixture
def built(project) -> Built:
    """Two halls linked both ways, three objects (one titled with a script tag, one
    formula-like), images, a note, a tour with narration and a floor plan."""
    store = MediaStore(project)
    catalog = Catalog(project)
    pano1 = store.add_bytes(jpeg(64, 32, (10, 20, 30)), kind="panorama", mime="image/jpeg", ext="jpg", width=64, height=32)
    pano2 = store.add_bytes(jpeg(64, 32, (30, 20, 10)), kind="panorama", mime="image/jpeg", ext="jpg", width=64, height=32)
    img1 = store.add_bytes(jpeg(40, 30), kind="image", mime="image/jpeg", ext="jpg", width=40, height=30)
    img2 = store.add_bytes(jpeg(30, 40, (1, 2, 3)), kind="image", mime="image/jpeg", ext="jpg", width=30, height=40)
    plan = store.add_bytes(jpeg(20, 10), kind="image", mime="image/jpeg", ext="jpg", width=20, height=10)
    voice = store.add_bytes(b"ID3fake-mp3", kind="audio", mime="audio/mpeg", ext="mp3", duration_s=1.5)

    ids = [
        catalog.add(CatalogObject(accession="2024.1", title_zh="青铜鼎", title_en="Bronze ding",
                                  maker="佚名", date_text="商代晚期", year_earliest=-1250, year_latest=-1046,
                                  culture="商", medium="青铜", dimensions="高 38 厘米",
                                  credit_line="上海博物馆藏", description_zh="一件礼器。",
                                  description_en="A ritual vessel.", rights="CC0",
                                  keywords="青铜, 礼器", custom={"classification": "bronze"})),
        catalog.add(CatalogObject(accession="青铜 2024/2", title_zh=SCRIPT_TITLE, title_en=SCRIPT_TITLE,
                                  maker="<b>maker</b>", rights="CC BY 4.0", credit_line="Gift of </script>")),
        catalog.add(CatalogObject(accession="N00079", title_en=FORMULA_TITLE, title_zh="三位女士",
                                  maker="Sir Joshua Reynolds", date_text="1773", year_earliest=1773,
                                  year_latest=1773, rights="All rights reserved")),
    ]
    _link_media(project, ids[0], img1, 0)
    _link_media(project, ids[0], img2, 1)
    _link_media(project, ids[1], img2, 0)

    model.set_exhibition(project, title_zh="青铜时代", title_en="The Bronze Age",
                         intro_zh="商周青铜器展。", intro_en="Bronzes of the Shang and Zhou.")
    model.add_hall(project, slug="lobby", title_zh="序厅", title_en="Lobby", panorama_sha=pano1,
                   description_zh="入口", description_en="Entrance", view=model.View(30, -5, 80))
    model.add_hall(project, slug="east-hall", title_zh="东厅", title_en="East hall", panorama_sha=pano2)
    model.add_hotspot(project, "lobby", yaw=45, pitch=0, to="east-hall", arrive_yaw=180, label_zh="去东厅",
                      label_en="To the east hall")
    model.add_hotspot(project, "east-hall", yaw=-90, pitch=0, to="lobby")
    model.add_hotspot(project, "east-hall", yaw=10, pitch=-3, object="2024.1")
    model.add_hotspot(project, "east-hall", yaw=20, pitch=-3, object="青铜 2024/2")
    model.add_hotspot(project, "lobby", yaw=-20, pitch=10, note_zh="请勿触摸", note_en="Please do not touch")
    model.add_tour(project, slug="main", title_zh="主线", title_en="Main tour", default=True,
                   stops=[model.TourStop("lobby", voice), "east-hall"])
    model.set_floor_plan(project, plan)
    model.pin_hall(project, "lobby", x=0.25, y=0.5)

    exhibition = model.load_exhibition(project)
    objects = [catalog.get(i) for i in ids]
    halls, object_media, media_paths = published_for(project, exhibition, objects)
    return Built(project, exhibition, objects, halls, object_media, media_paths)


@pytest.fixture
def tate(realdata) -> list[CatalogObject]:
    """Twelve real Tate records (CC0 metadata) as catalog objects, mapped as an importer would."""
    return tate_objects(realdata, 12)


def tate_objects(realdata, n: int) -> list[CatalogObject]:
    records = json.loads((realdata / "collection" / "tate_artworks_subset_300.json").read_text("utf-8"))
    out = []
    for r in records[:n]:
        years = r.get("dateRange") or {}
        out.append(CatalogObject(
            accession=r["acno"], title_en=r["title"], maker=r["all_artists"], date_text=r["dateText"] or "",
            year_earliest=years.get("startYear"), year_latest=years.get("endYear"),
            medium=r["medium"] or "", dimensions=r["dimensions"] or "", credit_line=r["creditLine"] or "",
            rights="CC0" if r.get("thumbnailCopyright") is None else r["thumbnailCopyright"],
            custom={"classification": r["classification"]}))
    return out
