"""``yunzhan catalog``: per-object settings of the catalog (whether an object is published)."""

from __future__ import annotations

from pathlib import Path

import click

from studio.cli.support import opened


@click.group(name="catalog")
def catalog_group() -> None:
    """Catalog settings: which objects the web package publishes."""


@catalog_group.command(name="publish")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("accessions", nargs=-1, required=True)
@click.option("--off", is_flag=True, help="Withdraw the objects from the web package instead.")
def publish(project: Path, accessions: tuple[str, ...], off: bool) -> None:
    """Publish objects on the web package (every object is, until withdrawn with --off).
    Objects shown in halls are always published."""
    from assets.catalog_publication import set_published

    with opened(project) as p:
        changed = set_published(p, accessions, not off)
    state = "withdrawn" if off else "published"
    click.echo(f"{changed} of {len(accessions)} objects {state} (undo: yunzhan undo {project})")


def register(cli: click.Group) -> None:
    cli.add_command(catalog_group)
