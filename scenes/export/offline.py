"""Offline use and installation: the service worker (``sw.js``), the web app
manifest and the icons.

The worker precaches the shell (pages, scripts, styles, data) and every hall's
preview and lowest tile level when it installs; other files (deeper tiles, object
images) are cached the first time they are fetched, and the page hands the worker
what it fetched before the worker took control. The cache name carries a hash of
the whole package, so a new export replaces the old cache.
"""

from __future__ import annotations

import hashlib
import io
import json

from PIL import Image, ImageDraw

SW_TEMPLATE = """\
// Offline copy of this exhibition package (written by Yunzhan).
const VERSION = %(version)s;
const PRECACHE = %(precache)s;
const SCOPE = self.registration.scope;
const CACHE = 'yunzhan:' + SCOPE + ':' + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE)
    .then((cache) => cache.addAll(PRECACHE.map((path) => new URL(path, SCOPE).href)))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys
      .filter((key) => key.startsWith('yunzhan:' + SCOPE + ':') && key !== CACHE)
      .map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

function cacheable(request, response) {
  return response && response.status === 200 && response.type === 'basic' && !request.headers.has('range');
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  event.respondWith(caches.open(CACHE).then(async (cache) => {
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;  // a package never changes under one VERSION
    try {
      const response = await fetch(request);
      if (cacheable(request, response)) cache.put(request, response.clone());
      return response;
    } catch (error) {
      if (request.mode === 'navigate') {
        const home = await cache.match(new URL('index.html', SCOPE).href);
        if (home) return home;
      }
      throw error;
    }
  }));
});

// The page lists what it fetched before this worker controlled it.
self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type !== 'cache-seen' || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((url) => typeof url === 'string' && url.startsWith(SCOPE));
  event.waitUntil(caches.open(CACHE)
    .then((cache) => Promise.all(urls.map((url) => cache.match(url, { ignoreSearch: true })
      .then((hit) => hit || cache.add(url))
      .catch(() => null))))
    .then(() => event.source && event.source.postMessage({ type: 'cached' })));
});
"""


def service_worker(precache: list[str], version: str) -> str:
    """The text of ``sw.js``: ``precache`` are package-relative paths."""
    return SW_TEMPLATE % {"version": json.dumps(version), "precache": json.dumps(sorted(set(precache)), indent=0)}


def package_version(parts: dict[str, bytes | str]) -> str:
    """A short hash of the package's content (path → bytes, or a stand-in such as a
    content hash for files copied from disk)."""
    digest = hashlib.sha256()
    for path in sorted(parts):
        value = parts[path]
        digest.update(path.encode("utf-8") + b"\0")
        digest.update(value if isinstance(value, bytes) else value.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def web_manifest(*, name: str, short_name: str, lang: str, description: str) -> str:
    return json.dumps({
        "name": name,
        "short_name": short_name[:24] or "Yunzhan",
        "description": description,
        "lang": lang,
        "start_url": "./index.html",
        "scope": "./",
        "display": "standalone",
        "background_color": "#fbfaf7",
        "theme_color": "#202020",
        "icons": [
            {"src": "assets/icon-192.png", "sizes": "192x192", "type": "image/png"},
            {"src": "assets/icon-512.png", "sizes": "512x512", "type": "image/png"},
            {"src": "assets/icon.svg", "sizes": "any", "type": "image/svg+xml"},
        ],
    }, ensure_ascii=False, indent=1) + "\n"


ICON_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">\
<rect width="64" height="64" rx="12" fill="#8a1c1c"/>\
<path d="M12 46h40M16 46V26M26 46V26M38 46V26M48 46V26M10 24l22-12 22 12z" \
stroke="#fff" stroke-width="4" fill="none" stroke-linejoin="round"/></svg>
"""


def icon_png(size: int) -> bytes:
    """The package icon (a museum front) as a PNG of ``size``×``size`` pixels."""
    scale = size / 64
    im = Image.new("RGB", (size, size), "#8a1c1c")
    draw = ImageDraw.Draw(im)
    w = max(1, round(4 * scale))
    s = lambda *xy: [round(v * scale) for v in xy]  # noqa: E731
    draw.line(s(12, 46, 52, 46), fill="white", width=w)
    for x in (16, 26, 38, 48):
        draw.line(s(x, 46, x, 26), fill="white", width=w)
    draw.polygon(s(10, 24, 32, 12, 54, 24), outline="white", width=w)
    out = io.BytesIO()
    im.save(out, "PNG", optimize=True)
    return out.getvalue()
