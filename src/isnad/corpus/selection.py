"""Which events a corpus query selects: by the event's own place and day, not by what its article
mentions or when it was published (an article about Idlib may report a strike in Hama; a report
published on the 3rd may tell of the 1st)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from isnad.analysis.events import BACKGROUND_DAYS
from isnad.corpus.exports import entity_of
from isnad.record import Article, Event
from isnad.text.normalize import fold


def place_matches(wanted: str, pcode: str | None, name: str | None, name_en: str | None = None,
                  admin1: str | None = None, admin1_name: str | None = None) -> bool:
    """Whether a place is the one asked for, or lies in it: its P-code or its first-level division's
    code (C2169, SY07, IQ.15), or its Arabic or English name or its division's Arabic name."""
    wanted = " ".join(wanted.split())
    if not wanted:
        return True
    if wanted in (pcode, admin1):
        return True
    folded = fold(wanted)
    return any(folded == fold(n) for n in (name, admin1_name) if n) or bool(name_en and name_en.lower() == wanted.lower())


def event_days(event: Event, published: str | None) -> tuple[str, str] | None:
    """The first and last day an event may have happened on: its own dates, else its article's
    publication day; None when neither is known."""
    if event.date is not None:
        return event.date.start, event.date.end
    return (published, published) if published else None


def days_overlap(days: tuple[str, str] | None, date_from: str | None, date_to: str | None) -> bool:
    """Whether a span of days meets [date_from, date_to]; an undated span meets only an open query."""
    if not date_from and not date_to:
        return True
    if days is None:
        return False
    start, end = days
    return (not date_from or end >= date_from) and (not date_to or start <= date_to)


def reported_until(date_to: str | None) -> str | None:
    """The last publication day of an article that may report an event up to ``date_to``: events
    reported later than that are background, kept apart from the news."""
    if not date_to:
        return None
    return (dt.date.fromisoformat(date_to) + dt.timedelta(days=BACKGROUND_DAYS)).isoformat()


@dataclass(frozen=True)
class EventSelection:
    """An event query: the event's place (P-code or name, a town or the division holding it) and days."""

    place: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    def keeps(self, article: Article, event: Event) -> bool:
        if self.place:
            place = entity_of(article, event.place)
            if place is None or not place_matches(self.place, place.pcode, place.name, place.name_en,
                                                  place.admin1, place.admin1_name):
                return False
        return days_overlap(event_days(event, article.published), self.date_from, self.date_to)

    def select(self, article: Article) -> Article:
        """The article with only the events the query keeps (the same object when it keeps them all)."""
        kept = [e for e in article.events if self.keeps(article, e)]
        return article if len(kept) == len(article.events) else article.model_copy(update={"events": kept})
