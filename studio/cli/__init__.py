"""The ``yunzhan`` command line: thin commands over the library.

Each command opens the project, calls one library function and prints the result.
A :class:`~assets.errors.YunzhanError` becomes one line on stderr and exit code 1;
click's usage errors exit with 2. Storage failures on output files become one line
too (:mod:`assets.storage_errors`); anything else unexpected becomes one line
"internal error: … — details saved to FILE", the traceback going to that file
(:mod:`assets.crash_log`). This module is the only place the CLI shapes errors.
"""

from __future__ import annotations

import sqlite3
import sys

import click

from assets.crash_log import internal_error_line, save_crash
from assets.errors import Cancelled, YunzhanError
from assets.storage_errors import file_storage_error


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
    from studio.cli import collection

    collection.register(cli)


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
    except (OSError, sqlite3.Error) as e:  # storage the command met outside the project (an output file)
        mapped = file_storage_error(e)
        if mapped is None:
            _internal_error(e, argv)
        click.echo(f"yunzhan: {mapped.user_text()}", err=True)
        sys.exit(1)
    except Exception as e:  # the last line of defence: a bug, never a traceback on the terminal
        _internal_error(e, argv)
    sys.exit(0)


def _internal_error(error: BaseException, argv: list[str] | None) -> None:
    args = sys.argv[1:] if argv is None else argv
    saved = save_crash(error, context="yunzhan " + " ".join(map(str, args)))
    click.echo(f"yunzhan: {internal_error_line(error, saved)}", err=True)
    sys.exit(1)
