"""End-to-end check of ``isnad verify`` on Baly 2018 claims against a store holding the corpus.

Each claim of the fold is verified against the store; "supported" counts as true and "denied" as
false, and a disputed or unverified verdict is decided by the sign of its score. Prints the
verdicts and the share that match the claims' labels.

    isnad ingest ../shared/data/baly2018/claims --db baly.db
    python scripts/eval_verify.py --db baly.db --fold 4 [--model /tmp/stance_folds123.json] [--limit 20]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

import isnad
from isnad.corpus.store import Store
from isnad.eval.stance import load_claim_files
from isnad.verify.stance import StanceClassifier
from isnad.verify.verdict import verify


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--data", type=Path, default=Path("../shared/data/baly2018/claims"))
    ap.add_argument("--fold", type=int, default=4)
    ap.add_argument("--model", type=Path, help="stance model (default: the packaged one, trained on folds 1-4)")
    ap.add_argument("--limit", type=int, default=20, help="articles read per claim")
    args = ap.parse_args()
    store, pipeline = Store.open(args.db), isnad.load()
    classifier = StanceClassifier.load(args.model)
    claims = load_claim_files([args.data], fold=args.fold)
    verdicts: Counter[str] = Counter()
    right = 0
    started = time.perf_counter()
    for c in claims:
        report = verify(c.claim, store, pipeline, classifier, limit=args.limit)
        verdicts[report.verdict] += 1
        label = {"supported": "true", "denied": "false"}.get(report.verdict) or ("true" if report.score >= 0 else "false")
        right += label == c.fact
    seconds = (time.perf_counter() - started) / max(len(claims), 1)
    print(f"{len(claims)} claims of fold {args.fold}; verdicts {dict(verdicts)}; {seconds:.2f} s a claim")
    print(f"verdict accuracy={right / max(len(claims), 1):.3f}")


if __name__ == "__main__":
    main()
