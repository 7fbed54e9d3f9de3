"""Recorded narration through the real ffmpeg: every clip ends at −16 LUFS, ≤ −1.5 dBTP."""

from __future__ import annotations

import struct
import subprocess

import pytest

from assets.audio.errors import AudioError
from assets.audio.recording import prepare_recording
from assets.media_tools import duration_s, find_ffmpeg, probe
from tests.narration.helpers import ebur128, make_tone_speech


@pytest.mark.parametrize("gain_db, expected", [(-21.2, -37.0), (1.8, -14.0)])
def test_quiet_and_loud_recordings_end_at_the_web_target(tmp_path, gain_db, expected):
    src = make_tone_speech(tmp_path / "phone.wav", lufs_gain_db=gain_db)
    assert abs(ebur128(src).lufs - expected) <= 1.0  # the recording is as quiet/loud as the issue measured
    prepared = prepare_recording(src)
    out = tmp_path / "out.m4a"
    out.write_bytes(prepared.m4a)
    measured = ebur128(out)
    assert abs(measured.lufs - -16) <= 0.5 and measured.true_peak <= -1.5
    assert 5.0 <= prepared.duration_s <= 6.5  # 1 s of silence at each end trimmed from 8 s


def test_an_imported_recording_also_gets_a_smaller_opus_at_the_same_loudness(project, tmp_path, realdata):
    from assets.catalog import Catalog, CatalogObject
    from assets.media_store import MediaStore
    from scenes.narration.recordings import import_recording

    Catalog(project).add(CatalogObject("1977.1", title_zh="青铜鼎"))
    src = sorted((realdata / "audio").glob("*.wav"))[0]
    import_recording(project, "1977.1", "zh", src)
    aac_sha, opus_sha = project.db.execute("SELECT audio_sha, opus_sha FROM narrations").fetchone()
    store = MediaStore(project)
    assert store.info(opus_sha).mime == "audio/webm"
    aac, opus = tmp_path / "n.m4a", tmp_path / "n.webm"
    store.extract(aac_sha, aac)
    store.extract(opus_sha, opus)
    assert [s["codec_name"] for s in probe(opus)["streams"]] == ["opus"]
    assert opus.stat().st_size < aac.stat().st_size
    assert abs(duration_s(probe(opus)) - duration_s(probe(aac))) < 0.1
    measured = ebur128(opus)  # the same filtered audio as the AAC, only encoded differently
    assert abs(measured.lufs - -16) <= 0.5 and measured.true_peak <= -0.5, measured


def test_real_speech_recordings_end_at_the_web_target(tmp_path, realdata):
    files = sorted((realdata / "audio").glob("*.wav"))
    assert files
    opus_kept = 0
    for src in files:
        prepared = prepare_recording(src, opus=True)
        out = tmp_path / (src.stem + ".m4a")
        out.write_bytes(prepared.m4a)
        measured = ebur128(out)
        assert abs(measured.lufs - -16) <= 0.5, (src.name, measured)
        assert measured.true_peak <= -1.5, (src.name, measured)
        assert prepared.original_lufs < -19  # they were recorded quieter than the target
        if prepared.opus is not None:  # offered only where smaller and clear of full scale
            opus_kept += 1
            webm = out.with_suffix(".webm")
            webm.write_bytes(prepared.opus)
            opus = ebur128(webm)
            assert abs(opus.lufs - -16) <= 0.5 and opus.true_peak <= -0.5, (src.name, opus)
            assert len(prepared.opus) < len(prepared.m4a)
    assert opus_kept >= 1


def test_bad_recordings_are_one_line_errors_naming_the_file(tmp_path):
    jpeg = tmp_path / "stop1.mp3"
    jpeg.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(2000))
    with pytest.raises(AudioError, match=r"stop1\.mp3: not an audio file \(it is a JPEG image\)$"):
        prepare_recording(jpeg)

    silent = tmp_path / "silent.wav"
    rate = 16000
    silent.write_bytes(_wav_header(rate, rate * 2 * 3) + bytes(rate * 2 * 3))
    with pytest.raises(AudioError, match=r"silent\.wav: silence only"):
        prepare_recording(silent)

    # A 3-hour recording (silent FLAC at 8 kHz: 2 MB, written in a few seconds).
    long = tmp_path / "lecture.flac"
    subprocess.run([find_ffmpeg(), "-v", "error", "-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-t", "10800",
                    "-c:a", "flac", str(long)], check=True, timeout=120)
    with pytest.raises(AudioError, match=r"lecture\.flac: recording is 180 minutes long \(at most 30\)"):
        prepare_recording(long)


def _wav_header(rate: int, data_bytes: int) -> bytes:
    return (b"RIFF" + struct.pack("<I", 36 + data_bytes) + b"WAVEfmt " +
            struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16) + b"data" + struct.pack("<I", data_bytes))


def test_imported_captions_move_with_the_trimmed_leading_silence(project, tmp_path):
    """Captions timed on the recording as made (speech from 1 s) line up with the clip,
    whose first second of silence was cut."""
    import webvtt

    from assets.audio.captions import parse_webvtt_text
    from assets.catalog import Catalog, CatalogObject
    from scenes.narration.recordings import import_recording

    Catalog(project).add(CatalogObject("1977.1", title_zh="青铜鼎"))
    src = make_tone_speech(tmp_path / "take.wav", lufs_gain_db=-10)
    srt = tmp_path / "take.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:04,000\n这是一件青铜鼎。\n\n"
                   "2\n00:00:04,200 --> 00:00:07,000\n商代晚期。\n", encoding="utf-8")
    n = import_recording(project, "1977.1", "zh", src, captions=srt)
    assert [c.text for c in webvtt.from_string(n.vtt).captions] == ["这是一件青铜鼎。", "商代晚期。"]
    cues = parse_webvtt_text(n.vtt)
    assert abs(cues[0].start - 0.0) <= 0.1 and abs(cues[1].start - 3.2) <= 0.1
    assert cues[1].end <= n.duration_s + 0.01
