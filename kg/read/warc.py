"""Web archives (``.warc``, ``.warc.gz``) with warcio, one record at a time.

Every HTML ``response`` record with status 200 is a page read through the same trafilatura
path as a saved page; its target URI is its URL (and id), its WARC-Date the fallback
publication date. Requests, metadata, revisits, redirects and non-HTML responses are
counted as passed over, never failed.
"""
from __future__ import annotations

import zlib
from datetime import date
from pathlib import Path
from typing import Iterator

from kg.errors import InputError
from kg.read.article import Unread, loose_date, read_or_unread
from kg.read.html import article_of_html
from kg.types import Document

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, *, max_bytes: int, published: date | None = None) -> Iterator[Document | Unread]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.recordloader import ArchiveLoadFailed

    n = 0
    with open(path, "rb") as f:
        records = iter(ArchiveIterator(f))
        while True:
            try:
                record = next(records)
                n += 1
                yield from _record(path, n, record, max_bytes, published)
            except StopIteration:
                return
            except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error) as e:
                yield Unread(str(path), f"{path}: breaks off or is damaged at record {n} ({type(e).__name__}: "
                                        f"{e}); the records before were read")
                return


def _record(path: Path, n: int, record, max_bytes: int, published: date | None) -> Iterator[Document | Unread]:
    kind = record.rec_type
    if kind != "response":
        yield Unread(str(path), f"{path}: {kind} records (not pages)", "ignored")
        return
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    where = f"{path} record {n} ({uri})" if uri else f"{path} record {n}"
    http = record.http_headers
    if http is None:
        yield Unread(str(path), f"{path}: response records with no HTTP headers (e.g. DNS)", "ignored")
        return
    status = http.get_statuscode()
    if status != "200":
        yield Unread(str(path), f"{path}: responses with status {status}", "ignored")
        return
    ctype = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if ctype not in _HTML_TYPES:
        yield Unread(str(path), f"{path}: non-HTML responses ({ctype or 'no content type'})", "ignored")
        return
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        yield Unread(where, f"{where}: the page is over the {max_bytes / 2**20:.0f} MB limit per article; "
                            f"raise the limit with --max-file-mb")
        return
    if getattr(record.raw_stream, "limit", 0) > 0:  # less than its Content-Length: the file ends inside it
        yield Unread(str(path), f"{path}: breaks off or is damaged at record {n} ({uri}: {len(data)} bytes of its "
                                f"page are there); the records before were read")
        return
    try:
        fallback = loose_date(record.rec_headers.get_header("WARC-Date"))
    except ValueError:
        fallback = None

    def make() -> Document:
        if not uri:
            raise InputError(f"{where}: has no WARC-Target-URI to name it by")
        return article_of_html(data, where=where, kind="warc", max_bytes=max_bytes, url=uri,
                               fallback_date=fallback, published=published)

    yield from read_or_unread(make, where)
