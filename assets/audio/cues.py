"""Splitting narration text into caption cues.

A cue is a sentence, or a clause of a long sentence, at most :data:`LINES` lines of
at most 18 Han characters or 42 Latin characters each (a Han character counts as
42/18 Latin ones). Cues are spoken one by one, so each cue's time on screen comes
from the samples its own speech took (see :mod:`assets.audio.speak`).
"""

from __future__ import annotations

import re
import unicodedata

LINE_WIDTH = 42.0
WIDE = 42 / 18
LINES = 2
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;…])\s*|(?<=[.])\s+(?=\S)")
_CLAUSE_END = re.compile(r"(?<=[，、：,:])\s*")


def width(text: str) -> float:
    """Display width in Latin characters (wide East Asian characters count 42/18)."""
    return sum(WIDE if unicodedata.east_asian_width(c) in "WF" else 1.0 for c in text)


def _pieces(text: str, pattern: re.Pattern) -> list[str]:
    return [p.strip() for p in pattern.split(text) if p and p.strip()]


def _hard_split(text: str, limit: float) -> list[str]:
    """Cut a clause with no punctuation at spaces (Latin) or anywhere (Han) to fit ``limit``."""
    out, line = [], ""
    tokens = [w + " " for w in text.split(" ")] if " " in text else list(text)
    for token in tokens:
        if line and width((line + token).rstrip()) > limit:
            out.append(line.strip())
            line = ""
        line += token
    if line.strip():
        out.append(line.strip())
    return out


def _join(pieces: list[str], limit: float) -> list[str]:
    """Greedily join clauses into cues no wider than ``limit``."""
    out: list[str] = []
    for piece in pieces:
        glue = "" if (out and width(out[-1][-1:]) > 1) else " "
        if out and width(out[-1] + glue + piece) <= limit:
            out[-1] = out[-1] + glue + piece
        else:
            out.append(piece)
    return out


def split_cues(text: str) -> list[str]:
    """The cues of ``text``, in order; an empty list for blank text."""
    text = " ".join(text.split())
    limit = LINE_WIDTH * LINES
    cues: list[str] = []
    for sentence in _pieces(text, _SENTENCE_END):
        if width(sentence) <= limit:
            cues.append(sentence)
            continue
        clauses: list[str] = []
        for clause in _pieces(sentence, _CLAUSE_END):
            clauses += [clause] if width(clause) <= limit else _hard_split(clause, limit)
        cues += _join(clauses, limit)
    return cues


def cue_lines(cue: str) -> list[str]:
    """A cue broken into lines of at most :data:`LINE_WIDTH`."""
    if width(cue) <= LINE_WIDTH:
        return [cue]
    # Break where the two lines are most even, after a space or punctuation if any
    # such place gives lines that fit.
    best, best_score = None, None
    for i in range(1, len(cue)):
        left, right = cue[:i].rstrip(), cue[i:].lstrip()
        if not left or not right or right[0] in "，。、；：！？,.;:!?）)」』":
            continue
        natural = cue[i - 1] in " ，、；：,;:" or (width(cue[i - 1]) > 1 and width(cue[i]) > 1)
        if " " in cue and cue[i - 1] != " ":
            continue
        score = (max(width(left), width(right)) > LINE_WIDTH, not natural or cue[i - 1] not in " ，、；：,;:",
                 abs(width(left) - width(right)))
        if best_score is None or score < best_score:
            best, best_score = [left, right], score
    return best or _hard_split(cue, LINE_WIDTH)
