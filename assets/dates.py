"""Display dates ("c. 1750–60", "18th century", "明代") to earliest/latest years."""

from __future__ import annotations

import re

# Chinese periods most often written as an object's date, with conventional bounds.
PERIODS = {
    "新石器": (-10000, -2000), "夏": (-2070, -1600), "商": (-1600, -1046), "西周": (-1046, -771),
    "东周": (-770, -256), "春秋": (-770, -476), "战国": (-475, -221), "秦": (-221, -207),
    "西汉": (-202, 8), "东汉": (25, 220), "汉": (-202, 220), "三国": (220, 280), "晋": (266, 420),
    "南北朝": (420, 589), "隋": (581, 618), "唐": (618, 907), "五代": (907, 960), "北宋": (960, 1127),
    "南宋": (1127, 1279), "宋": (960, 1279), "辽": (907, 1125), "金": (1115, 1234), "元": (1271, 1368),
    "明": (1368, 1644), "清": (1644, 1912), "民国": (1912, 1949),
}
_PERIODS_LONGEST_FIRST = sorted(PERIODS, key=len, reverse=True)  # 西汉 before 汉
_RANGE = re.compile(r"(?<!\d)(\d{3,4})\s*(?:-|–|—|to|至|~)\s*(\d{1,4})(?!\d)")
_DECADE = re.compile(r"(?<!\d)(\d{3})0s\b")
_CENTURY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)\s+century", re.I)
_CN_CENTURY = re.compile(r"(公元前)?(\d{1,2})世纪")
_YEAR = re.compile(r"(公元前|BCE?\s*)?(?<!\d)(\d{1,4})(?!\d)\s*(年|BCE?|AD|CE)?")


def parse_years(text: str) -> tuple[int | None, int | None]:
    """Earliest and latest year meant by a display date; ``(None, None)`` if unknown.

    >>> parse_years("c. 1750–60")
    (1750, 1760)
    >>> parse_years("明代")
    (1368, 1644)
    """
    if not text:
        return None, None
    t = text.strip()
    if m := _RANGE.search(t):
        start, end = m.group(1), m.group(2)
        if len(end) < len(start):  # "1750-60" means 1760
            end = start[: len(start) - len(end)] + end
        a, b = int(start), int(end)
        return (a, b) if a <= b else (None, None)
    if m := _DECADE.search(t):
        return int(m.group(1)) * 10, int(m.group(1)) * 10 + 9
    if (m := _CENTURY.search(t)) and int(m.group(1)):
        c = int(m.group(1))
        return (c - 1) * 100, c * 100 - 1
    if (m := _CN_CENTURY.search(t)) and int(m.group(2)):
        c = int(m.group(2))
        return (-(c * 100), -((c - 1) * 100 + 1)) if m.group(1) else ((c - 1) * 100, c * 100 - 1)
    if m := _YEAR.search(t):
        year = int(m.group(2))
        if m.group(1) or (m.group(3) or "").upper().startswith("BC"):
            return (-year, -year) if year else (None, None)  # there is no year 0 BC
        if len(m.group(2)) == 4 or m.group(3):
            return year, year
    for name in _PERIODS_LONGEST_FIRST:
        if name in t:
            return PERIODS[name]
    return None, None
