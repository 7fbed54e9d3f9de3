"""What kind of thing a catalog object is, for schema.org: an artwork or not.

schema.org's ``VisualArtwork`` is for works of art (its ``artform`` examples:
painting, drawing, sculpture, print, photograph). A bronze vessel, a porcelain
bowl or a jade pendant is a made thing but not, in schema.org's sense, an
artwork: it is a ``CreativeWork`` (with ``material``); a natural specimen
(a fossil, a mineral) is a ``Thing``. The catalog has no dedicated field, so
the decision reads the record's classification (a custom field, as imports
keep it) first, then its medium, in Chinese and English.

Periods: ``明``, ``商晚期`` or ``Ming dynasty`` in the culture field name a
time, never a place; :func:`is_period` says so, and the JSON-LD writer puts them
in ``temporalCoverage``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

# Where a catalog record may say what kind of work it is (the catalog has no
# dedicated field; imports keep it among the custom fields).
CLASSIFICATION_KEYS = ("artform", "classification", "object_type", "object type", "type", "类别", "类型", "分类")

# artform -> words that mark it in a classification or medium (lower case; Chinese
# words are matched as substrings, English ones as whole words).
ARTFORMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("calligraphy", ("calligraphy", "书法", "法书", "墨迹", "碑帖", "書法")),
    ("painting", ("painting", "oil paint", "oil on", "watercolour", "watercolor", "tempera", "gouache",
                  "ink on silk", "ink and colour", "ink and color", "绘画", "油画", "国画", "纸本", "绢本",
                  "设色", "水墨", "立轴", "手卷", "册页", "扇面", "画卷", "繪畫", "紙本", "絹本")),
    ("sculpture", ("sculpture", "statue", "bust", "figurine", "marble", "雕塑", "塑像", "造像", "石雕",
                   "大理石", "佛像")),
    ("print", ("print", "woodcut", "woodblock", "etching", "engraving", "lithograph", "版画", "木刻", "版畫")),
    ("drawing", ("drawing", "pencil", "charcoal", "pastel", "素描", "速写")),
    ("photograph", ("photograph", "photography", "gelatin silver", "albumen", "摄影", "照片")),
    ("work on paper", ("on paper",)),
)
NATURAL = ("fossil", "mineral", "specimen", "meteorite", "化石", "矿物", "标本", "陨石", "礦物", "標本")

_DYNASTIES = ("夏|商|周|西周|东周|東周|春秋|战国|戰國|秦|汉|漢|西汉|西漢|东汉|東漢|新|三国|三國|魏|蜀|吴|吳|晋|晉|西晋|西晉|"
              "东晋|東晉|南北朝|南朝|北朝|北魏|隋|唐|五代|宋|北宋|南宋|辽|遼|金|西夏|元|明|清|民国|民國|"
              "新石器时代|新石器時代|石器时代")
_PERIOD_ZH = re.compile(rf"^(?:{_DYNASTIES})(?:代|朝)?(?:早期|中期|晚期|初期|末期|前期|后期|後期)?$")
_PERIOD_EN = re.compile(r"\b(dynasty|period|era|neolithic|bronze age|iron age)\b", re.I)


@dataclass(frozen=True)
class WorkType:
    """The schema.org type of an object and, for artworks, its ``artform``."""
    schema_type: str  # "VisualArtwork", "CreativeWork" or "Thing"
    artform: str | None = None

    @property
    def is_artwork(self) -> bool:
        return self.schema_type == "VisualArtwork"


def classification(custom: Mapping[str, str] | None) -> str | None:
    """The record's own classification text (a custom field such as ``classification``), or None."""
    lowered = {str(k).strip().lower(): v for k, v in (custom or {}).items()}
    for key in CLASSIFICATION_KEYS:
        value = str(lowered.get(key, "") or "").strip()
        if value:
            return value
    return None


def work_type(obj) -> WorkType:
    """Decide the schema.org type of a catalog object from its classification, then its medium."""
    for text in (classification(obj.custom), obj.medium):
        found = _match(text or "")
        if found is not None:
            return found
    return WorkType("CreativeWork")


def is_period(text: str) -> bool:
    """Whether ``text`` names a period (a dynasty, an era) rather than a place or people."""
    text = (text or "").strip()
    return bool(text) and bool(_PERIOD_ZH.match(text) or _PERIOD_EN.search(text))


def _match(text: str) -> WorkType | None:
    low = text.strip().lower()
    if not low:
        return None
    if any(_has(low, word) for word in NATURAL):
        return WorkType("Thing")
    for artform, words in ARTFORMS:
        if any(_has(low, word) for word in words):
            return WorkType("VisualArtwork", artform)
    return None


def _has(text: str, word: str) -> bool:
    if word.isascii():
        return re.search(rf"\b{re.escape(word)}", text) is not None
    return word in text
