"""A tour rendered as platform videos by the real ffmpeg (16:9 and 9:16), checked by ffprobe."""

from __future__ import annotations

import pytest

from assets.media_tools import probe
from scenes import model
from scenes.narration.narrate import narrate
from streaming.tour_video import parse_size, render_tour, still_geometry, video_argv
from tests.export.sample_project import build_project, panorama_files
from tests.narration.helpers import ebur128



@pytest.fixture(scope="module")
def toured(tmp_path_factory):
    from tests.conftest import REALDATA

    work = tmp_path_factory.mktemp("tour")
    project = build_project(work / "t.yunzhan", panorama_files(REALDATA if REALDATA.is_dir() else None, work, 2),
                            objects=1)
    model.add_tour(project, slug="main", stops=["hall-1", "hall-2"], title_zh="主线")
    narrate(project, langs=("zh",))
    yield project, work
    project.close()


@pytest.mark.parametrize("aspect, size", [("16:9", (1280, 720)), ("9:16", (720, 1280))])
def test_tour_video_has_the_planned_length_size_and_streams(toured, run_cli, aspect, size):
    project, work = toured
    out = work / f"tour-{aspect.replace(':', 'x')}.mp4"
    done = run_cli("render-tour", str(project.path), "main", "--out", str(out), "--aspect", aspect, timeout=300)
    assert done.returncode == 0, done.stderr
    info = probe(out)
    kinds = {s["codec_type"]: s for s in info["streams"]}
    assert kinds["video"]["codec_name"] == "h264" and (kinds["video"]["width"], kinds["video"]["height"]) == size
    assert kinds["audio"]["codec_name"] == "aac" and kinds["subtitle"]["codec_name"] == "mov_text"
    planned = float(done.stdout.split(", ")[1].removesuffix(" s"))
    assert abs(float(info["format"]["duration"]) - planned) <= 0.5
    measured = ebur128(out)
    assert abs(measured.lufs - -14) <= 0.5 and measured.true_peak <= -1.0, measured


def test_portrait_reframes_instead_of_letterboxing():
    still_w, h_fov, v_fov = still_geometry(720, 1280, 90)
    assert v_fov == 90 and h_fov < 90 + 30 and still_w > 720
    assert parse_size(None, "9:16") == (720, 1280)


def test_the_video_command_is_data(tmp_path):
    from streaming.tour_video import Shot

    shot = Shot("1. 大厅", "0" * 64, None, 0, 0, 90, None, (), 4.0)
    argv = video_argv("ffmpeg", [shot], [tmp_path / "s.jpg"], [tmp_path / "t.txt"], None, tmp_path / "a.m4a", None,
                      tmp_path / "o.mp4", 1280, 720)
    assert argv[argv.index("-c:v") + 1] == "libx264" and "-progress" in argv
    assert "loop=loop=99:size=1" in argv[argv.index("-filter_complex") + 1]
    burnt = video_argv("ffmpeg", [shot], [tmp_path / "s.jpg"], [tmp_path / "t.txt"], None, tmp_path / "a.m4a",
                       tmp_path / "c.srt", tmp_path / "o.mp4", 720, 1280, burn_captions=True)
    graph = burnt[burnt.index("-filter_complex") + 1]
    assert f"subtitles=filename='{tmp_path}/c.srt'" in graph and "-c:s" in burnt  # drawn and kept as a track


def test_a_stop_with_its_own_view_and_object_is_planned_and_scripted_from_them(toured):
    from scenes.narration.subjects import find_subject
    from streaming.tour_video import plan_tour_video

    project, _ = toured
    model.add_tour(project, slug="close-look", stops=[
        model.TourStop("hall-2", view=model.View(45, -10, 70), object_accession="2024.1")])
    shot, = plan_tour_video(project, "close-look")
    assert (shot.yaw, shot.pitch, shot.fov) == (45, -10, 70)
    stop = find_subject(project, "close-look:1")
    assert stop.script("zh") == "第1站。第2展厅。青铜器1。商代，佚名作。青铜。一件青铜器。"
    assert stop.script("en").startswith("Stop 1. Hall 2. Bronze vessel 1.")


def test_cancel_stops_the_render_and_writes_nothing(toured):
    from assets.errors import Cancelled
    from assets.progress import Progress

    project, work = toured
    out = work / "cancelled.mp4"
    progress = Progress()
    # cancel as soon as the final encode reports (the runner then stops ffmpeg)
    progress.subscribe(lambda e: progress.cancel() if e.message.startswith("starting ffmpeg") else None)
    with pytest.raises(Cancelled):
        render_tour(project, "main", out, progress=progress)
    assert not out.exists()
