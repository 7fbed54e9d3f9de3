"""Generated hostile tables: every encoding × delimiter × quoting × line end × BOM
either reads back exactly what was written, or is refused in one line naming the file."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from assets.errors import InputError
from assets.tabular import read_table

# Text a museum's spreadsheet holds: Chinese (GB2312 and beyond), Latin with accents,
# digits, and the characters that make CSV hard: delimiters, quotes, line breaks.
CHINESE = "青铜器鼎瓷瓶明清代上海博物馆藏品登录号名称年代材质尺寸说明书画玉石"
LATIN = "abcdefghijklmnopqrstuvwxyzABCXYZéüçñ"
HARD = ",;\t\"' \n\r"
CELL = st.text(alphabet=CHINESE + LATIN + "0123456789" + HARD, max_size=12)
NAME = st.text(alphabet=CHINESE + LATIN + "0123456789_", min_size=1, max_size=8)

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "gb18030"]
LINE_ENDS = ["\n", "\r\n", "\r"]


@st.composite
def tables(draw):
    columns = draw(st.lists(NAME, min_size=1, max_size=5, unique=True))
    rows = draw(st.lists(st.lists(CELL, min_size=len(columns), max_size=len(columns)), min_size=1, max_size=6))
    return columns, rows


def _write(columns, rows, *, delimiter, quoting, line_end, encoding, suffix) -> bytes:
    """CSV as Excel writes it: a cell is quoted when asked to, or when it holds the
    delimiter, a quote or a line break (Python's writer forgets a lone \\n when the
    line end is \\r), its quotes doubled."""
    def cell(value: str) -> str:
        if quoting == csv.QUOTE_ALL or any(ch in value for ch in (delimiter, '"', "\r", "\n")):
            return '"' + value.replace('"', '""') + '"'
        return value

    text = "".join(delimiter.join(cell(v) for v in record) + line_end for record in [columns, *rows])
    return text.encode(encoding)


def _expected(columns, rows):
    return [dict(zip(columns, r)) for r in rows if any(c.strip() for c in r)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=tables(), delimiter=st.sampled_from([",", ";", "\t"]),
       quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]), line_end=st.sampled_from(LINE_ENDS),
       encoding=st.sampled_from(ENCODINGS))
def test_a_written_table_reads_back_exactly_or_is_refused_in_one_line(table, delimiter, quoting, line_end, encoding):
    columns, rows = table
    suffix = ".tsv" if delimiter == "\t" else ".csv"
    data = _write(columns, rows, delimiter=delimiter, quoting=quoting, line_end=line_end, encoding=encoding,
                  suffix=suffix)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"objects{suffix}"
        path.write_bytes(data)
        try:
            table_read = read_table(path)
        except InputError as e:
            text = e.user_text()
            assert "\n" not in text and text.startswith(str(path)), text
            return
    assert table_read.columns == [c.strip() for c in columns]
    assert [r for _, r in table_read.rows] == _expected([c.strip() for c in columns], rows)
    assert table_read.encoding in ({"utf-8": ("utf-8",), "utf-8-sig": ("utf-8-sig",), "utf-16": ("utf-16",),
                                    "gb18030": ("gb18030", "utf-8")}[encoding])


ONE_LINE_CELL = st.text(alphabet=CHINESE + LATIN + "0123456789,; ", max_size=10)


@settings(max_examples=100, deadline=None)
@given(columns=st.lists(NAME, min_size=1, max_size=4, unique=True), data=st.data(),
       quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]), pick=st.integers(min_value=0))
def test_a_quote_left_open_never_swallows_rows_silently(columns, data, quoting, pick):
    """Cells on one line each; one closing quote removed. Either the file is refused in
    one line, or every row is still there and no cell has grown a line break."""
    rows = data.draw(st.lists(st.lists(ONE_LINE_CELL, min_size=len(columns), max_size=len(columns)),
                              min_size=1, max_size=5))
    body = _write(columns, rows, delimiter=",", quoting=quoting, line_end="\n", encoding="utf-8",
                  suffix=".csv").decode("utf-8")
    closing = [i for i in range(1, len(body)) if body[i] == '"' and (i + 1 == len(body) or body[i + 1] in ",\n")]
    assume(closing)
    i = closing[pick % len(closing)]
    broken = body[:i] + body[i + 1:]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        path.write_text(broken, encoding="utf-8")
        try:
            table = read_table(path)
        except InputError as e:
            assert "\n" not in e.user_text() and e.user_text().startswith(str(path))
            return
    assert not any("\n" in c for c in table.columns)
    assert not any("\n" in v for _, r in table.rows for v in r.values())
    assert len(table.rows) == len(_expected(columns, rows))


def test_a_short_gbk_spreadsheet_is_chinese_not_korean(tmp_path):
    """Excel on Chinese Windows: a header and one row (was detected as EUC-KR: Korean mojibake)."""
    path = tmp_path / "objects.csv"
    path.write_bytes("登录号,名称,年代,质地\r\n2019.3,青花缠枝莲纹梅瓶,明代,瓷\r\n".encode("gbk"))
    table = read_table(path)
    assert table.encoding == "gb18030"
    assert table.rows == [(2, {"登录号": "2019.3", "名称": "青花缠枝莲纹梅瓶", "年代": "明代", "质地": "瓷"})]


def test_bytes_no_encoding_decodes_cleanly_are_refused_with_a_hint(tmp_path):
    path = tmp_path / "noise.csv"
    path.write_bytes(bytes(range(0x80, 0x100)) * 3)
    with pytest.raises(InputError) as e:
        read_table(path)
    assert "cannot tell the text encoding" in str(e.value) or "row" in str(e.value)


def test_unclosed_quote_swallowing_later_rows_is_refused(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('accession,title\nA1,"never closed\nA2,second\nA3,third\n', encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_table(path)
    assert e.value.user_text() == (f"{path}: line 2: a quoted field opened here is never closed (a missing '\"' "
                                   "swallows every later row) (nothing was imported)")


def test_utf16_with_one_stray_byte_is_refused_in_one_line(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("accession,title\nA1,鼎\n".encode("utf-16") + b"\x00")
    with pytest.raises(InputError) as e:
        read_table(path)
    assert str(e.value).startswith(f"{path}: not valid UTF-16 despite its byte-order mark")


@pytest.mark.parametrize("text,message", [
    ("[" * 100_000 + "]" * 100_000, "JSON nested too deeply to be a table of records"),
    ('[{"accession": "A", "year_earliest": NaN}]', "invalid JSON (NaN is not a number JSON allows)"),
    ('[{"accession": "A", "year_earliest": Infinity}]', "invalid JSON (Infinity is not a number JSON allows)"),
], ids=["nested-100000-deep", "NaN", "Infinity"])
def test_hostile_json_is_refused_in_one_line(tmp_path, text, message):
    path = tmp_path / "t.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_table(path)
    assert str(e.value) == f"{path}: {message}"


@pytest.mark.parametrize("value,message", [
    (1e30, "column 'year_earliest': '1e+30' is not a year between -5000000 and 9999"),
    ("inf", "column 'year_earliest': 'inf' is not a year between -5000000 and 9999"),
    ("nan", "column 'year_earliest': 'nan' is not a year between -5000000 and 9999"),
])
def test_extreme_years_are_refused_naming_the_record(project, tmp_path, value, message):
    from assets.catalog_import import import_table

    path = tmp_path / "t.json"
    path.write_text(json.dumps([{"accession": "A", "year_earliest": value}]), encoding="utf-8")
    with pytest.raises(InputError) as e:
        import_table(project, path)
    assert str(e.value) == f"{path}: record 1: {message}"
    assert project.db.execute("SELECT count(*) FROM objects").fetchone()[0] == 0
