"""The package's credits page: the project's credits record and the objects' credit
lines, linked from every page's footer; bad credits entries are refused."""

from __future__ import annotations

import html

import pytest

from assets.catalog import Catalog
from scenes.errors import ExhibitionError
from scenes.export.credits import load_credits, set_credits
from tests.export.sample_project import build_project, generated_panorama

LOBBY = {"title": "Lobby <panorama>", "author": "Poly Haven", "licence": "CC0 1.0",
         "licence_url": "https://creativecommons.org/publicdomain/zero/1.0/", "credit": "“St Fagans Interior”, CC0",
         "url": "https://polyhaven.com/a/st_fagans_interior", "changes": "tone-mapped", "extra": "dropped"}


@pytest.fixture
def project(tmp_path):
    project = build_project(tmp_path / "expo.yunzhan", [generated_panorama(tmp_path / "p.jpg", width=1024)])
    yield project
    project.close()


def test_the_credits_page_lists_the_record_and_the_objects_and_every_page_links_it(project, tmp_path):
    from scenes.export import export_package

    set_credits(project, [LOBBY])
    assert load_credits(project)[0]["title"] == "Lobby <panorama>" and "extra" not in load_credits(project)[0]
    catalog = Catalog(project)
    obj = catalog.get("2024.1")
    obj.credit_line, obj.rights = "Gift of A. Donor, 1999", "CC BY 4.0"
    catalog.add(obj)
    site = tmp_path / "site"
    export_package(project, site)
    page = (site / "credits.html").read_text(encoding="utf-8")
    assert html.escape("Lobby <panorama>") in page and "<panorama>" not in page  # text, never markup
    assert 'href="https://creativecommons.org/publicdomain/zero/1.0/" rel="license">CC0 1.0</a>' in page
    assert 'href="https://polyhaven.com/a/st_fagans_interior"' in page
    assert "Gift of A. Donor, 1999" in page and "CC BY 4.0" in page and "2024.1" in page
    assert "2024.2" not in page  # an object without a credit line or rights is not listed
    for path in ("index.html", "halls/hall-1.html", "credits.html"):
        assert 'href="credits.html"' in (site / path).read_text(encoding="utf-8") or \
            'href="../credits.html"' in (site / path).read_text(encoding="utf-8")


@pytest.mark.parametrize("entry, message", [
    ({"title": "", "licence": "CC0"}, "give a title and a licence"),
    ({"title": "x", "licence": ""}, "give a title and a licence"),
    ({"title": "x", "licence": "CC0", "url": "javascript:alert(1)"}, "url 'javascript:alert(1)' is not an http(s)"),
    ({"title": "x", "licence": "CC0", "licence_url": "ftp://a"}, "licence_url 'ftp://a' is not an http(s)"),
])
def test_a_bad_credits_entry_is_refused_naming_it(project, entry, message):
    with pytest.raises(ExhibitionError) as e:
        set_credits(project, [LOBBY, entry])
    assert e.value.message.startswith(f"{project.path}: credits entry 2: {message}")
    assert load_credits(project) == []  # nothing stored
