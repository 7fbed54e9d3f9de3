"""The ``Content-Type`` of each kind of package file, for the preview server and for
object storage alike (text types say UTF-8: pages and captions hold Chinese)."""

from __future__ import annotations

from pathlib import PurePosixPath

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


def content_type(path: str) -> str:
    """The ``Content-Type`` of package path ``path`` (``application/octet-stream`` when unknown)."""
    return CONTENT_TYPES.get(PurePosixPath(path).suffix.lower(), DEFAULT_TYPE)
