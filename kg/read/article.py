"""One article from the pieces a page, a dump row, a WARC record or a feed entry gives.

Every reader other than the ``.txt`` one ends here: the text, title, date, URL, source
and author it found become a :class:`~kg.types.Document` with the same news structure
(headline, dateline, body) and the same stable ids:

- the id a dump gives (``--id-field`` or a column named ``id``), else
- the URL (a readable part and a hash: the same URL is the same document whatever
  file it came from), else
- the file name for a file holding one article, or a hash of the text for a row.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Iterator
from urllib.parse import urlsplit

from kg.errors import InputError, SkippedInput
from kg.read.news import split_news
from kg.types import Document

__all__ = ["Unread", "loose_date", "make_document", "read_or_unread", "source_parts", "text_id", "url_id"]


@dataclass(frozen=True, slots=True)
class Unread:
    """An input, or a part of one, that gave no document.

    ``status`` is ``"skipped"`` (nothing to read: no article text), ``"failed"`` (it cannot be
    read: broken, too large, not what its name says) or ``"ignored"`` (a part of a container
    that is no article by nature, such as a WARC request record or an image response: only
    counted, by ``reason``)."""

    where: str
    reason: str
    status: str = "failed"


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def url_id(url: str) -> str:
    """A stable id from a URL: its host and path made readable, and a hash of the address without
    what does not change the page (scheme, ``www.``, fragment, tracking parameters such as
    ``utm_source`` or ``ref``, through courlan), so a feed's link and a crawl's URI of one page agree.

    >>> url_id("https://www.example.com/2021/08/11/storm-hits-coast.html?ref=rss#top")
    'example-com-2021-08-11-storm-hits-coast-html-d124f104d3'
    >>> url_id("http://example.com/2021/08/11/storm-hits-coast.html?utm_source=feed")
    'example-com-2021-08-11-storm-hits-coast-html-d124f104d3'
    """
    from courlan import normalize_url

    url = url.strip()
    try:
        url = normalize_url(url, strict=True)
    except Exception:  # courlan refuses what it cannot parse: keep the address as given
        url = url.split("#", 1)[0]
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    key = f"{host}{parts.path}" + (f"?{parts.query}" if parts.query else "")
    readable = re.sub(r"[^a-z0-9]+", "-", f"{host}{parts.path}".lower()).strip("-")[:60].strip("-")
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
    return f"{readable}-{digest}" if readable else f"url-{digest}"


def text_id(text: str) -> str:
    """A stable id for a row with neither id nor URL: a hash of its text."""
    return "text-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def loose_date(value: Any) -> date | None:
    """A publication date from what dumps and pages write: a date or datetime, ISO text
    (``2021-08-11``, ``2021-08-11T10:00:00Z``, ``2021-08-11 10:00:00``) or other common
    forms (``Aug 11, 2021``, ``Wed, 11 Aug 2021 10:00:00 GMT``). None for an empty value;
    ValueError for one that is not a date.

    >>> loose_date("2021-08-11T10:00:00Z"), loose_date("Wed, 11 Aug 2021 10:00:00 GMT")
    (datetime.date(2021, 8, 11), datetime.date(2021, 8, 11))
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) or not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date")
    s = value.strip()
    if not s or s.lower() in {"none", "null", "nan", "nat", "n/a", "-"}:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        pass
    from dateutil import parser

    try:
        return parser.parse(s, fuzzy=False).date()
    except (ValueError, OverflowError, parser.ParserError):
        raise ValueError(f"{value!r} is not a date") from None


def source_parts(source: str | None) -> tuple[str | None, str | None]:
    """'Agence France-Presse (AFP)' -> ('Agence France-Presse', 'AFP')."""
    if not source:
        return None, None
    m = re.fullmatch(r"\s*(.+?)\s*\(([^()]+)\)\s*", source)
    if m:
        return m.group(1), m.group(2)
    return source.strip(), None


def make_document(*, text: str, where: str, doc_id: str, kind: str, max_bytes: int, title: str | None = None,
                  published: date | None = None, source: str | None = None, url: str | None = None,
                  author: str | None = None, language: str | None = None, note: str | None = None) -> Document:
    """The Document of one article's text and metadata (``where`` names it in messages).

    The title is the headline: when the text does not already open with it, the text kg keeps
    (and every offset refers to) is the title, a blank line, then the article text.
    Raises :class:`SkippedInput` when there is no text, :class:`InputError` when it is over
    ``max_bytes``."""
    body = (text or "").strip()
    if not body:
        raise SkippedInput(f"{where}: has no article text")
    size = len(body.encode("utf-8"))
    if size > max_bytes:
        raise InputError(f"{where}: the article is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB "
                         f"limit per article; raise the limit with --max-file-mb")
    title = " ".join(title.split()) if title and title.strip() else None
    if title and _norm(body.split("\n", 1)[0]) != _norm(title):
        body = f"{title}\n\n{body}"
    structure = split_news(body, title)
    source, abbrev = source_parts(source)
    if structure.agency is not None:
        abbrev = abbrev or structure.agency.text
        source = source or structure.agency.text
    place = structure.place.text.title() if structure.place is not None else None
    if title is None and structure.headline is not None:
        title = structure.headline.text
    meta = {"title": title, "source": source, "url": url, "author": author, "language": language}
    digest = hashlib.sha256("\x1f".join([body, json.dumps(meta, sort_keys=True),
                                          published.isoformat() if published else ""]).encode("utf-8")).hexdigest()
    return Document(id=doc_id, path=where, text=body, body=structure.body, headline=structure.headline,
                    dateline=structure.dateline, title=title, published=published, source=source,
                    source_abbrev=abbrev, place=place, place_span=structure.place, source_span=structure.agency,
                    language=language or "en", digest=digest, url=url, author=author, kind=kind, note=note)


def read_or_unread(make: "Any", where: str) -> Iterator[Document | Unread]:
    """Call ``make()`` and yield its Document, or the Unread its error gives."""
    try:
        yield make()
    except SkippedInput as e:
        yield Unread(where, e.args[0], "skipped")
    except InputError as e:
        yield Unread(where, e.args[0], "failed")
