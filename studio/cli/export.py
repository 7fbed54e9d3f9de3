"""Package commands: ``yunzhan export`` (the web exhibition package) and
``yunzhan serve`` (preview a package on this computer)."""

from __future__ import annotations

import functools
import http.server
import mimetypes
import socketserver
import tempfile
from pathlib import Path

import click

from assets.errors import InputError
from studio.cli.support import opened, progress_bar

# Types a package needs that Python's table may lack or get wrong on some systems.
PACKAGE_TYPES = {
    ".webmanifest": "application/manifest+json", ".mjs": "text/javascript", ".js": "text/javascript",
    ".json": "application/json", ".svg": "image/svg+xml", ".wasm": "application/wasm", ".vtt": "text/vtt",
    ".mp4": "video/mp4", ".m4a": "audio/mp4", ".mp3": "audio/mpeg", ".wav": "audio/wav", ".ogg": "audio/ogg",
    ".webp": "image/webp", ".glb": "model/gltf-binary", ".pdf": "application/pdf", ".txt": "text/plain",
}


@click.command()
@click.argument("project", type=click.Path(path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(path_type=Path),
              help="Folder to write the package to (created; a previous package there is replaced).")
@click.option("--zip", "make_zip", is_flag=True, help="Also write DIR.zip beside the folder.")
@click.option("--base-url", default=None, metavar="URL",
              help="Public address of the package (for QR codes, IIIF and links), e.g. https://museum.example/expo/.")
@click.option("--profile", type=click.Choice(["full", "mobile", "kiosk"]), default="full", show_default=True,
              help="'mobile' lowers tile levels to keep the package small (under 50 MB); 'kiosk' is "
                   "mobile-sized and its halls also work opened straight from disk (USB sticks, kiosks).")
def export(project: Path, out: Path, make_zip: bool, base_url: str | None, profile: str) -> None:
    """Export the exhibition as a static web package (a folder, and a zip with --zip)."""
    from scenes.export import export_package

    with opened(project) as p, progress_bar() as progress, tempfile.TemporaryDirectory() as work:
        report = export_package(p, out, base_url=base_url, profile=profile,
                                zip_path=out.with_name(out.name + ".zip") if make_zip else None,
                                contributions=_contributions_of(p, Path(work)), progress=progress)
    for line in report.lines():
        click.echo(line)
    click.echo(f"preview: yunzhan serve {out}   (then open the address it prints)")


def _contributions_of(project, work_dir: Path) -> list:
    """What the live-streaming layer adds to the package (upcoming tours, replays), if present."""
    try:
        from streaming.publish import contributions
    except ImportError:
        return []
    return contributions(project, work_dir=work_dir)


class _PackageHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **PACKAGE_TYPES}

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


def make_server(folder: Path, port: int = 8000, host: str = "127.0.0.1") -> PackageServer:
    """An HTTP server for ``folder`` on ``host:port`` (port 0: any free port)."""
    folder = Path(folder)
    if not (folder / "index.html").is_file():
        raise InputError(f"{folder}: no index.html here; not an exported package",
                         hint="export one with 'yunzhan export PROJECT --out DIR'")
    for ext, mime in PACKAGE_TYPES.items():
        mimetypes.add_type(mime, ext)
    handler = functools.partial(_PackageHandler, directory=str(folder))
    try:
        return PackageServer((host, port), handler)
    except OSError as e:
        raise InputError(f"port {port}: cannot listen on {host} ({e.strerror})",
                         hint="choose another with --port") from None


@click.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port on 127.0.0.1.")
def serve(folder: Path, port: int) -> None:
    """Serve an exported package on this computer (127.0.0.1) to preview it."""
    server = make_server(folder, port)
    click.echo(f"serving {folder} at http://127.0.0.1:{server.server_address[1]}/  (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.server_close()


def register(cli: click.Group) -> None:
    for command in (export, serve):
        cli.add_command(command)
