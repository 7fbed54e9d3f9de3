"""``yunzhan publish``: the web package on S3-compatible storage, and ``publish login``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from assets.errors import InputError
from studio.cli.support import opened, progress_bar

LOGIN = "login"


@click.command()
@click.argument("project", metavar="PROJECT|login")
@click.argument("target", metavar="s3://BUCKET/PREFIX", required=False)
@click.option("--endpoint", default=None, metavar="URL",
              help="The provider's S3 API address, e.g. https://s3.oss-cn-hangzhou.aliyuncs.com "
                   "(default $AWS_ENDPOINT_URL, else AWS).")
@click.option("--profile", default=None, metavar="NAME",
              help="Credentials profile: a section of the shared credentials file, or a name given to 'login'.")
@click.option("--region", default=None, help="Region (default $AWS_REGION, else us-east-1).")
@click.option("--dry-run", is_flag=True, help="Print what would be uploaded, replaced and removed; change nothing.")
@click.option("--base-url", default=None, metavar="URL",
              help="Public address visitors use (the CDN domain), for QR codes, IIIF and links.")
@click.option("--workers", default=8, show_default=True, type=click.IntRange(1, 64), help="Parallel uploads.")
def publish(project, target, endpoint, profile, region, dry_run, base_url, workers):
    """Publish the exhibition to S3-compatible storage (OSS, COS, OBS, S3, SeaweedFS...).

    \b
    yunzhan publish PROJECT s3://BUCKET/PREFIX [--endpoint URL] [--profile NAME] [--region R] [--dry-run]
        exports the package and uploads only what changed (assets first, the entry page last);
    yunzhan publish login [--endpoint URL] [--profile NAME]
        saves an access key id and secret in the system keyring (asked for; from standard
        input, one a line, when it is not a terminal).

    Credentials come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), the
    shared credentials file (~/.aws/credentials), then 'login'; never from the project.
    """
    from scenes.publish import parse_target

    if project == LOGIN and target is None:
        _login(parse_target("s3://any-bucket", endpoint=endpoint, profile=profile))
        return
    if target is None:
        raise click.UsageError("Missing argument 's3://BUCKET/PREFIX'.")
    from streaming.cloud_publish import publish_site

    where = parse_target(target, endpoint=endpoint, region=region, profile=profile)
    with opened(Path(project)) as p, progress_bar() as progress:
        result = publish_site(p, where, dry_run=dry_run, base_url=base_url, workers=workers, progress=progress)
    for line in result.lines():
        click.echo(line)


def _login(target) -> None:
    from scenes.publish import CredentialStore
    from scenes.publish.credentials import account

    if sys.stdin.isatty():
        key = click.prompt("access key id")
        secret = click.prompt("secret access key", hide_input=True)
    else:
        key, secret = sys.stdin.readline(), sys.stdin.readline()
        if not secret:
            raise InputError("login: give the access key id and the secret on two lines of standard input")
    store = CredentialStore()
    store.save(target, key, secret)
    click.echo(f"credentials for {account(target)} saved in {store.where}")


def register(cli: click.Group) -> None:
    cli.add_command(publish)
