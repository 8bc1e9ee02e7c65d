"""Every input kind kg reads, told apart by extension and checked by content, read as one stream.

=========  ===========================================  =========================================
kind       files                                        one document per
=========  ===========================================  =========================================
text       ``.txt`` (+ sidecar ``.json``)               file
html       ``.html``, ``.htm``, ``.xhtml`` (+ ``.gz``)  file (trafilatura)
jsonl      ``.jsonl``, ``.ndjson`` (+ ``.gz``)          line
json       ``.json`` (an array, an object, or lines)    item
csv, tsv   ``.csv``, ``.tsv`` (+ ``.gz``)               row
parquet    ``.parquet``                                 row (pyarrow)
warc       ``.warc``, ``.warc.gz``                      HTML response record (warcio)
feed       ``.rss``, ``.atom``, ``.xml``                entry (feedparser)
=========  ===========================================  =========================================

Where the extension lies (an HTML page saved as ``.txt``, a feed saved as ``.html``, a
gzipped WARC without ``.gz``), the content decides.
"""
from __future__ import annotations

import gzip
import io
import json
import re
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from kg.errors import InputError, SkippedInput
from kg.read.article import Unread
from kg.read.dumps import Fields, read_dump
from kg.types import Document

__all__ = ["CONTAINERS", "Input", "KINDS", "collect_inputs", "read_inputs"]

_BY_SUFFIX = {
    ".txt": "text", ".html": "html", ".htm": "html", ".xhtml": "html", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".json": "json", ".csv": "csv", ".tsv": "tsv", ".parquet": "parquet", ".warc": "warc", ".rss": "feed",
    ".atom": "feed", ".xml": "feed",
}
#: Every input kind, in the order the build summary lists them.
KINDS = ("text", "html", "jsonl", "json", "csv", "tsv", "parquet", "warc", "feed")
#: Kinds whose one file holds many articles.
CONTAINERS = frozenset({"jsonl", "json", "csv", "tsv", "parquet", "warc", "feed"})
_GZIPPABLE = {"html", "jsonl", "json", "csv", "tsv", "warc"}


@dataclass(frozen=True, slots=True)
class Input:
    path: Path
    kind: str


def _kind_by_name(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        kind = _BY_SUFFIX.get(suffixes[0]) if len(suffixes) == 2 else None
        return kind if kind in _GZIPPABLE else None
    return _BY_SUFFIX.get(path.suffix.lower())


def _head(path: Path, size: int = 2048) -> bytes:
    try:
        with open(path, "rb") as f:
            head = f.read(size)
        if head[:2] == b"\x1f\x8b":
            try:
                return gzip.GzipFile(fileobj=io.BytesIO(head)).read1(size)  # type: ignore[attr-defined]
            except (OSError, EOFError, zlib.error):
                return b""
        return head
    except OSError as e:
        raise InputError(f"{path}: cannot be read ({e.strerror})") from None


_XML_FEED = re.compile(rb"<(rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML_DOC = re.compile(rb"^\s*(<!--.*?-->\s*)*(<!doctype html|<html\b|<head\b|<body\b)", re.IGNORECASE | re.DOTALL)


def _kind_by_content(head: bytes) -> str | None:
    """The kind the first bytes show, where they show one for sure."""
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"PAR1"):
        return "parquet"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        if _HTML_DOC.match(text):
            return "html"
        if _XML_FEED.search(text):
            return "feed"
    return None


def _kind(path: Path) -> str:
    named = _kind_by_name(path)
    shown = _kind_by_content(_head(path))
    if shown is not None and shown != named:
        return shown  # the extension lies: the content decides
    return named or "text"  # a file named explicitly is read as text, as before


def _json_dump(path: Path) -> bool:
    """Whether a .json found in a folder holds articles: an array, or objects one per line of which the
    first has a usual text field. Other .json files in a folder (metadata, expected answers) are not
    read; named on the command line, any .json is."""
    from kg.read.dumps import FIELD_NAMES

    head = _head(path, 1 << 16).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"["):
        return True
    try:
        first = json.loads(head.split(b"\n", 1)[0])
    except ValueError:
        return False
    return isinstance(first, dict) and any(str(k).lower() in FIELD_NAMES["text"] for k in first)


def collect_inputs(paths: Iterable[str | Path]) -> list[Input]:
    """Expand files and folders into inputs with their kinds, sorted and without duplicates.

    In a folder every file with an extension of :data:`KINDS` is read (hidden files are
    not); a ``.json`` beside a ``.txt`` of the same name is that article's sidecar metadata, and a
    ``.json`` in a folder that holds no articles (see :func:`_json_dump`) is left alone."""
    found: list[Path] = []
    given = list(paths)
    if not given:
        raise InputError("no input given; name one or more article files (.txt, .html, .jsonl, .csv, .warc, "
                         "a feed ...) or folders")
    for raw in given:
        p = Path(raw)
        if not p.exists():
            raise InputError(f"{p}: no such file or folder")
        if p.is_dir():
            files = sorted(q for q in p.rglob("*") if q.is_file() and _kind_by_name(q) is not None
                           and not any(part.startswith(".") for part in q.relative_to(p).parts))
            if not files:
                raise InputError(f"{p}: folder holds no articles kg reads: .txt, .html, .htm, .jsonl, .json, .csv, "
                                 f".tsv, .parquet, .warc(.gz), .rss, .atom or .xml files")
            found.extend(files)
        else:
            found.append(p)
    unique: dict[str, Path] = {}
    for p in found:
        unique.setdefault(str(p.resolve()), p)
    texts = {str(p.resolve().with_suffix("")) for p in unique.values() if p.suffix.lower() == ".txt"}
    named = {str(Path(raw).resolve()) for raw in given}
    inputs = [Input(p, _kind(p)) for key, p in unique.items()
              if not (p.suffix.lower() == ".json" and (key[: -len(".json")] in texts  # a sidecar
                                                       or key not in named and not _json_dump(p)))]
    stems: dict[str, Path] = {}
    for i in inputs:
        if i.kind == "text":
            if i.path.stem in stems:
                raise InputError(f"{i.path}: has the same name as {stems[i.path.stem]}; document ids come from file "
                                 f"names, rename one of them")
            stems[i.path.stem] = i.path
    return inputs


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """A whole one-article file (gunzipped), refused over ``max_bytes``."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit per "
                             f"article; split it or raise the limit with --max-file-mb")
        with open(path, "rb") as f:
            data = f.read()
        if data[:2] == b"\x1f\x8b":
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as g:
                data = g.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise InputError(f"{path}: unpacks to over the {max_bytes / 2**20:.0f} MB limit per article; raise "
                                 f"the limit with --max-file-mb")
        return data
    except OSError as e:
        raise InputError(f"{path}: cannot be read ({e.strerror or e})") from None
    except EOFError:
        raise InputError(f"{path}: is a gzip file that breaks off") from None


def _one(i: Input, published: date | None, max_bytes: int, fields: Fields) -> Iterator[Document | Unread]:
    from kg.read.files import read_document

    if i.kind == "text":
        yield read_document(i.path, published, max_bytes)
    elif i.kind == "html":
        from kg.read.html import read_html_file

        yield read_html_file(i.path, _read_bytes(i.path, max_bytes), max_bytes=max_bytes, published=published)
    elif i.kind == "feed":
        from kg.read.feeds import read_feed

        yield from read_feed(i.path, _read_bytes(i.path, max_bytes), max_bytes=max_bytes, published=published)
    elif i.kind == "warc":
        from kg.read.warc import read_warc

        yield from read_warc(i.path, max_bytes=max_bytes, published=published)
    else:
        yield from read_dump(i.path, i.kind, max_bytes=max_bytes, published=published, fields=fields)


def read_inputs(inputs: Iterable[Input], published: date | None = None, max_bytes: int | None = None,
                fields: Fields = Fields()) -> Iterator[Document | Unread]:
    """Every document of ``inputs``, in order, one at a time; what gives none is an :class:`Unread`.

    ``published`` overrides every date found; ``max_bytes`` bounds one article (a one-article
    file, a row, a record), never a dump or an archive, which are streamed."""
    from kg.read.files import MAX_BYTES

    limit = MAX_BYTES if max_bytes is None else max_bytes
    for i in inputs:
        try:
            yield from _one(i, published, limit, fields)
        except SkippedInput as e:
            yield Unread(str(i.path), e.args[0], "skipped")
        except InputError as e:
            yield Unread(str(i.path), e.args[0], "failed")
