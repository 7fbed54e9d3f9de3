"""The Publish pane's "Publish to storage" section: the exhibition uploaded to
S3-compatible object storage (Alibaba Cloud OSS, Tencent COS, Huawei OBS, AWS S3,
SeaweedFS...), the same publish as ``yunzhan publish``.

"Preview" plans without uploading (what would be uploaded, replaced, removed); "Publish"
exports and uploads in the background with progress and Cancel. Credentials come
from the standard places (environment, the AWS-style shared file) or from "Save
login" (the system keyring, else a private file), never from the project.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QPlainTextEdit, QProgressBar,
                               QPushButton, QWidget)

from assets.progress import ProgressEvent
from scenes.publish import CredentialStore, parse_target
from streaming.cloud_publish import publish_site
from studio.gui.tasks import show_progress

class StorageSection(QGroupBox):
    """Publish the exhibition to a bucket; reads the pane's profile and public address."""

    def __init__(self, studio, pane, parent: QWidget | None = None):
        super().__init__(self.tr("Publish to storage (S3-compatible: OSS, COS, OBS, S3…)"), parent)
        self.setObjectName("storageSection")
        self.studio = studio
        self.pane = pane
        self.task = None

        self.target_edit = QLineEdit()
        self.target_edit.setObjectName("storageTarget")
        self.target_edit.setPlaceholderText("s3://bucket/expo")
        self.endpoint_edit = QLineEdit()
        self.endpoint_edit.setObjectName("storageEndpoint")
        self.endpoint_edit.setPlaceholderText(self.tr("e.g. https://oss-cn-shanghai.aliyuncs.com"))
        self.region_edit = QLineEdit()
        self.region_edit.setObjectName("storageRegion")
        self.region_edit.setPlaceholderText(self.tr("optional"))
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("storageAccessKey")
        self.key_edit.setPlaceholderText(self.tr("access key id (only to save a login)"))
        self.secret_edit = QLineEdit()
        self.secret_edit.setObjectName("storageSecret")
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_edit.setPlaceholderText(self.tr("secret (kept in the system keyring, never in the project)"))
        self.login_button = QPushButton(self.tr("Save login"))
        self.login_button.setObjectName("saveLogin")
        self.login_button.clicked.connect(self.save_login)
        login_row = QHBoxLayout()
        login_row.addWidget(self.key_edit, 1)
        login_row.addWidget(self.secret_edit, 1)
        login_row.addWidget(self.login_button)

        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.setObjectName("storagePreview")
        self.preview_button.setToolTip(self.tr("List what would be uploaded, replaced and removed; upload nothing"))
        self.preview_button.clicked.connect(lambda: self.publish(dry_run=True))
        self.publish_button = QPushButton(self.tr("Publish"))
        self.publish_button.setObjectName("storagePublish")
        self.publish_button.clicked.connect(lambda: self.publish(dry_run=False))
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("storageProgress")
        self.progress_bar.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("storageCancel")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        run_row = QHBoxLayout()
        for widget in (self.preview_button, self.publish_button):
            run_row.addWidget(widget)
        run_row.addWidget(self.progress_bar, 1)
        run_row.addWidget(self.cancel_button)
        run_row.addStretch()
        self.result = QPlainTextEdit()
        self.result.setObjectName("storageResult")
        self.result.setReadOnly(True)
        self.result.setMaximumHeight(120)

        form = QFormLayout(self)
        form.addRow(self.tr("Bucket and folder"), self.target_edit)
        form.addRow(self.tr("Endpoint"), self.endpoint_edit)
        form.addRow(self.tr("Region"), self.region_edit)
        form.addRow(self.tr("Login"), login_row)
        form.addRow("", run_row)
        form.addRow(self.result)

    def target(self):
        """The target the fields name (raises a one-line PublishError if they are wrong)."""
        return parse_target(self.target_edit.text().strip(), endpoint=self.endpoint_edit.text().strip() or None,
                            region=self.region_edit.text().strip() or None)

    def save_login(self) -> None:
        try:
            CredentialStore().save(self.target(), self.key_edit.text(), self.secret_edit.text())
        except Exception as err:  # noqa: BLE001 - one handler shows it
            self.studio.report(err)
            return
        self.secret_edit.clear()
        self.studio.notify(self.tr("Login saved for {0}.").format(self.endpoint_edit.text().strip() or "S3"))

    def publish(self, *, dry_run: bool) -> None:
        """Plan (``dry_run``) or publish in the background."""
        if self.task is not None:
            return
        try:
            target = self.target()
        except Exception as err:  # noqa: BLE001
            self.studio.report(err)
            return
        base_url = self.pane.base_url_edit.text().strip() or None
        profile = self.pane.profile()
        title = self.tr("Previewing the publish") if dry_run else self.tr("Publishing to storage")
        self.task = self.studio.run_task(
            title, lambda project, progress: publish_site(project, target, dry_run=dry_run, base_url=base_url,
                                                          profile=profile, progress=progress),
            on_done=self._done, on_failed=self._failed)
        self.task.progressed.connect(self._progressed)
        self.task.finished.connect(self._over)
        for button in (self.preview_button, self.publish_button):
            button.setEnabled(False)
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.cancel_button.show()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _progressed(self, event: ProgressEvent) -> None:
        show_progress(self.progress_bar, event)

    def _done(self, published) -> None:
        self.result.setPlainText("\n".join(published.lines()[:200]))
        if published.report is not None:
            self.studio.notify(published.report.lines()[0])

    def _failed(self, err: BaseException) -> None:
        self.result.setPlainText(str(getattr(err, "user_text", lambda: err)()))
        self.studio.report(err)

    def _over(self) -> None:
        self.task = None
        for button in (self.preview_button, self.publish_button):
            button.setEnabled(True)
        self.progress_bar.hide()
        self.cancel_button.hide()
