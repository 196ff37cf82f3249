"""The components of the analysis pipeline, each ``__call__(doc) -> doc`` over one ArticleDoc.

A component names what it ``requires`` (attributes of the document an earlier component or the
pipeline itself must have assigned) and what it ``assigns``; the pipeline checks the order when
it is built. Components hold only services that are the same for every article (lexicons, the
catalogue, the gazetteer, the model), never per-article state, so one pipeline may analyse
articles on several threads at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from isnad.analysis.anatomy import anatomy, anatomy_record, dateline_record, publication_date, sentence_records
from isnad.analysis.boilerplate import Boilerplate
from isnad.analysis.claims import ClaimFinder, claim_records
from isnad.analysis.doc import ArticleDoc, EntityIndex
from isnad.analysis.entities import EntityStage, entity_records, located, outside
from isnad.analysis.events import BACKGROUND_DAYS, EventFinder, containment, event_records, fold_events, split_events
from isnad.analysis.ner import NerTagger
from isnad.analysis.perspective import Vocabulary, markers, perspective
from isnad.analysis.time import dated, find_times
from isnad.knowledge.catalogue import Catalogue

# what the pipeline itself puts on every document before the first component runs
MADE_BY_PIPELINE = ("text", "tokens", "keys", "document")


@runtime_checkable
class Component(Protocol):
    """One step of the analysis."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: ArticleDoc) -> ArticleDoc: ...


@dataclass(frozen=True)
class AnatomyComponent:
    """Headline, publication date, dateline, body, sentences; page furniture marked as such."""

    boilerplate: Boilerplate
    name: str = "anatomy"
    requires: tuple[str, ...] = ("text", "document")
    assigns: tuple[str, ...] = ("parts", "published", "dateline", "anatomy", "sentences")

    def __call__(self, doc: ArticleDoc) -> ArticleDoc:
        source, text = doc.document, doc.text
        parts = anatomy(text, title_hint=source.title)
        doc.parts = parts
        doc.decide("input", f"read from {source.name}", value=source.kind)
        for note in source.notes:
            doc.decide("input", note)
        doc.published, date_decision = publication_date(text, parts, source, doc.published_given)
        if date_decision is not None:
            doc.decisions.append(date_decision)
        doc.dateline = dateline_record(text, parts)
        doc.anatomy = anatomy_record(text, parts)
        doc.sentences = sentence_records(text, parts, self.boilerplate)
        if parts.title:
            doc.decide("title", parts.title_rule or "", parts.title.text, doc.span(parts.title.start, parts.title.end))
        if parts.dateline:
            dl = parts.dateline
            doc.decide("dateline", dl.rule, {"place": doc.dateline.place, "author": doc.dateline.author},
                       doc.span(dl.start, dl.end))
        return doc


@dataclass(frozen=True)
class NerComponent:
    """Persons, places and organisations the trained model finds, over the document's tokens."""

    tagger: NerTagger
    name: str = "ner"
    requires: tuple[str, ...] = ("tokens",)
    assigns: tuple[str, ...] = ("ner_spans",)

    def __call__(self, doc: ArticleDoc) -> ArticleDoc:
        doc.ner_spans = self.tagger.entities(doc.text, tokens=doc.tokens)
        return doc


@dataclass(frozen=True)
class EntityComponent:
    """Actors, places and people, linked per article; none is taken from page furniture."""

    stage: EntityStage
    name: str = "entities"
    requires: tuple[str, ...] = ("tokens", "keys", "parts", "sentences")
    assigns: tuple[str, ...] = ("entities", "focus", "unlocated")

    def __call__(self, doc: ArticleDoc) -> ArticleDoc:
        drafts = self.stage.run(doc)
        furniture = [s for s in doc.sentences if s.part == "boilerplate"]
        if furniture:
            drafts = outside(drafts, furniture)
            for s in furniture:
                doc.decide("sentences", "page furniture: no entity, claim or event is taken from it",
                           "boilerplate", doc.span(s.start, s.end))
        if doc.focus:
            doc.decide("focus", "the countries its unambiguous places, headline, dateline and actors point to",
                       list(doc.focus))
        drafts, doc.unlocated = located(drafts)
        for place in doc.unlocated:
            doc.decide("unlocated_places", place.reason, place.text, place)
        entities = entity_records(drafts, self.stage.gazetteer)
        doc.entities = EntityIndex(doc.tokens, entities)
        for entity, draft in zip(entities, drafts):
            doc.decide(f"entities.{entity.id}", "; ".join(draft.reasons), entity.name)
        return doc


@dataclass(frozen=True)
class ClaimComponent:
    """Reporting acts: cue, speaker, content, chain."""

    finder: ClaimFinder
    name: str = "claims"
    requires: tuple[str, ...] = ("tokens", "keys", "sentences", "entities")
    assigns: tuple[str, ...] = ("claim_drafts", "claims")

    def __call__(self, doc: ArticleDoc) -> ArticleDoc:
        doc.claim_drafts = self.finder.find(doc)
        doc.claims = claim_records(doc, doc.claim_drafts, self.finder.lex)
        for claim, draft in zip(doc.claims, doc.claim_drafts):
            doc.decide(f"claims.{claim.id}", "; ".join(draft.reasons), claim.cue.text, claim.cue)
        return doc


@dataclass(frozen=True)
class TimeComponent:
    """The time expressions of the body, read against the publication date."""

    name: str = "time"
    requires: tuple[str, ...] = ("text", "sentences", "published")
    assigns: tuple[str, ...] = ("times",)

    def __call__(self, doc: ArticleDoc) -> ArticleDoc:
        body = doc.body
        doc.times = find_times(doc.text, doc.published_date, start=body[0].start) if body else []
        return doc


@dataclass(frozen=True)
class EventComponent:
    """ACLED events with actors, place, date, status, toll and the claim that reports them."""

    finder: EventFinder
    catalogue: Catalogue
    name: str = "events"
    requires: tuple[str, ...] = ("tokens", "keys", "sentences", "entities", "claim_drafts", "times")
    assigns: tuple[str, ...] = ("event_drafts", "events", "background_events", "unplaced_events", "entities")

    def __call__(self, doc: ArticleDoc) -> ArticleDoc:
        drafts, dropped = self.finder.find(doc, date_of=lambda sentence, trigger: dated(doc, sentence, trigger))
        doc.event_drafts = drafts
        mentions = event_records(doc, drafts, self.catalogue)
        within = containment([e for e in doc.entities if e.kind == "place"])
        doc.events, into = fold_events(mentions, within, [self.finder.vague(d) for d in drafts])
        for n, (mention, draft) in enumerate(zip(mentions, drafts)):
            event = doc.events[into[n]]
            if mention.trigger == event.trigger:
                doc.decide(f"events.{event.id}", "; ".join(draft.reasons), event.event_type, event.trigger)
            else:
                doc.decide(f"events.{event.id}", "another mention of the same event (same type, status, actors, "
                           "place and day where named): folded into it", event.event_type, mention.trigger)
        for why in dropped:
            doc.decide("events", f"no event: {why}")
        published = doc.published_date
        doc.events, doc.background_events, doc.unplaced_events = split_events(doc.events, published)
        for event in doc.background_events:
            doc.decide(f"events.{event.id}", f"background: dated {event.date.start}…{event.date.end}, more than "
                       f"{BACKGROUND_DAYS} days before publication ({published}) or over a longer span than that",
                       "background", event.trigger)
        for event in doc.unplaced_events:
            doc.decide(f"events.{event.id}", "unplaced: no place named with it that the gazetteer locates, and "
                       "ACLED codes no event without a location", "unplaced", event.trigger)
        return doc


@dataclass(frozen=True)
class PerspectiveComponent:
    """Whose wording the article and each of its sources use."""

    catalogue: Catalogue
    vocabulary: Vocabulary
    name: str = "perspective"
    requires: tuple[str, ...] = ("tokens", "keys", "entities", "claims")
    assigns: tuple[str, ...] = ("perspective",)

    def __call__(self, doc: ArticleDoc) -> ArticleDoc:
        found = markers(doc, self.catalogue, self.vocabulary)
        doc.perspective = perspective(found, doc.claims)
        return doc


__all__ = ["AnatomyComponent", "ClaimComponent", "Component", "EntityComponent", "EventComponent",
           "MADE_BY_PIPELINE", "NerComponent", "PerspectiveComponent", "TimeComponent"]
