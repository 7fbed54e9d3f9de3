"""Previewing an exported package on this computer: a small HTTP server on 127.0.0.1.

A package needs a web server, not ``file://`` (ES modules, tile fetches into
WebGL and the service worker do not work from disk). ``yunzhan serve`` runs
:func:`make_server` in the foreground; the studio's "Open in browser" starts a
:func:`serve_in_background` preview and stops it when the project closes.

Example::

    preview = serve_in_background("site")
    print(preview.url)        # http://127.0.0.1:41234/
    preview.stop()
"""

from __future__ import annotations

import functools
import http.server
import socketserver
import threading
from pathlib import Path

from assets.errors import InputError
from scenes.export.content_types import CONTENT_TYPES



class _PackageHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **CONTENT_TYPES}

    def end_headers(self) -> None:
        # Always revalidate: a re-exported package shows at once (the service
        # worker keeps the offline copy).
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # quiet: one line per request is noise here
        pass


class PackageServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def make_server(folder: str | Path, port: int = 8000, host: str = "127.0.0.1", *,
                require_package: bool = True) -> PackageServer:
    """An HTTP server for the package in ``folder`` on ``host:port`` (port 0: any free port).

    :param require_package: False to bind before the package is exported (its base URL
        needs the server's port).
    :raises InputError: ``folder`` holds no package, or the port is taken.
    """
    folder = Path(folder)
    if require_package and not (folder / "index.html").is_file():
        raise InputError(f"{folder}: no index.html here; not an exported package",
                         hint="export one with 'yunzhan export PROJECT --out DIR'")
    handler = functools.partial(_PackageHandler, directory=str(folder))
    try:
        return PackageServer((host, port), handler)
    except OSError as e:
        raise InputError(f"port {port}: cannot listen on {host} ({e.strerror})",
                         hint="choose another port (--port)") from None


def server_url(server: PackageServer) -> str:
    """The server's own address, ``http://HOST:PORT/``."""
    return f"http://{server.server_address[0]}:{server.server_address[1]}/"


class Preview:
    """A package served from a background thread until :meth:`stop`."""

    def __init__(self, folder: Path, server: PackageServer):
        self.folder = folder
        self.server = server
        self.url = server_url(server)
        self._thread = threading.Thread(target=server.serve_forever, name=f"preview {folder.name}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and free the port."""
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)


def serve_in_background(folder: str | Path, port: int = 0, host: str = "127.0.0.1") -> Preview:
    """Serve the package in ``folder`` on ``host`` from a daemon thread (port 0: any free port)."""
    return Preview(Path(folder), make_server(folder, port, host))
