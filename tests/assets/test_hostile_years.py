"""Generated display dates: the year parser never raises and never returns nonsense."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assets.catalog import YEAR_RANGE
from assets.dates import PERIODS, parse_years

PIECES = st.sampled_from(["c. ", "circa ", "公元前", "BC", "BCE", "AD", "CE", "年", "世纪", "th century", "st century",
                          "s", "–", "-", "—", "to", "至", "~", " ", "0", "00", "0001", "9999", "99999999", "٣",
                          "1750", "60", "18", "明代", *PERIODS])
DATES = st.one_of(st.text(max_size=40), st.lists(st.one_of(PIECES, st.integers(0, 99999).map(str)),
                                                 max_size=8).map("".join))


@settings(max_examples=400, deadline=None)
@given(DATES)
def test_parse_years_returns_an_ordered_pair_of_storable_years_or_nothing(text):
    earliest, latest = parse_years(text)
    if earliest is None or latest is None:
        assert (earliest, latest) == (None, None)
        return
    assert isinstance(earliest, int) and isinstance(latest, int)
    assert earliest <= latest
    assert YEAR_RANGE[0] <= earliest and latest <= YEAR_RANGE[1]


def test_year_one_and_the_zeroth_century():
    assert parse_years("0001") == (1, 1)
    assert parse_years("0th century") == (None, None)
    assert parse_years("公元前0世纪") == (None, None)
