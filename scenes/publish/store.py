"""The bucket, through boto3: a few operations, retried with back-off, and every
failure turned into one line that says what to do.

boto3's own retries are off: this module retries (transient errors only: a dropped
connection, a timeout, 5xx, SlowDown) so the back-off is in one place and testable.
Checksums are sent only where S3 requires them: the newer default (CRC32 trailers,
``aws-chunked`` bodies) is refused by many S3-compatible stores.
"""

from __future__ import annotations

import base64
import random
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from scenes.publish.credentials import Credentials
from scenes.publish.errors import NetworkError, PublishError
from scenes.publish.target import Target

T = TypeVar("T")
MULTIPART_THRESHOLD = 16 * 1024 * 1024
PART_SIZE = 8 * 1024 * 1024

_AUTH = {"InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "InvalidToken", "ExpiredToken",
         "AuthorizationHeaderMalformed", "InvalidSecurity", "403", "Forbidden", "AllAccessDisabled"}
_TRANSIENT = {"SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable",
              "Throttling", "ThrottlingException", "RequestLimitExceeded", "500", "502", "503", "504"}


@dataclass(frozen=True)
class Retry:
    """How often and how patiently a request is tried again: ``attempts`` in all, waiting
    ``base`` seconds, doubling each time (with up to 25 % jitter), at most ``cap``."""
    attempts: int = 5
    base: float = 0.5
    cap: float = 8.0

    def delays(self) -> Iterator[float]:
        for n in range(self.attempts - 1):
            yield min(self.cap, self.base * 2 ** n) * (1 + random.random() / 4)


class Bucket:
    """One bucket (and prefix) on one endpoint, with the credentials to write there."""

    def __init__(self, target: Target, credentials: Credentials, *, retry: Retry = Retry(), workers: int = 8):
        import boto3
        from botocore.config import Config

        self.target = target
        self.retry = retry
        self._where = target.url + (f" at {target.endpoint}" if target.endpoint else "")
        config = Config(
            region_name=target.region or "us-east-1",
            signature_version="s3v4",
            s3={"addressing_style": target.addressing_style},
            retries={"total_max_attempts": 1, "mode": "standard"},
            connect_timeout=5, read_timeout=60, max_pool_connections=max(10, workers * 2),
            request_checksum_calculation="when_required", response_checksum_validation="when_required",
            user_agent_appid="yunzhan")
        self.client = boto3.session.Session().client(
            "s3", endpoint_url=target.endpoint, aws_access_key_id=credentials.access_key,
            aws_secret_access_key=credentials.secret_key, aws_session_token=credentials.session_token,
            config=config)

    # -- reading -----------------------------------------------------------------------
    def check(self) -> None:
        """Ask for one key under the prefix: proves the endpoint speaks S3, the bucket
        exists and the credentials are accepted."""
        self._call("list the bucket", lambda: self.client.list_objects_v2(
            Bucket=self.target.bucket, Prefix=self.target.key(""), MaxKeys=1))

    def get(self, name: str) -> bytes | None:
        """The object ``PREFIX/name``, or ``None`` when there is none."""
        key = self.target.key(name)

        def fetch():
            try:
                return self.client.get_object(Bucket=self.target.bucket, Key=key)["Body"].read()
            except Exception as e:
                if _code(e) in ("NoSuchKey", "404"):
                    return None
                raise
        return self._call(f"read {key}", fetch)

    def listing(self) -> dict[str, tuple[int, str]]:
        """Every object under the prefix: package path → (size, ETag without quotes)."""
        def fetch():
            out = {}
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.target.bucket, Prefix=self.target.key(""))
            for page in pages:
                for obj in page.get("Contents", []):
                    out[self.target.path_of(obj["Key"])] = (obj["Size"], obj["ETag"].strip('"'))
            return out
        return self._call("list the bucket", fetch)

    def stored_sha256(self, path: str) -> str | None:
        """The content hash a previous publish recorded on the object (its metadata)."""
        key = self.target.key(path)

        def fetch():
            try:
                return self.client.head_object(Bucket=self.target.bucket, Key=key).get("Metadata", {}).get("sha256")
            except Exception as e:
                if _code(e) in ("NoSuchKey", "404"):
                    return None
                raise
        return self._call(f"look at {key}", fetch)

    # -- writing -----------------------------------------------------------------------
    def put_bytes(self, name: str, data: bytes, *, content_type: str, cache_control: str) -> None:
        key = self.target.key(name)
        self._call(f"upload {key}", lambda: self.client.put_object(
            Bucket=self.target.bucket, Key=key, Body=data, ContentType=content_type, CacheControl=cache_control,
            ContentMD5=_md5_b64(data)))

    def put_file(self, path: str, source: Path, *, size: int, sha256: str, md5: str, content_type: str,
                 cache_control: str, on_bytes: Callable[[int], None]) -> None:
        """Upload one package file (multipart from :data:`MULTIPART_THRESHOLD` on), its
        MD5 (hex) checked by the storage; ``on_bytes(n)`` is told of bytes sent (and of a negative count when a failed
        attempt's bytes are sent again)."""
        key = self.target.key(path)
        extra = {"ContentType": content_type, "CacheControl": cache_control, "Metadata": {"sha256": sha256}}
        sent = [0]

        def count(n: int) -> None:
            sent[0] += n
            on_bytes(n)

        def attempt():
            if sent[0]:
                on_bytes(-sent[0])
                sent[0] = 0
            if size < MULTIPART_THRESHOLD:
                data = source.read_bytes()
                if len(data) != size:
                    raise PublishError(f"{source}: changed while publishing")
                self.client.put_object(Bucket=self.target.bucket, Key=key, Body=data,
                                       ContentMD5=base64.b64encode(bytes.fromhex(md5)).decode("ascii"), **extra)
                count(len(data))
            else:
                from boto3.s3.transfer import TransferConfig

                config = TransferConfig(multipart_threshold=MULTIPART_THRESHOLD, multipart_chunksize=PART_SIZE,
                                        max_concurrency=4, use_threads=True)
                self.client.upload_file(str(source), self.target.bucket, key, ExtraArgs=extra, Config=config,
                                        Callback=count)
        self._call(f"upload {key}", attempt)

    def delete(self, names: list[str]) -> None:
        """Delete ``PREFIX/name`` for each name (missing ones are fine)."""
        keys = [self.target.key(n) for n in names]
        for i in range(0, len(keys), 1000):
            batch = keys[i:i + 1000]

            def remove(batch=batch):
                result = self.client.delete_objects(Bucket=self.target.bucket, Delete={
                    "Objects": [{"Key": k} for k in batch], "Quiet": True})
                errors = [e for e in result.get("Errors", []) if e.get("Code") != "NoSuchKey"]
                if errors:
                    raise PublishError(f"{self._where}: cannot delete {errors[0].get('Key')} "
                                       f"({errors[0].get('Code')}: {errors[0].get('Message')})")
            self._call("delete old files", remove)

    # -- errors and retries ------------------------------------------------------------
    def _call(self, what: str, fn: Callable[[], T]) -> T:
        delays = self.retry.delays()
        while True:
            try:
                return fn()
            except PublishError:
                raise
            except Exception as e:
                error = self.explain(what, e)
                if not isinstance(error, NetworkError) and _code(e) not in _TRANSIENT:
                    raise error from None
                delay = next(delays, None)
                if delay is None:
                    raise error from None
                time.sleep(delay)

    def explain(self, what: str, e: Exception) -> PublishError:
        """One line for a boto3/botocore failure while doing ``what``."""
        from boto3.exceptions import S3UploadFailedError
        from botocore import exceptions as bx
        from botocore.parsers import ResponseParserError

        if isinstance(e, S3UploadFailedError) and isinstance(e.__context__, Exception):
            return self.explain(what, e.__context__)
        where = self._where
        if isinstance(e, (bx.EndpointConnectionError, bx.ConnectTimeoutError)):
            return NetworkError(f"{where}: cannot connect to the storage to {what}",
                                hint="check the --endpoint address and the network")
        if isinstance(e, (bx.ConnectionClosedError, bx.ReadTimeoutError, bx.ConnectionError,
                          bx.IncompleteReadError)) or _is_network(e):
            return NetworkError(f"{where}: the connection to the storage dropped while trying to {what}",
                                hint="publish again when the network is back: it resumes where it stopped")
        if isinstance(e, ResponseParserError):
            return PublishError(f"{where}: the endpoint does not answer like S3 storage",
                                hint="check --endpoint: it must be the provider's S3-compatible API address")
        if isinstance(e, bx.NoCredentialsError):
            return PublishError(f"{where}: no credentials", hint="run 'yunzhan publish login'")
        code = _code(e)
        if code == "NoSuchBucket":
            return PublishError(f"{where}: bucket '{self.target.bucket}' does not exist",
                                hint="create it in the storage provider's console, or check the name and endpoint")
        if code == "RequestTimeTooSkewed":
            return PublishError(f"{where}: this computer's clock is off by more than 15 minutes; the storage "
                                "refuses its requests", hint="set the date and time, then publish again")
        if code in _AUTH:
            return PublishError(f"{where}: the storage refused the credentials ({code}) to {what}",
                                hint="check the access key and secret ('yunzhan publish login') and that they may "
                                     "write to this bucket")
        if code and code.isdigit():
            # An HTTP error with no S3 error document: a web server, not S3 storage.
            return PublishError(f"{where}: the endpoint answered HTTP {code} without an S3 error",
                                hint="check --endpoint: it must be the provider's S3-compatible API address")
        if code:
            message = getattr(e, "response", {}).get("Error", {}).get("Message") or ""
            return PublishError(f"{where}: cannot {what}: {code}" + (f" ({message})" if message else ""))
        return PublishError(f"{where}: cannot {what}: {e.__class__.__name__}: {str(e).splitlines()[0][:200]}")


def _code(e: Exception) -> str | None:
    from boto3.exceptions import S3UploadFailedError

    response = getattr(e, "response", None)
    if isinstance(response, dict):
        return str(response.get("Error", {}).get("Code") or "") or None
    if isinstance(e, S3UploadFailedError) and e.__context__ is not None:
        return _code(e.__context__)
    return None


def _is_network(e: BaseException) -> bool:
    """A connection dropped somewhere below boto3 (urllib3, the socket), however wrapped."""
    import urllib3.exceptions

    seen = set()
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, (ConnectionError, TimeoutError, urllib3.exceptions.HTTPError)):
            return True
        e = e.__cause__ or e.__context__
    return False


def _md5_b64(data: bytes) -> str:
    import hashlib

    return base64.b64encode(hashlib.md5(data, usedforsecurity=False).digest()).decode("ascii")
