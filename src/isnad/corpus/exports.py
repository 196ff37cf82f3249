"""Exports of analysis records: ACLED-style CSV, GeoJSON and JSON Lines (pure functions over records).

Every writer takes :class:`ExportItem` values (an :class:`~isnad.record.Article` with the outlet that
published it) and a text stream, and returns :class:`ExportStats`. The ACLED code tables (column
order, inter codes, disorder types, ISO numeric codes and regions) are data: ``data/acled.json``.

ACLED rules as isnad applies them (see :func:`acled_row`):

- one row per event; by default only events whose status is ``reported`` (ACLED codes events that
  happened); ``statuses=`` admits others, and their status is then written in ``tags``;
- ``event_date``: ISO ``YYYY-MM-DD`` (ACLED's own exports vary between dd-mm-yyyy and ISO); a
  one-day date is that day; a range is coded to its middle day (isnad's rule: ACLED codes one day
  per event and lets ``time_precision`` 2 or 3 say how uncertain it is; the middle day is the
  closest single day to every day of the span); the range itself goes to ``tags``
  (``date range=START/END``) and to the extension columns; an undated event takes the
  publication date with precision 3 (tag ``date=publication``);
- ``event_id_cnty``: the ISO alpha-3 code of the event's country (SYR when unknown) followed by
  ``int(sha1("ARTICLE_ID/EVENT_ID"))`` reduced to 9 digits: stable across runs for the same article
  id and event id;
- ``inter1``/``inter2`` from the ACLED category of the actor (a person counts as the actor they
  serve); ``interaction`` the two codes smaller first (12), or ``inter1 * 10`` for one actor (20);
  an event without actor1 is coded to ``Unidentified Armed Group (COUNTRY)``, inter 3, as ACLED does;
- ``admin1``/``admin2``/``admin3``: English OCHA names of the place's governorate, district and
  subdistrict (:func:`admin_names`); ``location``: the place's English name, else its Arabic name;
- ``fatalities``: the event's count, 0 when unknown; ``timestamp``: the publication date as Unix
  time (midnight UTC), or the ``timestamp=`` argument;
- text cells that start with ``= + - @`` (or a tab/CR) get a leading ``'`` so that spreadsheets do
  not run them as formulas; numbers are written as numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import IO, Any

from isnad.knowledge.gazetteer import Gazetteer, Place, default_gazetteer
from isnad.record import Article, Entity, Event
from isnad.resources import read_json

#: Columns isnad adds after ACLED's (``extensions=True``).
EXTENSION_COLUMNS = ("isnad_article", "isnad_event", "isnad_status", "isnad_date_start", "isnad_date_end",
                     "isnad_claim", "isnad_url", "isnad_merged")
#: Characters that make a spreadsheet cell a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SYRIA = "SY"
UNKNOWN_ISO3 = "XXX"  # the id prefix of an event whose country is not known
NOTE_CHARS = 240


@dataclass(frozen=True)
class ExportItem:
    """An analysed article with where it came from.

    ``merged_id`` tags every event of the article with one merged-event id; per-event ids come
    through the writers' ``merged=`` mapping (:func:`isnad.merge.merged_index`).
    """

    article: Article
    outlet: str | None = None
    source_scale: str | None = None
    url: str | None = None
    merged_id: str | None = None


@dataclass(frozen=True)
class ExportStats:
    """What a writer wrote: rows/features/lines, and events left out (status filter, no point)."""

    written: int
    skipped: int = 0
    skipped_unlocated: int = 0


@dataclass(frozen=True)
class AcledTables:
    """The ACLED code tables of ``data/acled.json``."""

    columns: tuple[str, ...]
    inter: Mapping[str, int]
    disorder_by_type: Mapping[str, str]
    disorder_by_sub_type: Mapping[str, str]
    civilian_targeting: str
    unidentified_name: str
    unidentified_inter: int
    countries: Mapping[str, Mapping[str, Any]]


@lru_cache(maxsize=1)
def acled_tables() -> AcledTables:
    """The packaged ACLED code tables, loaded once."""
    raw = read_json("acled.json")
    return AcledTables(columns=tuple(raw["columns"]), inter=raw["inter"],
                       disorder_by_type=raw["disorder_type"]["event_type"],
                       disorder_by_sub_type=raw["disorder_type"]["sub_event_type"],
                       civilian_targeting=raw["civilian_targeting"], unidentified_name=raw["unidentified"]["name"],
                       unidentified_inter=raw["unidentified"]["inter"], countries=raw["countries"])


# ---------------------------------------------------------------- small pure helpers

def safe_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run: text starting with = + - @ tab CR gets a ' first."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def inter_code(actor_type: str | None, tables: AcledTables | None = None) -> int | None:
    """ACLED inter code of an actor category ('State forces' → 1 … 'External/Other forces' → 8)."""
    return (tables or acled_tables()).inter.get(actor_type or "")


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction: both codes smaller first (1, 2 → 12), one actor alone → code * 10 (2 → 20)."""
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    if not codes:
        return None
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def disorder_type(event_type: str, sub_event_type: str | None, tables: AcledTables | None = None) -> str:
    """ACLED disorder type of an event type (a few sub-event types are both violence and demonstration)."""
    t = tables or acled_tables()
    return t.disorder_by_sub_type.get(sub_event_type or "") or t.disorder_by_type.get(event_type, "")


def event_day(start: str, end: str) -> str:
    """The day an event is coded to: the day itself, or the middle day of a range (earlier of two)."""
    a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    if b < a:
        a, b = b, a
    return (a + (b - a) // 2).isoformat()


def event_id_cnty(article_id: str, event_id: str, iso3: str = "SYR") -> str:
    """A stable ACLED-style id: ISO alpha-3 + 9 digits of sha1('ARTICLE_ID/EVENT_ID')."""
    digest = hashlib.sha1(f"{article_id}/{event_id}".encode()).hexdigest()
    return f"{iso3}{int(digest, 16) % 10**9:09d}"


def unix_day(day: str | None) -> int | None:
    """Midnight UTC of a YYYY-MM-DD date as Unix time."""
    if not day:
        return None
    return int(dt.datetime.combine(dt.date.fromisoformat(day), dt.time(), dt.UTC).timestamp())


def gazetteer_place(entity: Entity | None, gazetteer: Gazetteer | None = None) -> Place | None:
    """The gazetteer entry of a place entity: by P-code, else the candidate of its name at its point."""
    if entity is None or entity.kind != "place":
        return None
    gaz = gazetteer or default_gazetteer()
    if entity.pcode and (place := gaz.get(entity.pcode)) is not None:
        return place
    found = gaz.candidates(entity.name)
    if entity.lat is not None and entity.lon is not None:
        at = [p for p in found if p.lat is not None and p.lon is not None
              and abs(p.lat - entity.lat) < 1e-3 and abs(p.lon - entity.lon) < 1e-3]
        found = at or []
    if entity.kind_detail:
        found = [p for p in found if p.kind == entity.kind_detail] or found
    return found[0] if len(found) == 1 else None


def admin_names(place: Place | None, admin1: str | None = None,
                gazetteer: Gazetteer | None = None) -> tuple[str, str, str]:
    """English (OCHA) names of the governorate, district and subdistrict a place lies in.

    ``admin1`` (a governorate P-code) is used when the place is not in the gazetteer.
    """
    gaz = gazetteer or default_gazetteer()
    codes = (place.admin1, place.admin2, place.admin3) if place else (admin1, None, None)
    names = []
    for code in codes:
        unit = gaz.get(code) if code else None
        names.append(unit.name_en if unit is not None else "")
    return names[0], names[1], names[2]


def country_of(place: Place | None, entity: Entity | None) -> str | None:
    """ISO2 country of an event's place: the gazetteer's, else the record's (``Entity.country``); for a
    record stored before it had one, SY for a Syrian governorate code or the country of a GeoNames
    division code (IQ.15); else None: no country is assumed."""
    if place is not None and place.country:
        return place.country
    if entity is not None and entity.country:
        return entity.country
    code = entity.admin1 if entity is not None else None
    if code and code.startswith("SY") and code[2:].isdigit():
        return SYRIA
    if code and len(code) > 3 and code[2] == "." and code[:2].isalpha():
        return code[:2]
    return None


def entity_of(article: Article, eid: str | None) -> Entity | None:
    """The entity of ``article`` with the id ``eid`` (an event's actor or place), if any."""
    return next((e for e in article.entities if e.id == eid), None) if eid else None


def actor_category(article: Article, entity: Entity | None) -> str | None:
    """ACLED category of an event actor; a person counts as the actor they serve."""
    if entity is None:
        return None
    if entity.actor_type:
        return entity.actor_type
    served = entity_of(article, entity.affiliation)
    return served.actor_type if served else None


def actor_name(entity: Entity | None) -> str:
    """English name of an actor when known, else its Arabic name."""
    if entity is None:
        return ""
    return entity.name_en or entity.name


def _sentence(article: Article, event: Event) -> str:
    for s in article.sentences:
        if s.start <= event.trigger.start < s.end:
            return " ".join(s.text.split())
    return event.trigger.text


def _excerpt(sentence: str, trigger: str, width: int = NOTE_CHARS) -> str:
    """At most ``width`` characters of a sentence around its trigger, cut at spaces, with … marks."""
    if len(sentence) <= width:
        return sentence
    at = max(sentence.find(trigger), 0)
    start = max(0, min(at - width // 2, len(sentence) - width))
    piece = sentence[start:start + width]
    if start > 0:
        piece = "… " + piece.split(" ", 1)[-1]
    if start + width < len(sentence):
        piece = piece.rsplit(" ", 1)[0] + " …"
    return piece


def event_note(article: Article, event: Event, outlet: str | None) -> str:
    """ACLED-style note: what happened (English) and the sentence that says it, with the reporting source."""
    a1, a2 = entity_of(article, event.actor1), entity_of(article, event.actor2)
    place = entity_of(article, event.place)
    what = event.sub_event_type or event.event_type
    who = " vs ".join(actor_name(a) for a in (a1, a2) if a) or "unidentified actor"
    where = f" in {place.name_en or place.name}" if place else ""
    when = f"On {event.date.start}" if event.date and event.date.start == event.date.end else (
        f"Between {event.date.start} and {event.date.end}" if event.date else "Undated")
    sentence = _excerpt(_sentence(article, event), event.trigger.text)
    claim = next((c for c in article.claims if c.id == event.claim), None)
    if claim is not None:
        speaker = claim.source.text or "unnamed source"
        said = f" Reported by {speaker} ({claim.cue.text}, {claim.stance})."
    else:
        said = ""
    status = "" if event.status == "reported" else f" Status: {event.status}."
    by = f" Source: {outlet}." if outlet else ""
    return f"{when}, {what}: {who}{where}. «{event.trigger.text}»: {sentence}{said}{status}{by}"


# ---------------------------------------------------------------- rows

def acled_row(item: ExportItem, event: Event, gazetteer: Gazetteer | None = None,
              tables: AcledTables | None = None, timestamp: int | None = None,
              merged: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The ACLED columns (and isnad's extension columns) of one event of an article.

    ``merged`` maps 'ARTICLE_ID/EVENT_ID' to the id of the merged event it belongs to
    (:func:`isnad.merge.merged_index`); it overrides ``item.merged_id``.
    """
    t = tables or acled_tables()
    gaz = gazetteer or default_gazetteer()
    article = item.article
    a1, a2 = entity_of(article, event.actor1), entity_of(article, event.actor2)
    place_entity = entity_of(article, event.place)
    place = gazetteer_place(place_entity, gaz)
    country = country_of(place, place_entity)
    info = t.countries.get(country, {}) if country else {}
    country_place = gaz.get(country) if country else None
    country_name = country_place.name_en if country_place else (country or "")
    tags: list[str] = []
    if event.status != "reported":
        tags.append(f"status={event.status}")
    if any(e.id == event.id for e in article.background_events):
        tags.append("background")
    if event.date:
        day, start, end, precision = event_day(event.date.start, event.date.end), event.date.start, event.date.end, \
            event.date.precision
        if start != end:
            tags.append(f"date range={start}/{end}")
    elif article.published:
        day, start, end, precision = article.published, "", "", 3
        tags.append("date=publication")
    else:
        day, start, end, precision = "", "", "", None
    inter1 = inter_code(actor_category(article, a1), t)
    inter2 = inter_code(actor_category(article, a2), t)
    name1 = actor_name(a1)
    if a1 is None:
        name1, inter1 = t.unidentified_name.format(country=country_name).replace(" ()", ""), t.unidentified_inter
        tags.append("actor1 unidentified")
    targeting = event.event_type == "Violence against civilians" or actor_category(article, a2) == "Civilians"
    if place_entity is None:
        tags.append("no location")
    admin = admin_names(place, place_entity.admin1 if place_entity else None, gaz)
    merged_id = (merged or {}).get(f"{article.id}/{event.id}") or item.merged_id
    if merged_id:
        tags.append(f"merged={merged_id}")
    row = {
        "event_id_cnty": event_id_cnty(article.id, event.id, info.get("iso3", UNKNOWN_ISO3)),
        "event_date": day,
        "year": int(day[:4]) if day else "",
        "time_precision": precision or "",
        "disorder_type": disorder_type(event.event_type, event.sub_event_type, t),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type or "",
        "actor1": name1,
        "assoc_actor_1": "",
        "inter1": inter1 if inter1 is not None else "",
        "actor2": actor_name(a2),
        "assoc_actor_2": "",
        "inter2": inter2 if inter2 is not None else "",
        "interaction": interaction(inter1, inter2) or "",
        "civilian_targeting": t.civilian_targeting if targeting else "",
        "iso": info.get("iso", ""),
        "region": info.get("region", ""),
        "country": country_name,
        "admin1": admin[0],
        "admin2": admin[1],
        "admin3": admin[2],
        "location": (place_entity.name_en or place_entity.name) if place_entity else "",
        "latitude": place_entity.lat if place_entity and place_entity.lat is not None else "",
        "longitude": place_entity.lon if place_entity and place_entity.lon is not None else "",
        "geo_precision": place_entity.geo_precision or "" if place_entity else "",
        "source": item.outlet or "",
        "source_scale": item.source_scale or "",
        "notes": event_note(article, event, item.outlet),
        "fatalities": event.fatalities or 0,
        "tags": "; ".join(tags),
        "timestamp": timestamp if timestamp is not None else (unix_day(article.published) or ""),
        "isnad_article": article.id,
        "isnad_event": event.id,
        "isnad_status": event.status,
        "isnad_date_start": start,
        "isnad_date_end": end,
        "isnad_claim": event.claim or "",
        "isnad_url": item.url or article.url or "",
        "isnad_merged": merged_id or "",
    }
    return row


def _selected(item: ExportItem, statuses: Iterable[str]) -> tuple[list[Event], int]:
    wanted = set(statuses)
    chosen = [e for e in item.article.events if e.status in wanted]
    return chosen, len(item.article.events) - len(chosen)


def write_acled_csv(items: Iterable[ExportItem], out: IO[str], statuses: Iterable[str] = ("reported",),
                    extensions: bool = True, timestamp: int | None = None, gazetteer: Gazetteer | None = None,
                    merged: Mapping[str, str] | None = None) -> ExportStats:
    """Write one ACLED row per event (UTF-8 text, csv module); ``statuses`` chooses which events.

    ``extensions`` adds isnad's columns (article, event, status, date range, claim, url, merged id)
    after ACLED's; ``merged`` gives each event its merged-event id (see :func:`acled_row`). Returns how many rows were written and how many events the status filter left out.
    """
    t = acled_tables()
    columns = list(t.columns) + (list(EXTENSION_COLUMNS) if extensions else [])
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    written = skipped = 0
    statuses = tuple(statuses)
    for item in items:
        events, left = _selected(item, statuses)
        skipped += left
        for event in events:
            row = acled_row(item, event, gazetteer, t, timestamp, merged)
            writer.writerow({k: safe_cell(v) for k, v in row.items()})
            written += 1
    return ExportStats(written=written, skipped=skipped)


def geojson_feature(item: ExportItem, event: Event, gazetteer: Gazetteer | None = None,
                    timestamp: int | None = None, merged: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    """A GeoJSON Point feature (lon, lat) for an event with a located place; None without a point."""
    place = entity_of(item.article, event.place)
    if place is None or place.lat is None or place.lon is None:
        return None
    props = acled_row(item, event, gazetteer, timestamp=timestamp, merged=merged)
    claim = next((c for c in item.article.claims if c.id == event.claim), None)
    props.update({"article_id": item.article.id, "event_id": event.id, "url": item.url or item.article.url,
                  "status": event.status, "claim": claim.content.text if claim else None,
                  "claim_stance": claim.stance if claim else None, "place_name": place.name, "pcode": place.pcode})
    return {"type": "Feature", "id": props["event_id_cnty"],
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]}, "properties": props}


def write_geojson(items: Iterable[ExportItem], out: IO[str], statuses: Iterable[str] | None = None,
                  gazetteer: Gazetteer | None = None, timestamp: int | None = None,
                  merged: Mapping[str, str] | None = None) -> ExportStats:
    """Write a FeatureCollection, one Point per event with a located place (every status by default).

    Events without coordinates are skipped and counted (``skipped_unlocated``, also written as the
    collection's foreign member ``isnad_skipped_unlocated``).
    """
    features: list[dict[str, Any]] = []
    skipped = unlocated = 0
    for item in items:
        events, left = _selected(item, statuses) if statuses is not None else (list(item.article.events), 0)
        skipped += left
        for event in events:
            feature = geojson_feature(item, event, gazetteer, timestamp, merged)
            if feature is None:
                unlocated += 1
            else:
                features.append(feature)
    json.dump({"type": "FeatureCollection", "features": features, "isnad_skipped_unlocated": unlocated},
              out, ensure_ascii=False)
    out.write("\n")
    return ExportStats(written=len(features), skipped=skipped, skipped_unlocated=unlocated)


def jsonl_record(item: ExportItem) -> dict[str, Any]:
    """The contract's record with the export metadata under the added key ``export``."""
    record = item.article.to_dict()
    record["export"] = {"outlet": item.outlet, "source_scale": item.source_scale,
                        "url": item.url or item.article.url, "merged_id": item.merged_id}
    return record


def write_jsonl(items: Iterable[ExportItem], out: IO[str]) -> ExportStats:
    """Write one analysis record per line (UTF-8 JSON, Arabic unescaped)."""
    n = 0
    for item in items:
        out.write(json.dumps(jsonl_record(item), ensure_ascii=False) + "\n")
        n += 1
    return ExportStats(written=n)

