"""List the table rows the claims or events stage gets wrong today (tests/tables/*.known-misses.txt).

    python scripts/known_misses.py claims|events|dev_events

``dev_events`` lists the required events of the development set's gold files (tests/gold/) that no
event of their article's record matches (tests/test_dev_events.py).

Each listed row runs as a strict expected failure, so a fix shows up as an XPASS that fails the
suite until its line is removed here (by running this script again). The rows are read as the tests
read them (tests/table_rows.py): their sentences come from the Baly 2018 corpus in ../shared, or the
folder ISNAD_SHARED names.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = ("# Rows of {name}.tsv the {name} stage gets wrong today, with what it got; each is an xfail(strict)\n"
          "# test, so a fix shows up as an XPASS to remove here. Regenerate: python scripts/known_misses.py {name}\n")


DEV_HEADER = ("# Required events of the development set (tests/gold/) that isnad misses today, with the nearest\n"
              "# event it gave and what is wrong with it; each is an xfail(strict) test (tests/test_dev_events.py).\n"
              "# Regenerate: python scripts/known_misses.py dev_events\n")


def dev_events() -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from table_rows import TABLES

    tests = importlib.import_module("test_dev_events")
    lines: list[str] = []
    cases = tests._gold_events()
    for doc_id, n, _ in cases:
        try:
            tests.test_development_set_event(doc_id, n)
        except AssertionError as failure:
            said = " ".join(str(failure).split())[:140]
            lines.append(f"{doc_id}:{n}  # {said}")
    (TABLES / "dev_events.known-misses.txt").write_text(DEV_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(len(lines), "misses of", len(cases))


def main(which: str) -> None:
    if which == "dev_events":
        dev_events()
        return
    sys.path.insert(0, str(ROOT / "tests"))
    from table_rows import TABLES, read_table, table_row_ids

    import isnad

    tests = importlib.import_module(f"test_{which}")
    check = tests.test_claim_row if which == "claims" else tests.test_event_row
    pipeline = isnad.load()
    rows = read_table(f"{which}.tsv")
    lines: list[str] = []
    for row, row_id in zip(rows, table_row_ids(rows)):
        try:
            check(pipeline, row)
        except AssertionError as failure:
            said = " ".join(str(failure).split())[:110]
            lines.append(f"{row_id}  # {row['cue' if which == 'claims' else 'trigger']}: {said}")
    (TABLES / f"{which}.known-misses.txt").write_text(HEADER.format(name=which) + "\n".join(lines) + "\n",
                                                       encoding="utf-8")
    print(len(lines), "misses of", len(rows))


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("claims", "events", "dev_events"):
        sys.exit(__doc__)
    main(sys.argv[1])
