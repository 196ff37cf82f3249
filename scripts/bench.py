#!/usr/bin/env python3
"""Benchmark: analyse the Baly 2018 articles with the public pipeline and report speed and memory.

    python scripts/bench.py [--data ../shared/data/baly2018] [--limit N]

Measures the product as users run it: ``isnad.load()`` then every article through the pipeline's
own ``make_doc`` and ``run`` (the same steps ``nlp(text)`` takes) and ``to_record``. Prints the
load time of the pipeline's resources, articles per second on one core, the time per article of
tokenisation and of each component (as ``doc.timings`` records it), the ratio of the full analysis
time to a bare regex tokenisation pass over the same texts, and peak memory.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import time
from collections import defaultdict
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
    import isnad
    from isnad.analysis.doc import to_record

    print(f"load imports            {time.perf_counter() - t0:.2f} s")
    t0 = time.perf_counter()
    nlp = isnad.load()
    print(f"load pipeline           {time.perf_counter() - t0:.2f} s  ({', '.join(nlp.pipe_names)})")

    texts = load_articles(args.data, args.limit)
    chars = sum(len(t) for t in texts)

    word = re.compile(r"\w+|[^\w\s]")
    t0 = time.perf_counter()
    n_tokens = sum(len(word.findall(t)) for t in texts)
    regex_s = time.perf_counter() - t0

    spent: dict[str, float] = defaultdict(float)
    t0 = time.perf_counter()
    for i, text in enumerate(texts):
        doc = nlp.run(nlp.make_doc(text, id=f"baly-{i}"))
        to_record(doc, doc.document.id or "")
        for name, seconds in doc.timings.items():
            spent[name] += seconds
    analyse_s = time.perf_counter() - t0

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(texts)
    print(f"articles                {n} ({chars / 1e6:.1f} M characters, {n_tokens} regex tokens)")
    print(f"analyse                 {analyse_s:.2f} s = {n / analyse_s:.1f} articles/s per core")
    for name, seconds in spent.items():
        print(f"  {name:<21} {seconds / n * 1000:.1f} ms per article")
    print(f"  {'record':<21} {(analyse_s - sum(spent.values())) / n * 1000:.1f} ms per article")
    print(f"regex tokenisation      {regex_s:.2f} s; analysis/regex ratio = {analyse_s / regex_s:.1f}")
    print(f"peak memory             {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
