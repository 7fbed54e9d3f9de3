"""``yunzhan model ...`` (3D models and their exhibit scenes) and ``yunzhan vhall ...``
(walkable virtual halls): thin commands over assets.models, scenes.model_scenes and
scenes.virtual_halls."""

from __future__ import annotations

from pathlib import Path

import click

from studio.cli.support import opened

PROJECT = click.argument("project", type=click.Path(path_type=Path))


def _floats(text: str, name: str) -> tuple[float, float, float]:
    try:
        x, y, z = (float(v) for v in text.split(","))
    except ValueError:
        raise click.BadParameter(f"{text!r}: give three numbers like 0.1,1.2,0.05", param_hint=name) from None
    return (x, y, z)


def _model_sha(p, key: str) -> str:
    """A model named by a catalog object's accession number, or by a hash prefix."""
    from assets.errors import NotFound
    from scenes.model_scenes import model_of_object

    rows = p.db.execute("SELECT sha256 FROM models WHERE sha256 LIKE ?", (key.lower() + "%",)).fetchall() \
        if len(key) >= 8 and all(c in "0123456789abcdefABCDEF" for c in key) else []
    if len(rows) == 1:
        return rows[0][0]
    if len(rows) > 1:
        raise NotFound(f"{p.path}: hash prefix {key} names {len(rows)} models; give more of it")
    return model_of_object(p, key)


@click.group()
def model() -> None:
    """3D models: import, web version, annotations and their tour."""


@model.command("import")
@PROJECT
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--object", "accession", help="Link the models to this catalog object (accession number).")
@click.option("--units", default="auto", show_default=True, help="m, cm, mm, in, ft or auto.")
@click.option("--up", default="auto", show_default=True, help="y, z or auto (the model's up axis).")
def import_(project: Path, files: tuple[Path, ...], accession: str | None, units: str, up: str) -> None:
    """Import glTF/GLB, OBJ (+MTL), PLY or STL models: the original is kept, a web
    version within budget and a poster are made."""
    from assets.catalog import Catalog
    from assets.models.store import import_model

    with opened(project) as p:
        catalog = Catalog(p)
        target = catalog.get(accession) if accession else None
        for path in files:
            m = import_model(p, path, units=units, up=up)
            if target is not None:
                catalog.link_media(target.id, m.sha256, role="model")
            size = " × ".join(f"{v:.3f}" for v in m.size)
            click.echo(f"{path}: {m.sha256[:12]} {m.format} ({m.units}, {m.up_axis} up), {m.source_triangles:,} → "
                       f"{m.triangles:,} triangles, {size} m" + (f", linked to {target.accession}" if target else ""))


@model.command("list")
@PROJECT
def list_(project: Path) -> None:
    """The models in the project."""
    from assets.models.store import list_models

    with opened(project) as p:
        for m in list_models(p):
            click.echo(f"{m.sha256[:12]}  {m.format:4}  {m.main_name}  {m.triangles:,} triangles  "
                       + " × ".join(f"{v:.3f}" for v in m.size) + " m")


@model.command("web")
@PROJECT
@click.argument("key")
@click.option("--profile", default="desktop", show_default=True, help="desktop or mobile.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True, help="GLB file to write.")
def web(project: Path, key: str, profile: str, out: Path) -> None:
    """Write a model's web GLB (made once per profile, then cached)."""
    from assets.models.store import web_glb

    with opened(project) as p:
        data = web_glb(p, _model_sha(p, key), profile)
    out.write_bytes(data)
    click.echo(f"{out}: {len(data):,} bytes")


@model.command("turntable")
@PROJECT
@click.argument("key")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True, help="WebP file to write.")
def turntable_(project: Path, key: str, out: Path) -> None:
    """Write an animated WebP of a model turning once (made once, then cached)."""
    from assets.models.store import turntable

    with opened(project) as p:
        data = turntable(p, _model_sha(p, key))
    out.write_bytes(data)
    click.echo(f"{out}: {len(data):,} bytes")


@model.command("units")
@PROJECT
@click.argument("key")
@click.option("--units", default="auto", show_default=True)
@click.option("--up", default="auto", show_default=True)
def units_(project: Path, key: str, units: str, up: str) -> None:
    """Say what units and up axis a model was made in (its web version is remade)."""
    from assets.models.store import set_placement

    with opened(project) as p:
        m = set_placement(p, _model_sha(p, key), units=units, up=up)
    click.echo(f"{m.sha256[:12]}: {m.units}, {m.up_axis} up, " + " × ".join(f"{v:.3f}" for v in m.size) + " m")


@model.command("annotate")
@PROJECT
@click.argument("key")
@click.option("--at", "position", required=True, help="Surface point x,y,z in metres (model coordinates).")
@click.option("--normal", required=True, help="Outward surface normal x,y,z.")
@click.option("--title-zh", default="")
@click.option("--title-en", default="")
@click.option("--text-zh", default="")
@click.option("--text-en", default="")
def annotate(project: Path, key: str, position: str, normal: str, title_zh: str, title_en: str, text_zh: str,
             text_en: str) -> None:
    """Pin a note on a model's surface (it joins the end of the annotation tour)."""
    from scenes.model_scenes import add_annotation

    with opened(project) as p:
        note = add_annotation(p, _model_sha(p, key), position=_floats(position, "--at"),
                              normal=_floats(normal, "--normal"), title_zh=title_zh, title_en=title_en,
                              text_zh=text_zh, text_en=text_en)
    click.echo(f"annotation {note.id} (pin {note.number})")


@model.command("show")
@PROJECT
@click.argument("key")
def show(project: Path, key: str) -> None:
    """A model's scene: start camera, look, annotations and tour."""
    from scenes.model_scenes import load_scene

    with opened(project) as p:
        s = load_scene(p, _model_sha(p, key))
    fmt = lambda v: ",".join(f"{c:.3f}" for c in v)  # noqa: E731
    click.echo(f"camera {fmt(s.camera.position)} looking at {fmt(s.camera.target)}, fov {s.camera.fov:g}; "
               f"{s.lighting} light on {s.background}")
    for a in s.annotations:
        click.echo(f"{a.number}. [{a.id}] {a.title_zh or a.title_en} / {a.title_en or a.title_zh} at {fmt(a.position)}")
    click.echo("tour: " + (" → ".join(str(i) for i in s.tour) or "(none)"))


@model.command("camera")
@PROJECT
@click.argument("key")
@click.option("--position", required=True, help="Camera position x,y,z.")
@click.option("--target", required=True, help="The point it looks at, x,y,z.")
@click.option("--fov", type=float, default=None)
def camera(project: Path, key: str, position: str, target: str, fov: float | None) -> None:
    """Set where the 3D viewer's camera starts."""
    from scenes.model_scenes import set_start_camera

    with opened(project) as p:
        set_start_camera(p, _model_sha(p, key), position=_floats(position, "--position"),
                         target=_floats(target, "--target"), fov=fov)
    click.echo("start camera set")


@model.command("tour")
@PROJECT
@click.argument("key")
@click.argument("annotation_ids", nargs=-1, type=int)
def tour(project: Path, key: str, annotation_ids: tuple[int, ...]) -> None:
    """Order a model's annotation tour (annotation ids, in order)."""
    from scenes.model_scenes import set_annotation_tour

    with opened(project) as p:
        s = set_annotation_tour(p, _model_sha(p, key), annotation_ids)
    click.echo("tour: " + (" → ".join(str(i) for i in s.tour) or "(none)"))


@click.group()
def vhall() -> None:
    """Walkable virtual halls made from the catalog."""


@vhall.command("generate")
@PROJECT
@click.argument("slug")
@click.option("--title-zh", default="")
@click.option("--title-en", default="")
@click.option("--object", "objects", multiple=True, help="Accession numbers in hanging order (default: all).")
@click.option("--width", type=float, default=12.0, show_default=True, help="metres")
@click.option("--depth", type=float, default=8.0, show_default=True, help="metres")
@click.option("--height", type=float, default=3.6, show_default=True, help="metres")
@click.option("--wall-colour", default="#efebe4", show_default=True)
@click.option("--floor", default="wood", show_default=True, help="wood, stone or carpet")
@click.option("--light", default="warm", show_default=True, help="warm, neutral or cool")
def generate(project: Path, slug: str, title_zh: str, title_en: str, objects: tuple[str, ...], width: float,
             depth: float, height: float, wall_colour: str, floor: str, light: str) -> None:
    """Make (or remake) a virtual hall: pictures hung at true size, 3D works on plinths."""
    from scenes.virtual_halls import generate_hall

    with opened(project) as p:
        hall = generate_hall(p, slug=slug, title_zh=title_zh, title_en=title_en, objects=list(objects) or None,
                             width=width, depth=depth, height=height, wall_colour=wall_colour, floor=floor,
                             light=light)
    pictures = sum(1 for i in hall.items if i.kind == "picture")
    click.echo(f"{slug}: {pictures} pictures, {len(hall.items) - pictures} 3D works in a "
               f"{width:g} × {depth:g} × {height:g} m room")


@vhall.command("list")
@PROJECT
def vlist(project: Path) -> None:
    """The virtual halls and their works."""
    from scenes.virtual_halls import list_halls

    with opened(project) as p:
        for hall in list_halls(p):
            click.echo(f"{hall.slug}  {hall.title_zh or hall.title_en}  {hall.width:g} × {hall.depth:g} × "
                       f"{hall.height:g} m  {len(hall.items)} works")
            for i in hall.items:
                where = i.wall or "plinth"
                click.echo(f"  [{i.id}] {i.accession}  {where}  x {i.x:.2f}  y {i.y:.2f}  z {i.z:.2f}")


@vhall.command("move")
@PROJECT
@click.argument("item_id", type=int)
@click.option("--along", type=float, default=0.0, help="metres along the wall (pictures) or x (3D works)")
@click.option("--across", type=float, default=0.0, help="metres in z (3D works)")
def move(project: Path, item_id: int, along: float, across: float) -> None:
    """Move a work in its virtual hall."""
    from scenes.virtual_halls import move_item

    with opened(project) as p:
        i = move_item(p, item_id, along=along, across=across)
    click.echo(f"[{i.id}] {i.accession} now at x {i.x:.2f}, z {i.z:.2f}")


@vhall.command("hang")
@PROJECT
@click.argument("item_id", type=int)
@click.option("--wall", type=click.Choice(["north", "east", "south", "west"]), required=True)
@click.option("--along", type=float, required=True, help="metres from the wall's left end, seen from inside")
def hang(project: Path, item_id: int, wall: str, along: float) -> None:
    """Hang a picture on a wall of its virtual hall (on the 145 cm centre line)."""
    from scenes.virtual_halls import place_picture

    with opened(project) as p:
        i = place_picture(p, item_id, wall=wall, along=along)
    click.echo(f"[{i.id}] {i.accession} now on the {i.wall} wall at x {i.x:.2f}, z {i.z:.2f}")


@vhall.command("place")
@PROJECT
@click.argument("item_id", type=int)
@click.option("--x", "x", type=float, required=True, help="metres east of the room's centre")
@click.option("--z", "z", type=float, required=True, help="metres south of the room's centre")
def place(project: Path, item_id: int, x: float, z: float) -> None:
    """Stand a 3D work's plinth at a floor point of its virtual hall."""
    from scenes.virtual_halls import place_model

    with opened(project) as p:
        i = place_model(p, item_id, x=x, z=z)
    click.echo(f"[{i.id}] {i.accession} now at x {i.x:.2f}, z {i.z:.2f}")


@vhall.command("room")
@PROJECT
@click.argument("slug")
@click.option("--width", type=float, help="metres")
@click.option("--depth", type=float, help="metres")
@click.option("--height", type=float, help="metres")
@click.option("--wall-colour")
@click.option("--floor", help="wood, stone or carpet")
@click.option("--light", help="warm, neutral or cool")
def room(project: Path, slug: str, **changes) -> None:
    """Change a virtual hall's room; works that no longer fit are re-hung."""
    from scenes.virtual_halls import get_hall, set_room

    with opened(project) as p:
        hall = get_hall(p, slug)
        now = {k: getattr(hall, k) for k in ("width", "depth", "height", "wall_colour", "floor", "light")}
        hall, moved = set_room(p, slug, **(now | {k: v for k, v in changes.items() if v is not None}))
    click.echo(f"{slug}: {hall.width:g} × {hall.depth:g} × {hall.height:g} m; "
               + (f"re-hung {', '.join(moved)}" if moved else "every work still fits"))


@vhall.command("glb")
@PROJECT
@click.argument("slug")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True)
def glb(project: Path, slug: str, out: Path) -> None:
    """Write a virtual hall as one validated GLB."""
    from scenes.virtual_hall_glb import hall_glb
    from scenes.virtual_halls import get_hall

    with opened(project) as p:
        result = hall_glb(p, get_hall(p, slug), out)
    click.echo(f"{out}: {result['bytes']:,} bytes, validator: {result['errors']} errors, {result['warnings']} warnings")


def register(cli: click.Group) -> None:
    cli.add_command(model)
    cli.add_command(vhall)
