"""A tour as a video for platforms: Bilibili (16:9), Douyin, Kuaishou, WeChat Channels (9:16).

Each stop is a shot: the hall's panorama reprojected by ffmpeg's ``v360`` to a
rectilinear still a little wider than the frame, which the camera then pans across
(an eased ``crop``), with the stop's title drawn on top. 9:16 reframes the view
(a narrower horizontal field, the same vertical one: no letterbox). The narration
clips are laid end to end at each shot's start, and the whole soundtrack goes
through the loudness step to −14 LUFS (platform videos). Captions are a soft
``mov_text`` track, shifted to each shot. The final encode (H.264/AAC MP4) runs
through the one runner: progress, and cancel stops ffmpeg.

Planning (:func:`plan_tour_video`) is separate from rendering, and every ffmpeg
command is built as an argv list.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from assets.audio.captions import Cue, parse_webvtt_text, to_srt
from assets.audio.loudness import VIDEO
from assets.audio.recording import prepare_recording
from assets.errors import InputError
from assets.media_store import MediaStore
from streaming.errors import StreamFailed
from assets.media_tools import find_ffmpeg
from assets.progress import Progress, null_progress
from assets.project import Project
from streaming.runner import run as run_ffmpeg

ASPECTS = {"16:9": (1280, 720), "9:16": (720, 1280)}
FPS = 25
PAN_DEG = 24.0       # how far the camera turns during a shot
LEAD_IN = 0.6        # seconds of picture before the narration starts
TAIL = 1.0           # and after it ends
SILENT_SHOT = 4.0    # a stop with no narration


@dataclass(frozen=True)
class Shot:
    title: str
    panorama_sha: str
    canvas: tuple[int, int, int, int, int, int] | None  # full w, h, crop left, top, w, h (partial panoramas)
    yaw: float
    pitch: float
    fov: float
    audio_sha: str | None
    cues: tuple[Cue, ...]
    seconds: float


@dataclass(frozen=True)
class TourVideo:
    path: Path
    seconds: float
    width: int
    height: int
    shots: int


def parse_size(size: str | None, aspect: str) -> tuple[int, int]:
    if aspect not in ASPECTS:
        raise InputError(f"aspect {aspect!r}: use 16:9 or 9:16")
    if not size:
        return ASPECTS[aspect]
    try:
        w, h = (int(v) for v in size.lower().split("x"))
    except ValueError:
        raise InputError(f"size {size!r}: write it as WIDTHxHEIGHT, e.g. 1920x1080") from None
    if w < 64 or h < 64 or w % 2 or h % 2 or w > 4096 or h > 4096:
        raise InputError(f"size {size!r}: width and height must be even, 64 to 4096")
    return w, h


def plan_tour_video(project: Project, tour: str, *, lang: str = "zh") -> list[Shot]:
    """The shots of ``tour``: each stop's hall, view, title, narration and captions."""
    from scenes.model import load_exhibition

    exhibition = load_exhibition(project)
    try:
        t = exhibition.tour(tour)
    except KeyError:
        raise InputError(f"{project.path}: no tour {tour!r}",
                         hint="see 'yunzhan tour list'") from None
    if not t.stops:
        raise InputError(f"{project.path}: tour {tour!r} has no stops")
    db = project.db
    shots = []
    for position, stop in enumerate(t.stops):
        hall = exhibition.hall(stop.hall)
        row = db.execute("SELECT n.audio_sha, n.vtt, n.duration_s FROM narrations n JOIN tour_stops s "
                         "ON n.subject = 'stop' AND n.ref_id = s.id WHERE s.tour_id = ? AND s.position = ? "
                         "AND n.lang = ? AND n.audio_sha IS NOT NULL", (t.id, position, lang)).fetchone()
        row = row or db.execute("SELECT audio_sha, vtt, duration_s FROM narrations WHERE subject = 'hall' "
                                "AND ref_id = ? AND lang = ? AND audio_sha IS NOT NULL", (hall.id, lang)).fetchone()
        if row is None and stop.narration_sha:
            media = db.execute("SELECT duration_s FROM media WHERE sha256 = ?", (stop.narration_sha,)).fetchone()
            row = (stop.narration_sha, "", media[0] if media else None)
        audio, vtt, duration = row if row else (None, "", None)
        cues = tuple(parse_webvtt_text(vtt)) if vtt else ()
        seconds = (LEAD_IN + duration + TAIL) if audio and duration else SILENT_SHOT
        pano = db.execute("SELECT full_width, full_height, crop_left, crop_top, crop_width, crop_height "
                          "FROM panoramas WHERE sha256 = ?", (hall.panorama_sha,)).fetchone()
        canvas = None
        if pano and (pano[2], pano[3], pano[4], pano[5]) != (0, 0, pano[0], pano[1]):
            canvas = tuple(pano)
        title = (hall.title_zh or hall.title_en) if lang == "zh" else (hall.title_en or hall.title_zh)
        view = stop.view or hall.view
        shots.append(Shot(f"{position + 1}. {title or hall.slug}", hall.panorama_sha, canvas, view.yaw, view.pitch,
                          view.fov, audio, cues, seconds))
    return shots


def still_geometry(width: int, height: int, fov: float) -> tuple[int, float, float]:
    """(still width, its horizontal field, the vertical field) for a frame of width×height.

    Landscape frames show the view's horizontal field; portrait frames keep it as the
    vertical field (reframing, no letterbox). The still is wide enough to pan PAN_DEG."""
    fov = min(max(fov, 30.0), 120.0)
    if width >= height:
        h_fov = fov
        v_fov = math.degrees(2 * math.atan(math.tan(math.radians(fov / 2)) * height / width))
    else:
        v_fov = fov
        h_fov = math.degrees(2 * math.atan(math.tan(math.radians(fov / 2)) * width / height))
    wide = min(h_fov + PAN_DEG, 150.0)
    still_w = int(round(width * math.tan(math.radians(wide / 2)) / math.tan(math.radians(h_fov / 2)) / 2)) * 2
    return still_w, wide, v_fov


def still_argv(ffmpeg: str, panorama: Path, out: Path, shot: Shot, width: int, height: int) -> list[str]:
    still_w, wide, v_fov = still_geometry(width, height, shot.fov)
    chain = ""
    if shot.canvas:
        full_w, full_h, left, top, crop_w, crop_h = shot.canvas
        chain = f"scale={crop_w}:{crop_h},pad={full_w}:{full_h}:{left}:{top}:black,"
    chain += (f"v360=input=e:output=flat:yaw={shot.yaw:.3f}:pitch={shot.pitch:.3f}:h_fov={wide:.3f}"
              f":v_fov={v_fov:.3f}:w={still_w}:h={height}:interp=linear")
    return [ffmpeg, "-nostdin", "-hide_banner", "-v", "error", "-y", "-i", str(panorama), "-vf", chain,
            "-frames:v", "1", "-update", "1", "-q:v", "2", str(out)]


def soundtrack_argv(ffmpeg: str, shots: list[Shot], clips: dict[int, Path], out: Path) -> list[str]:
    """Each shot's narration placed LEAD_IN after the shot starts, silence elsewhere: one WAV."""
    argv = [ffmpeg, "-nostdin", "-hide_banner", "-v", "error", "-y"]
    parts, n = [], 0
    for i, shot in enumerate(shots):
        if i in clips:
            argv += ["-i", str(clips[i])]
            parts.append(f"[{n}:a]aformat=sample_rates=48000:channel_layouts=mono,"
                         f"adelay={int(LEAD_IN * 1000)}:all=1,apad,atrim=0:{shot.seconds:.3f}[a{i}]")
            n += 1
        else:
            parts.append(f"anullsrc=r=48000:cl=mono,atrim=0:{shot.seconds:.3f}[a{i}]")
    graph = ";".join(parts) + ";" + "".join(f"[a{i}]" for i in range(len(shots))) + \
        f"concat=n={len(shots)}:v=0:a=1[out]"
    return argv + ["-filter_complex", graph, "-map", "[out]", "-c:a", "pcm_s16le", str(out)]


def video_argv(ffmpeg: str, shots: list[Shot], stills: list[Path], titles: list[Path], font: str | None,
               soundtrack: Path, captions: Path | None, out: Path, width: int, height: int, *,
               burn_captions: bool = False) -> list[str]:
    """The final encode. Captions go in as a soft ``mov_text`` track, and with
    ``burn_captions`` are also drawn into the picture (platforms that show no soft
    tracks: Douyin, Kuaishou, WeChat Channels)."""
    argv = [ffmpeg, "-nostdin", "-hide_banner", "-v", "error", "-y", "-progress", "pipe:1", "-nostats"]
    for shot, still in zip(shots, stills):
        argv += ["-i", str(still)]
    argv += ["-i", str(soundtrack)]
    if captions:
        argv += ["-i", str(captions)]
    parts = []
    size = max(16, height // 22)
    for i, (shot, title) in enumerate(zip(shots, titles)):
        pan = f"(iw-ow)*(0.5-0.5*cos(PI*t/{shot.seconds:.3f}))"
        text = (f",drawtext=textfile='{title}':expansion=none" + (f":fontfile='{font}'" if font else "") +
                f":fontsize={size}:fontcolor=white:box=1:boxcolor=black@0.55:boxborderw={size // 2}"
                f":x=(w-tw)/2:y=h*0.06")
        # The still is decoded once and repeated by the loop filter (an input looped with
        # -loop 1 would decode the picture again for every frame).
        frames = max(1, round(shot.seconds * FPS))
        parts.append(f"[{i}:v]loop=loop={frames - 1}:size=1:start=0,setpts=N/({FPS}*TB),"
                     f"crop={width}:{height}:x='{pan}':y=0{text},setsar=1,format=yuv420p[v{i}]")
    graph = ";".join(parts) + ";" + "".join(f"[v{i}]" for i in range(len(shots))) + \
        f"concat=n={len(shots)}:v=1:a=0" + ("[joined];[joined]" + _burn(captions, height) if burn_captions and captions
                                           else "") + "[v]"
    n = len(shots)
    argv += ["-filter_complex", graph, "-map", "[v]", "-map", f"{n}:a"]
    if captions:
        argv += ["-map", f"{n + 1}:s", "-c:s", "mov_text", "-metadata:s:s:0", "language=chi"]
    argv += ["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-r", str(FPS), "-g", str(FPS * 2),
             "-pix_fmt", "yuv420p", "-c:a", "copy", "-movflags", "+faststart", str(out)]
    return argv


def _burn(captions: Path, height: int) -> str:
    # libass sizes text against a 288-line script; fontconfig finds the CJK font.
    style = "FontName=Noto Sans CJK SC,FontSize=13,Outline=1,Shadow=0,MarginV=24,BorderStyle=1"
    path = str(captions).replace("\\", "/").replace(":", "\\:").replace("'", "\\'")
    return f"subtitles=filename='{path}':force_style='{style}'"


def shifted_cues(shots: list[Shot]) -> list[Cue]:
    out, start = [], 0.0
    for shot in shots:
        out += [Cue(start + LEAD_IN + c.start, start + LEAD_IN + c.end, c.text) for c in shot.cues]
        start += shot.seconds
    return out


def render_tour(project: Project, tour: str, out: Path, *, aspect: str = "16:9", size: str | None = None,
                lang: str = "zh", burn_captions: bool = False, progress: Progress | None = None) -> TourVideo:
    """Render ``tour`` to an H.264/AAC MP4 at ``out`` (written whole, or not at all)."""
    from scenes.opendata.cjk_font import find_cjk_font

    progress = progress or null_progress()
    width, height = parse_size(size, aspect)
    out = Path(out)
    if not out.parent.is_dir():
        raise InputError(f"{out}: folder {out.parent} does not exist")
    shots = plan_tour_video(project, tour, lang=lang)
    ffmpeg = find_ffmpeg(project.get_setting("tools.ffmpeg"))
    store = MediaStore(project)
    try:
        font = str(find_cjk_font().path)
    except Exception:  # titles still render with ffmpeg's default font, if it has one
        font = None
    total = sum(s.seconds for s in shots)
    with tempfile.TemporaryDirectory(prefix="yunzhan-tour-") as tmp:
        work = Path(tmp)
        progress.start(len(shots), "preparing the tour's pictures")
        stills, titles, clips, panos = [], [], {}, {}
        for i, shot in enumerate(shots):
            progress.check()
            if shot.panorama_sha not in panos:
                ext = store.info(shot.panorama_sha).ext
                panos[shot.panorama_sha] = store.extract(shot.panorama_sha, work / f"pano{len(panos)}.{ext}")
            still = work / f"still{i}.jpg"
            _run_quick(still_argv(ffmpeg, panos[shot.panorama_sha], still, shot, width, height))
            stills.append(still)
            title = work / f"title{i}.txt"
            title.write_text(shot.title, encoding="utf-8")
            titles.append(title)
            if shot.audio_sha:
                ext = store.info(shot.audio_sha).ext
                clips[i] = store.extract(shot.audio_sha, work / f"clip{i}.{ext}")
            progress.advance(1)
        raw = work / "soundtrack.wav"
        _run_quick(soundtrack_argv(ffmpeg, shots, clips, raw))
        if clips:
            prepared = prepare_recording(raw, target=VIDEO, ffmpeg=ffmpeg, trim=False, max_seconds=6 * 3600,
                                         progress=progress)
            soundtrack = work / "soundtrack.m4a"
            soundtrack.write_bytes(prepared.m4a)
        else:
            soundtrack = work / "soundtrack.m4a"
            _run_quick([ffmpeg, "-v", "error", "-y", "-i", str(raw), "-c:a", "aac", str(soundtrack)])
        cues = shifted_cues(shots)
        captions = None
        if cues:
            captions = work / "captions.srt"
            captions.write_text(to_srt(cues), encoding="utf-8")
        partial = work / ("video" + out.suffix if out.suffix else "video.mp4")
        progress.check()
        run_ffmpeg(video_argv(ffmpeg, shots, stills, titles, font, soundtrack, captions, partial, width, height,
                              burn_captions=burn_captions), progress=progress, duration_s=total)
        progress.check()
        shutil.move(str(partial), out)
    return TourVideo(out, total, width, height, len(shots))


def _run_quick(argv: list[str]) -> None:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise StreamFailed(f"ffmpeg stopped with exit code {done.returncode}: {last}", argv=argv,
                           returncode=done.returncode, stderr_tail=done.stderr.splitlines()[-40:])
