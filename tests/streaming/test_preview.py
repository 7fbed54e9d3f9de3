"""Stills of the program picture, made by a real ffmpeg with the stream's own graph."""

from __future__ import annotations

import io
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image

from streaming.errors import LiveError
from streaming.event_form import EventDraft, save_event
from streaming.events import EventStore
from streaming.ffmpeg_tool import find_ffmpeg
from streaming.pipeline import Plan, Program, Source, build_still_argv
from streaming.preview import preview_program, still

needs_ffmpeg = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="needs ffmpeg")


def _event(project, **kw):
    draft = EventDraft(title_zh="青铜器导览", start=datetime(2026, 12, 3, 15), tz="Asia/Shanghai",
                       program="1280x720@30", lower_third="序厅 · Entrance hall", **kw)
    return EventStore(project).get(save_event(project, draft))


def test_still_argv_is_the_program_graph_writing_one_png():
    argv = build_still_argv(Plan("ffmpeg", Source("testsrc"), Program(640, 360)), Path("/tmp/x.png"))
    assert argv[0] == "ffmpeg" and "/tmp/x.png" in argv
    assert argv[argv.index("-f", argv.index("-filter_complex")) + 1] == "image2"
    assert "testsrc2=size=640x360:rate=30" in argv
    assert argv[argv.index("-vframes") + 1] == "1" and argv[argv.index("-vcodec") + 1] == "png"


def test_preview_program_keeps_the_aspect_and_even_sizes():
    assert preview_program(Program(1920, 1080)) == Program(640, 360)
    assert preview_program(Program(1080, 1920)) == Program(640, 1138)
    assert preview_program(Program(480, 270)) == Program(480, 270)
    assert preview_program(Program(1280, 720), 500) == Program(500, 282)


@needs_ffmpeg
def test_a_still_of_the_program_and_of_the_countdown_slate(project):
    event = _event(project, slate_title="周四直播")
    program = Image.open(io.BytesIO(still(event, ffmpeg=find_ffmpeg())))
    assert program.size == (640, 360)
    assert len(program.convert("RGB").getcolors(1 << 24)) > 100  # the test pattern: many colours
    slate = Image.open(io.BytesIO(still(event, ffmpeg=find_ffmpeg(), countdown=True))).convert("RGB")
    background = (0x1d, 0x27, 0x33)  # the slate's colour, give or take the YUV round trip
    assert all(abs(a - b) <= 2 for a, b in zip(slate.getpixel((5, 5)), background))
    assert len(slate.getcolors(1 << 24)) > 10  # its title and countdown are drawn


def test_a_missing_source_file_is_named(project, tmp_path):
    event = _event(project, source=f"file:{tmp_path / 'tour.mp4'}")
    with pytest.raises(LiveError, match=f"^source file {tmp_path / 'tour.mp4'}: no such file$"):
        still(event, ffmpeg="ffmpeg")
