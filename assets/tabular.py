"""Reading tables of records from CSV and JSON files, whatever their encoding.

Excel on a Chinese Windows writes "CSV" in GBK/GB18030, "CSV UTF-8" with a
byte-order mark; both arrive here. The encoding is detected (UTF-8 first, then
charset-normalizer among the encodings museums' files actually use) and reported.
Every record keeps its row number so errors can name it.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from assets.errors import InputError

# Tried in this order after UTF-8; GB18030 is a superset of GBK and GB2312.
CANDIDATE_ENCODINGS = ["gb18030", "big5", "utf_16", "shift_jis", "euc_kr", "cp1252"]
MAX_REPORTED = 3


@dataclass(frozen=True)
class Table:
    """Records read from one file: ``rows`` pairs a row number with a column→value dict."""
    path: Path
    columns: list[str]
    rows: list[tuple[int, dict[str, object]]]
    encoding: str


def decode(path: Path, data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the name of the encoding it was in."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise InputError(f"{path}: not valid UTF-8 despite its byte-order mark (byte {e.start})") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=CANDIDATE_ENCODINGS).best()
    if best is None:
        raise InputError(f"{path}: cannot tell the text encoding (tried UTF-8, GB18030, Big5, Shift-JIS, cp1252)",
                         hint="save it from Excel as 'CSV UTF-8'")
    return str(best), best.encoding


def read_table(path: str | Path) -> Table:
    """Read a ``.csv``/``.tsv``/``.json`` file of records, refusing ragged or malformed ones."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    text, encoding = decode(path, data)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return _read_json(path, text, encoding)
    if suffix in (".csv", ".tsv", ".txt"):
        return _read_csv(path, text, encoding, "\t" if suffix == ".tsv" else None)
    raise InputError(f"{path}: unsupported table format {suffix or '(no extension)'} (use .csv, .tsv or .json)")


def _read_csv(path: Path, text: str, encoding: str, delimiter: str | None) -> Table:
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
        except csv.Error:
            delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{path}: the file is empty") from None
    except csv.Error as e:
        raise InputError(f"{path}: row 1: {e}") from None
    header = [h.strip() for h in header]
    if not any(header):
        raise InputError(f"{path}: row 1: the header row is empty")
    seen: set[str] = set()
    for i, name in enumerate(header, start=1):
        if not name:
            raise InputError(f"{path}: row 1: column {i} has no name")
        if name in seen:
            raise InputError(f"{path}: row 1: column name {name!r} appears twice")
        seen.add(name)
    rows, bad = [], []
    number = 1
    try:
        for number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue  # blank line
            if len(cells) != len(header):
                bad.append(f"row {number}: {len(cells)} cells where the header has {len(header)}")
                continue
            rows.append((number, dict(zip(header, cells))))
    except csv.Error as e:
        raise InputError(f"{path}: row {number + 1}: {e}") from None
    if bad:
        more = f" (and {len(bad) - 1} more bad rows)" if len(bad) > 1 else ""
        raise InputError(f"{path}: {bad[0]}{more}", hint="nothing was imported")
    return Table(path, header, rows, encoding)


def _read_json(path: Path, text: str, encoding: str) -> Table:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"{path}: line {e.lineno} column {e.colno}: invalid JSON ({e.msg})") from None
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(lists) != 1:
            raise InputError(f"{path}: expected a list of records (or an object holding one list of records)")
        data = lists[0]
    if not isinstance(data, list):
        raise InputError(f"{path}: expected a list of records")
    rows, columns = [], {}
    for number, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            raise InputError(f"{path}: record {number}: not an object ({type(record).__name__})")
        rows.append((number, record))
        for key in record:
            columns.setdefault(key, None)
    return Table(path, list(columns), rows, encoding)
