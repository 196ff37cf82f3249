"""Absolute dates in every month system: tables/dates.tsv holds real strings from the corpora."""

import datetime as dt

import pytest

from conftest import read_table
from isnad.text.dates import find_dates, parse_date

DATES = read_table("dates.tsv")


@pytest.mark.parametrize("row", DATES, ids=[r["text"] for r in DATES])
def test_date_table(row):
    found = parse_date(row["text"])
    if row["date"] == "none":
        assert found is None, found
        return
    assert found is not None, row["text"]
    assert (found.date.isoformat(), found.precision) == (row["date"], row["precision"]), found.reason
    assert row["text"][found.start:found.end] == found.text


def test_table_covers_every_month_system():
    texts = " ".join(r["text"] for r in DATES)
    for name in ("شباط", "فبراير", "فيفري", "جويلية", "يوليوز", "جمادى", "٢", "۲"):
        assert name in texts, name
    assert sum(r["date"] != "none" for r in DATES) >= 40


@pytest.mark.parametrize("text,expected,calendar", [
    ("الخميس 16 جمادى الأولى 1437 هـ الموافق 25 فبراير 2016 م", "2016-02-25", "gregorian"),
    ("١٦ جمادى الأولى ١٤٣٧هـ", "2016-02-25", "hijri"),
])
def test_gregorian_wins_over_hijri(text, expected, calendar):
    found = parse_date(text)
    assert found.date.isoformat() == expected and found.calendar == calendar


def test_weekday_is_checked():
    assert parse_date("الخميس 25 شباط 2016").weekday_ok is True
    assert parse_date("السبت 25 شباط 2016").weekday_ok is False


def test_alternative_months_that_disagree_are_flagged():
    found = parse_date("25 شباط (مارس) 2016")
    assert found.date == dt.date(2016, 2, 25) and "DISAGREE" in found.reason


def test_find_dates_in_running_text_keeps_original_offsets():
    text = "وفي ٢٧ كانون الأول / ديسمبر ٢٠١٧ أعلن التحالف، وفي 3 آذار 2018 عاد"
    found = find_dates(text)
    assert [d.date.isoformat() for d in found] == ["2017-12-27", "2018-03-03"]
    for d in found:
        assert text[d.start:d.end] == d.text


def test_impossible_dates_are_not_read():
    assert parse_date("31 شباط 2016") is None
    assert parse_date("45/13/2016") is None
