"""Recorded narration: a curator's own voice (phone or studio recording) made ready
for the web.

wav, mp3, m4a/aac, ogg/opus, flac and amr are accepted. The silent ends are trimmed,
the loudness measured with ffmpeg's ``ebur128`` (true peak included), then an
oversampled limiter and two-pass ``loudnorm`` in linear mode bring it to the
target (−16 LUFS, −1.5 dBTP for the web) and it is encoded as AAC (.m4a), and as
Opus (.webm) where that saves bytes. The
original file is kept unchanged by the caller.
"""

from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass
from pathlib import Path

from assets.audio import ffmpeg_audio as fa
from assets.audio.errors import AudioError
from assets.audio.loudness import WEB, Target
from assets.audio.speak import smaller_opus
from assets.media_tools import duration_s, find_ffmpeg, probe

RECORDING_EXTENSIONS = {".wav": "audio/wav", ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".aac": "audio/aac",
                        ".ogg": "audio/ogg", ".opus": "audio/ogg", ".flac": "audio/flac", ".amr": "audio/amr"}
MAX_SECONDS = 30 * 60
OPUS_MAX_TRUE_PEAK = -0.5  # dBTP
_SIGNATURES = ((b"\xff\xd8\xff", "a JPEG image"), (b"\x89PNG", "a PNG image"), (b"%PDF", "a PDF document"),
               (b"PK\x03\x04", "a zip archive"), (b"GIF8", "a GIF image"))
_AUDIO_MAGIC = (b"ID3", b"RIFF", b"OggS", b"fLaC", b"#!AMR", b"\xff\xf1", b"\xff\xf9", b"\xff\xfb", b"\xff\xf3",
                b"\xff\xf2", b"\xff\xe3")


@dataclass(frozen=True)
class PreparedRecording:
    m4a: bytes
    duration_s: float
    lufs: float            # after
    true_peak: float       # after, dBTP
    original_lufs: float   # as recorded (silent ends trimmed)
    original_true_peak: float
    opus: bytes | None = None  # the same as Opus in WebM, when asked for and smaller than the AAC
    lead_trimmed_s: float = 0.0  # silence cut from the start: captions timed on the original move back by it


def check_recording(path: Path) -> None:
    """Refuse at once a file that is missing, empty or plainly not audio (by content)."""
    path = Path(path)
    if path.suffix.lower() not in RECORDING_EXTENSIONS:
        raise AudioError(f"{path}: not a recording type Yunzhan reads ({path.suffix or 'no extension'}; "
                         "use wav, mp3, m4a, aac, ogg, opus, flac or amr)")
    try:
        with path.open("rb") as f:
            head = f.read(16)
    except OSError as e:
        raise AudioError(f"{path}: cannot read ({e.strerror})") from None
    if not head:
        raise AudioError(f"{path}: empty file")
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            raise AudioError(f"{path}: not an audio file (it is {what})")
    if not (head.startswith(_AUDIO_MAGIC) or head[4:8] == b"ftyp"):
        raise AudioError(f"{path}: not an audio file Yunzhan recognises (unknown content)")


def prepare_recording(path: Path, *, target: Target = WEB, ffmpeg: str | None = None,
                      ffprobe: str | None = None, progress=None, trim: bool = True,
                      max_seconds: float = MAX_SECONDS, opus: bool = False) -> PreparedRecording:
    """Trim (unless ``trim`` is false: a soundtrack whose timing matters), measure, limit
    and normalise a recording; the AAC (and with ``opus``, the Opus) and its figures.

    :raises AudioError: naming the file (not audio, too long, silent, unreadable)."""
    path = Path(path)
    check_recording(path)
    ffmpeg = ffmpeg or find_ffmpeg()
    info = probe(path, ffprobe=ffprobe)
    if not any(s.get("codec_type") == "audio" for s in info.get("streams", [])):
        raise AudioError(f"{path}: has no audio stream")
    seconds = duration_s(info)
    if seconds is not None and seconds > max_seconds:
        raise AudioError(f"{path}: recording is {seconds / 60:.0f} minutes long (at most {max_seconds // 60:.0f})",
                         hint="cut it into one recording per stop")
    if progress is not None:
        progress.check()
    first = fa.run(fa.measure_argv(ffmpeg, path, trim=trim), what=path, progress=progress)
    before = fa.parse_ebur128(first)
    if not math.isfinite(before.lufs) or before.lufs <= -69.5:
        raise AudioError(f"{path}: silence only (nothing louder than {fa.SILENCE_DB} dB)")
    gain = target.lufs - before.lufs
    for _ in range(4):
        # Limiting lowers the loudness; raise the gain before the limiter until what
        # is left for loudnorm's linear gain fits in the limiter's headroom.
        measured = fa.parse_loudnorm(fa.run(fa.loudnorm_measure_argv(ffmpeg, path, gain, target, trim=trim),
                                            what=path, progress=progress))
        short = target.lufs - float(measured["input_i"])
        if short <= 0.15:
            break
        gain += short
    with tempfile.TemporaryDirectory(prefix="yunzhan-rec-") as tmp:
        out = Path(tmp) / "narration.m4a"
        opus_out = Path(tmp) / f"narration.{fa.OPUS_EXT}" if opus else None
        offset = 0.0
        for _ in range(2):
            applied = fa.parse_loudnorm(fa.run(fa.loudnorm_apply_argv(ffmpeg, path, out, gain, target, measured,
                                                                      trim=trim, offset=offset,
                                                                      opus_out=opus_out),
                                               what=path, progress=progress))
            if applied.get("normalization_type") != "linear":
                # Only when the limiter left no room: say so rather than ship a clip at another level.
                raise AudioError(f"{path}: could not be normalised linearly (loudnorm used "
                                 f"{applied.get('normalization_type')} mode)")
            after = fa.parse_ebur128(fa.run(fa.measure_argv(ffmpeg, out), what=path, progress=progress))
            # The encoder shifts the level a little; one correction when it is noticeable.
            if abs(target.lufs - after.lufs) <= 0.25 or after.true_peak > target.true_peak - 0.5:
                break
            offset = target.lufs - after.lufs
        length = duration_s(probe(out, ffprobe=ffprobe)) or 0.0
        aac = out.read_bytes()
        opus_bytes = smaller_opus(aac, opus_out.read_bytes() if opus_out else None)
        if opus_bytes is not None:
            # Opus overshoots peaks more than AAC (up to ~3 dB at 32 kb/s on some voices):
            # a version that would come near full scale is not offered.
            peak = fa.parse_ebur128(fa.run(fa.measure_argv(ffmpeg, opus_out), what=path, progress=progress))
            if peak.true_peak > OPUS_MAX_TRUE_PEAK:
                opus_bytes = None
        return PreparedRecording(aac, length, after.lufs, after.true_peak, before.lufs, before.true_peak, opus_bytes,
                                 fa.parse_leading_silence(first) if trim else 0.0)
