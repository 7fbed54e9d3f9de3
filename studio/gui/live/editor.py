"""The event editor: titles, time and zone, duration, destinations with masked keys,
source, program size and slate texts.

The editor holds no truth: :meth:`EventEditor.load` fills it from a stored event,
:meth:`EventEditor.draft` reads it back as an :class:`~streaming.event_form.EventDraft`
for :func:`~streaming.event_form.save_event`, and :meth:`EventEditor.typed_keys` gives
the stream keys typed into the masked fields, which the pane hands to the keyring
(:class:`~streaming.keys.KeyStore`), never to the project.
"""

from __future__ import annotations

import functools
import zoneinfo
from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateTimeEdit, QFileDialog, QFormLayout, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QSpinBox, QTableWidget,
                               QVBoxLayout, QWidget)

from streaming.destinations import PRESETS
from streaming.event_form import X264_PRESETS, DestinationRow, EventDraft
from streaming.events import local_zone
from streaming.keys import mask

SOURCES = ("testsrc", "v4l2:/dev/video0+pulse:default", "x11grab::0.0")
PROGRAM_SIZES = ("1280x720@30", "1920x1080@30", "640x360@30", "720x1280@30", "1080x1920@30")


@functools.lru_cache(maxsize=1)
def zone_names() -> tuple[str, ...]:
    return tuple(sorted(z for z in zoneinfo.available_timezones() if "/" in z or z == "UTC"))


class DestinationsTable(QWidget):
    """Rows of name, platform preset, server address and a masked stream key."""

    NAME, PRESET, URL, KEY = range(4)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("destinationsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Platform"), self.tr("Server address"),
                                              self.tr("Stream key")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.URL, QHeaderView.ResizeMode.Stretch)
        for column, width in ((self.NAME, 90), (self.PRESET, 150), (self.KEY, 140)):
            self.table.setColumnWidth(column, width)
        self.table.setMinimumHeight(110)
        self.add_button = QPushButton(self.tr("Add destination"), self)
        self.add_button.setObjectName("addDestination")
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("removeDestination")
        self.help = QLabel(self)
        self.help.setObjectName("presetHelp")
        self.help.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.help)
        self.add_button.clicked.connect(lambda: self.add_row("", "custom-rtmp", "", None))
        self.remove_button.clicked.connect(self._remove_current)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_help(row))

    def add_row(self, name: str, preset: str, url: str, saved_key: str | None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name_edit = QLineEdit(name)
        name_edit.setPlaceholderText(self.tr("e.g. bilibili"))
        presets = QComboBox()
        for p in PRESETS.values():
            presets.addItem(p.label, p.id)
        presets.setCurrentIndex(max(0, presets.findData(preset)))
        url_edit = QLineEdit(url)
        url_edit.setPlaceholderText("rtmp://…")
        key_edit = QLineEdit()
        key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        key_edit.setPlaceholderText(self.tr("saved: {0}").format(mask(saved_key)) if saved_key
                                    else self.tr("type the stream key"))
        for column, widget in enumerate((name_edit, presets, url_edit, key_edit)):
            self.table.setCellWidget(row, column, widget)
        presets.currentIndexChanged.connect(lambda _i, r=row: self._preset_chosen(r))
        self.table.setCurrentCell(row, self.NAME)
        self._show_help(row)
        return row

    def clear(self) -> None:
        self.table.setRowCount(0)
        self.help.clear()

    def widget(self, row: int, column: int):
        return self.table.cellWidget(row, column)

    def rows(self) -> list[DestinationRow]:
        return [DestinationRow(self.widget(r, self.NAME).text().strip(), self.widget(r, self.PRESET).currentData(),
                               self.widget(r, self.URL).text().strip()) for r in range(self.table.rowCount())]

    def typed_keys(self) -> dict[str, str]:
        return {self.widget(r, self.NAME).text().strip(): self.widget(r, self.KEY).text()
                for r in range(self.table.rowCount()) if self.widget(r, self.KEY).text().strip()}

    def _preset_chosen(self, row: int) -> None:
        name = self.widget(row, self.NAME)
        if not name.text().strip():  # a platform's own name is a good destination name
            preset = self.widget(row, self.PRESET).currentData()
            name.setText("" if preset.startswith("custom-") else preset)
        self._show_help(row)

    def _show_help(self, row: int) -> None:
        if 0 <= row < self.table.rowCount():
            preset = PRESETS[self.widget(row, self.PRESET).currentData()]
            self.help.setText(f"{preset.label}: {preset.help}")

    def _remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)


class EventEditor(QWidget):
    """The form of one event (new or stored)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("eventEditor")
        self.title_zh = QLineEdit()
        self.title_zh.setObjectName("titleZh")
        self.title_en = QLineEdit()
        self.title_en.setObjectName("titleEn")
        self.start = QDateTimeEdit()
        self.start.setObjectName("startTime")
        self.start.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.start.setCalendarPopup(True)
        self.zone = QComboBox()
        self.zone.setObjectName("timeZone")
        self.zone.setEditable(True)
        self.zone.addItems(zone_names())
        self.duration = QSpinBox()
        self.duration.setObjectName("durationMinutes")
        self.duration.setRange(1, 24 * 60)
        self.duration.setSuffix(self.tr(" min"))
        self.preroll = QSpinBox()
        self.preroll.setObjectName("prerollMinutes")
        self.preroll.setRange(0, 120)
        self.preroll.setSuffix(self.tr(" min"))
        self.destinations = DestinationsTable()
        self.source = QComboBox()
        self.source.setObjectName("source")
        self.source.setEditable(True)
        self.source.addItems(SOURCES)
        self.source_file = QPushButton(self.tr("Video file…"))
        self.source_file.setObjectName("sourceFile")
        self.program = QComboBox()
        self.program.setObjectName("programSize")
        self.program.setEditable(True)
        self.program.addItems(PROGRAM_SIZES)
        self.encoder_preset = QComboBox()
        self.encoder_preset.setObjectName("encoderSpeed")
        self.encoder_preset.addItems(X264_PRESETS)
        self.slate_title = QLineEdit()
        self.slate_title.setObjectName("slateTitle")
        self.slate_title.setPlaceholderText(self.tr("the event's title"))
        self.lower_third = QLineEdit()
        self.lower_third.setObjectName("lowerThird")
        self.qr_url = QLineEdit()
        self.qr_url.setObjectName("qrUrl")
        self.qr_url.setPlaceholderText("https://…")
        self.save_button = QPushButton(self.tr("Save event"))
        self.save_button.setObjectName("saveEvent")

        when = QHBoxLayout()
        when.addWidget(self.start, 1)
        when.addWidget(self.zone, 1)
        source_row = QHBoxLayout()
        source_row.addWidget(self.source, 1)
        source_row.addWidget(self.source_file)
        program_row = QHBoxLayout()
        program_row.addWidget(self.program, 1)
        program_row.addWidget(QLabel(self.tr("Encoder speed")))
        program_row.addWidget(self.encoder_preset)
        times = QHBoxLayout()
        times.addWidget(self.duration)
        times.addWidget(QLabel(self.tr("Countdown before the start")))
        times.addWidget(self.preroll)
        times.addStretch(1)

        form = QFormLayout()
        form.addRow(self.tr("Title (Chinese)"), self.title_zh)
        form.addRow(self.tr("Title (English)"), self.title_en)
        form.addRow(self.tr("Starts"), when)
        form.addRow(self.tr("Duration"), times)
        form.addRow(self.tr("Source"), source_row)
        form.addRow(self.tr("Program size"), program_row)
        slate = QGroupBox(self.tr("Slate texts"))
        slate_form = QFormLayout(slate)
        slate_form.addRow(self.tr("Countdown title"), self.slate_title)
        slate_form.addRow(self.tr("Caption"), self.lower_third)
        slate_form.addRow(self.tr("QR code address"), self.qr_url)
        dests = QGroupBox(self.tr("Destinations"))
        QVBoxLayout(dests).addWidget(self.destinations)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(dests, 1)
        layout.addWidget(slate)
        layout.addWidget(self.save_button)
        self.source_file.clicked.connect(self._choose_file)
        self.load_new()

    # -- filling ---------------------------------------------------------------------
    def load_new(self) -> None:
        """An empty form: the next full hour in this computer's zone, one hour long."""
        now = datetime.now().replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        self.load(EventDraft(start=now, tz=local_zone()), {})

    def load(self, draft: EventDraft, saved_keys: dict[str, str | None]) -> None:
        """Show ``draft``; ``saved_keys`` (name → key) only sets the masked placeholders."""
        self.title_zh.setText(draft.title_zh)
        self.title_en.setText(draft.title_en)
        self.start.setDateTime(QDateTime(draft.start))
        self.zone.setCurrentText(draft.tz)
        self.duration.setValue(draft.duration_min)
        self.preroll.setValue(draft.preroll_min)
        self.destinations.clear()
        for row in draft.destinations:
            self.destinations.add_row(row.name, row.preset, row.url, saved_keys.get(row.name))
        self.source.setCurrentText(draft.source)
        self.program.setCurrentText(draft.program)
        self.encoder_preset.setCurrentText(draft.encoder_preset)
        self.slate_title.setText(draft.slate_title)
        self.lower_third.setText(draft.lower_third)
        self.qr_url.setText(draft.qr_url)

    # -- reading back -----------------------------------------------------------------
    def draft(self) -> EventDraft:
        return EventDraft(
            title_zh=self.title_zh.text(), title_en=self.title_en.text(),
            start=self.start.dateTime().toPython().replace(second=0, microsecond=0),
            tz=self.zone.currentText().strip(), duration_min=self.duration.value(),
            preroll_min=self.preroll.value(), destinations=self.destinations.rows(),
            source=self.source.currentText().strip(), program=self.program.currentText().strip(),
            encoder_preset=self.encoder_preset.currentText(), slate_title=self.slate_title.text(),
            lower_third=self.lower_third.text(), qr_url=self.qr_url.text())

    def typed_keys(self) -> dict[str, str]:
        return self.destinations.typed_keys()

    def _choose_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Program video"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self.source.setCurrentText(f"file:{path}"))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
