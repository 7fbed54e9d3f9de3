"""The live program as data: sources, layout and outputs compiled to one ffmpeg argv.

The picture is composed once (scale into the program size, logo, lower-third in
Chinese with a CJK font, a countdown slate with title and QR code during the
pre-roll), encoded once per orientation, and fanned out with ffmpeg's ``tee``
muxer: every network destination sits behind its own ``fifo`` that reconnects by
itself and drops packets rather than stall the others; the local recording is a
fragmented MP4 (a fragment at least every second), so a SIGKILL or a power cut
loses at most about a second. :func:`build_argv` is pure: it touches no file and
starts no process, so it is unit-tested as a list.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from streaming.errors import LiveError

CJK_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",      # Debian fonts-noto-cjk
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",           # Arch, Fedora
    "/System/Library/Fonts/PingFang.ttc",                          # macOS
    "C:/Windows/Fonts/msyh.ttc",                                   # Windows (Microsoft YaHei)
)

# Per-destination retry without disturbing the others: see STACK-NOTES (seen working here).
# rw_timeout: a server that accepts the connection and then never answers (nor reads)
# would block the fifo's thread for good, and with it ffmpeg's exit at the end of the
# event; with it the open or write fails after 5 s and the fifo retries like any failure.
IO_TIMEOUT_US = 5_000_000
FIFO_OPTIONS = ("attempt_recovery=1:recovery_wait_time=1:max_recovery_attempts=0:"
                "drop_pkts_on_overflow=1:restart_with_keyframe=1:"
                f"format_opts=rw_timeout\\={IO_TIMEOUT_US}")
# flush_packets: without it the fragments wait in a 256 KB write buffer, seconds of a
# low-bitrate program that a SIGKILL would lose.
RECORDING_OPTIONS = ("movflags=+frag_keyframe+empty_moov+default_base_moof:frag_duration=1000000:"
                     "flush_packets=1")
SOURCE_KINDS = ("testsrc", "file", "v4l2", "avfoundation", "dshow", "x11grab", "gdigrab", "slate")
AUDIO_APIS = ("alsa", "pulse")


@dataclass(frozen=True)
class Source:
    """Where picture and sound come from.

    ``kind``: ``testsrc`` (colour bars and a 440 Hz tone), ``file`` (a media file or a
    rendered tour video, looped), ``v4l2`` (Linux camera; sound from ``audio_api``
    alsa/pulse), ``avfoundation`` (macOS; ``video``/``audio`` are device indexes),
    ``dshow`` (Windows; device names), ``x11grab``/``gdigrab`` (screen capture on Linux
    and Windows; on macOS the screen is an avfoundation device) or ``slate`` (a still
    "back in a moment" card)."""

    kind: str
    video: str | None = None
    audio: str | None = None
    audio_api: str | None = None
    has_audio: bool = True

    def describe(self) -> str:
        return ":".join(p for p in (self.kind, self.video, self.audio_api, self.audio) if p)


def parse_source(text: str, *, where: str = "--source") -> Source:
    """``testsrc``, ``file:PATH``, ``v4l2:/dev/video0`` (optionally ``+alsa:hw:0`` or
    ``+pulse:default``), ``avfoundation:VIDEO:AUDIO``, ``dshow:CAMERA|MICROPHONE``,
    ``x11grab:DISPLAY`` (e.g. ``x11grab::0.0``), ``gdigrab:desktop``."""
    kind, _, rest = text.strip().partition(":")
    if kind not in SOURCE_KINDS:
        raise LiveError(f"{where}: unknown source '{text}'",
                        hint="one of testsrc, file:PATH, v4l2:/dev/videoN[+alsa:hw:0], avfoundation:0:0, dshow:CAM|MIC")
    if kind in ("testsrc", "slate"):
        return Source(kind)
    if not rest:
        raise LiveError(f"{where}: '{kind}:' needs a device or file after the colon")
    if kind == "file":
        return Source("file", video=rest)
    if kind in ("x11grab", "gdigrab"):  # a screen has no sound of its own
        return Source(kind, video=rest, has_audio=False)
    if kind == "v4l2":
        video, _, audio = rest.partition("+")
        api, _, dev = audio.partition(":")
        if audio and api not in AUDIO_APIS:
            raise LiveError(f"{where}: microphone '{audio}' must start with alsa: or pulse:")
        return Source("v4l2", video=video, audio=dev or None, audio_api=api or None, has_audio=bool(audio))
    if kind == "avfoundation":
        video, _, audio = rest.partition(":")
        return Source("avfoundation", video=video, audio=audio or None, has_audio=bool(audio))
    video, _, audio = rest.partition("|")
    return Source("dshow", video=video, audio=audio or None, has_audio=bool(audio))


def parse_program(text: str, *, where: str = "--program") -> Program:
    """``1280x720@30`` or ``1280x720`` (30 fps) → a :class:`Program` of that size."""
    size, _, fps = text.strip().lower().partition("@")
    try:
        w, h = (int(v) for v in size.split("x"))
        rate = int(fps or 30)
    except ValueError:
        raise LiveError(f"{where}: '{text}' is not a size like 1280x720@30") from None
    if not (16 <= w <= 7680 and 16 <= h <= 4320 and 1 <= rate <= 120):
        raise LiveError(f"{where}: '{text}' is out of range (16x16 to 7680x4320, 1 to 120 fps)")
    if w % 2 or h % 2:
        raise LiveError(f"{where}: '{text}': width and height must be even (x264 needs it)")
    return Program(w, h, rate)


def check_source(source: Source) -> None:
    """Refuse, before anything starts, a source that cannot work here (a missing camera
    device or media file). Devices of other systems are checked by ffmpeg itself."""
    if source.kind == "file" and not Path(source.video).is_file():
        raise LiveError(f"source file {source.video}: no such file")
    if source.kind == "v4l2" and not Path(source.video).exists():
        raise LiveError(f"source {source.describe()}: no camera at {source.video}",
                        hint="is it plugged in? 'ls /dev/video*' lists the cameras")


@dataclass(frozen=True)
class Program:
    """The encoded picture: size, rate and the x264 settings."""

    width: int = 1280
    height: int = 720
    fps: int = 30
    bitrate_kbps: int = 2500
    keyframe_s: float = 2
    encoder: str = "libx264"
    preset: str = "veryfast"
    audio_bitrate_kbps: int = 128

    def turned(self) -> "Program":
        """The same program in the other orientation (16:9 ↔ 9:16)."""
        return Program(self.height, self.width, self.fps, self.bitrate_kbps, self.keyframe_s, self.encoder,
                       self.preset, self.audio_bitrate_kbps)


@dataclass(frozen=True)
class Output:
    """A network destination: its name, full publish URL (key included) and orientation."""

    name: str
    url: str
    orientation: str = "landscape"

    @property
    def container(self) -> str:
        return "mpegts" if self.url.lower().startswith("srt:") else "flv"


@dataclass(frozen=True)
class Overlays:
    """Text and pictures drawn over the program. Text comes from files (written by
    :mod:`streaming.slate`) so any language and punctuation passes unescaped, and the
    lower-third can change during the stream (drawtext ``reload``)."""

    font: str | None = None
    lower_third_file: Path | None = None
    logo: Path | None = None
    countdown_s: float = 0
    title_file: Path | None = None
    countdown_file: Path | None = None
    qr: Path | None = None


@dataclass(frozen=True)
class Plan:
    ffmpeg: str
    source: Source
    program: Program
    outputs: tuple[Output, ...] = ()
    recording: Path | None = None
    hls_dir: Path | None = None
    pip: Source | None = None              # the presenter, small, over the main source (a tour video)
    overlays: Overlays = field(default_factory=Overlays)
    duration_s: float | None = None
    loglevel: str = "level+verbose"


def find_cjk_font() -> str | None:
    for path in CJK_FONTS:
        if os.path.isfile(path):
            return path
    return None


def build_argv(plan: Plan) -> list[str]:
    """The complete ffmpeg command line for ``plan``."""
    import ffmpeg

    if not plan.outputs and plan.recording is None and plan.hls_dir is None:
        raise LiveError("stream: no destination, recording or classroom output to send to")
    p = plan.program
    video, audio = _picture(ffmpeg, plan)
    audio = audio.filter("aresample", 48000, **{"async": 1}).filter(
        "aformat", sample_fmts="fltp", channel_layouts="stereo")
    if plan.overlays.countdown_s > 0:  # silent during the pre-roll
        audio = audio.filter("volume", volume=0, enable=f"lt(t,{plan.overlays.countdown_s:g})")

    groups = _groups(plan)
    streams = video.filter_multi_output("split", len(groups)) if len(groups) > 1 else None
    sounds = audio.filter_multi_output("asplit", len(groups)) if len(groups) > 1 else None
    outputs = []
    for i, (orientation, slaves) in enumerate(groups):
        v = streams[i] if streams is not None else video
        prog = p if orientation == _orientation(p) else p.turned()
        if prog is not p:  # fit the composed picture into the turned frame
            v = v.filter("scale", prog.width, prog.height, force_original_aspect_ratio="decrease") \
                .filter("pad", prog.width, prog.height, "(ow-iw)/2", "(oh-ih)/2", color="black")
        v = v.filter("format", "yuv420p")
        a = sounds[i] if sounds is not None else audio
        outputs.append(ffmpeg.output(v, a, "|".join(slaves), f="tee", **_encoder_args(prog, plan.duration_s)))
    cmd = ffmpeg.merge_outputs(*outputs) if len(outputs) > 1 else outputs[0]
    # -nostats: health comes from -progress; the stderr tail keeps only messages.
    return cmd.global_args("-nostdin", "-nostats", "-loglevel", plan.loglevel, "-progress", "pipe:1",
                           "-stats_period", "0.5").compile(cmd=plan.ffmpeg)


def build_still_argv(plan: Plan, out: Path) -> list[str]:
    """The ffmpeg command line that writes the first frame of ``plan``'s program picture
    to the PNG file ``out`` (same source, layout and overlays; the outputs are ignored)."""
    import ffmpeg

    video, _ = _picture(ffmpeg, plan)
    cmd = ffmpeg.output(video.filter("format", "rgb24"), str(out), vframes=1, f="image2", vcodec="png",
                        update=1)
    return cmd.global_args("-nostdin", "-nostats", "-loglevel", "level+error", "-y").compile(cmd=plan.ffmpeg)


def _picture(ffmpeg, plan: Plan):
    """The composed program: the source fitted into the program size, the presenter,
    the overlays. Returns the video and audio streams."""
    p = plan.program
    video, audio = _inputs(ffmpeg, plan.source, p)
    video = video.filter("scale", p.width, p.height, force_original_aspect_ratio="decrease") \
        .filter("pad", p.width, p.height, "(ow-iw)/2", "(oh-ih)/2", color="black") \
        .filter("setsar", 1).filter("fps", p.fps)
    if plan.pip is not None:
        video, audio = _picture_in_picture(ffmpeg, video, audio, plan.pip, p)
    return _overlay(ffmpeg, video, plan.overlays, p), audio


def _orientation(p: Program) -> str:
    return "portrait" if p.height > p.width else "landscape"


def _groups(plan: Plan) -> list[tuple[str, list[str]]]:
    """Tee slaves per orientation; the recording and classroom HLS follow the program's own."""
    main = _orientation(plan.program)
    groups: dict[str, list[str]] = {main: []}
    for out in plan.outputs:
        groups.setdefault(out.orientation, []).append(
            f"[f=fifo:fifo_format={out.container}:{FIFO_OPTIONS}]{_tee_escape(out.url)}")
    if plan.recording is not None:
        groups[main].append(f"[f=mp4:{RECORDING_OPTIONS}]{_tee_escape(str(plan.recording))}")
    if plan.hls_dir is not None:
        groups[main].append("[f=hls:hls_time=2:hls_list_size=10:hls_flags=delete_segments+independent_segments]"
                            + _tee_escape(str(Path(plan.hls_dir) / "index.m3u8")))
    return [(k, v) for k, v in groups.items() if v]


def _tee_escape(target: str) -> str:
    # The tee muxer splits on '|' and reads '[' as the start of options.
    for ch in "\\|[]":
        target = target.replace(ch, "\\" + ch)
    return target


def _inputs(ffmpeg, source: Source, p: Program):
    rate = str(p.fps)
    if source.kind in ("testsrc", "slate"):
        pattern = "testsrc2" if source.kind == "testsrc" else "color=c=0x1d2733"
        sep = "=" if source.kind == "testsrc" else ":"
        video = ffmpeg.input(f"{pattern}{sep}size={p.width}x{p.height}:rate={rate}", f="lavfi", re=None).video
        tone = "sine=frequency=440:sample_rate=48000" if source.kind == "testsrc" else \
            "anullsrc=channel_layout=stereo:sample_rate=48000"
        return video, ffmpeg.input(tone, f="lavfi", re=None).audio
    if source.kind == "file":
        inp = ffmpeg.input(source.video, re=None, stream_loop=-1)
        return inp.video, inp.audio if source.has_audio else _silence(ffmpeg)
    if source.kind == "v4l2":
        video = ffmpeg.input(source.video, f="v4l2", framerate=rate, thread_queue_size=512).video
        if not source.has_audio:
            return video, _silence(ffmpeg)
        return video, ffmpeg.input(source.audio, f=source.audio_api, thread_queue_size=512).audio
    if source.kind == "avfoundation":
        inp = ffmpeg.input(f"{source.video}:{source.audio or 'none'}", f="avfoundation", framerate=rate)
        return inp.video, inp.audio if source.has_audio else _silence(ffmpeg)
    if source.kind == "dshow":
        spec = f"video={source.video}" + (f":audio={source.audio}" if source.audio else "")
        inp = ffmpeg.input(spec, f="dshow", framerate=rate, rtbufsize="100M")
        return inp.video, inp.audio if source.has_audio else _silence(ffmpeg)
    if source.kind in ("x11grab", "gdigrab"):
        video = ffmpeg.input(source.video, f=source.kind, framerate=rate, draw_mouse=1).video
        return video, _silence(ffmpeg)
    raise LiveError(f"source: unknown kind '{source.kind}'")


def _picture_in_picture(ffmpeg, video, audio, pip: Source, p: Program):
    """The presenter in a corner (a quarter of the width), over the main picture; their
    microphone over the main sound, which is lowered so the voice carries."""
    small, voice = _inputs(ffmpeg, pip, p)
    margin = p.height // 30
    small = small.filter("scale", p.width // 4, -2).filter("setsar", 1)
    video = ffmpeg.overlay(video, small, x=f"W-w-{margin}", y=f"H-h-{margin}", eof_action="repeat")
    mixed = ffmpeg.filter([audio, voice], "amix", inputs=2, weights="0.3 1", normalize=0, duration="longest")
    return video, mixed


def _silence(ffmpeg):
    return ffmpeg.input("anullsrc=channel_layout=stereo:sample_rate=48000", f="lavfi").audio


def _overlay(ffmpeg, video, o: Overlays, p: Program):
    h = p.height
    text = dict(fontfile=o.font) if o.font else {}
    if o.logo is not None:
        logo = ffmpeg.input(str(o.logo), loop=1).video.filter("scale", -1, h // 10)
        video = ffmpeg.overlay(video, logo, x=f"W-w-{h // 30}", y=h // 30, shortest=0)
    if o.lower_third_file is not None:
        video = video.drawtext(textfile=str(o.lower_third_file), reload=1, expansion="none", fontsize=h // 22,
                               fontcolor="white", box=1, boxcolor="black@0.6", boxborderw=h // 60,
                               x=p.width // 20, y=f"h-{h // 6}", **text)
    if o.countdown_s > 0:
        slate = ffmpeg.input(f"color=c=0x1d2733:size={p.width}x{p.height}:rate={p.fps}", f="lavfi").video
        if o.title_file is not None:
            slate = slate.drawtext(textfile=str(o.title_file), expansion="none", fontsize=h // 12,
                                   fontcolor="white", x="(w-text_w)/2", y=f"h/2-{h // 6}", **text)
        if o.countdown_file is not None:
            slate = slate.drawtext(textfile=str(o.countdown_file), fontsize=h // 10, fontcolor="0xf5c542",
                                   x="(w-text_w)/2", y="h/2", **text)
        if o.qr is not None:
            qr = ffmpeg.input(str(o.qr), loop=1).video.filter("scale", h // 4, h // 4)
            slate = ffmpeg.overlay(slate, qr, x=f"W-w-{h // 20}", y=f"H-h-{h // 20}")
        video = ffmpeg.overlay(video, slate, enable=f"lt(t,{o.countdown_s:g})")
    return video


def _encoder_args(p: Program, duration_s: float | None) -> dict:
    gop = max(1, round(p.fps * p.keyframe_s))
    args = {
        "vcodec": p.encoder, "preset": p.preset, "tune": "zerolatency", "g": gop, "keyint_min": gop,
        "sc_threshold": 0, "b:v": f"{p.bitrate_kbps}k", "maxrate": f"{p.bitrate_kbps}k",
        "bufsize": f"{p.bitrate_kbps * 2}k", "acodec": "aac", "b:a": f"{p.audio_bitrate_kbps}k", "ar": 48000,
        "ac": 2, "flags": "+global_header",
    }
    if p.encoder != "libx264":  # preset/tune are x264 words; other encoders refuse them
        for k in ("preset", "tune", "sc_threshold"):
            args.pop(k)
    if duration_s:
        args["t"] = f"{duration_s:g}"
    return args
