"""What each package file is sent with: its ``Content-Type``, its ``Cache-Control``,
and the stage it is uploaded in.

Tiles and media are named by their content (``panoramas/<sha>/``, ``media/<sha>-…``),
so a CDN may keep them a year; pages, data and the front end keep their names across
versions, so they are cached briefly; the service worker is never cached, or a
visitor's browser would keep running the old offline copy.
"""

from __future__ import annotations

from scenes.export.content_types import content_type  # noqa: F401 - publishing's name for it
from scenes.export.layout import MANIFEST, SERVICE_WORKER

IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"
NO_CACHE = "no-cache"

# Upload stages: what a page needs is there before the page; the entry page last.
ASSETS, PAGES, OFFLINE, ENTRY = 0, 1, 2, 3
STAGE_NAMES = ("assets", "pages", "offline", "entry page")
ENTRY_PAGE = "index.html"


def cache_control(path: str) -> str:
    """The ``Cache-Control`` of package path ``path``."""
    if path == SERVICE_WORKER:
        return NO_CACHE
    if path.split("/", 1)[0] in ("panoramas", "media"):
        return IMMUTABLE
    return SHORT


def stage(path: str) -> int:
    """The upload stage of ``path``: assets (everything pages use), pages, the offline
    files (the service worker precaches pages, so it follows them), the entry page."""
    if path == ENTRY_PAGE:
        return ENTRY
    if path in (SERVICE_WORKER, MANIFEST):
        return OFFLINE
    if path.endswith((".html", ".htm")):
        return PAGES
    return ASSETS
