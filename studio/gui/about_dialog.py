"""About Yunzhan Studio: its version and those of Qt, PySide6, VTK (pyvista) and ffmpeg.

ffmpeg's version is asked from the program itself, off the GUI thread.
"""

from __future__ import annotations

from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from assets.errors import YunzhanError
from studio.gui.plain_task import PlainTask


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "—"


def probe_ffmpeg(explicit: str | None) -> str:
    """``"7.1 (/usr/bin/ffmpeg)"``: the version of the ffmpeg the studio would run."""
    from streaming.ffmpeg_tool import ffmpeg_version, find_ffmpeg

    program = find_ffmpeg(explicit or None)
    return f"{ffmpeg_version(program)} ({program})"


class AboutDialog(QDialog):
    """Versions; the ffmpeg line fills in when the probe answers (``ffmpeg_label``)."""

    def __init__(self, ffmpeg_path: str | None, pool=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Yunzhan Studio"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form = QFormLayout(self)
        title = QLabel(self.tr("Yunzhan Studio {0}").format(package_version("yunzhan")))
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        title.setFont(font)
        form.addRow(title)
        form.addRow(QLabel(self.tr("Virtual exhibitions and live-streamed tours, offline first.")))
        self.versions = {"Qt": qVersion(), "PySide6": pyside_version,
                         "VTK": package_version("vtk"), "pyvista": package_version("pyvista")}
        for name, version in self.versions.items():
            form.addRow(name, QLabel(version))
        self.ffmpeg_label = QLabel(self.tr("asking ffmpeg…"))
        self.ffmpeg_label.setObjectName("ffmpegVersion")
        self.ffmpeg_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("ffmpeg", self.ffmpeg_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        # No Qt parent: the probe may land after the dialog is closed and deleted.
        self.probe = PlainTask("ffmpeg -version", lambda _progress: probe_ffmpeg(ffmpeg_path), pool=pool)
        self.probe.succeeded.connect(self.ffmpeg_label.setText)
        self.probe.failed.connect(self._probe_failed)
        self.probe.start()

    def _probe_failed(self, err: BaseException) -> None:
        self.ffmpeg_label.setText(err.user_text() if isinstance(err, YunzhanError) else str(err))
