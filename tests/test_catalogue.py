"""The actor catalogue (data/actors.json) and its loader, lookups and validator."""

from __future__ import annotations

import copy
import datetime as dt
import json
import time
from collections import Counter
from importlib import resources

import pytest

from isnad.knowledge.catalogue import (CATEGORIES, Alias, Catalogue, alias_key, default_catalogue,
                                      regional_catalogue_files, validate)

from conftest import SHARED

REQUIRED_IDS = ["isis", "nusra", "jabhat_fath_al_sham", "hts", "jund_al_aqsa", "syrian_government_forces",
                "liwa_al_tawba", "jaish_al_usra", "kataib_al_hamza", "iranian_militias", "syrian_rebels",
                "mujahideen", "local_battalions", "hezbollah", "russian_forces", "us_led_coalition", "sdf", "ypg"]


def raw_catalogue() -> dict:
    """The packaged JSON, refusing duplicate keys at any depth."""

    def no_duplicates(pairs):
        duplicated = [k for k, n in Counter(k for k, _ in pairs).items() if n > 1]
        assert not duplicated, f"duplicate keys {duplicated}"
        return dict(pairs)

    def strict(name: str) -> dict:
        text = (resources.files("isnad") / "data" / name).read_text(encoding="utf-8")
        return json.loads(text, object_pairs_hook=no_duplicates)

    raw = strict("actors.json")
    for name in regional_catalogue_files():
        part = strict(name)
        assert part["_about"] and part["actors"], name
        raw["sides"] += [side for side in part.get("sides", []) if side not in raw["sides"]]
        raw["actors"] += part["actors"]
    return raw


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return default_catalogue()


# ------------------------------------------------------------------ the packaged data

def test_packaged_catalogue_validates():
    raw = raw_catalogue()
    assert raw["_about"]
    assert validate(raw) == []


def test_size_and_every_category_used(cat):
    assert len(cat) >= 150
    used = Counter(actor.category for actor in cat)
    assert set(used) == set(CATEGORIES), set(CATEGORIES) - set(used)


def test_required_ids(cat):
    assert [i for i in REQUIRED_IDS if cat.get(i) is None] == []


def test_loads_fast_and_default_is_cached():
    assert default_catalogue() is default_catalogue()
    best = min(_timed_load() for _ in range(3))
    assert best < 0.2, f"loading took {best:.3f}s"


def _timed_load() -> float:
    start = time.perf_counter()
    Catalogue.load()
    return time.perf_counter() - start


def test_container_protocol(cat):
    assert len(list(cat)) == len(cat) == len(cat.actors)
    assert "isis" in cat and cat.get("no_such_actor") is None
    assert cat.get("isis").name == "تنظيم الدولة الإسلامية"


def test_aliases_include_canonical_names(cat):
    rows = cat.aliases()
    assert ("جبهة النصرة", "nusra", Alias("جبهة النصرة", "name")) in rows
    assert any(text == "الدواعش" and actor_id == "isis" for text, actor_id, _ in rows)
    assert len({alias_key(text) for text, _, _ in rows}) == len(rows)


def test_no_bare_ambiguous_words(cat):
    keys = {alias_key(text) for text, _, _ in cat.aliases()}
    for word in ("الدولة", "التنظيم", "النصر", "الحمزة", "الجيش", "القاعدة", "التحالف", "الحشد"):
        assert alias_key(word) not in keys, word


def test_generic_collective_actors(cat):
    for actor_id in ("syrian_government_forces", "syrian_rebels", "iranian_militias", "us_led_coalition",
                     "mujahideen", "local_battalions", "civilians", "protesters"):
        assert cat.get(actor_id).generic, actor_id
    assert not cat.get("isis").generic


# ------------------------------------------------------------------ lookups

@pytest.mark.parametrize("text, actor_id", [
    ("الدواعش", "isis"),
    ("تنظيم الدولة", "isis"),
    ("داعش", "isis"),
    ("تنظيم “داعش”", "isis"),
    ("الدولة الإسلامية في العراق والشام", "isis"),
    ("الخوارج", "isis"),
    ("قسد", "sdf"),
    ("قوات النظام", "syrian_government_forces"),
    ("النظام", "syrian_government_forces"),
    ("جبهة فتح الشام", "jabhat_fath_al_sham"),
    ("هيئة تحرير الشام", "hts"),
    ("جبهة النصرة", "nusra"),
    ("النصرة", "nusra"),
    ("جند الأقصى", "jund_al_aqsa"),
    ("جند الاقصى", "jund_al_aqsa"),
    ("لواء التوبة", "liwa_al_tawba"),
    ("جيش العسرة", "jaish_al_usra"),
    ("كتائب الحمزة", "kataib_al_hamza"),
    ("فرقة الحمزة", "hamza_division"),
    ("ميليشيات إيرانية", "iranian_militias"),
    ("الثوار", "syrian_rebels"),
    ("فصائل ثورية", "syrian_rebels"),
    ("المجاهدون", "mujahideen"),
    ("كتائب مستقلة", "local_battalions"),
    ("حزب الله", "hezbollah"),
    ("الحشد الشعبي", "pmf"),
    ("التحالف الدولي", "us_led_coalition"),
    ("وحدات حماية الشعب", "ypg"),
    ("العمشات", "suleiman_shah_division"),
])
def test_by_alias(cat, text, actor_id):
    actor = cat.by_alias(text)
    assert actor is not None and actor.id == actor_id


@pytest.mark.parametrize("text", ["التنظيم", "الدولة", "الجيش", "حلب", ""])
def test_by_alias_unknown(cat, text):
    assert cat.by_alias(text) is None


@pytest.mark.parametrize("actor_id, on, expected", [
    ("nusra", "2016-02-25", "nusra"),
    ("nusra", "2016-07-28", "jabhat_fath_al_sham"),
    ("nusra", "2016-08-01", "jabhat_fath_al_sham"),
    ("nusra", "2017-02-01", "hts"),
    ("nusra", "2017-03-01", "hts"),
    ("jabhat_fath_al_sham", "2017-01-27", "jabhat_fath_al_sham"),
    ("hts", "2020-01-01", "hts"),
    ("islamic_state_of_iraq", "2014-01-01", "isis"),
    ("al_qaeda_in_iraq", "2012-01-01", "islamic_state_of_iraq"),
    ("al_qaeda_in_iraq", "2015-01-01", "isis"),
    ("tiger_forces", "2020-01-01", "syrian_25th_division"),
    ("liwa_al_tawba", "2016-02-25", "liwa_al_tawba"),
])
def test_successor(cat, actor_id, on, expected):
    assert cat.successor(actor_id, dt.date.fromisoformat(on)) == expected


def test_successor_unknown_actor(cat):
    with pytest.raises(KeyError):
        cat.successor("no_such_actor", dt.date(2016, 1, 1))


@pytest.mark.parametrize("text, side", [
    ("الخوارج", "jihadist"),
    ("الدواعش", "opposition"),
    ("الدولة الإسلامية", "jihadist"),
    ("المسلحين", "government"),
    ("الإرهابيين", "government"),
    ("الثوار", "opposition"),
    ("جبهة النصرة", None),
    ("كلمة غير معروفة", None),
])
def test_side_of(cat, text, side):
    assert cat.side_of(text) == side


def test_khanasir_gold_actors_resolve(cat):
    gold_file = SHARED / "examples" / "khanasir-2016-02-25.gold.json"
    if not gold_file.exists():
        pytest.skip("shared gold file not available")
    for actor in json.loads(gold_file.read_text(encoding="utf-8"))["actors"]:
        if actor.get("optional"):
            continue
        found = {a.id for name in actor["names"] if (a := cat.by_alias(name)) is not None}
        assert found == {actor["key"]}, (actor["key"], found)


# ------------------------------------------------------------------ the validator

def _minimal() -> dict:
    actor = {"id": "one", "name": "جيش الأول", "name_en": "First Army", "category": "Rebel group", "country": "SY",
             "generic": False, "active": {"from": "2012-01-01", "to": None},
             "aliases": [{"text": "الأول", "kind": "short", "side": None}], "relations": [], "sources": "test"}
    other = {**copy.deepcopy(actor), "id": "two", "name": "جيش الثاني", "name_en": "Second Army",
             "aliases": [{"text": "الثاني", "kind": "short", "side": "opposition"}],
             "relations": [{"type": "renamed_to", "target": "one", "from": "2013-01-01", "to": None}]}
    return {"_about": "test", "categories": list(CATEGORIES), "sides": ["opposition", "government"],
            "actors": [actor, other]}


def _set(path, value):
    def apply(raw):
        node = raw
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return apply


BAD = [
    ("duplicate alias across actors", _set(("actors", 1, "aliases", 0, "text"), "الاول"),
     "duplicate alias"),
    ("alias repeats the canonical name", _set(("actors", 0, "aliases", 0, "text"), "جيش الأوّل"),
     "within the actor"),
    ("inverted range", _set(("actors", 0, "active"), {"from": "2015-01-01", "to": "2014-01-01"}),
     "inverted range"),
    ("inverted relation range", _set(("actors", 1, "relations", 0, "to"), "2012-06-01"), "inverted range"),
    ("unknown category", _set(("actors", 0, "category"), "Militants"), "unknown category"),
    ("unknown relation target", _set(("actors", 1, "relations", 0, "target"), "nobody"),
     "unknown relation target"),
    ("unknown relation type", _set(("actors", 1, "relations", 0, "type"), "became"), "unknown relation type"),
    ("unknown side", _set(("actors", 1, "aliases", 0, "side"), "rebels"), "unknown side"),
    ("unknown alias kind", _set(("actors", 1, "aliases", 0, "kind"), "nickname"), "unknown kind"),
    ("duplicate id", _set(("actors", 1, "id"), "one"), "duplicate id"),
    ("bad date", _set(("actors", 0, "active"), {"from": "2012", "to": None}), "not YYYY-MM-DD"),
    ("impossible date", _set(("actors", 1, "relations", 0, "from"), "2013-02-30"), "not YYYY-MM-DD"),
    ("missing Arabic name", _set(("actors", 0, "name"), "First Army"), "missing Arabic name"),
    ("categories not ACLED", _set(("categories",), ["Rebel group"]), "ACLED"),
]


def test_minimal_fixture_is_valid():
    assert validate(_minimal()) == []


@pytest.mark.parametrize("label, mutate, expected", BAD, ids=[b[0] for b in BAD])
def test_validate_reports(label, mutate, expected):
    raw = _minimal()
    mutate(raw)
    problems = validate(raw)
    assert any(expected in p for p in problems), problems


def test_load_refuses_an_invalid_file(tmp_path):
    raw = _minimal()
    raw["actors"][0]["category"] = "Militants"
    path = tmp_path / "actors.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValueError, match="unknown category"):
        Catalogue.load(path)


def test_load_from_path(tmp_path):
    path = tmp_path / "actors.json"
    path.write_text(json.dumps(_minimal(), ensure_ascii=False), encoding="utf-8")
    small = Catalogue.load(path)
    assert len(small) == 2
    assert small.by_alias("الثاني").id == "two" and small.side_of("الثاني") == "opposition"
    assert small.successor("two", dt.date(2014, 1, 1)) == "one"
    assert small.successor("two", dt.date(2012, 6, 1)) == "two"
