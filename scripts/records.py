#!/usr/bin/env python3
"""Write the analysis records of a reference input set to JSONL, one record a line.

    python scripts/records.py example|baly|ant [--limit N] [--shared ../shared] -o FILE

The three sets the rebuild invariant is checked on (issue 11): the seed example, every article of
the Baly 2018 claim files (folds 1-4) and the first 2,000 articles of the ANT 2018 corpus. Each
line is the record ``isnad analyze --format jsonl`` prints for that document; compare two runs
with ``scripts/compare_records.py``.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def documents(which: str, shared: Path, limit: int | None):
    """The documents of one reference set, in a fixed order."""
    from isnad.text.inputs import InputError, from_record, read_documents

    if which == "example":
        items = read_documents([str(ROOT / "examples" / "khanasir-2016-02-25.txt")])
    elif which == "baly":
        items = read_documents([str(shared / "data" / "baly2018" / "claims")])
    else:
        def ant():
            with gzip.open(shared / "data" / "ant" / "ant-2018.jsonl.gz", "rt", encoding="utf-8") as lines:
                for n, line in enumerate(lines, 1):
                    try:
                        yield from_record(json.loads(line), f"ant-2018.jsonl:{n}", f"ant-{n}")
                    except InputError as exc:
                        yield exc
        items = itertools.islice(ant(), limit or 2000)
        limit = None
    for item in itertools.islice(items, limit) if limit else items:
        if isinstance(item, InputError):
            print(f"skipped: {item}", file=sys.stderr)
            continue
        yield item


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("set", choices=["example", "baly", "ant"])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()

    import isnad

    nlp = isnad.load()
    with args.output.open("w", encoding="utf-8") as out:
        for record in nlp.pipe(documents(args.set, args.shared, args.limit)):
            out.write(record.to_json() + "\n")


if __name__ == "__main__":
    main()
