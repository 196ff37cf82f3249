"""The actor catalogue: who fights in the Syrian and Iraqi wars, under which names, and since when.

Actors live in ``data/actors.json``; :func:`validate` checks that raw data and :class:`Catalogue`
answers lookups on it: an actor by any of its names (matched in the normalised form of
:func:`isnad.text.normalize.fold`), whose vocabulary a naming belongs to (الخوارج, الدواعش), and
what a renamed or merged group was called on a given date (النصرة in 2017 is هيئة تحرير الشام).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from isnad.resources import data_root, read_json
from isnad.text.normalize import fold

#: The ACLED actor categories, in ACLED's order (inter codes 1-8).
CATEGORIES = ("State forces", "Rebel group", "Political militia", "Identity militia", "Rioters",
              "Protesters", "Civilians", "External/Other forces")
ALIAS_KINDS = frozenset({"name", "short", "abbreviation", "colloquial", "derogatory", "foreign",
                         "quoted", "plural"})
RELATION_TYPES = frozenset({"renamed_to", "merged_into", "part_of", "pledged_to", "allied_with",
                            "split_from", "supported_by"})
#: Relations after which the source actor goes on under the target's identity.
SUCCESSION = frozenset({"renamed_to", "merged_into"})

_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_COUNTRY = re.compile(r"[A-Z]{2}")
_ARABIC = re.compile(r"[\u0621-\u064a]")
_QUOTES_AND_BRACKETS = str.maketrans(dict.fromkeys("\"'()[]", " "))


def alias_key(text: str) -> str:
    """The matching key of a name: :func:`fold`, without quotes or brackets, spaces collapsed."""
    return " ".join(fold(text).translate(_QUOTES_AND_BRACKETS).lower().split())


@dataclass(frozen=True, slots=True)
class Alias:
    """One form an actor is named by, and whose vocabulary it is (None: everyone's)."""

    text: str
    kind: str
    side: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Relation:
    """A dated link to another actor; ``start``/``end`` are the JSON ``from``/``to`` (None: unknown)."""

    type: str
    target: str
    start: dt.date | None = None
    end: dt.date | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """One catalogue entry; ``generic`` marks collective names (الثوار، قوات النظام)."""

    id: str
    name: str
    name_en: str
    category: str
    country: str | None
    generic: bool
    active_from: dt.date | None
    active_to: dt.date | None
    aliases: tuple[Alias, ...]
    relations: tuple[Relation, ...]
    sources: str

    def names(self) -> tuple[Alias, ...]:
        """The canonical name (as a plain ``name`` alias) followed by every alias."""
        return (Alias(self.name, "name"), *self.aliases)

    def active_on(self, on: dt.date) -> bool:
        """Whether ``on`` falls inside the known active range (open ends count as active)."""
        return (self.active_from is None or self.active_from <= on) and (
            self.active_to is None or on <= self.active_to)


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _actor(raw: Mapping[str, Any]) -> Actor:
    active = raw.get("active") or {}
    return Actor(
        id=raw["id"],
        name=raw["name"],
        name_en=raw.get("name_en", ""),
        category=raw["category"],
        country=raw.get("country"),
        generic=bool(raw.get("generic", False)),
        active_from=_date(active.get("from")),
        active_to=_date(active.get("to")),
        aliases=tuple(Alias(a["text"], a["kind"], a.get("side"), a.get("note"))
                      for a in raw.get("aliases", ())),
        relations=tuple(Relation(r["type"], r["target"], _date(r.get("from")), _date(r.get("to")),
                                 r.get("note"))
                        for r in raw.get("relations", ())),
        sources=raw.get("sources", ""),
    )


class Catalogue:
    """Actors by id, with lookups by normalised alias, side of a naming and successor on a date."""

    def __init__(self, actors: Mapping[str, Actor], sides: tuple[str, ...] = ()) -> None:
        self.actors: Mapping[str, Actor] = MappingProxyType(dict(actors))
        self.sides = sides
        index: dict[str, tuple[str, Alias]] = {}
        for actor in self.actors.values():
            for alias in actor.names():
                index.setdefault(alias_key(alias.text), (actor.id, alias))
        self._index: Mapping[str, tuple[str, Alias]] = MappingProxyType(index)

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Catalogue:
        """Build from parsed JSON; raises ``ValueError`` listing every problem :func:`validate` finds."""
        problems = validate(raw)
        if problems:
            raise ValueError("invalid actor catalogue:\n  " + "\n  ".join(problems))
        return cls({a["id"]: _actor(a) for a in raw["actors"]}, tuple(raw["sides"]))

    @classmethod
    def load(cls, path: str | Path | None = None) -> Catalogue:
        """Read and validate a catalogue file; the packaged catalogue by default
        (:func:`packaged_catalogue_data`)."""
        if path is None:
            return cls.from_dict(packaged_catalogue_data())
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors.values())

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.actors

    def get(self, actor_id: str) -> Actor | None:
        """The actor with this id, or None."""
        return self.actors.get(actor_id)

    def aliases(self) -> list[tuple[str, str, Alias]]:
        """Every ``(text, actor_id, alias)``, canonical names included, for building matchers."""
        return [(alias.text, actor.id, alias) for actor in self for alias in actor.names()]

    def _lookup(self, text: str) -> tuple[str, Alias] | None:
        return self._index.get(alias_key(text))

    def by_alias(self, text: str) -> Actor | None:
        """The actor named exactly ``text`` (compared in the normalised form), or None."""
        found = self._lookup(text)
        return None if found is None else self.actors[found[0]]

    def side_of(self, alias_text: str) -> str | None:
        """Whose vocabulary the naming ``alias_text`` is (``opposition``, ``jihadist`` ...), or None."""
        found = self._lookup(alias_text)
        return None if found is None else found[1].side

    def successor(self, actor_id: str, on: dt.date) -> str:
        """The id ``actor_id`` went on under by ``on``, following dated renamed_to / merged_into links.

        Links without a ``from`` date are not followed: when it happened is unknown.
        """
        if actor_id not in self.actors:
            raise KeyError(actor_id)
        current, seen = actor_id, {actor_id}
        while True:
            steps = sorted((r.start, r.target) for r in self.actors[current].relations
                           if r.type in SUCCESSION and r.start is not None and r.start <= on)
            if not steps or steps[0][1] in seen:
                return current
            current = steps[0][1]
            seen.add(current)


def packaged_catalogue_data() -> dict[str, Any]:
    """The packaged catalogue as one parsed file: ``data/actors.json`` (categories, sides and the
    actors of the Syrian and Iraqi wars) and the regional files ``data/actors/*.json``, each with
    its actors and any sides of its own."""
    base = read_json("actors.json")
    sides, actors = list(base["sides"]), list(base["actors"])
    for name in regional_catalogue_files():
        part = read_json(name)
        sides += [side for side in part.get("sides", []) if side not in sides]
        actors += part["actors"]
    return {**base, "sides": sides, "actors": actors}


def regional_catalogue_files() -> list[str]:
    """The names of the regional catalogue files, in order."""
    folder = data_root() / "actors"
    if not folder.is_dir():
        return []
    return sorted(f"actors/{f.name}" for f in folder.iterdir() if f.name.endswith(".json"))


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    """The packaged catalogue, loaded once."""
    return Catalogue.load()


def _check_date(value: Any, where: str, problems: list[str]) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    problems.append(f"{where}: date {value!r} is not YYYY-MM-DD")
    return None


def _check_range(start: Any, end: Any, where: str, problems: list[str]) -> None:
    a = _check_date(start, f"{where} from", problems)
    b = _check_date(end, f"{where} to", problems)
    if a is not None and b is not None and a > b:
        problems.append(f"{where}: inverted range {start} > {end}")


def validate(raw: Mapping[str, Any]) -> list[str]:
    """Every problem in a parsed catalogue; an empty list means it is valid."""
    problems: list[str] = []
    categories = raw.get("categories")
    if list(categories or ()) != list(CATEGORIES):
        problems.append(f"categories must be the ACLED actor categories {list(CATEGORIES)}")
    sides = set(raw.get("sides") or ())
    if not sides:
        problems.append("no sides declared")
    actors = raw.get("actors")
    if not isinstance(actors, list) or not actors:
        return problems + ["no actors"]
    ids = [a.get("id") for a in actors if isinstance(a, Mapping)]
    known = set(ids)
    seen_ids: set[str] = set()
    owners: dict[str, tuple[str, str]] = {}  # alias key -> (actor id, text)
    for n, actor in enumerate(actors):
        if not isinstance(actor, Mapping):
            problems.append(f"actor #{n}: not an object")
            continue
        aid = actor.get("id")
        where = f"actor {aid!r}"
        if not isinstance(aid, str) or not _ID.fullmatch(aid):
            problems.append(f"actor #{n}: id {aid!r} is not snake_case")
        elif aid in seen_ids:
            problems.append(f"{where}: duplicate id")
        else:
            seen_ids.add(aid)
        name = actor.get("name")
        if not isinstance(name, str) or not _ARABIC.search(name):
            problems.append(f"{where}: missing Arabic name")
        if not actor.get("name_en"):
            problems.append(f"{where}: missing English name")
        if actor.get("category") not in CATEGORIES or actor.get("category") not in (categories or ()):
            problems.append(f"{where}: unknown category {actor.get('category')!r}")
        country = actor.get("country")
        if country is not None and not (isinstance(country, str) and _COUNTRY.fullmatch(country)):
            problems.append(f"{where}: country {country!r} is not an ISO 3166 alpha-2 code")
        if not isinstance(actor.get("generic"), bool):
            problems.append(f"{where}: generic must be true or false")
        active = actor.get("active") or {}
        _check_range(active.get("from"), active.get("to"), f"{where} active", problems)
        names = [{"text": name, "kind": "name"}] if isinstance(name, str) else []
        for alias in names + list(actor.get("aliases") or ()):
            if not isinstance(alias, Mapping):
                problems.append(f"{where}: alias {alias!r} is not an object")
                continue
            text = alias.get("text")
            if not isinstance(text, str) or not _ARABIC.search(text):
                problems.append(f"{where}: alias {text!r} is not Arabic text")
                continue
            if alias.get("kind") not in ALIAS_KINDS:
                problems.append(f"{where}: alias {text!r} has unknown kind {alias.get('kind')!r}")
            if alias.get("side") is not None and alias.get("side") not in sides:
                problems.append(f"{where}: alias {text!r} has unknown side {alias.get('side')!r}")
            key = alias_key(text)
            if key in owners:
                other, other_text = owners[key]
                scope = "within the actor" if other == aid else f"across actors (also {other!r})"
                problems.append(f"{where}: duplicate alias {text!r} {scope}: {other_text!r}")
            else:
                owners[key] = (aid, text)
        for rel in actor.get("relations") or ():
            if not isinstance(rel, Mapping):
                problems.append(f"{where}: relation {rel!r} is not an object")
                continue
            rwhere = f"{where} relation {rel.get('type')}->{rel.get('target')}"
            if rel.get("type") not in RELATION_TYPES:
                problems.append(f"{rwhere}: unknown relation type")
            if rel.get("target") not in known:
                problems.append(f"{rwhere}: unknown relation target {rel.get('target')!r}")
            elif rel.get("target") == aid:
                problems.append(f"{rwhere}: relation to itself")
            _check_range(rel.get("from"), rel.get("to"), rwhere, problems)
    return problems
