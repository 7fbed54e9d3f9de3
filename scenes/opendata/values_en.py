"""English forms of catalog values (dynasties, reigns, materials...) for the web
package's English pages.

A value's English form is, in order: the record's own ``<field>_en`` custom field
(``medium_en``, ``date_text_en``...), the value itself when it is not Chinese, or
the table in ``values_en.json`` (matched whole, else as a run of known parts:
明宣德 = 明 + 宣德 → "Ming dynasty, Xuande reign"). Where none applies there is no
English form: the page shows the Chinese, marked as Chinese.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources

_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_SEPARATORS = re.compile(r"[\s、，,;；/·]+")
# catalog field -> the table it reads
_TABLE_OF = {"date_text": "period", "culture": "culture", "medium": "medium", "maker": "maker",
             "period": "period"}
_MODIFIERS = {"early", "middle", "late"}


@functools.cache
def table() -> dict[str, dict[str, str]]:
    """The table of common values: ``{"period": {"明": "Ming dynasty", ...}, "medium": ...}``."""
    text = resources.files("scenes.opendata").joinpath("values_en.json").read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text or ""))


def english(field: str, value: str, custom: dict | None = None) -> str | None:
    """The English form of ``value`` of catalog field ``field``, or None when there is none."""
    value = (value or "").strip()
    if not value:
        return None
    own = (custom or {}).get(f"{field}_en")
    if isinstance(own, str) and own.strip():
        return own.strip()
    if not has_cjk(value):
        return value
    words = table().get(_TABLE_OF.get(field, field), {})
    if value in words:
        return words[value]
    parts = []
    for chunk in _SEPARATORS.split(value):
        if not chunk:
            continue
        found = _segment(chunk, words)
        if found is None:
            return None
        parts.append(found)
    return ", ".join(parts) if parts else None


def _segment(chunk: str, words: dict[str, str]) -> str | None:
    """``chunk`` as a run of known parts (longest first), joined; None if any part is unknown."""
    longest = max(map(len, words), default=0)
    out: list[str] = []
    i = 0
    while i < len(chunk):
        for size in range(min(longest, len(chunk) - i), 0, -1):
            part = chunk[i:i + size]
            if part in words:
                english_part = words[part]
                if english_part in _MODIFIERS and out:
                    out[-1] = f"{english_part} {out[-1]}"  # 商晚期 → late Shang dynasty
                else:
                    out.append(english_part)
                i += size
                break
        else:
            return None
    return ", ".join(out)


def shown_value(field: str, value: str, custom: dict | None = None) -> dict:
    """A value as the pages show it: ``{"zh", "en", "en_lang", "beside"}``: the English
    page shows ``en`` in ``en_lang`` ("en", or "zh-Hans" when there is no English form),
    followed by the Chinese ``beside`` it (None when ``en`` already is the value)."""
    value = (value or "").strip()
    en = english(field, value, custom)
    if en is None:
        return {"zh": value, "en": value, "en_lang": "zh-Hans", "beside": None}
    return {"zh": value, "en": en, "en_lang": "en", "beside": value if en != value else None}


def period_of(date_text: str, culture: str = "") -> str:
    """The dynasty or period a date names at its start (明宣德 → 明), else the culture
    when it names one; "" when neither does."""
    dynasties = _dynasties()
    for text in (date_text or "", culture or ""):
        text = text.strip()
        best = max((d for d in dynasties if text.startswith(d)), key=len, default="")
        if best:
            return best
    return ""


@functools.cache
def _dynasties() -> tuple[str, ...]:
    return tuple(k for k, v in table()["period"].items() if v not in _MODIFIERS and not v.endswith(" reign"))
