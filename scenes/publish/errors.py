"""Errors of publishing to object storage: one line naming the bucket, endpoint or
file at fault. Credentials never appear in them."""

from __future__ import annotations

from assets.errors import YunzhanError


class PublishError(YunzhanError):
    """A publish cannot start or did not finish: bad target, credentials refused, no
    such bucket, an endpoint that is not S3, the network gone, another project's
    exhibition at the target. Visitors still see the previous version."""


class NetworkError(PublishError):
    """The storage could not be reached, or the connection dropped, after retries."""
