"""Every required event of the development set's gold files (tests/gold/) is a test case: the article is
analysed as users run isnad and some event of its record must match, as ../shared/eval/score.py
matches (type, status class, actor1, place; scripts/dev_set.event_mismatch). The events isnad misses
today are listed in tests/tables/dev_events.known-misses.txt, each a strict expected failure, so a fix
shows up."""

from __future__ import annotations

import json
import sys
from functools import lru_cache

import pytest
from conftest import ROOT, SHARED, known_misses, require_shared

sys.path.insert(0, str(ROOT / "scripts"))
import dev_set  # noqa: E402

MISSES = "dev_events.known-misses.txt"


@lru_cache(maxsize=1)
def _golds() -> dict[str, dict]:
    """The gold files by article id, in file order."""
    return {g["id"]: g for g in (json.loads(p.read_text(encoding="utf-8")) for p in dev_set.gold_files())}


def _gold_events() -> list[tuple[str, int, dict]]:
    return [(doc_id, n, event) for doc_id, gold in _golds().items()
            for n, event in enumerate(gold.get("events", [])) if not event.get("optional")]


def _params():
    misses = known_misses(MISSES)
    mark = pytest.mark.xfail(strict=True, raises=AssertionError, reason=f"known miss, listed in {MISSES}")
    for doc_id, n, _ in _gold_events():
        case = f"{doc_id}:{n}"
        yield pytest.param(doc_id, n, id=case, marks=[mark] if case in misses else [])


@lru_cache(maxsize=1)
def _scorer():
    require_shared(SHARED / "eval" / "score.py")
    return dev_set._scorer(SHARED)


@lru_cache(maxsize=1)
def _records() -> dict[str, dict]:
    """The development set's records, analysed once for the module."""
    require_shared(SHARED / "data" / "ant" / "ant-2018.jsonl.gz")
    import isnad

    golds = list(_golds().values())
    docs = dev_set.documents([(g["corpus"], g["id"]) for g in golds], SHARED)
    records = isnad.load().pipe(docs[(g["corpus"], g["id"])] for g in golds)
    return {g["id"]: json.loads(r.to_json()) for g, r in zip(golds, records)}


@pytest.mark.parametrize("doc_id,n", list(_params()))
def test_development_set_event(doc_id, n):
    scorer, record, gold = _scorer(), _records()[doc_id], _golds()[doc_id]
    g = gold["events"][n]
    attempts = [(e.get("trigger", {}).get("text"), dev_set.event_mismatch(scorer, record, gold, g, e))
                for e in record.get("events") or []]
    assert any(not why for _, why in attempts), (g["type"], g.get("actor1"), g.get("place"), g["status"],
                                                 sorted(attempts, key=lambda a: len(a[1]))[:2])
