"""check_exhibition: what 'yunzhan check' says about the exhibition, word for word."""

from __future__ import annotations

from assets.catalog import Catalog
from assets.findings import ERROR, WARNING, Finding
from assets.media_store import MediaStore
from scenes import model
from scenes.validation import check_exhibition

from .conftest import add_object


def _linked(project):
    model.set_exhibition(project, title_zh="青铜时代", title_en="The Bronze Age")
    model.add_hotspot(project, "lobby", yaw=30, pitch=-5, to="east")
    model.add_hotspot(project, "east", yaw=-150, pitch=0, to="lobby")
    return project


def _image(project, path, *, alt_zh=None, alt_en=None) -> str:
    sha = MediaStore(project).add_file(path, kind="image", mime="image/jpeg")
    MediaStore(project).set_alt(sha, zh=alt_zh, en=alt_en)
    return sha


def test_an_empty_project(project):
    assert check_exhibition(project) == [
        Finding(WARNING, "exhibition", "has no halls (add one with 'yunzhan hall add')"),
        Finding(WARNING, "exhibition", "has no title (set one with 'yunzhan exhibition set')"),
    ]


def test_a_sound_exhibition_has_no_findings(halls, pano_files):
    _linked(halls)
    oid = add_object(halls, "1977.12", title_zh="铜鼎")
    Catalog(halls).link_media(oid, _image(halls, pano_files[2], alt_zh="铜鼎", alt_en="A bronze ding"))
    model.add_hotspot(halls, "east", yaw=90, pitch=0, object="1977.12")
    assert check_exhibition(halls) == []


def test_unreachable_halls(halls, pano_files):
    _linked(halls)
    model.add_hall(halls, slug="west", title_zh="西厅", panorama_sha=model.store_panorama(halls, pano_files[2]))
    assert check_exhibition(halls) == [Finding(
        WARNING, "hall west",
        "cannot be reached from the start hall lobby (no hotspot, default tour or floor plan pin leads to it)")]
    # the default tour walks there...
    model.add_tour(halls, slug="main", stops=["lobby", "west"], default=True)
    assert check_exhibition(halls) == []
    # ...and the start is the default tour's first stop
    model.remove_tour(halls, "main")
    model.add_tour(halls, slug="main", stops=["west"], default=True)
    assert [(f.where, f.message.split(" (")[0]) for f in check_exhibition(halls)] == [
        ("hall lobby", "cannot be reached from the start hall west"),
        ("hall east", "cannot be reached from the start hall west"),
    ]


def test_floor_plan_pins_make_halls_reachable(halls, pano_files):
    model.set_exhibition(halls, title_en="Bronze")
    model.set_floor_plan(halls, _image(halls, pano_files[2], alt_zh="平面图", alt_en="Floor plan"))
    model.pin_hall(halls, "lobby", x=0.1, y=0.1)
    assert [f.where for f in check_exhibition(halls)] == ["hall east"]
    model.pin_hall(halls, "east", x=0.9, y=0.1)
    assert check_exhibition(halls) == []


def test_object_cards_need_something_to_show(halls, pano_files):
    _linked(halls)
    add_object(halls, "EMPTY.1")
    add_object(halls, "TEXT.1", description_en="A cup.")
    image_only = add_object(halls, "IMG.1")
    sha = _image(halls, pano_files[2], alt_zh="杯")
    Catalog(halls).link_media(image_only, sha)
    for accession in ("EMPTY.1", "TEXT.1", "IMG.1"):
        model.add_hotspot(halls, "lobby", yaw=0, pitch=0, object=accession)
    assert check_exhibition(halls) == [
        Finding(ERROR, "object EMPTY.1", "is pinned in a hall but has no image and no text to show"),
        Finding(WARNING, "object IMG.1", "is pinned in a hall but has no title or description"),
        Finding(WARNING, "object IMG.1", f"image {sha[:12]}… has no English alt text"),
        Finding(WARNING, "object TEXT.1", "is pinned in a hall but has no image"),
    ]


def test_a_3d_model_with_a_rendered_picture_counts_as_an_image(halls):
    _linked(halls)
    oid = add_object(halls, "SCAN.1", title_en="Fossil")
    store = MediaStore(halls)
    pictured = store.add_bytes(b"glTF\x02\0\0\0 pictured", kind="model", mime="model/gltf-binary", ext="glb")
    store.put_derived(pictured, "display.jpg", b"\xff\xd8 a picture")
    Catalog(halls).link_media(oid, pictured)
    model.add_hotspot(halls, "lobby", yaw=0, pitch=0, object="SCAN.1")
    assert check_exhibition(halls) == []
    bare = add_object(halls, "SCAN.2", title_en="Shell")
    Catalog(halls).link_media(bare, store.add_bytes(b"glTF\x02\0\0\0 bare", kind="model",
                                                    mime="model/gltf-binary", ext="glb"))
    model.add_hotspot(halls, "lobby", yaw=5, pitch=0, object="SCAN.2")
    assert check_exhibition(halls) == [Finding(WARNING, "object SCAN.2", "is pinned in a hall but has no image")]


def test_floor_plan_without_alt_text(halls, pano_files):
    _linked(halls)
    sha = _image(halls, pano_files[2])
    model.set_floor_plan(halls, sha)
    assert check_exhibition(halls) == [
        Finding(WARNING, "floor plan", f"image {sha[:12]}… has no Chinese or English alt text")]


def test_dangling_links_left_by_another_tool(halls):
    """A file edited with foreign keys off: the check names every broken link."""
    _linked(halls)
    model.add_tour(halls, slug="main", stops=["lobby", "east"], default=True)
    add_object(halls, "GONE.1", title_en="Lost")
    model.add_hotspot(halls, "lobby", yaw=10, pitch=0, object="GONE.1")
    lobby_to_east = model.load_exhibition(halls).hall("lobby").hotspots[0].id
    east_id = model.load_exhibition(halls).hall("east").id
    object_id = Catalog(halls).get("GONE.1").id
    halls.db.execute("PRAGMA foreign_keys = OFF")
    halls.db.execute("DELETE FROM halls WHERE slug = 'east'")
    halls.db.execute("DELETE FROM objects WHERE accession = 'GONE.1'")
    halls.db.execute("PRAGMA foreign_keys = ON")
    assert check_exhibition(halls) == [
        Finding(ERROR, f"hotspot {lobby_to_east} in hall lobby", f"links to hall #{east_id}, which does not exist"),
        Finding(ERROR, f"hotspot {lobby_to_east + 2} in hall lobby",
                f"opens catalog object #{object_id}, which does not exist"),
        Finding(ERROR, f"hotspot {lobby_to_east + 1}", f"belongs to hall #{east_id}, which does not exist"),
        Finding(ERROR, "tour main stop 2", f"visits hall #{east_id}, which does not exist"),
    ]


def test_missing_panorama_and_angles_out_of_range(halls):
    _linked(halls)
    spot = model.load_exhibition(halls).hall("lobby").hotspots[0]
    sha = model.load_exhibition(halls).hall("east").panorama_sha
    halls.db.execute("PRAGMA ignore_check_constraints = ON")
    halls.db.execute("UPDATE hotspots SET yaw = 270, pitch = -100 WHERE id = ?", (spot.id,))
    halls.db.execute("UPDATE halls SET view_pitch = 120 WHERE slug = 'east'")
    halls.db.execute("PRAGMA ignore_check_constraints = OFF")
    halls.db.execute("PRAGMA foreign_keys = OFF")
    halls.db.execute("DELETE FROM media WHERE sha256 = ?", (sha,))
    halls.db.execute("PRAGMA foreign_keys = ON")
    assert check_exhibition(halls) == [
        Finding(ERROR, "hall east", f"panorama {sha[:12]}… is missing from the project"),
        Finding(ERROR, "hall east", "initial view yaw 0, pitch 120 is out of range (yaw -180 to 180, pitch -90 to 90)"),
        Finding(ERROR, f"hotspot {spot.id} in hall lobby",
                "position yaw 270, pitch -100 is out of range (yaw -180 to 180, pitch -90 to 90)"),
    ]
