#!/usr/bin/env python3
"""Benchmark: analyse the Baly 2018 articles and report speed and memory.

    python scripts/bench.py [--data ../shared/data/baly2018] [--limit N]

Prints the load time of each service (catalogue, gazetteer, NER model, the entity stage's name
index), articles per second on one core for the whole analysis, the entity stage's time per
article, the ratio of the full analysis time to a bare regex tokenisation pass over the same
texts (measured in the same run), and peak memory.
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
    from isnad.catalogue import default_catalogue
    from isnad.entities import build_entity_stage
    from isnad.inputs import Document
    from isnad.ner import default_tagger
    from isnad.pipeline import Pipeline
    from isnad.places import default_gazetteer
    from isnad.text.tokens import default_lexicon

    print(f"load {'imports':<18} {time.perf_counter() - t0:.2f} s")
    timed("clitic lexicon", default_lexicon)
    catalogue = timed("catalogue", default_catalogue)
    gazetteer = timed("gazetteer", default_gazetteer)
    tagger = timed("NER model", default_tagger)
    stage = timed("name index", lambda: build_entity_stage(catalogue, gazetteer, tagger))
    pipeline = Pipeline(stage)

    texts = load_articles(args.data, args.limit)
    chars = sum(len(t) for t in texts)

    word = re.compile(r"\w+|[^\w\s]")
    t0 = time.perf_counter()
    n_tokens = sum(len(word.findall(t)) for t in texts)
    regex_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    for i, text in enumerate(texts):
        pipeline.analyze_document(Document(name=f"baly#{i}", text=text))
    analyse_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    token_lists = [stage.tokenizer.tokenize(t) for t in texts]
    tokenize_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for text, tokens in zip(texts, token_lists):
        stage.run(text, tokens)
    entities_s = time.perf_counter() - t0

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(texts)
    print(f"articles            {n} ({chars / 1e6:.1f} M characters, {n_tokens} regex tokens)")
    print(f"analyse             {analyse_s:.2f} s = {n / analyse_s:.0f} articles/s per core")
    print(f"  tokenisation      {tokenize_s / n * 1000:.1f} ms per article")
    print(f"  entity stage      {entities_s / n * 1000:.1f} ms per article")
    print(f"regex tokenisation  {regex_s:.2f} s; analysis/regex ratio = {analyse_s / regex_s:.1f}")
    print(f"peak memory         {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
