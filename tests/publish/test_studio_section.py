"""The studio's Publish pane publishing to real S3 storage (SeaweedFS on 127.0.0.1):
preview, publish in the background, a second publish that uploads nothing, and
wrong credentials told in one notification."""

from __future__ import annotations

import pytest

from tests.publish.conftest import bucket_objects, new_bucket, package_of

pytestmark = [pytest.mark.s3, pytest.mark.gui]


@pytest.fixture
def publish_pane(qtbot, qapp, demo_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("YUNZHAN_SETTINGS", str(tmp_path / "studio-settings.ini"))
    from studio.gui.main_window import MainWindow

    window = MainWindow("en")
    qtbot.addWidget(window)
    window.show()
    assert window.open_project(demo_copy)
    pane = window.panes["publish"]
    window.tabs.setCurrentWidget(pane)
    return window, pane  # qtbot closes the window, which waits for its tasks


def _run(qtbot, section, button) -> str:
    button.click()
    qtbot.waitUntil(lambda: section.task is None and bool(section.result.toPlainText()), timeout=180_000)
    return section.result.toPlainText()


def test_preview_then_publish_then_nothing_to_upload(qtbot, publish_pane, seaweedfs, tmp_path):
    window, pane = publish_pane
    section = pane.storage
    bucket = new_bucket(seaweedfs)
    section.target_edit.setText(f"s3://{bucket}/expo")
    section.endpoint_edit.setText(seaweedfs.endpoint)

    plan = _run(qtbot, section, section.preview_button)
    assert plan.splitlines()[0].startswith(f"s3://{bucket}/expo: ") and "files to upload" in plan
    assert bucket_objects(seaweedfs, bucket) == {}

    section.result.clear()
    done = _run(qtbot, section, section.publish_button)
    assert done.startswith(f"s3://{bucket}/expo: uploaded "), done
    stored = bucket_objects(seaweedfs, bucket, "expo")
    assert stored["index.html"]["type"].startswith("text/html")
    site_files = {name for name in stored if not name.startswith(".yunzhan-")}
    assert "data/exhibition.json" in site_files and len(site_files) > 20

    section.result.clear()
    again = _run(qtbot, section, section.publish_button)
    assert "uploaded 0 files" in again, again


def test_wrong_credentials_are_one_notification(qtbot, publish_pane, seaweedfs, monkeypatch):
    window, pane = publish_pane
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-the-secret")
    section = pane.storage
    bucket = new_bucket(seaweedfs)
    section.target_edit.setText(f"s3://{bucket}/expo")
    section.endpoint_edit.setText(seaweedfs.endpoint)
    shown = []
    window.studio.notified.connect(lambda text, error: shown.append((text, error)))
    text = _run(qtbot, section, section.publish_button)
    assert "\n" not in text and "Traceback" not in text
    assert any(error and "credential" in message.lower() or "access" in message.lower()
               for message, error in shown), shown
    assert bucket_objects(seaweedfs, bucket) == {}


def test_a_bad_target_is_refused_before_any_work(qtbot, publish_pane):
    window, pane = publish_pane
    section = pane.storage
    section.target_edit.setText("http://not-a-bucket")
    shown = []
    window.studio.notified.connect(lambda text, error: shown.append((text, error)))
    section.publish_button.click()
    assert section.task is None
    assert len(shown) == 1 and shown[0][1] and "s3://" in shown[0][0]
