"""The exported package as files: layout, escaping, CSP, open data, sizes,
atomic replacement and refusals."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser

import pytest
from PIL import Image

from scenes.export import ExportError, export_package, plan_package
from tests.export.sample_project import XSS_TITLE, build_project, generated_panorama


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self.inline_styles, self.handlers = [], 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts.append(attrs)
        if "style" in attrs:
            self.inline_styles += 1
        self.handlers += [name for name in attrs if name.startswith("on")]


def test_package_has_every_page_and_data_file(site):
    for rel in ("index.html", "halls/hall-1.html", "halls/hall-2.html", "objects/2024.1.html",
                "objects/2024.2.html", "data/viewer.json", "data/exhibition.json", "data/exhibition.schema.json",
                "manifest.webmanifest", "sw.js", "assets/viewer.js", "assets/site.js", "assets/lang.js",
                "iiif/collection.json", "iiif/objects/2024.1.json", "qr/objects/2024.1.svg", "qr/halls/hall-1.svg",
                "print/gallery-kit.pdf"):
        assert (site / rel).is_file(), rel
    assert not (site / "assets/viewer-classic.js").exists()  # only the kiosk profile carries it
    viewer = json.loads((site / "data/viewer.json").read_text(encoding="utf-8"))
    assert [h["id"] for h in viewer["halls"]] == ["hall-1", "hall-2"]
    hall1 = viewer["halls"][0]
    assert [s["kind"] for s in hall1["hotspots"]] == ["scene", "object", "object", "note"]
    assert hall1["hotspots"][0]["arrival"] == {"yaw": 90.0, "pitch": 0.0}
    tile = hall1["panorama"]["tileUrl"].format(level=0, face="f", row=0, col=0)
    assert (site / tile).is_file()
    assert (site / hall1["panorama"]["base"]["path"]).is_file()


def test_user_text_is_escaped_everywhere(site):
    for page in ("index.html", "halls/hall-1.html", "objects/2024.1.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in html, page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, page


def test_pages_carry_a_strict_csp_and_no_inline_script_or_style(site):
    for page in ["index.html", *(f"halls/{p.name}" for p in (site / "halls").iterdir()),
                 *(f"objects/{p.name}" for p in (site / "objects").iterdir())]:
        html = (site / page).read_text(encoding="utf-8")
        csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1)
        assert "script-src &#39;self&#39;;" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
        parser = _Scripts()
        parser.feed(html)
        for script in parser.scripts:
            assert "src" in script or script.get("type") == "application/ld+json", (page, script)
        assert parser.inline_styles == 0 and parser.handlers == [], page


def test_open_data_validates(site):
    from scenes.opendata.exhibition_json import validate_exhibition_json
    from scenes.opendata.iiif import check_manifest

    doc = json.loads((site / "data/exhibition.json").read_text(encoding="utf-8"))
    validate_exhibition_json(doc)
    assert doc["title"]["en"] == f"Bronzes {XSS_TITLE}"
    assert [h["panorama"]["tiles"] for h in doc["halls"]][0].startswith("panoramas/")
    for path in [site / "iiif/collection.json", *(site / "iiif/objects").iterdir()]:
        check_manifest(json.loads(path.read_text(encoding="utf-8")))


def test_service_worker_precaches_the_shell_and_every_hall_preview(site):
    sw = (site / "sw.js").read_text(encoding="utf-8")
    precache = json.loads(re.search(r"const PRECACHE = (\[.*?\]);", sw, re.S).group(1))
    viewer = json.loads((site / "data/viewer.json").read_text(encoding="utf-8"))
    for rel in ("index.html", "halls/hall-1.html", "objects/2024.2.html", "assets/viewer.js", "assets/viewer.css",
                "data/viewer.json", "manifest.webmanifest"):
        assert rel in precache
    for hall in viewer["halls"]:
        assert hall["panorama"]["base"]["path"] in precache
    assert all((site / rel).is_file() for rel in precache)


def test_reexport_replaces_the_package_and_reports_sizes(exhibition, tmp_path):
    out = tmp_path / "site"
    first = export_package(exhibition, out, profile="mobile", zip_path=tmp_path / "site.zip")
    (out / "stale.html").write_text("old")
    again = export_package(exhibition, out, profile="mobile")
    assert not (out / "stale.html").exists()
    assert first.sizes.total == again.sizes.total
    assert again.sizes.bytes["panoramas"] > 0 and again.sizes.files["pages"] == 8  # + credits.html, collection.html, collection-list-1.html
    assert again.sizes.total < 50_000_000
    assert (tmp_path / "site.zip").stat().st_size == first.zip_size
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site.zip"]  # no temporary folders left
    assert any(line.startswith("  total ") for line in again.lines())


def test_plan_lists_files_without_writing(exhibition, tmp_path):
    planned = plan_package(exhibition, profile="mobile")
    assert "index.html" in planned.plan and "objects/2024.1.html" in planned.plan
    assert "iiif/collection.json" not in planned.plan  # no base URL: no IIIF (ids must be absolute)
    assert list(tmp_path.iterdir()) == []


def test_an_exhibition_without_halls_is_refused_and_nothing_is_written(tmp_path):
    from assets.project import Project

    project = Project.create(tmp_path / "empty.yunzhan")
    out = tmp_path / "site"
    with pytest.raises(ExportError) as e:
        export_package(project, out)
    assert str(e.value) == (f"{project.path}: cannot export: exhibition: has no halls "
                            f"(add one with 'yunzhan hall add')")
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site")]  # no temporary folder left
    project.close()


def test_a_hotspot_to_a_deleted_hall_is_refused_and_the_old_package_kept(tmp_path):
    project = build_project(tmp_path / "p.yunzhan", [generated_panorama(tmp_path / "a.jpg"),
                                                     generated_panorama(tmp_path / "b.jpg", seed=1)], objects=1)
    out = tmp_path / "site"
    export_package(project, out)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    # a file edited by another tool, with foreign keys off
    project.db.execute("PRAGMA foreign_keys = OFF")
    hall2 = project.db.execute("SELECT id FROM halls WHERE slug = 'hall-2'").fetchone()[0]
    project.db.execute("DELETE FROM floor_plan_pins WHERE hall_id = ?", (hall2,))
    project.db.execute("DELETE FROM halls WHERE id = ?", (hall2,))
    with pytest.raises(ExportError) as e:
        export_package(project, out)
    spot = project.db.execute("SELECT id FROM hotspots WHERE target_hall_id = ?", (hall2,)).fetchone()[0]
    assert str(e.value) == (f"{project.path}: cannot export: hotspot {spot} in hall hall-1: links to hall "
                            f"#{hall2}, which does not exist (and 1 more; see 'yunzhan check')")
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    project.close()


def test_accessions_differing_only_in_case_are_refused(tmp_path):
    """Two objects whose pages would be the same file: a clear message, nothing written."""
    from assets.catalog import Catalog, CatalogObject
    from scenes import model

    project = build_project(tmp_path / "p.yunzhan", [generated_panorama(tmp_path / "a.jpg")], objects=0)
    catalog = Catalog(project)
    for acc in ("YZ-1", "yz-1"):
        catalog.add(CatalogObject(accession=acc, title_en=f"Vase {acc}"))
        model.add_hotspot(project, "hall-1", yaw=0, pitch=0, object=acc)
    out = tmp_path / "site"
    with pytest.raises(ExportError) as e:
        export_package(project, out)
    assert e.value.user_text() == (f"{project.path}: objects 'YZ-1' and 'yz-1' would share the page "
                                   "objects/yz-1.html (accession numbers in one exhibition must differ by more "
                                   "than letter case)")
    assert not out.exists()
    project.close()


def test_a_folder_with_other_files_is_not_replaced(exhibition, tmp_path):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.docx").write_text("precious")
    with pytest.raises(ExportError) as e:
        export_package(exhibition, out)
    assert str(e.value) == f"{out}: folder is not empty and holds no Yunzhan package"
    assert [p.name for p in out.iterdir()] == ["thesis.docx"]


def test_contributions_add_sections_and_files(exhibition, tmp_path):
    from scenes.contribution import Contribution

    video = tmp_path / "r.mp4"
    video.write_bytes(b"\0" * 100)
    events = Contribution("events", [{"title_zh": "直播导览", "title_en": "Live tour <b>1</b>",
                                      "start": "2030-01-02T10:00:00Z"},
                                     {"title_en": "Evening tour", "local_start": "2030-01-02T18:00:00+08:00",
                                      "tz": "Asia/Shanghai"}])
    replays = Contribution("replays", [{"title_en": "Replay", "video": "replays/r.mp4"}],
                           {"replays/r.mp4": video})
    out = tmp_path / "site"
    report = export_package(exhibition, out, contributions=[events, replays])
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Live tour &lt;b&gt;1&lt;/b&gt;" in home and "2030-01-02 10:00 UTC" in home
    assert '<time datetime="2030-01-02T18:00:00+08:00">2030-01-02 18:00 Asia/Shanghai</time>' in home
    assert '<a href="replays/r.mp4">' in home
    assert (out / "replays/r.mp4").read_bytes() == video.read_bytes()
    assert report.sizes.files["other"] == 1
    doc = json.loads((out / "data/exhibition.json").read_text(encoding="utf-8"))
    assert doc["events"][0]["title_en"] == "Live tour <b>1</b>"


def test_check_warnings_are_reported_but_do_not_block(tmp_path):
    project = build_project(tmp_path / "p.yunzhan", [generated_panorama(tmp_path / "a.jpg")], objects=1)
    sha = project.db.execute("SELECT sha256 FROM object_media WHERE role = 'image'").fetchone()[0]
    project.db.execute("UPDATE media SET alt_en = NULL WHERE sha256 = ?", (sha,))
    report = export_package(project, tmp_path / "site")
    assert f"object 2024.1: image {sha[:12]}… has no English alt text" in report.warnings
    assert f"warning: object 2024.1: image {sha[:12]}… has no English alt text" in report.lines()
    page = (tmp_path / "site" / "objects" / "2024.1.html").read_text(encoding="utf-8")
    assert 'alt="青铜器1的照片"' in page  # the Chinese alt text stands in
    project.close()


def test_a_contribution_may_not_replace_the_packages_own_files(exhibition, tmp_path):
    from scenes.contribution import Contribution

    page = tmp_path / "evil.html"
    page.write_text("<p>replaced</p>")
    with pytest.raises(ExportError) as e:
        export_package(exhibition, tmp_path / "site", contributions=[Contribution("extra", [], {"index.html": page})])
    assert str(e.value) == ("contribution 'extra': file path 'index.html' is not allowed "
                            "(it must be a new package-relative path)")
    assert not (tmp_path / "site").exists()


def test_a_cancelled_export_writes_nothing(exhibition, tmp_path):
    from assets.errors import Cancelled
    from assets.progress import Progress

    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        export_package(exhibition, tmp_path / "site", progress=progress)
    assert list(tmp_path.iterdir()) == []


def test_the_hero_picture_wraps_around_the_seam(tmp_path):
    from scenes.export.derived import hero_jpeg

    pano = Image.new("RGB", (800, 400), (255, 0, 0))
    pano.paste((0, 0, 255), (400, 0, 800, 400))  # left half red, right half blue
    path = tmp_path / "p.jpg"
    pano.save(path, quality=95)
    hero = Image.open(io.BytesIO(hero_jpeg(path, yaw=180, pitch=0, size=(200, 100, 90.0)))).convert("RGB")
    assert hero.size == (200, 100)
    left, right = hero.getpixel((20, 50)), hero.getpixel((180, 50))
    assert left[2] > 200 and left[0] < 60    # looking back: the photo's right edge (blue) on the left
    assert right[0] > 200 and right[2] < 60  # and its left edge (red) on the right


def test_hall_pages_follow_the_default_tour(tmp_path):
    from assets.media_store import MediaStore
    from scenes import model
    from tests.export.sample_project import tone_wav

    project = build_project(tmp_path / "p.yunzhan", [generated_panorama(tmp_path / f"{i}.jpg", seed=i)
                                                     for i in range(3)], objects=1)
    narration = MediaStore(project).add_bytes(tone_wav(), kind="audio", mime="audio/wav", ext="wav", duration_s=1)
    model.add_tour(project, slug="main", stops=[model.TourStop("hall-2", narration), "hall-3", "hall-1"],
                   default=True)
    export_package(project, tmp_path / "site")
    hall2 = (tmp_path / "site" / "halls" / "hall-2.html").read_text(encoding="utf-8")
    assert ('<a href="hall-3.html" data-hall="hall-3"><span class="when-zh" lang="zh-Hans">导览下一站：第3展厅</span>'
            '<span class="lang-sep" aria-hidden="true"> / </span>'
            '<span class="when-en" lang="en">Next on the tour: Hall 3</span></a>') in hall2
    assert f'<audio controls preload="none" src="../media/{narration[:16]}.wav"></audio>' in hall2
    assert (tmp_path / "site" / "media" / f"{narration[:16]}.wav").read_bytes() == tone_wav()
    hall1 = (tmp_path / "site" / "halls" / "hall-1.html").read_text(encoding="utf-8")
    last_stop = re.search(r'<section data-hall-panel="hall-1".*?</section>', hall1, re.S).group(0)
    assert "Next on the tour" not in last_stop
    project.close()


def test_a_3d_model_is_shown_by_its_rendered_picture(tmp_path, realdata):
    from assets.catalog import Catalog, CatalogObject
    from assets.media_import import import_media
    from scenes import model

    project = build_project(tmp_path / "p.yunzhan", [generated_panorama(tmp_path / "a.jpg")], objects=0)
    Catalog(project).add(CatalogObject(accession="M-1", title_zh="木桶", title_en="Barrel"))
    import_media(project, [realdata / "models" / "webgltf_barrel.glb"], object_key="M-1")
    model.add_hotspot(project, "hall-1", yaw=10, pitch=0, object="M-1")
    out = tmp_path / "site"
    export_package(project, out)
    page = (out / "objects" / "m-1.html").read_text(encoding="utf-8")
    src = re.search(r'<img[^>]*src="\.\./([^"]+)"[^>]*alt="[^"]*(木桶的三维模型|3D model of Barrel)', page)
    assert src, page
    picture = Image.open(out / src.group(1))
    assert picture.format == "JPEG" and len(set(picture.convert("RGB").getdata())) > 500
    project.close()
