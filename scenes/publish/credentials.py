"""Credentials for the storage, from the standard places and never from the project.

Looked up in this order: the environment (``AWS_ACCESS_KEY_ID``,
``AWS_SECRET_ACCESS_KEY``, ``AWS_SESSION_TOKEN``), the AWS-style shared credentials
file (``AWS_SHARED_CREDENTIALS_FILE`` or ``~/.aws/credentials``; section ``--profile``,
``$AWS_PROFILE`` or ``default``), then what ``yunzhan publish login`` saved in the
system keyring for that profile and endpoint. Where no usable keyring runs (a
headless Linux box), ``login`` saves to a file readable only by the user
(``$XDG_CONFIG_HOME/yunzhan/publish-credentials.json``; ``YUNZHAN_PUBLISH_CREDENTIALS_FILE``
names another one and forces file storage, as the tests do).

Looking credentials up never touches the network (boto3's own chain would ask a
cloud metadata address when it finds nothing).
"""

from __future__ import annotations

import configparser
import json
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from assets.secret_store import read_private_json, usable_keyring, write_private_json
from scenes.publish.errors import PublishError
from scenes.publish.target import Target

SERVICE = "yunzhan-publish"


@dataclass(frozen=True)
class Credentials:
    access_key: str
    secret_key: str = ""
    session_token: str | None = None
    source: str = ""  # where they came from, for messages

    def __repr__(self) -> str:  # never print the secret
        return f"Credentials(access_key={self.access_key!r}, source={self.source!r})"


def account(target: Target) -> str:
    """The keyring account of a target: ``PROFILE@HOST`` (``default@aws`` for AWS)."""
    host = urlsplit(target.endpoint).netloc if target.endpoint else "aws"
    return f"{target.profile or 'default'}@{host}"


def resolve(target: Target) -> Credentials:
    """The credentials to publish to ``target`` with.

    :raises PublishError: none found (the message says where they may go).
    """
    if target.profile is None:
        key, secret = os.environ.get("AWS_ACCESS_KEY_ID"), os.environ.get("AWS_SECRET_ACCESS_KEY")
        if key and secret:
            return Credentials(key, secret, os.environ.get("AWS_SESSION_TOKEN") or None, "environment")
    profile = target.profile or os.environ.get("AWS_PROFILE") or "default"
    found = _shared_file(profile)
    if found:
        return found
    saved = CredentialStore().get(target)
    if saved:
        return saved
    raise PublishError(f"{target.url}: no credentials for profile '{profile}'",
                       hint="run 'yunzhan publish login', set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
                            f"or add [{profile}] to {shared_file_path()}")


def shared_file_path() -> Path:
    return Path(os.environ.get("AWS_SHARED_CREDENTIALS_FILE") or Path.home() / ".aws" / "credentials")


def _shared_file(profile: str) -> Credentials | None:
    path = shared_file_path()
    parser = configparser.RawConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except (OSError, configparser.Error) as e:
        raise PublishError(f"{path}: cannot read the credentials file ({e.__class__.__name__})") from None
    if not parser.has_section(profile):
        return None
    section = parser[profile]
    key, secret = section.get("aws_access_key_id"), section.get("aws_secret_access_key")
    if not (key and secret):
        raise PublishError(f"{path}: profile [{profile}] lacks aws_access_key_id or aws_secret_access_key")
    return Credentials(key.strip(), secret.strip(), (section.get("aws_session_token") or "").strip() or None,
                       f"{path} [{profile}]")


def store_file_path() -> Path:
    override = os.environ.get("YUNZHAN_PUBLISH_CREDENTIALS_FILE")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "yunzhan" / "publish-credentials.json"


class CredentialStore:
    """What ``yunzhan publish login`` saves: the system keyring, else a private file."""

    def __init__(self) -> None:
        self._backend = None

    @property
    def where(self) -> str:
        backend = self._keyring()
        return f"keyring ({type(backend).__name__})" if backend else str(store_file_path())

    def save(self, target: Target, access_key: str, secret_key: str) -> None:
        access_key, secret_key = access_key.strip(), secret_key.strip()
        if not access_key or not secret_key:
            raise PublishError("login: the access key id and the secret must not be empty")
        if any(c.isspace() for c in access_key + secret_key):
            raise PublishError("login: an access key or secret cannot contain spaces or line breaks")
        value = json.dumps({"access_key": access_key, "secret_key": secret_key})
        backend = self._keyring()
        if backend:
            backend.set_password(SERVICE, account(target), value)
        else:
            data = self._read()
            data[account(target)] = json.loads(value)
            self._write(data)

    def get(self, target: Target) -> Credentials | None:
        backend = self._keyring()
        if backend:
            raw = backend.get_password(SERVICE, account(target))
            doc = json.loads(raw) if raw else None
        else:
            doc = self._read().get(account(target))
        if not doc:
            return None
        return Credentials(doc["access_key"], doc["secret_key"], None, f"{self.where} ({account(target)})")

    def _keyring(self):
        if os.environ.get("YUNZHAN_PUBLISH_CREDENTIALS_FILE"):
            return None
        if self._backend is None:
            self._backend = usable_keyring() or False
        return self._backend or None

    def _read(self) -> dict:
        path = store_file_path()
        return read_private_json(path, lambda _e: PublishError(
            f"{path}: cannot read the saved credentials", hint="delete it and run 'yunzhan publish login' again"))

    def _write(self, data: dict) -> None:
        write_private_json(store_file_path(), data)
