"""Captions: timed cues written as WebVTT (the package) and SRT (video platforms),
and read back from WebVTT or SRT files a curator imports with a recording.

Written with webvtt-py, so that what we write is what a WebVTT parser reads.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from assets.audio.cues import cue_lines, width
from assets.errors import InputError


@dataclass(frozen=True)
class Cue:
    start: float  # seconds
    end: float
    text: str


def _stamp(seconds: float) -> str:
    ms = int(round(max(0.0, seconds) * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def _document(cues: list[Cue]) -> webvtt.WebVTT:
    doc = webvtt.WebVTT()
    for n, cue in enumerate(cues, 1):
        doc.captions.append(webvtt.Caption(_stamp(cue.start), _stamp(cue.end), cue_lines(cue.text),
                                           identifier=str(n)))
    return doc


def to_webvtt(cues: list[Cue]) -> str:
    return _document(cues).content


def to_srt(cues: list[Cue]) -> str:
    buf = io.StringIO()
    _document(cues).write(buf, format="srt")
    return buf.getvalue()


def transcript(cues: list[Cue]) -> str:
    """The cues' text as one paragraph (Chinese without spaces between cues)."""
    out = ""
    for cue in cues:
        if out and not ("\u2e80" <= out[-1] <= "\uffef"):
            out += " "
        out += cue.text
    return out


def parse_captions(path: Path) -> list[Cue]:
    """Cues from a WebVTT (``.vtt``) or SubRip (``.srt``) file.

    :raises InputError: naming the file when it is neither."""
    path = Path(path)
    try:
        if path.suffix.lower() == ".srt":
            doc = webvtt.from_srt(str(path))
        else:
            doc = webvtt.read(str(path))
    except (MalformedFileError, MalformedCaptionError, UnicodeDecodeError, ValueError) as e:
        raise InputError(f"{path}: not a WebVTT or SRT caption file ({e})") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    return [Cue(_seconds(c.start), _seconds(c.end), _one_line(c.text)) for c in doc.captions]


def parse_webvtt_text(text: str) -> list[Cue]:
    """Cues from WebVTT text (as stored with each clip)."""
    doc = webvtt.from_string(text)
    return [Cue(_seconds(c.start), _seconds(c.end), _one_line(c.text)) for c in doc.captions]


def _one_line(text: str) -> str:
    """A cue's lines joined again: with a space between Latin words, none between Han characters."""
    out = ""
    for line in text.split("\n"):
        line = line.strip()
        if out and line and not (width(out[-1]) > 1 or width(line[0]) > 1):
            out += " "
        out += line
    return out


def _seconds(stamp: str) -> float:
    parts = stamp.replace(",", ".").split(":")
    value = 0.0
    for p in parts:
        value = value * 60 + float(p)
    return value
