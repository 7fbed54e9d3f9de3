"""The ffmpeg command as data: asserted as a list, without running ffmpeg."""

from __future__ import annotations

from pathlib import Path

import pytest

from streaming.errors import LiveError
from streaming.pipeline import (FIFO_OPTIONS, Output, Plan, Program, Source, build_argv, check_source,
                                parse_source)
from streaming.slate import countdown_text, prepare

A = Output("bilibili", "rtmp://live-push.example/live-bvc/KEY1")
B = Output("weibo", "rtmps://push.example/live/KEY2")


def _arg(argv, flag, nth=0):
    return [argv[i + 1] for i, a in enumerate(argv) if a == flag][nth]


def test_one_encode_fans_out_through_tee_with_a_fifo_per_destination_and_a_fragmented_recording():
    argv = build_argv(Plan("ffmpeg", Source("testsrc"), Program(), (A, B), recording=Path("/rec/part01.mp4")))
    assert argv[0] == "ffmpeg"
    assert argv.count("-f") >= 3 and argv.count("tee") == 1 and argv.count("-vcodec") == 1
    slaves = argv[argv.index("tee") + 1:][[a.startswith("[f=") for a in argv[argv.index("tee") + 1:]].index(True)]
    assert slaves.split("|") == [
        f"[f=fifo:fifo_format=flv:{FIFO_OPTIONS}]rtmp://live-push.example/live-bvc/KEY1",
        f"[f=fifo:fifo_format=flv:{FIFO_OPTIONS}]rtmps://push.example/live/KEY2",
        "[f=mp4:movflags=+frag_keyframe+empty_moov+default_base_moof:frag_duration=1000000:flush_packets=1]/rec/part01.mp4",
    ]
    assert _arg(argv, "-flags") == "+global_header"
    assert (_arg(argv, "-vcodec"), _arg(argv, "-preset"), _arg(argv, "-g"), _arg(argv, "-b:v")) == (
        "libx264", "veryfast", "60", "2500k")
    assert (_arg(argv, "-acodec"), _arg(argv, "-ar")) == ("aac", "48000")
    assert argv[argv.index("-i") - 1] == "-re" and _arg(argv, "-i") == "testsrc2=size=1280x720:rate=30"
    assert _arg(argv, "-i", 1) == "sine=frequency=440:sample_rate=48000"
    assert _arg(argv, "-progress") == "pipe:1" and "-nostdin" in argv


def test_srt_goes_as_mpegts_and_tee_specials_in_urls_are_escaped():
    srt = Output("mine", "srt://10.0.0.2:9000?streamid=a|b")
    argv = build_argv(Plan("ffmpeg", Source("testsrc"), Program(), (srt,)))
    assert any(a == f"[f=fifo:fifo_format=mpegts:{FIFO_OPTIONS}]srt://10.0.0.2:9000?streamid=a\\|b" for a in argv)


def test_portrait_destinations_get_their_own_turned_encode():
    douyin = Output("douyin", "rtmp://push.douyin.example/stage/K", "portrait")
    argv = build_argv(Plan("ffmpeg", Source("testsrc"), Program(1280, 720), (A, douyin), recording=Path("/r.mp4")))
    graph = _arg(argv, "-filter_complex")
    assert "split=2" in graph and "asplit=2" in graph
    assert "scale=720:1280:force_original_aspect_ratio=decrease" in graph and "pad=720:1280" in graph
    assert argv.count("tee") == 2
    tees = [a for a in argv if a.startswith("[f=")]
    assert tees[0].endswith("KEY1|[f=mp4:movflags=+frag_keyframe+empty_moov+default_base_moof:"
                            "frag_duration=1000000:flush_packets=1]/r.mp4")
    assert tees[1].endswith("]rtmp://push.douyin.example/stage/K")


def test_overlays_read_their_text_from_files_with_a_cjk_font(tmp_path):
    overlays = prepare(tmp_path, title="青铜器之夜", lower_third="第一站：大克鼎", countdown_s=300,
                       qr_url="https://museum.example/expo/")
    assert (tmp_path / "lower-third.txt").read_text() == "第一站：大克鼎"
    assert (tmp_path / "countdown.txt").read_text() == countdown_text(300)
    assert (tmp_path / "qr.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    argv = build_argv(Plan("ffmpeg", Source("testsrc"), Program(), (A,), overlays=overlays))
    graph = _arg(argv, "-filter_complex")
    assert f"textfile={tmp_path}/lower-third.txt" in graph and "reload=1" in graph
    assert "NotoSansCJK" in graph
    assert "overlay=enable=lt(t\\,300)" in graph  # the slate covers the program until the start
    assert "volume=enable=lt(t\\,300):volume=0" in graph
    assert countdown_text(90) == "%{eif:trunc(max(0,90-t)/60):d:2}:%{eif:mod(trunc(max(0,90-t)),60):d:2}"


@pytest.mark.parametrize("spec,inputs", [
    ("v4l2:/dev/video0+alsa:hw:1", [["-f", "v4l2", "-framerate", "30", "-thread_queue_size", "512", "-i", "/dev/video0"],
                                   ["-f", "alsa", "-thread_queue_size", "512", "-i", "hw:1"]]),
    ("v4l2:/dev/video2+pulse:default", [["-f", "pulse", "-thread_queue_size", "512", "-i", "default"]]),
    ("avfoundation:0:1", [["-f", "avfoundation", "-framerate", "30", "-i", "0:1"]]),
    ("dshow:HD Webcam|Microphone (USB)", [["-f", "dshow", "-framerate", "30", "-rtbufsize", "100M",
                                          "-i", "video=HD Webcam:audio=Microphone (USB)"]]),
    ("file:/media/tour.mp4", [["-re", "-stream_loop", "-1", "-i", "/media/tour.mp4"]]),
])
def test_device_and_file_sources(spec, inputs):
    argv = build_argv(Plan("ffmpeg", parse_source(spec), Program(), (A,)))
    text = " ".join(argv)
    for chunk in inputs:
        assert " ".join(chunk) in text


def test_bad_sources_and_plans():
    with pytest.raises(LiveError, match=r"^--source: unknown source 'webcam'$"):
        parse_source("webcam")
    with pytest.raises(LiveError, match=r"^--source: microphone 'oss:0' must start with alsa: or pulse:$"):
        parse_source("v4l2:/dev/video0+oss:0")
    with pytest.raises(LiveError) as e:
        check_source(parse_source("v4l2:/dev/video99"))
    assert e.value.user_text() == ("source v4l2:/dev/video99: no camera at /dev/video99 "
                                   "(is it plugged in? 'ls /dev/video*' lists the cameras)")
    with pytest.raises(LiveError, match=r"^source file /nonexistent.mp4: no such file$"):
        check_source(parse_source("file:/nonexistent.mp4"))
    with pytest.raises(LiveError, match="no destination, recording or classroom output"):
        build_argv(Plan("ffmpeg", Source("testsrc"), Program()))


def test_other_encoders_get_no_x264_words():
    argv = build_argv(Plan("ffmpeg", Source("testsrc"), Program(encoder="h264_nvenc"), (A,), duration_s=20))
    assert _arg(argv, "-vcodec") == "h264_nvenc" and "-preset" not in argv and "-tune" not in argv
    assert _arg(argv, "-t") == "20"


def test_presenter_picture_in_picture_over_a_tour_video_with_their_microphone():
    plan = Plan("ffmpeg", parse_source("file:/renders/hall.mp4"), Program(), (A,),
                pip=parse_source("v4l2:/dev/video0+pulse:default"))
    argv = build_argv(plan)
    graph = _arg(argv, "-filter_complex")
    assert "[1:v]scale=320:-2[" in graph  # the camera (input 1), a quarter of the width
    assert "overlay=eof_action=repeat:x=W-w-24:y=H-h-24" in graph
    assert "amix=duration=longest:inputs=2:normalize=0:weights=0.3 1" in graph
    assert _arg(argv, "-i") == "/renders/hall.mp4" and "/dev/video0" in argv and "default" in argv


def test_screen_capture_sources():
    argv = build_argv(Plan("ffmpeg", parse_source("x11grab::0.0"), Program(), (A,)))
    assert " ".join(argv).count("-f x11grab -draw_mouse 1 -framerate 30 -i :0.0") == 1
    assert "anullsrc=channel_layout=stereo:sample_rate=48000" in argv  # silent: a screen has no sound
