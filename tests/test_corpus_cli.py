"""The corpus commands end to end: ingest, stats, search, merged events, grouped claims, exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE

from isnad.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"


@pytest.fixture
def corpus(db_url, tmp_path) -> str:
    """A store holding the example, a second report of the Khanasir fighting and a Baly claim file."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "khanasir.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    for name in ("khanasir-other-report.txt", "baly-sample.json"):
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", db_url, "--quiet"])
    # the sample claim file holds one empty article: reported by name, the rest is stored
    assert result.exit_code == 1 and "baly-sample.json#2: no article text" in result.output, result.output
    assert "5 added, 0 already stored" in result.output and "1 failed" in result.output
    return db_url


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_stats_and_search(corpus):
    stats = dict(line.split(None, 1) for line in _run("corpus", "stats", "--db", corpus).splitlines())
    assert int(stats["articles"]) >= 3 and int(stats["claims"]) >= 8
    lines = _run("search", "خناصر", "--db", corpus).splitlines()
    assert len(lines) >= 2 and "ما حقيقة مشاركة" in "\n".join(lines)


def test_acled_csv_export(corpus):
    rows = list(csv.DictReader(io.StringIO(_run("export", "--format", "acled-csv", "--db", corpus))))
    khanasir = [r for r in rows if r["location"] in ("Khanaser", "Khanasir")]
    assert khanasir and all(r["admin1"] == "Aleppo" and r["iso"] == "760" for r in khanasir)
    assert {r["event_type"] for r in rows} <= {"Battles", "Explosions/Remote violence", "Violence against civilians",
                                               "Protests", "Riots", "Strategic developments"}
    assert all(r["isnad_status"] == "reported" for r in rows)
    everything = list(csv.DictReader(io.StringIO(_run("export", "--format", "acled-csv", "--all-statuses",
                                                       "--db", corpus))))
    assert any(r["isnad_status"] == "denied" for r in everything) and len(everything) > len(rows)


def test_geojson_and_jsonl_exports(corpus, tmp_path):
    out = tmp_path / "events.geojson"
    _run("export", "--format", "geojson", "--db", corpus, "-o", str(out), "--place", "C2169")
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and collection["features"]
    lon, lat = collection["features"][0]["geometry"]["coordinates"]
    assert 35 < lon < 43 and 32 < lat < 38
    records = [json.loads(line) for line in _run("export", "--format", "jsonl", "--db", corpus).splitlines()]
    assert len(records) >= 3 and all(r["schema"] == "isnad.article/1" for r in records)
    assert len({r["id"] for r in records}) == len(records)


def test_the_place_and_date_filters_select_events_not_articles(corpus):
    """--place and --from/--to act on where and when an event happened (the issue on ACLED's rules)."""
    every = list(csv.DictReader(io.StringIO(_run("export", "--format", "acled-csv", "--db", corpus))))
    # C2169 is خناصر: the example's other events (Rasm al-Sayala, Jabal al-Hass …) are left out
    at = list(csv.DictReader(io.StringIO(_run("export", "--format", "acled-csv", "--db", corpus, "--place", "C2169"))))
    assert at and len(at) < len(every) and {r["location"] for r in at} <= {"Khanaser", "Khanasir"}
    # SY02, Aleppo governorate, holds them
    aleppo = list(csv.DictReader(io.StringIO(_run("export", "--format", "acled-csv", "--db", corpus, "--place", "SY02"))))
    assert len(aleppo) > len(at) and all(r["admin1"] == "Aleppo" for r in aleppo)
    # the example (25 February 2016) dates most events 23-25 February and two from the 16th; the second
    # report's are of the 23rd; an undated event of an undated article meets no date query
    later = list(csv.DictReader(io.StringIO(_run("export", "--format", "acled-csv", "--db", corpus, "--from", "2016-02-24"))))
    assert later and len(later) < len(every)
    assert all((r["isnad_date_end"] or r["event_date"]) >= "2016-02-24" for r in later)
    early = list(csv.DictReader(io.StringIO(_run("export", "--format", "acled-csv", "--db", corpus, "--to", "2016-02-22"))))
    assert early and len(early) < len(later)
    assert all((r["isnad_date_start"] or r["event_date"]) <= "2016-02-22" for r in early)
    background = list(csv.DictReader(io.StringIO(_run("export", "--format", "acled-csv", "--db", corpus,
                                                       "--with-background"))))
    # the second report recalls ISIS taking Palmyra in May 2015
    assert [r["location"] for r in background if "background" in r["tags"]] == ["Tadmor"]
    assert len(background) == len(every) + 1 and all("background" not in r["tags"] for r in every)
    result = CliRunner().invoke(main, ["export", "--format", "acled-csv", "--db", corpus, "--to", "2016-02-31"])
    assert result.exit_code == 2 and "--to" in result.output


def test_merged_events_keep_every_report(corpus):
    merged = json.loads(_run("corpus", "events", "--db", corpus, "--format", "json", "--min-reports", "2"))
    assert merged, "the two Khanasir reports should share an event"
    assert all(len(m["reports"]) >= 2 and len({r["article"] for r in m["reports"]}) >= 2 for m in merged)
    # both say ISIS took the village of Rasm al-Sayala (سيطرة / سيطروا)
    assert any(m["actor1"] == "تنظيم الدولة الإسلامية" and m["event_type"] == "Battles" for m in merged)


def test_claim_views(corpus):
    speakers = _run("corpus", "claims", "--by", "speaker", "--db", corpus)
    assert "عبد اللطيف" in speakers
    assert "deny" in _run("corpus", "claims", "--by", "outlet", "--db", corpus)


def test_export_of_an_unreachable_database_names_it():
    result = CliRunner().invoke(main, ["export", "--format", "jsonl", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert result.exit_code == 1 and "cannot open the store postgresql://nobody@127.0.0.1:1/none" in result.output
