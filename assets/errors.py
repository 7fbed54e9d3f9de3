"""The one exception tree of Yunzhan.

Every error a user can cause is a :class:`YunzhanError`: a one-line message that
names the file (and row or field) at fault, plus an optional hint. The CLI and
the GUI turn these into text in exactly one place each; nothing else prints them.
Higher layers subclass :class:`YunzhanError` in their own ``errors`` module.
"""

from __future__ import annotations


class YunzhanError(Exception):
    """Base of every user-facing error.

    :param message: one line that says what went wrong and where.
    :param hint: optional one line that says what to do about it.
    """

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message

    def user_text(self) -> str:
        """The message and hint as shown to a user, on one line (a line break or other
        control character quoted from hostile input is shown escaped, as ``\\n``)."""
        return one_line(f"{self.message} ({self.hint})" if self.hint else self.message)


def one_line(text: str) -> str:
    """``text`` with line breaks and other unprintable characters escaped."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class ProjectError(YunzhanError):
    """The project file cannot be opened, migrated or written."""


class ProjectBusy(ProjectError):
    """Another process holds the project's write lock."""


class InputError(YunzhanError):
    """A file offered for import is unreadable or malformed."""


class MediaError(InputError):
    """A media file (image, audio, model) is unreadable, unsafe or unsupported."""


class NotFound(YunzhanError):
    """A record asked for by id or accession number does not exist."""


class Cancelled(YunzhanError):
    """Long work was cancelled by the user; nothing was half-written."""

    def __init__(self, message: str = "cancelled", **kw):
        super().__init__(message, **kw)


class ToolMissing(YunzhanError):
    """An external program (ffmpeg, espeak-ng, chromium...) is not installed."""
