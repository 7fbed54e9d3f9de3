"""The Virtual hall pane: arrange a walkable 3D hall on its floor plan, no 3D skills
(and no OpenGL) needed.

The room is drawn from above (a QGraphicsView, north at the top): the walls, the
door in the south wall, the floor a visitor can walk on, the pictures as bars on
the walls and the 3D works as plinths. Drag a picture along its wall (it stays on
the wall, never over a neighbour or the door) or onto another wall; drag a plinth
on the floor (inside the room; a place that would block the way to a work is
refused). The room form changes size, wall colour, floor and light, re-hanging
the works that no longer fit. Every edit is one call of :mod:`scenes.virtual_halls`
(one undoable step); the pane redraws from the project on ``studio.changed``.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import (QColorDialog, QComboBox, QDoubleSpinBox, QFormLayout, QGraphicsItem,
                               QGraphicsRectItem, QGraphicsScene, QGraphicsSimpleTextItem, QGraphicsView,
                               QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QVBoxLayout,
                               QWidget)

from assets.catalog import Catalog
from assets.errors import YunzhanError
from scenes import virtual_halls as vh

SCALE = 100.0          # scene units per metre (centimetres): x east, y south (= the room's z)
WALL_PEN = 12.0        # how thick the walls are drawn, in centimetres
BAR = 14.0             # how thick a picture is drawn
NUDGE = 0.1            # metres an arrow key moves the selected work
NARROW = 700           # pixels: below this width the room form goes under the plan
_FLOOR_COLOURS = {"wood": "#d9c3a0", "stone": "#cfcac2", "carpet": "#b9a4a4"}
_WATCHED = ("virtual_halls", "virtual_hall_items", "objects")


class _Work:
    """What a drawn work shares: its item dict and the view that owns it."""

    def setup(self, view: "HallPlanView", item: dict, label: str) -> None:
        self.view, self.item = view, item
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setToolTip(label)
        text = QGraphicsSimpleTextItem(item["accession"], self)
        text.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        text.setBrush(QColor("#2b2b2b"))
        self.text = text


class PictureItem(_Work, QGraphicsRectItem):
    """A picture on a wall: a bar as wide as the picture, dragged along the walls."""

    def __init__(self, view: "HallPlanView", item: dict, label: str):
        QGraphicsRectItem.__init__(self)
        self.setup(view, item, label)
        self.setBrush(QColor("#8a1c1c"))
        self.setPen(QPen(QColor("#3d0c0c"), 0))
        self.setZValue(3)
        self.wall = item["wall"]
        self.along = vh.along_wall(view.hall.width, view.hall.depth, self.wall, item["x"], item["z"])
        self._shape()
        self.setPos(self._point(self.wall, self.along))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)  # drags snap; the stored place does not

    def _shape(self) -> None:
        w = self.item["width"] * SCALE
        horizontal = self.wall in ("north", "south")
        self.setRect(QRectF(-w / 2, -BAR / 2, w, BAR) if horizontal else QRectF(-BAR / 2, -w / 2, BAR, w))
        # The label sits inside the room beside the bar: anchored in centimetres, offset in pixels.
        tw, th = self.text.boundingRect().width(), self.text.boundingRect().height()
        anchor, offset = {"north": ((0, BAR), (-tw / 2, 2)), "south": ((0, -BAR), (-tw / 2, -th - 2)),
                          "east": ((-BAR, 0), (-tw - 4, -th / 2)), "west": ((BAR, 0), (4, -th / 2))}[self.wall]
        self.text.setPos(*anchor)
        self.text.setTransform(QTransform.fromTranslate(*offset))

    def _point(self, wall: str, along: float) -> QPointF:
        hall = self.view.hall
        x, z = vh.wall_point(hall.width, hall.depth, wall, along)
        return QPointF(x * SCALE, z * SCALE)

    def itemChange(self, change, value):  # noqa: N802 (Qt's name)
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionChange:
            wall, along = self.view.snap_picture(self.item, value.x() / SCALE, value.y() / SCALE, self.wall,
                                                 self.along)
            if wall != self.wall:
                self.wall = wall
                self._shape()
            self.along = along
            return self._point(wall, along)
        return super().itemChange(change, value)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        self.view.dropped(self)

    def moved(self) -> bool:
        hall = self.view.hall
        return (self.wall, round(self.along, 6)) != (
            self.item["wall"], round(vh.along_wall(hall.width, hall.depth, self.item["wall"], self.item["x"],
                                                   self.item["z"]), 6))


class PlinthItem(_Work, QGraphicsRectItem):
    """A 3D work's plinth, dragged on the floor inside the walls."""

    def __init__(self, view: "HallPlanView", item: dict, label: str):
        QGraphicsRectItem.__init__(self)
        self.setup(view, item, label)
        self.problem: str | None = None  # why it cannot stand where it is being dragged
        w, d = (item["width"] + 2 * vh.PLINTH_MARGIN) * SCALE, (item["depth"] + 2 * vh.PLINTH_MARGIN) * SCALE
        self.setRect(QRectF(-w / 2, -d / 2, w, d))
        self.setBrush(QColor("#f7f4ee"))
        self.setPen(QPen(QColor("#5a4a3a"), 0))
        self.setZValue(2)
        self.text.setPos(0, d / 2)
        self.text.setTransform(QTransform.fromTranslate(-self.text.boundingRect().width() / 2, 2))
        self.setPos(item["x"] * SCALE, item["z"] * SCALE)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)

    def itemChange(self, change, value):  # noqa: N802
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionChange:
            hall = self.view.hall
            x, z = vh.clamp_to_room(self.item, value.x() / SCALE, value.y() / SCALE, hall.width, hall.depth)
            # Red while it stands on another plinth or in the way; letting go there is refused.
            self.problem = vh.plinth_problem(self.view.item_list, self.item, x, z, hall.width, hall.depth)
            self.setBrush(QColor("#e8a0a0" if self.problem else "#f7f4ee"))
            return QPointF(x * SCALE, z * SCALE)
        return super().itemChange(change, value)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        self.view.dropped(self)

    def floor_point(self) -> tuple[float, float]:
        return (self.pos().x() / SCALE, self.pos().y() / SCALE)

    def moved(self) -> bool:
        return (round(self.item["x"], 6), round(self.item["z"], 6)) != tuple(round(v, 6) for v in self.floor_point())


class Drop(NamedTuple):
    """A work let go on the plan: a picture's wall and place along it, or a plinth's floor point."""
    item_id: int
    accession: str
    wall: str | None
    along: float | None
    x: float | None
    z: float | None


class HallPlanView(QGraphicsView):
    """The floor plan of one virtual hall; tells ``on_drop(work_item)`` when a work is let go."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("virtualHallPlan")
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setBackgroundBrush(QColor("#fbfaf7"))
        self.setMinimumSize(320, 240)
        self.hall: vh.VirtualHall | None = None
        self.items_by_id: dict[int, QGraphicsRectItem] = {}
        self.on_drop = lambda drop: None
        self.entrance_text = "Entrance"
        self.item_list: list[dict] = []

    def show_hall(self, hall: vh.VirtualHall | None, titles: dict[int, str]) -> None:
        scene = self.scene()
        scene.clear()
        self.items_by_id = {}
        self.hall = hall
        if hall is None:
            return
        self.item_list = vh.item_dicts(hall)
        w, d = hall.width * SCALE, hall.depth * SCALE
        scene.setSceneRect(QRectF(-w / 2 - 80, -d / 2 - 80, w + 160, d + 160))
        scene.addRect(QRectF(-w / 2, -d / 2, w, d), QPen(Qt.PenStyle.NoPen),
                      QBrush(QColor(_FLOOR_COLOURS.get(hall.floor, "#dddddd"))))
        walk = QPainterPath()
        for x0, z0, x1, z1 in vh.walk_area(hall):
            walk.addRect(QRectF(x0 * SCALE, z0 * SCALE, (x1 - x0) * SCALE, (z1 - z0) * SCALE))
        scene.addPath(walk.simplified(), QPen(Qt.PenStyle.NoPen), QBrush(QColor(255, 255, 255, 120))).setZValue(1)
        wall_pen = QPen(QColor(hall.wall_colour).darker(170), WALL_PEN)
        wall_pen.setCapStyle(Qt.PenCapStyle.SquareCap)
        door = vh.DOOR_WIDTH * SCALE / 2
        for x0, y0, x1, y1 in ((-w / 2, -d / 2, w / 2, -d / 2), (w / 2, -d / 2, w / 2, d / 2),
                               (w / 2, d / 2, door, d / 2), (-door, d / 2, -w / 2, d / 2),
                               (-w / 2, d / 2, -w / 2, -d / 2)):
            scene.addLine(x0, y0, x1, y1, wall_pen).setZValue(2)
        scene.addLine(-door, d / 2, door, d / 2, QPen(QColor("#7a7a7a"), 0, Qt.PenStyle.DashLine)).setZValue(2)
        entrance = scene.addSimpleText(self.entrance_text)
        entrance.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        entrance.setPos(0, d / 2 + WALL_PEN)
        entrance.setTransform(QTransform.fromTranslate(-entrance.boundingRect().width() / 2, 2))
        for it in self.item_list:
            cls = PictureItem if it["kind"] == "picture" else PlinthItem
            work = cls(self, it, titles.get(it["object_id"], it["accession"]))
            scene.addItem(work)
            self.items_by_id[it["id"]] = work
        self.fit()

    def fit(self) -> None:
        if self.hall is not None:
            self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit()

    def snap_picture(self, item: dict, x: float, z: float, wall: str, along: float) -> tuple[str, float]:
        """Where a picture dragged to floor point (x, z) hangs: the nearest free place on
        the nearest wall, else on the wall it was on."""
        hall = self.hall
        target = vh.nearest_wall(hall.width, hall.depth, x, z)
        spot = vh.free_spot(self.item_list, item, target, vh.along_wall(hall.width, hall.depth, target, x, z),
                            hall.width, hall.depth)
        if spot is not None:
            return target, spot
        spot = vh.free_spot(self.item_list, item, wall, vh.along_wall(hall.width, hall.depth, wall, x, z),
                            hall.width, hall.depth)
        return (wall, along) if spot is None else (wall, spot)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        """Arrow keys nudge the selected work 10 cm (snapped like a drag), for the keyboard."""
        step = {Qt.Key.Key_Left: (-NUDGE, 0), Qt.Key.Key_Right: (NUDGE, 0), Qt.Key.Key_Up: (0, -NUDGE),
                Qt.Key.Key_Down: (0, NUDGE)}.get(event.key())
        selected = [i for i in self.scene().selectedItems() if isinstance(i, (PictureItem, PlinthItem))]
        if step is None or len(selected) != 1:
            super().keyPressEvent(event)
            return
        work = selected[0]
        work.setPos(work.pos() + QPointF(step[0] * SCALE, step[1] * SCALE))  # itemChange keeps it on its wall
        self.dropped(work)

    def dropped(self, work) -> None:
        if work.moved():
            # What was dropped where, taken now: the scene may be redrawn before the edit runs.
            drop = Drop(work.item["id"], work.item["accession"], *(
                (work.wall, work.along, None, None) if isinstance(work, PictureItem) else (None, None,
                                                                                          *work.floor_point())))
            # After the mouse event returns: the edit redraws the scene, this item included.
            QTimer.singleShot(0, lambda: self.on_drop(drop))

    def item_position(self, item_id: int) -> QPointF:
        """Where work ``item_id`` is drawn, in viewport pixels (for tests and tools)."""
        return QPointF(self.mapFromScene(self.items_by_id[item_id].scenePos()))

    def viewport_point(self, x: float, z: float) -> QPointF:
        """The viewport pixel of floor point (x, z) metres."""
        return QPointF(self.mapFromScene(QPointF(x * SCALE, z * SCALE)))


class RoomForm(QGroupBox):
    """The room: width, depth, height, wall colour, floor and light; Apply changes it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Room"), parent)
        self.width_box, self.depth_box, self.height_box = QDoubleSpinBox(), QDoubleSpinBox(), QDoubleSpinBox()
        for box, (lo, hi) in ((self.width_box, (4, 100)), (self.depth_box, (4, 100)), (self.height_box, (2.6, 20))):
            box.setRange(lo, hi)
            box.setDecimals(2)
            box.setSingleStep(0.5)
            box.setSuffix(self.tr(" m"))
        self.colour = QLineEdit()
        self.colour.setObjectName("wallColour")
        self.colour.setInputMask("\\#HHHHHH")
        self.pick_colour = QPushButton(self.tr("Choose…"))
        self.pick_colour.clicked.connect(self._choose_colour)
        self.floor, self.light = QComboBox(), QComboBox()
        floors = {"wood": self.tr("Wood"), "stone": self.tr("Stone"), "carpet": self.tr("Carpet")}
        lights = {"warm": self.tr("Warm"), "neutral": self.tr("Neutral"), "cool": self.tr("Cool")}
        for combo, names in ((self.floor, floors), (self.light, lights)):
            for key in (vh.FLOORS if combo is self.floor else vh.LIGHTS):
                combo.addItem(names[key], key)
        self.apply = QPushButton(self.tr("Apply room"))
        self.apply.setObjectName("applyRoom")
        colour_row = QHBoxLayout()
        colour_row.addWidget(self.colour, 1)
        colour_row.addWidget(self.pick_colour)
        form = QFormLayout(self)
        form.addRow(self.tr("Width"), self.width_box)
        form.addRow(self.tr("Depth"), self.depth_box)
        form.addRow(self.tr("Height"), self.height_box)
        form.addRow(self.tr("Wall colour"), colour_row)
        form.addRow(self.tr("Floor"), self.floor)
        form.addRow(self.tr("Light"), self.light)
        form.addRow(self.apply)
        self._dialog: QColorDialog | None = None

    def show_room(self, hall: vh.VirtualHall) -> None:
        self.width_box.setValue(hall.width)
        self.depth_box.setValue(hall.depth)
        self.height_box.setValue(hall.height)
        self.colour.setText(hall.wall_colour)
        self.floor.setCurrentIndex(self.floor.findData(hall.floor))
        self.light.setCurrentIndex(self.light.findData(hall.light))

    def room(self) -> dict:
        return {"width": self.width_box.value(), "depth": self.depth_box.value(), "height": self.height_box.value(),
                "wall_colour": self.colour.text(), "floor": self.floor.currentData(), "light": self.light.currentData()}

    def _choose_colour(self) -> None:
        self._dialog = QColorDialog(QColor(self.colour.text()), self)
        self._dialog.colorSelected.connect(lambda c: self.colour.setText(c.name()))
        self._dialog.open()


class VirtualHallEditor(QWidget):
    """Arrange the project's virtual halls (the pane registered as "Virtual hall")."""

    def __init__(self, studio, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("virtualHallEditor")
        self.studio = studio
        self.slug: str | None = None
        self.halls = QComboBox()
        self.halls.setObjectName("virtualHalls")
        self.halls.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.halls.setMinimumContentsLength(6)
        self.halls.currentIndexChanged.connect(lambda _i: self._select(self.halls.currentData()))
        self.new_button = QPushButton(self.tr("New hall of all works"))
        self.new_button.setObjectName("newVirtualHall")
        self.new_button.clicked.connect(self.new_hall)
        self.view = HallPlanView()
        self.view.on_drop = self._on_drop
        self.view.entrance_text = self.tr("Entrance")
        self.form = RoomForm()
        self.form.apply.clicked.connect(self.apply_room)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.help = QLabel(self.tr("Drag a picture along a wall or onto another wall; drag a plinth on the floor "
                                   "(or select one and nudge it with the arrow keys). The light floor is where "
                                   "visitors can walk."))
        self.help.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Virtual hall")))
        top.addWidget(self.halls, 1)
        top.addWidget(self.new_button)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.form)
        side_layout.addWidget(self.help)
        side_layout.addWidget(self.status)
        side_layout.addStretch(1)
        self.split = split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.view)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        studio.changed.connect(self._on_changed)
        self.reload()

    def resizeEvent(self, event) -> None:  # noqa: N802
        """Narrow (a small screen, a docked pane): the room form goes under the plan."""
        super().resizeEvent(event)
        narrow = self.width() < NARROW
        self.split.setOrientation(Qt.Orientation.Vertical if narrow else Qt.Orientation.Horizontal)

    # -- reading ----------------------------------------------------------------------
    def reload(self) -> None:
        halls = vh.list_halls(self.studio.project)
        slugs = [h.slug for h in halls]
        if self.slug not in slugs:
            self.slug = slugs[0] if slugs else None
        self.halls.blockSignals(True)
        self.halls.clear()
        for hall in halls:
            self.halls.addItem(hall.title_zh or hall.title_en or hall.slug, hall.slug)
        self.halls.setCurrentIndex(slugs.index(self.slug) if self.slug else -1)
        self.halls.blockSignals(False)
        self.form.setEnabled(self.slug is not None)
        hall = next((h for h in halls if h.slug == self.slug), None)
        self.view.show_hall(hall, self._titles(hall))
        if hall is not None:
            self.form.show_room(hall)
        else:
            self.status.setText(self.tr("No virtual hall yet: make one of the catalog's works."))

    def _titles(self, hall) -> dict[int, str]:
        if hall is None:
            return {}
        catalog = Catalog(self.studio.project)
        return {o.id: f"{o.accession} {o.title_zh or o.title_en}".strip()
                for o in catalog.rows([i.object_id for i in hall.items])}

    def _select(self, slug: str | None) -> None:
        if slug and slug != self.slug:
            self.slug = slug
            self.reload()

    def _on_changed(self, changes) -> None:
        if changes.touches(*_WATCHED):
            self.reload()

    # -- editing (through the library) -------------------------------------------------
    def _on_drop(self, drop: Drop) -> None:
        try:
            if drop.wall is not None:
                vh.place_picture(self.studio.project, drop.item_id, wall=drop.wall, along=drop.along)
            else:
                vh.place_model(self.studio.project, drop.item_id, x=drop.x, z=drop.z)
        except YunzhanError as err:
            self.studio.report(err)
            self.status.setText(err.message)
            self.reload()  # back where it was
            return
        self.status.setText(self.tr("Moved {0}.").format(drop.accession))

    def apply_room(self) -> None:
        if self.slug is None:
            return
        try:
            _hall, moved = vh.set_room(self.studio.project, self.slug, **self.form.room())
        except YunzhanError as err:
            self.studio.report(err)
            self.status.setText(err.message)
            return
        self.status.setText(self.tr("Room changed; re-hung: {0}.").format(", ".join(moved)) if moved
                            else self.tr("Room changed; every work still fits where it was."))

    def new_hall(self) -> None:
        taken = {h.slug for h in vh.list_halls(self.studio.project)}
        slug = next(s for n in range(1, 1000) if (s := f"virtual-hall-{n}") not in taken)
        n = len(taken) + 1
        title = self.tr("Virtual hall {0}").format(n)
        self.slug = slug
        self.studio.run_task(self.tr("Making a virtual hall"), lambda project, progress: vh.generate_hall(
            project, slug=slug, title_zh=title, title_en=f"Virtual hall {n}").slug)
