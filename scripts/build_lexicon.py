#!/usr/bin/env python3
"""Build the word-frequency lexicon that the clitic segmenter consults.

Counts every Arabic word (in the matching normal form) in the public corpora of ../shared/data:
ANERcorp train, the Wojood sample and the Baly 2018 articles, and writes the words seen at least
``--min-count`` times to src/isnad/data/lexicon/wordfreq.tsv.gz. Also writes plain_words.txt: the
words ANERcorp train tags as outside any name in at least 90% of 3 or more occurrences (الثورة،
الزيارة), which the entity stage does not take for a village of that name without a cue.
Reproducible: same data, same files.

    python scripts/build_lexicon.py [--data ../shared/data] [--min-count 2]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from pathlib import Path

from isnad.text.normalize import fold

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "isnad" / "data" / "lexicon" / "wordfreq.tsv.gz"
PLAIN = OUT.parent / "plain_words.txt"
ARABIC_WORD = re.compile(r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]+")


def conll_words(path: Path):
    """First column of a CoNLL-style file (one token per line)."""
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.strip():
            yield line.split()[0]


def plain_words(path: Path, min_count: int = 3, max_name_share: float = 0.1) -> list[str]:
    """Words that ANERcorp almost never tags as part of a name."""
    seen: Counter = Counter()
    named: Counter = Counter()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        word = fold(parts[0])
        if not ARABIC_WORD.fullmatch(word):
            continue
        seen[word] += 1
        named[word] += parts[1] != "O"
    return sorted(w for w, n in seen.items() if n >= min_count and named[w] <= max_name_share * n)


def baly_texts(folder: Path):
    for path in sorted(folder.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        yield record.get("claim") or ""
        yield from record.get("article") or []


def count_words(data: Path) -> Counter:
    counts: Counter = Counter()
    texts = [" ".join(conll_words(data / "anercorp" / "train.txt"))]
    for name in ("train.txt", "val.txt"):
        texts.append(" ".join(conll_words(data / "wojood-sample" / name)))
    texts.extend(baly_texts(data / "baly2018" / "claims"))
    for text in texts:
        counts.update(ARABIC_WORD.findall(fold(text)))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--min-count", type=int, default=2)
    args = parser.parse_args()
    counts = count_words(args.data)
    kept = sorted(((w, c) for w, c in counts.items() if c >= args.min_count), key=lambda wc: (-wc[1], wc[0]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the archive byte-identical between runs
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write("".join(f"{w}\t{c}\n" for w, c in kept).encode("utf-8"))
    print(f"{len(kept)} words (of {len(counts)} distinct) -> {OUT.relative_to(ROOT)}")
    plain = plain_words(args.data / "anercorp" / "train.txt")
    PLAIN.write_text("".join(w + "\n" for w in plain), encoding="utf-8")
    print(f"{len(plain)} plain words -> {PLAIN.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
