"""``yunzhan publish``: the web package on S3-compatible storage, and ``publish login``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from studio.cli.support import opened, progress_bar


class _PublishGroup(click.Group):
    """``publish PROJECT s3://…`` and ``publish login``: a first argument that is not a
    subcommand is the project."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["to", *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage("yunzhan publish", "PROJECT s3://BUCKET/PREFIX [OPTIONS]  |  login [OPTIONS]")


@click.group(cls=_PublishGroup)
def publish() -> None:
    """Publish the exhibition to S3-compatible storage (OSS, COS, OBS, S3, SeaweedFS...).

    yunzhan publish PROJECT s3://BUCKET/PREFIX [--endpoint URL] [--profile NAME] [--region R] [--dry-run]
    exports the package and uploads what changed; 'yunzhan publish login' saves credentials
    in the system keyring.
    """


_ENDPOINT = click.option("--endpoint", default=None, metavar="URL",
                         help="The provider's S3 API address, e.g. https://oss-cn-hangzhou.aliyuncs.com "
                              "(default $AWS_ENDPOINT_URL, else AWS).")
_PROFILE = click.option("--profile", default=None, metavar="NAME",
                        help="Credentials profile (the shared credentials file's section, or a 'login' name).")


@publish.command(name="to", hidden=True)
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("target", metavar="s3://BUCKET/PREFIX")
@_ENDPOINT
@_PROFILE
@click.option("--region", default=None, help="Region (default $AWS_REGION, else us-east-1).")
@click.option("--dry-run", is_flag=True, help="Print what would be uploaded, replaced and removed; change nothing.")
@click.option("--base-url", default=None, metavar="URL",
              help="Public address visitors use (CDN domain), for QR codes, IIIF and links.")
@click.option("--workers", default=8, show_default=True, type=click.IntRange(1, 64), help="Parallel uploads.")
def publish_to(project, target, endpoint, profile, region, dry_run, base_url, workers):
    """Export PROJECT and publish it to s3://BUCKET/PREFIX."""
    from scenes.publish import parse_target
    from streaming.cloud_publish import publish_site

    where = parse_target(target, endpoint=endpoint, region=region, profile=profile)
    with opened(project) as p, progress_bar() as progress:
        result = publish_site(p, where, dry_run=dry_run, base_url=base_url, workers=workers, progress=progress)
    for line in result.lines():
        click.echo(line)


@publish.command()
@_ENDPOINT
@_PROFILE
def login(endpoint, profile):
    """Save an access key id and secret for ENDPOINT in the system keyring.

    Asks for them (the secret hidden); when standard input is not a terminal, reads
    the key id and the secret from its first two lines.
    """
    from scenes.publish import CredentialStore, parse_target
    from scenes.publish.credentials import account

    target = parse_target("s3://any-bucket", endpoint=endpoint, profile=profile)
    if sys.stdin.isatty():
        key = click.prompt("access key id")
        secret = click.prompt("secret access key", hide_input=True)
    else:
        key, secret = sys.stdin.readline(), sys.stdin.readline()
    store = CredentialStore()
    store.save(target, key, secret)
    click.echo(f"credentials for {account(target)} saved in {store.where}")


def register(cli: click.Group) -> None:
    cli.add_command(publish)
