"""Exhibition commands: hall, hotspot, exhibition and tour (authoring halls from the
command line until the studio exists). Each opens the project, calls one function of
:mod:`scenes.model` (or the file importers) and prints a short result."""

from __future__ import annotations

from pathlib import Path

import click

from assets.media_store import MediaStore
from scenes import model
from scenes.errors import ExhibitionError
from scenes.exhibition_file import export_exhibition_file, import_exhibition_file
from scenes.tour_export import TOUR_FORMATS, export_tour
from scenes.tour_import import import_tour
from studio.cli.support import opened, progress_bar

PROJECT = click.argument("project", type=click.Path(dir_okay=False, path_type=Path))


def _short(sha: str) -> str:
    return f"{sha[:12]}…"


def _count(n: int, noun: str, before: str = "", after: str = "") -> str:
    return f"{n} {before}{noun}{'' if n == 1 else 's'}{after}"


def _summary(ex: model.Exhibition) -> str:
    return (f"{_count(len(ex.halls), 'hall')}, {_count(sum(len(h.hotspots) for h in ex.halls), 'hotspot')}, "
            f"{_count(len(ex.tours), 'tour')}")


def _titles(zh: str, en: str) -> str:
    return " / ".join(t for t in (zh, en) if t) or "(no title)"


def _target(spot: model.Hotspot) -> str:
    if spot.kind == model.HALL:
        parts = [f"{name} {value:g}" for name, value in (("yaw", spot.arrive_yaw), ("pitch", spot.arrive_pitch))
                 if value is not None]
        arrive = f" (arrive {', '.join(parts)})" if parts else ""
        what = f"→ hall {spot.target_hall}{arrive}"
    elif spot.kind == model.OBJECT:
        what = f"→ object {spot.object_accession}"
    else:
        what = f"note: {(spot.note_zh or spot.note_en).splitlines()[0]}"
    label = " / ".join(t for t in (spot.label_zh, spot.label_en) if t)
    return what + (f" [{label}]" if label else "")


def _describe(spot: model.Hotspot) -> str:
    return f"{spot.id}\tyaw {spot.yaw:g}, pitch {spot.pitch:g}\t{_target(spot)}"


# -- hall ------------------------------------------------------------------------
@click.group()
def hall() -> None:
    """Halls: the panorama scenes of the exhibition."""


@hall.command("add")
@PROJECT
@click.argument("slug")
@click.option("--image", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The 360° photo (an equirectangular JPEG).")
@click.option("--title", "title_zh", required=True, help="Chinese title.")
@click.option("--title-en", default="", help="English title.")
@click.option("--description", "description_zh", default="", help="Chinese description.")
@click.option("--description-en", default="", help="English description.")
@click.option("--yaw", type=click.FLOAT, default=0.0, show_default=True, help="Initial view: yaw in degrees.")
@click.option("--pitch", type=click.FLOAT, default=0.0, show_default=True, help="Initial view: pitch in degrees.")
@click.option("--fov", type=click.FLOAT, default=model.DEFAULT_FOV, show_default=True,
              help="Initial view: horizontal field of view in degrees.")
@click.option("--panorama-fov", type=click.FLOAT, default=None,
              help="For a partial panorama without GPano tags: the degrees it covers horizontally.")
def hall_add(project, slug, image, title_zh, title_en, description_zh, description_en, yaw, pitch, fov,
             panorama_fov) -> None:
    """Add a hall showing a 360° photo.

    \b
    yunzhan hall add museum.yunzhan lobby --image lobby.jpg --title 大厅 --title-en Lobby
    """
    with opened(project) as p, progress_bar() as progress:
        added = model.add_hall_from_photo(p, image, slug=slug, title_zh=title_zh, title_en=title_en,
                                          description_zh=description_zh, description_en=description_en,
                                          view=model.View(yaw, pitch, fov), panorama_fov=panorama_fov,
                                          progress=progress)
    click.echo(f"added hall {added.slug} ({_titles(added.title_zh, added.title_en)}), "
               f"panorama {_short(added.panorama_sha)}")


@hall.command("list")
@PROJECT
def hall_list(project) -> None:
    """List the halls in display order."""
    with opened(project) as p:
        halls = model.list_halls(p)
    if not halls:
        click.echo("no halls (add one with 'yunzhan hall add')")
    for h in halls:
        click.echo(f"{h.slug}\t{_titles(h.title_zh, h.title_en)}\t{_count(len(h.hotspots), 'hotspot')}\t"
                   f"view yaw {h.view.yaw:g}, pitch {h.view.pitch:g}, fov {h.view.fov:g}")


@hall.command("view")
@PROJECT
@click.argument("slug")
@click.option("--yaw", type=click.FLOAT, required=True)
@click.option("--pitch", type=click.FLOAT, required=True)
@click.option("--fov", type=click.FLOAT, default=None, help="Horizontal field of view (unchanged if not given).")
def hall_view(project, slug, yaw, pitch, fov) -> None:
    """Set where the camera looks when a visitor enters the hall."""
    with opened(project) as p:
        h = model.set_initial_view(p, slug, yaw=yaw, pitch=pitch, fov=fov)
    click.echo(f"hall {h.slug}: initial view yaw {h.view.yaw:g}, pitch {h.view.pitch:g}, fov {h.view.fov:g}")


@hall.command("set")
@PROJECT
@click.argument("slug")
@click.option("--slug", "new_slug", default=None, help="A new slug.")
@click.option("--title", "title_zh", default=None, help="Chinese title.")
@click.option("--title-en", default=None, help="English title.")
@click.option("--description", "description_zh", default=None, help="Chinese description.")
@click.option("--description-en", default=None, help="English description.")
@click.option("--north", type=click.FLOAT, default=None, help="Yaw, in degrees, at which north lies in the photo.")
@click.option("--horizon-pitch", type=click.FLOAT, default=None, help="Camera tilt to correct, in degrees.")
@click.option("--horizon-roll", type=click.FLOAT, default=None, help="Camera roll to correct, in degrees.")
def hall_set(project, slug, new_slug, title_zh, title_en, description_zh, description_en, north, horizon_pitch,
             horizon_roll) -> None:
    """Change a hall's slug, titles, descriptions or orientation (options not given stay)."""
    with opened(project) as p, p.transaction(label="edit hall"):
        model.set_orientation(p, slug, north_offset=north, horizon_pitch=horizon_pitch, horizon_roll=horizon_roll)
        h = model.update_hall(p, slug, new_slug=new_slug, title_zh=title_zh, title_en=title_en,
                              description_zh=description_zh, description_en=description_en)
    click.echo(f"hall {h.slug}: {_titles(h.title_zh, h.title_en)}, north {h.north_offset:g}, "
               f"horizon pitch {h.horizon_pitch:g}, roll {h.horizon_roll:g}")


@hall.command("order")
@PROJECT
@click.argument("slugs", nargs=-1, required=True)
def hall_order(project, slugs) -> None:
    """Put the halls in this order (name every hall once)."""
    with opened(project) as p:
        halls = model.reorder_halls(p, list(slugs))
    click.echo("halls: " + ", ".join(h.slug for h in halls))


@hall.command("pin")
@PROJECT
@click.argument("slug")
@click.option("--x", type=click.FLOAT, help="From the floor plan's left edge, 0 to 1.")
@click.option("--y", type=click.FLOAT, help="From the floor plan's top edge, 0 to 1.")
@click.option("--remove", is_flag=True, help="Take the hall's pin off the floor plan.")
def hall_pin(project, slug, x, y, remove) -> None:
    """Place a hall's pin on the floor plan (see 'yunzhan exhibition floor-plan')."""
    if (remove and (x is not None or y is not None)) or (not remove and (x is None or y is None)):
        raise click.UsageError("give --x and --y, or --remove")
    with opened(project) as p:
        if remove:
            model.unpin_hall(p, slug)
            click.echo(f"hall {slug}: pin removed")
            return
        pin = model.pin_hall(p, slug, x=x, y=y)
    click.echo(f"hall {slug}: pinned at x {pin.x:g}, y {pin.y:g}")


@hall.command("remove")
@PROJECT
@click.argument("slug")
@click.option("--force", is_flag=True, help="Also remove the hotspots in other halls that link to it.")
def hall_remove(project, slug, force) -> None:
    """Remove a hall (refused while other halls link to it, unless --force)."""
    with opened(project) as p:
        removed = model.remove_hall(p, slug, force=force)
    extra = []
    if removed.hotspots:
        extra.append(_count(removed.hotspots, "hotspot", "", " in it"))
    if removed.incoming_hotspots:
        extra.append(_count(removed.incoming_hotspots, "hotspot", "", " linking to it"))
    if removed.tour_stops:
        extra.append(_count(removed.tour_stops, "tour stop"))
    click.echo(f"removed hall {slug}" + (f" (and {', '.join(extra)})" if extra else ""))


# -- hotspot ---------------------------------------------------------------------
@click.group()
def hotspot() -> None:
    """Hotspots: links to other halls, object cards and notes inside a hall."""


@hotspot.command("add")
@PROJECT
@click.argument("hall_slug", metavar="HALL")
@click.option("--yaw", type=click.FLOAT, required=True, help="Degrees, clockwise from the photo's centre.")
@click.option("--pitch", type=click.FLOAT, required=True, help="Degrees, up from the horizon.")
@click.option("--to", "to", metavar="HALL", help="Open this hall.")
@click.option("--arrive-yaw", type=click.FLOAT, default=None, help="With --to: yaw on arrival.")
@click.option("--arrive-pitch", type=click.FLOAT, default=None, help="With --to: pitch on arrival.")
@click.option("--object", "object_key", metavar="ACCESSION", help="Open this catalog object's card.")
@click.option("--note", "note_zh", default="", help="Show this text (Chinese).")
@click.option("--note-en", default="", help="Show this text (English).")
@click.option("--label", "label_zh", default="", help="Tooltip and accessible name (Chinese).")
@click.option("--label-en", default="", help="Tooltip and accessible name (English).")
def hotspot_add(project, hall_slug, yaw, pitch, to, arrive_yaw, arrive_pitch, object_key, note_zh, note_en,
                label_zh, label_en) -> None:
    """Add a hotspot: give one of --to, --object or --note/--note-en.

    \b
    yunzhan hotspot add museum.yunzhan lobby --yaw 30 --pitch -5 --to east --arrive-yaw 180
    yunzhan hotspot add museum.yunzhan east --yaw 90 --pitch 0 --object 1977.12
    """
    with opened(project) as p:
        spot = model.add_hotspot(p, hall_slug, yaw=yaw, pitch=pitch, to=to, arrive_yaw=arrive_yaw,
                                 arrive_pitch=arrive_pitch, object=object_key, note_zh=note_zh, note_en=note_en,
                                 label_zh=label_zh, label_en=label_en)
    click.echo(f"added hotspot {spot.id} in hall {spot.hall}: {_target(spot)}")


@hotspot.command("set")
@PROJECT
@click.argument("hotspot_id", metavar="ID", type=int)
@click.option("--yaw", type=click.FLOAT, default=None)
@click.option("--pitch", type=click.FLOAT, default=None)
@click.option("--arrive-yaw", type=click.FLOAT, default=None)
@click.option("--arrive-pitch", type=click.FLOAT, default=None)
@click.option("--note", "note_zh", default=None, help="Chinese note text.")
@click.option("--note-en", default=None, help="English note text.")
@click.option("--label", "label_zh", default=None, help="Chinese label.")
@click.option("--label-en", default=None, help="English label.")
def hotspot_set(project, hotspot_id, yaw, pitch, arrive_yaw, arrive_pitch, note_zh, note_en, label_zh,
                label_en) -> None:
    """Move a hotspot or change its texts (options not given stay)."""
    with opened(project) as p:
        spot = model.update_hotspot(p, hotspot_id, yaw=yaw, pitch=pitch, arrive_yaw=arrive_yaw,
                                    arrive_pitch=arrive_pitch, note_zh=note_zh, note_en=note_en,
                                    label_zh=label_zh, label_en=label_en)
    click.echo(f"hotspot {spot.id} in hall {spot.hall}: yaw {spot.yaw:g}, pitch {spot.pitch:g}, {_target(spot)}")


@hotspot.command("list")
@PROJECT
@click.argument("hall_slug", metavar="[HALL]", required=False)
def hotspot_list(project, hall_slug) -> None:
    """List the hotspots of one hall, or of every hall."""
    with opened(project) as p:
        halls = [model.get_hall(p, hall_slug)] if hall_slug else model.list_halls(p)
    spots = [(h.slug, s) for h in halls for s in h.hotspots]
    if not spots:
        click.echo("no hotspots")
    for slug, spot in spots:
        click.echo(f"{slug}\t{_describe(spot)}")


@hotspot.command("remove")
@PROJECT
@click.argument("hotspot_id", metavar="ID", type=int)
def hotspot_remove(project, hotspot_id) -> None:
    """Remove a hotspot by its id (see 'yunzhan hotspot list')."""
    with opened(project) as p:
        spot = model.remove_hotspot(p, hotspot_id)
    click.echo(f"removed hotspot {spot.id} from hall {spot.hall}")


# -- exhibition ------------------------------------------------------------------
@click.group()
def exhibition() -> None:
    """The exhibition's titles and introduction; exhibition files."""


@exhibition.command("set")
@PROJECT
@click.option("--title", "title_zh", default=None, help="Chinese title.")
@click.option("--title-en", default=None, help="English title.")
@click.option("--intro", "intro_zh", default=None, help="Chinese introduction.")
@click.option("--intro-en", default=None, help="English introduction.")
def exhibition_set(project, title_zh, title_en, intro_zh, intro_en) -> None:
    """Set the exhibition's title and introduction (options not given stay as they are)."""
    with opened(project) as p:
        model.set_exhibition(p, title_zh=title_zh, title_en=title_en, intro_zh=intro_zh, intro_en=intro_en)
        ex = model.load_exhibition(p)
    click.echo(f"exhibition: {_titles(ex.title_zh, ex.title_en)}, {_count(len(ex.halls), 'hall')}")


@exhibition.command("show")
@PROJECT
def exhibition_show(project) -> None:
    """Summarise the exhibition: titles, halls, tours, floor plan."""
    with opened(project) as p:
        ex = model.load_exhibition(p)
    start = ex.start_hall.slug if ex.start_hall else "-"
    click.echo(f"title: {_titles(ex.title_zh, ex.title_en)}")
    click.echo(f"halls: {len(ex.halls)} ({', '.join(h.slug for h in ex.halls) or 'none'}); starts in {start}")
    click.echo(f"hotspots: {sum(len(h.hotspots) for h in ex.halls)}; objects pinned: {len(ex.object_ids)}")
    tours = ", ".join(t.slug + (" (default)" if t.slug == ex.default_tour else "") for t in ex.tours)
    click.echo(f"tours: {tours or 'none'}")
    plan = f"{_count(len(ex.floor_plan.pins), 'hall')} pinned" if ex.floor_plan else "none"
    click.echo(f"floor plan: {plan}")


@exhibition.command("floor-plan")
@PROJECT
@click.argument("image", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--alt", "alt_zh", default=None, help="Chinese alt text.")
@click.option("--alt-en", default=None, help="English alt text.")
@click.option("--remove", is_flag=True, help="Remove the floor plan and its pins.")
def exhibition_floor_plan(project, image, alt_zh, alt_en, remove) -> None:
    """Set the floor plan image (then pin halls with 'yunzhan hall pin')."""
    if remove == (image is not None):
        raise click.UsageError("give an IMAGE, or --remove")
    with opened(project) as p, p.transaction(label="set floor plan"):
        if remove:
            model.set_floor_plan(p, None)
            click.echo("floor plan removed")
            return
        sha = model.store_image(p, image)
        MediaStore(p).set_alt(sha, zh=alt_zh, en=alt_en)
        model.set_floor_plan(p, sha)
    click.echo(f"floor plan: {image.name} ({_short(sha)})")


@exhibition.command("export")
@PROJECT
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(TOUR_FORMATS), default=None,
              help="Write a tour for that viewer to the folder FILE (photos included) instead of a TOML/YAML file.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="With --format: the language of the tour's texts.")
def exhibition_export(project, file, fmt, lang) -> None:
    """Write the exhibition to a TOML or YAML file, media files beside it; or, with
    --format, as a Pannellum, Photo Sphere Viewer or Marzipano tour in the folder FILE."""
    if fmt is not None:
        with opened(project) as p, progress_bar() as progress:
            result = export_tour(p, file, fmt=fmt, lang=lang, progress=progress)
        click.echo(f"wrote a {fmt} tour to {file}: {result.files[0]} and {_count(len(result.files) - 1, 'photo')}")
        for note in result.notes:
            click.echo(f"  note: {note}")
        return
    with opened(project) as p, progress_bar() as progress:
        export_exhibition_file(p, file, progress=progress)
        ex = model.load_exhibition(p)
    click.echo(f"wrote {file}: {_summary(ex)}")


@exhibition.command("import")
@PROJECT
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def exhibition_import(project, file) -> None:
    """Replace the exhibition with the one in a TOML or YAML file (all or nothing)."""
    with opened(project) as p, progress_bar() as progress:
        ex = import_exhibition_file(p, file, progress=progress)
    click.echo(f"imported {file}: {_summary(ex)}")


# -- tour ------------------------------------------------------------------------
@click.group()
def tour() -> None:
    """Tours: ordered walks through the halls; importing other viewers' tours."""


@tour.command("import")
@PROJECT
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Remove the current halls, hotspots and tours first.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of the tour's texts (default: Chinese when a text has CJK characters).")
@click.option("--photos", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Marzipano: the folder of the original photos (default: beside data.js).")
def tour_import(project, file, replace, lang, photos) -> None:
    """Import a tour made for another viewer: a Pannellum configuration (JSON), Photo
    Sphere Viewer virtual-tour nodes (JSON) or a Marzipano tool's data.js. Scenes become
    halls, with their hotspots and initial views; photos are read relative to the file."""
    with opened(project) as p, progress_bar() as progress:
        result = import_tour(p, file, replace=replace, lang=lang, photos=photos, progress=progress)
    click.echo(f"imported {file}: {_count(len(result.halls), 'hall')} ({', '.join(result.halls)}), "
               f"{_count(result.hotspots, 'hotspot')}")
    for note in result.notes:
        click.echo(f"  note: {note}")


@tour.command("add")
@PROJECT
@click.argument("slug")
@click.argument("halls", nargs=-1, required=True)
@click.option("--title", "title_zh", default="", help="Chinese title.")
@click.option("--title-en", default="", help="English title.")
@click.option("--default", "default", is_flag=True, help="Make it the exhibition's default tour.")
def tour_add(project, slug, halls, title_zh, title_en, default) -> None:
    """Add a tour visiting HALLS in order."""
    with opened(project) as p:
        added = model.add_tour(p, slug=slug, stops=list(halls), title_zh=title_zh, title_en=title_en,
                               default=default)
    click.echo(f"added tour {added.slug}: {' → '.join(s.hall for s in added.stops)}"
               + (" (default)" if default else ""))


def _stop_line(n: int, stop: model.TourStop) -> str:
    parts = [f"{n + 1}. {stop.hall}"]
    if stop.view is not None:
        parts.append(f"view yaw {stop.view.yaw:g}, pitch {stop.view.pitch:g}, fov {stop.view.fov:g}")
    if stop.object_accession is not None:
        parts.append(f"object {stop.object_accession}")
    if stop.narration_sha is not None:
        parts.append(f"narration {_short(stop.narration_sha)}")
    return ", ".join(parts)


@tour.command("list")
@PROJECT
def tour_list(project) -> None:
    """List the tours in order, each with its stops."""
    with opened(project) as p:
        ex = model.load_exhibition(p)
    for t in ex.tours:
        click.echo(f"{t.slug}\t{_titles(t.title_zh, t.title_en)}{' (default)' if t.slug == ex.default_tour else ''}")
        for n, stop in enumerate(t.stops):
            click.echo(f"  {_stop_line(n, stop)}")


@tour.command("stop")
@PROJECT
@click.argument("slug")
@click.argument("number", type=click.IntRange(1))
@click.option("--hall", default=None, help="Visit this hall instead (its view is cleared).")
@click.option("--view", nargs=3, type=float, default=None, metavar="YAW PITCH FOV",
              help="Where the camera looks on arrival, in degrees.")
@click.option("--no-view", is_flag=True, help="Arrive at the hall's own initial view.")
@click.option("--object", "accession", default=None, help="Accession number of the object the stop is about.")
@click.option("--no-object", is_flag=True, help="The stop is about no particular object.")
def tour_stop(project, slug, number, hall, view, no_view, accession, no_object) -> None:
    """Change stop NUMBER (1 for the first) of tour SLUG: its hall, view or object."""
    if (view and no_view) or (accession and no_object):
        raise click.UsageError("give a value or its --no- option, not both")
    index = number - 1
    with opened(project) as p:
        found = model.get_tour(p, slug)
        if hall is not None:
            found = model.set_stop_hall(p, slug, index, hall)
        if view or no_view:
            found = model.set_stop_view(p, slug, index, model.View(*view) if view else None)
        if accession or no_object:
            found = model.set_stop_object(p, slug, index, accession)
    if index >= len(found.stops):
        raise ExhibitionError(f"{project}: tour '{slug}' has no stop {number} "
                              f"(it has {_count(len(found.stops), 'stop')})")
    click.echo(f"tour {slug} stop {_stop_line(index, found.stops[index])}")


def register(cli: click.Group) -> None:
    for group in (hall, hotspot, exhibition, tour):
        cli.add_command(group)
