#!/usr/bin/env python3
"""Benchmark: analyse the Baly 2018 articles and report speed and memory.

    python scripts/bench.py [--data ../shared/data/baly2018] [--limit N]

Prints the load time of each service (catalogue, gazetteer, NER model, the entity stage's name
index, the claim, event and perspective lexicons), articles per second on one core for the whole
analysis, the time per article of tokenisation, the entity stage (and the NER model inside it),
claims, events with their dates, and perspective, the ratio of the full analysis time to a bare
regex tokenisation pass over the same texts (measured in the same run), and peak memory.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_articles(folder: Path, limit: int | None) -> list[str]:
    texts: list[str] = []
    for path in sorted((folder / "claims").glob("*.json")):
        texts.extend(t for t in json.loads(path.read_text(encoding="utf-8"))["article"] if t and t.strip())
    return texts[:limit] if limit else texts


def stage_times(pipeline, texts: list[str]) -> dict[str, float]:
    """Seconds spent in each stage over all texts, run stage by stage as the pipeline does."""
    from isnad.analysis.perspective import markers, perspective
    from isnad.analysis.pipeline import _dater, _sentences
    from isnad.analysis.anatomy import anatomy
    from isnad.analysis.claims import claim_records
    from isnad.analysis.events import event_records
    from isnad.analysis.pipeline import _entities

    spent = dict.fromkeys(("tokenisation", "entity stage", "  of which NER", "claims", "events + dates",
                           "perspective"), 0.0)
    stage = pipeline.entities
    for text in texts:
        parts = anatomy(text)
        body = [s for s in _sentences(text, parts) if s.part == "body"]
        t0 = time.perf_counter()
        tokens = stage.tokenizer.tokenize(text)
        keys = stage.keys(tokens)
        t1 = time.perf_counter()
        if stage.tagger is not None:
            stage.tagger.entities(text)
        t2 = time.perf_counter()
        entities = _entities(stage.run(text, tokens, None, None, keys))
        t3 = time.perf_counter()
        drafts = pipeline.claims.find(text, tokens, keys, body, entities)
        claims = claim_records(text, tokens, drafts, pipeline.claim_lexicon, entities)
        t4 = time.perf_counter()
        events, _ = pipeline.events.find(text, tokens, keys, body, entities, drafts, _dater(text, None, body))
        event_records(text, tokens, events)
        t5 = time.perf_counter()
        perspective(markers(text, tokens, keys, entities, stage.catalogue, pipeline.vocabulary), claims)
        t6 = time.perf_counter()
        spent["tokenisation"] += t1 - t0
        spent["  of which NER"] += t2 - t1
        spent["entity stage"] += t3 - t2  # the NER model runs again inside it
        spent["claims"] += t4 - t3
        spent["events + dates"] += t5 - t4
        spent["perspective"] += t6 - t5
    return spent


def timed(label: str, make):
    t0 = time.perf_counter()
    value = make()
    print(f"load {label:<18} {time.perf_counter() - t0:.2f} s")
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "baly2018")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()

    t0 = time.perf_counter()
    from isnad.knowledge.catalogue import default_catalogue
    from isnad.analysis.entities import build_entity_stage
    from isnad.text.inputs import Document
    from isnad.analysis.ner import default_tagger
    from isnad.analysis.pipeline import Pipeline
    from isnad.knowledge.gazetteer import default_gazetteer
    from isnad.text.tokens import default_lexicon

    print(f"load {'imports':<18} {time.perf_counter() - t0:.2f} s")
    timed("clitic lexicon", default_lexicon)
    catalogue = timed("catalogue", default_catalogue)
    gazetteer = timed("gazetteer", default_gazetteer)
    tagger = timed("NER model", default_tagger)
    stage = timed("name index", lambda: build_entity_stage(catalogue, gazetteer, tagger))
    pipeline = timed("claim/event lexicons", lambda: Pipeline(stage))

    texts = load_articles(args.data, args.limit)
    chars = sum(len(t) for t in texts)

    word = re.compile(r"\w+|[^\w\s]")
    t0 = time.perf_counter()
    n_tokens = sum(len(word.findall(t)) for t in texts)
    regex_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    for i, text in enumerate(texts):
        pipeline(Document(name=f"baly#{i}", text=text))
    analyse_s = time.perf_counter() - t0

    stages = stage_times(pipeline, texts)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(texts)
    print(f"articles            {n} ({chars / 1e6:.1f} M characters, {n_tokens} regex tokens)")
    print(f"analyse             {analyse_s:.2f} s = {n / analyse_s:.0f} articles/s per core")
    for label, seconds in stages.items():
        print(f"  {label:<17} {seconds / n * 1000:.1f} ms per article")
    print(f"regex tokenisation  {regex_s:.2f} s; analysis/regex ratio = {analyse_s / regex_s:.1f}")
    print(f"peak memory         {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
