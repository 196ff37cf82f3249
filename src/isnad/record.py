"""The analysis record: typed models whose JSON is the contract (``schema`` isnad.article/1).

Field names and meanings of CONTRACT.md are fixed; fields marked *extension* are isnad's own
additions. Offsets are code-point indices into ``text`` and ``text[start:end] == span.text``.
"""

from __future__ import annotations

import json
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "isnad.article/1"

EventType = Literal["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
                    "Riots", "Strategic developments"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)


class Span(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Mention(Span):
    """A mention; ``cue`` (extension) is the spatial word before a place: غرب، قرب، محيط."""

    cue: str | None = None


class Entity(_Model):
    id: str
    kind: Literal["actor", "person", "place"]
    name: str
    name_en: str | None = None
    key: str | None = None
    actor_type: str | None = None
    pcode: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: Literal[1, 2, 3] | None = None
    mentions: list[Mention] = Field(default_factory=list)
    # extensions
    kind_detail: str | None = None  # places: governorate, district, community, region, landmark …
    # places: Arabic name of the first-level division ``admin1`` names: a Syrian governorate (admin1
    # SY02 -> حلب) or, for a town abroad, its GeoNames division (admin1 IQ.15 -> نينوى)
    admin1_name: str | None = None
    country: str | None = None  # places: ISO 3166-1 alpha-2 code of the country it lies in (SY, IQ, YE …)
    role: str | None = None  # persons: مسؤول، قائد …
    affiliation: str | None = None  # persons: entity id of the actor they serve


class UnlocatedPlace(Span):
    """A name the text uses for a place that no gazetteer entry locates: kept for the reader, not
    an entity (it has no point to map or to code an event at)."""

    reason: str


class ClaimSource(_Model):
    start: int | None = None
    end: int | None = None
    text: str | None = None
    entity: str | None = None
    anonymous: bool = False
    affiliation: str | None = None
    # extension: the claim whose speaker this source names again (المصدر after مصدر عسكري)
    refers_to: str | None = None


class Claim(_Model):
    id: str
    cue: Span
    stance: Literal["assert", "deny", "question"]
    source: ClaimSource
    content: Span
    parent: str | None = None


class EventDate(_Model):
    start: str
    end: str
    precision: Literal[1, 2, 3]


EventStatus = Literal["reported", "denied", "negated", "predicted", "threatened"]
EVENT_STATUSES: tuple[str, ...] = get_args(EventStatus)  # in the order reports are ranked


class Event(_Model):
    id: str
    event_type: EventType
    sub_event_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    place: str | None = None
    date: EventDate | None = None
    status: EventStatus
    claim: str | None = None
    trigger: Span
    fatalities: int | None = None
    # extensions: ACLED's unit is one event per type, actors, place and day, so the mentions of one
    # event in an article are folded into it (the first trigger above is also the first here)
    triggers: list[Span] = Field(default_factory=list)
    claims: list[str] = Field(default_factory=list)  # every claim whose content reports it


class SideMarker(Span):
    """A word that shows whose vocabulary a text uses."""

    side: str
    rule: str


class Voice(_Model):
    """Whose vocabulary one voice uses: the article's own (claim None) or a quoted source's."""

    claim: str | None = None
    source: str | None = None
    sides: dict[str, int] = Field(default_factory=dict)
    leaning: str | None = None
    markers: list[SideMarker] = Field(default_factory=list)


class Perspective(_Model):
    article: Voice = Field(default_factory=Voice)
    sources: list[Voice] = Field(default_factory=list)


class Dateline(_Model):
    place: str | None = None
    author: str | None = None
    # extension: where they stand in the text, and what kind of credit the author is
    place_span: Span | None = None
    author_span: Span | None = None
    credit: Literal["person", "agency", "outlet", "exclusive", "staff"] | None = None
    source: str | None = None  # an outlet credited by a "المصدر: …" line
    span: Span | None = None


class Anatomy(_Model):
    """Extension: where each part of the article stands in ``text``."""

    title: Span | None = None
    date: Span | None = None
    dateline: Span | None = None
    body: Span | None = None


class Sentence(_Model):
    """Extension: a sentence of the article; ``part`` says which part of the anatomy it is in."""

    start: int
    end: int
    text: str
    part: Literal["title", "date", "dateline", "body", "boilerplate"]


class Decision(_Model):
    """Extension: why a field has its value (the rule or lexicon entry, and the evidence)."""

    field: str
    value: Any = None
    rule: str
    evidence: Span | None = None


class Article(_Model):
    schema_: Literal["isnad.article/1"] = Field(SCHEMA_ID, alias="schema")
    id: str
    text: str
    title: str | None = None
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    dateline: Dateline = Field(default_factory=Dateline)
    entities: list[Entity] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    # extensions
    url: str | None = None
    source: str | None = None  # the input the article came from: file path, "-", "file.jsonl:3"
    anatomy: Anatomy = Field(default_factory=Anatomy)
    sentences: list[Sentence] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    perspective: Perspective = Field(default_factory=Perspective)
    unlocated_places: list[UnlocatedPlace] = Field(default_factory=list)
    # events the article recalls, dated more than a month before it was published: not its news,
    # so not in `events` (nor in the exports, the corpus's event pages and its counts)
    background_events: list[Event] = Field(default_factory=list)
    # events whose sentence names no place the gazetteer locates: ACLED codes no event without a
    # location, so they are kept for the reader but not in `events`
    unplaced_events: list[Event] = Field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the record, as published in ``schema/article.schema.json``."""
    schema = Article.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "urn:isnad:schema:article:1"
    schema["title"] = "isnad analysis record (isnad.article/1)"
    return schema
