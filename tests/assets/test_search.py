"""Search: Chinese of any length, English words, fields, years, ranking."""

from __future__ import annotations

import pytest

from assets.catalog import Catalog, CatalogObject
from assets.errors import InputError
from assets.search import Query, count, search, search_ids
from assets.search_text import index_text, to_match


@pytest.fixture
def catalog(project):
    Catalog(project).upsert_many([(f"t{i}", o) for i, o in enumerate([
        CatalogObject("A1", title_zh="青花缠枝莲纹瓷碗", title_en="Blue-and-white porcelain bowl",
                      culture="明", date_text="明宣德", year_earliest=1426, year_latest=1435),
        CatalogObject("A2", title_zh="青铜兽面纹鼎", title_en="Bronze ding", culture="商",
                      year_earliest=-1300, year_latest=-1046, description_zh="祭祀礼器，腹饰瓷土纹样"),
        CatalogObject("A3", title_zh="粉彩花鸟纹瓶", title_en="Famille-rose porcelain vase", culture="清",
                      year_earliest=1736, year_latest=1795),
        CatalogObject("B1", title_en="Portrait of a lady", maker="Sir Joshua Reynolds", medium="Oil paint on canvas",
                      year_earliest=1773, year_latest=1773),
    ])])
    return project


def acc(objs):
    return [o.accession for o in objs]


def test_one_two_and_four_character_chinese(catalog):
    assert set(acc(search(catalog, "瓷"))) == {"A1", "A2"}
    assert acc(search(catalog, "青铜")) == ["A2"]
    assert acc(search(catalog, "缠枝莲纹")) == ["A1"]
    assert acc(search(catalog, "纹瓶")) == ["A3"]
    assert acc(search(catalog, "铜青")) == []  # characters must be adjacent and in order


def test_title_match_ranks_above_description_match(catalog):
    assert acc(search(catalog, "瓷")) == ["A1", "A2"]


def test_english_words_stems_and_prefixes(catalog):
    assert set(acc(search(catalog, "porcelain"))) == {"A1", "A3"}
    assert acc(search(catalog, "portraits")) == ["B1"]   # stemmed
    assert acc(search(catalog, "reyn")) == ["B1"]        # prefix while typing
    assert acc(search(catalog, '"oil paint"')) == ["B1"]


def test_field_filters_and_years(catalog):
    assert acc(search(catalog, Query("瓷", fields=(("culture", "明"),)))) == ["A1"]
    assert acc(search(catalog, "title:瓷")) == ["A1"]
    assert set(acc(search(catalog, Query("", year_from=1700)))) == {"A3", "B1"}
    assert acc(search(catalog, Query("porcelain", year_to=1500))) == ["A1"]
    assert count(catalog, Query("", year_to=0)) == 1
    with pytest.raises(InputError, match=r"search: unknown field 'colour'"):
        search(catalog, Query("x", fields=(("colour", "blue"),)))


def test_punctuation_only_and_quotes_are_safe(catalog):
    assert len(search_ids(catalog, "")) == 4
    assert acc(search(catalog, '"')) == acc(search(catalog, ""))
    assert search(catalog, 'AND OR NOT ( * "') == []  # operators are words here, not syntax
    assert acc(search(catalog, "bowl)")) == ["A1"]


def test_query_translation():
    assert index_text("青花ABC瓷") == " 青  花 ABC 瓷 "
    assert to_match("青铜 鼎") == '"青 铜" AND "鼎"'
    assert to_match("title:瓷 bowl") == 'title : "瓷" AND "bowl" *'
    assert to_match("note:text") == '"note text"'  # not a field: the colon joins words


def test_huge_result_sets_put_name_matches_first(catalog, monkeypatch):
    """Past RANK_LIMIT matches, ranking gives way to names-first order (bounded work)."""
    import assets.search as search_module

    monkeypatch.setattr(search_module, "RANK_LIMIT", 1)
    assert acc(search(catalog, "瓷")) == ["A1", "A2"]  # A1 has 瓷 in its title, A2 only in its description
    assert acc(search(catalog, "瓷", limit=1, offset=1)) == ["A2"]
    assert search_ids(catalog, "瓷", limit=None) == search_ids(catalog, "瓷", limit=10)


def test_names_index_follows_updates_and_deletes(catalog, monkeypatch):
    """The contentless names index drops an object's old words when it changes."""
    import assets.search as search_module

    monkeypatch.setattr(search_module, "RANK_LIMIT", 0)  # always go through the names index
    Catalog(catalog).add(CatalogObject("B1", title_en="Landscape with a river"))
    assert acc(search(catalog, "portrait")) == []
    assert acc(search(catalog, "landscape")) == ["B1"]
    Catalog(catalog).delete("B1")
    assert acc(search(catalog, "landscape")) == []
    hits = catalog.db.execute("SELECT count(*) FROM object_names WHERE object_names MATCH 'landscape'").fetchone()[0]
    assert hits == 0
