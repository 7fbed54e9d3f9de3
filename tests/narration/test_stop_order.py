"""A tour stop's narration (text, clip, captions) belongs to the stop: it follows the
stop when the tour is reordered, goes with it when it is removed, and undo and redo
bring both back together. Real projects, real eSpeak NG and ffmpeg."""

from __future__ import annotations

import pytest

from assets import history
from assets.project import APPLICATION_ID, Project, _connect, _statements, migrations
from scenes import model
from scenes.narration.narrate import narrate
from scenes.narration.store import list_narrations, set_text
from scenes.narration.subjects import STOP, list_subjects
from streaming.tour_video import plan_tour_video
from tests.export.sample_project import build_project, panorama_files

WORDS = {"hall-1": "一号展厅的解说。", "hall-2": "二号展厅的解说。", "hall-3": "三号展厅的解说。"}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A project with a three-stop tour, each stop with its own spoken Chinese narration."""
    work = tmp_path_factory.mktemp("stops")
    project = build_project(work / "base.yunzhan", panorama_files(None, work, 3), objects=0)
    model.add_tour(project, slug="main", stops=["hall-1", "hall-2", "hall-3"])
    for n, hall in enumerate(WORDS, 1):
        set_text(project, f"main:{n}", "zh", WORDS[hall])
    report = narrate(project, langs=("zh",), subjects=[s for s in list_subjects(project) if s.kind == STOP])
    assert len(report.spoken) == 3 and not report.failed
    project.close()
    return work / "base.yunzhan"


@pytest.fixture
def toured(base, tmp_path):
    copy = tmp_path / "t.yunzhan"
    copy.write_bytes(base.read_bytes())
    with Project.open(copy) as project:
        yield project


def by_hall(project) -> dict[str, tuple]:
    """For each stop of tour main, by its hall: (text, audio, captions, the stop's narration_sha)."""
    halls = [s.hall for s in model.get_tour(project, "main").stops]
    shas = [s.narration_sha for s in model.get_tour(project, "main").stops]
    stops = [n for n in list_narrations(project, langs=("zh",)) if n.subject.kind == STOP]
    assert [n.subject.position for n in stops] == list(range(len(halls)))
    return {halls[n.subject.position]: (n.text, n.audio_sha, n.vtt, shas[n.subject.position]) for n in stops}


def test_a_reorder_keeps_each_narration_with_its_stop_and_undo_restores_it(toured):
    before = by_hall(toured)
    assert {h: v[0] for h, v in before.items()} == WORDS
    assert all(v[1] and v[1] == v[3] and WORDS[h] in v[2] for h, v in before.items())
    model.reorder_stops(toured, "main", [2, 0, 1])
    assert [s.hall for s in model.get_tour(toured, "main").stops] == ["hall-3", "hall-1", "hall-2"]
    assert by_hall(toured) == before
    assert [n.stale for n in list_narrations(toured, langs=("zh",)) if n.subject.kind == STOP] == [False] * 3
    # the tour video speaks, at each stop, that stop's own narration
    shots = plan_tour_video(toured, "main")
    assert [s.audio_sha for s in shots] == [before[h][1] for h in ("hall-3", "hall-1", "hall-2")]
    model.move_stop(toured, "main", 0, 2)
    assert by_hall(toured) == before
    assert history.undo(toured).label == "reorder tour stops"
    assert history.undo(toured).label == "reorder tour stops"
    assert [s.hall for s in model.get_tour(toured, "main").stops] == ["hall-1", "hall-2", "hall-3"]
    assert by_hall(toured) == before
    history.redo(toured)
    assert [s.hall for s in model.get_tour(toured, "main").stops] == ["hall-3", "hall-1", "hall-2"]
    assert by_hall(toured) == before


def test_removing_a_stop_takes_its_narration_and_undo_brings_it_back(toured):
    before = by_hall(toured)
    model.remove_stop(toured, "main", 0)
    assert by_hall(toured) == {h: before[h] for h in ("hall-2", "hall-3")}
    assert toured.db.execute("SELECT count(*) FROM narrations WHERE subject = 'stop'").fetchone()[0] == 2
    # a stop added where the removed one was starts with the composed script, not the old words
    model.add_stop(toured, "main", "hall-1", index=0)
    fresh = by_hall(toured)["hall-1"]
    assert fresh[0] != WORDS["hall-1"] and fresh[1] is None
    history.undo(toured)
    history.undo(toured)
    assert by_hall(toured) == before
    history.redo(toured)
    assert by_hall(toured) == {h: before[h] for h in ("hall-2", "hall-3")}


@pytest.mark.parametrize("remove", [lambda p: model.remove_tour(p, "main"),
                                    lambda p: model.remove_hall(p, "hall-2", force=True)],
                         ids=["tour", "hall"])
def test_removing_a_tour_or_hall_removes_its_stops_narrations_until_undone(toured, remove):
    before = by_hall(toured)
    remove(toured)
    left = {n.subject.ref_id for n in list_narrations(toured, langs=("zh",)) if n.subject.kind == STOP}
    stored = {r[0] for r in toured.db.execute("SELECT ref_id FROM narrations WHERE subject = 'stop'")}
    assert stored == left  # nothing is left behind for a stop that no longer exists
    history.undo(toured)
    assert by_hall(toured) == before


def test_an_old_project_keyed_by_position_is_migrated_to_stop_ids(tmp_path):
    """A schema-10 project whose stop narrations were keyed by (tour, position),
    one of them left behind by a removed stop: each one lands on its stop."""
    old = tmp_path / "old.yunzhan"
    db = _connect(old)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for number, _name, sql in migrations():
        if number > 10:
            break
        for statement in _statements(sql):
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {number}")
    db.execute("INSERT INTO media(sha256, kind, mime, ext, size, storage) VALUES (?, 'panorama', 'image/jpeg', 'jpg', 1, 'sqlar')",
               ("a" * 64,))
    for n in (1, 2):
        db.execute("INSERT INTO halls(id, slug, panorama_sha, position) VALUES (?, ?, ?, ?)", (n, f"h{n}", "a" * 64, n))
    db.execute("INSERT INTO tours(id, slug) VALUES (7, 'main')")
    db.executemany("INSERT INTO tour_stops(tour_id, position, hall_id) VALUES (7, ?, ?)", [(0, 2), (1, 1)])
    db.executemany("INSERT INTO narrations(subject, ref_id, position, lang, text) VALUES ('stop', 7, ?, 'zh', ?)",
                   [(0, "第二厅"), (1, "第一厅"), (5, "一个已删除的站")])
    db.close()
    with Project.open(old) as project:
        texts = {n.subject.name: n.text for n in list_narrations(project, langs=("zh",))
                 if n.subject.kind == STOP and n.edited}
        assert texts == {"tour main stop 1": "第二厅", "tour main stop 2": "第一厅"}
        assert project.db.execute("SELECT count(*) FROM narrations").fetchone()[0] == 2
        model.reorder_stops(project, "main", [1, 0])
        texts = {n.subject.name: n.text for n in list_narrations(project, langs=("zh",)) if n.subject.kind == STOP}
        assert texts == {"tour main stop 1": "第一厅", "tour main stop 2": "第二厅"}
        assert project.integrity_check() == []
