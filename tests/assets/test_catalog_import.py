"""Importing records: encodings, mappings, bad rows, formulas, real data."""

from __future__ import annotations

import csv
import json

import pytest

from assets.catalog import Catalog
from assets.catalog_import import import_table, load_mapping, parse_map_options, save_mapping
from assets.csv_export import escape_cell, write_catalog_csv
from assets.errors import InputError
from assets.search import search


def test_shanghai_csv_in_gb18030_and_utf8_bom_import_alike(project, realdata):
    gb = realdata / "collection" / "shanghai_museums_platforms_2020.gb18030.csv"
    utf = realdata / "collection" / "shanghai_museums_platforms_2020.csv"
    r1 = import_table(project, gb, mapping={"展馆名称": "title"})
    assert (r1.encoding, r1.rows, r1.added) == ("gb18030", 21, 21)
    titles_gb = {o.title_zh for o in Catalog(project).iter_all()}
    assert "上海博物馆" in titles_gb
    museum = search(project, "上海博物馆")[0]
    assert museum.custom["微博粉丝量"] == "570000" and museum.custom["抖音粉丝量"] == "未开通"
    # The same table from "CSV UTF-8": same accessions (file stem + row differ), same titles.
    r2 = import_table(project, utf, mapping={"展馆名称": "title"})
    assert (r2.encoding, r2.rows) == ("utf-8-sig", 21)
    by_file = {}
    for o in Catalog(project).iter_all():
        by_file.setdefault(o.accession.rsplit("-", 1)[0], set()).add(o.title_zh)
    assert by_file["shanghai_museums_platforms_2020.gb18030"] == by_file["shanghai_museums_platforms_2020"]


def test_tate_json_maps_known_fields(project, realdata):
    r = import_table(project, realdata / "collection" / "tate_artworks_subset_300.json")
    assert r.rows == 300
    obj = Catalog(project).get("N00079")
    assert obj.maker == "Sir Joshua Reynolds"
    assert obj.medium == "Oil paint on canvas"
    assert (obj.year_earliest, obj.year_latest) == (1773, 1773)
    assert obj.credit_line.startswith("Bequeathed by the Earl of Blessington")
    assert "portraits" in obj.keywords
    assert json.loads(obj.custom["dateRange"])["startYear"] == 1773
    assert [o.accession for o in search(project, "reynolds")][:1]


def test_gbk_csv_with_ragged_row_is_refused_whole(project, tmp_path):
    path = tmp_path / "藏品 清单.csv"
    rows = "编号,名称,年代\nA1,青花瓷碗,明\nA2,青铜鼎,商,多余\nA3,玉佩\n"
    path.write_bytes(rows.encode("gbk"))
    with pytest.raises(InputError) as e:
        import_table(project, path)
    assert e.value.user_text() == (f"{path}: row 3: 4 cells where the header has 3 (and 1 more bad rows) "
                                   "(nothing was imported)")
    assert Catalog(project).count() == 0


def test_formula_cell_is_kept_as_text_and_escaped_on_export(project, tmp_path):
    path = tmp_path / "objects.csv"
    path.write_text("accession,title,fans\nF1,=cmd|' /C calc'!A0,-12\n", encoding="utf-8")
    import_table(project, path)
    obj = Catalog(project).get("F1")
    assert obj.title_en == "=cmd|' /C calc'!A0"
    out = tmp_path / "out.csv"
    write_catalog_csv(project, out)
    with out.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.DictReader(f))
    assert table[0]["title_en"] == "'=cmd|' /C calc'!A0"
    assert table[0]["fans"] == "-12"  # a negative number stays a number
    assert escape_cell("@SUM(A1)") == "'@SUM(A1)" and escape_cell("青花") == "青花"


def test_mapping_errors_name_the_problem(project, tmp_path):
    with pytest.raises(InputError, match=r"--map 'a=b=c': unknown field 'b=c'"):
        parse_map_options(["a=b=c"])
    path = tmp_path / "t.csv"
    path.write_text("x,y\n1,2\n")
    with pytest.raises(InputError, match=r"--map: no column named '名称' \(columns: x, y\)"):
        import_table(project, path, mapping={"名称": "title"})


def test_saved_mapping_is_reused(project, tmp_path):
    save_mapping(project, "shanghai", {"展馆名称": "title", "等级": "-"})
    assert load_mapping(project, "shanghai") == {"展馆名称": "title", "等级": "-"}
    path = tmp_path / "m.csv"
    path.write_text("展馆名称,等级\n上海博物馆,一级\n", encoding="utf-8")
    import_table(project, path, mapping=load_mapping(project, "shanghai"))
    obj = Catalog(project).get("m-2")
    assert obj.title_zh == "上海博物馆" and "等级" not in obj.custom
    with pytest.raises(InputError, match="no saved mapping named 'other' \\(saved: shanghai\\)"):
        load_mapping(project, "other")


def test_reimport_updates_instead_of_duplicating(project, tmp_path):
    path = tmp_path / "o.csv"
    path.write_text("accession,title\nA1,Bowl\n")
    import_table(project, path)
    path.write_text("accession,title\nA1,Blue bowl\nA2,Vase\n")
    r = import_table(project, path)
    assert (r.added, r.updated) == (1, 1)
    assert [o.accession for o in search(project, "blue")] == ["A1"]
    assert search(project, "bowl")[0].title_en == "Blue bowl"
    assert project.db.execute("SELECT count(*) FROM object_search").fetchone()[0] == 2


def test_bad_json_names_line_and_column(project, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('[{"acno": "A1",}]')
    with pytest.raises(InputError, match=r"bad.json: line 1 column 16: invalid JSON"):
        import_table(project, path)


def test_duplicate_accession_in_one_file(project, tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("accession,title\nA1,x\nA1,y\n")
    with pytest.raises(InputError, match=r"d.csv: row 3: accession number 'A1' already used at row 2"):
        import_table(project, path)
    assert Catalog(project).count() == 0
