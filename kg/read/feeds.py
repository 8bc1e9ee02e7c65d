"""RSS and Atom feeds (``.rss``, ``.atom``, ``.xml``) with feedparser.

An entry is an article: its full content where the feed carries it (``content:encoded``,
Atom ``content``), else its summary, which the build summary says. Its link is its URL
and id, its published (else updated) date its date, the feed's title its source.
"""
from __future__ import annotations

import calendar
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from kg.read.article import Unread, make_document, read_or_unread, text_id, url_id
from kg.read.html import fragment_text
from kg.types import Document

__all__ = ["read_feed"]


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            return datetime.fromtimestamp(calendar.timegm(t), tz=timezone.utc).date()
    return None


def read_feed(path: Path, raw: bytes, *, max_bytes: int, published: date | None = None) -> Iterator[Document | Unread]:
    """The entries of one feed file (``raw``: its bytes)."""
    import feedparser

    parsed = feedparser.parse(raw, sanitize_html=True, resolve_relative_uris=False)
    version = parsed.get("version") or ""
    if not version or not parsed.get("entries") and parsed.get("bozo"):
        why = parsed.get("bozo_exception")
        yield Unread(str(path), f"{path}: is not an RSS or Atom feed" + (f" ({why})" if why else ""))
        return
    if not parsed.entries:
        yield Unread(str(path), f"{path}: is a feed with no entries", "skipped")
        return
    source = (parsed.feed.get("title") or "").strip() or None
    for n, entry in enumerate(parsed.entries, 1):
        where = f"{path} entry {n}"
        content = entry.get("content") or []
        full = max((c.get("value") or "" for c in content), key=len, default="")
        summary = entry.get("summary") or ""
        note = None
        if full.strip():
            text = fragment_text(full)
        else:
            text = fragment_text(summary)
            if text:
                note = f"{where}: the feed gives only a summary of this article; the graph is built from it"
        link = (entry.get("link") or "").strip()
        url = link if link.startswith(("http://", "https://")) else None
        guid = (entry.get("id") or "").strip()
        doc_id = url_id(url) if url else (url_id(guid) if guid else text_id(text))

        def make(text: str = text, url: str | None = url, doc_id: str = doc_id, note: str | None = note,
                 where: str = where, entry: Any = entry) -> Document:
            return make_document(text=text, where=where, doc_id=doc_id, kind="feed", max_bytes=max_bytes,
                                 title=entry.get("title"), published=published or _entry_date(entry),
                                 source=source, url=url, author=entry.get("author"), note=note)

        yield from read_or_unread(make, where)
