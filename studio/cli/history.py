"""``yunzhan undo``, ``yunzhan redo`` and ``yunzhan history``: the project's undo history.

The history lives in the project file (:mod:`assets.history`), so these undo what
the studio or an earlier command did, even after a restart.
"""

from __future__ import annotations

from pathlib import Path

import click

from assets import history
from studio.cli.support import opened

PROJECT = click.argument("project", type=click.Path(path_type=Path))


@click.command()
@PROJECT
def undo(project: Path) -> None:
    """Undo the last edit (a step of the history kept in the project)."""
    with opened(project) as p:
        step = history.undo(p)
    click.echo(f"undone: {step.label}" if step else "nothing to undo")


@click.command()
@PROJECT
def redo(project: Path) -> None:
    """Redo the last undone edit."""
    with opened(project) as p:
        step = history.redo(p)
    click.echo(f"redone: {step.label}" if step else "nothing to redo")


@click.command("history")
@PROJECT
@click.option("--limit", "keep", type=click.IntRange(min=1), default=None,
              help=f"Keep at most this many undo steps from now on (default {history.DEFAULT_LIMIT}).")
def history_(project: Path, keep: int | None) -> None:
    """List the steps that undo and redo would take, newest first."""
    with opened(project) as p:
        if keep is not None:
            history.set_limit(p, keep)
        undo_steps, redo_steps = history.steps(p, "undo"), history.steps(p, "redo")
    for step in redo_steps[::-1]:
        click.echo(f"redo  {step.created_at}  {step.label}")
    for step in undo_steps:
        click.echo(f"undo  {step.created_at}  {step.label}")
    click.echo(f"{len(undo_steps)} steps to undo, {len(redo_steps)} to redo")


def register(cli: click.Group) -> None:
    for command in (undo, redo, history_):
        cli.add_command(command)
