"""The document one article passes through: every component reads from it and adds to it.

An :class:`ArticleDoc` is made by the pipeline (the text composed from the input, its tokens and
their stem keys, made once by the pipeline's tokenizer) and then filled in by the components in
order: anatomy and sentences, the model's name spans, entities, claims, time expressions, events,
perspective. Each component declares the attributes it requires and assigns; :func:`to_record`
turns the finished document into the contract record, in one place.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Sequence

from isnad.record import (Anatomy, Article, Claim, Dateline, Decision, Entity, Event, Mention, Perspective,
                          Sentence, Span, UnlocatedPlace)
from isnad.text.inputs import Document
from isnad.text.tokens import Token, token_range

if TYPE_CHECKING:
    from isnad.analysis.anatomy import Parts
    from isnad.analysis.claims import ClaimDraft
    from isnad.analysis.events import EventDraft
    from isnad.analysis.ner import NerSpan
    from isnad.analysis.time import TimeExpression
    from isnad.knowledge.catalogue import Actor


class EntityIndex:
    """The entities of one article in record form, in order of first mention, with the token
    each mention covers. Entities are only ever added through it, so ids stay e1, e2 … and the
    token map stays true."""

    def __init__(self, tokens: Sequence[Token], entities: Sequence[Entity] = ()):
        self._starts = [t.start for t in tokens]
        self.entities: list[Entity] = list(entities)
        self._by_token: dict[int, tuple[str, str]] | None = None

    def __iter__(self):
        return iter(self.entities)

    def __len__(self) -> int:
        return len(self.entities)

    def get(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def actor(self, actor_id: str) -> Entity | None:
        """The entity of a catalogue actor, if the article names it."""
        return next((e for e in self.entities if e.kind == "actor" and e.key == actor_id), None)

    @property
    def by_token(self) -> dict[int, tuple[str, str]]:
        """Which entity each token belongs to: token index -> (entity id, kind); the first entity
        listed wins where mentions overlap."""
        if self._by_token is None:
            out: dict[int, tuple[str, str]] = {}
            for e in self.entities:
                for m in e.mentions:
                    first, last = token_range(self._starts, m.start, m.end)
                    for k in range(first, last + 1):
                        out.setdefault(k, (e.id, e.kind))
            self._by_token = out
        return self._by_token

    def add_actor_mention(self, actor: Actor, mention: Mention) -> Entity:
        """The actor's entity, made when the article has none yet, with ``mention`` added to it."""
        entity = self.actor(actor.id)
        if entity is None:
            entity = Entity(id=f"e{len(self.entities) + 1}", kind="actor", name=actor.name, name_en=actor.name_en,
                            key=actor.id, actor_type=actor.category, mentions=[])
            self.entities.append(entity)
        if all(m.start != mention.start for m in entity.mentions):
            entity.mentions.append(mention)
        self._by_token = None
        return entity


@dataclass
class ArticleDoc:
    """One article while it is analysed."""

    document: Document  # the input as read: name, id, title, url, metadata date, gold annotation
    text: str  # the text analysed: the metadata title on its own line unless the body starts with it
    tokens: list[Token]  # made once, by the pipeline's tokenizer
    keys: list[str | None]  # the stem key of each token (None: punctuation that breaks a name)
    published_given: str | None = None  # a publication date the caller gave, overriding the rest

    # anatomy
    parts: Parts | None = None
    published: str | None = None
    dateline: Dateline = field(default_factory=Dateline)
    anatomy: Anatomy = field(default_factory=Anatomy)
    sentences: list[Sentence] = field(default_factory=list)
    # the stages
    ner_spans: list[NerSpan] = field(default_factory=list)
    entities: EntityIndex = field(init=False)  # none until the entity component runs
    focus: tuple[str, ...] = ()  # the countries the article is about (ISO2), strongest first
    unlocated: list[UnlocatedPlace] = field(default_factory=list)  # place names the gazetteer cannot place
    claim_drafts: list[ClaimDraft] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    event_drafts: list[EventDraft] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    background_events: list[Event] = field(default_factory=list)  # dated long before publication
    unplaced_events: list[Event] = field(default_factory=list)  # no place named: not codable
    perspective: Perspective = field(default_factory=Perspective)
    decisions: list[Decision] = field(default_factory=list)
    # seconds spent making the document ("tokenizer") and in each component that ran, in order
    timings: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.entities = EntityIndex(self.tokens)

    @property
    def body(self) -> list[Sentence]:
        """The sentences of the body (not the headline, date line, dateline or page furniture)."""
        return [s for s in self.sentences if s.part == "body"]

    def body_tokens(self) -> list[tuple[Sentence, int, int]]:
        """Each body sentence with the half-open range of the tokens that start inside it."""
        starts = [t.start for t in self.tokens]
        return [(s, bisect_right(starts, s.start - 1), bisect_right(starts, s.end - 1)) for s in self.body]

    @property
    def published_date(self) -> dt.date | None:
        return dt.date.fromisoformat(self.published) if self.published else None

    def span(self, start: int, end: int) -> Span:
        """A span of the text by its offsets."""
        return Span(start=start, end=end, text=self.text[start:end])

    def decide(self, field_name: str, rule: str, value: Any = None, evidence: Span | None = None) -> None:
        """Record a decision and its reason."""
        self.decisions.append(Decision(field=field_name, value=value, rule=rule, evidence=evidence))


def to_record(doc: ArticleDoc, record_id: str) -> Article:
    """The contract record of a finished document."""
    source = doc.document
    return Article(
        id=record_id,
        text=doc.text,
        title=doc.parts.title.text if doc.parts and doc.parts.title else None,
        published=doc.published,
        dateline=doc.dateline,
        url=source.url,
        source=source.name,
        anatomy=doc.anatomy,
        sentences=doc.sentences,
        entities=list(doc.entities),
        claims=doc.claims,
        events=doc.events,
        perspective=doc.perspective,
        decisions=doc.decisions,
        unlocated_places=doc.unlocated,
        background_events=doc.background_events,
        unplaced_events=doc.unplaced_events,
    )
