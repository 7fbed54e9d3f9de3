"""The floor plan in the Halls pane: the plan image with a pin per hall.

Drag a pin to move it; press anywhere on the plan to put the selected hall's pin
there (and drag on). The widget asks through ``pin_moved(slug, x, y)`` (fractions
of the plan's width and height); the pane calls :func:`scenes.model.pin_hall`.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

PIN_RADIUS = 7.0


class FloorPlanView(QWidget):
    pin_moved = Signal(str, float, float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("floorPlan")
        self.setMinimumSize(160, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.image: QImage | None = None
        self.pins: dict[str, tuple[float, float]] = {}
        self.current: str | None = None
        self._dragging: str | None = None
        self.empty_text = ""

    def sizeHint(self) -> QSize:
        return QSize(240, 180)

    def show_plan(self, image: QImage | None, pins, current: str | None) -> None:
        self.image = image
        self.pins = {p.hall: (p.x, p.y) for p in pins}
        self.current = current
        self.update()

    def plan_rect(self) -> QRectF:
        """Where the plan image is drawn: fitted into the widget, centred."""
        if self.image is None or self.image.isNull():
            return QRectF(self.rect())
        scale = min(self.width() / self.image.width(), self.height() / self.image.height())
        w, h = self.image.width() * scale, self.image.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def pin_position(self, slug: str) -> QPointF | None:
        if slug not in self.pins:
            return None
        r = self.plan_rect()
        x, y = self.pins[slug]
        return QPointF(r.left() + x * r.width(), r.top() + y * r.height())

    def _fraction(self, pos: QPointF) -> tuple[float, float]:
        r = self.plan_rect()
        return (min(1.0, max(0.0, (pos.x() - r.left()) / r.width())),
                min(1.0, max(0.0, (pos.y() - r.top()) / r.height())))

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(245, 245, 240))
        if self.image is None:
            painter.setPen(QColor(120, 120, 120))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
            painter.end()
            return
        painter.drawImage(self.plan_rect(), self.image)
        for slug in self.pins:
            at = self.pin_position(slug)
            current = slug == self.current
            painter.setPen(QPen(QColor(255, 255, 255), 2))
            painter.setBrush(QColor(220, 60, 40) if current else QColor(60, 90, 160))
            painter.drawEllipse(at, PIN_RADIUS + (2 if current else 0), PIN_RADIUS + (2 if current else 0))
            painter.setPen(QColor(20, 20, 20))
            painter.drawText(at + QPointF(PIN_RADIUS + 3, 4), slug)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.image is None or event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position()
        hit = [s for s in self.pins if math.dist((self.pin_position(s).x(), self.pin_position(s).y()),
                                                  (pos.x(), pos.y())) <= PIN_RADIUS + 3]
        self._dragging = hit[0] if hit else self.current
        self.mouseMoveEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging is not None:
            self.pins[self._dragging] = self._fraction(event.position())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._dragging is not None:
            slug, self._dragging = self._dragging, None
            self.pin_moved.emit(slug, *self._fraction(event.position()))
