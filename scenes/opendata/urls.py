"""Where things live in an exported package, and the URLs that reach them.

The one place that decides the package's layout for the open-data parts and for
deep links, so the exporter, the QR codes, the IIIF manifests and the JSON-LD
all agree:

- an object's page: ``objects/<object slug>.html``
- a hall: ``index.html#/hall/<hall slug>`` (hall slugs are already ``a-z0-9-``)
- an object's IIIF manifest: ``iiif/objects/<object slug>.json``; the
  collection: ``iiif/collection.json``
- QR codes: ``qr/objects/<object slug>.svg`` and ``qr/halls/<hall slug>.svg``
- the open data file: ``data/exhibition.json``; the gallery kit:
  ``print/gallery-kit.pdf``

Paths are package-relative POSIX paths. A URL is the base URL (``--base-url``)
joined with such a path; with no base URL the functions return the
package-relative path itself (fine inside the package, not for QR codes or
IIIF, which need absolute URLs).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote, urlsplit

from scenes.errors import ExhibitionError

EXHIBITION_JSON_PATH = "data/exhibition.json"
IIIF_COLLECTION_PATH = "iiif/collection.json"
GALLERY_KIT_PATH = "print/gallery-kit.pdf"

_SLUG_MAX = 60
_UNSAFE = re.compile(r"[^a-z0-9._-]+")
# Names Windows refuses as file names whatever the extension (a package may be
# copied to a USB stick or a Windows web server).
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                     *(f"lpt{i}" for i in range(10))}


def normalise_base_url(base_url: str | None) -> str | None:
    """The base URL with exactly one trailing slash, or None when none is given.

    :raises ExhibitionError: when it is not an absolute http(s) URL.
    """
    if base_url is None or not base_url.strip():
        return None
    url = base_url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ExhibitionError(f"--base-url {base_url!r}: not an absolute http(s) URL",
                              hint="for example https://museum.example/expo/")
    if parts.query or parts.fragment:
        raise ExhibitionError(f"--base-url {base_url!r}: must not have a query or fragment")
    if any(c.isspace() for c in url):
        raise ExhibitionError(f"--base-url {base_url!r}: contains spaces")
    # Written as a plain-ASCII URI (IDNA host, percent-encoded path): IIIF and
    # schema.org consumers expect URIs, not IRIs.
    netloc = parts.netloc
    if not netloc.isascii():
        try:
            host = parts.hostname.encode("idna").decode("ascii")
        except UnicodeError:
            raise ExhibitionError(f"--base-url {base_url!r}: the host name is not valid") from None
        netloc = host + (f":{parts.port}" if parts.port else "")
    path = quote(parts.path, safe="/%-._~!$&'()*+,;=:@")
    return f"{parts.scheme}://{netloc}{path.rstrip('/')}/"


def object_slug(accession: str) -> str:
    """A file- and URL-safe name for an object, made from its accession number.

    Lower-case ASCII letters, digits, ``.``, ``_`` and ``-`` only. When the
    accession number had to be changed beyond lower-casing (spaces, slashes,
    Chinese characters, a Windows-reserved name, great length), eight hex digits
    of its SHA-1 are appended, so different accession numbers get different
    slugs: ``"N00001"`` → ``"n00001"``, ``"1984.12 / 3"`` → ``"1984.12-3-<hash>"``,
    ``"青铜-001"`` → ``"001-<hash>"``.
    """
    if not accession or not accession.strip():
        raise ExhibitionError("object with an empty accession number: cannot name its page")
    folded = unicodedata.normalize("NFKD", accession).encode("ascii", "ignore").decode("ascii").lower()
    safe = _UNSAFE.sub("-", folded).strip(".-_")
    safe = re.sub(r"-{2,}", "-", safe)
    lossless = safe == accession.lower()
    if len(safe) > _SLUG_MAX:
        safe = safe[:_SLUG_MAX].rstrip(".-_")
        lossless = False
    if safe.split(".")[0] in _WINDOWS_RESERVED:
        lossless = False
    if lossless and safe:
        return safe
    digest = hashlib.sha1(accession.encode("utf-8")).hexdigest()[:8]
    return f"{safe}-{digest}" if safe else f"object-{digest}"


def slug_clashes(accessions) -> list[tuple[str, str]]:
    """Pairs of accession numbers that would share a page (they differ only in case)."""
    seen: dict[str, str] = {}
    clashes = []
    for acc in accessions:
        slug = object_slug(acc)
        if slug in seen and seen[slug] != acc:
            clashes.append((seen[slug], acc))
        seen.setdefault(slug, acc)
    return clashes


def object_page_path(accession: str) -> str:
    return f"objects/{object_slug(accession)}.html"


def iiif_manifest_path(accession: str) -> str:
    return f"iiif/objects/{object_slug(accession)}.json"


def object_qr_path(accession: str) -> str:
    return f"qr/objects/{object_slug(accession)}.svg"


def hall_qr_path(hall_slug: str) -> str:
    return f"qr/halls/{_checked_hall_slug(hall_slug)}.svg"


def hall_fragment(hall_slug: str) -> str:
    """The home page fragment that opens a hall: ``#/hall/<slug>``."""
    return f"#/hall/{_checked_hall_slug(hall_slug)}"


def package_url(base_url: str | None, path: str) -> str:
    """``path`` (package-relative) under the base URL, percent-encoded; the path itself without one."""
    quoted = quote(path, safe="/#-._~")
    base = normalise_base_url(base_url)
    return base + quoted if base else quoted


def object_url(base_url: str | None, accession: str) -> str:
    """The object's page: ``<base>objects/<slug>.html``."""
    return package_url(base_url, object_page_path(accession))


def hall_url(base_url: str | None, hall_slug: str) -> str:
    """The hall in the viewer: ``<base>index.html#/hall/<slug>``."""
    return package_url(base_url, "index.html" + hall_fragment(hall_slug))


def _checked_hall_slug(slug: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", slug or ""):
        raise ExhibitionError(f"hall slug {slug!r}: only a-z, 0-9 and '-' are allowed")
    return slug
