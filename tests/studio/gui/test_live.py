"""The studio's Live pane, driven offscreen with pytest-qt on real project files, a real
ffmpeg and real nginx-rtmp servers on 127.0.0.1."""

from __future__ import annotations

import tempfile
import gc
import importlib.util
import io
import os
import shutil
import time
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QBuffer, QDateTime, QIODevice, QTimer

from assets import history
from assets.project import Project
from streaming.events import EventStore
from streaming.keys import KeyStore
from tests.studio.gui.translated import chinese_ui

pytestmark = pytest.mark.gui
# Screenshots for people to look at: $YUNZHAN_SCREENSHOTS, else a folder in the temporary directory.
SCREENS = Path(os.environ.get("YUNZHAN_SCREENSHOTS") or Path(tempfile.gettempdir()) / "yunzhan-screens")


def _rtmp_helpers():
    """The nginx-rtmp server of the streaming tests (tests/streaming/conftest.py), loaded by path."""
    path = Path(__file__).parents[2] / "streaming" / "conftest.py"
    spec = importlib.util.spec_from_file_location("streaming_test_servers", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


servers = _rtmp_helpers()


@pytest.fixture(autouse=True)
def keys_file(tmp_path, monkeypatch) -> Path:
    """Stream keys go to a file of the test's own, never the user's keyring."""
    path = tmp_path / "config" / "stream-keys.json"
    monkeypatch.setenv("YUNZHAN_KEYS_FILE", str(path))
    return path


@pytest.fixture
def rtmp(tmp_path):
    if not (shutil.which("nginx") and servers.RTMP_MODULE.exists()):
        pytest.skip("needs Debian's nginx and libnginx-mod-rtmp")
    started = []

    def start(name="rtmp", **kw):
        server = servers.RtmpServer(tmp_path / f"nginx-{name}", **kw).start()
        started.append(server)
        return server

    yield start
    for s in started:
        s.kill()


@pytest.fixture
def demo_copy(demo_path, tmp_path) -> Path:
    """A private copy of the demo project (its runs and recordings stay in the test's folder)."""
    target = tmp_path / "demo" / demo_path.name
    target.parent.mkdir()
    shutil.copy2(demo_path, target)
    cache = demo_path.with_name(demo_path.name + ".cache")
    if cache.is_dir():
        shutil.copytree(cache, target.with_name(target.name + ".cache"))
    return target


@pytest.fixture
def in_new_york(monkeypatch):
    """This computer's zone is New York, so local times differ from the events' own zone."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def distinct_colours(image: Image.Image) -> int:
    return len(image.convert("RGB").getcolors(maxcolors=1 << 24))


def qimage_colours(qimage) -> int:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    qimage.save(buffer, "PNG")
    return distinct_colours(Image.open(io.BytesIO(bytes(buffer.data()))))


def fill_editor(pane, *, title_zh, title_en="", start: datetime, tz="Asia/Shanghai", minutes=60, preroll=5,
                destinations=(), program="1280x720@30", speed="veryfast", lower_third=""):
    """Type an event into the editor as a curator would (keys into the masked fields)."""
    ed = pane.editor
    ed.title_zh.setText(title_zh)
    ed.title_en.setText(title_en)
    ed.start.setDateTime(QDateTime(start))
    ed.zone.setCurrentText(tz)
    ed.duration.setValue(minutes)
    ed.preroll.setValue(preroll)
    ed.destinations.clear()
    for name, preset, url, key in destinations:
        row = ed.destinations.add_row("", "custom-rtmp", "", None)
        combo = ed.destinations.widget(row, ed.destinations.PRESET)
        combo.setCurrentIndex(combo.findData(preset))
        ed.destinations.widget(row, ed.destinations.NAME).setText(name)
        ed.destinations.widget(row, ed.destinations.URL).setText(url)
        ed.destinations.widget(row, ed.destinations.KEY).setText(key)
    ed.program.setCurrentText(program)
    ed.encoder_preset.setCurrentText(speed)
    ed.lower_third.setText(lower_third)


def _cmdline(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def live_pane(window):
    return window.panes["live"]


# -- the editor and the list ------------------------------------------------------------------

def test_an_event_made_in_the_editor_is_listed_in_local_time_with_its_key_in_the_keyring(
        qtbot, open_window, demo_copy, keys_file, in_new_york):
    window = open_window(demo_copy, "en")
    pane = live_pane(window)
    demo_events = pane.events.rowCount()
    pane.new_button.click()
    assert pane.current_id is None and pane.editor.title_zh.text() == ""
    fill_editor(pane, title_zh="青铜器馆直播", title_en="Bronzes, live", start=datetime(2026, 12, 10, 15, 0),
                destinations=[("bilibili", "bilibili", "rtmp://live-push.bilivideo.com/live-bvc/",
                               "secret-key-7788")])
    assert pane.editor.destinations.widget(0, 3).echoMode().name == "Password"
    pane.editor.save_button.click()

    assert pane.events.rowCount() == demo_events + 1
    row = pane.events.row_of(pane.current_id)
    # 15:00 in Shanghai is 02:00 in New York (UTC-5 in December)
    assert pane.events.text(row, pane.events.WHEN) == "2026-12-10 02:00–03:00"
    assert pane.events.text(row, pane.events.TITLE) == "青铜器馆直播 / Bronzes, live"
    assert pane.events.text(row, pane.events.STATE) == "scheduled"
    assert pane.events.text(row, pane.events.DESTINATIONS) == "bilibili"
    with Project.open(demo_copy) as project:
        event = EventStore(project).get(pane.current_id)
        assert (event.local_start.strftime("%H:%M"), event.tz) == ("15:00", "Asia/Shanghai")
        assert KeyStore(project).get("bilibili") == "secret-key-7788"
    assert b"secret-key-7788" not in demo_copy.read_bytes()  # never in the project
    assert "secret-key-7788" in keys_file.read_text()
    key_field = pane.editor.destinations.widget(0, 3)
    assert key_field.text() == "" and key_field.placeholderText().endswith("••••••7788")

    # a change to the event is saved in place
    pane.editor.duration.setValue(90)
    pane.editor.save_button.click()
    assert pane.events.text(pane.events.row_of(pane.current_id), pane.events.WHEN) == "2026-12-10 02:00–03:30"

    # both are undoable steps; undo shows the event as it was, in the list and in the editor
    assert history.next_undo(window.studio.project).label == "edit live event"
    history.undo(window.studio.project)
    qtbot.waitUntil(lambda: pane.editor.duration.value() == 60, timeout=3000)
    assert pane.events.text(pane.events.row_of(pane.current_id), pane.events.WHEN) == "2026-12-10 02:00–03:00"
    assert history.next_undo(window.studio.project).label == "add live event"
    history.undo(window.studio.project)
    qtbot.waitUntil(lambda: pane.events.rowCount() == demo_events, timeout=3000)
    assert pane.current_id is None


def test_a_bad_event_is_a_notification_and_nothing_is_saved(qtbot, open_window, demo_copy):
    window = open_window(demo_copy, "en")
    pane = live_pane(window)
    messages = []
    window.studio.notified.connect(lambda text, error: messages.append((text, error)))
    before = pane.events.rowCount()
    pane.new_button.click()
    fill_editor(pane, title_zh="坏地址", start=datetime(2026, 12, 11, 15, 0),
                destinations=[("yt", "youtube", "http://a.rtmp.youtube.com/live2", "")])
    pane.editor.save_button.click()
    assert messages and messages[-1][1] is True
    assert messages[-1][0].startswith("destination 'yt': ")
    assert pane.events.rowCount() == before and pane.current_id is None


def test_screenshot_of_the_pane_on_the_demo(qtbot, open_window, demo_copy, tmp_path):
    with chinese_ui(tmp_path, "live"):
        window = open_window(demo_copy, "zh")
        window.resize(1500, 860)
        pane = live_pane(window)
        qtbot.wait(1000)
        assert pane.preview.stills_made == 0  # no ffmpeg for a pane nobody looks at
        window.tabs.setCurrentWidget(pane)
        assert (pane.go_live_button.text(), pane.editor.save_button.text()) == ("开始直播", "保存活动")
        assert pane.current_id is not None  # the demo's live tour is chosen
        assert pane.preview.countdown.isChecked()  # it has a pre-roll: its countdown slate first
        qtbot.waitUntil(lambda: pane.preview.stills_made >= 1, timeout=20000)
        assert pane.lights.names() == ["bilibili", "weibo"]
        assert [pane.lights.state(n) for n in pane.lights.names()] == ["idle", "idle"]
        assert pane.events.text(0, pane.events.STATE) == "已排期"
        SCREENS.mkdir(parents=True, exist_ok=True)
        path = SCREENS / "live.png"
        assert pane.grab().save(str(path))
    assert distinct_colours(Image.open(path)) > 200


# -- on air -----------------------------------------------------------------------------------

class LatenessProbe:
    """A 50 ms QTimer on the GUI thread; records how late each tick came."""

    def __init__(self, interval_ms: int = 50):
        self.interval = interval_ms / 1000
        self.worst = 0.0
        self.ticks = 0
        self._last = None
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)

    def start(self):
        self.late = []
        self._last = self.t0 = time.monotonic()
        self._cpu = time.thread_time()
        self.timer.start()
        return self

    def stop(self):
        self.timer.stop()

    def _tick(self):
        now, cpu = time.monotonic(), time.thread_time()
        late = now - self._last - self.interval
        self.worst = max(self.worst, late)
        if late > 0.1:  # for the failure message: when, how late, the GUI thread's own CPU time meanwhile
            self.late.append((round(now - self.t0, 1), round(late, 3), round(cpu - self._cpu, 3)))
        self._last, self._cpu = now, cpu
        self.ticks += 1


def export_until(stop):
    """Background work for the test: the library exporter, over and over, until ``stop``."""
    import tempfile
    from scenes.export.package import export_package

    def work(project, progress):
        done = 0
        with tempfile.TemporaryDirectory() as folder:
            while not stop.is_set():
                progress.check()
                out = Path(folder) / f"site{done}"
                export_package(project, out, zip_path=Path(folder) / f"site{done}.zip", progress=progress)
                shutil.rmtree(out)
                done += 1
        return done

    return work


@pytest.mark.rtmp
def test_go_live_while_an_export_runs_keeps_the_window_responsive(qtbot, open_window, demo_copy, rtmp):
    import threading

    server = rtmp("a")
    window = open_window(demo_copy, "en")
    pane = live_pane(window)
    messages = []
    window.studio.notified.connect(lambda text, error: messages.append((text, error)))
    pane.new_button.click()
    fill_editor(pane, title_zh="测试直播", start=datetime.now().replace(second=0, microsecond=0),
                tz=pane.editor.zone.currentText(), preroll=0, program="640x360@30", speed="ultrafast",
                destinations=[("local", "custom-rtmp", server.url, "stream-key-123456")], lower_third="序厅")
    assert pane.editor.zone.currentText()  # this computer's zone, by default
    assert pane.save()
    window.tabs.setCurrentWidget(pane)
    steps_before = history.steps(window.studio.project)

    # This process carries the heap of every test before this one; a full garbage
    # collection of it pauses all threads (the studio itself starts with a small heap).
    # Collect it now and set it aside, so the probe times the studio, not the runner.
    gc.collect()
    gc.freeze()
    probe = LatenessProbe().start()
    stop_export = threading.Event()
    exports = window.studio.run_task("export", export_until(stop_export))
    pane.go_live_button.click()
    started = time.monotonic()
    assert not pane.go_live_button.isEnabled() and pane.stop_button.isEnabled()
    qtbot.waitUntil(lambda: pane.lights.state("local") == "live", timeout=20000)
    assert pane.events.text(pane.events.row_of(pane.current_id), pane.events.STATE) == "on air"
    qtbot.waitUntil(lambda: "fps" in pane.lights.program_line.text(), timeout=5000)
    qtbot.wait(int(max(0.0, 20 - (time.monotonic() - started)) * 1000))
    assert pane.lights.state("local") == "live"
    still = pane.preview.image  # checked below, when the GUI thread is no longer timed

    pane.stop_button.click()
    qtbot.waitUntil(lambda: pane.run is None, timeout=30000)
    stop_export.set()
    qtbot.waitUntil(lambda: exports.done, timeout=30000)
    probe.stop()
    gc.unfreeze()

    print(f"GUI thread: worst lateness {probe.worst * 1000:.0f} ms over {probe.ticks} ticks")  # shown with -s
    assert exports.result >= 1, "the export ran during the stream"
    assert probe.ticks > 300
    assert probe.worst <= 0.2, f"the GUI thread was late (s after start, s late, s of its CPU): {probe.late}"
    assert pane.lights.state("local") == "idle" and not pane.stop_button.isEnabled()
    assert pane.preview.stills_made >= 1 and qimage_colours(still) > 100
    assert any(text.startswith("测试直播: stopped; recording") and not error for text, error in messages), messages
    with Project.open(demo_copy) as project:
        event = EventStore(project).get(pane.current_id)
        assert event.status == "scheduled"  # its window is still open: it can go live again
        states = [e for e in EventStore(project).log_entries(event.id) if e["kind"] == "state"]
        assert {"from": "connecting", "to": "live"} in [e["detail"] for e in states]
    assert history.steps(window.studio.project) == steps_before  # a run is not an edit to undo
    received = server.recorded()
    assert received and servers.packet_times(received[0])[-1] >= 15  # the server got the whole program


@pytest.mark.rtmp
def test_a_refused_key_is_a_notification_and_a_red_light(qtbot, open_window, demo_copy, rtmp):
    server = rtmp("guarded", check_key=True)
    window = open_window(demo_copy, "en")
    pane = live_pane(window)
    messages = []
    window.studio.notified.connect(lambda text, error: messages.append((text, error)))
    pane.new_button.click()
    fill_editor(pane, title_zh="密钥错误", start=datetime.now().replace(second=0, microsecond=0),
                tz=pane.editor.zone.currentText(), preroll=0, program="640x360@30", speed="ultrafast",
                destinations=[("guarded", "custom-rtmp", server.url, "wrong-key-000000")])
    assert pane.save()
    pane.go_live_button.click()
    qtbot.waitUntil(lambda: pane.lights.state("guarded") == "failed", timeout=20000)
    qtbot.waitUntil(lambda: any(e for _, e in messages), timeout=5000)
    text = [t for t, e in messages if e][0]
    assert text.startswith("destination 'guarded': the server refused the stream key")
    assert "wrong-key" not in text
    event_id = pane.current_id
    window.close()  # while on air: the run is stopped cleanly, ffmpeg does not linger
    with Project.open(demo_copy) as project:
        runs = project.db.execute("SELECT outcome, stopped_utc FROM live_runs WHERE event_id = ?",
                                  (event_id,)).fetchall()
    assert len(runs) == 1 and runs[0][0] == "stopped" and runs[0][1]
    assert not [pid for pid in os.listdir("/proc") if pid.isdigit() and str(server.port) in _cmdline(pid)]


def test_go_live_without_a_platform_key_is_a_notification(qtbot, open_window, demo_copy):
    window = open_window(demo_copy, "en")
    pane = live_pane(window)
    messages = []
    window.studio.notified.connect(lambda text, error: messages.append((text, error)))
    assert [d for d in pane.lights.names()] == ["bilibili", "weibo"]  # the demo's tour, no keys set
    pane.go_live_button.click()
    qtbot.waitUntil(lambda: pane.run is None, timeout=20000)
    text, is_error = messages[-1]
    assert is_error and text.startswith("destination 'bilibili': no stream key set (")
    assert pane.go_live_button.isEnabled() and pane.lights.state("bilibili") == "idle"
