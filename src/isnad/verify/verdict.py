"""Verifying a claim against the corpus: who confirms it, who denies it, and where the story started.

The claim is analysed like an article, which gives the actors, places and events it is about.
Articles are retrieved by BM25 over the store's search terms, and each is read two ways:

* the stance model (:mod:`isnad.stance`) gives the article's stance to the claim and the sentences
  that carry it;
* the article's own analysis gives *testimonies*: an event of the claim's type with one of its
  actors, at a compatible place, reported or denied in a claim of the article — the source of that
  claim confirms or denies, with its attribution chain (who reported whom). A source whose side is
  one of the actors involved is flagged as a party to the events.

Claims whose content names the claim's actors and that are reported inside another claim show how
the story travelled; the innermost speaker is where it started in that report, and the earliest
article is where it started in the corpus. Reprints (near-duplicates in the store) count once.
"""

from __future__ import annotations
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Literal

from isnad.analysis.pipeline import Pipeline
from isnad.record import Article, Claim, Entity, Event
from isnad.verify.stance import StanceClassifier, StanceResult, veracity
from isnad.corpus.store import Filters, Store, StoredArticle
from isnad.knowledge.gazetteer import distance_km
from isnad.text.normalize import fold

Position = Literal["confirms", "denies"]
NEAR_KM = 15.0  # places this close count as the same scene (a town and the villages around it)
_POSITION_OF_STATUS: dict[str, Position] = {"reported": "confirms", "denied": "denies", "negated": "denies"}


@dataclass(frozen=True)
class Where:
    """A place as the matching needs it: its reference, governorate, coordinates."""

    ref: str
    admin1: str | None
    lat: float | None
    lon: float | None

    @classmethod
    def of(cls, e: Entity | None) -> Where | None:
        return cls(e.pcode or fold(e.name), e.admin1, e.lat, e.lon) if e is not None else None

    def compatible(self, other: Where, governorate: bool = True) -> bool:
        """The same place, places within ``NEAR_KM``, or (with ``governorate``) a governorate and a
        place in it."""
        if self.ref == other.ref:
            return True
        if governorate and self.admin1 and other.admin1 and self.admin1 == other.admin1 and (
                self.ref == self.admin1 or other.ref == other.admin1):
            return True
        if None not in (self.lat, self.lon, other.lat, other.lon):
            return distance_km((self.lat, self.lon), (other.lat, other.lon)) <= NEAR_KM  # type: ignore[arg-type]
        return False


@dataclass(frozen=True)
class Proposition:
    """One event the claim states: its type, its main actor, the other actor, the place."""

    event_type: str
    actor: str | None  # catalogue key (or folded name)
    other: str | None
    place: str | None  # P-code (or folded name)
    trigger: str
    where: Where | None = None

    def describe(self, names: dict[str, str]) -> str:
        who = " vs ".join(names.get(a, a) for a in (self.actor, self.other) if a) or "?"
        return f"{self.event_type} ({self.trigger}): {who}" + (f" at {names.get(self.place, self.place)}" if self.place else "")


@dataclass(frozen=True)
class ClaimQuery:
    """What a claim is about, from its own analysis."""

    text: str
    actors: tuple[str, ...]  # catalogue keys (or names when unknown)
    places: tuple[str, ...]  # P-codes (or folded names)
    propositions: tuple[Proposition, ...]
    names: dict[str, str] = field(default_factory=dict)  # actor and place refs → names


@dataclass(frozen=True)
class Link:
    """One voice in an attribution chain."""

    claim: str
    speaker: str | None
    cue: str
    stance: str
    anonymous: bool
    side: str | None  # the speaker's affiliation (its name)
    content: str


@dataclass(frozen=True)
class Testimony:
    """A source in one article confirming or denying what the claim says."""

    article_id: str
    proposition: int  # index into the query's propositions
    position: Position
    speaker: str
    side: str | None
    party: bool
    party_reason: str | None
    chain: tuple[Link, ...]  # from the outermost reporter to this source; empty: the article's own voice
    events: tuple[str, ...]  # the matching events (local ids) and how they stand
    reason: str


@dataclass(frozen=True)
class Finding:
    """One retrieved article and what it says about the claim."""

    article_id: str
    outlet: str | None
    published: str | None
    url: str | None
    title: str | None
    score: float
    stance: str
    stance_probabilities: dict[str, float]
    stance_reason: str
    evidence: tuple[str, ...]
    testimonies: tuple[Testimony, ...]
    origins: tuple[tuple[Link, ...], ...]  # chains of nested claims about the claim's actors
    reprint_of: str | None


@dataclass(frozen=True)
class VerifyReport:
    claim: str
    query: ClaimQuery
    findings: tuple[Finding, ...]
    verdict: str  # supported | denied | disputed | unverified
    score: float
    explanation: tuple[str, ...]
    earliest: str | None  # article id of the earliest related report
    independent: int  # related reports counting a reprint group once

    def to_dict(self) -> dict:
        return asdict(self)


def claim_query(claim: str, pipeline: Pipeline) -> ClaimQuery:
    """The actors, places and events (propositions) a claim is about."""
    rec = pipeline(claim)
    entities = {e.id: e for e in rec.entities}
    actors = tuple(dict.fromkeys(_actor_ref(e) for e in rec.entities if e.kind == "actor"))
    places = tuple(dict.fromkeys(_place_ref(e) for e in rec.entities if e.kind == "place"))
    names = {_actor_ref(e) if e.kind == "actor" else _place_ref(e): e.name for e in rec.entities}
    props = tuple(dict.fromkeys(
        Proposition(v.event_type, _actor_ref(entities.get(v.actor1 or "")), _actor_ref(entities.get(v.actor2 or "")),
                    _place_ref(entities.get(v.place or "")), v.trigger.text, Where.of(entities.get(v.place or "")))
        for v in rec.events))
    return ClaimQuery(claim, actors, places, props, names)  # type: ignore[arg-type]


def _actor_ref(e: Entity | None) -> str | None:
    return (e.key or fold(e.name)) if e is not None else None


def _place_ref(e: Entity | None) -> str | None:
    return (e.pcode or fold(e.name)) if e is not None else None


def _chain(rec: Article, claim: Claim) -> tuple[Link, ...]:
    """The claim and the claims that report it, outermost first."""
    by_id = {c.id: c for c in rec.claims}
    entities = {e.id: e for e in rec.entities}
    links: list[Link] = []
    current: Claim | None = claim
    seen: set[str] = set()
    while current is not None and current.id not in seen:
        seen.add(current.id)
        speaker = entities[current.source.entity].name if current.source.entity in entities else current.source.text
        side = entities.get(current.source.affiliation or "")
        links.append(Link(current.id, speaker, current.cue.text, current.stance, current.source.anonymous,
                          side.name if side else None, current.content.text))
        current = by_id.get(current.parent or "")
    return tuple(reversed(links))


def _matches(prop: Proposition, event: Event, entities: dict[str, Entity], places: Sequence[Where]) -> bool:
    """An event stating the proposition: same type, its main actor on either side, a compatible place
    (an event without a place is compatible when the article names a compatible place: ``places``)."""
    if event.event_type != prop.event_type:
        return False
    actors = {_actor_ref(entities.get(event.actor1 or "")), _actor_ref(entities.get(event.actor2 or ""))} - {None}
    if prop.actor and prop.actor not in actors:
        return False
    if not prop.actor and prop.other and prop.other not in actors:
        return False
    if prop.where is None:
        return True
    place = Where.of(entities.get(event.place or ""))
    if place is not None:
        return prop.where.compatible(place)
    # an event without a place counts only in an article that names the claim's place (or one near it)
    return any(prop.where.compatible(w, governorate=False) for w in places)


def _party(rec: Article, claim: Claim | None, query: ClaimQuery,
           entities: dict[str, Entity]) -> tuple[bool, str | None]:
    """Whether the speaker's side (or the speaker, when an actor) is one of the actors involved: in
    the claim, or in any event the speaker's claim reports or denies."""
    if claim is None:
        return False, None
    involved = set(query.actors)
    for v in (v for v in rec.events if v.claim == claim.id):
        involved |= {_actor_ref(entities.get(v.actor1 or "")), _actor_ref(entities.get(v.actor2 or ""))} - {None}
    speaker = entities.get(claim.source.entity or "")
    side = entities.get(claim.source.affiliation or "")
    for who, why in ((speaker, "the speaker is"), (side, "the speaker's side is")):
        ref = _actor_ref(who) if who is not None and who.kind == "actor" else None
        if ref and ref in involved:
            return True, f"{why} {who.name}, an actor in the events"
    return False, None


def testimonies(article_id: str, rec: Article, query: ClaimQuery) -> tuple[Testimony, ...]:
    """The sources in an article that confirm or deny the claim's events."""
    entities = {e.id: e for e in rec.entities}
    places = [w for e in rec.entities if e.kind == "place" and (w := Where.of(e))]
    by_claim: dict[tuple[int, str | None], list[Event]] = {}
    for i, prop in enumerate(query.propositions):
        for v in rec.events:
            if v.status in _POSITION_OF_STATUS and _matches(prop, v, entities, places):
                by_claim.setdefault((i, v.claim), []).append(v)
    claims = {c.id: c for c in rec.claims}
    out: list[Testimony] = []
    for (i, claim_id), events in by_claim.items():
        claim = claims.get(claim_id or "")
        for position in ("denies", "confirms"):
            chosen = [v for v in events if _POSITION_OF_STATUS[v.status] == position]
            if not chosen:
                continue
            party, why = _party(rec, claim, query, entities)
            chain = _chain(rec, claim) if claim else ()
            speaker = chain[-1].speaker if chain else "the article"
            side = chain[-1].side if chain else None
            described = ", ".join(f"{v.id} {v.status} {v.event_type} ({v.trigger.text}) "
                                  f"{' vs '.join(entities[a].name for a in (v.actor1, v.actor2) if a in entities)}"
                                  for v in chosen)
            reason = (f"{'claim ' + claim.id + ' (' + claim.cue.text + ')' if claim else 'the article'} "
                      f"{'denies' if position == 'denies' else 'reports'}: {described}")
            out.append(Testimony(article_id, i, position, speaker or "?", side, party, why, chain,
                                 tuple(f"{v.id}:{v.status}" for v in chosen), reason))
    return tuple(out)


def origins(rec: Article, query: ClaimQuery) -> tuple[tuple[Link, ...], ...]:
    """Chains of nested claims whose content names one of the claim's actors: how the story travelled."""
    names = [e for e in rec.entities if e.kind == "actor" and _actor_ref(e) in set(query.actors)]
    chains = []
    for c in rec.claims:
        if c.parent is None:
            continue
        if any(c.content.start <= m.start and m.end <= c.content.end for e in names for m in e.mentions):
            chains.append(_chain(rec, c))
    ids = [{link.claim for link in chain} for chain in chains]
    return tuple(chain for chain, mine in zip(chains, ids) if not any(mine < other for other in ids))  # longest only


def _finding(stored: StoredArticle, score: float, stance: StanceResult, query: ClaimQuery) -> Finding:
    rec = stored.record
    outlet = stored.outlet.name_en or stored.outlet.name or stored.outlet.domain if stored.outlet else None
    return Finding(stored.id, outlet, stored.published, stored.url, rec.title, score, stance.label,
                   dict(stance.probabilities), stance.reason, tuple(e.text for e in stance.evidence),
                   testimonies(stored.id, rec, query), origins(rec, query), stored.duplicate_of)


def _related(f: Finding) -> bool:
    return bool(f.testimonies) or f.stance != "unrelated"


def _label(votes: Sequence[float]) -> str:
    confirm, deny = any(v > 0 for v in votes), any(v < 0 for v in votes)
    return "disputed" if confirm and deny else "supported" if confirm else "denied" if deny else "unverified"


def _group_votes(groups: dict[str, list[Finding]], vote) -> list[float]:
    """One vote per reprint group: the strongest of its members' votes (None: no say)."""
    out = []
    for members in groups.values():
        votes = [v for v in (vote(f) for f in members) if v is not None]
        if votes:
            out.append(max(votes, key=abs))
    return out


def _testimony_vote(prop: int):
    """A finding's vote on one proposition: its sources' positions, a party counting half."""
    def vote(f: Finding) -> float | None:
        ts = [t for t in f.testimonies if t.proposition == prop]
        if not ts:
            return None
        return sum((1 if t.position == "confirms" else -1) * (0.5 if t.party else 1.0) for t in ts) / len(ts)
    return vote


def aggregate(findings: Sequence[Finding], query: ClaimQuery,
              veracity_params: dict | None = None) -> tuple[str, float, tuple[str, ...], str | None, int]:
    """The verdict: each proposition of the claim weighed on its sources' testimonies (each reprint
    group votes once, a party counts half); the claim holds only if every proposition does. Without
    testimonies, the stance model's veracity score over the reports decides."""
    related = [f for f in findings if _related(f)]
    if not related:
        return "unverified", 0.0, ("no stored report is related to the claim",), None, 0
    groups: dict[str, list[Finding]] = {}
    for f in related:
        groups.setdefault(f.reprint_of or f.article_id, []).append(f)
    lines = [(f"{len(related)} related reports, {len(groups)} independent "
             f"({len(related) - len(groups)} reprints counted with their original)")]
    labels, scores = [], []
    for i, prop in enumerate(query.propositions):
        votes = _group_votes(groups, _testimony_vote(i))
        label = _label(votes)
        if votes:
            labels.append(label)
            scores.append(sum(votes) / len(votes))
        about = [t for f in related for t in f.testimonies if t.proposition == i]
        parties = {pos: all(t.party for t in about if t.position == pos) and any(t.position == pos for t in about)
                   for pos in ("confirms", "denies")}
        caveat = "".join(f"; every {'confirmation' if pos == 'confirms' else 'denial'} comes from a party"
                         for pos, only in parties.items() if only)
        lines.append(f"{prop.describe(query.names)}: {label} "
                     f"({sum(v > 0 for v in votes)} confirm, {sum(v < 0 for v in votes)} deny{caveat})")
    if labels:
        verdict = ("denied" if "denied" in labels else "disputed" if "disputed" in labels
                   else "supported" if len(labels) == len(query.propositions) else "disputed")
        score = min(scores)
    else:  # the stance model's veracity over one report per reprint group, unrelated ones included
        originals = {f.reprint_of or f.article_id: f for f in reversed(findings)}
        weighed = veracity([StanceResult(f.stance, f.stance_probabilities, (), f.stance_reason)  # type: ignore[arg-type]
                            for f in originals.values()], veracity_params)
        verdict = {"true": "supported", "false": "denied"}.get(weighed.label, "unverified")
        score = weighed.score
        lines.append(f"no source states an event of the claim; the stance model over {len(originals)} "
                     f"reports: {weighed.reason}")
    for f in related:
        for t in f.testimonies:
            who = t.speaker + (f" [{t.side}]" if t.side else "")
            party = f"; PARTY: {t.party_reason}" if t.party else ""
            lines.append(f"{t.position} {query.propositions[t.proposition].trigger}: {who} "
                         f"in {f.outlet or f.article_id} {f.published or ''}{party}".rstrip())
    dated = sorted((f for f in related if f.published), key=lambda f: (f.published, f.article_id))
    earliest = dated[0].article_id if dated else related[0].article_id
    return verdict, round(score, 3), tuple(lines), earliest, len(groups)


def verify(claim: str, store: Store, pipeline: Pipeline, classifier: StanceClassifier,
           filters: Filters | None = None, limit: int = 20) -> VerifyReport:
    """Retrieve, read and weigh the stored reports about ``claim``."""
    query = claim_query(claim, pipeline)
    hits = store.search(claim, limit=limit, filters=filters)
    by_id = {a.id: a for a in store.articles([h.article_id for h in hits])}
    found = [(hit, by_id[hit.article_id]) for hit in hits if hit.article_id in by_id]
    stances = classifier.classify_set(claim, [stored.record.text for _, stored in found])  # each read among the others
    findings = [_finding(stored, hit.score, stance, query) for (hit, stored), stance in zip(found, stances)]
    verdict, score, lines, earliest, independent = aggregate(findings, query, classifier.veracity_params)
    return VerifyReport(claim, query, tuple(findings), verdict, score, lines, earliest, independent)


def format_report(report: VerifyReport) -> str:
    """The human report: verdict, who confirms and who denies, chains, where the story started."""
    q = report.query
    out = [f"Claim    {report.claim}",
           (f"About    actors {', '.join(q.names.get(a, a) for a in q.actors) or '-'}"
           f" · places {', '.join(q.names.get(p, p) for p in q.places) or '-'}"),
           *(f"States   {p.describe(q.names)}" for p in q.propositions),
           f"Verdict  {report.verdict} (score {report.score:+.2f}; {report.independent} independent reports)"]
    out.extend(f"  {line}" for line in report.explanation)
    for f in report.findings:
        if not _related(f):
            continue
        head = f"{f.article_id}  {f.published or '????-??-??'}  {f.outlet or '-'}"
        out.append(f"\n{head}  stance {f.stance}  (BM25 {f.score:.2f})" + (f"  reprint of {f.reprint_of}" if f.reprint_of else ""))
        if f.title:
            out.append(f"  {f.title}")
        for t in f.testimonies:
            flag = f"  PARTY: {t.party_reason}" if t.party else ""
            side = f" [{t.side}]" if t.side else ""
            out.append(f"  {t.position.upper()} {q.propositions[t.proposition].trigger}: {t.speaker}{side}{flag}")
            out.append(f"    why: {t.reason}")
            for depth, link in enumerate(t.chain):
                out.append(f"    {'  ' * depth}{'└ ' if depth else ''}{link.claim} {link.stance} {link.cue} ← "
                           f"{link.speaker}{' (anonymous)' if link.anonymous else ''}: {link.content[:90]}")
        for chain in f.origins:
            origin = chain[-1]
            out.append(f"  ORIGIN {origin.speaker} ({origin.cue}): {origin.content[:90]}")
            out.append("    chain: " + " → ".join(f"{l.speaker} ({l.claim} {l.cue})" for l in chain))
        for e in f.evidence[:2]:
            out.append(f"  evidence: {e[:120]}")
    if report.earliest:
        first = next(f for f in report.findings if f.article_id == report.earliest)
        out.append(f"\nEarliest report: {first.article_id} {first.published or 'undated'} {first.outlet or ''}".rstrip())
    return "\n".join(out)
