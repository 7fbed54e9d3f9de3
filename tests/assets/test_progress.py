"""The one progress protocol: events for long work, and cancelling it cleanly."""

from __future__ import annotations

import pytest

from assets.catalog import Catalog
from assets.catalog_import import import_table
from assets.errors import Cancelled
from assets.progress import Progress


def _csv(path, n):
    path.write_text("accession,title\n" + "".join(f"A{i},青花瓷碗 {i}\n" for i in range(n)), encoding="utf-8")
    return path


def test_import_reports_progress_to_the_end(project, tmp_path):
    events = []
    import_table(project, _csv(tmp_path / "o.csv", 5000), progress=Progress(events.append))
    assert events[0].total == 5000 and events[0].done == 0
    assert [e.done for e in events if not e.finished] == sorted(e.done for e in events if not e.finished)
    assert events[-1].finished and events[-1].done == 5000


def test_cancelled_import_writes_nothing(project, tmp_path):
    def cancel_after_first_batch(event):
        if event.done >= 2000:
            progress.cancel()

    progress = Progress(cancel_after_first_batch)
    with pytest.raises(Cancelled):
        import_table(project, _csv(tmp_path / "o.csv", 10000), progress=progress)
    assert Catalog(project).count() == 0
    assert project.db.execute("SELECT count(*) FROM object_search").fetchone()[0] == 0
    assert project.integrity_check() == []


def test_cli_bar_shows_progress_on_a_terminal(capsys):
    from studio.cli.support import ProgressBar

    bar = ProgressBar(force=True)
    progress = Progress(bar)
    progress.start(10, "importing")
    progress.advance(5)
    progress.finish()
    err = capsys.readouterr().err
    assert "importing" in err and "5/10" in err
