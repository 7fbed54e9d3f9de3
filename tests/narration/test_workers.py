"""Narrating many subjects in worker processes (eSpeak NG): the same clips as in threads,
and a program that starts them without a ``__main__`` guard still gets every clip."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from assets.audio.captions import parse_webvtt_text
from assets.catalog import Catalog, CatalogObject
from assets.project import Project
from scenes.narration import narrate as narrate_module
from scenes.narration.narrate import narrate
from tests.conftest import REPO

COUNT = narrate_module.MIN_FOR_PROCESSES  # just enough for worker processes


def _objects(project, count=COUNT):
    Catalog(project).upsert_many([(f"row {i}", CatalogObject(f"W.{i}", title_zh=f"第{i}号铜镜",
                                                            title_en=f"Bronze mirror {i}"))
                                  for i in range(count)])


def _clips(project) -> dict:
    return {r[0]: r[1:] for r in project.db.execute(
        "SELECT o.accession || n.lang, n.vtt, round(n.duration_s, 3), n.lufs, n.opus_sha IS NOT NULL "
        "FROM narrations n JOIN objects o ON o.id = n.ref_id WHERE n.subject = 'object'")}


def test_worker_processes_make_the_same_clips_as_threads(tmp_path, monkeypatch):
    with Project.create(tmp_path / "p.yunzhan") as processes, Project.create(tmp_path / "t.yunzhan") as threads:
        _objects(processes)
        _objects(threads)
        report = narrate(processes, langs=("zh",))
        assert len(report.spoken) == COUNT and not report.failed
        monkeypatch.setattr(narrate_module, "MIN_FOR_PROCESSES", 10**9)
        assert len(narrate(threads, langs=("zh",)).spoken) == COUNT
        made = _clips(processes)
        assert len(made) == COUNT and all(opus for *_, opus in made.values())
        # eSpeak NG keeps state between utterances, so a clip may differ by a sample
        # period or so with what was spoken before it in the same process
        other = _clips(threads)
        assert made.keys() == other.keys()
        for name, (vtt, seconds, lufs, opus) in made.items():
            assert abs(seconds - other[name][1]) < 0.05 and (lufs, opus) == other[name][2:]
            assert [c.text for c in parse_webvtt_text(vtt)] == [c.text for c in parse_webvtt_text(other[name][0])]


def test_a_program_without_a_main_guard_still_gets_every_clip(tmp_path):
    """Worker processes re-import such a program and fail to start: the rest goes to threads."""
    with Project.create(tmp_path / "p.yunzhan") as project:
        _objects(project)
    script = tmp_path / "unguarded.py"
    script.write_text(textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(REPO)!r})
        from assets.project import Project
        from scenes.narration.narrate import narrate
        with Project.open({str(tmp_path / "p.yunzhan")!r}) as project:
            report = narrate(project, langs=("zh",))
        print(len(report.spoken), len(report.failed))
    """))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split()[-2:] == [str(COUNT), "0"]
    with Project.open(tmp_path / "p.yunzhan") as project:
        assert len(_clips(project)) == COUNT
