"""Find article files, read them exactly, and attach sidecar metadata."""
from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from kg.errors import InputError, SkippedInput
from kg.read.article import source_parts
from kg.read.news import split_news
from kg.types import Document

__all__ = ["MAX_BYTES", "collect_paths", "parse_date", "read_document", "read_documents"]

_SIDECAR_KEYS = {"title", "source", "published", "dateline", "language", "file", "note", "url"}


def parse_date(value: str, where: str) -> date:
    """Parse an ISO date (YYYY-MM-DD) or raise an InputError naming ``where``."""
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"{where}: {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2021-08-11") from None


def collect_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into the sorted list of input files (see :func:`kg.read.collect_inputs`)."""
    from kg.read.inputs import collect_inputs

    return [i.path for i in collect_inputs(paths)]


#: Default largest file kg reads, in bytes; raise it with ``max_bytes`` / ``--max-file-mb``.
MAX_BYTES = 10 * 2**20
_HTML = re.compile(rb"^\s*(<!doctype html|<html\b|<head\b|<body\b)", re.IGNORECASE)


def is_pdf(raw: bytes) -> bool:
    r"""Whether bytes are a PDF file: its header "%PDF-" within the first 1024 bytes (as readers accept it).

    >>> is_pdf(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), is_pdf(b"\n\n%PDF-1.4"), is_pdf(b"A PDF-like text")
    (True, True, False)
    """
    return b"%PDF-" in raw[:1024]


def _read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit per "
                             f"article; split it or raise the limit with --max-file-mb")
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot be read ({e.strerror})") from None
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                raise InputError(f"{path}: starts like {codec} text but does not decode as it; convert it to "
                                 f"UTF-8 first") from None
    if is_pdf(raw):  # before the binary test: a real PDF holds binary streams
        raise InputError(f"{path}: is a PDF saved as .txt; extract its text first (e.g. pdftotext)")
    if b"\x00" in raw[:8192]:
        raise InputError(f"{path}: is a binary file, not text; give kg plain-text articles")
    if _HTML.match(raw[:2048]):
        raise InputError(f"{path}: is an HTML page, not article text; save the article's text as .txt "
                         f"(for example with trafilatura) and build that")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:  # the legacy encoding of most English news text; it has undefined bytes, so a wrong guess fails
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None or best.encoding is None:
        raise InputError(f"{path}: is not UTF-8 and its encoding could not be told; convert it to UTF-8 first")
    try:
        return raw.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(f"{path}: looks like {best.encoding} but does not decode as it; convert it to UTF-8 first") from None


def _sidecar(path: Path) -> dict[str, object]:
    meta_path = path.with_suffix(".json")
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InputError(f"{meta_path}: sidecar metadata is not valid JSON ({e})") from None
    if not isinstance(meta, dict):
        raise InputError(f"{meta_path}: sidecar metadata must be a JSON object")
    return {k: v for k, v in meta.items() if k in _SIDECAR_KEYS}


def read_document(path: str | Path, published: date | None = None, max_bytes: int = MAX_BYTES) -> Document:
    """Read one article; ``published`` overrides the sidecar's date.

    Text that is not UTF-8 is read as UTF-16/32 when it has their byte-order mark, else
    as Windows-1252 when it decodes as such, else in the encoding charset-normalizer detects;
    a UTF-8 byte-order mark is dropped; line ends are kept as they are, so offsets
    index the text exactly as read. Raises :class:`SkippedInput` for an empty file,
    :class:`InputError` for one that cannot be read as an article.
    """
    path = Path(path)
    text = _read_text(path, max_bytes)
    if not text.strip():
        raise SkippedInput(f"{path}: is empty; there is no article to read")
    meta = _sidecar(path)
    title = meta.get("title") if isinstance(meta.get("title"), str) else None
    if published is None and meta.get("published"):
        published = parse_date(str(meta["published"]), f"{path.with_suffix('.json')}: published")
    structure = split_news(text, title)
    source, abbrev = source_parts(meta.get("source") if isinstance(meta.get("source"), str) else None)
    if structure.agency is not None:
        abbrev = abbrev or structure.agency.text
        if source is None:
            source = structure.agency.text
    place = None
    if structure.place is not None:
        place = structure.place.text.title()
    elif isinstance(meta.get("dateline"), str):
        place = str(meta["dateline"])
    if title is None and structure.headline is not None:
        title = structure.headline.text
    url = meta.get("url") if isinstance(meta.get("url"), str) else None
    url = url if url and url.startswith(("http://", "https://")) else None
    digest = hashlib.sha256("\x1f".join([text, json.dumps(meta, sort_keys=True, default=str),
                                          published.isoformat() if published else ""]).encode("utf-8")).hexdigest()
    return Document(
        id=path.stem,
        path=str(path),
        text=text,
        body=structure.body,
        headline=structure.headline,
        dateline=structure.dateline,
        title=title,
        published=published,
        source=source,
        source_abbrev=abbrev,
        place=place,
        place_span=structure.place,
        source_span=structure.agency,
        language=str(meta.get("language") or "en"),
        digest=digest,
        url=url,
    )


def read_documents(paths: Iterable[str | Path], published: date | None = None) -> Iterator[Document]:
    """Every document of ``paths`` (any kind kg reads); raises InputError at the first that gives none."""
    from kg.read.inputs import collect_inputs, read_inputs

    for d in read_inputs(collect_inputs(paths), published):
        if not isinstance(d, Document):
            raise (SkippedInput if d.status == "skipped" else InputError)(d.reason)
        yield d
