"""A static OAI-PMH 2.0 snapshot of the published objects, for harvesters.

A city-wide portal harvests museums over OAI-PMH. A static package cannot
answer queries, so it carries the three responses a harvester needs, as the
protocol's own XML documents:

- ``oai/Identify.xml``: the repository (needs the setting ``museum.email``,
  the protocol's required ``adminEmail``; without it there is no Identify),
- ``oai/ListMetadataFormats.xml``: ``oai_dc`` (unqualified Dublin Core),
- ``oai/ListRecords.xml``: every published object as a Dublin Core record
  (a ``noRecordsMatch`` error response when there is none).

Record identifiers are ``oai:<host>:<object slug>``; datestamps are the catalog
records' last edits (UTC, seconds). The snapshot's ``responseDate`` is the
newest of them, so re-exporting an unchanged project writes the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Mapping, Sequence
from urllib.parse import urlsplit

from scenes.opendata.jsonld import MuseumInfo
from scenes.opendata.licences import licence_uri
from scenes.opendata.urls import iiif_manifest_path, object_slug, object_url, package_url
from scenes.opendata.work_types import work_type

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_NS = "http://www.w3.org/XML/1998/namespace"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
OAI_DIR = "oai/"
IDENTIFY_PATH = OAI_DIR + "Identify.xml"
FORMATS_PATH = OAI_DIR + "ListMetadataFormats.xml"
RECORDS_PATH = OAI_DIR + "ListRecords.xml"
EPOCH = "1970-01-01T00:00:00Z"
# Characters XML 1.0 cannot hold at all (a catalog cell may have them).
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DATESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")

for _prefix, _uri in (("", OAI_NS), ("oai_dc", OAI_DC_NS), ("dc", DC_NS), ("xsi", XSI_NS)):
    ET.register_namespace(_prefix, _uri)


@dataclass(frozen=True)
class OaiSnapshot:
    """The snapshot's documents by package-relative path."""
    files: dict[str, str]


def oai_snapshot(objects: Sequence, *, base_url: str, museum: MuseumInfo, repository_name: Mapping[str, str],
                 datestamps: Mapping[str, str], admin_email: str = "",
                 iiif_paths: Mapping[str, str] | None = None) -> OaiSnapshot:
    """The OAI-PMH documents for ``objects``.

    :param base_url: the package's public address (normalised, absolute).
    :param repository_name: ``{"zh": ..., "en": ...}``, the museum's or the exhibition's name.
    :param datestamps: each accession number's last edit, ``YYYY-MM-DDThh:mm:ssZ``.
    :param iiif_paths: accession number -> the object's IIIF manifest, related to the record.
    """
    stamps = {o.accession: _stamp(datestamps.get(o.accession)) for o in objects}
    response_date = max(stamps.values(), default=EPOCH)
    endpoint = package_url(base_url, OAI_DIR)
    host = urlsplit(base_url).hostname or "localhost"
    files = {FORMATS_PATH: _formats(endpoint, response_date),
             RECORDS_PATH: _records(objects, endpoint, response_date, host, base_url, museum, stamps,
                                    iiif_paths or {})}
    name = " / ".join(dict.fromkeys(t for t in (repository_name.get("zh"), repository_name.get("en")) if t))
    if admin_email.strip():
        files[IDENTIFY_PATH] = _identify(endpoint, response_date, name or host, admin_email.strip(),
                                         min(stamps.values(), default=EPOCH))
    return OaiSnapshot(files)


def oai_identifier(host: str, accession: str) -> str:
    """A record's OAI identifier: ``oai:<host>:<object slug>``."""
    return f"oai:{host}:{object_slug(accession)}"


# -- documents --------------------------------------------------------------------
def _envelope(endpoint: str, response_date: str, **request: str) -> ET.Element:
    root = ET.Element(_q(OAI_NS, "OAI-PMH"), {_q(XSI_NS, "schemaLocation"): f"{OAI_NS} {OAI_SCHEMA}"})
    ET.SubElement(root, _q(OAI_NS, "responseDate")).text = response_date
    ET.SubElement(root, _q(OAI_NS, "request"), request).text = endpoint
    return root


def _identify(endpoint, response_date, name, email, earliest) -> str:
    root = _envelope(endpoint, response_date, verb="Identify")
    body = ET.SubElement(root, _q(OAI_NS, "Identify"))
    for tag, text in (("repositoryName", name), ("baseURL", endpoint), ("protocolVersion", "2.0"),
                      ("adminEmail", email), ("earliestDatestamp", earliest), ("deletedRecord", "no"),
                      ("granularity", "YYYY-MM-DDThh:mm:ssZ")):
        ET.SubElement(body, _q(OAI_NS, tag)).text = _text(text)
    return _serialise(root)


def _formats(endpoint, response_date) -> str:
    root = _envelope(endpoint, response_date, verb="ListMetadataFormats")
    body = ET.SubElement(root, _q(OAI_NS, "ListMetadataFormats"))
    fmt = ET.SubElement(body, _q(OAI_NS, "metadataFormat"))
    for tag, text in (("metadataPrefix", "oai_dc"), ("schema", OAI_DC_SCHEMA), ("metadataNamespace", OAI_DC_NS)):
        ET.SubElement(fmt, _q(OAI_NS, tag)).text = text
    return _serialise(root)


def _records(objects, endpoint, response_date, host, base_url, museum, stamps, iiif_paths) -> str:
    root = _envelope(endpoint, response_date, verb="ListRecords", metadataPrefix="oai_dc")
    if not objects:
        ET.SubElement(root, _q(OAI_NS, "error"), code="noRecordsMatch").text = "No objects are published."
        return _serialise(root)
    body = ET.SubElement(root, _q(OAI_NS, "ListRecords"))
    for obj in objects:
        record = ET.SubElement(body, _q(OAI_NS, "record"))
        header = ET.SubElement(record, _q(OAI_NS, "header"))
        ET.SubElement(header, _q(OAI_NS, "identifier")).text = oai_identifier(host, obj.accession)
        ET.SubElement(header, _q(OAI_NS, "datestamp")).text = stamps[obj.accession]
        metadata = ET.SubElement(record, _q(OAI_NS, "metadata"))
        dc = ET.SubElement(metadata, _q(OAI_DC_NS, "dc"), {_q(XSI_NS, "schemaLocation"):
                                                           f"{OAI_DC_NS} {OAI_DC_SCHEMA}"})
        for tag, text, lang in dublin_core(obj, base_url=base_url, museum=museum,
                                           iiif=iiif_paths.get(obj.accession)):
            element = ET.SubElement(dc, _q(DC_NS, tag), {_q(XML_NS, "lang"): lang} if lang else {})
            element.text = _text(text)
    return _serialise(root)


def dublin_core(obj, *, base_url: str, museum: MuseumInfo, iiif: str | None = None) -> list[tuple[str, str, str]]:
    """An object as unqualified Dublin Core: ``(element, text, language or "")`` in schema order."""
    out: list[tuple[str, str, str]] = []

    def add(tag: str, text, lang: str = "") -> None:
        text = _text(str(text or "")).strip()
        if text and (tag, text, lang) not in out:
            out.append((tag, text, lang))

    add("title", obj.title_zh, "zh")
    add("title", obj.title_en, "en")
    if not (obj.title_zh.strip() or obj.title_en.strip()):
        add("title", obj.accession)
    add("creator", obj.maker)
    for keyword in re.split(r"[;,；，、]", obj.keywords or ""):
        add("subject", keyword)
    add("description", obj.description_zh, "zh")
    add("description", obj.description_en, "en")
    add("publisher", museum.name_zh, "zh")
    add("publisher", museum.name_en, "en")
    add("date", obj.date_text)
    if obj.year_earliest is not None and obj.year_latest is not None:
        add("date", str(obj.year_earliest) if obj.year_earliest == obj.year_latest
            else f"{obj.year_earliest}/{obj.year_latest}")
    kind = work_type(obj)
    add("type", "PhysicalObject")  # DCMI Type Vocabulary: a museum object, whatever it shows
    add("type", kind.artform)
    add("format", obj.medium)
    add("format", obj.dimensions)
    add("identifier", obj.accession)
    add("identifier", object_url(base_url, obj.accession))
    if iiif:
        add("relation", package_url(base_url, iiif))
    add("coverage", obj.culture)
    add("rights", licence_uri(obj.rights) or obj.rights)
    add("rights", obj.credit_line)
    return out


def _stamp(value: str | None) -> str:
    value = (value or "").strip()
    return value if _DATESTAMP.match(value) else EPOCH


def _text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _serialise(root: ET.Element) -> str:
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
