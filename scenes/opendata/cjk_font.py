"""Find a font that can print Chinese, for the PDF gallery kit.

Looked up lazily (never at import), in this order: the ``YUNZHAN_CJK_FONT``
environment variable (a .ttf/.otf/.ttc path), the usual install places of
Noto Sans CJK (Debian/Ubuntu ``fonts-noto-cjk``, Fedora, Arch), Windows'
Microsoft YaHei and macOS' PingFang, then fontconfig's ``fc-match``. Inside a
font collection (.ttc) the Simplified Chinese face is chosen.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assets.errors import ToolMissing

ENV_VAR = "YUNZHAN_CJK_FONT"
DEBIAN_PACKAGE = "fonts-noto-cjk"
_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-{w}.ttc",           # Debian, Ubuntu
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-{w}.ttc",         # Fedora
    "/usr/share/fonts/noto-cjk/NotoSansCJK-{w}.ttc",                # Arch
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-{w}.otf",
    "C:/Windows/Fonts/msyh{wb}.ttc",                                # Windows: Microsoft YaHei
    "/System/Library/Fonts/PingFang.ttc",                           # macOS
)
_PROBE = "中文书"  # characters every Chinese font must have


@dataclass(frozen=True)
class FontFace:
    """One face of a font file: ``index`` selects it inside a .ttc collection."""
    path: Path
    index: int = 0


def find_cjk_font(bold: bool = False) -> FontFace:
    """A font face that has Chinese characters.

    :param bold: prefer a bold weight (falls back to the regular one).
    :raises ToolMissing: when no such font is installed, naming the package to install.
    """
    return _find(bold, os.environ.get(ENV_VAR, "").strip())


@lru_cache(maxsize=8)
def _find(bold: bool, env: str) -> FontFace:
    if env:
        face = _chinese_face(Path(env))
        if face is None:
            raise ToolMissing(f"{ENV_VAR}={env}: not a font file with Chinese characters")
        return face
    weights = (("Bold", "bd"), ("Regular", "")) if bold else (("Regular", ""),)
    for w, wb in weights:
        for pattern in _CANDIDATES:
            face = _chinese_face(Path(pattern.format(w=w, wb=wb)))
            if face:
                return face
    face = _from_fontconfig(bold)
    if face:
        return face
    raise ToolMissing("no font with Chinese characters found for the PDF gallery kit",
                      hint=f"install Debian's {DEBIAN_PACKAGE} (apt-get install {DEBIAN_PACKAGE}) "
                           f"or set {ENV_VAR} to a .ttf, .otf or .ttc file")


def _chinese_face(path: Path) -> FontFace | None:
    """The best face of ``path`` for Simplified Chinese, or None when it has none."""
    if not path.is_file():
        return None
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            with TTCollection(str(path), lazy=True) as coll:
                fonts = list(coll.fonts)
                return _pick(path, fonts)
        with TTFont(str(path), lazy=True) as font:
            return _pick(path, [font])
    except (TTLibError, OSError, AssertionError):
        return None


def _pick(path: Path, fonts) -> FontFace | None:
    def preference(item):
        name = str(item[1]["name"].getDebugName(4) or "")
        # Simplified Chinese first, proportional before monospaced ("Mono").
        return (not (" SC" in name or name.endswith("SC")), "Mono" in name, item[0])

    # Names are cheap to read; check the (slow) character maps in order of preference.
    for index, font in sorted(enumerate(fonts), key=preference):
        cmap = font.getBestCmap() or {}
        if all(ord(c) in cmap for c in _PROBE):
            return FontFace(path, index)
    return None


def _from_fontconfig(bold: bool) -> FontFace | None:
    fc_match = shutil.which("fc-match")
    if not fc_match:
        return None
    style = ":style=Bold" if bold else ""
    try:
        out = subprocess.run([fc_match, "-f", "%{file}", f"sans-serif:lang=zh-cn{style}"],
                             capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return None
    return _chinese_face(Path(out)) if out else None
