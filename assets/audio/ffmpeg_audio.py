"""ffmpeg commands for narration audio, built as argv lists, and one small runner.

Builders are pure functions (tested as data); :func:`run` executes one command and
turns a failure into an :class:`~assets.audio.errors.AudioError` that names the file
and keeps ffmpeg's last line. (Streaming has its own runner with live progress; audio
commands here are short, so a blocking run with a timeout is enough.)
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from assets.audio.errors import AudioError
from assets.audio.loudness import Target
from assets.errors import Cancelled

WEB_BITRATE = "64k"
RECORDING_BITRATE = "96k"  # 64k AAC overshoots the true peak of full-band speech by ~2 dB
# Silence at either end of a recording: quieter than this for longer than 0.2 s.
SILENCE_DB = -45
_TRIM = (f"silenceremove=start_periods=1:start_duration=0.05:start_threshold={SILENCE_DB}dB,areverse,"
         f"silenceremove=start_periods=1:start_duration=0.05:start_threshold={SILENCE_DB}dB,areverse")


# Opus for the web beside the AAC: about half the bytes of 64k AAC for speech. Constrained
# VBR at complexity 5 keeps the size near the bitrate at a third of complexity 10's cost.
OPUS_ARGS = ["-c:a", "libopus", "-b:a", "32k", "-vbr", "constrained", "-compression_level", "5"]
OPUS_MIME, OPUS_EXT = "audio/webm", "webm"   # WebM: Opus as Safari, Chrome and Firefox all play it


def _aac_args(bitrate: str) -> list[str]:
    return ["-c:a", "aac", "-aac_coder", "fast", "-b:a", bitrate, "-movflags", "+faststart"]


def encode_pcm_argv(ffmpeg: str, rate: int, out: Path, *, bitrate: str = WEB_BITRATE,
                    opus_out: Path | None = None) -> list[str]:
    """Mono float samples on stdin → AAC in an MP4 (.m4a), ready for the web (and the
    same as Opus in WebM at ``opus_out``)."""
    return encode_batch_argv(ffmpeg, [("pipe:0", rate, out, opus_out)], bitrate=bitrate)


def encode_batch_argv(ffmpeg: str, jobs: list[tuple[Path | str, int, Path, Path | None]], *,
                      bitrate: str = WEB_BITRATE) -> list[str]:
    """Several clips in one ffmpeg run (one start-up instead of one per clip): each job is
    (raw mono float samples file, its rate, the .m4a to write, the .webm to write or None)."""
    argv = [ffmpeg, "-nostdin", "-hide_banner", "-v", "error", "-y"]
    for pcm, rate, _, _ in jobs:
        argv += ["-f", "f32le", "-ar", str(rate), "-ac", "1", "-i", str(pcm)]
    for n, (_, _, m4a, opus) in enumerate(jobs):
        argv += ["-map", f"{n}:a", *_aac_args(bitrate), str(m4a)]
        if opus is not None:
            argv += ["-map", f"{n}:a", *OPUS_ARGS, str(opus)]
    return argv


def measure_argv(ffmpeg: str, src: Path, *, trim: bool = False) -> list[str]:
    """``ebur128`` with true peak over a file (optionally with its silent ends trimmed;
    then ``silencedetect`` before the trim also reports how long the leading silence is)."""
    detect = f"silencedetect=n={SILENCE_DB}dB:d=0.05,"
    chain = (detect + _TRIM + "," if trim else "") + "ebur128=peak=true:framelog=verbose"
    return [ffmpeg, "-nostdin", "-hide_banner", "-nostats", "-i", str(src), "-vn", "-sn", "-dn",
            "-af", chain, "-f", "null", "-"]


def _limited_chain(gain_db: float, target: Target, trim: bool) -> str:
    """Trim, gain to about the target, then the oversampled limiter (88.2 kHz) that
    lets the two-pass linear loudnorm after it reach the target."""
    ceiling = 10 ** ((target.true_peak - 1.5) / 20)
    return ((_TRIM + "," if trim else "") + "aformat=channel_layouts=mono," +
            f"volume={gain_db:.2f}dB,aresample=88200,alimiter=limit={ceiling:.4f}:attack=2:release=40:level=false")


def loudnorm_measure_argv(ffmpeg: str, src: Path, gain_db: float, target: Target, *, trim: bool) -> list[str]:
    chain = _limited_chain(gain_db, target, trim) + (
        f",loudnorm=I={target.lufs}:TP={target.true_peak}:LRA=20:print_format=json")
    return [ffmpeg, "-nostdin", "-hide_banner", "-nostats", "-i", str(src), "-vn", "-sn", "-dn",
            "-af", chain, "-f", "null", "-"]


def loudnorm_apply_argv(ffmpeg: str, src: Path, out: Path, gain_db: float, target: Target, measured: dict, *,
                        trim: bool, offset: float = 0.0, opus_out: Path | None = None) -> list[str]:
    """The second pass, encoding to AAC (and Opus at ``opus_out``, from the same filtered
    audio). ``offset`` dB more gain (loudnorm ignores its own ``offset`` in linear mode, so
    the measured loudness is lowered by as much instead)."""
    chain = _limited_chain(gain_db, target, trim) + (
        f",loudnorm=I={target.lufs}:TP={target.true_peak}:LRA=20:linear=true"
        f":measured_I={float(measured['input_i']) - offset:.2f}:measured_TP={measured['input_tp']}"
        f":measured_LRA={measured['input_lra']}:measured_thresh={measured['input_thresh']}"
        f":offset=0:print_format=json,aresample=48000")
    head = [ffmpeg, "-nostdin", "-hide_banner", "-nostats", "-y", "-i", str(src), "-vn", "-sn", "-dn"]
    aac = ["-ac", "1", "-c:a", "aac", "-b:a", RECORDING_BITRATE, "-movflags", "+faststart", str(out)]
    if opus_out is None:
        return head + ["-af", chain] + aac
    return head + ["-filter_complex", f"[0:a]{chain},asplit=2[aac][opus]", "-map", "[aac]"] + aac + [
        "-map", "[opus]", "-ac", "1", *OPUS_ARGS, str(opus_out)]


@dataclass(frozen=True)
class Ebur128:
    lufs: float
    true_peak: float


_SUMMARY_I = re.compile(r"^\s*I:\s*(-?[\d.]+|-inf)\s*LUFS", re.M)
_SUMMARY_PEAK = re.compile(r"True peak:\s*\n\s*Peak:\s*(-?[\d.]+|-inf)\s*dBFS", re.M)


def parse_ebur128(stderr: str) -> Ebur128:
    """The integrated loudness and true peak from ``ebur128``'s summary (the last one)."""
    summary = stderr[stderr.rfind("Summary:"):]
    i = _SUMMARY_I.findall(summary)
    peak = _SUMMARY_PEAK.findall(summary)
    if not i:
        raise ValueError("no ebur128 summary")
    return Ebur128(float(i[-1]), float(peak[-1]) if peak else float("nan"))


_SILENCE_END = re.compile(r"silence_end: (-?[\d.]+)")
_SILENCE_START = re.compile(r"silence_start: (-?[\d.]+)")


def parse_leading_silence(stderr: str) -> float:
    """Seconds of silence at the start, from ``silencedetect`` (0 when the sound starts at once)."""
    start, end = _SILENCE_START.search(stderr), _SILENCE_END.search(stderr)
    if start is None or end is None or float(start.group(1)) > 0.01:
        return 0.0
    return max(0.0, float(end.group(1)))


def parse_loudnorm(stderr: str) -> dict:
    """loudnorm's ``print_format=json`` block (the last one)."""
    start = stderr.rfind("{")
    end = stderr.rfind("}")
    if start < 0 or end < start:
        raise ValueError("no loudnorm report")
    return json.loads(stderr[start:end + 1])


def run(argv: list[str], *, what: Path | str, stdin: bytes | None = None, timeout: float = 600,
        progress=None) -> str:
    """Run one ffmpeg command; its stderr. Raises :class:`AudioError` naming ``what``."""
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    except OSError as e:
        raise AudioError(f"{what}: cannot run ffmpeg ({e.strerror})") from None
    try:
        _, err = proc.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise AudioError(f"{what}: ffmpeg took longer than {timeout:g} s") from None
    text = err.decode("utf-8", "replace")
    if proc.returncode != 0:
        lines = [ln for ln in text.strip().splitlines() if ln.strip()]
        raise AudioError(f"{what}: ffmpeg failed ({lines[-1].strip() if lines else f'exit {proc.returncode}'})")
    if progress is not None and progress.cancelled:
        raise Cancelled()
    return text
