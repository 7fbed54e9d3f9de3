"""Errors of the live-streaming layer: each a one-line message naming the event,
destination or field at fault. Stream keys never appear in them."""

from __future__ import annotations

from assets.errors import YunzhanError


class LiveError(YunzhanError):
    """Something about a live event, a destination or a stream went wrong."""


class StreamFailed(LiveError):
    """ffmpeg exited with an error; carries the (key-masked) argv, exit code and stderr tail."""

    def __init__(self, message: str, *, argv: list[str], returncode: int | None, stderr_tail: list[str],
                 hint: str | None = None):
        super().__init__(message, hint=hint)
        self.argv = argv
        self.returncode = returncode
        self.stderr_tail = stderr_tail
