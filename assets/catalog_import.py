"""Importing catalog records from CSV and JSON with a column mapping.

A mapping says which source column fills which catalog field
(``展馆名称=title``). Well-known column names (登录号, acno, 名称, medium...) map by
themselves; every other column is kept as a custom field under its own name.
Mappings can be saved in the project under a name and reused. An import is one
transaction: every row is stored, or — on the first bad row — none.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from assets.catalog import FIELDS, TEXT_FIELDS, YEAR_RANGE, Catalog, CatalogObject
from assets.dates import parse_years
from assets.errors import InputError
from assets.progress import Progress, null_progress
from assets.project import Project
from assets.search_text import has_cjk
from assets.tabular import Table, read_table

IGNORE = "-"
# Targets a user may name besides the catalog fields: the language is chosen per value.
SMART_TARGETS = {"title": ("title_zh", "title_en"), "description": ("description_zh", "description_en")}
# Column names that map without being asked (compared case-insensitively).
KNOWN_COLUMNS = {
    "accession": ["accession", "acno", "accession_number", "accession no", "object_number", "objectnumber",
                  "inventory", "登录号", "藏品编号", "总登记号", "编号", "文物编号"],
    "title": ["title", "name", "名称", "藏品名称", "文物名称", "标题", "题名"],
    "title_en": ["title_en", "english title", "英文名称", "英文标题"],
    "title_zh": ["title_zh", "中文名称", "中文标题"],
    "maker": ["maker", "artist", "all_artists", "creator", "author", "作者", "创作者", "制作者"],
    "date_text": ["date", "datetext", "date_text", "年代", "时代", "日期"],
    "culture": ["culture", "period", "dynasty", "文化", "朝代", "时期"],
    "medium": ["medium", "material", "materials", "材质", "质地", "材料"],
    "dimensions": ["dimensions", "size", "尺寸", "规格"],
    "credit_line": ["creditline", "credit_line", "credit", "来源", "入藏方式"],
    "description": ["description", "notes", "inscription_text", "描述", "简介", "说明", "介绍"],
    "description_zh": ["description_zh", "中文描述", "中文简介"],
    "description_en": ["description_en", "english description", "英文描述", "英文简介"],
    "rights": ["rights", "license", "licence", "copyright", "版权", "授权"],
    "keywords": ["keywords", "subjects", "tags", "关键词", "主题", "标签"],
    "year_earliest": ["year_earliest", "startyear", "earliest"],
    "year_latest": ["year_latest", "endyear", "latest"],
}
_KNOWN = {alias.lower(): target for target, aliases in KNOWN_COLUMNS.items() for alias in aliases}


def valid_targets() -> list[str]:
    return sorted(set(FIELDS) | set(SMART_TARGETS))


@dataclass
class ImportResult:
    path: Path
    encoding: str
    rows: int
    added: int
    updated: int
    custom_columns: list[str]
    mapping: dict[str, str]


def parse_map_options(pairs: list[str], where: str = "--map") -> dict[str, str]:
    """``["展馆名称=title", "备注=-"]`` → ``{"展馆名称": "title", "备注": "-"}``."""
    mapping = {}
    for pair in pairs:
        source, sep, target = pair.partition("=")
        if not sep or not source.strip() or not target.strip():
            raise InputError(f"{where} {pair!r}: expected COLUMN=FIELD")
        target = target.strip()
        if target != IGNORE and not target.startswith("custom:") and target not in valid_targets():
            raise InputError(f"{where} {pair!r}: unknown field {target!r} (fields: {', '.join(valid_targets())}, "
                             "custom:NAME, or - to skip)")
        mapping[source.strip()] = target
    return mapping


def resolve_mapping(columns: list[str], explicit: dict[str, str]) -> dict[str, str]:
    """Every column's target: the explicit mapping first, then the well-known names,
    then ``custom:<column>``."""
    unknown = [c for c in explicit if c not in columns]
    if unknown:
        raise InputError(f"--map: no column named {unknown[0]!r} (columns: {', '.join(columns)})")
    taken = {t for t in explicit.values()}
    resolved = {}
    for column in columns:
        if column in explicit:
            resolved[column] = explicit[column]
            continue
        target = _KNOWN.get(column.strip().lower())
        if target and target not in taken:
            resolved[column] = target
            taken.add(target)
        else:
            resolved[column] = f"custom:{column}"
    return resolved


def save_mapping(project: Project, name: str, mapping: dict[str, str]) -> None:
    with project.transaction(label=None) as db:
        db.execute("INSERT INTO import_mappings(name, mapping) VALUES (?, ?) "
                   "ON CONFLICT(name) DO UPDATE SET mapping = excluded.mapping",
                   (name, json.dumps(mapping, ensure_ascii=False)))


def load_mapping(project: Project, name: str) -> dict[str, str]:
    row = project.db.execute("SELECT mapping FROM import_mappings WHERE name = ?", (name,)).fetchone()
    if row is None:
        names = [r[0] for r in project.db.execute("SELECT name FROM import_mappings ORDER BY name")]
        raise InputError(f"no saved mapping named {name!r}" + (f" (saved: {', '.join(names)})" if names else ""))
    return json.loads(row[0])


def _text(value: object) -> str:
    """A cell as text; nested JSON (lists, objects) as the names it holds."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return str(value)
    names: list[str] = []

    def walk(v: object) -> None:
        if isinstance(v, dict):
            for key in ("name", "fc", "text"):
                if isinstance(v.get(key), str) and v[key] not in names:
                    names.append(v[key])
                    break
            for child in v.values():
                if isinstance(child, (dict, list)):
                    walk(child)
        elif isinstance(v, list):
            for child in v:
                walk(child)
        elif isinstance(v, str) and v not in names:
            names.append(v)

    walk(value)
    return "; ".join(names)


def _year(value: object, where: str, column: str) -> int | None:
    text = _text(value)
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise InputError(f"{where}: column {column!r}: {text!r} is not a year") from None
    if not (YEAR_RANGE[0] <= number <= YEAR_RANGE[1]):  # also refuses NaN and the infinities
        raise InputError(f"{where}: column {column!r}: {text!r} is not a year between {YEAR_RANGE[0]} and "
                         f"{YEAR_RANGE[1]}")
    return int(number)


_CUSTOM, _YEAR, _SMART, _TEXT = range(4)


def _plan_columns(columns, mapping: dict[str, str]) -> dict[str, tuple[int, str]]:
    """What to do with each column, decided once per table rather than once per cell."""
    plan = {}
    for column in columns:
        target = mapping.get(column, f"custom:{column}")
        if target == IGNORE:
            continue
        if target.startswith("custom:"):
            plan[column] = (_CUSTOM, target[7:])
        elif target in ("year_earliest", "year_latest"):
            plan[column] = (_YEAR, target)
        elif target in SMART_TARGETS:
            plan[column] = (_SMART, target)
        elif target in TEXT_FIELDS:
            plan[column] = (_TEXT, target)
    return plan


def to_objects(table: Table, mapping: dict[str, str]) -> list[tuple[str, CatalogObject]]:
    """Turn a table's rows into catalog objects, refusing the first bad row."""
    out = []
    label = f"{table.path}: {'record' if table.path.suffix.lower() == '.json' else 'row'}"
    stem = table.path.stem
    plan = _plan_columns(table.columns, mapping)
    for number, record in table.rows:
        where = f"{label} {number}"
        values: dict[str, object] = {}
        custom: dict[str, str] = {}
        for column, raw in record.items():
            action = plan.get(column)
            if action is None:
                continue  # mapped to "-"
            kind, target = action
            text = raw.strip() if type(raw) is str else None
            if kind == _TEXT:
                values[target] = text if text is not None else _text(raw)
            elif kind == _CUSTOM:
                if text is None:
                    text = json.dumps(raw, ensure_ascii=False) if isinstance(raw, (dict, list)) else _text(raw)
                if text:
                    custom[target] = text
            elif kind == _YEAR:
                values[target] = _year(raw, where, column)
            else:
                text = text if text is not None else _text(raw)
                zh, en = SMART_TARGETS[target]
                key = zh if has_cjk(text) else en
                if text and not values.get(key):
                    values[key] = text
        if not values.get("accession"):
            values["accession"] = f"{stem}-{number}"
        if values.get("date_text") and values.get("year_earliest") is None and values.get("year_latest") is None:
            values["year_earliest"], values["year_latest"] = parse_years(str(values["date_text"]))
        out.append((where, CatalogObject(custom=custom, **values)))  # validated as it is stored
    return out


def import_table(project: Project, path: str | Path, *, mapping: dict[str, str] | None = None,
                 progress: Progress | None = None) -> ImportResult:
    """Import a CSV or JSON file of records into the catalog, in one transaction."""
    progress = progress or null_progress()
    table = read_table(path)
    resolved = resolve_mapping(table.columns, mapping or {})
    objects = to_objects(table, resolved)
    seen: dict[str, str] = {}
    for where, obj in objects:
        if obj.accession in seen:
            raise InputError(f"{where}: accession number {obj.accession!r} already used at {seen[obj.accession].split(': ', 1)[1]}")
        seen[obj.accession] = where
    catalog = Catalog(project)
    with project.transaction(label="import records") as db:
        before = catalog.accessions()
        catalog.upsert_many(objects, progress=progress, total=len(objects))
        db.execute("INSERT INTO import_log(source, kind, rows) VALUES (?, ?, ?)",
                   (str(Path(path).name), Path(path).suffix.lower().lstrip("."), len(objects)))
    updated = sum(1 for _, o in objects if o.accession in before)
    custom = [c for c, t in resolved.items() if t.startswith("custom:")]
    return ImportResult(Path(path), table.encoding, len(objects), len(objects) - updated, updated, custom, resolved)
