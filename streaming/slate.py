"""The files the program's overlays read: title, countdown, lower-third, QR code.

drawtext reads its text from files rather than from the filter graph, so Chinese
text and punctuation need no escaping and the lower-third can be changed while the
stream runs (:func:`set_lower_third` replaces the file atomically; drawtext reloads
it every frame).
"""

from __future__ import annotations

import os
from pathlib import Path

from streaming.pipeline import Overlays, find_cjk_font


def countdown_text(seconds: float) -> str:
    """drawtext expansion that counts ``seconds`` down to 00:00 as mm:ss."""
    left = f"max(0,{seconds:g}-t)"
    return f"%{{eif:trunc({left}/60):d:2}}:%{{eif:mod(trunc({left}),60):d:2}}"


def prepare(work_dir: Path, *, title: str, lower_third: str = "", countdown_s: float = 0,
            qr_url: str | None = None, logo: Path | None = None) -> Overlays:
    """Write the overlay files into ``work_dir`` and return the :class:`Overlays` using them."""
    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    lower = work_dir / "lower-third.txt"
    set_lower_third(lower, lower_third)
    title_file = countdown_file = qr = None
    if countdown_s > 0:
        title_file = _write(work_dir / "title.txt", title)
        countdown_file = _write(work_dir / "countdown.txt", countdown_text(countdown_s))
        if qr_url:
            import segno

            qr = work_dir / "qr.png"
            segno.make(qr_url, error="m").save(str(qr), scale=8, border=2)
    return Overlays(font=find_cjk_font(), lower_third_file=lower, logo=logo, countdown_s=countdown_s,
                    title_file=title_file, countdown_file=countdown_file, qr=qr)


def set_lower_third(path: Path, text: str) -> None:
    """Replace the lower-third text; the running stream shows it within a frame."""
    # drawtext draws an empty box for an empty file; a space keeps it invisible-ish.
    _write(Path(path), text.strip() or " ")


def _write(path: Path, text: str) -> Path:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path
