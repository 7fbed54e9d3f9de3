"""JSON-LD for every page of the package, not only the home and object pages.

Pages that carry no schema.org record of their own (a hall, the audio guide, a
virtual hall walk, a replay, the credits...) get a ``WebPage`` that names the
page, says it is part of the exhibition's web site, is about the
``ExhibitionEvent`` and is published by the museum (as an ``Organization``). :func:`with_page_jsonld`
adds it to a rendered page, so pages added later get one too.
"""

from __future__ import annotations

import html
import re

from scenes.opendata.jsonld import CONTEXT, MuseumInfo, jsonld_script, museum_jsonld, text_value
from scenes.opendata.urls import package_url

JSONLD_TYPE = 'type="application/ld+json"'
_META = re.compile(r'<meta name="yunzhan-title-(zh|en)" content="([^"]*)"')


def page_jsonld(path: str, title: dict, *, exhibition_title: dict, museum: MuseumInfo,
                base_url: str | None) -> dict:
    """A schema.org WebPage for the package page at ``path``.

    :param title: the page's title per language, ``{"zh": ..., "en": ...}``.
    :param exhibition_title: the exhibition's title per language.
    """
    doc = {"@context": CONTEXT, "@type": "WebPage", "url": package_url(base_url, path)}
    _set(doc, "name", text_value(title.get("zh", ""), title.get("en", "")))
    home = package_url(base_url, "index.html")
    name = text_value(exhibition_title.get("zh", ""), exhibition_title.get("en", ""))
    doc["isPartOf"] = {"@type": "WebSite", "url": home, **({"name": name} if name else {})}
    doc["about"] = {"@type": "ExhibitionEvent", "url": home, **({"name": name} if name else {})}
    if museum.name_zh or museum.name_en:
        # schema.org's Museum is a place (the home page's ExhibitionEvent has it as its
        # location); as the publisher the museum is the organisation of that name
        publisher = museum_jsonld(museum)
        publisher.pop("@context")
        publisher.pop("address", None)
        doc["publisher"] = {**publisher, "@type": "Organization"}
    return doc


def has_jsonld(page: str) -> bool:
    return JSONLD_TYPE in page


def page_titles(page: str) -> dict:
    """The page's title per language, as the package's pages state it in their ``<meta>``."""
    return {lang: html.unescape(text) for lang, text in _META.findall(page)}


def with_page_jsonld(page: str, path: str, *, exhibition_title: dict, museum: MuseumInfo,
                     base_url: str | None) -> str:
    """``page`` with a WebPage record before ``</head>``, or unchanged when it has JSON-LD
    already or no head."""
    if has_jsonld(page) or "</head>" not in page:
        return page
    doc = page_jsonld(path, page_titles(page), exhibition_title=exhibition_title, museum=museum,
                      base_url=base_url)
    return page.replace("</head>", jsonld_script(doc) + "\n</head>", 1)


def _set(doc: dict, key: str, value) -> None:
    if value:
        doc[key] = value
