"""The Publish pane: export the exhibition as a web package, see its size, preview it.

Export runs :func:`streaming.package_export.export_site` (what ``yunzhan export``
runs) in the background through :meth:`Studio.run_task`, with a progress bar and
Cancel here and in the task panel. The package is written beside the folder and
renamed into place, so a cancel, a full disk or a read-only folder leaves the
previous package as it was; the error names the folder in the notifications area.
"Open in browser" serves the folder on 127.0.0.1 the way ``yunzhan serve`` does
(:func:`scenes.export.serve.serve_in_background`) and opens that address.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QProgressBar, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from assets.errors import Cancelled, YunzhanError
from assets.progress import ProgressEvent
from scenes.export.layout import CATEGORIES, MARKER
from scenes.export.package import PROFILES, ExportReport
from scenes.export.plan import human_size
from scenes.export.serve import Preview, serve_in_background
from scenes.opendata.urls import GALLERY_KIT_PATH
from streaming.package_export import export_site
from studio.gui.publish_storage import StorageSection
from studio.gui.tasks import show_progress


class PublishPane(QWidget):
    """Export settings, the Export button with progress, the size report, and the
    buttons that open the result.

    Sections that publish the exported folder elsewhere (storage) are added below
    with :meth:`add_section`; they read :meth:`folder` and :attr:`report`, and
    :attr:`exported` tells them when a new package is ready.
    """

    exported = Signal(object)  # the ExportReport of a finished export

    def __init__(self, studio, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("publishPane")
        self.studio = studio
        self.report: ExportReport | None = None
        self.task = None
        self.preview: Preview | None = None
        self.destroyed.connect(_stopper(self))

        # -- what to export -------------------------------------------------------------
        self.folder_edit = QLineEdit(str(default_folder(studio.path)))
        self.folder_edit.setObjectName("exportFolder")
        self.folder_edit.textChanged.connect(lambda _text: self._update_buttons())
        choose = QPushButton(self.tr("Choose…"))
        choose.setObjectName("chooseFolder")
        choose.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(choose)
        self.profile_box = QComboBox()
        self.profile_box.setObjectName("exportProfile")
        self.profile_names = {"full": self.tr("full"), "mobile": self.tr("mobile"), "kiosk": self.tr("kiosk")}
        descriptions = {
            "full": self.tr("Full — every detail level of the panoramas"),
            "mobile": self.tr("Mobile — smaller tiles, under 50 MB"),
            "kiosk": self.tr("Kiosk — mobile-sized; also opens straight from disk (USB stick)"),
        }
        for profile in PROFILES:
            self.profile_box.addItem(descriptions[profile], profile)
        self.base_url_edit = QLineEdit()
        self.base_url_edit.setObjectName("baseUrl")
        self.base_url_edit.setPlaceholderText(
            self.tr("optional, e.g. https://museum.example/expo/ (for QR codes and IIIF)"))
        self.zip_box = QCheckBox(self.tr("Also write a zip beside the folder"))
        self.zip_box.setObjectName("exportZip")
        settings = QGroupBox(self.tr("Web package"))
        form = QFormLayout(settings)
        form.addRow(self.tr("Folder"), folder_row)
        form.addRow(self.tr("Profile"), self.profile_box)
        form.addRow(self.tr("Public address"), self.base_url_edit)
        form.addRow("", self.zip_box)

        # -- exporting ------------------------------------------------------------------
        self.export_button = QPushButton(self.tr("Export"))
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.export)
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("exportProgress")
        self.progress_bar.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelExport")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        run_row = QHBoxLayout()
        run_row.addWidget(self.export_button)
        run_row.addWidget(self.progress_bar, 1)
        run_row.addWidget(self.cancel_button)
        run_row.addStretch()  # takes the room only while the progress bar is hidden

        # -- the result -----------------------------------------------------------------
        self.summary = QLabel(self.tr("Not exported in this session yet."))
        self.summary.setObjectName("exportSummary")
        self.summary.setWordWrap(True)
        self.size_table = QTableWidget(0, 3)
        self.size_table.setObjectName("sizeReport")
        self.size_table.setHorizontalHeaderLabels([self.tr("Part"), self.tr("Files"), self.tr("Size")])
        self.size_table.verticalHeader().hide()
        self.size_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.size_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.open_browser_button = QPushButton(self.tr("Open in browser"))
        self.open_browser_button.setObjectName("openInBrowser")
        self.open_browser_button.clicked.connect(self.open_in_browser)
        self.open_folder_button = QPushButton(self.tr("Open folder"))
        self.open_folder_button.setObjectName("openFolder")
        self.open_folder_button.clicked.connect(self.open_folder)
        self.open_kit_button = QPushButton(self.tr("Open print kit"))
        self.open_kit_button.setObjectName("openPrintKit")
        self.open_kit_button.setToolTip(self.tr("The printable gallery labels with QR codes (PDF)"))
        self.open_kit_button.clicked.connect(self.open_print_kit)
        result = QGroupBox(self.tr("Result"))
        result_layout = QVBoxLayout(result)
        result_layout.addWidget(self.summary)
        result_layout.addWidget(self.size_table, 1)
        open_row = QHBoxLayout()
        for button in (self.open_browser_button, self.open_folder_button, self.open_kit_button):
            open_row.addWidget(button)
        open_row.addStretch(1)
        result_layout.addLayout(open_row)

        layout = QVBoxLayout(self)
        layout.addWidget(settings)
        layout.addLayout(run_row)
        layout.addWidget(self.status)
        layout.addWidget(result, 1)
        # Where "Publish to storage" (S3-compatible) and other sections go: add_section().
        self.sections = QVBoxLayout()
        self.sections.setObjectName("publishSections")
        layout.addLayout(self.sections)
        self.storage = StorageSection(studio, self)
        self.add_section(self.storage)
        self._update_buttons()

    def add_section(self, widget: QWidget) -> None:
        """Add a section below the result (e.g. publishing the package to storage)."""
        self.sections.addWidget(widget)

    # -- settings --------------------------------------------------------------------
    def folder(self) -> Path:
        return Path(self.folder_edit.text().strip()).expanduser()

    def set_folder(self, folder: str | Path) -> None:
        self.folder_edit.setText(str(folder))

    def profile(self) -> str:
        return self.profile_box.currentData()

    def set_profile(self, profile: str) -> None:
        self.profile_box.setCurrentIndex(self.profile_box.findData(profile))

    def _choose_folder(self) -> None:
        dialog = QFileDialog(self, self.tr("Folder for the web package"), str(self.folder().parent))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        dialog.fileSelected.connect(self.set_folder)
        dialog.open()  # not exec(): the window stays live

    # -- exporting -------------------------------------------------------------------
    def export(self):
        """Start exporting in the background; returns the task (None if one is running)."""
        if self.task is not None:
            return None
        out, profile = self.folder(), self.profile()
        base_url = self.base_url_edit.text().strip() or None
        make_zip = self.zip_box.isChecked()
        self.status.setText(self.tr("Exporting to {0}…").format(out))
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.export_button.setEnabled(False)
        self.task = self.studio.run_task(
            self.tr("Export"),
            lambda project, progress: export_site(project, out, base_url=base_url, profile=profile,
                                                  make_zip=make_zip, progress=progress),
            on_done=self._exported, on_failed=self._failed)
        self.task.progressed.connect(self._progressed)
        self.task.finished.connect(self._task_over)
        return self.task

    def cancel(self) -> None:
        if self.task is not None:
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Cancelling…"))
            self.task.cancel()

    def _progressed(self, event: ProgressEvent) -> None:
        show_progress(self.progress_bar, event)
        if event.message:
            self.status.setText(event.message)

    def _exported(self, report: ExportReport) -> None:
        self.report = report
        self.status.setText(self.tr("Exported to {0}.").format(report.out_dir))
        self.studio.notify(self.tr("Exported the web package to {0}.").format(report.out_dir))
        self.show_report(report)
        self.exported.emit(report)

    def _failed(self, err: BaseException) -> None:
        if isinstance(err, Cancelled):
            self.status.setText(self.tr("Export cancelled; the folder is as it was."))
        elif isinstance(err, YunzhanError):
            self.status.setText(err.user_text())
        self.studio.report(err)

    def _task_over(self) -> None:
        self.task = None
        self.progress_bar.hide()
        self.cancel_button.hide()
        self.export_button.setEnabled(True)
        self._update_buttons()

    def show_report(self, report: ExportReport) -> None:
        """Show the size report of ``report``: one row per part of the package, then the total."""
        names = {"pages": self.tr("Pages"), "app": self.tr("Viewer and app"), "data": self.tr("Data"),
                 "panoramas": self.tr("Panoramas"), "media": self.tr("Media"), "print": self.tr("Print and QR"),
                 "other": self.tr("Other")}
        sizes = report.sizes
        rows = [(names[c], sizes.files[c], sizes.bytes[c]) for c in CATEGORIES if sizes.files[c]]
        rows.append((self.tr("Total"), sizes.file_count, sizes.total))
        self.size_table.setRowCount(len(rows))
        for n, (name, files, size) in enumerate(rows):
            for column, text in enumerate((name, f"{files:,}", human_size(size))):
                self.size_table.setItem(n, column, QTableWidgetItem(text))
        lines = [self.tr("{0} halls, {1} objects, {2} profile.").format(
            report.halls, report.objects, self.profile_names.get(report.profile, report.profile))]
        if report.zip_path is not None:
            lines.append(self.tr("Zip: {0} ({1})").format(report.zip_path, human_size(report.zip_size or 0)))
        lines += [self.tr("Warning: {0}").format(w) for w in report.warnings]
        self.summary.setText("\n".join(lines))

    def size_rows(self) -> list[tuple[str, ...]]:
        """What the size report shows, row by row."""
        return [tuple(self.size_table.item(r, c).text() for c in range(3)) for r in range(self.size_table.rowCount())]

    # -- opening the result -------------------------------------------------------------
    def _has_package(self) -> bool:
        return (self.folder() / MARKER).is_file() and (self.folder() / "index.html").is_file()

    def _update_buttons(self) -> None:
        ready = self._has_package() and self.task is None
        self.open_browser_button.setEnabled(ready)
        self.open_folder_button.setEnabled(ready)
        self.open_kit_button.setEnabled(ready and (self.folder() / GALLERY_KIT_PATH).is_file())

    def open_in_browser(self) -> QUrl | None:
        """Serve the package on 127.0.0.1 (as ``yunzhan serve`` does) and open it in the
        browser; returns the address."""
        folder = self.folder()
        try:
            if self.preview is None or self.preview.folder != folder:
                self.stop_preview()
                self.preview = serve_in_background(folder)
        except YunzhanError as err:
            self.studio.report(err)
            return None
        url = QUrl(self.preview.url)
        self._open(url)
        return url

    def stop_preview(self) -> None:
        if self.preview is not None:
            self.preview.stop()
            self.preview = None

    def open_folder(self) -> QUrl:
        url = QUrl.fromLocalFile(str(self.folder()))
        self._open(url)
        return url

    def open_print_kit(self) -> QUrl:
        url = QUrl.fromLocalFile(str(self.folder() / GALLERY_KIT_PATH))
        self._open(url)
        return url

    def _open(self, url: QUrl) -> None:
        if not QDesktopServices.openUrl(url):
            self.studio.notify(self.tr("Could not open {0}: no program for it on this computer.").format(
                url.toDisplayString()))


def default_folder(project_path: Path) -> Path:
    """Where a project's package goes unless the user chooses: ``<project name>-site`` beside it."""
    return project_path.with_name(f"{project_path.stem}-site")


def _stopper(pane: PublishPane):
    """A slot for the pane's ``destroyed``: stop its preview server (the pane's Python
    side may be gone by then, so it holds the preview list, not the pane)."""
    holder = pane.__dict__

    def stop() -> None:
        preview = holder.get("preview")
        if preview is not None:
            preview.stop()
    return stop

