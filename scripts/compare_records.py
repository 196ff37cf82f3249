#!/usr/bin/env python3
"""Compare two runs of analysis records field by field.

    python scripts/compare_records.py BEFORE.jsonl AFTER.jsonl [--examples 1] [--ignore FIELD ...]

Records are paired by their ``source`` and ``id`` (the input they came from). Every difference is
counted under its field path with list indices generalised (``events[].actor1``), and the first
``--examples`` differences of each path are shown with the record they are in. Exit status 0 when
the runs agree, 1 when they differ, 2 when the files cannot be paired.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterator


def read_records(path: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """The records of a JSONL file by (source, id)."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    with path.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines, 1):
            if line.strip():
                record = json.loads(line)
                out[(str(record.get("source")), str(record.get("id")))] = record
    return out


def differences(a: Any, b: Any, path: str = "") -> Iterator[tuple[str, str, Any, Any]]:
    """(generalised path, exact path, before, after) for every leaf that differs."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in list(a) + [k for k in b if k not in a]:
            sub = f"{path}.{key}" if path else key
            if key not in a or key not in b:
                yield _general(sub), sub, a.get(key, "<absent>"), b.get(key, "<absent>")
            else:
                yield from differences(a[key], b[key], sub)
    elif isinstance(a, list) and isinstance(b, list):
        for i in range(max(len(a), len(b))):
            sub = f"{path}[{i}]"
            if i >= len(a) or i >= len(b):
                yield _general(sub), sub, a[i] if i < len(a) else "<absent>", b[i] if i < len(b) else "<absent>"
            else:
                yield from differences(a[i], b[i], sub)
    elif a != b:
        yield _general(path), path, a, b


def _general(path: str) -> str:
    out, depth = [], 0
    for ch in path:
        if ch == "[":
            depth += 1
            out.append("[]")
        elif ch == "]":
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def _short(value: Any, width: int = 160) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[:width] + "…"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--examples", type=int, default=1, help="differences shown for each field path")
    parser.add_argument("--ignore", action="append", default=[], help="a field path not to compare")
    args = parser.parse_args()

    before, after = read_records(args.before), read_records(args.after)
    only_before, only_after = before.keys() - after.keys(), after.keys() - before.keys()
    counts: Counter[str] = Counter()
    records_with: dict[str, set] = defaultdict(set)
    shown: dict[str, list[str]] = defaultdict(list)
    differing = 0
    for key in sorted(before.keys() & after.keys()):
        found = False
        for general, exact, a, b in differences(before[key], after[key]):
            if any(general == f or general.startswith(f + ".") or general.startswith(f + "[]") for f in args.ignore):
                continue
            found = True
            counts[general] += 1
            records_with[general].add(key)
            if len(shown[general]) < args.examples:
                shown[general].append(f"    {key[0]} {exact}\n      before {_short(a)}\n      after  {_short(b)}")
        differing += found
    paired = len(before.keys() & after.keys())
    print(f"{paired} records paired, {differing} differ; {len(only_before)} only before, {len(only_after)} only after")
    for key in sorted(only_before)[:5]:
        print(f"  only before: {key}")
    for key in sorted(only_after)[:5]:
        print(f"  only after: {key}")
    for general, n in counts.most_common():
        print(f"  {general}: {n} differences in {len(records_with[general])} records")
        for line in shown[general]:
            print(line)
    if not paired:
        sys.exit(2)
    sys.exit(1 if differing or only_before or only_after else 0)


if __name__ == "__main__":
    main()
