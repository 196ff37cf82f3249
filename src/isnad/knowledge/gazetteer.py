"""Places: the gazetteer (OCHA Syria COD, curated extras, the world) and the resolution of place names.

The gazetteer is ``data/gazetteer/places.tsv.gz``, built by ``scripts/build_gazetteer.py`` from the
OCHA common operational datasets for Syria (14 governorates, 61 districts, 270 subdistricts, 5,251
communities, Damascus neighbourhoods), ``data/gazetteer/extras.json`` (countryside regions such
as ريف حلب الجنوبي, named areas such as جبل الحص, contested landmarks, towns the 2015 points lack)
and ``data/gazetteer/world.json`` (every country, the capitals and the foreign cities and regions the
news names: الموصل، غازي عنتاب، عرسال، إقليم كردستان ...). Every place is looked up by the matching
key of its spellings (:func:`isnad.text.normalize.fold`) and carries its ISO2 ``country``; the region's
towns from GeoNames carry their first-level division (``IQ.15``), named in ``data/gazetteer/admin1.json``
(:meth:`Gazetteer.admin1_name`). The words around a name (مدينة، قرب، ريف، في …) are
``data/gazetteer/words.json`` (:class:`PlaceWords`).

:meth:`Gazetteer.resolve` chooses among the places a name may denote and says why: a governorate
name means the governorate; a district or subdistrict named after its chief town means the town; a
country or foreign place named exactly outranks a Syrian village or quarter of the same name
(قطر is Qatar, الموصل Mosul), while a Syrian governorate, district or subdistrict name stays Syrian;
otherwise the governorates and countries the article points to, the places already resolved nearby,
and the size of the place decide, and a tie is reported as ambiguous rather than broken by list
order (طرابلس without a hint: Lebanon's or Libya's). :func:`geo_precision` gives the ACLED
geo-precision code of a resolved place.
"""

from __future__ import annotations

import gzip
import math
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from isnad.resources import read_json, read_text
from isnad.text.normalize import fold
from isnad.text.sentences import COMMAS, SEMICOLONS
from isnad.text.tokens import ARTICLE

SYRIAN_KINDS = ("governorate", "district", "subdistrict", "community", "neighbourhood", "region", "area", "landmark")
#: Places outside Syria (data/gazetteer/world.json).
FOREIGN_KINDS = ("country", "foreign_region", "foreign_city", "foreign_site", "foreign_town")
#: Foreign places curated or large enough that a Syrian village named alike yields to them; the
#: region's small towns (GeoNames) do not outrank a Syrian village.
FOREIGN_PROMINENT = frozenset({"country", "foreign_region", "foreign_city", "foreign_site"})
KINDS = SYRIAN_KINDS + FOREIGN_KINDS
#: The country of every OCHA place and every curated Syrian extra.
SYRIA = "SY"
#: Prior weight of each kind: with nothing else to go on, the larger or better-known place wins.
KIND_PRIOR = {"governorate": 8.0, "region": 4.5, "area": 4.0, "district": 3.5, "subdistrict": 3.0,
              "landmark": 3.0, "community": 2.0, "neighbourhood": 1.5,
              "country": 8.0, "foreign_city": 5.0, "foreign_region": 4.0, "foreign_site": 3.0, "foreign_town": 1.0}
#: Syrian places whose name stays Syrian when a foreign place bears it too (القنيطرة, حلب, سنجار ...).
SYRIAN_NAMED = frozenset({"governorate", "district", "subdistrict", "region", "area", "landmark"})
#: Syrian places that yield to a country or foreign place of the same name (قطر, الموصل, القاهرة ...).
SYRIAN_SMALL = frozenset({"community", "neighbourhood"})
#: A village or quarter named exactly like a country or foreign place yields to it.
FOREIGN_NAME_PENALTY = 6.0
#: A foreign place named exactly like a Syrian governorate, district, subdistrict or named area yields.
SYRIAN_NAME_PENALTY = 6.0
#: A town that is the seat of a governorate, district or subdistrict outranks a same-named village, even one
#: a little nearer the places named before it (الدانا of Harim, seat of its subdistrict, over the village by Idlib).
CAPITAL_BONUS = 1.5
#: A district or subdistrict named after its chief town yields to the town unless asked for.
EPONYM_PENALTY = 2.5
#: The text names the kind of place (مدينة, محافظة, ناحية, حي ...).
KIND_HINT_BONUS = 7.0
#: Governorate hints, strongest first (the dateline's governorate, then those named in the article).
HINT_BONUS = (4.0, 3.0, 2.0)
#: Country hints (ISO2), strongest first: the same weights.
COUNTRY_HINT_BONUS = HINT_BONUS
#: Closeness to places already resolved in the article: NEAR_WEIGHT * exp(-km / NEAR_SCALE_KM).
NEAR_WEIGHT = 3.0
NEAR_SCALE_KM = 30.0
#: How the text matched: its own name, one of its spellings, or only after adding/removing ال.
MATCH_BONUS = {"name": 0.5, "variant": 0.0, "article": -0.5}
#: Below this margin the best two candidates are a tie.
MARGIN = 0.5
#: Tied candidates closer than this to each other are taken as the same spot.
SAME_SPOT_KM = 5.0

KIND_GROUPS = {"community": ("community", "neighbourhood", "foreign_city", "foreign_town"),
               "neighbourhood": ("neighbourhood", "community"),
               "governorate": ("governorate", "foreign_region"), "district": ("district",),
               "subdistrict": ("subdistrict",), "region": ("region", "foreign_region"),
               "area": ("area", "region", "district", "subdistrict", "foreign_region"),
               "landmark": ("landmark", "foreign_site"), "country": ("country",), "foreign_city": ("foreign_city", "foreign_town"),
               "foreign_region": ("foreign_region",)}
#: The packaged gazetteer and the words around place names, under the data folder.
PLACES_FILE = "gazetteer/places.tsv.gz"
WORDS_FILE = "gazetteer/words.json"
ADMIN1_FILE = "gazetteer/admin1.json"
#: What outer punctuation :func:`_key` drops.
KEY_STRIP = " ." + COMMAS + ":" + SEMICOLONS + "\"'()[]"


@dataclass(frozen=True)
class PlaceWords:
    """The words around a place name (``data/gazetteer/words.json``), in matching form."""

    kinds: Mapping[str, str]  # words that name the kind of place before its name -> the kind they ask for
    near: frozenset[str]  # ACLED precision 2 cues: near, around, outskirts, a side of, the countryside of
    precise: frozenset[str]  # the place itself: مدينة، داخل، وسط
    leads: frozenset[str]  # prepositions peeled off before a name: في، نحو
    cue_prefixes: tuple[str, ...]  # clitics a cue word may carry, tried in order after none
    cue_suffixes: tuple[str, ...]  # pronouns a cue word may carry, tried in order after none
    cues: frozenset[str]  # near and precise words

    @classmethod
    def from_data(cls, raw: Mapping[str, Any]) -> PlaceWords:
        near = frozenset(fold(w) for w in raw["near_words"])
        precise = frozenset(fold(w) for w in raw["precise_words"])
        return cls(kinds={fold(w): kind for w, kind in raw["kind_words"].items()}, near=near, precise=precise,
                   leads=frozenset(fold(w) for w in raw["lead_words"]),
                   cue_prefixes=tuple(raw["cue_prefixes"]), cue_suffixes=tuple(raw["cue_suffixes"]),
                   cues=near | precise)

    def bare(self, token: str) -> str:
        """A cue token without its clitics: 'ومحيطها' -> 'محيط', 'بالقرب' -> 'قرب', 'الغربي' -> 'غربي'."""
        for prefix in ("", *self.cue_prefixes):
            if not token.startswith(prefix):
                continue
            rest = token[len(prefix):]
            for suffix in ("", *self.cue_suffixes):
                if suffix and not rest.endswith(suffix):
                    continue
                stem = rest[: len(rest) - len(suffix)]
                if stem in self.cues:
                    return stem
        return token


@lru_cache(maxsize=1)
def default_place_words() -> PlaceWords:
    """The packaged words around place names, loaded once."""
    return PlaceWords.from_data(read_json(WORDS_FILE))


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. ``variants`` are matching keys (already folded), the name's first unless
    the name is also a common word (world.json ``"bare": false``). ``country``: ISO2 code, SY for
    every OCHA place and Syrian extra. ``admin1``: the governorate P-code of a Syrian place, the
    GeoNames division (``IQ.15``) of a foreign town, None for the other foreign places."""

    id: str
    kind: str
    name: str
    name_en: str
    pcode: str | None
    admin1: str | None
    admin2: str | None
    admin3: str | None
    lat: float | None
    lon: float | None
    variants: tuple[str, ...]
    country: str = SYRIA

    @property
    def point(self) -> tuple[float, float] | None:
        return None if self.lat is None or self.lon is None else (self.lat, self.lon)

    @property
    def foreign(self) -> bool:
        """A country or a place outside Syria (world.json)."""
        return self.kind in FOREIGN_KINDS

    def label(self) -> str:
        """'C2169 خناصر (Khanaser, community, SY02)', 'LB-TRIPOLI طرابلس (Tripoli, foreign_city, LB)'."""
        where = f", {self.admin1}" if self.admin1 and self.kind != "governorate" else ""
        if self.foreign and self.kind != "country":
            where = f", {self.country}"
        english = f"{self.name_en}, " if self.name_en else ""
        return f"{self.id} {self.name} ({english}{self.kind}{where})"


@dataclass(frozen=True)
class PlaceContext:
    """What the article already says about where it is.

    ``admin1_hints``: governorate P-codes, strongest first (the dateline's governorate, then
    governorates named in the article). ``near``: (lat, lon) of places already resolved in the
    article. ``kind_hint``: a kind (or 'area') the text asks for, e.g. from a preceding مدينة.
    ``country_hints``: ISO2 codes, strongest first (a dateline abroad, countries named in the
    article): طرابلس with ('LB',) is Lebanon's, with ('LY',) Libya's.
    """

    admin1_hints: tuple[str, ...] = ()
    near: tuple[tuple[float, float], ...] = ()
    kind_hint: str | None = None
    country_hints: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """A place the text may denote, its score and the evidence behind the score."""

    place: Place
    score: float
    why: tuple[str, ...]


@dataclass(frozen=True)
class Resolution:
    """The chosen place (or None), every candidate best first, and why."""

    text: str
    place: Place | None
    candidates: tuple[Candidate, ...]
    reason: str
    cue: str | None = None  # a near/part-of cue peeled off the text (قرب، غرب، ريف، منطقة ...)

    @property
    def precision(self) -> int | None:
        """ACLED geo-precision of the chosen place with the cue of the text."""
        return None if self.place is None else geo_precision(self.place, self.cue)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


QUOTES_OUT = str.maketrans({q: " " for q in '"“”«»„‟'})  # quotes inside a name do not belong to it


def _key(text: str) -> str:
    """The lookup key of a text: folded, dashes and quotes dropped (مطار "التيفور العسكري"), outer
    punctuation dropped, spaces collapsed."""
    return " ".join(fold(text).replace("-", " ").translate(QUOTES_OUT).split()).strip(KEY_STRIP)


def geo_precision(place: Place, cue: str | None = None, words: PlaceWords | None = None) -> int:
    """ACLED geo-precision: 1 the town, village, neighbourhood or site itself (a foreign city too);
    2 near or part of a place (قرب، محيط، غرب/شرق/شمال/جنوب X، أطراف، ريف X) and subdistricts,
    districts, named areas and countryside regions; 3 a governorate, a country, a foreign region.
    ``words``: the cue words (default: the packaged ones)."""
    if place.kind in ("governorate", "country", "foreign_region"):
        return 3
    if place.kind in ("community", "neighbourhood", "landmark", "foreign_city", "foreign_site", "foreign_town"):
        words = words or default_place_words()
        if cue and any(words.bare(token) in words.near for token in fold(cue).split()):
            return 2
        return 1
    return 2


class Gazetteer:
    """Places by id and by the matching key of each spelling."""

    def __init__(self, places: Iterable[Place], words: PlaceWords | None = None):
        self.words = words or default_place_words()
        self._places: dict[str, Place] = {}
        self._index: dict[str, list[Place]] = {}
        for place in places:
            if place.id in self._places:
                raise ValueError(f"duplicate place id {place.id}")
            self._places[place.id] = place
            for key in place.variants:
                self._index.setdefault(key, []).append(place)
        rank = {kind: i for i, kind in enumerate(KINDS)}
        for found in self._index.values():
            found.sort(key=lambda p: (rank.get(p.kind, len(KINDS)), p.id))
        self._capitals: dict[str, str] = {}      # unit id -> id of the community named after it
        self._seat_of: dict[str, list[str]] = {}  # community id -> units it is the seat of
        level = {"governorate": "admin1", "district": "admin2", "subdistrict": "admin3"}
        for unit in self._places.values():
            if unit.kind not in level:
                continue
            towns = [p for key in unit.variants for p, _ in self._lookup(key)
                     if p.kind == "community" and getattr(p, level[unit.kind]) == unit.id]
            if towns:
                town = min(towns, key=lambda p: (p.point != unit.point, p.id))
                self._capitals[unit.id] = town.id
                self._seat_of.setdefault(town.id, []).append(unit.id)
        self.load_seconds: float | None = None

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, path: str | Path | None = None) -> Gazetteer:
        """Read a gazetteer file (default: the packaged ``data/gazetteer/places.tsv.gz``)."""
        start = time.perf_counter()
        text = read_text(PLACES_FILE) if path is None else gzip.decompress(Path(path).read_bytes()).decode("utf-8")
        lines = text.split("\n")
        header = lines[0].split("\t")
        if header[:11] != ["id", "kind", "name", "name_en", "pcode", "admin1", "admin2", "admin3", "lat", "lon",
                           "variants"]:
            raise ValueError(f"not a gazetteer file: header {header}")
        at_country = header.index("country") if "country" in header else None  # older files: all Syrian
        places = []
        for line in lines[1:]:
            if not line:
                continue
            fields = line.split("\t")
            pid, kind, name, name_en, pcode, a1, a2, a3, lat, lon, variants = fields[:11]
            country = fields[at_country] if at_country is not None and fields[at_country] else SYRIA
            places.append(Place(pid, kind, name, name_en, pcode or None, a1 or None, a2 or None, a3 or None,
                                float(lat) if lat else None, float(lon) if lon else None,
                                tuple(v for v in variants.split("|") if v), country))
        gazetteer = cls(places)
        gazetteer.load_seconds = time.perf_counter() - start
        return gazetteer

    # ------------------------------------------------------------------ access

    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self._places.values())

    def __contains__(self, pid: object) -> bool:
        return pid in self._places

    def get(self, pid: str) -> Place | None:
        return self._places.get(pid)

    def governorate(self, admin1: str) -> Place:
        place = self._places.get(admin1)
        if place is None or place.kind != "governorate":
            raise KeyError(f"no governorate {admin1!r}")
        return place

    def admin1_name(self, code: str | None) -> str | None:
        """Arabic name of a first-level division: a Syrian governorate's (``SY02`` -> حلب) from its
        row, a GeoNames division's (``IQ.15`` -> نينوى) from admin1.json; None for an unknown code."""
        if not code:
            return None
        unit = self._places.get(code)
        if unit is not None and unit.kind == "governorate":
            return unit.name
        division = admin1_divisions().get(code)
        return division["name"] if division else None

    def is_seat(self, place: Place) -> bool:
        """Whether a community is the seat of a governorate, district or subdistrict."""
        return place.id in self._seat_of

    def capital_of(self, place: Place) -> Place | None:
        """The community a governorate, district or subdistrict is named after (its seat)."""
        pid = self._capitals.get(place.id)
        return self._places[pid] if pid else None

    def names(self) -> Iterator[tuple[str, str]]:
        """(spelling, place id) for every spelling of every place, for building a matcher.

        Spellings are matching keys (the :func:`fold` form), so match them against folded text.
        """
        for place in self._places.values():
            for key in place.variants:
                yield key, place.id

    # ------------------------------------------------------------------ lookup

    def _lookup(self, key: str) -> list[tuple[Place, str]]:
        """Places whose spelling is ``key``, or ``key`` with ال added or removed."""
        out: list[tuple[Place, str]] = []
        seen: set[str] = set()
        tries = [(key, None)]
        words = key.split()
        if words and words[0].startswith(ARTICLE) and len(words[0]) > 4:
            tries.append((" ".join([words[0][len(ARTICLE):], *words[1:]]), "article"))
        elif words:
            tries.append((ARTICLE + key, "article"))
        for k, how in tries:
            for place in self._index.get(k, ()):
                if place.id not in seen:
                    seen.add(place.id)
                    out.append((place, how or ("name" if place.variants[:1] == (k,) else "variant")))
        return out

    def _peel(self, text: str) -> tuple[list[tuple[Place, str]], str | None, str | None, str]:
        """Look the text up; failing that, peel cue and kind words off its ends and try again.

        Returns the matches, the cue, the kind hint and the key that matched.
        """
        key = _key(text)
        found = self._lookup(key)
        if found or not key:
            return found, None, None, key
        words = key.split()
        known = self.words
        cue = kind = None
        for _ in range(3):  # 'في محيط بلدة خناصر', 'قرب مدينة حلب', 'خناصر ومحيطها'
            if len(words) > 1 and words[0] in known.leads:
                words = words[1:]
            elif len(words) > 1 and words[0] in known.kinds:
                kind = kind or known.kinds[words[0]]
                words = words[1:]
            elif len(words) > 1 and known.bare(words[0]) in known.near:
                cue = f"{cue} {words[0]}" if cue else words[0]
                words = words[1:]
            elif len(words) > 1 and known.bare(words[-1]) in known.near:
                cue = f"{cue} {words[-1]}" if cue else words[-1]
                words = words[:-1]
            else:
                break
            found = self._lookup(" ".join(words))
            if found:
                return found, cue, kind, " ".join(words)
        return [], cue, kind, " ".join(words)

    def candidates(self, text: str) -> list[Place]:
        """Every place ``text`` may denote: by its matching key, with and without ال, and
        without leading cue or kind words (قرب، بلدة، محافظة ...) when the whole text is no name."""
        return [place for place, _ in self._peel(text)[0]]

    # ------------------------------------------------------------------ resolution

    def resolve(self, text: str, context: PlaceContext | None = None) -> Resolution:
        """Choose the place ``text`` denotes in ``context`` and say why."""
        context = context or PlaceContext()
        found, cue, kind_from_text, key = self._peel(text)
        if not found:
            return Resolution(text, None, (), f"no place in the gazetteer is called {text!r} (key {key!r})", cue)
        kind_hint = context.kind_hint or kind_from_text
        wanted = KIND_GROUPS.get(kind_hint or "", (kind_hint,) if kind_hint else ())
        ids = {place.id for place, _ in found}
        # a Syrian governorate, district, subdistrict or named area keeps its name; otherwise a country
        # or foreign place named exactly (and of a kind the text allows) outranks a village or quarter
        syrian_named = sorted(p.id for p, how in found if how != "article" and not p.foreign
                              and p.kind in SYRIAN_NAMED)
        foreign_exact = sorted(p.id for p, how in found if how != "article" and p.kind in FOREIGN_PROMINENT
                               and (not wanted or p.kind in wanted))
        scored: list[Candidate] = []
        for place, how in found:
            score = KIND_PRIOR.get(place.kind, 1.0)
            why = [f"{place.kind} prior {score:g}"]
            if place.foreign and syrian_named:
                score -= SYRIAN_NAME_PENALTY
                why.append(f"the name is Syrian {syrian_named[0]}'s (-{SYRIAN_NAME_PENALTY:g})")
            elif place.kind in SYRIAN_SMALL and not place.foreign and foreign_exact and not syrian_named:
                score -= FOREIGN_NAME_PENALTY
                why.append(f"the name is {foreign_exact[0]}'s abroad (-{FOREIGN_NAME_PENALTY:g})")
            if place.id in self._seat_of:
                score += CAPITAL_BONUS
                why.append(f"seat of {', '.join(self._seat_of[place.id])} (+{CAPITAL_BONUS:g})")
            capital = self._capitals.get(place.id)
            if capital in ids and place.kind in ("district", "subdistrict") and place.kind not in wanted:
                score -= EPONYM_PENALTY
                why.append(f"named after its seat {capital}, which the name means (-{EPONYM_PENALTY:g})")
            if wanted and place.kind in wanted:
                score += KIND_HINT_BONUS
                why.append(f"the text asks for a {kind_hint} (+{KIND_HINT_BONUS:g})")
            bonus = MATCH_BONUS[how]
            if bonus:
                score += bonus
                why.append({"name": "its own name", "article": f"only with {ARTICLE} added or removed"}[how]
                           + f" ({bonus:+g})")
            for i, hint in enumerate(context.admin1_hints):
                if place.admin1 == hint:
                    gain = HINT_BONUS[min(i, len(HINT_BONUS) - 1)]
                    score += gain
                    why.append(f"in governorate {hint}, context hint {i + 1} (+{gain:g})")
                    break
            for i, hint in enumerate(context.country_hints):
                if place.country == hint:
                    gain = COUNTRY_HINT_BONUS[min(i, len(COUNTRY_HINT_BONUS) - 1)]
                    score += gain
                    why.append(f"in country {hint}, context hint {i + 1} (+{gain:g})")
                    break
            if context.near and place.point:
                km = min(distance_km(place.point, p) for p in context.near)
                gain = NEAR_WEIGHT * math.exp(-km / NEAR_SCALE_KM)
                if gain >= 0.05:
                    score += gain
                    why.append(f"{km:.1f} km from a place already resolved (+{gain:.1f})")
            scored.append(Candidate(place, round(score, 3), tuple(why)))
        rank = {kind: i for i, kind in enumerate(KINDS)}
        scored.sort(key=lambda c: (-c.score, rank.get(c.place.kind, len(KINDS)), c.place.id))
        best = scored[0]
        n = len(scored)
        head = f"{n} candidate{'s' if n > 1 else ''} for {text!r}"
        if n == 1:
            return Resolution(text, best.place, tuple(scored), f"{head}: {best.place.label()}", cue)
        tied = [c for c in scored if best.score - c.score < MARGIN]
        if len(tied) > 1:
            points = [c.place.point for c in tied]
            same_spot = all(p is not None for p in points) and all(
                distance_km(points[0], p) <= SAME_SPOT_KM for p in points[1:])
            if not same_spot:
                labels = "; ".join(f"{c.place.label()} {c.score:g}" for c in tied[:4])
                return Resolution(text, None, tuple(scored),
                                  f"{head}; ambiguous, {len(tied)} score alike and lie apart: {labels}; "
                                  "no context tells them apart", cue)
        chosen = best.place
        reason = f"{head}; chose {chosen.label()} score {best.score:g}: {'; '.join(best.why)}"
        runner = scored[1]
        if len(tied) > 1:
            reason += f"; {runner.place.label()} scores alike but lies within {SAME_SPOT_KM:g} km"
        else:
            reason += f"; next {runner.place.label()} {runner.score:g}"
        if cue and chosen.kind == "governorate" and (capital := self.capital_of(chosen)):
            chosen = capital
            reason += f"; {cue!r} points from the city, so its seat {capital.label()}"
        return Resolution(text, chosen, tuple(scored), reason, cue)


@lru_cache(maxsize=1)
def admin1_divisions() -> dict[str, dict[str, Any]]:
    """The first-level divisions of admin1.json by GeoNames code (``IQ.15``), read once."""
    return {d["id"]: d for d in read_json(ADMIN1_FILE)["divisions"]}


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded once."""
    return Gazetteer.load()
