"""schema.org JSON-LD for the package's pages: Museum, ExhibitionEvent, the objects
(VisualArtwork, CreativeWork or Thing) and every other page (WebPage).

The functions return plain dicts; :func:`jsonld_script` turns one into a
``<script type="application/ld+json">`` element that is safe to put in HTML
whatever the catalog text holds. Texts with both a Chinese and an English
version become JSON-LD language-tagged values (``{"@value": ..., "@language": "zh"}``).
Without a base URL, ``url``/``image`` are package-relative paths.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from scenes.errors import ExhibitionError
from scenes.opendata.licences import licence_uri
from scenes.opendata.published import PublishedMedia
from scenes.opendata.urls import object_url, package_url
from scenes.opendata.work_types import is_period, work_type

CONTEXT = "https://schema.org"


@dataclass(frozen=True)
class MuseumInfo:
    """The museum that holds the exhibition (project settings ``museum.*``)."""
    name_zh: str = ""
    name_en: str = ""
    url: str = ""
    address: str = ""


def museum_info(project) -> MuseumInfo:
    """The museum as set in the project settings ``museum.name_zh``, ``museum.name_en``,
    ``museum.url`` and ``museum.address``."""
    return MuseumInfo(*(project.get_setting(f"museum.{k}", "") or "" for k in ("name_zh", "name_en", "url", "address")))


def exhibition_dates(project) -> tuple[str | None, str | None]:
    """The exhibition's opening and closing dates from the settings ``exhibition.start_date``
    and ``exhibition.end_date`` (ISO 8601, e.g. ``2026-12-01``), None where unset.

    :raises ExhibitionError: a setting that is not an ISO date, naming it.
    """
    out = []
    for key in ("exhibition.start_date", "exhibition.end_date"):
        value = (project.get_setting(key, "") or "").strip()
        if value:
            try:
                value = (datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)).isoformat()
            except ValueError:
                raise ExhibitionError(f"{project.path}: setting {key} = {value!r} is not an ISO date",
                                      hint="for example 2026-12-01") from None
        out.append(value or None)
    return out[0], out[1]


def text_value(zh: str, en: str):
    """One text in up to two languages as a JSON-LD value, or None when both are empty."""
    zh, en = (zh or "").strip(), (en or "").strip()
    if zh and en:
        return [{"@value": zh, "@language": "zh"}, {"@value": en, "@language": "en"}]
    if zh:
        return {"@value": zh, "@language": "zh"}
    return {"@value": en, "@language": "en"} if en else None


def museum_jsonld(museum: MuseumInfo) -> dict:
    """A schema.org Museum."""
    doc = {"@context": CONTEXT, "@type": "Museum"}
    _put(doc, "name", text_value(museum.name_zh, museum.name_en))
    _put(doc, "url", museum.url.strip())
    _put(doc, "address", museum.address.strip())
    return doc


def exhibition_event_jsonld(exhibition, objects: Sequence, museum: MuseumInfo, *,
                            base_url: str | None, start_date: str | None = None,
                            end_date: str | None = None, max_featured: int = 50) -> dict:
    """A schema.org ExhibitionEvent for the home page.

    :param exhibition: anything with ``title_zh``, ``title_en``, ``intro_zh``, ``intro_en``.
    :param objects: catalog objects; the first ``max_featured`` works are listed as
        ``workFeatured`` (a home page stays small even for a big catalog).
    :param start_date: ISO 8601 date when the exhibition opens, if known.
    """
    doc = {"@context": CONTEXT, "@type": "ExhibitionEvent"}
    _put(doc, "name", text_value(getattr(exhibition, "title_zh", ""), getattr(exhibition, "title_en", "")))
    _put(doc, "description", text_value(getattr(exhibition, "intro_zh", ""), getattr(exhibition, "intro_en", "")))
    location = museum_jsonld(museum)
    location.pop("@context")
    home = package_url(base_url, "index.html") if base_url else None
    if home:
        doc["url"] = home
        doc["eventAttendanceMode"] = "https://schema.org/MixedEventAttendanceMode"
        doc["location"] = [location, {"@type": "VirtualLocation", "url": home}] if len(location) > 1 else \
            {"@type": "VirtualLocation", "url": home}
    elif len(location) > 1:
        doc["location"] = location
    _put(doc, "startDate", start_date)
    _put(doc, "endDate", end_date)
    featured = []
    # workFeatured takes creative works: a natural specimen (a Thing) is not listed
    works = [(obj, work_type(obj).schema_type) for obj in objects]
    for obj, kind in [(o, k) for o, k in works if k != "Thing"][:max_featured]:
        work = {"@type": kind, "identifier": obj.accession, "url": object_url(base_url, obj.accession)}
        _put(work, "name", text_value(obj.title_zh, obj.title_en) or obj.accession)
        featured.append(work)
    _put(doc, "workFeatured", featured)
    return doc


def artwork_jsonld(obj, media: Iterable[PublishedMedia] = (), *, base_url: str | None) -> dict:
    """The schema.org record for an object's page: a ``VisualArtwork`` only where the object
    is an artwork, else a ``CreativeWork`` (or a ``Thing`` for a natural specimen); see
    :mod:`scenes.opendata.work_types`.

    :param obj: a catalog object (``assets.catalog.CatalogObject``).
    :param media: the object's published files; images become ``image``.
    """
    kind = work_type(obj)
    doc = {"@context": CONTEXT, "@type": kind.schema_type,
           "identifier": obj.accession, "url": object_url(base_url, obj.accession)}
    _put(doc, "name", text_value(obj.title_zh, obj.title_en) or obj.accession)
    _put(doc, "description", text_value(obj.description_zh, obj.description_en))
    images = [package_url(base_url, m.path) for m in media if m.kind == "image"]
    _put(doc, "image", images[0] if len(images) == 1 else images)
    if kind.schema_type == "Thing":  # a Thing has no creator, date, material or licence in schema.org
        return doc
    if obj.maker.strip():
        doc["creator"] = {"@type": "Person", "name": obj.maker.strip()}
    culture = obj.culture.strip()
    if obj.year_earliest is not None and obj.year_earliest == obj.year_latest:
        doc["dateCreated"] = _iso_year(obj.year_earliest)
    elif obj.year_earliest is not None and obj.year_latest is not None:
        doc["temporalCoverage"] = f"{_iso_year(obj.year_earliest)}/{_iso_year(obj.year_latest)}"
    elif obj.date_text.strip() or is_period(culture):
        # a period named in words (明宣德, 商晚期): schema.org takes it as text
        doc["temporalCoverage"] = obj.date_text.strip() or culture
    if kind.is_artwork:
        _put(doc, "artMedium", obj.medium.strip())
        _put(doc, "artform", kind.artform)
    else:
        _put(doc, "material", obj.medium.strip())
    _put(doc, "size", obj.dimensions.strip())
    # A culture that is not a period ("Mughal", "良渚文化") is neither a place nor a
    # time: it stays a keyword rather than a made-up Place.
    keywords = [k for k in (obj.keywords.strip(), "" if is_period(culture) else culture) if k]
    _put(doc, "keywords", ", ".join(keywords))
    # A 3D scan or model of the work: schema.org's 3DModel, the web GLB as its content.
    models = [{"@type": "3DModel", "contentUrl": package_url(base_url, m.path), "encodingFormat": m.mime,
               **({"name": text_value(m.alt_zh, m.alt_en)} if (m.alt_zh or m.alt_en) else {})}
              for m in media if m.kind == "model"]
    _put(doc, "associatedMedia", models[0] if len(models) == 1 else models or None)
    rights = obj.rights.strip()
    _put(doc, "license", licence_uri(rights) or rights)
    _put(doc, "creditText", obj.credit_line.strip())
    return doc


object_jsonld = artwork_jsonld


def jsonld_script(data: Mapping) -> str:
    """``data`` as a ``<script type="application/ld+json">`` element, safe inside HTML.

    ``<``, ``>`` and ``&`` are written as JSON escapes (``\\u003c``...), so no
    text can close the script element (``</script>``) or open a comment
    (``<!--``); the JSON value is unchanged. U+2028/U+2029 are escaped too.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return f'<script type="application/ld+json">{text}</script>'


def _iso_year(year: int) -> str:
    # ISO 8601 years have at least four digits; years BCE are negative ("-0200").
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


def _put(doc: dict, key: str, value) -> None:
    """Set ``key`` only when there is something to say (schema.org omits empty properties)."""
    if value not in (None, "", [], {}):
        doc[key] = value
