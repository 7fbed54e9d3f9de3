"""Package layout and deep-link URLs: slugs safe for files and URLs, one scheme for everyone."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from scenes.errors import ExhibitionError
from scenes.opendata.urls import (hall_url, iiif_manifest_path, normalise_base_url, object_page_path, object_slug,
                                  object_url, package_url, slug_clashes)

BASE = "https://museum.example/expo/"
SAFE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
HEX8 = r"[0-9a-f]{8}"


@pytest.mark.parametrize("accession, pattern", [
    ("N00001", r"n00001"),
    ("1984.12.3", r"1984\.12\.3"),
    ("1984.12 / 3", rf"1984\.12-3-{HEX8}"),
    ("青铜-001", rf"001-{HEX8}"),
    ("青铜", rf"object-{HEX8}"),
    ("Ü-Bahn 1", rf"u-bahn-1-{HEX8}"),
    ("CON", rf"con-{HEX8}"),
    ("..", rf"object-{HEX8}"),
    (".hidden", rf"hidden-{HEX8}"),
    ("x" * 100, rf"x{{60}}-{HEX8}"),
])
def test_object_slug(accession, pattern):
    slug = object_slug(accession)
    assert re.fullmatch(pattern, slug), slug
    assert SAFE.match(slug) and quote(slug) == slug


def test_slugs_are_distinct_and_make_real_files(tmp_path, tate):
    tricky = ["A 1", "A-1", "A--1", "a/1", "a\\1", "青铜 2024/2", "青铜 2024/3", "馆藏·一", "CON", "con.1",
              "NUL", " 1", "1 ", "x" * 100, "x" * 101]
    accessions = [o.accession for o in tate] + tricky
    slugs = [object_slug(a) for a in accessions]
    assert len(set(slugs)) == len(accessions)
    for slug in slugs:
        (tmp_path / f"{slug}.html").write_text("ok")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{s}.html" for s in slugs)


def test_case_only_differences_are_reported():
    assert slug_clashes(["N1", "n1", "N2"]) == [("N1", "n1")]
    assert slug_clashes(["N1", "N2"]) == []


def test_empty_accession_is_refused():
    with pytest.raises(ExhibitionError) as e:
        object_slug("  ")
    assert str(e.value) == "object with an empty accession number: cannot name its page"


def test_urls_under_base_url():
    assert object_page_path("N00079") == "objects/n00079.html"
    assert iiif_manifest_path("N00079") == "iiif/objects/n00079.json"
    assert object_url(BASE, "N00079") == BASE + "objects/n00079.html"
    assert object_url("https://museum.example/expo", "N00079") == BASE + "objects/n00079.html"
    assert hall_url(BASE, "east-hall") == BASE + "index.html#/hall/east-hall"
    assert package_url(BASE, "media/a b.jpg") == BASE + "media/a%20b.jpg"


def test_base_url_becomes_an_ascii_uri():
    assert normalise_base_url("https://博物馆.example/展览") == "https://xn--9krs63ej00a.example/%E5%B1%95%E8%A7%88/"
    assert normalise_base_url("http://127.0.0.1:8000") == "http://127.0.0.1:8000/"
    assert normalise_base_url("https://museum.example/a%20b/") == "https://museum.example/a%20b/"


def test_urls_without_base_url_are_package_relative():
    assert object_url(None, "N00079") == "objects/n00079.html"
    assert hall_url(None, "lobby") == "index.html#/hall/lobby"
    assert normalise_base_url("  ") is None


@pytest.mark.parametrize("bad, message", [
    ("ftp://museum.example/", "--base-url 'ftp://museum.example/': not an absolute http(s) URL"),
    ("museum.example/expo", "--base-url 'museum.example/expo': not an absolute http(s) URL"),
    ("https://museum.example/?a=1", "--base-url 'https://museum.example/?a=1': must not have a query or fragment"),
    ("https://museum.example/my expo/", "--base-url 'https://museum.example/my expo/': contains spaces"),
])
def test_bad_base_url(bad, message):
    with pytest.raises(ExhibitionError) as e:
        object_url(bad, "N1")
    assert str(e.value) == message


def test_bad_hall_slug():
    with pytest.raises(ExhibitionError) as e:
        hall_url(BASE, "East Hall")
    assert str(e.value) == "hall slug 'East Hall': only a-z, 0-9 and '-' are allowed"
