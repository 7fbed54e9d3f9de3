"""Where the exporter puts things in a package (the open-data parts' paths are in
:mod:`scenes.opendata.urls`, which this module follows).

- ``index.html``: the home page; ``halls/<hall slug>.html``: one viewer page per hall
  (``index.html#/hall/<slug>`` deep links are sent there by ``assets/lang.js``);
- ``objects/<object slug>.html``: object pages (no JavaScript needed);
- ``assets/``: the built front end (scenes/web/dist) and icons;
- ``panoramas/<sha[:16]>/``: a panorama's cube tiles, preview, fallback, thumbnail;
- ``media/``: object images (resized), audio, the floor plan;
- ``data/viewer.json``: what the viewer needs; ``data/exhibition.json``: open data;
- ``sw.js`` and ``manifest.webmanifest``: offline use and installation.
"""

from __future__ import annotations

ASSETS = "assets/"
VIEWER_JSON = "data/viewer.json"
VIEWER_SCRIPT = "data/viewer.js"  # the same as a classic script (kiosk profile)
MANIFEST = "manifest.webmanifest"
SERVICE_WORKER = "sw.js"
# A package carries this file so that a re-export may replace the folder (and
# never a folder the user keeps other things in).
MARKER = ".yunzhan-package"

# Size report categories, in the order the report lists them.
CATEGORIES = ("pages", "app", "data", "panoramas", "media", "print", "other")


def hall_page(slug: str) -> str:
    return f"halls/{slug}.html"


def panorama_dir(sha: str) -> str:
    return f"panoramas/{sha[:16]}/"


def media_path(sha: str, variant: str, ext: str) -> str:
    """``media/<sha[:16]>-<variant>.<ext>`` (``variant`` "" for the file as stored)."""
    return f"media/{sha[:16]}{'-' + variant if variant else ''}.{ext}"


def category_of(path: str) -> str:
    """The size report category of a package path."""
    if path.endswith(".html"):
        return "pages"
    top = path.split("/", 1)[0]
    if top in ("assets",) or path in (SERVICE_WORKER, MANIFEST, MARKER):
        return "app"
    if top in ("data", "iiif", "oai") or path in ("sitemap.xml", "robots.txt"):  # open data, harvesting
        return "data"
    if top == "panoramas":
        return "panoramas"
    if top == "media":
        return "media"
    if top in ("qr", "print"):
        return "print"
    return "other"  # what contributions add (replays...)
