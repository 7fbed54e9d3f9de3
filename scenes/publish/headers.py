"""What each package file is sent with: its ``Content-Type``, its ``Cache-Control``,
and the stage it is uploaded in.

Tiles and media are named by their content (``panoramas/<sha>/``, ``media/<sha>-…``),
so a CDN may keep them a year; pages, data and the front end keep their names across
versions, so they are cached briefly; the service worker is never cached, or a
visitor's browser would keep running the old offline copy.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from scenes.export.layout import MANIFEST, SERVICE_WORKER

IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"
NO_CACHE = "no-cache"

_TEXT = "; charset=utf-8"
CONTENT_TYPES = {
    ".html": "text/html" + _TEXT, ".htm": "text/html" + _TEXT, ".css": "text/css" + _TEXT,
    ".js": "text/javascript" + _TEXT, ".mjs": "text/javascript" + _TEXT,
    ".json": "application/json", ".jsonld": "application/ld+json", ".map": "application/json",
    ".webmanifest": "application/manifest+json", ".xml": "application/xml", ".txt": "text/plain" + _TEXT,
    ".csv": "text/csv" + _TEXT, ".vtt": "text/vtt" + _TEXT, ".ics": "text/calendar" + _TEXT,
    ".svg": "image/svg+xml", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
    ".webp": "image/webp", ".avif": "image/avif", ".gif": "image/gif", ".ico": "image/x-icon",
    ".ktx2": "image/ktx2", ".glb": "model/gltf-binary", ".gltf": "model/gltf+json", ".bin": "application/octet-stream",
    ".wasm": "application/wasm", ".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm",
    ".m3u8": "application/vnd.apple.mpegurl", ".ts": "video/mp2t", ".m4a": "audio/mp4", ".mp3": "audio/mpeg",
    ".ogg": "audio/ogg", ".opus": "audio/ogg", ".oga": "audio/ogg", ".wav": "audio/wav", ".flac": "audio/flac",
    ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf",
    ".pdf": "application/pdf", ".zip": "application/zip",
}
DEFAULT_TYPE = "application/octet-stream"

# Upload stages: what a page needs is there before the page; the entry page last.
ASSETS, PAGES, OFFLINE, ENTRY = 0, 1, 2, 3
STAGE_NAMES = ("assets", "pages", "offline", "entry page")
ENTRY_PAGE = "index.html"


def content_type(path: str) -> str:
    """The ``Content-Type`` of package path ``path`` (``application/octet-stream`` when unknown)."""
    return CONTENT_TYPES.get(PurePosixPath(path).suffix.lower(), DEFAULT_TYPE)


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
