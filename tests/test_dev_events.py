"""Every required event of the development set's gold files (tests/gold/) is a test case: the article is
analysed as users run isnad and some event of its record must match, as ../shared/eval/score.py
matches (type, status class, actor1, place). The events isnad misses today are listed in
tests/tables/dev_events.known-misses.txt, each a strict expected failure, so a fix shows up."""

from __future__ import annotations

import importlib.util
import json
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from conftest import ROOT, SHARED, known_misses, require_shared

GOLD = ROOT / "tests" / "gold"
MISSES = "dev_events.known-misses.txt"


def _gold_events() -> list[tuple[str, int, dict]]:
    out = []
    for path in sorted(GOLD.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for n, event in enumerate(gold.get("events", [])):
            if not event.get("optional"):
                out.append((gold["id"], n, event))
    return out


def _params():
    misses = known_misses(MISSES)
    mark = pytest.mark.xfail(strict=True, raises=AssertionError, reason=f"known miss, listed in {MISSES}")
    for doc_id, n, event in _gold_events():
        case = f"{doc_id}:{n}"
        yield pytest.param(doc_id, n, id=case, marks=[mark] if case in misses else [])


@lru_cache(maxsize=1)
def _scorer():
    path = require_shared(SHARED / "eval" / "score.py")
    spec = importlib.util.spec_from_file_location("isnad_shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@lru_cache(maxsize=1)
def _records() -> dict[str, dict]:
    """The development set's records, analysed once for the module."""
    require_shared(SHARED / "data" / "ant" / "ant-2018.jsonl.gz")
    sys.path.insert(0, str(ROOT / "scripts"))
    import dev_set

    import isnad

    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.gold.json"))]
    docs = dev_set.documents([(g["corpus"], g["id"]) for g in golds], SHARED)
    nlp = isnad.load()
    records = nlp.pipe(docs[(g["corpus"], g["id"])] for g in golds)
    return {g["id"]: json.loads(r.to_json()) for g, r in zip(golds, records)}


@lru_cache(maxsize=None)
def _gold(doc_id: str) -> dict:
    return next(json.loads(p.read_text(encoding="utf-8")) for p in GOLD.glob("*.gold.json")
                if json.loads(p.read_text(encoding="utf-8"))["id"] == doc_id)


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _why_not(score, record: dict, gold: dict, g: dict, e: dict) -> list[str]:
    """What keeps a predicted event from matching a gold one (empty: it matches)."""
    ents = {x.get("id"): x for x in record.get("entities") or []}
    actors = {a["key"]: a for a in gold.get("actors", [])}
    places = {n: p for p in gold.get("places", []) for n in p["names"][:1]}
    why = []
    if (e.get("event_type") or "").lower() not in [t.lower() for t in _as_list(g["type"])]:
        why.append("type")
    if score.POLARITY.get(e.get("status"), "+") != score.POLARITY[g["status"]]:
        why.append("status")
    if g.get("actor1"):
        a1 = ents.get(e.get("actor1"))
        if not a1 or not any(score.names_match(a1, actors[k]["names"]) for k in _as_list(g["actor1"])):
            why.append("actor1")
    if g.get("place"):
        pl = ents.get(e.get("place"))
        if not pl or not any(score.place_match(pl, places[n]) for n in _as_list(g["place"])):
            why.append("place")
    return why


@pytest.mark.parametrize("doc_id,n", list(_params()))
def test_development_set_event(doc_id, n):
    score, record = _scorer(), _records()[doc_id]
    gold = _gold(doc_id)
    g = gold["events"][n]
    attempts = [(e.get("trigger", {}).get("text"), _why_not(score, record, gold, g, e)) for e in record.get("events") or []]
    assert any(not why for _, why in attempts), (g["type"], g.get("actor1"), g.get("place"), g["status"],
                                                 sorted(attempts, key=lambda a: len(a[1]))[:2])
