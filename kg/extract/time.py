"""Dates and durations, normalised against the publication date.

* a weekday ("Wednesday", "on Tuesday", "late Monday", "earlier Friday") is the latest such day on
  or before the publication date (news reports what happened), via dateutil; what is planned or
  expected takes the next such day on or after it (:func:`ahead`);
* a year ("2020", "in 2020") is an xsd:gYear;
* "yesterday", "March 3", "in January", "last year" and other phrases go
  through dateparser with the publication date as base (a day or month named
  without a year is the one nearest the publication date, a day after it
  counting twice; "April 24-25" is its first day; "last Oct. 4" the latest such day on or before
  it, :func:`_last_named_day`), and keep the
  precision they have: a day is an xsd:date, a month ("in January") an
  xsd:gYearMonth, a year ("last year") an xsd:gYear; a week ("last week")
  has no XSD type and is left undated rather than given a made-up day;
* "six days", "20-year" are durations (xsd:duration P6D, P20Y).

Without a publication date only what the text fixes is kept: years, full dates, a month of a year, and a
day of a month without its year as an xsd:gMonthDay ("on June 14": "--06-14"); weekdays and
relative dates stay undated.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.types import TimeValue

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

__all__ = ["ahead", "normalise"]

# dateparser's period -> (XSD type, length of the ISO value: 2021-08-11, 2021-08, 2021)
_PERIODS = {"day": ("date", 10), "month": ("gYearMonth", 7), "year": ("gYear", 4)}

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUMBERS = {
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split())
}
_NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "a": 1, "an": 1})
_UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "hour": "H", "minute": "M"}
_DURATION = re.compile(r"^(?:(?:the|a|an)\s+)?(?:past\s+|last\s+|next\s+)?(\d+|[a-z]+)[\s-]+(day|week|month|year|hour|minute)s?(?:\s+old)?$",
                       re.IGNORECASE)
_YEAR = re.compile(r"^(?:in\s+|since\s+|by\s+|the\s+)?((?:1[89]|20)\d\d)$", re.IGNORECASE)
_VAGUE = re.compile(r"\b(recent|coming|past|several|few|many|some|decades?|centuries|ago|earlier|later|about|around|"
                    r"roughly|nearly|almost|approximately)\b", re.IGNORECASE)


def _duration(text: str) -> str | None:
    m = _DURATION.match(text.strip())
    if not m:
        return None
    num, unit = m.group(1).lower(), m.group(2).lower()
    n = int(num) if num.isdigit() else _NUMBERS.get(num)
    if n is None:
        return None
    code = _UNITS[unit]
    return f"PT{n}{code}" if unit in ("hour", "minute") else f"P{n}{code}"


def _weekday(text: str, published: date) -> date | None:
    from dateutil.relativedelta import relativedelta, weekdays

    words = re.sub(r"^(on|last|this)\s+", "", text.strip().lower())
    if words not in _WEEKDAYS:
        return None
    wd = weekdays[_WEEKDAYS.index(words)]
    return published + relativedelta(weekday=wd(-1))


def normalise(text: str, start: int, end: int, published: date | None) -> TimeValue | None:
    """Normalise one DATE expression; None when it has no definite value.

    >>> normalise("Tuesday", 0, 7, date(2021, 8, 11)).value
    '2021-08-10'
    >>> normalise("six days", 0, 8, None).value
    'P6D'
    """
    clean = " ".join(text.split())
    clean = re.sub(r"['’]s$", "", clean)  # "last Friday's bombings"
    # "late Monday", "earlier Friday", "later Thursday": a part of that day (not a vague "earlier")
    clean = re.sub(r"^(?:late|early|earlier|later)\s+((?:mon|tues|wednes|thurs|fri|satur|sun)day)$", r"\1", clean,
                   flags=re.IGNORECASE)
    clean = re.sub(r"^(?:the\s+)?(?:early\s+hours\s+of\s+)?(.*?\b(?:mon|tues|wednes|thurs|fri|satur|sun)day)\s+"
                   r"(?:night|morning|afternoon|evening)$", r"\1", clean, flags=re.IGNORECASE)  # "Friday night": that day
    dur = _duration(clean)
    if dur is not None and not clean.lower().startswith(("last", "next", "the past")):
        return TimeValue(text, start, end, dur, "duration")
    m = _YEAR.match(clean)
    if m:
        return TimeValue(text, start, end, m.group(1), "gYear")
    ago = _DAYS_AGO.match(clean)
    if ago and published is not None:
        n = int(ago.group(1)) if ago.group(1).isdigit() else _NUMBERS.get(ago.group(1).lower())
        if n is not None:
            return TimeValue(text, start, end, (published - timedelta(days=n)).isoformat(), "date")  # "11 days ago"
    if _VAGUE.search(clean):
        return None
    if published is None:
        return _without_publication(text, start, end, clean)
    day = _weekday(clean, published)
    if day is not None:
        return TimeValue(text, start, end, day.isoformat(), "date")
    last = _last_named_day(clean, published)
    if last is not None:
        return TimeValue(text, start, end, last.isoformat(), "date")
    ranged = _RANGE.match(clean)
    if ranged and _MONTH.search(clean):
        clean = ranged.group(1)  # "April 24-25": the first day (not the year 1925)
    parsed = _parser(published).get_date_data(clean)
    if parsed.date_obj is None or parsed.period not in _PERIODS:
        return None
    datatype, length = _PERIODS[parsed.period]
    when = parsed.date_obj.date()
    if _MONTH.search(clean) and not re.search(r"\b\d{4}\b", clean):
        when = _nearest(when, published)
    return TimeValue(text, start, end, when.isoformat()[:length], datatype)


def ahead(tv: TimeValue, published: date | None) -> TimeValue:
    """A bare weekday of a planned or expected event is the next such day on or after the publication
    date ("will travel to X on Thursday" in a Wednesday article is tomorrow); any other value as it is.

    >>> ahead(normalise("Thursday", 0, 8, date(2021, 8, 11)), date(2021, 8, 11)).value
    '2021-08-12'
    """
    from dateutil.relativedelta import relativedelta, weekdays

    if published is None or tv.datatype != "date":
        return tv
    words = re.sub(r"^(?:on|this|next|late|early)\s+", "", " ".join(tv.text.lower().split()))
    words = re.sub(r"\s+(?:night|morning|afternoon|evening)$", "", words)
    if words not in _WEEKDAYS:
        return tv
    day = published + relativedelta(weekday=weekdays[_WEEKDAYS.index(words)](+1))
    return TimeValue(tv.text, tv.start, tv.end, day.isoformat(), "date")


_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")
_MONTH_WORD = r"(" + "|".join(_MONTH_NAMES) + r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
_MONTH_DAY = re.compile(rf"^(?:on\s+)?{_MONTH_WORD}\s+(\d{{1,2}})(?:st|nd|rd|th)?$"
                        rf"|^(?:on\s+)?(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_WORD}$", re.IGNORECASE)


def _month_number(word: str) -> int:
    return next(i + 1 for i, name in enumerate(_MONTH_NAMES) if name.startswith(word.lower()[:3]))


def _without_publication(text: str, start: int, end: int, clean: str) -> TimeValue | None:
    """What a date says without a publication date to resolve it against: a full date or a month of a year
    named ("March 4, 1990", "December 2020") as such; a day and month without a year ("on June 14",
    "November 3", "2 May") an xsd:gMonthDay ("--06-14"), the year left open rather than guessed."""
    if re.search(r"\b(?:1[89]|20)\d\d\b", clean) and _MONTH.search(clean):
        parsed = _parser(date(2000, 1, 1)).get_date_data(clean)  # the year is named: any base gives the same
        if parsed.date_obj is None or parsed.period not in ("day", "month"):
            return None
        datatype, length = _PERIODS[parsed.period]
        return TimeValue(text, start, end, parsed.date_obj.date().isoformat()[:length], datatype)
    m = _MONTH_DAY.match(clean)
    if m is None:
        return None
    name, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    month = _month_number(name)
    if not 1 <= int(day) <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
        return None
    return TimeValue(text, start, end, f"--{month:02d}-{int(day):02d}", "gMonthDay")


_LAST_DAY = re.compile(r"^last\s+((?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2})$",
                       re.IGNORECASE)


def _last_named_day(text: str, published: date) -> date | None:
    """"last Oct. 4": the latest 4 October on or before the publication date (in an article of May 2010,
    4 October 2009); None for any other text."""
    m = _LAST_DAY.match(text)
    if m is None:
        return None
    parsed = _parser(published).get_date_data(m.group(1))
    if parsed.date_obj is None or parsed.period != "day":
        return None
    for years in (0, -1):
        try:
            when = parsed.date_obj.date().replace(year=published.year + years)
        except ValueError:  # 29 February
            continue
        if when <= published:
            return when
    return None


_DAYS_AGO = re.compile(r"^(\d+|[a-z]+)\s+days?\s+ago$", re.IGNORECASE)
_RANGE = re.compile(r"^(.*?\b\d{1,2})\s*[-–]\s*\d{1,2}$")
_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(\s|$)", re.IGNORECASE)


#: A day ahead of the publication date counts as this many days behind it: news mostly tells what happened.
_AHEAD_WEIGHT = 2


def _nearest(when: date, published: date) -> date:
    """A day or month named without its year ("March 12", "in June") is the one nearest the publication
    date, a day after it counting twice a day before it: news tells what happened, or what is about to
    ("a ceremony on March 12" in an article of March 5 is this year's, "a summit on April 24" in one of
    February too; "on Dec. 21" in an article of August is last year's)."""
    options = []
    for years in (-1, 0, 1):
        try:
            options.append(when.replace(year=published.year + years))
        except ValueError:  # 29 February
            continue

    def distance(d: date) -> int:
        days = (d - published).days
        return days * _AHEAD_WEIGHT if days > 0 else -days

    return min(options, key=distance, default=when)


@lru_cache(maxsize=32)
def _parser(published: date) -> "DateDataParser":
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": datetime(published.year, published.month, published.day), "PREFER_DATES_FROM": "past"})
