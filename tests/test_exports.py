"""Exports: ACLED CSV, GeoJSON and JSON Lines over the example article's record."""

from __future__ import annotations

import csv
import io
import json

import pytest

from isnad.corpus.exports import (
    EXTENSION_COLUMNS,
    ExportItem,
    acled_tables,
    disorder_type,
    event_day,
    event_id_cnty,
    inter_code,
    interaction,
    safe_cell,
    write_acled_csv,
    write_geojson,
    write_jsonl,
)


@pytest.fixture(scope="module")
def khanasir(example_text):
    from isnad.analysis.pipeline import Pipeline

    return Pipeline()(example_text, id="khanasir-2016-02-25")


@pytest.fixture(scope="module")
def item(khanasir):
    return ExportItem(khanasir, outlet="عنب بلدي", source_scale="National", url="https://example.org/khanasir")


def _rows(items, **kw) -> tuple[list[str], list[dict[str, str]]]:
    buf = io.StringIO()
    write_acled_csv(items, buf, **kw)
    reader = csv.DictReader(io.StringIO(buf.getvalue()))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


# ---------------------------------------------------------------- code tables

@pytest.mark.parametrize("inter1, inter2, expected", [
    (1, 2, 12), (2, 1, 12), (2, None, 20), (None, 3, 30), (8, 7, 78), (1, 1, 11), (None, None, None)])
def test_interaction(inter1, inter2, expected):
    assert interaction(inter1, inter2) == expected


@pytest.mark.parametrize("actor_type, code", [
    ("State forces", 1), ("Rebel group", 2), ("Political militia", 3), ("Identity militia", 4), ("Rioters", 5),
    ("Protesters", 6), ("Civilians", 7), ("External/Other forces", 8), (None, None), ("unknown", None)])
def test_inter_codes(actor_type, code):
    assert inter_code(actor_type) == code


def test_inter_codes_cover_the_catalogue_categories():
    from isnad.knowledge.catalogue import CATEGORIES

    assert [inter_code(c) for c in CATEGORIES] == list(range(1, 9))


@pytest.mark.parametrize("event_type, sub, expected", [
    ("Battles", "Armed clash", "Political violence"),
    ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
    ("Violence against civilians", "Attack", "Political violence"),
    ("Protests", "Peaceful protest", "Demonstrations"),
    ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
    ("Riots", "Mob violence", "Political violence; Demonstrations"),
    ("Strategic developments", "Other", "Strategic developments")])
def test_disorder_type(event_type, sub, expected):
    assert disorder_type(event_type, sub) == expected


@pytest.mark.parametrize("start, end, day", [
    ("2016-02-25", "2016-02-25", "2016-02-25"), ("2016-02-23", "2016-02-25", "2016-02-24"),
    ("2016-02-16", "2016-02-25", "2016-02-20"), ("2016-02-01", "2016-02-29", "2016-02-15"),
    ("2015-12-31", "2016-01-01", "2015-12-31")])
def test_event_day_is_the_middle_of_the_range(start, end, day):
    assert event_day(start, end) == day


def test_event_id_is_stable_and_acled_shaped():
    first = event_id_cnty("khanasir-2016-02-25", "v1")
    assert first == event_id_cnty("khanasir-2016-02-25", "v1")
    assert first != event_id_cnty("khanasir-2016-02-25", "v2")
    assert first.startswith("SYR") and len(first) == 12 and first[3:].isdigit()


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("خناصر", "خناصر"), ("2016-02-24", "2016-02-24"),
    (-61.8468, -61.8468), (12, 12), ("", "")])
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_country_table_has_every_gazetteer_country():
    from isnad.knowledge.gazetteer import default_gazetteer

    countries = acled_tables().countries
    assert {p.id for p in default_gazetteer() if p.kind == "country"} <= set(countries)
    assert countries["SY"] == {"iso": 760, "iso3": "SYR", "region": "Middle East"}
    assert countries["IQ"]["iso"] == 368 and countries["TR"]["iso"] == 792 and countries["LB"]["iso"] == 422


# ---------------------------------------------------------------- ACLED CSV on the example

@pytest.mark.parametrize("column, value", [
    ("event_date", "2016-02-24"), ("year", "2016"), ("time_precision", "2"), ("disorder_type", "Political violence"),
    ("event_type", "Battles"), ("sub_event_type", "Armed clash"), ("actor1", "Islamic State (ISIS/ISIL, Daesh)"),
    ("inter1", "2"), ("actor2", "Syrian government forces (collective)"), ("inter2", "1"), ("interaction", "12"),
    ("civilian_targeting", ""), ("iso", "760"), ("region", "Middle East"), ("country", "Syria"),
    ("admin1", "Aleppo"), ("admin2", "As-Safira"), ("admin3", "Khanaser"), ("location", "Khanaser"),
    ("latitude", "35.77954"), ("longitude", "37.49737"), ("geo_precision", "1"), ("source", "عنب بلدي"),
    ("source_scale", "National"), ("fatalities", "0"), ("tags", "date range=2016-02-23/2016-02-25"),
    ("timestamp", "1456358400"), ("isnad_article", "khanasir-2016-02-25"), ("isnad_status", "reported"),
    ("isnad_url", "https://example.org/khanasir")])
def test_khanasir_attack_row(item, column, value):
    _, rows = _rows([item])
    row = next(r for r in rows if r["isnad_event"] == "v1")
    assert row[column] == value


def test_header_is_acleds_then_isnads(item):
    header, _ = _rows([item])
    assert header == list(acled_tables().columns) + list(EXTENSION_COLUMNS)
    assert header[:5] == ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type"]
    header, _ = _rows([item], extensions=False)
    assert header == list(acled_tables().columns)


def test_only_reported_events_by_default(item, khanasir):
    _, rows = _rows([item])
    reported = [e.id for e in khanasir.events if e.status == "reported"]
    assert [r["isnad_event"] for r in rows] == reported
    assert {r["isnad_status"] for r in rows} == {"reported"}


def test_other_statuses_carry_their_status_in_tags(item, khanasir):
    _, rows = _rows([item], statuses=("reported", "denied", "negated", "predicted", "threatened"))
    assert len(rows) == len(khanasir.events)
    denied = [r for r in rows if r["isnad_status"] == "denied"]
    assert denied and all("status=denied" in r["tags"] for r in denied)
    assert {r["actor1"] for r in denied} >= {"Jund al-Aqsa"}


def test_region_place_has_governorate_only(item):
    _, rows = _rows([item])
    row = next(r for r in rows if r["location"] == "Aleppo southern countryside")
    assert (row["admin1"], row["admin2"], row["admin3"], row["geo_precision"]) == ("Aleppo", "", "", "2")


def test_notes_keep_the_arabic_trigger_sentence(item):
    _, rows = _rows([item])
    note = next(r for r in rows if r["isnad_event"] == "v1")["notes"]
    assert "«هجوم»" in note and "خناصر" in note and "Source: عنب بلدي." in note


def test_rows_are_stable_across_runs(item):
    assert _rows([item]) == _rows([item])


def test_formula_cells_are_neutralised(khanasir):
    _, rows = _rows([ExportItem(khanasir, outlet="=cmd|' /C calc'!A0", source_scale="@x")])
    assert all(r["source"].startswith("'=") and r["source_scale"] == "'@x" for r in rows)


def test_empty_input_gives_the_header_only():
    buf = io.StringIO()
    stats = write_acled_csv([], buf)
    assert stats.written == 0
    assert buf.getvalue().splitlines() == [",".join(list(acled_tables().columns) + list(EXTENSION_COLUMNS))]


# ---------------------------------------------------------------- GeoJSON and JSON Lines

def test_geojson_is_valid_and_lon_first(item, khanasir):
    buf = io.StringIO()
    stats = write_geojson([item], buf)
    data = json.loads(buf.getvalue())
    assert data["type"] == "FeatureCollection"
    unlocated = sum(1 for e in khanasir.events if not e.place)
    assert stats.skipped_unlocated == unlocated == data["isnad_skipped_unlocated"]
    assert len(data["features"]) == stats.written == len(khanasir.events) - unlocated
    for f in data["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert 35 < lon < 43 and 32 < lat < 38  # Syria: the lon comes first
    v1 = next(f for f in data["features"] if f["properties"]["event_id"] == "v1")
    assert v1["geometry"]["coordinates"] == [37.49737, 35.77954]
    assert v1["properties"]["place_name"] == "خناصر" and v1["properties"]["url"] == "https://example.org/khanasir"
    v2 = next(f for f in data["features"] if f["properties"]["event_id"] == "v2")
    assert v2["properties"]["status"] == "denied" and v2["properties"]["claim"].startswith("أي مشاركة")


def test_geojson_of_nothing():
    buf = io.StringIO()
    assert write_geojson([], buf).written == 0
    assert json.loads(buf.getvalue())["features"] == []


def test_jsonl_keeps_the_record_and_adds_export(item, khanasir):
    buf = io.StringIO()
    stats = write_jsonl([item, ExportItem(khanasir)], buf)
    lines = buf.getvalue().splitlines()
    assert stats.written == len(lines) == 2
    first = json.loads(lines[0])
    assert first["schema"] == "isnad.article/1" and first["id"] == "khanasir-2016-02-25"
    assert first["export"] == {"outlet": "عنب بلدي", "source_scale": "National",
                               "url": "https://example.org/khanasir", "merged_id": None}
    assert "خناصر" in lines[0]  # Arabic written as is, not escaped
    assert {k: v for k, v in first.items() if k != "export"} == khanasir.to_dict()


# ---------------------------------------------------------------- hand-built records: abroad, civilians, merges

def _article():
    from isnad.record import Article, Entity, Event, EventDate, Span

    text = "قصفت طائرات التحالف الدولي مواقع في الموصل وقتلت 12 مدنياً."
    return Article(id="mosul-1", text=text, published="2017-03-02", entities=[
        Entity(id="e1", kind="actor", name="التحالف الدولي", name_en="US-led coalition", key="us_led_coalition",
               actor_type="External/Other forces"),
        Entity(id="e2", kind="place", name="الموصل", name_en="Mosul", lat=36.335, lon=43.1189, geo_precision=1,
               kind_detail="foreign_city"),
        Entity(id="e3", kind="actor", name="المدنيين", name_en="Civilians (Iraq)", key="civilians",
               actor_type="Civilians")],
        events=[Event(id="v1", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                      actor1="e1", actor2="e3", place="e2", status="reported", fatalities=12,
                      date=EventDate(start="2017-03-01", end="2017-03-01", precision=1),
                      trigger=Span(start=0, end=4, text="قصفت")),
                Event(id="v2", event_type="Battles", sub_event_type="Armed clash", place="e2", status="reported",
                      trigger=Span(start=0, end=4, text="قصفت"))])


@pytest.mark.parametrize("event, column, value", [
    ("v1", "country", "Iraq"), ("v1", "iso", "368"), ("v1", "region", "Middle East"), ("v1", "admin1", ""),
    ("v1", "location", "Mosul"), ("v1", "inter1", "8"), ("v1", "inter2", "7"), ("v1", "interaction", "78"),
    ("v1", "civilian_targeting", "Civilian targeting"), ("v1", "fatalities", "12"), ("v1", "event_date", "2017-03-01"),
    ("v1", "time_precision", "1"), ("v1", "tags", "merged=m-1"), ("v1", "isnad_merged", "m-1"),
    ("v2", "actor1", "Unidentified Armed Group (Iraq)"), ("v2", "inter1", "3"), ("v2", "interaction", "30"),
    ("v2", "event_date", "2017-03-02"), ("v2", "time_precision", "3"),
    ("v2", "tags", "date=publication; actor1 unidentified"), ("v2", "isnad_merged", "")])
def test_abroad_civilians_and_merges(event, column, value):
    _, rows = _rows([ExportItem(_article(), outlet="Reuters")], merged={"mosul-1/v1": "m-1"})
    row = next(r for r in rows if r["isnad_event"] == event)
    assert row[column] == value
    assert row["event_id_cnty"].startswith("IRQ")
