"""The Collection's parts in Python: the postings code, index terms, English values,
facets and related objects (the browser side is in test_collection.py)."""

from __future__ import annotations

from hypothesis import given, strategies as st

from assets.catalog import CatalogObject
from scenes.export.collection import FACETS, facets_of, related_objects
from scenes.export.collection_index import build_index, decode_postings, encode_postings, terms_of
from scenes.opendata.values_en import english, shown_value

HAN = st.sampled_from("瓷青铜玉明清碗瓶鼎花鸟龙纹")


@given(st.sets(st.integers(0, 200_000), max_size=200))
def test_postings_round_trip(positions):
    ordered = sorted(positions)
    assert decode_postings(encode_postings(ordered)) == ordered


@given(st.lists(st.one_of(st.text(HAN, min_size=1, max_size=8), st.from_regex(r"[A-Za-z]{1,8}", fullmatch=True)),
                min_size=1, max_size=6))
def test_every_one_or_two_character_piece_of_chinese_is_a_term(pieces):
    text = " ".join(pieces)
    terms = terms_of(text)
    for piece in pieces:
        if piece[0] in "瓷青铜玉明清碗瓶鼎花鸟龙纹":
            assert set(piece) <= terms
            assert {piece[i:i + 2] for i in range(len(piece) - 1)} <= terms
        else:
            assert piece.lower() in terms


def test_common_values_have_their_english_form():
    assert english("date_text", "明") == "Ming dynasty"
    assert english("culture", "清") == "Qing dynasty"
    assert english("date_text", "明宣德") == "Ming dynasty, Xuande reign"
    assert english("date_text", "商晚期") == "late Shang dynasty"
    assert [english("medium", m) for m in ("瓷", "青铜", "玉")] == ["porcelain", "bronze", "jade"]
    assert english("medium", "瓷", {"medium_en": "hard-paste porcelain"}) == "hard-paste porcelain"
    assert english("medium", "Oil paint on canvas") == "Oil paint on canvas"
    assert english("dimensions", "高 24 厘米") is None


def test_a_value_without_english_is_shown_as_chinese():
    assert shown_value("credit_line", "故宫旧藏") == {"zh": "故宫旧藏", "en": "故宫旧藏", "en_lang": "zh-Hans",
                                                      "beside": None}
    assert shown_value("medium", "青铜") == {"zh": "青铜", "en": "bronze", "en_lang": "en", "beside": "青铜"}


FACET_VALUES = st.fixed_dictionaries({"culture": st.sampled_from(["", "明", "清", "唐"]),
                                      "medium": st.sampled_from(["", "瓷", "青铜", "玉"]),
                                      "maker": st.sampled_from(["", "佚名", "唐寅"]),
                                      "date_text": st.sampled_from(["", "明宣德", "清乾隆", "1820"])})


@given(st.lists(FACET_VALUES, min_size=1, max_size=40))
def test_related_objects_share_a_facet_and_never_include_themselves(records):
    objects = [CatalogObject(accession=f"A{i}", **r) for i, r in enumerate(records)]
    facets = [facets_of(o) for o in objects]
    for i, near in enumerate(related_objects(objects, facets, limit=4)):
        assert len(near) <= 4 and i not in near and len(set(near)) == len(near)
        for j in near:
            assert any(facets[i][n] is not None and facets[j][n] is not None and facets[i][n].zh == facets[j][n].zh
                       for n in FACETS)


def test_the_object_list_counts_each_facet_value():
    objects = [CatalogObject(accession="A1", medium="瓷", date_text="明宣德"),
               CatalogObject(accession="A2", medium="瓷", date_text="清"),
               CatalogObject(accession="A3", medium="Oil paint on canvas")]
    facets = [facets_of(o) for o in objects]
    doc, search = build_index(objects, facets, ["a1", "a2", "a3"], [None] * 3,
                              [{"zh": o.accession, "en": o.accession} for o in objects])
    assert doc["facets"]["medium"] == [["瓷", "porcelain", 2], ["Oil paint on canvas", "Oil paint on canvas", 1]]
    assert doc["facets"]["period"] == [["明", "Ming dynasty", 1], ["清", "Qing dynasty", 1]]
    assert decode_postings(search["terms"]["瓷"]) == [0, 1]
    assert decode_postings(search["terms"]["porcelain"]) == [0, 1]  # English forms are searchable
