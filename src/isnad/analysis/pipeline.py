"""The analysis pipeline: a document in, an :class:`~isnad.record.Article` record out.

Stages run in order (text → article anatomy → entities → claims/events/time); each adds to the
same record. The services the stages need (catalogue, gazetteer, NER model, lexicons) are passed
in, so tests can use small fixtures; :func:`default_entity_stage` builds the packaged ones once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from isnad.analysis.anatomy import Parts, anatomy
from isnad.analysis.claims import ClaimFinder, ClaimLexicon, claim_records, default_claim_lexicon
from isnad.text.dates import DateMatch, parse_date
from isnad.analysis.events import EventFinder, EventLexicon, default_event_lexicon, event_records, implied_actors
from isnad.analysis.entities import EntityDraft, EntityStage, default_entity_stage, default_plain_words
from isnad.text.inputs import Document
from isnad.analysis.perspective import default_vocabulary, markers, perspective
from isnad.knowledge.gazetteer import geo_precision
from isnad.record import Anatomy, Article, Dateline, Decision, Entity, EventDate, Mention, Sentence, Span
from isnad.analysis.time import find_times, undated
from isnad.text.normalize import fold, normalize
from isnad.text.sentences import sentences


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def content_id(text: str) -> str:
    """A stable id for text that came without a name."""
    return "doc-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def compose_text(body: str, title: str | None) -> str:
    """The text to analyse: the metadata title on its own first line unless the body starts with it."""
    body = body.strip("\n")
    if not title or not title.strip():
        return body
    first_line = body.lstrip().split("\n", 1)[0]
    if fold(" ".join(first_line.split())).startswith(fold(" ".join(title.split()))):
        return body
    return f"{' '.join(title.split())}\n{body}"


class Pipeline:
    """Runs every stage over a document; one instance can analyse many documents."""

    def __init__(self, entities: EntityStage | None = None, claims: ClaimLexicon | None = None,
                 events: EventLexicon | None = None):
        self.entities = entities or default_entity_stage()
        self.claim_lexicon = claims or default_claim_lexicon(self.entities.tokenizer)
        self.claims = ClaimFinder(self.claim_lexicon, default_plain_words())
        self.events = EventFinder(events or default_event_lexicon(self.entities.tokenizer))
        self.vocabulary = default_vocabulary(self.entities.tokenizer)

    def analyze(self, text: str, published: str | None = None, url: str | None = None,
                title: str | None = None, id: str | None = None) -> Article:
        """Analyse one article given as text (the Python API)."""
        return self.analyze_document(Document(name="<text>", text=text, id=id, title=title, url=url),
                                     published=published)

    def analyze_document(self, doc: Document, published: str | None = None) -> Article:
        """Analyse a document; ``published`` (YYYY-MM-DD or any date isnad reads) overrides metadata."""
        text = compose_text(doc.text, doc.title)
        parts = anatomy(text, title_hint=doc.title)
        decisions: list[Decision] = [Decision(field="input", value=doc.kind, rule=f"read from {doc.name}")]
        decisions.extend(Decision(field="input", rule=note) for note in doc.notes)
        date, date_decision = _publication_date(text, parts, doc, published)
        if date_decision:
            decisions.append(date_decision)
        record = Article(
            id=doc.id or content_id(text),
            text=text,
            title=parts.title.text if parts.title else None,
            published=date,
            dateline=_dateline(text, parts),
            url=doc.url,
            source=doc.name,
            anatomy=_anatomy(text, parts),
            sentences=_sentences(text, parts),
        )
        if parts.title:
            decisions.append(Decision(field="title", value=parts.title.text, rule=parts.title_rule or "",
                                      evidence=_span(text, parts.title.start, parts.title.end)))
        if parts.dateline:
            dl = parts.dateline
            decisions.append(Decision(field="dateline", value={"place": record.dateline.place,
                                                                "author": record.dateline.author},
                                      rule=dl.rule, evidence=_span(text, dl.start, dl.end)))
        tokens = self.entities.tokenizer.tokenize(text)
        author = parts.dateline.author if parts.dateline and parts.dateline.credit == "person" else None
        keys = self.entities.keys(tokens)
        drafts = self.entities.run(text, tokens, parts.dateline.place if parts.dateline else None, author, keys)
        furniture = [s for s in record.sentences if s.part == "boilerplate"]
        if furniture:
            drafts = _outside(drafts, furniture)
            decisions.extend(Decision(field="sentences", value="boilerplate", rule="page furniture: no entity, claim "
                                      "or event is taken from it", evidence=_span(text, s.start, s.end)) for s in furniture)
        record.entities = _entities(drafts)
        decisions.extend(Decision(field=f"entities.{e.id}", value=e.name, rule="; ".join(d.reasons))
                         for e, d in zip(record.entities, drafts))
        body = [s for s in record.sentences if s.part == "body"]
        claim_drafts = self.claims.find(text, tokens, keys, body, record.entities)
        record.claims = claim_records(text, tokens, claim_drafts, self.claim_lexicon, record.entities)
        decisions.extend(Decision(field=f"claims.{c.id}", value=c.cue.text, rule="; ".join(d.reasons),
                                  evidence=c.cue) for c, d in zip(record.claims, claim_drafts))
        event_drafts, dropped = self.events.find(text, tokens, keys, body, record.entities, claim_drafts,
                                                 _dater(text, record.published, body))
        implied = _implied_entities(text, tokens, record.entities, implied_actors(event_drafts),
                                    self.entities.catalogue, decisions)
        record.events = event_records(text, tokens, event_drafts, implied)
        decisions.extend(Decision(field=f"events.{e.id}", value=e.event_type, rule="; ".join(d.reasons),
                                  evidence=e.trigger) for e, d in zip(record.events, event_drafts))
        decisions.extend(Decision(field="events", value=None, rule=f"no event: {why}") for why in dropped)
        record.perspective = perspective(markers(text, tokens, keys, record.entities, self.entities.catalogue,
                                                 self.vocabulary), record.claims)
        record.decisions = decisions
        return record


def _outside(drafts: list[EntityDraft], spans: list[Sentence]) -> list[EntityDraft]:
    """Entities without their mentions in page furniture; an entity named only there is dropped."""
    def inside(m) -> bool:
        return any(s.start <= m.start and m.end <= s.end for s in spans)

    kept: list[EntityDraft] = []
    for d in drafts:
        d.mentions = [m for m in d.mentions if not inside(m)]
        if d.mentions:
            kept.append(d)
    return kept


def _implied_entities(text: str, tokens, entities: list[Entity], implied: list[tuple[str, int]],
                      catalogue, decisions: list[Decision]) -> dict[tuple[str, int], str]:
    """Actor entities for the actors the events imply (إسرائيل أطلقت → the Israeli forces; an
    unnamed crowd → protesters): the word that implies one becomes its mention."""
    out: dict[tuple[str, int], str] = {}
    for actor_id, k in implied:
        if (actor_id, k) in out or actor_id not in catalogue.actors:
            continue
        tok = tokens[k]
        start = next((s.start for s in tok.segments if not (s.kind == "proclitic" and s.form != "ال")), tok.start)
        mention = Mention(start=start, end=tok.end, text=text[start:tok.end])
        entity = next((e for e in entities if e.kind == "actor" and e.key == actor_id), None)
        if entity is None:
            actor = catalogue.actors[actor_id]
            entity = Entity(id=f"e{len(entities) + 1}", kind="actor", name=actor.name, name_en=actor.name_en,
                            key=actor_id, actor_type=actor.category, mentions=[])
            entities.append(entity)
        if all(m.start != mention.start for m in entity.mentions):
            entity.mentions.append(mention)
        out[(actor_id, k)] = entity.id
        decisions.append(Decision(field=f"entities.{entity.id}", value=entity.name,
                                  rule=f"implied by {mention.text!r} as the actor of an event", evidence=mention))
    return out


def _dater(text: str, published: str | None, body: list[Sentence]):
    """Dates an event by the time words of its sentence (the nearest to its trigger), else as
    ACLED dates an undated report: the days up to publication, coarser precision."""
    pub = dt.date.fromisoformat(published) if published else None
    start = body[0].start if body else 0
    found = find_times(text, pub, start=start) if body else []
    fallback = undated(pub) if pub else None

    def date_of(sentence_start: int, trigger: int) -> EventDate | None:
        sentence_end = next((s.end for s in body if s.start == sentence_start), trigger)
        near = [t for t in found if sentence_start <= t.start < sentence_end]
        chosen = min(near, key=lambda t: abs(t.start - trigger)) if near else fallback
        if chosen is None:
            return None
        return EventDate(start=chosen.first.isoformat(), end=chosen.last.isoformat(),
                         precision=chosen.precision)  # type: ignore[arg-type]

    return date_of


def _entities(drafts: list[EntityDraft]) -> list[Entity]:
    """Record entities with ids e1, e2 … in order of first mention."""
    ids = {d.key: f"e{i}" for i, d in enumerate(drafts, 1)}
    out: list[Entity] = []
    for d in drafts:
        mentions = sorted({(m.start, m.end): m for m in d.mentions}.values(), key=lambda m: m.start)
        entity = Entity(id=ids[d.key], kind=d.kind, name=d.name,
                        mentions=[Mention(start=m.start, end=m.end, text=m.text, cue=m.cue) for m in mentions])
        if d.kind == "actor":
            entity.key, entity.name_en, entity.actor_type = d.actor_id, d.name_en, d.actor_type
        if d.place is not None:
            p = d.place
            entity.name_en, entity.pcode, entity.admin1 = p.name_en, p.pcode, p.admin1
            entity.lat, entity.lon, entity.kind_detail = p.lat, p.lon, p.kind
            entity.geo_precision = geo_precision(p, None)  # type: ignore[assignment]
        if d.role:
            entity.role = d.role
            entity.affiliation = ids.get(d.affiliation or "")
        out.append(entity)
    return out


def _publication_date(text: str, parts: Parts, doc: Document,
                      published: str | None) -> tuple[str | None, Decision | None]:
    """The publication date and why: argument, then metadata, then date line, then dateline; a crawl
    date (WARC) is only a fallback after the dates in the text."""
    crawl = doc.published if doc.published_from == "warc-date" else None
    candidates: list[tuple[str | None, str]] = [
        (published, "given by the caller"),
        (None if crawl else doc.published, f"metadata ({doc.published_from or 'input field'})"),
    ]
    if crawl and not _has_text_date(parts):
        candidates.append((crawl, "the crawl date (no date in the text)"))
    for raw, origin in candidates:
        if raw:
            found = parse_date(raw)
            if found is not None:
                return found.date.isoformat(), Decision(field="published", value=found.date.isoformat(),
                                                        rule=f"{origin}: {found.reason}")
    in_text: list[tuple[DateMatch, str]] = []
    if parts.date:
        in_text.append((parts.date, "date line"))
    if parts.dateline and parts.dateline.date:
        in_text.append((parts.dateline.date, "date in the dateline"))
    for found, origin in in_text:
        rule = f"{origin}: {found.reason}"
        if found.weekday_ok is False:
            rule += " (the weekday named does not match this date)"
        if found.precision != "day":
            rule += f" ({found.precision} precision: first day of the {found.precision})"
        return found.date.isoformat(), Decision(field="published", value=found.date.isoformat(), rule=rule,
                                                evidence=_span(text, found.start, found.end))
    unread = [raw for raw, _ in candidates if raw]
    if unread:
        return None, Decision(field="published", value=None, rule=f"could not read the date {unread[0]!r}")
    return None, None


def _has_text_date(parts: Parts) -> bool:
    return bool(parts.date or (parts.dateline and parts.dateline.date))


def _dateline(text: str, parts: Parts) -> Dateline:
    dl = parts.dateline
    if dl is None:
        return Dateline()
    place = _span(text, *dl.place) if dl.place else None
    author = _span(text, *dl.author) if dl.author else None
    return Dateline(place=place.text if place else None, author=author.text if author else None,
                    place_span=place, author_span=author, credit=dl.credit, source=dl.source,
                    span=_span(text, dl.start, dl.end))


def _anatomy(text: str, parts: Parts) -> Anatomy:
    body_end = len(text.rstrip())
    return Anatomy(
        title=_span(text, parts.title.start, parts.title.end) if parts.title else None,
        date=_span(text, parts.date.start, parts.date.end) if parts.date else None,
        dateline=_span(text, parts.dateline.start, parts.dateline.end) if parts.dateline else None,
        body=_span(text, parts.body_start, body_end) if parts.body_start < body_end else None,
    )


def _sentences(text: str, parts: Parts) -> list[Sentence]:
    out: list[Sentence] = []
    for line in parts.header_lines:
        if parts.title is not None and line == parts.title:
            part = "title"
        elif parts.date_line is not None and line == parts.date_line:
            part = "date"
        else:
            part = "dateline"
        out.append(Sentence(start=line.start, end=line.end, text=line.text, part=part))
    dl = parts.dateline
    if dl is not None and not any(line.start == dl.start for line in parts.header_lines):
        # a dateline that opens the first paragraph
        out.append(Sentence(start=dl.start, end=dl.end, text=text[dl.start:dl.end], part="dateline"))
    furniture = default_boilerplate()
    for s in sentences(text, parts.body_start):
        cut = furniture.span_in(s.text)
        if cut is None:
            out.append(Sentence(start=s.start, end=s.end, text=s.text, part="body"))
            continue
        a, b = s.start + cut[0], s.start + cut[1]
        for lo, hi, part in ((s.start, a, "body"), (a, b, "boilerplate"), (b, s.end, "body")):
            while lo < hi and text[lo].isspace():
                lo += 1
            while hi > lo and text[hi - 1].isspace():
                hi -= 1
            if hi > lo:  # a scraped line that runs between news and page furniture
                out.append(Sentence(start=lo, end=hi, text=text[lo:hi], part=part))
    return out


LONG_LINE_WORDS = 40  # a longer "sentence" is a scraped run of lines: furniture may start inside it


@dataclass(frozen=True)
class Boilerplate:
    """Phrases and word sets that mark page furniture (data/boilerplate.json)."""

    phrases: tuple[str, ...]
    word_sets: tuple[frozenset[str], ...]
    min_set_words: int

    def span_in(self, sentence: str) -> tuple[int, int] | None:
        """The page furniture in a sentence as offsets (the whole of a short one), or None. In a long
        scraped line a furniture phrase runs to the line's end (lists follow their heading), and a
        widget named by a word set (prayer times) covers its words only: the news around stays."""
        nt = normalize(sentence)
        folded = nt.text
        words = folded.split()
        spans: list[tuple[int, int]] = [(folded.find(p), len(folded)) for p in self.phrases if p in folded]
        for ws in self.word_sets:
            found = [m for m in re.finditer(r"\S+", folded) if m.group() in ws]
            if len({m.group() for m in found}) >= self.min_set_words:
                spans.append((found[0].start(), found[-1].end()))
        if not spans:
            return None
        if len(words) <= LONG_LINE_WORDS:
            return 0, len(sentence)
        start, end = min(spans)
        return nt.to_original(start, end)


@lru_cache(maxsize=1)
def default_boilerplate() -> Boilerplate:
    raw = json.loads((resources.files("isnad") / "data" / "boilerplate.json").read_text(encoding="utf-8"))
    return Boilerplate(tuple(fold(p) for p in raw["phrases"]), tuple(frozenset(fold(w) for w in ws) for ws in raw["word_sets"]),
                       raw["min_set_words"])
