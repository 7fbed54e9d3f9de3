"""An event's recorded parts become one replay: real fragmented MP4 parts made by
ffmpeg as the live pipeline writes them (one cut short as by a power cut) are joined
without re-encoding, with a poster, chapters on the replay's clock and the date the
recording began; parts that differ are re-encoded; in Debian's Chromium the replay
page plays and its chapter list seeks."""

from __future__ import annotations

import json
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from streaming.events import EventStore, from_utc_text, now_utc, utc_text
from streaming.publish import contributions
from streaming.recordings import register
from streaming.replay import join_argv, poster_argv
from tests.screens import screen_path

FRAGMENTED = ["-movflags", "+frag_keyframe+empty_moov+default_base_moof", "-frag_duration", "1000000"]


def part(path: Path, seconds: float, *, size: str = "320x180", cut: float | None = None, tone: int = 440) -> Path:
    """A recorded part like the pipeline's (H.264 + AAC, fragments of 1 s); ``cut``
    keeps only that share of its bytes, ending inside a fragment as a crash leaves it."""
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", f"testsrc=size={size}:rate=15",
                    "-f", "lavfi", "-i", f"sine=frequency={tone}", "-t", str(seconds), "-c:v", "libx264",
                    "-preset", "ultrafast", "-g", "15", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k",
                    *FRAGMENTED, "-f", "mp4", "-y", str(path)], check=True, timeout=60)
    if cut is not None:
        data = path.read_bytes()
        path.write_bytes(data[:int(len(data) * cut)])
    return path


def ffprobe_duration(path: Path) -> float:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "json", str(path)],
                         capture_output=True, text=True, check=True, timeout=60).stdout
    return float(json.loads(out)["format"]["duration"])


def decoded_seconds(path: Path) -> float:
    """What a player shows of ``path``: its decodable video frames at 15 fps (a cut
    part's header claims the whole fragment it never finished)."""
    out = subprocess.run(["ffprobe", "-v", "quiet", "-select_streams", "v:0", "-count_frames", "-show_entries",
                          "stream=nb_read_frames", "-of", "json", str(path)],
                         capture_output=True, text=True, timeout=60).stdout
    return int(json.loads(out)["streams"][0]["nb_read_frames"]) / 15


@pytest.fixture
def recorded_event(project, tmp_path):
    return record_event(project, tmp_path)


def record_event(project, tmp_path):
    """An event recorded in three parts (the last cut short), with a tour stop in the first."""
    store = EventStore(project)
    start = now_utc() - timedelta(hours=2)
    eid = store.add(title_zh="青铜器之夜", title_en="Bronzes at night", start=start,
                    end=start + timedelta(hours=1), tz="Asia/Shanghai", preroll_s=0)
    began = start + timedelta(minutes=3, seconds=7)  # the recording's real start, not the scheduled one
    run_id = store.begin_run(eid, at=began)
    store.log(eid, "cue", detail={"text": "大克鼎 Da Ke ding"}, at=began + timedelta(seconds=2))
    folder = tmp_path / "rec"
    folder.mkdir()
    files = [part(folder / "part01.mp4", 3), part(folder / "part02.mp4", 3, tone=550),
             part(folder / "part03.mp4", 4, cut=0.6, tone=660)]
    for n, path in enumerate(files, 1):
        assert register(project, eid, path, part=n, run_id=run_id, started=began if n == 1 else None)
    return eid, files, began


def test_parts_join_into_one_replay_without_re_encoding(project, recorded_event, tmp_path):
    eid, files, began = recorded_event
    assert decoded_seconds(files[2]) < ffprobe_duration(files[2]) - 0.3  # the crash left a promise unkept
    (replays,) = [c for c in contributions(project, work_dir=tmp_path / "out") if c.section == "replays"]
    (entry,) = replays.entries
    video = replays.files[entry["video"]]
    expected = sum(ffprobe_duration(f) for f in files[:2]) + decoded_seconds(files[2])
    assert abs(ffprobe_duration(video) - expected) <= 0.5
    assert abs(entry["duration_s"] - expected) <= 0.5
    assert entry["parts"] == 3 and entry["reencoded"] is False
    assert from_utc_text(entry["recorded"]) == began.replace(microsecond=0)
    assert entry["recorded"] != utc_text(EventStore(project).get(eid).start)
    # copied, not re-encoded: the same H.264 stream settings as the parts
    streams = json.loads(subprocess.run(["ffprobe", "-v", "error", "-show_streams", "-of", "json", str(video)],
                                        capture_output=True, text=True, check=True).stdout)["streams"]
    assert {s["codec_name"] for s in streams} == {"h264", "aac"} and streams[0]["width"] == 320
    from PIL import Image

    with Image.open(replays.files[entry["poster"]]) as poster:
        assert poster.size == (320, 180) and len(poster.getcolors(1 << 16) or []) > 8  # a real frame
    chapters = replays.files[entry["chapters"]].read_text(encoding="utf-8").splitlines()
    stamps = [line for line in chapters if "-->" in line]
    assert chapters[0] == "WEBVTT" and "大克鼎 Da Ke ding" in chapters
    assert stamps[0].startswith("00:00:00.000 --> 00:00:02.000")
    # the next part's chapter starts where the first part really ends, and the last ends with the replay
    assert abs(float(stamps[2].split(" --> ")[0].rsplit(":", 1)[1]) - ffprobe_duration(files[0])) < 0.1
    end = stamps[-1].split(" --> ")[1]
    assert abs(int(end[3:5]) * 60 + float(end[6:]) - entry["duration_s"]) < 0.1
    # the next export finds the replay joined already
    made = video.stat().st_mtime_ns
    (again,) = [c for c in contributions(project, work_dir=tmp_path / "out2") if c.section == "replays"]
    assert again.entries == [entry] and again.files[entry["video"]] == video
    assert video.stat().st_mtime_ns == made


def test_parts_that_differ_are_re_encoded_to_the_first_parts_size(project, tmp_path):
    store = EventStore(project)
    start = now_utc() - timedelta(hours=1)
    eid = store.add(title_zh="回放", title_en="Replay", start=start, end=start + timedelta(minutes=30),
                    tz="Asia/Shanghai", preroll_s=0)
    files = [part(tmp_path / "a.mp4", 2), part(tmp_path / "b.mp4", 2, size="640x360")]
    for n, path in enumerate(files, 1):
        register(project, eid, path, part=n)
    (replays,) = [c for c in contributions(project, work_dir=tmp_path / "out") if c.section == "replays"]
    (entry,) = replays.entries
    video = replays.files[entry["video"]]
    assert entry["reencoded"] is True and abs(ffprobe_duration(video) - 4.0) <= 0.5
    sizes = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                            "stream=width,height", "-of", "csv=p=0", str(video)],
                           capture_output=True, text=True, check=True).stdout.strip()
    assert sizes == "320,180"


def test_argv_copy_unless_told_to_re_encode(tmp_path):
    copy = join_argv("ffmpeg", tmp_path / "l.txt", tmp_path / "o.mp4", reencode=False)
    assert copy[copy.index("-f"):copy.index("-i")] == ["-f", "concat", "-safe", "0", "-auto_convert", "0"]
    assert ["-c", "copy"] == copy[copy.index("-c"):copy.index("-c") + 2] and "libx264" not in copy
    assert copy[-4:] == ["+faststart", "-f", "mp4", str(tmp_path / "o.mp4")]
    again = join_argv("ffmpeg", tmp_path / "l.txt", tmp_path / "o.mp4", reencode=True, width=640, height=360)
    assert "libx264" in again and any(a.startswith("scale=640:360") for a in again)
    shot = poster_argv("ffmpeg", tmp_path / "o.mp4", tmp_path / "p.jpg", 2.5)
    assert shot[shot.index("-ss") + 1] == "2.500" and shot[shot.index("-frames:v") + 1] == "1"


# -- the replay page in Chromium ------------------------------------------------------
def test_the_replay_page_plays_and_its_chapters_seek(tmp_path):
    from tests.export.axe import axe_source, serious_violations
    from tests.export.conftest import CHROMIUM_ARGS, Served
    from tests.export.sample_project import build_project, generated_panorama

    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    from streaming.package_export import export_site

    project = build_project(tmp_path / "expo.yunzhan", [generated_panorama(tmp_path / "pano.jpg", seed=1)],
                            objects=1)
    record_event(project, tmp_path)
    site = tmp_path / "site"
    export_site(project, site)
    home = (site / "index.html").read_text(encoding="utf-8")
    page = next((site / "replays").glob("*.html"))
    assert f'href="replays/{page.name}"' in home
    html = page.read_text(encoding="utf-8")
    (ld,) = [json.loads(block) for block in
             __import__("re").findall(r'<script type="application/ld\+json">(.*?)</script>', html)]
    assert ld["@type"] == "VideoObject" and ld["contentUrl"] == f"replays/{page.stem}.mp4"
    assert ld["thumbnailUrl"].endswith(".jpg") and ld["duration"] in ("PT8S", "PT9S")
    served = Served(site)
    try:
        with sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                         args=[*CHROMIUM_ARGS, "--autoplay-policy=no-user-gesture-required"])
            context = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844})
            tab = context.new_page()
            errors = []
            tab.on("pageerror", lambda e: errors.append(str(e)))
            tab.goto(served.url + f"replays/{page.name}")
            tab.wait_for_function("() => document.getElementById('replay-video').readyState >= 1", timeout=20_000)
            recorded = tab.locator(".replay-date time").get_attribute("datetime")
            assert recorded and from_utc_text(recorded) < now_utc() - timedelta(minutes=100)
            buttons = tab.locator(".replay-chapter")
            assert buttons.count() == 3
            starts = [float(buttons.nth(i).get_attribute("data-start")) for i in range(3)]
            assert starts[0] == 0.0 and starts[1] == 2.0
            buttons.nth(2).click()  # the second part's chapter
            tab.wait_for_function(f"() => Math.abs(document.getElementById('replay-video').currentTime - {starts[2]})"
                                  " < 1.0", timeout=10_000)
            tab.wait_for_function("() => { const v = document.getElementById('replay-video');"
                                  f" return !v.paused && v.currentTime > {starts[2]} + 0.2; }}", timeout=15_000)
            assert buttons.nth(2).get_attribute("aria-current") == "true"
            buttons.nth(1).click()  # back into the first part
            tab.wait_for_function("() => { const v = document.getElementById('replay-video');"
                                  f" return v.currentTime >= {starts[1]} && v.currentTime < {starts[2]}; }}",
                                  timeout=10_000)
            tab.evaluate("() => document.getElementById('replay-video').pause()")
            tab.wait_for_function("() => document.querySelectorAll('.replay-chapter')[1]"
                                  ".getAttribute('aria-current') === 'true'", timeout=5_000)
            tab.screenshot(path=screen_path("threedpkg-replay-phone.png"), full_page=True)
            assert errors == []
            assert serious_violations(tab, axe_source()) == []  # the replay page is accessible too
            context.close()
            browser.close()
    finally:
        served.close()
        project.close()


# -- chapters across parts, for any parts ------------------------------------------
_titles = st.sampled_from(["入口 Entrance", "大克鼎 Da Ke ding", "青铜器之夜", "Q&A"])
_part = st.tuples(st.floats(min_value=0.5, max_value=5000, allow_nan=False),
                  st.lists(st.tuples(st.floats(min_value=0, max_value=1, allow_nan=False), _titles), max_size=6))


@settings(max_examples=150, deadline=None)
@given(st.lists(_part, min_size=1, max_size=5))
def test_joined_chapters_cover_the_replay_without_gaps(specs):
    from assets.audio.captions import parse_webvtt_text
    from streaming.recordings import chapters_vtt
    from streaming.replay import Part, joined_chapters

    parts = []
    for n, (length, stops) in enumerate(specs, 1):
        stops = [(0.0, "青铜器之夜")] + [(share * length, title) for share, title in stops]
        parts.append(Part(Path(f"p{n}.mp4"), n, length, (), chapters_vtt(stops, length)))
    cues = parse_webvtt_text(joined_chapters(parts))
    total = sum(length for length, _ in specs)
    assert cues and cues[0].start == 0.0 and abs(cues[-1].end - total) < 0.002
    for before, after in zip(cues, cues[1:]):
        assert abs(before.end - after.start) < 0.002 and after.start > before.start
