"""Article dumps: JSON Lines, a JSON array, CSV, TSV and Parquet, one article per row.

Every format streams: a line, a JSON array item, a CSV row or a Parquet batch at a time,
so a dump of any size is never held in memory at once. A row is an article: its columns are
found by the usual names (:data:`FIELD_NAMES`, any case) or by the names given in
:class:`Fields`. A row that cannot be read is reported with its line or row number, and the
other rows are read.
"""
from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from kg.errors import InputError
from kg.read.article import Unread, loose_date, make_document, read_or_unread, text_id, url_id
from kg.types import Document

__all__ = ["FIELD_NAMES", "Fields", "read_dump"]

#: The column names looked for, in order, for each field (compared without case).
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "maintext", "article", "article_text", "full_text", "story"),
    "title": ("title", "headline"),
    "date": ("date", "published", "date_publish", "publish_date", "published_at", "publishedat", "pubdate",
             "datepublished", "date_published"),
    "url": ("url", "link", "source_url"),
    "source": ("source", "source_domain", "publisher", "site", "sitename", "domain"),
    "id": ("id", "_id", "article_id", "doc_id", "guid", "uuid"),
    "author": ("author", "authors", "byline"),
    "language": ("language", "lang"),
}


@dataclass(frozen=True, slots=True)
class Fields:
    """Column names given by the user (``--text-field`` ...); None: look for the usual names."""

    text: str | None = None
    title: str | None = None
    date: str | None = None
    id: str | None = None

    def names(self, field: str) -> tuple[str, ...]:
        given = getattr(self, field, None)
        return (given,) if given else FIELD_NAMES[field]


def _columns(keys: Iterable[str], fields: Fields) -> dict[str, str]:
    """field -> the column that holds it, for the columns ``keys`` of a dump."""
    by_lower: dict[str, str] = {}
    for k in keys:
        by_lower.setdefault(str(k).strip().lower(), k)
    found = {}
    for field in FIELD_NAMES:
        for name in fields.names(field):
            if name.lower() in by_lower:
                found[field] = by_lower[name.lower()]
                break
    return found


def _row_columns(row: dict[str, Any], fields: Fields, known: dict[tuple[str, ...], dict[str, str]]) -> dict[str, str]:
    """The columns of a JSON row, found once for each set of keys (rows of a dump may differ)."""
    keys = tuple(row)
    cols = known.get(keys)
    if cols is None:
        if len(known) > 1000:  # rows with ever new keys: keep the lookup small
            known.clear()
        cols = known[keys] = _columns(keys, fields)
    return cols


def _missing_text(where: str, keys: Iterable[str], fields: Fields) -> str:
    cols = ", ".join(map(str, keys)) or "none"
    if fields.text:
        return f"{where}: has no column {fields.text!r} (given with --text-field); its columns are: {cols}"
    return (f"{where}: has no article text column (looked for {', '.join(FIELD_NAMES['text'])}); its columns are: "
            f"{cols}; name the text column with --text-field")


def _plain(value: Any) -> str | None:
    """A field's value as text: a list of authors is joined, a {'name': ...} object gives its name."""
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("name") or value.get("title") or value.get("id")
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(_plain(v)) for v in value if _plain(v))
    if isinstance(value, float) and value != value:  # NaN from a Parquet or pandas null
        return None
    s = str(value).strip() if value is not None else ""
    return s or None


def _row_document(row: dict[str, Any], cols: dict[str, str], *, where: str, kind: str, max_bytes: int,
                  published: date | None, fields: Fields) -> Document:
    def get(field: str) -> Any:
        col = cols.get(field)
        return row.get(col) if col is not None else None

    text = get("text")
    if text is None or not isinstance(text, str):
        if "text" not in cols:
            raise InputError(_missing_text(where, row.keys(), fields))
        if text is not None:
            raise InputError(f"{where}: its {cols['text']!r} is a {type(text).__name__}, not text")
    note = None
    if published is None:
        try:
            published = loose_date(get("date"))
        except ValueError as e:
            note = f"{where}: its {cols['date']!r} {e}; read without a date"
    url = _plain(get("url"))
    if url and "://" not in url:
        url = None
    given_id = _plain(get("id"))
    doc_id = given_id or (url_id(url) if url else text_id((text or "").strip()))
    return make_document(text=text or "", where=where, doc_id=doc_id, kind=kind, max_bytes=max_bytes,
                         title=_plain(get("title")), published=published, source=_plain(get("source")), url=url,
                         author=_plain(get("author")), language=_plain(get("language")), note=note)


def _open_binary(path: Path) -> IO[bytes]:
    f: IO[bytes] = open(path, "rb")
    if f.read(2) == b"\x1f\x8b":
        f.seek(0)
        return gzip.open(f)  # type: ignore[return-value]
    f.seek(0)
    return f


def _lines(path: Path, max_bytes: int) -> Iterator[tuple[int, str | Unread]]:
    """(line number, text) for each line, decoded one at a time (UTF-8, else Windows-1252; a file
    starting with a UTF-16 or UTF-32 byte-order mark in that encoding); a line over ``max_bytes`` is
    an Unread and is passed over without being held whole."""
    with _open_binary(path) as raw:
        head = raw.peek(4)[:4] if hasattr(raw, "peek") else b""
        wide = next((c for bom, c in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                                      (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")) if head.startswith(bom)), None)
        if wide is not None:
            yield from _wide_lines(path, raw, wide, max_bytes)
            return
        n = 0
        while True:
            line = raw.readline(max_bytes + 1)
            if not line:
                return
            n += 1
            if len(line) > max_bytes and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # pass over the rest of the line in pieces
                    line = raw.readline(2**20)
                yield n, Unread(f"{path} line {n}", f"{path} line {n}: is over the {max_bytes / 2**20:.0f} MB "
                                                    f"limit per article; raise the limit with --max-file-mb")
                continue
            if n == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[3:]
            try:
                yield n, line.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    yield n, line.decode("cp1252")
                except UnicodeDecodeError:
                    yield n, Unread(f"{path} line {n}", f"{path} line {n}: is neither UTF-8 nor Windows-1252 text; "
                                                        f"convert the file to UTF-8")


def _wide_lines(path: Path, raw: IO[bytes], codec: str, max_bytes: int) -> Iterator[tuple[int, str | Unread]]:
    text = io.TextIOWrapper(raw, encoding=codec, newline="")
    n = 0
    try:
        while True:
            line = text.readline(max_bytes + 1)
            if not line:
                return
            n += 1
            if len(line) > max_bytes:
                yield n, Unread(f"{path} line {n}", f"{path} line {n}: is over the {max_bytes / 2**20:.0f} MB limit "
                                                    f"per article; raise the limit with --max-file-mb")
                while line and not line.endswith("\n"):
                    line = text.readline(2**20)
                continue
            yield n, line.lstrip("\ufeff") if n == 1 else line
    except UnicodeDecodeError:
        yield n + 1, Unread(f"{path} line {n + 1}", f"{path} line {n + 1}: does not decode as {codec}; the lines "
                                                    f"before were read")


def _jsonl(path: Path, kind: str, max_bytes: int, published: date | None,
           fields: Fields) -> Iterator[Document | Unread]:
    known: dict[tuple[str, ...], dict[str, str]] = {}
    for n, line in _lines(path, max_bytes):
        if isinstance(line, Unread):
            yield line
            continue
        if not line.strip():
            continue
        where = f"{path} line {n}"
        try:
            row = json.loads(line)
        except ValueError as e:
            yield Unread(where, f"{where}: is not JSON ({e.args[0] if e.args else e}); the other lines are read")
            continue
        if not isinstance(row, dict):
            yield Unread(where, f"{where}: is a JSON {type(row).__name__}, not an object with the article's fields")
            continue
        cols = _row_columns(row, fields, known)
        yield from read_or_unread(lambda: _row_document(row, cols, where=where, kind=kind, max_bytes=max_bytes,
                                                        published=published, fields=fields), where)


def _first_char(path: Path) -> bytes:
    with _open_binary(path) as f:
        head = f.read(4096).lstrip(codecs.BOM_UTF8 + b" \t\r\n")
        while not head:
            more = f.read(4096)
            if not more:
                return b""
            head = more.lstrip(b" \t\r\n")
        return head[:1]


def _json(path: Path, max_bytes: int, published: date | None, fields: Fields) -> Iterator[Document | Unread]:
    """A JSON array of articles, streamed item by item with ijson; a JSON object is one article,
    unless it holds one article per line (JSON Lines saved as .json: read as such)."""
    first = _first_char(path)
    if first == b"{":
        with _open_binary(path) as f:
            line = f.readline(max_bytes + 1)
        try:
            json.loads(line)
            yield from _jsonl(path, "json", max_bytes, published, fields)  # one object per line
            return
        except ValueError:
            pass
        with _open_binary(path) as f:
            data = f.read(max_bytes + 1)
        if len(data) > max_bytes:
            yield Unread(str(path), f"{path}: is one JSON object over the {max_bytes / 2**20:.0f} MB limit per "
                                    f"article; a dump of many articles is a JSON array or JSON Lines")
            return
        try:
            row = json.loads(data.decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError) as e:
            yield Unread(str(path), f"{path}: is not valid JSON ({e})")
            return
        yield from read_or_unread(lambda: _row_document(row, _columns(row.keys(), fields), where=str(path),
                                                        kind="json", max_bytes=max_bytes, published=published,
                                                        fields=fields), str(path))
        return
    if first != b"[":
        yield Unread(str(path), f"{path}: is not a JSON array of articles, a JSON object or JSON Lines")
        return
    import ijson

    n = 0
    known: dict[tuple[str, ...], dict[str, str]] = {}
    with _open_binary(path) as f:
        items = ijson.items(f, "item", use_float=True)
        while True:
            try:
                row = next(items)
            except StopIteration:
                return
            except (ijson.JSONError, ijson.IncompleteJSONError, UnicodeDecodeError, ValueError) as e:
                yield Unread(str(path), f"{path}: breaks off or is malformed after item {n} ({e}); the items before "
                                        f"were read")
                return
            n += 1
            where = f"{path} item {n}"
            if not isinstance(row, dict):
                yield Unread(where, f"{where}: is a JSON {type(row).__name__}, not an object with the article's fields")
                continue
            cols = _row_columns(row, fields, known)
            yield from read_or_unread(lambda: _row_document(row, cols, where=where, kind="json",
                                                            max_bytes=max_bytes, published=published,
                                                            fields=fields), where)


def _delimited(path: Path, kind: str, max_bytes: int, published: date | None,
               fields: Fields) -> Iterator[Document | Unread]:
    """CSV or TSV with a header row; quoted fields may hold line breaks."""
    csv.field_size_limit(max(max_bytes, 2**20))
    problems: list[Unread] = []

    def text_lines() -> Iterator[str]:
        for _, line in _lines(path, max_bytes):
            if isinstance(line, Unread):
                problems.append(line)
                continue
            yield line

    reader = csv.DictReader(text_lines(), delimiter="\t" if kind == "tsv" else ",")
    try:
        header = reader.fieldnames
    except csv.Error as e:
        yield Unread(str(path), f"{path}: is not {kind.upper()} ({e})")
        return
    if not header:
        yield Unread(str(path), f"{path}: is empty; there is no header row", "skipped")
        return
    cols = _columns(header, fields)
    if "text" not in cols:
        yield Unread(str(path), _missing_text(str(path), header, fields))
        return
    given = {f: getattr(fields, f) for f in ("title", "date", "id") if getattr(fields, f)}
    for field, name in given.items():
        if field not in cols:
            yield Unread(str(path), f"{path}: has no column {name!r} (given with --{field}-field); its columns "
                                    f"are: {', '.join(header)}")
            return
    n = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            yield Unread(f"{path} line {reader.line_num}", f"{path} line {reader.line_num}: is not {kind.upper()} "
                                                           f"({e}); the rows before were read")
            break
        while problems:
            yield problems.pop(0)
        n += 1
        where = f"{path} row {n} (line {reader.line_num})"
        if None in row:
            yield Unread(where, f"{where}: has more fields than the header's {len(header)}; quote fields that hold "
                                f"a {'tab' if kind == 'tsv' else 'comma'}")
            continue
        yield from read_or_unread(lambda: _row_document(row, cols, where=where, kind=kind, max_bytes=max_bytes,
                                                        published=published, fields=fields), where)
    yield from problems


def _parquet(path: Path, max_bytes: int, published: date | None, fields: Fields) -> Iterator[Document | Unread]:
    """Parquet, a batch of rows at a time, through pyarrow (the optional dependency ``kg[parquet]``)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield Unread(str(path), f"{path}: reading Parquet needs pyarrow; install it with pip install 'kg[parquet]' "
                                f"(or export the data set as JSON Lines or CSV)")
        return
    try:
        pf = pq.ParquetFile(path)
    except Exception as e:  # pyarrow's ArrowInvalid and OSError for a file that is not Parquet
        yield Unread(str(path), f"{path}: is not a Parquet file pyarrow can read ({e})")
        return
    header = pf.schema_arrow.names
    cols = _columns(header, fields)
    if "text" not in cols:
        yield Unread(str(path), _missing_text(str(path), header, fields))
        return
    n = 0
    try:
        for batch in pf.iter_batches(batch_size=256, columns=sorted(set(cols.values()))):
            for row in batch.to_pylist():
                n += 1
                where = f"{path} row {n}"
                yield from read_or_unread(lambda: _row_document(row, cols, where=where, kind="parquet",
                                                                max_bytes=max_bytes, published=published,
                                                                fields=fields), where)
    except OSError as e:
        yield Unread(str(path), f"{path}: breaks off after row {n} ({e}); the rows before were read")


def read_dump(path: Path, kind: str, *, max_bytes: int, published: date | None = None,
              fields: Fields = Fields()) -> Iterator[Document | Unread]:
    """The articles of one dump, row by row; ``kind`` is jsonl, json, csv, tsv or parquet."""
    if kind == "jsonl":
        return _jsonl(path, "jsonl", max_bytes, published, fields)
    if kind == "json":
        return _json(path, max_bytes, published, fields)
    if kind in ("csv", "tsv"):
        return _delimited(path, kind, max_bytes, published, fields)
    if kind == "parquet":
        return _parquet(path, max_bytes, published, fields)
    raise ValueError(kind)
