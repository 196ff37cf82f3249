"""The corpus store and ingest, on SQLite and on PostgreSQL (``ISNAD_TEST_POSTGRES``; `.ci/run` starts one)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from conftest import EXAMPLE

from isnad.corpus import dedup
from isnad.corpus.ingest import ingest, ingest_paths
from isnad.text.inputs import read_documents
from isnad.corpus.store import Base, Filters, NewArticle, ReprintRule, Store, search_terms


@pytest.fixture
def store(db_url):
    s = Store.open(db_url)
    yield s
    s.close()


EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")
# a second, unrelated report (written for the tests after the news of Baly R-10's claim)
OTHER = ("التحالف: أقل من ألف مقاتل للتنظيم ما زالوا في العراق وسوريا\n"
         "بيروت (رويترز) - أعلن التحالف الدولي بقيادة واشنطن يوم الأربعاء أن عدد مقاتلي تنظيم "
         "الدولة الإسلامية الباقين في العراق وسوريا تراجع إلى أقل من ألف مقاتل أي نحو ثلث تقديره قبل ثلاثة "
         "أسابيع.\n")


def _write(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


def _reprint_of_example() -> str:
    """The example as another outlet runs it: its own headline, a share line, the same body."""
    body = EXAMPLE_TEXT.split("\n", 1)[1]
    return "مصدر عسكري ينفي مشاركة جند الأقصى في معركة خناصر\n" + body + "\nشارك هذا الخبر على فيسبوك وتويتر\n"


def test_ingesting_twice_keeps_one_copy(store, pipeline, tmp_path):
    folder = _write(tmp_path / "in", {"khanasir.txt": EXAMPLE_TEXT, "coalition.txt": OTHER,
                                      "khanasir-copy.txt": EXAMPLE_TEXT.replace("\n", "\r\n")})
    first = ingest_paths(store, [str(folder)], pipeline)
    assert (len(first.added), first.skipped, first.errors) == (2, 1, [])
    again = ingest_paths(store, [str(folder)], pipeline)
    assert (len(again.added), again.skipped) == (0, 3)
    assert store.count() == 2
    stats = store.stats()
    assert stats["claims"] >= 8 and stats["events"] >= 6 and stats["first"] == "2016-02-25"


def test_stored_record_round_trips(store, pipeline, check_record):
    record = pipeline(EXAMPLE_TEXT, id="khanasir")
    store.add_batch([NewArticle(record=record, content_hash=dedup.content_hash(record.text))])
    (stored,) = list(store.articles())
    assert stored.record == record
    check_record(stored.record.to_dict())
    rows = store.claim_rows()
    assert {r.local_id: r.stance for r in rows}["c1"] == "deny"
    assert next(r for r in rows if r.local_id == "c1").affiliation_key == "nusra"
    assert any(r.actor1_key == "jund_al_aqsa" and r.status == "denied" and r.pcode == "C2169"
               for r in store.event_rows())


def test_a_reprint_is_linked_to_the_earlier_report(store, pipeline, tmp_path):
    folder = _write(tmp_path / "in", {"a-original.txt": EXAMPLE_TEXT, "b-other.txt": OTHER})
    ingest_paths(store, [str(folder)], pipeline)
    later = _write(tmp_path / "later", {"reprint.txt": _reprint_of_example()})
    report = ingest_paths(store, [str(later)], pipeline)
    assert report.reprints == 1
    (reprint_id,) = report.added
    reprint = store.get(reprint_id)
    original = store.get(reprint.duplicate_of)
    assert original.record.title.startswith("ما حقيقة مشاركة") and reprint.similarity >= dedup.REPRINT_THRESHOLD
    assert store.reprints(original.id) == [reprint_id]
    assert store.stats()["reprints"] == 1


def test_an_older_reprint_becomes_the_original(store, pipeline, tmp_path):
    folder = _write(tmp_path / "in", {"khanasir.txt": EXAMPLE_TEXT})
    ingest_paths(store, [str(folder)], pipeline)
    older = _reprint_of_example().replace("\n", "\n24 شباط 2016\n", 1)
    report = ingest_paths(store, [str(_write(tmp_path / "old", {"old.txt": older}))], pipeline)
    (older_id,) = report.added
    assert store.get(older_id).published == "2016-02-24" and store.get(older_id).duplicate_of is None
    first = next(a for a in store.articles() if a.id != older_id)
    assert first.duplicate_of == older_id


def test_a_failing_batch_stores_nothing_of_itself(store, pipeline):
    good = pipeline(OTHER)
    store.add_batch([NewArticle(record=good, content_hash=dedup.content_hash(good.text))])
    record = pipeline(EXAMPLE_TEXT)
    fp = dedup.fingerprint(record.text)
    items = [NewArticle(record=record, content_hash="x" * 64, fingerprint=fp.to_bytes(), bands=tuple(dedup.band_keys(fp))),
             NewArticle(record=record, content_hash="y" * 64, fingerprint=b"broken", bands=tuple(dedup.band_keys(fp)))]

    def similarity(a: bytes, b: bytes) -> float:
        return dedup.similarity(dedup.Fingerprint.from_bytes(a), dedup.Fingerprint.from_bytes(b))

    with pytest.raises(ValueError):
        store.add_batch(items, reprints=ReprintRule(similarity, 0.7))
    assert store.count() == 1 and store.search("خناصر") == []


def test_bad_inputs_are_reported_and_the_batch_goes_on(store, pipeline, tmp_path):
    folder = _write(tmp_path / "in", {"empty.txt": "", "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00binary",
                                      "broken.json": "{\"text\": ", "good.txt": EXAMPLE_TEXT})
    report = ingest_paths(store, [str(folder)], pipeline)
    assert len(report.added) == 1 and len(report.errors) == 3
    assert all(any(name in e for name in ("empty.txt", "image.txt", "broken.json")) for e in report.errors)


@pytest.mark.parametrize("query, found", [
    ("وخناصر", True),  # a clitic on the query word
    ("بالخوارج", True),
    ("مباراة كرة القدم", False),
])
def test_search_matches_stems(store, pipeline, query, found):
    record = pipeline(EXAMPLE_TEXT)
    store.add_batch([NewArticle(record=record, content_hash=dedup.content_hash(record.text))])
    hits = store.search(query)
    assert bool(hits) is found


def test_search_ranks_by_bm25_and_filters(store, pipeline):
    for text in (EXAMPLE_TEXT, OTHER):
        rec = pipeline(text)
        store.add_batch([NewArticle(record=rec, content_hash=dedup.content_hash(rec.text))])
    hits = store.search("مقاتلي التحالف في العراق وخناصر")
    assert len(hits) == 2 and hits[0].score > hits[1].score  # two rare terms beat one, however repeated
    coalition, khanasir = hits[0].article_id, hits[1].article_id
    assert store.get(coalition).record.title.startswith("التحالف")
    assert [h.article_id for h in store.search("جند الأقصى في خناصر والعراق")] == [khanasir, coalition]
    assert [h.article_id for h in store.search("العراق خناصر", filters=Filters(actor="jund_al_aqsa"))] == [khanasir]
    assert [h.article_id for h in store.search("العراق خناصر", filters=Filters(place="C2169"))] == [khanasir]
    assert [h.article_id for h in store.search("العراق خناصر", filters=Filters(place="خناصر"))] == [khanasir]
    assert store.search("العراق خناصر", filters=Filters(date_from="2016-03-01")) == []


@pytest.mark.parametrize("text, terms", [
    ("وبالجيش السوري", ["جيش", "سوري"]),
    ("لجنوده في خناصر", ["جنود", "في", "خناصر"]),
    ("25 شباط", ["25", "شباط"]),
])
def test_search_terms_drop_clitics(text, terms):
    assert search_terms(text) == terms


def test_migrations_match_the_models(db_url):
    store = Store.open(db_url)
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    ignored = {"article_terms", "terms_tsv", "ix_articles_terms_tsv"}
    assert [d for d in diffs if not any(name in str(d) for name in ignored)] == []
    Store.open(db_url)  # upgrading an up-to-date store is a no-op
    store.close()


def test_killed_ingest_resumes_without_loss_or_doubling(db_url, tmp_path):
    """Kill the ingest process mid-run, run it again: every article once."""
    sentences = [s for s in EXAMPLE_TEXT.split("\n") if len(s) > 60]
    folder = tmp_path / "many"
    folder.mkdir()
    texts = []
    for i in range(120):
        text = f"تقرير رقم {i}: {sentences[i % len(sentences)]}\n{sentences[(i * 7 + 3) % len(sentences)]} ({i})\n"
        texts.append(text)
        (folder / f"{i:03d}.txt").write_text(text, encoding="utf-8")
    env = {**os.environ, "ISNAD_DB": db_url}
    cmd = [sys.executable, "-m", "isnad.cli", "ingest", str(folder), "--batch-size", "3", "--quiet"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    store = Store.open(db_url)
    deadline = time.time() + 120
    while store.count() < 6 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed: " + proc.stderr.read().decode()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    interrupted = store.count()
    assert 6 <= interrupted < 120
    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{120 - interrupted} added, {interrupted} already stored" in rerun.stderr
    assert store.count() == 120
    stored = {a.record.text for a in store.articles()}
    assert stored == {t.strip("\n") for t in texts}
    store.close()


def test_ingest_reads_documents_lazily(store, pipeline, tmp_path):
    """A generator of documents is consumed batch by batch (nothing is read ahead of the store)."""
    folder = _write(tmp_path / "in", {f"{i}.txt": f"{OTHER}\nفقرة {i}" for i in range(5)})
    seen = []

    def docs():
        for d in read_documents([str(folder)]):
            seen.append(store.count())
            yield d

    report = ingest(store, docs(), pipeline, registry=_registry(), batch_size=2)
    assert len(report.added) == 5 and seen == [0, 0, 2, 2, 4]


def _registry():
    from isnad.knowledge.sources import SourceRegistry

    return SourceRegistry.load()


def test_an_article_annotated_for_two_claims_keeps_both_annotations(store, pipeline, tmp_path):
    """Baly retrieved some pages for several claims: one stored article, one annotation per claim."""
    def claim_file(claim_id: str, stance: str) -> str:
        return json.dumps({"id": claim_id, "claim": f"ادعاء {claim_id}", "fact": "true", "article": [OTHER],
                           "url": ["https://www.reuters.com/x"], "stance": [stance], "rationale": ["[1]"]},
                          ensure_ascii=False)

    _write(tmp_path / "a", {"R-1.json": claim_file("R-1", "agree")})
    _write(tmp_path / "b", {"R-2.json": claim_file("R-2", "discuss"), "R-3.json": claim_file("R-3", "unrelated")})
    ingest_paths(store, [str(tmp_path / "a")], pipeline)
    report = ingest_paths(store, [str(tmp_path / "b")], pipeline)
    assert report.added == [] and store.count() == 1
    golds = store.golds()
    assert {c: [g.stance for _, g in rows] for c, rows in golds.items()} == \
        {"R-1": ["agree"], "R-2": ["discuss"], "R-3": ["unrelated"]}
    (stored,) = store.articles()
    assert stored.outlet is not None and stored.outlet.name_en == "Reuters"
