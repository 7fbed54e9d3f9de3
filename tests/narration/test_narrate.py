"""Narrating a project: default scripts, the clip cache, stale marking, recordings, the CLI."""

from __future__ import annotations

import pytest
import webvtt

from assets.audio.errors import AudioError

from assets.catalog import Catalog, CatalogObject
from assets.media_store import MediaStore
from scenes.narration.narrate import narrate, regenerate
from scenes.narration.recordings import import_recording
from scenes.narration.store import list_narrations, narration, set_text
from scenes.narration.subjects import find_subject


def _objects(project, n=2):
    Catalog(project).upsert_many([(f"row {i}", CatalogObject(
        f"1977.{i}", title_zh=f"青铜鼎{i}号", title_en=f"Bronze ding no. {i}", date_text="商代晚期",
        description_zh="1976年出土于河南安阳殷墟。", description_en="Excavated in 1976 at Anyang."))
        for i in range(1, n + 1)])


def test_every_object_is_spoken_once_then_nothing_changes(project):
    _objects(project)
    first = narrate(project)
    assert len(first.spoken) == 4 and not first.failed
    again = narrate(project)
    assert (again.spoken, again.reused, again.unchanged) == ([], [], 4)
    zh = narration(project, find_subject(project, "1977.1"), "zh")
    assert zh.text == "青铜鼎1号。商代晚期。1976年出土于河南安阳殷墟。"
    assert MediaStore(project).info(zh.audio_sha).mime == "audio/mp4"
    assert len(webvtt.from_string(zh.vtt).captions) >= 2


def test_edited_text_marks_the_clip_stale_and_the_cache_brings_it_back(project):
    _objects(project, 1)
    narrate(project)
    before = narration(project, find_subject(project, "1977.1"), "en")
    edited = set_text(project, "1977.1", "en", "A ritual cauldron.")
    assert edited.stale and edited.audio_sha == before.audio_sha  # old clip kept until spoken again
    assert narrate(project, langs=("en",)).spoken == ["object 1977.1 [en]"]
    set_text(project, "1977.1", "en", None)  # back to the composed script: spoken before, so cached
    report = narrate(project, langs=("en",))
    assert report.reused == ["object 1977.1 [en]"] and not report.spoken
    assert narration(project, find_subject(project, "1977.1"), "en").audio_sha == before.audio_sha


def test_a_bad_text_is_reported_by_name_and_keeps_the_previous_clip(project):
    _objects(project, 2)
    narrate(project, langs=("zh",))
    old = narration(project, find_subject(project, "1977.2"), "zh").audio_sha
    set_text(project, "1977.2", "zh", "🏺" * 3)
    set_text(project, "1977.1", "zh", "新的解说词。")
    report = narrate(project, langs=("zh",))
    assert [str(e) for e in report.failed] == [
        "object 1977.2 [zh]: the narration text has nothing to speak (only symbols or emoji)"]
    assert report.spoken == ["object 1977.1 [zh]"]
    assert narration(project, find_subject(project, "1977.2"), "zh").audio_sha == old


def test_a_recording_is_kept_when_narrating_and_regenerate_speaks_one(project, realdata):
    _objects(project, 1)
    n = import_recording(project, "1977.1", "zh", realdata / "audio" / "zh_css10_call_to_arms_0684_24k.wav")
    assert n.source == "recording" and n.duration_s > 4
    report = narrate(project)
    assert report.recordings == 1 and report.spoken == ["object 1977.1 [en]"]
    assert regenerate(project, "1977.1", "en").spoken == ["object 1977.1 [en]"]
    assert {x.name: x.source for x in list_narrations(project)} == {
        "object 1977.1 [zh]": "recording", "object 1977.1 [en]": "speech"}
    before = narration(project, find_subject(project, "1977.1"), "zh").audio_sha
    jpeg = project.path.with_name("photo.m4a")
    jpeg.write_bytes(b"\xff\xd8\xff\xe0" + bytes(64))
    with pytest.raises(AudioError, match=r"photo\.m4a: not an audio file \(it is a JPEG image\)"):
        import_recording(project, "1977.1", "zh", jpeg)
    assert narration(project, find_subject(project, "1977.1"), "zh").audio_sha == before  # previous clip kept


def test_cli_narrate_voice_and_import(tmp_path, run_cli, realdata):
    project = tmp_path / "m.yunzhan"
    csv = tmp_path / "o.csv"
    csv.write_text("accession,title_zh,title_en\n1977.12,妇好鸮尊,Owl-shaped zun\n", encoding="utf-8")
    assert run_cli("new", str(project)).returncode == 0
    assert run_cli("import", str(project), str(csv)).returncode == 0
    done = run_cli("narrate", str(project), "--lang", "zh")
    assert done.returncode == 0 and done.stdout.startswith("1 narrations spoken")
    rec = tmp_path / "1977.12_en.wav"
    rec.write_bytes((realdata / "audio" / "en_ljspeech_LJ028-0505_24k.wav").read_bytes())
    done = run_cli("import", str(project), str(rec))
    assert "1977.12_en.wav -> object 1977.12 [en]" in done.stdout
    bad = tmp_path / "1977.12.mp3"
    bad.write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    done = run_cli("import", str(project), str(bad))
    assert done.returncode == 1 and done.stderr == f"yunzhan: {bad}: not an audio file (it is a JPEG image)\n"
    done = run_cli("voice", "import", str(project), str(tmp_path / "none.onnx"))
    assert done.returncode == 1 and done.stderr.startswith(f"yunzhan: {tmp_path / 'none.onnx'}: voice file missing")
    listing = run_cli("narration", "list", str(project)).stdout
    assert "object 1977.12 [zh]" in listing and "recording" in listing


def test_narration_edits_are_undoable_steps(project):
    from assets import history

    _objects(project, 1)
    narrate(project, langs=("en",))
    spoken = narration(project, find_subject(project, "1977.1"), "en")
    set_text(project, "1977.1", "en", "A ritual cauldron.")
    narrate(project, langs=("en",))
    assert [s.label for s in history.steps(project)[:2]] == ["narrate", "edit narration text"]
    history.undo(project)
    history.undo(project)
    back = narration(project, find_subject(project, "1977.1"), "en")
    assert (back.text, back.audio_sha, back.stale) == (spoken.text, spoken.audio_sha, False)


def test_an_encoder_that_fails_names_each_narration_and_keeps_the_previous_clips(project, tmp_path):
    """A broken ffmpeg (a stand-in script that fails as a damaged build would: a real
    ffmpeg cannot be made to fail on valid samples)."""
    _objects(project, 2)
    narrate(project, langs=("zh",))
    before = {a: narration(project, find_subject(project, a), "zh").audio_sha for a in ("1977.1", "1977.2")}
    broken = tmp_path / "ffmpeg"
    broken.write_text("#!/bin/sh\necho 'Unknown encoder libopus' >&2\nexit 1\n")
    broken.chmod(0o755)
    project.set_setting("tools.ffmpeg", str(broken))
    report = narrate(project, langs=("zh",), force=True)
    assert [str(e) for e in report.failed] == [
        f"object {a} [zh]: ffmpeg failed (Unknown encoder libopus)" for a in ("1977.1", "1977.2")]
    # two texts in one batch (one ffmpeg run): each still named
    from assets.audio.batch import speak_batch
    from assets.audio.espeak import EspeakEngine

    made = speak_batch([("一号。", "zh", "object 1977.1 [zh]"), ("二号。", "zh", "object 1977.2 [zh]")],
                       {"zh": EspeakEngine("cmn")}, str(broken))
    assert [f.exception().message for f in made] == [str(e) for e in report.failed]
    assert not report.spoken
    assert {a: narration(project, find_subject(project, a), "zh").audio_sha for a in before} == before
