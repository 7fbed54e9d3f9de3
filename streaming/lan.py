"""Classroom mode: the program as HLS on the local network, with a page that plays it.

The pipeline writes ``index.m3u8`` and its segments into a folder (the ``tee``
gets one more slave, see :mod:`streaming.pipeline`); :func:`write_page` adds a small
``index.html`` and hls.js (from npm, installed by ``npm ci`` in ``streaming/web``),
and :func:`serve` serves the folder over HTTP, so any browser in the room plays it
with no internet at all.
"""

from __future__ import annotations

import functools
import html
import os
import shutil
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from assets.errors import ToolMissing

WEB = Path(__file__).resolve().parent / "web"
HLS_JS = WEB / "node_modules" / "hls.js" / "dist" / "hls.light.min.js"

_PAGE = """<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
  body {{ margin: 0; background: #111; color: #eee; font-family: "Noto Sans CJK SC", sans-serif; }}
  h1 {{ font-size: 1.2rem; font-weight: normal; margin: .6rem 1rem; }}
  video {{ display: block; width: 100%; max-height: calc(100vh - 3rem); background: #000; }}
  #status {{ margin: .4rem 1rem; font-size: .9rem; color: #aaa; }}
</style>
</head>
<body>
<h1>{title}</h1>
<video id="program" controls autoplay muted playsinline></video>
<p id="status" role="status">连接中… Connecting…</p>
<script src="hls.light.min.js"></script>
<script>
  const video = document.getElementById("program");
  const status = document.getElementById("status");
  const source = "index.m3u8";
  function playing() {{ status.textContent = "直播中 · Live"; }}
  video.addEventListener("playing", playing);
  video.addEventListener("timeupdate", playing, {{ once: true }});
  if (window.Hls && Hls.isSupported()) {{
    const hls = new Hls({{ liveSyncDurationCount: 2, manifestLoadingMaxRetry: 60 }});
    hls.on(Hls.Events.ERROR, (_, data) => {{
      if (data.fatal) {{ status.textContent = "重新连接… Reconnecting…"; setTimeout(() => hls.startLoad(), 2000); }}
    }});
    hls.loadSource(source);
    hls.attachMedia(video);
  }} else {{
    video.src = source;  // Safari and iOS play HLS themselves
  }}
</script>
</body>
</html>
"""


def write_page(folder: Path, *, title: str) -> Path:
    """Put the player page and hls.js into ``folder``; returns the page."""
    if not HLS_JS.is_file():
        raise ToolMissing(f"hls.js: not installed at {HLS_JS}", hint=f"run 'npm ci' in {WEB}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(HLS_JS, folder / HLS_JS.name)
    page = folder / "index.html"
    tmp = page.with_name("index.html.part")
    tmp.write_text(_PAGE.format(title=html.escape(title)), encoding="utf-8")
    os.replace(tmp, page)
    return page


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".m3u8": "application/vnd.apple.mpegurl", ".ts": "video/mp2t", ".js": "text/javascript"}

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")  # the playlist changes every segment
        super().end_headers()

    def log_message(self, format, *args) -> None:  # quiet: a classroom makes many requests
        pass


def serve(folder: Path, *, host: str = "0.0.0.0", port: int = 8080) -> ThreadingHTTPServer:
    """Serve ``folder`` in a background thread; call ``.shutdown()`` to stop."""
    server = ThreadingHTTPServer((host, port), functools.partial(_Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses on the local network (for the URL to show the class)."""
    found = set()
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
            found.add(s.getsockname()[0])
    except OSError:
        pass
    return sorted(found) or ["127.0.0.1"]
