"""A dropped collection (records plus photos) and editing one record by hand."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assets.catalog import Catalog, CatalogObject, edit_record
from assets.collection_import import MEDIA_TARGET, import_collection, propose_mapping, sort_dropped
from assets.errors import InputError, YunzhanError
from assets.project import Project
from assets.search import search_ids
from assets.tabular import read_table


def test_npm_jades_folder_links_each_photo_named_in_its_row(project, realdata):
    folder = realdata / "collection" / "npm_jades"
    dropped = sort_dropped([folder])
    assert [p.name for p in dropped.tables] == ["metadata.csv"]
    assert len(dropped.media) == 12 and not dropped.unsupported
    mapping = propose_mapping(read_table(dropped.tables[0]))
    assert mapping["image_file"] == MEDIA_TARGET
    assert mapping["title_zh"] == "title_zh" and mapping["accession"] == "accession"

    result = import_collection(project, [(dropped.tables[0], mapping)], dropped.media)
    assert result.records == 12 and len(result.linked) == 12 and not result.unmatched
    plate = Catalog(project).get("古玉2471")
    assert plate.title_en.startswith("Large grayish-blue green jade lotus-flower plate")
    assert len(plate.media) == 1 and "image_file" not in plate.custom


def test_unsupported_files_are_set_aside(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "list.csv").write_text("a\n1\n", encoding="utf-8")
    (tmp_path / ".hidden.csv").write_text("a\n1\n", encoding="utf-8")
    dropped = sort_dropped([tmp_path])
    assert [p.name for p in dropped.tables] == ["list.csv"]
    assert [p.name for p in dropped.unsupported] == ["notes.docx"]


def test_a_bad_row_stores_nothing(project, tmp_path):
    table = tmp_path / "t.csv"
    table.write_text("编号,名称,year_earliest\nA1,碗,1600\nA2,盘,not a year\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a year"):
        import_collection(project, [(table, propose_mapping(read_table(table)))], [])
    assert Catalog(project).count() == 0


def test_edit_record_changes_fields_and_the_search_index(project):
    oid = Catalog(project).add(CatalogObject(accession="A-1", title_zh="青花瓷盘", title_en="Dish"))
    obj = edit_record(project, oid, title_zh="  粉彩盘 ", title_en="Famille rose dish")
    assert (obj.title_zh, obj.title_en, obj.accession) == ("粉彩盘", "Famille rose dish", "A-1")
    assert search_ids(project, "粉彩", limit=None) == [oid]
    assert search_ids(project, "青花", limit=None) == []
    with pytest.raises(InputError, match="accession"):
        edit_record(project, oid, accession="B-2")


# Whatever bytes arrive under whatever name: stored whole, or refused with a
# YunzhanError naming the file and nothing stored; never another exception.

@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(suffix=st.sampled_from([".csv", ".tsv", ".json", ".jpg", ".png", ".mp3", ".glb", ".docx", ""]),
       data=st.binary(max_size=400) | st.text(max_size=200).map(lambda t: t.encode("utf-8")))
def test_any_dropped_file_is_imported_or_refused_by_name(tmp_path_factory, suffix, data):
    folder = tmp_path_factory.mktemp("drop")
    path = folder / f"dropped{suffix}"
    path.write_bytes(data)
    with Project.create(folder / "p.yunzhan") as project:
        dropped = sort_dropped([path])
        tables = []
        try:
            tables = [(t, propose_mapping(read_table(t))) for t in dropped.tables]
            import_collection(project, tables, dropped.media)
        except YunzhanError as err:
            assert str(path) in err.user_text()
            assert Catalog(project).count() == 0
            assert project.db.execute("SELECT count(*) FROM media").fetchone()[0] == 0
        if suffix in (".docx", ""):
            assert dropped.unsupported == [path]
