#!/usr/bin/env python3
"""Benchmark: analyse the Baly 2018 articles and report speed and memory.

    python scripts/bench.py [--data ../shared/data/baly2018] [--limit N]

Prints start-up (lexicon load) time, articles per second on one core, the ratio of the full
analysis time to a bare regex tokenisation pass over the same texts (measured in the same run),
and peak memory.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "baly2018")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()

    t0 = time.perf_counter()
    from isnad.inputs import Document
    from isnad.pipeline import Pipeline
    from isnad.text.tokens import Tokenizer, default_lexicon

    tokenizer = Tokenizer(default_lexicon())
    pipeline = Pipeline()
    load_s = time.perf_counter() - t0

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
    n_isnad_tokens = sum(len(tokenizer.tokenize(t)) for t in texts)
    tokenize_s = time.perf_counter() - t0

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles            {len(texts)} ({chars / 1e6:.1f} M characters, {n_tokens} regex tokens)")
    print(f"start-up            {load_s:.2f} s (import + clitic lexicon)")
    print(f"analyse             {analyse_s:.2f} s = {len(texts) / analyse_s:.0f} articles/s per core")
    print(f"regex tokenisation  {regex_s:.2f} s; analysis/regex ratio = {analyse_s / regex_s:.1f}")
    print(f"isnad tokenisation  {tokenize_s:.2f} s = {len(texts) / tokenize_s:.0f} articles/s "
          f"({n_isnad_tokens} tokens with clitic segments)")
    print(f"peak memory         {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
