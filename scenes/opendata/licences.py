"""Recognise a catalog record's rights text as a known licence URI.

Open data consumers (IIIF viewers, search engines, aggregators) want a licence
as a URI. IIIF Presentation 3 only allows Creative Commons and
RightsStatements.org URIs in ``rights``; anything else stays text (it is still
shown through ``requiredStatement`` and ``creditText``).
"""

from __future__ import annotations

import re

_CC_VERSIONS = {"1.0", "2.0", "2.5", "3.0", "4.0"}
_CC_KINDS = ("by-nc-nd", "by-nc-sa", "by-nd", "by-nc", "by-sa", "by")
_RIGHTS_HOSTS = ("creativecommons.org", "rightsstatements.org")


def licence_uri(rights: str) -> str | None:
    """The canonical URI of the licence named in ``rights``, or None.

    Understands ``CC0``/``CC0 1.0``/``Public domain`` marks, ``CC BY 4.0``,
    ``CC-BY-SA-3.0``, ``CC BY-NC``, and Creative Commons or RightsStatements.org
    URLs written out (normalised to ``http://`` with a trailing slash, the form
    those bodies publish).
    """
    text = (rights or "").strip()
    if not text:
        return None
    url = re.search(r"https?://(?:www\.)?(creativecommons\.org|rightsstatements\.org)/[^\s\"'<>]*", text, re.I)
    if url:
        path = url.group(0).split("://", 1)[1].split("/", 1)[1].rstrip("/").lower()
        if "rightsstatements" in url.group(1).lower():
            # RightsStatements ids are case-sensitive ("InC", "NoC-US").
            path = url.group(0).split("://", 1)[1].split("/", 1)[1].rstrip("/")
            path = re.sub(r"^(vocab/[^/]+/\d\.\d).*$", r"\1", path)
        path = re.sub(r"/(legalcode|deed\.[a-z-]+)$", "", path)
        return f"http://{url.group(1).lower()}/{path}/"
    low = re.sub(r"[\s_]+", " ", text.lower())
    if re.fullmatch(r"(cc0|cc zero|cc-0)( 1\.0)?( universal)?( \(cc0 1\.0\))?( public domain dedication)?", low):
        return "http://creativecommons.org/publicdomain/zero/1.0/"
    if re.fullmatch(r"(public domain( mark)?( 1\.0)?|pdm|pdm 1\.0)", low):
        return "http://creativecommons.org/publicdomain/mark/1.0/"
    m = re.fullmatch(r"cc[ -]?((?:by)(?:[ -](?:nc|sa|nd))*)(?:[ -]v?(\d\.\d))?( international| unported)?", low)
    if m:
        kind = re.sub(r"[ ]", "-", m.group(1))
        version = m.group(2) or "4.0"
        if kind in _CC_KINDS and version in _CC_VERSIONS:
            return f"http://creativecommons.org/licenses/{kind}/{version}/"
    return None


def licence_label(rights: str) -> str:
    """A short label for the rights text: the text itself, trimmed to one line."""
    return " ".join((rights or "").split())
