"""Across documents: the same event reported by several articles, the same claim told by several voices.

:func:`merge_events` joins event reports into :class:`MergedEvent` values, :func:`group_claims`
joins claims about the same proposition into :class:`ClaimGroup` values; both are pure functions
with deterministic output (input is sorted first; ids are hashes of the members).

Chaining drift (A~B and B~C although A!~C) is avoided by complete linkage: a report or claim joins a
cluster only if it is compatible with *every* member already in it, and among such clusters the one
it matches best (for events: most shared known actors, then nearest place; for claims: highest
minimum similarity), ties going to the older cluster. For date ranges pairwise overlap already
implies a common intersection (intervals on a line), so a merged event's date is the intersection.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from isnad.knowledge.gazetteer import distance_km
from isnad.record import Article, Claim, Entity, Event, EventDate
from isnad.text.normalize import fold
from isnad.text.tokens import tokenize

#: Reports of different articles join only when each is dated to at most this many days.
MERGE_SPAN_DAYS = 7
#: An undated report may tell of this many days before its article's publication day.
UNDATED_DAYS = 2
#: Claim contents at least this similar (0-100, see :func:`claim_similarity`) state the same proposition.
#: Chosen on Baly et al. 2018 (739 agree/disagree/discuss articles analysed, 654 claims inside the
#: annotated rationale lines of 114 fact-check claims): of 4,000 pairs of claims about *different*
#: fact-check claims none scores 60 or more (3 score 55-60, 79 score 50-55), while pairs of reprints
#: of one report score 60-95 (the Reuters story of R-10 in eight outlets: lowest pair 61-95 per group).
CLAIM_THRESHOLD = 60.0
#: Claims with fewer content words than this are never grouped with others (too little to compare).
MIN_CLAIM_WORDS = 4
MAX_KM = 25.0
#: A word in more groups than this (في، قال، أن …) does not make candidates while a claim has two rarer
#: words to go by: otherwise every claim would be compared with nearly every group.
MAX_POSTING = 200


# ---------------------------------------------------------------- events

@dataclass(frozen=True)
class EventReport:
    """One article's report of an event, with its actors and place resolved from the article."""

    article_id: str
    outlet: str | None
    published: str | None
    url: str | None
    event: Event
    actor1: Entity | None = None
    actor2: Entity | None = None
    place: Entity | None = None

    @property
    def key(self) -> str:
        return f"{self.article_id}/{self.event.id}"


@dataclass(frozen=True)
class MergedEvent:
    """Reports of one event; ``statuses`` counts how many report, deny, negate … it."""

    id: str
    event_type: str
    sub_event_type: str | None
    actor1: Entity | None
    actor2: Entity | None
    place: Entity | None
    date: EventDate | None
    fatalities: int | None
    reports: tuple[EventReport, ...]
    statuses: dict[str, int]
    earliest: EventReport
    reason: str

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({r.outlet for r in self.reports if r.outlet}))

    @property
    def n_reported(self) -> int:
        return self.statuses.get("reported", 0)

    @property
    def n_denied(self) -> int:
        return self.statuses.get("denied", 0) + self.statuses.get("negated", 0)


def event_reports(article: Article, outlet: str | None = None, url: str | None = None) -> list[EventReport]:
    """The article's events as reports, with actor and place entities resolved."""
    by_id = {e.id: e for e in article.entities}
    return [EventReport(article.id, outlet, article.published, url or article.url, ev,
                        by_id.get(ev.actor1 or ""), by_id.get(ev.actor2 or ""), by_id.get(ev.place or ""))
            for ev in article.events]


def _order(report: EventReport) -> tuple:
    num = re.sub(r"\D", "", report.event.id)
    return (report.published or "9999-99-99", report.article_id, int(num) if num else 0, report.event.id)


def actor_identity(entity: Entity | None) -> str | None:
    """What an actor is compared by: its catalogue key, else its folded name; None when unknown."""
    if entity is None:
        return None
    return entity.key or "name:" + " ".join(fold(entity.name).split())


def _same_actor(a: Entity | None, b: Entity | None) -> bool:
    ia, ib = actor_identity(a), actor_identity(b)
    return ia is None or ib is None or ia == ib


def actors_compatible(a: EventReport, b: EventReport) -> tuple[bool, str]:
    """Same actors (catalogue keys), an unknown side matching anything; Battles may swap the sides."""
    if _same_actor(a.actor1, b.actor1) and _same_actor(a.actor2, b.actor2):
        return True, "actors match"
    if a.event.event_type == "Battles" and _same_actor(a.actor1, b.actor2) and _same_actor(a.actor2, b.actor1):
        return True, "actors match with sides swapped"
    return False, "actors differ"


def _point(e: Entity | None) -> tuple[float, float] | None:
    return (e.lat, e.lon) if e is not None and e.lat is not None and e.lon is not None else None


def places_compatible(a: Entity | None, b: Entity | None, max_km: float = MAX_KM) -> tuple[bool, float | None, str]:
    """Same P-code, points within ``max_km``, or a governorate-wide place containing the other.

    An unlocated place matches only an unlocated one or a place of the same name. Returns
    (compatible, km or None, why).
    """
    pa, pb = _point(a), _point(b)
    if a is not None and b is not None and a.pcode and a.pcode == b.pcode:
        return True, 0.0, f"same P-code {a.pcode}"
    if pa is None or pb is None:
        if pa is None and pb is None and (a is None or b is None):
            return True, None, "both unlocated"
        na = " ".join(fold(a.name).split()) if a else ""
        nb = " ".join(fold(b.name).split()) if b else ""
        return (na == nb and bool(na)), None, ("same place name" if na == nb and na else "one place unlocated")
    km = distance_km(pa, pb)
    if km <= max_km:
        return True, km, f"places {km:.1f} km apart"
    for wide, other in ((a, b), (b, a)):
        if wide.geo_precision == 3 and wide.admin1 and wide.admin1 == other.admin1:
            return True, km, f"{other.name} lies in governorate-wide {wide.name} ({wide.admin1})"
    return False, km, f"places {km:.0f} km apart"


def dates_overlap(a: EventDate | None, b: EventDate | None) -> bool:
    """Date ranges share a day; an unknown date is compatible with any."""
    return a is None or b is None or (a.start <= b.end and b.start <= a.end)


def report_days(report: EventReport) -> tuple[str, str] | None:
    """The days a report's event may have happened on: its own dates, else the days up to its
    article's publication (news tells of the last days); None when neither is known."""
    if report.event.date is not None:
        return report.event.date.start, report.event.date.end
    if report.published:
        day = dt.date.fromisoformat(report.published[:10])
        return (day - dt.timedelta(days=UNDATED_DAYS)).isoformat(), day.isoformat()
    return None


def days_tie(a: EventReport, b: EventReport, span: int = MERGE_SPAN_DAYS) -> tuple[bool, str]:
    """Two reports of different articles are one event only when both are dated to a short span
    of days (at most ``span``) and the spans meet: a month-wide or undated report joins nothing."""
    da, db = report_days(a), report_days(b)
    if da is None or db is None:
        return False, "a report with no date nor publication day joins no other"
    for days in (da, db):
        if (dt.date.fromisoformat(days[1]) - dt.date.fromisoformat(days[0])).days + 1 > span:
            return False, f"dated only to {days[0]}..{days[1]}, wider than {span} days"
    if not (da[0] <= db[1] and db[0] <= da[1]):
        return False, "dates do not overlap"
    return True, "dates overlap"


def reports_compatible(a: EventReport, b: EventReport, max_km: float = MAX_KM) -> tuple[bool, str]:
    """Whether two reports can be the same event, and why (or why not)."""
    if a.event.event_type != b.event.event_type:
        return False, "event types differ"
    if a.article_id != b.article_id:
        ok, why_days = days_tie(a, b)
        if not ok:
            return False, why_days
    ok, why_actors = actors_compatible(a, b)
    if not ok:
        return False, why_actors
    ok, _, why_place = places_compatible(a.place, b.place, max_km)
    if not ok:
        return False, why_place
    if not dates_overlap(a.event.date, b.event.date):
        return False, "dates do not overlap"
    if why_place == "both unlocated":
        # nothing places the two reports: they must be dated and share a known actor
        if a.event.date is None or b.event.date is None:
            return False, "no place and no date to tie the reports"
        if not _affinity(a, b)[0]:
            return False, "no place and no shared actor to tie the reports"
    return True, f"{why_actors}; {why_place}; dates overlap"


def _affinity(a: EventReport, b: EventReport) -> tuple[int, float]:
    shared = sum(1 for x in (a.actor1, a.actor2) for y in (b.actor1, b.actor2)
                 if actor_identity(x) and actor_identity(x) == actor_identity(y))
    pa, pb = _point(a.place), _point(b.place)
    km = distance_km(pa, pb) if pa and pb else 0.0
    return shared, -km


def _intersection(dates: Sequence[EventDate]) -> EventDate | None:
    if not dates:
        return None
    start, end = max(d.start for d in dates), min(d.end for d in dates)
    if start > end:  # cannot happen under complete linkage; keep the earliest report's date
        return dates[0]
    precision = 1 if start == end else min(d.precision for d in dates)
    return EventDate(start=start, end=end, precision=precision)


def _first_known(entities: Iterable[Entity | None]) -> Entity | None:
    known = [e for e in entities if e is not None]
    return next((e for e in known if e.key), known[0] if known else None)


def _best_place(reports: Sequence[EventReport]) -> Entity | None:
    places = [r.place for r in reports if r.place is not None]
    if not places:
        return None
    return min(places, key=lambda p: (p.geo_precision or 4, _point(p) is None))


def _merged(cluster: list[EventReport], reasons: list[str]) -> MergedEvent:
    first = cluster[0]
    swapped = [r for r in cluster[1:] if r.event.event_type == "Battles"
               and not (_same_actor(first.actor1, r.actor1) and _same_actor(first.actor2, r.actor2))]
    role1 = [first.actor1] + [r.actor2 if r in swapped else r.actor1 for r in cluster[1:]]
    role2 = [first.actor2] + [r.actor1 if r in swapped else r.actor2 for r in cluster[1:]]
    subs = Counter(r.event.sub_event_type for r in cluster if r.event.sub_event_type)
    sub = max(subs, key=lambda s: (subs[s], -[r.event.sub_event_type for r in cluster].index(s))) if subs else None
    deaths = [r.event.fatalities for r in cluster if r.event.fatalities is not None]
    keys = sorted(r.key for r in cluster)
    mid = "m-" + hashlib.sha1("|".join(keys).encode("utf-8")).hexdigest()[:12]
    statuses = dict(sorted(Counter(r.event.status for r in cluster).items()))
    reason = "; ".join(reasons) if reasons else "single report"
    return MergedEvent(id=mid, event_type=first.event.event_type, sub_event_type=sub,
                       actor1=_first_known(role1), actor2=_first_known(role2), place=_best_place(cluster),
                       date=_intersection([r.event.date for r in cluster if r.event.date]),
                       fatalities=min(deaths) if deaths else None, reports=tuple(cluster), statuses=statuses,
                       earliest=first, reason=reason)


CELL_DEG = 0.25  # grid cell of the blocking index, in degrees


def _name(e: Entity | None) -> str:
    return " ".join(fold(e.name).split()) if e is not None else ""


class _Blocks:
    """Which clusters a report can possibly join, by the place of each cluster's first report.

    Every report must be compatible with its cluster's first report, and :func:`places_compatible`
    only accepts the same P-code, the same name, points within ``max_km``, a governorate-wide place
    and a place in it, or two unlocated places; the index holds exactly those keys, so the full test
    runs on a few candidates instead of every cluster of the type.
    """

    def __init__(self, max_km: float):
        self.max_km = max_km
        self.keys: dict[tuple, list[int]] = {}

    def _add(self, key: tuple, i: int) -> None:
        self.keys.setdefault(key, []).append(i)

    def add(self, first: EventReport, i: int) -> None:
        t, place, point = first.event.event_type, first.place, _point(first.place)
        if place is not None and place.pcode:
            self._add((t, "pcode", place.pcode), i)
        if _name(place):
            self._add((t, "name", _name(place)), i)
        if point is None:
            self._add((t, "unlocated", place is None), i)
            return
        self._add((t, "cell", int(point[0] // CELL_DEG), int(point[1] // CELL_DEG)), i)
        if place.admin1:
            self._add((t, "admin1", place.admin1), i)
            if place.geo_precision == 3:
                self._add((t, "wide", place.admin1), i)

    def candidates(self, report: EventReport) -> list[int]:
        t, place, point = report.event.event_type, report.place, _point(report.place)
        keys: list[tuple] = []
        if place is not None and place.pcode:
            keys.append((t, "pcode", place.pcode))
        if _name(place):
            keys.append((t, "name", _name(place)))
        if point is None:
            keys.append((t, "unlocated", True))  # both unlocated, the cluster's first without a place
            if place is None:
                keys.append((t, "unlocated", False))
        else:
            keys.extend(self._cells(t, point))
            if place.admin1:
                keys.append((t, "wide", place.admin1))  # the cluster's first is governorate-wide
                if place.geo_precision == 3:
                    keys.append((t, "admin1", place.admin1))  # the report is
        return sorted({i for key in keys for i in self.keys.get(key, ())})

    def _cells(self, t: str, point: tuple[float, float]) -> list[tuple]:
        """The grid cells holding every point within ``max_km`` of ``point``."""
        lat, lon = point
        dlat = self.max_km / 110.0 + CELL_DEG
        dlon = self.max_km / (110.0 * max(math.cos(math.radians(min(abs(lat) + dlat, 89.0))), 0.01)) + CELL_DEG
        rows = range(int((lat - dlat) // CELL_DEG), int((lat + dlat) // CELL_DEG) + 1)
        cols = range(int((lon - dlon) // CELL_DEG), int((lon + dlon) // CELL_DEG) + 1)
        return [(t, "cell", r, c) for r in rows for c in cols]


def merge_events(reports: Iterable[EventReport], max_km: float = MAX_KM) -> list[MergedEvent]:
    """Join reports of the same event (complete linkage, see the module docstring).

    Reports are taken earliest publication first (then article id, event number); the merged events
    come out in that order of their earliest report. Two reports of one article are never joined.
    A place index (:class:`_Blocks`) picks the clusters worth testing.
    """
    clusters: list[list[EventReport]] = []
    reasons: list[list[str]] = []
    blocks = _Blocks(max_km)
    for report in sorted(reports, key=_order):
        best, best_score, best_why = None, None, ""
        for i in blocks.candidates(report):
            cluster = clusters[i]
            if any(m.article_id == report.article_id for m in cluster):
                continue
            ok, why = reports_compatible(report, cluster[0], max_km)
            if not ok or not all(reports_compatible(report, m, max_km)[0] for m in cluster[1:]):
                continue
            score = max(_affinity(report, m) for m in cluster)
            if best_score is None or score > best_score:
                best, best_score, best_why = i, score, why
        if best is None:
            blocks.add(report, len(clusters))
            clusters.append([report])
            reasons.append([])
        else:
            clusters[best].append(report)
            reasons[best].append(f"{report.key} joins {clusters[best][0].key}: same type "
                                 f"{report.event.event_type}; {best_why}")
    return [_merged(c, r) for c, r in zip(clusters, reasons)]


def merged_index(merged: Iterable[MergedEvent]) -> dict[str, str]:
    """'ARTICLE_ID/EVENT_ID' → merged event id, for the exports' ``merged=`` argument."""
    return {r.key: m.id for m in merged for r in m.reports}


# ---------------------------------------------------------------- claims

@dataclass(frozen=True)
class ClaimItem:
    """One claim of one article: who said it (name and entity) and what (content text)."""

    article_id: str
    outlet: str | None
    published: str | None
    claim: Claim
    speaker: str | None
    speaker_entity: Entity | None
    content: str

    @property
    def key(self) -> str:
        return f"{self.article_id}/{self.claim.id}"


@dataclass(frozen=True)
class ClaimGroup:
    """Claims about one proposition: who asserts it and who denies it."""

    id: str
    items: tuple[ClaimItem, ...]
    asserting: tuple[ClaimItem, ...]
    denying: tuple[ClaimItem, ...]
    outlets: tuple[str, ...]
    speakers: tuple[str, ...]
    similarity: float  # the lowest pairwise similarity inside the group (100 for one item)

    @property
    def representative(self) -> ClaimItem:
        return self.items[0]


def claim_items(article: Article, outlet: str | None = None) -> list[ClaimItem]:
    """The article's claims with the speaker's name (entity name, else the source text)."""
    by_id = {e.id: e for e in article.entities}
    out = []
    for c in article.claims:
        entity = by_id.get(c.source.entity or "")
        speaker = entity.name if entity else c.source.text
        out.append(ClaimItem(article.id, outlet, article.published, c, speaker, entity, c.content.text))
    return out


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def content_words(text: str) -> tuple[str, ...]:
    """Matching words of a text: the folded stems of its word and number tokens (clitics dropped),
    by the plain tokenizer, as the search index has them."""
    words = []
    for token in tokenize(text):
        if token.kind == "number":
            words.append(fold(token.text).replace(",", ""))
        elif token.kind in ("word", "latin"):
            stem = fold(token.stem.text).lower()
            if len(stem) > 1:
                words.append(stem)
    return tuple(words)


def _numbers(words: Sequence[str]) -> frozenset[str]:
    return frozenset(w for w in words if _NUMBER.fullmatch(w))


@dataclass(frozen=True)
class _Prepared:
    text: str  # the matching words, sorted and joined (the token-sort form)
    numbers: frozenset[str]
    words: frozenset[str]


def _prepare(text: str) -> _Prepared:
    words = content_words(text)
    return _Prepared(" ".join(sorted(words)), _numbers(words), frozenset(words))


def _similarity(a: _Prepared, b: _Prepared, cutoff: float = 0.0) -> float:
    if not a.text or not b.text or (a.numbers and b.numbers and a.numbers != b.numbers):
        return 0.0
    return float(fuzz.ratio(a.text, b.text, score_cutoff=cutoff))


def claim_similarity(a: str, b: str) -> float:
    """0-100: how far two claim contents state the same thing.

    The token-sort ratio of their matching words (:func:`content_words`: order-free, but unlike
    token-set not 100 for a short text contained in a long one); 0 when both give numbers and the
    numbers differ.
    """
    return _similarity(_prepare(a), _prepare(b))


def _claim_order(item: ClaimItem) -> tuple:
    num = re.sub(r"\D", "", item.claim.id)
    return (item.published or "9999-99-99", item.article_id, int(num) if num else 0, item.claim.id)


def group_claims(items: Iterable[ClaimItem], threshold: float = CLAIM_THRESHOLD) -> list[ClaimGroup]:
    """Group claims whose contents are at least ``threshold`` similar to every member (complete linkage).

    Items are taken earliest first; two claims of one article are never grouped (an article repeating
    itself is one voice); contents under :data:`MIN_CLAIM_WORDS` words stay alone. Asserting items
    have stance assert, denying items stance deny; questions are in ``items`` only.
    """
    groups: list[list[ClaimItem]] = []
    floor: list[float] = []
    index: dict[str, set[int]] = {}  # word -> groups with a member using it (candidates only)
    prepared: dict[str, _Prepared] = {}  # content -> its matching words, for this grouping only

    def prepare(content: str) -> _Prepared:
        found = prepared.get(content)
        if found is None:
            found = prepared[content] = _prepare(content)
        return found

    for item in sorted(items, key=_claim_order):
        best, best_sim = None, -1.0
        mine = prepare(item.content)
        if len(mine.words) >= MIN_CLAIM_WORDS:
            postings = [index[w] for w in mine.words if w in index]
            rare = [p for p in postings if len(p) <= MAX_POSTING] if len(postings) > 2 else postings
            shared = Counter(i for p in (rare if len(rare) >= 2 else postings) for i in p)
            for i in sorted(g for g, n in shared.items() if n >= 2):
                group = groups[i]
                if any(m.article_id == item.article_id for m in group):
                    continue
                sim = min(_similarity(mine, prepare(m.content), threshold) for m in group)
                if sim >= threshold and sim > best_sim:
                    best, best_sim = i, sim
        if best is None:
            groups.append([item])
            floor.append(100.0)
            best = len(groups) - 1
        else:
            groups[best].append(item)
            floor[best] = min(floor[best], best_sim)
        if len(mine.words) >= MIN_CLAIM_WORDS:
            for w in mine.words:
                index.setdefault(w, set()).add(best)
    out = []
    for group, low in zip(groups, floor):
        keys = sorted(m.key for m in group)
        out.append(ClaimGroup(
            id="g-" + hashlib.sha1("|".join(keys).encode("utf-8")).hexdigest()[:12], items=tuple(group),
            asserting=tuple(m for m in group if m.claim.stance == "assert"),
            denying=tuple(m for m in group if m.claim.stance == "deny"),
            outlets=tuple(sorted({m.outlet for m in group if m.outlet})),
            speakers=tuple(sorted({m.speaker for m in group if m.speaker})), similarity=low))
    return out


# ---------------------------------------------------------------- views

@dataclass(frozen=True)
class Tally:
    """Counts for one outlet or speaker: items, how many assert / report and how many deny."""

    name: str
    total: int
    asserts: int
    denies: int
    groups: int = 0


def _tally(rows: dict[str, list[str]], groups: dict[str, set[str]]) -> list[Tally]:
    out = [Tally(name, len(stances), sum(s in ("assert", "reported") for s in stances),
                 sum(s in ("deny", "denied", "negated") for s in stances), len(groups.get(name, ())))
           for name, stances in rows.items()]
    return sorted(out, key=lambda t: (-t.total, t.name))


def by_outlet(groups: Iterable[ClaimGroup | MergedEvent]) -> list[Tally]:
    """Per outlet: how many claims (or event reports) it carries, asserting/reporting vs denying,
    and in how many groups (merged events)."""
    rows: dict[str, list[str]] = {}
    seen: dict[str, set[str]] = {}
    for g in groups:
        members = g.items if isinstance(g, ClaimGroup) else g.reports
        for m in members:
            name = m.outlet or "(unknown outlet)"
            rows.setdefault(name, []).append(m.claim.stance if isinstance(m, ClaimItem) else m.event.status)
            seen.setdefault(name, set()).add(g.id)
    return _tally(rows, seen)


def by_speaker(items: Iterable[ClaimItem]) -> list[Tally]:
    """Per speaker (entity name, else the source words): claims made, asserting vs denying."""
    rows: dict[str, list[str]] = {}
    for item in items:
        rows.setdefault(item.speaker or "(no speaker)", []).append(item.claim.stance)
    return _tally(rows, {})
