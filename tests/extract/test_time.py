from datetime import date

import pytest

from kg.extract.time import ahead, normalise

PUB = date(2021, 8, 11)  # a Wednesday


@pytest.mark.parametrize("text, value, datatype", [
    ("Wednesday", "2021-08-11", "date"),
    ("Tuesday", "2021-08-10", "date"),
    ("on Thursday", "2021-08-05", "date"),
    ("2020", "2020", "gYear"),
    ("in 2020", "2020", "gYear"),
    ("six days", "P6D", "duration"),
    ("20-year", "P20Y", "duration"),
    ("yesterday", "2021-08-10", "date"),
    ("March 3", "2021-03-03", "date"),
    ("Aug. 9", "2021-08-09", "date"),
    # a date keeps the precision of the text: a month is not the publication day of that month
    ("in January", "2021-01", "gYearMonth"),
    ("December 2020", "2020-12", "gYearMonth"),
    ("last month", "2021-07", "gYearMonth"),
    ("last year", "2020", "gYear"),
    ("this year", "2021", "gYear"),
    # a day named without its year: the nearest to the publication date, a day after it counting twice
    ("Aug. 20", "2021-08-20", "date"),
    ("Jan. 14", "2021-01-14", "date"),
    ("Dec. 21", "2020-12-21", "date"),
    ("April 24-25", "2021-04-24", "date"),  # a range: its first day, not the year 1925
    ("Oct. 2", "2021-10-02", "date"),  # 52 days ahead (104) is nearer than 314 days back
    ("last Friday's", "2021-08-06", "date"),
    ("11 days ago", "2021-07-31", "date"),
    ("late Monday", "2021-08-09", "date"),  # a part of that day, not a vague "later"
    ("Earlier Friday", "2021-08-06", "date"),
    ("a day ago", "2021-08-10", "date"),
    ("last Oct. 23", "2020-10-23", "date"),  # the latest such day before the publication date, not ahead
    ("last Aug. 9", "2021-08-09", "date"),
    ("last August 12", "2020-08-12", "date"),
])
def test_normalise(text, value, datatype):
    tv = normalise(text, 0, len(text), PUB)
    assert (tv.value, tv.datatype) == (value, datatype)


def test_vague_and_undated():
    assert normalise("recent weeks", 0, 12, PUB) is None
    assert normalise("about five years", 0, 16, PUB) is None  # "a vote in about five years"
    assert normalise("Tuesday", 0, 7, None) is None
    assert normalise("2020", 0, 4, None).value == "2020"


@pytest.mark.parametrize("text", ["last week", "this week", "next week"])
def test_a_week_is_left_undated(text):
    assert normalise(text, 0, len(text), PUB) is None


def test_later_alone_stays_vague():
    assert normalise("later", 0, 5, PUB) is None


@pytest.mark.parametrize("text,value", [("Thursday", "2021-08-12"), ("Wednesday", "2021-08-11"),
                                        ("Monday night", "2021-08-16"), ("Aug. 9", "2021-08-09"),
                                        ("2020", "2020")])
def test_what_is_planned_takes_the_coming_weekday(text, value):
    assert ahead(normalise(text, 0, len(text), PUB), PUB).value == value


@pytest.mark.parametrize("text, value, datatype", [
    ("September 11", "--09-11", "gMonthDay"),  # the year left open, not guessed
    ("on Nov. 28", "--11-28", "gMonthDay"),
    ("2 October", "--10-02", "gMonthDay"),
    ("Dec. 21, 1988", "1988-12-21", "date"),  # a full date needs no publication date
    ("December 2020", "2020-12", "gYearMonth"),
])
def test_without_a_publication_date_what_the_text_fixes(text, value, datatype):
    tv = normalise(text, 0, len(text), None)
    assert (tv.value, tv.datatype) == (value, datatype)


@pytest.mark.parametrize("text", ["Tuesday", "yesterday", "last month", "Feb. 30", "Marching 3", "December"])
def test_without_a_publication_date_relative_days_stay_undated(text):
    assert normalise(text, 0, len(text), None) is None
