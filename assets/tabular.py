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
from assets.input_files import require_regular_file

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


# A detector's guess from fewer non-ASCII bytes than this is not trusted over GB18030.
CONFIDENT_BYTES = 400
_GB2312_SHARE = 0.9


def decode(path: Path, data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the name of the encoding it was in.

    After UTF-8 (with or without BOM) and UTF-16 (with BOM), the choice is between
    legacy encodings that share byte ranges (a short GBK file is also valid EUC-KR).
    GB18030 wins whenever it decodes the bytes cleanly into common Chinese characters,
    unless the file is long enough for the detector to be sure of another encoding;
    what nothing decodes cleanly is refused rather than guessed.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise InputError(f"{path}: not valid UTF-8 despite its byte-order mark (byte {e.start + 3})",
                             hint="save it from Excel as 'CSV UTF-8'") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise InputError(f"{path}: not valid UTF-16 despite its byte-order mark (byte {e.start}: {e.reason})",
                             hint="save it from Excel as 'CSV UTF-8'") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    gb_text = _clean_gb18030(data)
    best = from_bytes(data, cp_isolation=CANDIDATE_ENCODINGS).best()
    if gb_text is not None and (best is None or best.encoding == "gb18030"
                                or sum(b > 0x7F for b in data) < CONFIDENT_BYTES):
        return gb_text, "gb18030"
    if best is not None:
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    raise InputError(f"{path}: cannot tell the text encoding (tried UTF-8, GB18030, Big5, Shift-JIS, cp1252)",
                     hint="save it from Excel as 'CSV UTF-8'")


def _clean_gb18030(data: bytes) -> str | None:
    """``data`` decoded as GB18030 when that works and its two-byte characters are
    nearly all from GB2312 (the common characters Excel's GBK files hold), else None."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    wide = [c for c in text if ord(c) > 0x7F]
    if not wide:
        return None
    common = 0
    for c in wide:
        try:
            c.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return text if common >= _GB2312_SHARE * len(wide) else None


def read_table(path: str | Path) -> Table:
    """Read a ``.csv``/``.tsv``/``.json`` file of records, refusing ragged or malformed ones."""
    path = require_regular_file(path, what="table of records")
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
        delimiter = pick_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{path}: the file is empty") from None
    except csv.Error as e:
        raise InputError(f"{path}: row 1: {e}") from None
    complaint = _strict_complaint(path, text, delimiter)
    if any("\n" in h or "\r" in h for h in header):
        raise InputError(f"{path}: row 1: a column name runs over several lines (a quote left open swallows "
                         "the rows after it)", hint="check the quotes in the header row")
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
            multiline = any("\n" in c or "\r" in c for c in cells)
            if any(_swallowed_rows(c, delimiter) for c in cells) or (multiline and (
                    complaint or any('"' in c for c in cells if "\n" not in c and "\r" not in c))):
                raise InputError(f"{path}: row {number}: a cell runs over several lines around a misplaced quote "
                                 "(a quote left open swallows the rows after it)",
                                 hint="check the quotes on that row; nothing was imported")
            rows.append((number, dict(zip(header, cells))))
    except csv.Error as e:
        raise InputError(f"{path}: row {number + 1}: {e}") from None
    if bad:
        more = f" (and {len(bad) - 1} more bad rows)" if len(bad) > 1 else ""
        raise InputError(f"{path}: {bad[0]}{more}", hint="nothing was imported")
    return Table(path, header, rows, encoding)


DELIMITERS = (",", ";", "\t")
_SAMPLE_RECORDS = 200


def pick_delimiter(text: str) -> str:
    """The delimiter that splits the header into several columns and the first records
    into as many cells (more columns winning, then ``,`` before ``;`` before tab); a
    one-column reading only when no delimiter splits the header. Python's
    ``csv.Sniffer`` guesses from character counts and picks wrongly when cells hold the
    other delimiters (a ``;`` file whose cells hold commas), which splits every row
    silently in the wrong places."""
    best, best_score = ",", None
    for rank, d in enumerate(DELIMITERS):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=d)
        try:
            records = [r for _, r in zip(range(_SAMPLE_RECORDS), reader)]
        except csv.Error:
            continue
        if not records:
            continue
        width = len(records[0])
        consistent = all(len(r) == width for r in records[1:] if any(c.strip() for c in r))
        score = (width > 1, consistent, width, -rank)
        if best_score is None or score > best_score:
            best, best_score = d, score
    return best


def _swallowed_rows(cell: str, delimiter: str) -> bool:
    """A cell that spans lines and, after a line break, holds a quote beside a delimiter:
    the shape later rows take when an unclosed quote swallows them."""
    for brk in ("\n", "\r"):
        cut = cell.find(brk)
        if cut >= 0:
            rest = cell[cut:]
            return f'"{delimiter}' in rest or f'{delimiter}"' in rest
    return False


def _strict_complaint(path: Path, text: str, delimiter: str) -> str | None:
    """What a strict reading says about the quotes, or None. A quoted field never
    closed swallows every later row into one cell: that is refused here, naming the
    line where the quote opened (the lenient reader would not notice). Other
    complaints (a stray quote inside a field) are returned: read leniently, as Excel
    does, unless a cell also runs over several lines (see :func:`_read_csv`)."""
    strict = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    started = 1
    try:
        for _ in strict:
            started = strict.line_num + 1
    except csv.Error as e:
        if "unexpected end of data" in str(e):
            raise InputError(f"{path}: line {started}: a quoted field opened here is never closed (a missing "
                             f"'\"' swallows every later row)", hint="nothing was imported") from None
        if strict.line_num <= 1:  # the header itself: its columns cannot be trusted
            raise InputError(f"{path}: row 1: a misplaced quote in the header row ({e})",
                             hint="check the quotes in the header row; nothing was imported") from None
        return f"line {strict.line_num}: {e}"
    return None


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def _read_json(path: Path, text: str, encoding: str) -> Table:
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as e:
        raise InputError(f"{path}: line {e.lineno} column {e.colno}: invalid JSON ({e.msg})") from None
    except RecursionError:
        raise InputError(f"{path}: JSON nested too deeply to be a table of records") from None
    except ValueError as e:
        raise InputError(f"{path}: invalid JSON ({e})") from None
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
