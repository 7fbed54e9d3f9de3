"""Where a package is published: ``s3://BUCKET/PREFIX`` on an S3-compatible endpoint."""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from scenes.publish.errors import PublishError

# S3's own rule for bucket names (OSS, COS and OBS follow it too).
_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")


@dataclass(frozen=True)
class Target:
    """A bucket and a prefix in it (``""`` or ``"expo/2026"``, no slashes at either end),
    the endpoint (``None``: AWS), the region and the credentials profile."""

    bucket: str
    prefix: str = ""
    endpoint: str | None = None
    region: str | None = None
    profile: str | None = None

    @property
    def url(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}" if self.prefix else f"s3://{self.bucket}"

    def key(self, path: str) -> str:
        """The object key of package path ``path``."""
        return f"{self.prefix}/{path}" if self.prefix else path

    def path_of(self, key: str) -> str:
        return key[len(self.prefix) + 1:] if self.prefix else key

    @property
    def addressing_style(self) -> str:
        """Path-style for a local server (an IP address, localhost); virtual-hosted
        for providers, which (OSS, COS) refuse path-style requests."""
        if self.endpoint is None:
            return "auto"
        host = urlsplit(self.endpoint).hostname or ""
        if host == "localhost" or "." not in host:
            return "path"
        try:
            ipaddress.ip_address(host)
            return "path"
        except ValueError:
            return "virtual"

    @property
    def public_url(self) -> str | None:
        """The address of the published entry page (when the bucket is readable by all)."""
        if self.endpoint is None:
            return None
        base = self.endpoint.rstrip("/")
        if self.addressing_style == "path":
            base = f"{base}/{self.bucket}"
        else:
            parts = urlsplit(base)
            base = f"{parts.scheme}://{self.bucket}.{parts.netloc}"
        return f"{base}/{self.key('index.html')}"


def parse_target(text: str, *, endpoint: str | None = None, region: str | None = None,
                 profile: str | None = None) -> Target:
    """``s3://BUCKET[/PREFIX]`` with the endpoint (else ``$AWS_ENDPOINT_URL``), region
    (else ``$AWS_REGION`` / ``$AWS_DEFAULT_REGION``) and profile.

    :raises PublishError: not an s3:// address, a bad bucket name or endpoint.
    """
    text = text.strip()
    parts = urlsplit(text)
    if parts.scheme.lower() != "s3" or not parts.netloc:
        raise PublishError(f"{text!r}: not an s3://BUCKET/PREFIX address",
                           hint="e.g. s3://museum-site/expo-2026")
    bucket = parts.netloc
    if not _BUCKET.match(bucket) or ".." in bucket:
        raise PublishError(f"{text}: {bucket!r} is not a valid bucket name",
                           hint="3–63 lower-case letters, digits, '.' and '-'")
    if parts.query or parts.fragment or text.endswith(("?", "#")):
        raise PublishError(f"{text}: an s3:// address has no '?' or '#' part")
    prefix = parts.path.strip("/")
    if prefix and any(p in ("", ".", "..") for p in prefix.split("/")):
        raise PublishError(f"{text!r}: the prefix {prefix!r} has empty, '.' or '..' parts")
    if any(c.isspace() or not c.isprintable() or c == "\\" for c in prefix):
        raise PublishError(f"{text!r}: the prefix {prefix!r} has spaces, control characters or '\\'",
                           hint="use letters, digits, '-', '_', '.' and '/'")
    endpoint = endpoint or os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL") or None
    if endpoint is not None:
        endpoint = endpoint.strip()
        e = urlsplit(endpoint)
        if e.scheme not in ("http", "https") or not e.hostname:
            raise PublishError(f"--endpoint {endpoint!r}: not an http:// or https:// address",
                               hint="e.g. https://s3.oss-cn-hangzhou.aliyuncs.com")
    region = region or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or None
    return Target(bucket, prefix, endpoint, region, profile)
