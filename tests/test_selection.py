"""Events selected by their own place and days (isnad.corpus.selection)."""

from __future__ import annotations

import pytest

from isnad.corpus.selection import EventSelection, days_overlap, event_days, place_matches, reported_until
from isnad.record import Article, Entity, Event, EventDate, Span

KHANASIR = Entity(id="e1", kind="place", name="خناصر", name_en="Khanasir", pcode="C2169", admin1="SY02",
                  admin1_name="حلب")
MOSUL = Entity(id="e2", kind="place", name="الموصل", name_en="Mosul", admin1="IQ.15", admin1_name="نينوى")


@pytest.mark.parametrize("wanted,place,expected", [
    ("C2169", KHANASIR, True), ("خناصر", KHANASIR, True), ("khanasir", KHANASIR, True),
    ("SY02", KHANASIR, True), ("حلب", KHANASIR, True),  # the governorate that holds it
    ("إدلب", KHANASIR, False), ("نينوى", MOSUL, True), ("IQ.15", MOSUL, True), ("الموصل", KHANASIR, False),
])
def test_place_matches(wanted, place, expected):
    assert place_matches(wanted, place.pcode, place.name, place.name_en, place.admin1, place.admin1_name) is expected


def _event(place: str | None, date: tuple[str, str] | None) -> Event:
    trigger = Span(start=0, end=4, text="قصفت")
    return Event(id="v1", event_type="Battles", sub_event_type="Armed clash", place=place, status="reported",
                 trigger=trigger, date=EventDate(start=date[0], end=date[1], precision=1) if date else None)


def test_an_undated_event_takes_its_article_day():
    assert event_days(_event(None, None), "2018-03-01") == ("2018-03-01", "2018-03-01")
    assert event_days(_event(None, None), None) is None
    assert not days_overlap(None, "2018-01-01", None) and days_overlap(None, None, None)


def test_selection_keeps_events_by_their_own_place_and_days():
    article = Article(id="a", text="قصفت", published="2018-03-05", entities=[KHANASIR, MOSUL],
                      events=[_event("e1", ("2018-03-01", "2018-03-01")), _event("e2", ("2018-03-04", "2018-03-05"))])
    assert [e.place for e in EventSelection(place="حلب").select(article).events] == ["e1"]
    assert [e.place for e in EventSelection(date_to="2018-03-02").select(article).events] == ["e1"]
    assert EventSelection().select(article) is article
    # an article published up to the background window later may still report an event of the day
    assert reported_until("2018-03-02") == "2018-04-02"
