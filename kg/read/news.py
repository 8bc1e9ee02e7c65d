"""News structure: headline, dateline and body, as spans of the text as read.

A wire story usually starts with a headline line, then a paragraph opening
with a dateline such as ``PARIS (AFP) –``, ``LONDON, March 3 (Reuters) -``
or ``NAIROBI, Kenya (AP) —``. The dateline names the place of writing and
often the agency; it is not part of the first sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.types import Span

__all__ = ["Structure", "split_news"]

_DASH = r"[-–—―‒]{1,2}|--"
_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
)
# PLACE[, REGION or DATE] [(AGENCY)] DASH  — the place is written in capitals.
_DATELINE = re.compile(
    rf"""(?P<place>[A-Z][A-Z.'’\- ]*[A-Z.])            # PARIS, NEW YORK, ST. LOUIS
        (?:,\s*(?P<extra>{_MONTH}|[A-Z][A-Za-z.'’\- ]{{1,40}}?))?   # , March 3 | , Kenya
        (?:,\s*(?P<extra2>{_MONTH}))?
        \s*(?:\((?P<agency>[^()\n]{{1,40}})\))?\s*
        (?P<dash>{_DASH}|:)\s+""",
    re.VERBOSE,
)
#: a wire story's section slug before a dash ("SOCCER - ", "UPDATE 2 - "), which is no place it was filed from
_SLUGS = frozenset("""SPORT SPORTS SOCCER FOOTBALL CRICKET RUGBY TENNIS GOLF BASEBALL BASKETBALL HOCKEY BOXING
    CYCLING ATHLETICS MOTORACING MOTOR-RACING MOTORCYCLING SWIMMING SKIING ROWING SAILING SQUASH BADMINTON
    HORSE RACING NFL NBA NHL UPDATE FACTBOX ANALYSIS PREVIEW REVIEW INTERVIEW CORRECTED REFILE FEATURE
    BUSINESS MARKETS POLITICS WEATHER OBITUARY EDITORIAL COMMENT OPINION""".split())
_MAX_HEADLINE = 250
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Structure:
    headline: Span | None
    dateline: Span | None
    body: Span
    place: Span | None
    agency: Span | None
    date_text: str | None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _looks_like_headline(line: str, title: str | None) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > _MAX_HEADLINE:
        return False
    if title is not None:
        norm = lambda s: re.sub(r"\W+", " ", s).strip().lower()  # noqa: E731
        return norm(stripped) == norm(title)
    # A headline has no sentence-final full stop (it may end in a quote or a name).
    return not stripped.endswith(".")


def split_news(text: str, title: str | None = None) -> Structure:
    """Separate headline, dateline and body.

    >>> s = split_news("Storm hits coast\\nMIAMI (AP) — A storm hit the coast on Monday.")
    >>> s.headline.text, s.place.text, s.agency.text, s.body.text
    ('Storm hits coast', 'MIAMI', 'AP', 'A storm hit the coast on Monday.')
    """
    start, end = _strip(text, 0, len(text))
    headline: Span | None = None
    brk = _LINE_BREAK.search(text, start, end)  # \n, \r\n or a lone \r
    first_nl = brk.start() if brk else -1
    if first_nl != -1:
        h_start, h_end = _strip(text, start, first_nl)
        rest_start, _ = _strip(text, first_nl, end)
        if rest_start < end and _looks_like_headline(text[h_start:h_end], title):
            headline = _span(text, h_start, h_end)
            start = rest_start
    dateline = place = agency = None
    date_text = None
    m = _DATELINE.match(text, start, end)
    if m and (m.group("agency") or m.group("dash")) and len(m.group("place")) >= 2 \
            and not set(re.split(r"[\s\-]+", m.group("place"))) & _SLUGS:
        dateline = _span(text, *_strip(text, m.start(), m.end()))
        place = _span(text, m.start("place"), m.end("place"))
        if m.group("agency"):
            agency = _span(text, m.start("agency"), m.end("agency"))
        for g in ("extra", "extra2"):
            if m.group(g) and re.match(_MONTH, m.group(g)):
                date_text = m.group(g)
        start = m.end()
    body = _span(text, start, end)
    return Structure(headline, dateline, body, place, agency, date_text)
