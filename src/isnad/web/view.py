"""What the pages show, computed from records and store rows: highlighted text segments, claim
chains, event features and timeline bins. Plain data for the templates (which escape it)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from isnad.record import EVENT_STATUSES, Article, Claim, Decision, Entity
from isnad.corpus.store import ClaimRow, EventRow
from isnad.text.normalize import fold

#: Which highlight wins the click when several cover a word: the most specific first.
ROLE_ORDER = {"trigger": 0, "cue": 1, "source": 2, "entity": 3, "content": 4}


@dataclass(frozen=True)
class Mark:
    """A highlighted span: which item (entity, claim, event id) and in what role."""

    start: int
    end: int
    ref: str
    role: str  # entity | cue | source | content | trigger
    css: str


@dataclass(frozen=True)
class Segment:
    """A run of text covered by the same marks."""

    text: str
    css: str = ""
    refs: str = ""


@dataclass
class ClaimNode:
    """A claim and the claims it reports (its children), for chain display."""

    claim: Any
    children: list[ClaimNode] = field(default_factory=list)
    matched: bool = False


def marks(rec: Article) -> list[Mark]:
    """Every span to highlight: entity mentions, claim cue/source/content, event triggers."""
    out = [Mark(m.start, m.end, e.id, "entity", f"ent ent-{e.kind}") for e in rec.entities for m in e.mentions]
    for c in rec.claims:
        out.append(Mark(c.content.start, c.content.end, c.id, "content", f"cl-content st-{c.stance}"))
        out.append(Mark(c.cue.start, c.cue.end, c.id, "cue", "cl-cue"))
        if c.source.start is not None and c.source.end is not None:
            out.append(Mark(c.source.start, c.source.end, c.id, "source", "cl-source"))
    out.extend(Mark(v.trigger.start, v.trigger.end, v.id, "trigger", f"ev-trigger ev-{v.status}") for v in rec.events)
    return [m for m in out if 0 <= m.start < m.end <= len(rec.text)]


def segments(text: str, spans: Sequence[Mark]) -> list[Segment]:
    """The text cut at every mark boundary; each piece with the classes and refs of the marks over it."""
    bounds = sorted({0, len(text), *(m.start for m in spans), *(m.end for m in spans)})
    starting: dict[int, list[Mark]] = defaultdict(list)
    for m in spans:
        starting[m.start].append(m)
    active: list[Mark] = []
    out: list[Segment] = []
    for a, b in pairwise(bounds):
        active = [m for m in active if m.end > a] + starting.get(a, [])
        if not active:
            out.append(Segment(text[a:b]))
            continue
        ordered = sorted(active, key=lambda m: (ROLE_ORDER[m.role], m.end - m.start))
        css = " ".join(dict.fromkeys(c for m in ordered for c in m.css.split()))
        refs = " ".join(dict.fromkeys(m.ref for m in ordered))
        out.append(Segment(text[a:b], css, refs))
    return out


def chain_of(claim: Claim, by_id: dict[str, Claim]) -> list[Claim]:
    """The claim and those that report it, outermost first."""
    chain, seen, current = [], set(), claim
    while current is not None and current.id not in seen:
        seen.add(current.id)
        chain.append(current)
        current = by_id.get(current.parent or "")
    return list(reversed(chain))


def _forest(items: Sequence[Any], key, parent) -> list[ClaimNode]:
    nodes = {key(i): ClaimNode(i) for i in items}
    roots = []
    for i in items:
        p = parent(i)
        if p and p in nodes and p != key(i):
            nodes[p].children.append(nodes[key(i)])
        else:
            roots.append(nodes[key(i)])
    return roots


def _decisions(rec: Article) -> tuple[dict[str, list[Decision]], list[Decision]]:
    """Decisions by item id (``claims.c1`` → c1), and the others (published, title, rejected triggers …)."""
    by_item: dict[str, list[Decision]] = defaultdict(list)
    other = []
    for d in rec.decisions:
        head, _, item = d.field.partition(".")
        if head in ("entities", "claims", "events") and item:
            by_item[item.split(".")[0]].append(d)
        else:
            other.append(d)
    return by_item, other


def speaker_of(claim: Claim, entities: dict[str, Entity]) -> str:
    e = entities.get(claim.source.entity or "")
    return e.name if e else (claim.source.text or "?")


def article_view(rec: Article) -> dict[str, Any]:
    """Everything the article page shows: segments, items by id, chains, decisions."""
    entities = {e.id: e for e in rec.entities}
    claims = {c.id: c for c in rec.claims}
    by_item, other = _decisions(rec)
    return {
        "segments": segments(rec.text, marks(rec)),
        "entities": entities,
        "claims": claims,
        "events": {v.id: v for v in rec.events},
        "chains": {c.id: chain_of(c, claims) for c in rec.claims},
        "claim_forest": _forest(rec.claims, lambda c: c.id, lambda c: c.parent),
        "events_of_claim": {c.id: [v for v in rec.events if v.claim == c.id] for c in rec.claims},
        "speakers": {c.id: speaker_of(c, entities) for c in rec.claims},
        "decisions": by_item,
        "other_decisions": other,
        "kinds": Counter(e.kind for e in rec.entities),
    }


def claim_chains(rows: Sequence[ClaimRow], speaker: str | None = None) -> list[ClaimNode]:
    """One article's claim rows as chains (roots with the claims they report); with ``speaker``,
    only the chains holding a claim by that speaker, those claims marked."""
    roots = _forest(list(rows), lambda r: r.local_id, lambda r: r.parent)
    if not speaker:
        return roots
    wanted = fold(speaker)

    def mark(node: ClaimNode) -> bool:
        node.matched = wanted in fold(node.claim.speaker or "") or wanted in fold(node.claim.source_text or "")
        below = [mark(child) for child in node.children]
        return node.matched or any(below)

    return [r for r in roots if mark(r)]


def node_dict(node: ClaimNode) -> dict[str, Any]:
    """A claim-row chain node as JSON: the claim's fields, whether it matched, the claims it reports."""
    c = node.claim
    return {"id": c.local_id, "article_id": c.article_id, "stance": c.stance, "cue": c.cue, "speaker": c.speaker,
            "source_text": c.source_text, "anonymous": c.anonymous, "side": c.affiliation_key, "content": c.content,
            "parent": c.parent, "matched": node.matched, "children": [node_dict(n) for n in node.children]}


def event_feature(row: EventRow, meta: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON point feature for a located event row."""
    return {"type": "Feature", "id": f"{row.article_id}/{row.local_id}",
            "geometry": {"type": "Point", "coordinates": [row.lon, row.lat]},
            "properties": {"article_id": row.article_id, "event": row.local_id, "event_type": row.event_type,
                           "sub_event_type": row.sub_event_type, "actor1": row.actor1_name, "actor1_key": row.actor1_key,
                           "actor2": row.actor2_name, "actor2_key": row.actor2_key, "place": row.place_name,
                           "pcode": row.pcode, "date_start": row.date_start, "date_end": row.date_end,
                           "status": row.status, "trigger": row.trigger, "claim": row.claim, "fatalities": row.fatalities,
                           "title": meta.get("title") or meta.get("snippet"), "outlet": meta.get("outlet"), "published": meta.get("published"),
                           "link": f"/articles/{row.article_id}#{row.local_id}"}}


@dataclass(frozen=True)
class Bin:
    """One bar of the timeline: a day or a month, with its events counted by status."""

    label: str
    counts: dict[str, int]
    x: float = 0.0
    width: float = 0.0
    stack: tuple[tuple[str, float, float], ...] = ()  # (status, y, height) in pixels

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _day(s: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s) if s else None
    except ValueError:
        return None


def timeline(rows: Sequence[EventRow], height: float = 120.0, width: float = 1200.0,
             max_bins: int = 120) -> dict[str, Any]:
    """Bars by event start date (by day, or by month when the range is long), stacked by status;
    sizes in pixels for an SVG of about ``width``."""
    dated = sorted((d, r.status) for r in rows if (d := _day(r.date_start or r.date_end)) is not None)
    undated = len(rows) - len(dated)
    if not dated:
        return {"bins": [], "width": 0, "height": height, "undated": undated, "monthly": False, "step": 1,
                "outside": 0}
    first, last = _core_range([d for d, _ in dated])
    inside = [(d, s) for d, s in dated if first <= d <= last]
    outside, dated = len(dated) - len(inside), inside
    monthly = (last - first).days + 1 > max_bins
    keys = _month_keys(first, last) if monthly else [(first + dt.timedelta(days=i)).isoformat()
                                                     for i in range((last - first).days + 1)]
    counts: dict[str, Counter] = {k: Counter() for k in keys}
    for d, status in dated:
        counts[d.isoformat()[:7] if monthly else d.isoformat()][status] += 1
    top = max(sum(c.values()) for c in counts.values()) or 1
    step = max(3.0, min(40.0, width / len(keys)))
    bins = []
    for i, k in enumerate(keys):
        y, stack = height, []
        for status in EVENT_STATUSES:
            h = height * counts[k][status] / top
            if h:
                y -= h
                stack.append((status, round(y, 2), round(h, 2)))
        bins.append(Bin(k, dict(counts[k]), x=round(10 + i * step, 2), width=round(step * 0.8, 2), stack=tuple(stack)))
    return {"bins": bins, "width": round(20 + len(keys) * step), "height": height, "monthly": monthly, "top": top,
            "undated": undated, "step": max(1, round(90 / step)), "outside": outside}


def _core_range(days: Sequence[dt.date], share: float = 0.02) -> tuple[dt.date, dt.date]:
    """The range of the dates without the rarest ``share`` at either end (a text citing 1967 should
    not stretch a timeline of 2016), when there are enough dates to tell."""
    if len(days) < 50:
        return days[0], days[-1]
    cut = int(len(days) * share)
    return days[cut], days[-1 - cut]


def _month_keys(first: dt.date, last: dt.date) -> list[str]:
    keys, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        keys.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return keys
