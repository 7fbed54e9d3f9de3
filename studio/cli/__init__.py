"""The ``yunzhan`` command line: thin commands over the library.

Each command opens the project, calls one library function and prints the result.
A :class:`~assets.errors.YunzhanError` becomes one line on stderr and exit code 1;
click's usage errors exit with 2. This module is the only place the CLI shapes errors.
"""

from __future__ import annotations

import sys

import click

from assets.errors import Cancelled, YunzhanError


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="yunzhan")
def cli() -> None:
    """Yunzhan 云展: museum collections, virtual exhibitions and live tours, offline."""


def _register_commands() -> None:
    # Each area adds its commands from its own module.
    from studio.cli import catalog, exhibition, export, history, live

    for area in (catalog, exhibition, live, export, history):
        area.register(cli)
    from studio.cli import narration

    narration.register(cli)
    # --- more command modules register here ---
    from studio.cli import publish

    publish.register(cli)
    from studio.cli import models

    models.register(cli)


def main(argv: list[str] | None = None) -> None:
    """Console entry point."""
    _register_commands()
    try:
        cli.main(args=argv, prog_name="yunzhan", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("yunzhan: cancelled", err=True)
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except Cancelled:
        click.echo("yunzhan: cancelled; nothing was changed", err=True)
        sys.exit(130)
    except YunzhanError as e:
        click.echo(f"yunzhan: {e.user_text()}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("yunzhan: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(0)
