"""The panorama view of the Halls pane: look around, zoom, see and drag hotspots.

The photo is drawn through :mod:`studio.gui.halls.camera` (the exported viewer's
projection) on the CPU into a QImage, so it needs no OpenGL and runs offscreen;
hotspots are drawn over it at their projected positions. The view holds no truth:
it shows the hotspots it is given and asks, through its signals, for the edits
(the pane makes them through :mod:`scenes.model`).

Mouse and touch: drag the photo to look around (one finger is a drag too); wheel
or pinch to zoom; click an empty place to ask for a hotspot there; press a
hotspot to select it, drag it to move it; Delete removes the selected one;
Ctrl+Z and Ctrl+Shift+Z ask to undo and redo.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (QBrush, QColor, QFont, QImage, QKeyEvent, QKeySequence, QMouseEvent, QPainter,
                           QPaintEvent, QPen, QWheelEvent)
from PySide6.QtWidgets import QGestureEvent, QPinchGesture, QSizePolicy, QWidget

from scenes import model
from studio.gui.halls.camera import Camera, Coverage, clamp_hfov, correction_matrix, render

MARKER_RADIUS = 15.0
DRAG_START_PX = 4.0
WHEEL_STEP = 1.1  # fov factor per wheel notch
SETTLE_MS = 120   # after the last step of a motion, the view is drawn at full resolution
# the exported viewer's markers (scenes/web/src/viewer.css), so both look alike
KIND_COLOURS = {model.HALL: QColor("#0b57d0"), model.OBJECT: QColor("#8a1c1c"), model.NOTE: QColor("#1f5f2e")}
KIND_LETTERS = {model.HALL: "↑", model.OBJECT: "+", model.NOTE: "i"}


class PanoramaView(QWidget):
    """One hall's panorama with its hotspots.

    Signals: ``place_requested(x, y, yaw, pitch)`` (a click on an empty place),
    ``hotspot_selected(id or None)``, ``hotspot_moved(id, yaw, pitch)`` (a finished
    drag), ``delete_requested(id)``, ``view_changed()``, ``undo_requested()``,
    ``redo_requested()``.
    """

    place_requested = Signal(float, float, float, float)
    hotspot_selected = Signal(object)
    hotspot_moved = Signal(int, float, float)
    delete_requested = Signal(int)
    view_changed = Signal()
    undo_requested = Signal()
    redo_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("panoramaView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 200)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.grabGesture(Qt.GestureType.PinchGesture)
        self.yaw, self.pitch, self.hfov = 0.0, 0.0, model.DEFAULT_FOV
        self.hotspots: tuple[model.Hotspot, ...] = ()
        self.placeholder = ""  # shown while there is no photo
        self.north: float | None = None
        self.selected: int | None = None
        self._photo: np.ndarray | None = None
        self._coverage: Coverage | None = None
        self._correction: np.ndarray | None = None
        self._tilt_roll = (0.0, 0.0)
        self._frame: QImage | None = None
        self._frame_key: tuple | None = None
        self._press: QPointF | None = None
        self._press_camera: Camera | None = None
        self._grabbed: int | None = None      # hotspot under the press
        self._dragging = False
        self._drag_at: tuple[float, float] | None = None  # a dragged hotspot's yaw, pitch
        self._pinch_fov = self.hfov
        self._moving = False
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._rest)

    # -- what it shows ------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(800, 500)

    def has_photo(self) -> bool:
        return self._photo is not None

    def set_photo(self, photo: np.ndarray | None, coverage: Coverage | None, *, tilt: float = 0.0,
                  roll: float = 0.0) -> None:
        """Show the equirectangular ``photo`` (RGB), turned by the hall's horizon correction."""
        if photo is self._photo and (tilt, roll) == self._tilt_roll and photo is not None:
            return  # the same picture: keep the frame drawn for it
        self._photo, self._coverage, self._tilt_roll = photo, coverage, (tilt, roll)
        self._correction = correction_matrix(tilt, roll) if (tilt or roll) else None
        self._frame_key = None
        self.update()

    def photo(self) -> tuple[np.ndarray | None, Coverage | None]:
        """The photo shown and where it sits in the sphere."""
        return self._photo, self._coverage

    def set_north(self, yaw: float | None) -> None:
        """Mark north (the hall's north offset) on the top edge; None hides the mark."""
        self.north = yaw
        self.update()

    def set_hotspots(self, hotspots, selected: int | None = None) -> None:
        self.hotspots = tuple(hotspots)
        self.selected = selected if any(s.id == selected for s in self.hotspots) else None
        self.update()

    def select(self, hotspot_id: int | None) -> None:
        if hotspot_id != self.selected:
            self.selected = hotspot_id
            self.update()
            self.hotspot_selected.emit(hotspot_id)

    def look_at(self, yaw: float, pitch: float, hfov: float | None = None, *, moving: bool = False) -> None:
        """Look toward (yaw, pitch) with a horizontal fov ``hfov``; ``moving``: one step of
        a drag, wheel or pinch (drawn at half resolution until the motion pauses)."""
        if moving:
            self._moving = True
            self._settle.start()
        self.yaw = (yaw + 180) % 360 - 180
        self.pitch = max(-90.0, min(90.0, pitch))
        if hfov is not None:
            self.hfov = hfov
        self.hfov = clamp_hfov(self.hfov, self._aspect())
        self.update()
        self.view_changed.emit()

    def camera(self) -> Camera:
        return Camera(self.yaw, self.pitch, clamp_hfov(self.hfov, self._aspect()),
                      max(1, self.width()), max(1, self.height()))

    def _aspect(self) -> float:
        return max(1, self.width()) / max(1, self.height())

    def screen_position(self, hotspot: model.Hotspot) -> QPointF | None:
        """Where ``hotspot`` is drawn, or None when it is behind the camera."""
        yaw, pitch = self._drag_at if (self._dragging and hotspot.id == self._grabbed) else (hotspot.yaw, hotspot.pitch)
        x, y, front = self.camera().project(yaw, pitch)
        return QPointF(float(x), float(y)) if bool(front) else None

    def direction_at(self, x: float, y: float) -> tuple[float, float]:
        yaw, pitch = self.camera().unproject(x, y)
        return float(yaw), float(pitch)

    def hotspot_at(self, pos: QPointF) -> int | None:
        best, best_d = None, MARKER_RADIUS + 3
        for spot in self.hotspots:
            at = self.screen_position(spot)
            if at is not None:
                d = math.hypot(at.x() - pos.x(), at.y() - pos.y())
                if d <= best_d:
                    best, best_d = spot.id, d
        return best

    # -- painting -------------------------------------------------------------------
    def _frame_image(self) -> QImage | None:
        if self._photo is None:
            return None
        cam = self.camera()
        # the screen's own pixels at rest (sharp on high-DPI screens); a quarter of the
        # logical pixels while the view turns (smooth on two busy cores)
        scale = 0.5 if self._moving else self.devicePixelRatioF()
        if scale != 1:
            cam = Camera(cam.yaw, cam.pitch, cam.hfov, max(1, round(cam.width * scale)),
                         max(1, round(cam.height * scale)))
        key = (cam, id(self._photo), id(self._correction))
        if key != self._frame_key:
            rgb = render(cam, self._photo, self._coverage, self._correction)
            # converted once to the screen's own format: every later paint is a plain copy
            self._frame = QImage(rgb.data, rgb.shape[1], rgb.shape[0], rgb.strides[0],
                                 QImage.Format.Format_RGB888).convertToFormat(QImage.Format.Format_RGB32)
            self._frame_key = key
        return self._frame

    def picture(self) -> QImage | None:
        """The panorama as the view shows it when still, without the hotspots (None before
        the photo arrives)."""
        self._rest()
        return self._frame_image()

    def _rest(self) -> None:
        if self._moving:
            self._moving = False
            self._settle.stop()
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        frame = self._frame_image()
        if frame is None:
            painter.fillRect(self.rect(), QColor(40, 40, 44))
            painter.setPen(QColor(200, 200, 200))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.placeholder)
        else:
            painter.drawImage(QRectF(0, 0, self.width(), self.height()), frame)
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        if self.north is not None:
            self._draw_north(painter)
        for spot in self.hotspots:
            at = self.screen_position(spot)
            if at is not None:
                self._draw_marker(painter, spot, at)
        painter.end()

    def _draw_north(self, painter: QPainter) -> None:
        x, _y, front = self.camera().project(self.north, 0.0)
        if bool(front) and 0 <= float(x) <= self.width():
            box = QRectF(float(x) - 11, 4, 22, 20)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(0, 0, 0, 150))
            painter.drawRoundedRect(box, 4, 4)
            painter.setPen(QColor(255, 255, 255))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.tr("N"))

    def _draw_marker(self, painter: QPainter, spot: model.Hotspot, at: QPointF) -> None:
        selected = spot.id == self.selected
        colour = KIND_COLOURS.get(spot.kind, QColor(200, 200, 200))
        painter.setPen(QPen(QColor(255, 255, 255), 3 if selected else 2))
        painter.setBrush(QBrush(colour))
        r = MARKER_RADIUS + (3 if selected else 0)
        painter.drawEllipse(at, r, r)
        painter.setPen(QColor(255, 255, 255))
        painter.drawText(QRectF(at.x() - r, at.y() - r, 2 * r, 2 * r), Qt.AlignmentFlag.AlignCenter,
                         KIND_LETTERS.get(spot.kind, "?"))
        if selected:
            painter.setPen(QPen(QColor(255, 255, 255), 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(at, r + 5, r + 5)

    # -- mouse, touch, keys -----------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._press = event.position()
        self._press_camera = self.camera()
        self._grabbed = self.hotspot_at(event.position())
        self._dragging = False
        if self._grabbed is not None:
            self.select(self._grabbed)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        delta = event.position() - self._press
        if not self._dragging and math.hypot(delta.x(), delta.y()) < DRAG_START_PX:
            return
        self._dragging = True
        if self._grabbed is not None:
            self._drag_at = self.direction_at(event.position().x(), event.position().y())
            self.update()
        else:
            turned = self._press_camera.turned(delta.x(), delta.y())
            self.look_at(turned.yaw, turned.pitch, moving=True)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._press is None or event.button() != Qt.MouseButton.LeftButton:
            return super().mouseReleaseEvent(event)
        grabbed, dragged = self._grabbed, self._dragging
        self._press, self._grabbed, self._dragging = None, None, False
        if grabbed is not None and dragged:
            yaw, pitch = self.direction_at(event.position().x(), event.position().y())
            self._drag_at = None
            self.hotspot_moved.emit(grabbed, yaw, pitch)
        elif grabbed is None and not dragged:
            self.select(None)
            x, y = event.position().x(), event.position().y()
            self.place_requested.emit(x, y, *self.direction_at(x, y))
        self.update()

    def wheelEvent(self, event: QWheelEvent) -> None:
        notches = event.angleDelta().y() / 120
        if notches:
            self.look_at(self.yaw, self.pitch, self.hfov / WHEEL_STEP ** notches, moving=True)
        event.accept()

    def _gesture(self, event: QGestureEvent) -> bool:
        pinch = event.gesture(Qt.GestureType.PinchGesture)
        if isinstance(pinch, QPinchGesture):
            if pinch.state() == Qt.GestureState.GestureStarted:
                self._pinch_fov = self.hfov
            if pinch.totalScaleFactor() > 0:
                self.look_at(self.yaw, self.pitch, self._pinch_fov / pinch.totalScaleFactor(), moving=True)
            event.accept(pinch)
            return True
        return super().event(event)

    def event(self, event) -> bool:
        if isinstance(event, QGestureEvent):
            return self._gesture(event)
        if event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)):
            event.accept()  # Ctrl+Z here undoes the pane's edits, whatever the window's menus hold
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_requested.emit()
            return
        if event.matches(QKeySequence.StandardKey.Redo):
            self.redo_requested.emit()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selected is not None:
            self.delete_requested.emit(self.selected)
            return
        steps = {Qt.Key.Key_Left: (-5, 0), Qt.Key.Key_Right: (5, 0), Qt.Key.Key_Up: (0, 5), Qt.Key.Key_Down: (0, -5)}
        if event.key() in steps:
            dy, dp = steps[event.key()]
            self.look_at(self.yaw + dy, self.pitch + dp)
            return
        if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus):
            self.look_at(self.yaw, self.pitch, self.hfov * (1 / WHEEL_STEP if event.key() != Qt.Key.Key_Minus
                                                            else WHEEL_STEP))
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:
        self.hfov = clamp_hfov(self.hfov, self._aspect())
        super().resizeEvent(event)
