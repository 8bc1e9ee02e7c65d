"""Saved web pages (``.html``, ``.htm``, gzipped or not) and the HTML of WARC records.

trafilatura finds the article's main text and its metadata (title, author, site name,
URL from the canonical link, publication date through htmldate). The text it extracts is
the document text; the page title is the headline.
"""
from __future__ import annotations

import logging
import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import InputError, SkippedInput
from kg.read.article import loose_date, make_document, url_id
from kg.read.files import is_pdf
from kg.types import Document

__all__ = ["article_of_html", "fragment_text", "read_html_file"]

_NO_TEXT = ("has no article text (an index or listing page, a login or cookie wall, or an empty page); "
            "nothing to read")


#: Less extracted text than this many characters is no article (a menu, "Please log in", a cookie notice);
#: a one-sentence news brief with its headline is longer.
MIN_ARTICLE_CHARS = 150


@lru_cache(maxsize=1)
def _config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", str(MIN_ARTICLE_CHARS))
    for name in ("trafilatura", "htmldate", "courlan", "justext"):  # their own warnings are not kg's messages
        logging.getLogger(name).setLevel(logging.ERROR)
    return config


def _extract(data: bytes | str, url: str | None) -> Any:
    """trafilatura's article and metadata, favouring precision (link lists and boilerplate are left out)."""
    import trafilatura

    return trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False, favor_precision=True,
                                       include_tables=False, date_extraction_params={"original_date": True},
                                       config=_config())


def article_of_html(data: bytes, *, where: str, kind: str, max_bytes: int, doc_id: str | None = None,
                    url: str | None = None, fallback_date: date | None = None,
                    published: date | None = None) -> Document:
    """The article of one HTML page. ``url`` (a WARC record's target URI) is the page's URL and
    its id when given; else the page's own canonical URL is, and else ``doc_id`` (a file name).
    The page's date is used, else ``fallback_date``; ``published`` overrides both."""
    if is_pdf(data):
        raise InputError(f"{where}: is a PDF, not an HTML page; extract its text first (e.g. pdftotext)")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{where}: is a binary file, not an HTML page")
    try:
        found = _extract(data, url)
    except Exception as e:  # lxml refuses some broken markup outright
        raise InputError(f"{where}: is HTML that cannot be parsed ({type(e).__name__}: {e})") from None
    if found is None or not (found.text or "").strip():
        raise SkippedInput(f"{where}: {_NO_TEXT}")
    page_url = url or found.url or None
    if page_url and not re.match(r"(?i)https?://", page_url):
        page_url = None  # trafilatura may give a relative canonical link: no address to keep
    if published is None:
        try:
            published = loose_date(found.date)
        except ValueError:
            published = None
        published = published or fallback_date
    the_id = url_id(page_url) if page_url else doc_id
    if the_id is None:
        raise InputError(f"{where}: has no URL and no name to make its document id from")
    return make_document(text=found.text, where=where, doc_id=the_id, kind=kind, max_bytes=max_bytes,
                         title=found.title, published=published, source=found.sitename, url=page_url,
                         author=found.author, language=found.language)


def read_html_file(path: Path, raw: bytes, *, max_bytes: int, published: date | None = None) -> Document:
    """One saved page (``raw`` is its bytes, already gunzipped); its id is the page's URL when
    it names one, else the file name."""
    name = path.name.removesuffix(".gz")
    return article_of_html(raw, where=str(path), kind="html", max_bytes=max_bytes,
                           doc_id=Path(name).stem, published=published)


_BLOCK_END = re.compile(r"(?i)(<br\s*/?>|</(?:p|div|li|h[1-6]|blockquote|tr|section|article)>)")


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content or summary), one line per block.

    >>> fragment_text("<p>One <b>two</b>.</p><p>Three &amp; four.</p>")
    'One two.\\nThree & four.'
    """
    import lxml.html

    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    marked = _BLOCK_END.sub(lambda m: m.group(1) + "\n", fragment)
    try:
        text = lxml.html.fragment_fromstring(marked, create_parent="div").text_content()
    except Exception:  # not markup after all
        text = fragment
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
