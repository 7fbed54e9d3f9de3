"""Package commands: ``yunzhan export`` (the web exhibition package) and
``yunzhan serve`` (preview a package on this computer)."""

from __future__ import annotations

from pathlib import Path

import click

from scenes.export.serve import make_server, server_url  # noqa: F401 - the CLI's names for them
from studio.cli.support import opened, progress_bar


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
@click.option("--rights", "rights", multiple=True, metavar="LICENCE",
              help="Publish, besides the objects in halls, only catalog objects under this licence "
                   "(repeatable), e.g. --rights CC0 --rights 'CC BY 4.0'.")
def export(project: Path, out: Path, make_zip: bool, base_url: str | None, profile: str,
           rights: tuple[str, ...]) -> None:
    """Export the exhibition as a static web package (a folder, and a zip with --zip)."""
    from streaming.package_export import export_site

    with opened(project) as p, progress_bar() as progress:
        report = export_site(p, out, base_url=base_url, profile=profile, make_zip=make_zip, progress=progress,
                             rights=list(rights) or None)
    for line in report.lines():
        click.echo(line)
    click.echo(f"preview: yunzhan serve {out}   (then open the address it prints)")


@click.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port on 127.0.0.1.")
@click.option("--out", "out", default=None, type=click.Path(path_type=Path),
              help="With a PROJECT: the folder to export the preview to (default: PROJECT-preview beside it).")
def serve(folder: Path, port: int, out: Path | None) -> None:
    """Serve an exported package (FOLDER) on this computer (127.0.0.1) to preview it.

    Given a PROJECT file instead, export it first with this server's address as its
    base URL, so the preview has its QR codes, IIIF, sitemap and OAI-PMH too.
    """
    if folder.is_file():
        project, folder = folder, out or folder.with_name(folder.stem + "-preview")
        server = _export_and_bind(project, folder, port)
    else:
        server = make_server(folder, port)
    click.echo(f"serving {folder} at http://127.0.0.1:{server.server_address[1]}/  (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.server_close()


def _export_and_bind(project: Path, out: Path, port: int):
    """Bind the server first: the package's base URL is the server's own address."""
    from streaming.package_export import export_site

    server = make_server(out, port, require_package=False)
    try:
        with opened(project) as p, progress_bar() as progress:
            report = export_site(p, out, base_url=server_url(server), progress=progress)
    except BaseException:
        server.server_close()
        raise
    for line in report.lines():
        click.echo(line)
    return server


def register(cli: click.Group) -> None:
    for command in (export, serve):
        cli.add_command(command)
