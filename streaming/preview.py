"""A still of an event's program picture, made by ffmpeg with the stream's own graph.

The still is the first frame of :func:`~streaming.pipeline.build_still_argv` for
the event's source, program and slate texts, at a reduced size (the overlays are
laid out relative to the picture's height, so a smaller program looks the same).
With ``countdown`` it shows the pre-roll slate (title, countdown, QR code) as the
audience sees it before the start. Run it off any GUI thread: it starts ffmpeg.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from assets.progress import Progress
from streaming import slate
from streaming.errors import LiveError
from streaming.event_settings import settings_of
from streaming.events import Event
from streaming.pipeline import Plan, Program, build_still_argv, check_source, parse_source
from streaming.runner import run

PREVIEW_WIDTH = 640


def preview_program(program: Program, width: int = PREVIEW_WIDTH) -> Program:
    """``program`` scaled to ``width`` (even sizes, same aspect), never larger."""
    if program.width <= width:
        return program
    height = round(program.height * width / program.width / 2) * 2
    return replace(program, width=width, height=max(2, height))


def still(event: Event, *, ffmpeg: str, countdown: bool = False, width: int = PREVIEW_WIDTH,
          progress: Progress | None = None) -> bytes:
    """PNG bytes of ``event``'s program picture (or its countdown slate).

    :raises LiveError: the source cannot be read here (a missing file or camera).
    :raises StreamFailed: ffmpeg failed (its message and a hint)."""
    s = settings_of(event)
    source = parse_source(s.source, where="source")
    check_source(source)
    work = Path(tempfile.mkdtemp(prefix="yunzhan-preview-"))
    try:
        overlays = slate.prepare(work, title=s.slate_title or event.title, lower_third=s.lower_third,
                                 countdown_s=max(event.preroll_s, 60) if countdown else 0,
                                 qr_url=s.qr_url or None)
        out = work / "still.png"
        plan = Plan(ffmpeg, source, preview_program(s.program, width), overlays=overlays)
        run(build_still_argv(plan, out), progress=progress)
        if not out.is_file() or out.stat().st_size == 0:
            raise LiveError(f"preview of event {event.id}: ffmpeg wrote no picture")
        return out.read_bytes()
    finally:
        shutil.rmtree(work, ignore_errors=True)
