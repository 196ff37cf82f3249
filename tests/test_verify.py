"""Verifying a claim against the corpus: testimonies, parties, chains, reprints, the verdict."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE

from isnad.corpus import dedup
from isnad.cli import main
from isnad.corpus.store import NewArticle, Store
from isnad.verify.verdict import Where, claim_query, format_report, verify

CLAIM = "شارك جند الأقصى في هجوم داعش على خناصر"
EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def example_store(db_url, pipeline):
    store = Store.open(db_url)
    record = pipeline(EXAMPLE_TEXT, id="khanasir")
    store.add_batch([NewArticle(record=record, content_hash=dedup.content_hash(record.text))])
    yield store
    store.close()


@pytest.mark.parametrize("claim, propositions", [
    (CLAIM, {("Battles", "isis", "C2169"), ("Battles", "jund_al_aqsa", "C2169")}),
    ("قصف الطيران الروسي مدينة إدلب", {("Explosions/Remote violence", "russian_forces", "C3871")}),
    ("سيطرت قوات النظام على مدينة تدمر", {("Battles", "syrian_government_forces", "C2889")}),
])
def test_a_claim_is_read_into_propositions(pipeline, claim, propositions):
    query = claim_query(claim, pipeline)
    assert {(p.event_type, p.actor, p.place) for p in query.propositions} >= propositions


def test_the_example_denial_by_a_party_and_the_origin_of_the_story(example_store, pipeline, classifier):
    report = verify(CLAIM, example_store, pipeline, classifier)
    (finding,) = report.findings
    denials = [t for t in finding.testimonies if t.position == "denies"]
    assert denials, finding.testimonies
    denial = denials[0]
    assert denial.chain[-1].claim == "c1" and denial.chain[-1].anonymous
    assert denial.side == "جبهة النصرة" and denial.party and "جبهة النصرة" in denial.party_reason
    participation = next(i for i, p in enumerate(report.query.propositions) if p.actor == "jund_al_aqsa")
    assert denial.proposition == participation
    (origin,) = finding.origins
    assert [link.claim for link in origin] == ["c4", "c5"] and origin[-1].speaker == "عبد اللطيف"
    assert report.verdict == "denied" and report.earliest == finding.article_id
    text = format_report(report)
    assert "PARTY" in text and "ORIGIN عبد اللطيف" in text and "مصدر عسكري" in text


def test_an_unrelated_claim_is_unverified(example_store, pipeline, classifier):
    report = verify("افتتاح معرض الكتاب في القاهرة", example_store, pipeline, classifier)
    assert report.verdict == "unverified" and report.independent == 0


def test_a_reprint_counts_once(db_url, pipeline, classifier):
    store = Store.open(db_url)
    from isnad.corpus.ingest import reprint_rule

    reprint = "مصدر ينفي مشاركة جند الأقصى في معركة خناصر\n" + EXAMPLE_TEXT.split("\n", 1)[1]
    for i, text in enumerate((EXAMPLE_TEXT, reprint)):
        rec = pipeline(text, id=f"a{i}")
        fp = dedup.fingerprint(rec.text)
        store.add_batch([NewArticle(record=rec, content_hash=dedup.content_hash(rec.text), fingerprint=fp.to_bytes(),
                                    bands=tuple(dedup.band_keys(fp)))], reprints=reprint_rule())
    report = verify(CLAIM, store, pipeline, classifier)
    assert len([f for f in report.findings if f.testimonies]) == 2 and report.independent == 1
    assert sum(f.reprint_of is not None for f in report.findings) == 1
    store.close()


def test_verify_on_the_command_line(tmp_path):
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", str(EXAMPLE), "--db", db, "--quiet"])
    assert ingested.exit_code == 0, ingested.output
    out = runner.invoke(main, ["verify", CLAIM, "--db", db])
    assert out.exit_code == 0, out.output
    assert "Verdict  denied" in out.output and "PARTY" in out.output and "عبد اللطيف" in out.output
    as_json = json.loads(runner.invoke(main, ["verify", CLAIM, "--db", db, "--format", "json"]).output)
    assert as_json["verdict"] == "denied" and as_json["findings"][0]["origins"][0][-1]["speaker"] == "عبد اللطيف"
    assert runner.invoke(main, ["verify", CLAIM, "--db", db, "--actor", "hezbollah"]).output.count("unverified") >= 1
    bad = runner.invoke(main, ["verify", CLAIM, "--db", db, "--from", "last week"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


ALEPPO = Where("SY02", "SY02", 36.2, 37.15)
KHANASIR = Where("C2169", "SY02", 35.79, 37.50)
RASM_AL_SAYALA = Where("C2172", "SY02", 35.85, 37.43)
IDLIB_CITY = Where("C3871", "SY07", 35.93, 36.63)


@pytest.mark.parametrize("a, b, compatible", [
    (KHANASIR, KHANASIR, True),
    (KHANASIR, ALEPPO, True),  # a governorate and a town in it
    (KHANASIR, RASM_AL_SAYALA, True),  # villages ~10 km apart
    (KHANASIR, IDLIB_CITY, False),
    (ALEPPO, IDLIB_CITY, False),
    (Where("خناصر", None, None, None), Where("خناصر", None, None, None), True),  # same name, no coordinates
])
def test_places_are_compatible_when_the_same_scene(a, b, compatible):
    assert a.compatible(b) is compatible and b.compatible(a) is compatible


def test_an_article_naming_only_the_governorate_does_not_place_an_event_at_the_town():
    """An event without a place is placed by the article's places, but a governorate is too wide."""
    assert not KHANASIR.compatible(ALEPPO, governorate=False)
    assert KHANASIR.compatible(RASM_AL_SAYALA, governorate=False)
