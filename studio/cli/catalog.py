"""Catalog commands: new, import, search, show, check, info, export-csv, demo."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from assets import history
from assets.catalog import Catalog
from assets.catalog_checks import check_project
from assets.catalog_import import import_table, load_mapping, parse_map_options, save_mapping
from assets.csv_export import write_catalog_csv
from assets.errors import InputError
from assets.findings import ERROR
from assets.input_files import require_regular_file
from assets.media_import import import_media, media_files_in, media_kind
from assets.project import Project
from assets.storage_errors import DamagedProject, ReadOnlyStorage
from assets.search import Query, count, search
from scenes.narration.recordings import import_recordings, is_recording
from scenes.validation import check_exhibition
from studio.cli.support import opened, progress_bar

PROJECT = click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
TABLE_SUFFIXES = {".csv", ".tsv", ".json", ".txt"}


@click.command()
@PROJECT
def new(project: Path) -> None:
    """Create a new, empty project file."""
    Project.create(project).close()
    click.echo(f"created {project}")


@click.command(name="import")
@PROJECT
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--map", "maps", multiple=True, metavar="COLUMN=FIELD",
              help="Map a source column to a catalog field (title, title_zh, maker, ..., custom:NAME, or - to skip).")
@click.option("--save-map", metavar="NAME", help="Save the mapping used under this name.")
@click.option("--use-map", metavar="NAME", help="Start from a saved mapping.")
@click.option("--object", "object_key", metavar="ACCESSION", help="Link media files to this object.")
def import_(project: Path, sources: tuple[Path, ...], maps, save_map, use_map, object_key) -> None:
    """Import records (CSV, JSON) or media (images, audio, models, or a folder of them).

    \b
    yunzhan import museum.yunzhan objects.csv --map 展馆名称=title
    yunzhan import museum.yunzhan photos/
    yunzhan import museum.yunzhan 1977.12.m4a 1977.12_en.mp3   (recorded narration)

    Audio files named after an object become its narration (Chinese, or English when
    the name ends in _en); with --object they are linked as plain media instead.
    """
    for source in sources:
        if not source.exists():
            raise InputError(f"{source}: no such file or folder")
        if not (source.is_dir() or source.is_file()):
            require_regular_file(source)  # a pipe or device: refused by name, never opened
    with opened(project) as p, progress_bar() as progress:
        tables = [s for s in sources if s.is_file() and s.suffix.lower() in TABLE_SUFFIXES]
        media: list[Path] = []
        for s in sources:
            if s.is_dir():
                media += media_files_in(s)
            elif s not in tables:
                if media_kind(s) is None:
                    raise InputError(f"{s}: unsupported file type {s.suffix or '(no extension)'} "
                                     "(records: .csv .tsv .json; media: images, audio, .glb/.gltf)")
                media.append(s)
        mapping = load_mapping(p, use_map) if use_map else {}
        mapping.update(parse_map_options(list(maps)))
        report: list[str] = []
        # One command, one transaction: every file is imported, or (on the first
        # refusal) none is, and nothing is reported as imported before that is known.
        with p.transaction(label="import"):
            for table in tables:
                result = import_table(p, table, mapping=mapping, progress=progress)
                report.append(f"{table}: {result.rows} records ({result.added} new, {result.updated} updated; "
                              f"encoding {result.encoding})")
                if result.custom_columns:
                    report.append(f"  kept as custom fields: {', '.join(result.custom_columns)}")
                if save_map:
                    save_mapping(p, save_map, {c: t for c, t in result.mapping.items()})
                    report.append(f"  mapping saved as {save_map!r}")
            recordings = [m for m in media if is_recording(m) and not object_key]
            media = [m for m in media if m not in recordings]
            if recordings:
                done = import_recordings(p, recordings, progress=progress)
                report.append(f"{len(done.imported)} recordings stored as narration (loudness normalised, "
                              f"originals kept)")
                for path, name in done.imported:
                    report.append(f"  {path.name} -> {name}")
                for path in done.unmatched:
                    report.append(f"  not used (no accession number in its name): {path}")
            if media:
                result = import_media(p, media, object_key=object_key, progress=progress)
                report.append(f"{len(result.stored)} media files stored, {len(result.linked)} linked to objects")
                for path in result.unmatched:
                    report.append(f"  not linked (no accession number in its name): {path}")
    for line in report:
        click.echo(line)


@click.command(name="search")
@PROJECT
@click.argument("query", required=False, default="")
@click.option("--field", "fields", multiple=True, metavar="FIELD=WORDS", help="Only objects whose FIELD has WORDS.")
@click.option("--from", "year_from", type=int, help="Dated in or after this year.")
@click.option("--to", "year_to", type=int, help="Dated in or before this year.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10000))
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
def search_(project: Path, query: str, fields, year_from, year_to, limit, as_json) -> None:
    """Search the catalog: Chinese (瓷, 青铜) or English words, best matches first."""
    pairs = []
    for f in fields:
        name, sep, words = f.partition("=")
        if not sep:
            raise click.BadParameter(f"{f!r}: expected FIELD=WORDS", param_hint="--field")
        pairs.append((name, words))
    q = Query(query, tuple(pairs), year_from, year_to)
    with opened(project, readonly=True) as p:
        hits = search(p, q, limit=limit)
        total = count(p, q)
        for obj in hits:
            if as_json:
                click.echo(json.dumps({"id": obj.id, "accession": obj.accession, "title_zh": obj.title_zh,
                                       "title_en": obj.title_en}, ensure_ascii=False))
            else:
                titles = " / ".join(t for t in (obj.title_zh, obj.title_en) if t)
                click.echo(f"{obj.accession}\t{titles}\t{obj.date_text}")
        if not as_json:
            click.echo(f"{total} found" + (f", first {len(hits)} shown" if total > len(hits) else ""), err=True)


@click.command()
@PROJECT
@click.argument("accession")
def show(project: Path, accession: str) -> None:
    """Show one object's record."""
    with opened(project, readonly=True) as p:
        catalog = Catalog(p)
        obj = catalog.get(int(accession[1:]) if accession.startswith("#") and accession[1:].isdigit() else accession)
        labels = {"accession": "accession 编号", "title_zh": "title 名称 (zh)", "title_en": "title (en)",
                  "maker": "maker 作者", "date_text": "date 年代", "culture": "culture 文化",
                  "medium": "medium 材质", "dimensions": "dimensions 尺寸", "credit_line": "credit 来源",
                  "description_zh": "description 描述 (zh)", "description_en": "description (en)",
                  "rights": "rights 版权", "keywords": "keywords 关键词"}
        for name, label in labels.items():
            value = getattr(obj, name)
            if value:
                click.echo(f"{label}: {value}")
        if obj.year_earliest is not None or obj.year_latest is not None:
            click.echo(f"years: {obj.year_earliest} – {obj.year_latest}")
        for key, value in obj.custom.items():
            click.echo(f"{key}: {value}")
        from assets.media_store import MediaStore
        store = MediaStore(p)
        for sha in obj.media:
            info = store.info(sha)
            size = f" {info.width}×{info.height}" if info.width else ""
            click.echo(f"media: {info.kind}{size} {info.original_name or ''} ({sha[:12]})")


@click.command()
@PROJECT
@click.option("--compact", is_flag=True,
              help="Also remove media that neither the project nor its undo history uses, and reclaim the space.")
def check(project: Path, compact: bool) -> None:
    """Check the project: file integrity, media, catalog and exhibition."""
    def run_checks(p) -> list:
        found = check_project(p)
        found += check_exhibition(p)
        if compact and not p.readonly and not any(f.severity == ERROR for f in found):
            report = history.compact(p)
            click.echo(f"{project}: compacted: {report.media_removed} unused media removed, "
                       f"{report.bytes_before / 1e6:.1f} MB -> {report.bytes_after / 1e6:.1f} MB")
        return found

    try:
        try:
            with opened(project) as p:
                findings = run_checks(p)
        except ReadOnlyStorage:  # on a read-only medium: every check that only reads
            with opened(project, readonly=True) as p:
                findings = run_checks(p)
    except DamagedProject as e:
        click.echo(f"{e.message}; {e.hint}")
        sys.exit(1)
    shown = findings[:200]
    for finding in shown:
        click.echo(str(finding))
    if len(findings) > len(shown):
        click.echo(f"... and {len(findings) - len(shown)} more")
    errors = sum(1 for f in findings if f.severity == ERROR)
    click.echo(f"{project}: {errors} errors, {len(findings) - errors} warnings")
    if errors:
        sys.exit(1)


@click.command()
@PROJECT
def info(project: Path) -> None:
    """Summarise a project: schema, objects, media, size."""
    with opened(project, readonly=True) as p:
        db = p.db
        objects = db.execute("SELECT count(*) FROM objects").fetchone()[0]
        media = db.execute("SELECT kind, count(*), coalesce(sum(size), 0) FROM media GROUP BY kind ORDER BY kind").fetchall()
        click.echo(f"project: {p.path}")
        click.echo(f"schema: {p.schema}")
        click.echo(f"objects: {objects}")
        for kind, n, size in media:
            click.echo(f"media ({kind}): {n}, {size / 1e6:.1f} MB")
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for table, label in (("halls", "halls"), ("live_events", "live events"), ("live_recordings", "recordings")):
            if table in tables:
                click.echo(f"{label}: {db.execute(f'SELECT count(*) FROM {table}').fetchone()[0]}")
        click.echo(f"file size: {p.path.stat().st_size / 1e6:.1f} MB")


@click.command(name="export-csv")
@PROJECT
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
def export_csv(project: Path, out: Path) -> None:
    """Write the catalog as CSV (UTF-8, formula-safe) for spreadsheets."""
    with opened(project, readonly=True) as p:
        n = write_catalog_csv(p, out)
    click.echo(f"{out}: {n} objects")


@click.command()
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write demo.yunzhan (and its web package) into.")
@click.option("--base-url", default="http://127.0.0.1:8000/", show_default=True, metavar="URL",
              help="Where the package will be served (its IIIF manifests and QR codes point there).")
def demo(out_dir: Path, base_url: str) -> None:
    """Build the demo project (from shipped data, and ../shared/realdata when present)."""
    from studio.demo import build_demo

    with progress_bar() as progress:
        summary = build_demo(out_dir, base_url=base_url or None, progress=progress)
    for line in summary:
        click.echo(line)


def register(cli: click.Group) -> None:
    for command in (new, import_, search_, show, check, info, export_csv, demo):
        cli.add_command(command)
