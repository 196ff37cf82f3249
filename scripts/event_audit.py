#!/usr/bin/env python3
"""Audit the event export on a random sample of ANT middle-east articles the development set does not use.

    python scripts/event_audit.py [--articles 300] [--seed 2018] [--rows 50] [--out audit.csv]

Prints the figures an ACLED coder checks first, over every exported row (``isnad export --format
acled-csv``: reported events of the news, not background or unplaced ones):

- articles read and analysed (none may be lost: an article that fails is named with its error);
- the share of rows whose actor1 is unidentified;
- the share of rows dated within 31 days before the article's publication;
- the share of rows placed in Syria from articles whose text never names Syria;
- rows with no country.

``--out`` writes ``--rows`` rows drawn at random (same seed) as CSV for a person to judge, with the
article id, url, the event's sentence and empty columns to fill: is_event, type_ok, actor1_ok,
place_ok, date_ok, note. The CSV quotes the articles' text: keep it out of the repository.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from dev_set import GOLD, shared_folder  # noqa: E402

DATED_DAYS = 31
JUDGED = ("is_event", "type_ok", "actor1_ok", "place_ok", "date_ok", "note")
SYRIA_WORD = "سوري"  # folded stem of سوريا، سورية، السوري، السورية


def development_ids() -> set[str]:
    """The ANT ids the development set annotates (left out of the sample)."""
    ids = set()
    for path in GOLD.glob("*.gold.json"):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold.get("corpus") == "ant":
            ids.add(gold["id"])
    return ids


def sample_records(shared: Path, count: int, seed: int, section: str = "middleEast") -> list[tuple[int, dict]]:
    """``count`` ANT records of ``section`` drawn at random with ``seed``, with their line numbers."""
    skip = development_ids()
    pool: list[tuple[int, dict]] = []
    with gzip.open(shared / "data" / "ant" / "ant-2018.jsonl.gz", "rt", encoding="utf-8") as lines:
        for n, line in enumerate(lines, 1):
            record = json.loads(line)
            if record.get("category") == section and record.get("id") not in skip:
                pool.append((n, record))
    return random.Random(seed).sample(pool, min(count, len(pool)))


def within(day: str, published: str | None, days: int = DATED_DAYS) -> bool:
    """Whether an event day lies in the ``days`` days up to the publication day."""
    if not day or not published:
        return False
    event, pub = dt.date.fromisoformat(day), dt.date.fromisoformat(published[:10])
    return pub - dt.timedelta(days=days) <= event <= pub


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.1f}%" if whole else f"{part}/0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--rows", type=int, default=50)
    parser.add_argument("--out", type=Path, default=None, help="write a random sample of rows to judge here")
    args = parser.parse_args()
    shared = shared_folder(args.shared)

    import isnad
    from isnad.corpus.exports import ExportItem, acled_row
    from isnad.text.inputs import from_record
    from isnad.text.normalize import fold

    nlp = isnad.load()
    chosen = sample_records(shared, args.articles, args.seed)
    rows: list[dict] = []
    failed: list[str] = []
    analysed = unplaced = background = 0
    for n, record in chosen:
        try:
            article = nlp(from_record(record, f"ant-2018.jsonl:{n}", f"ant-{n}"))
        except Exception as err:  # an audit names every article it loses, and goes on
            failed.append(f"{record.get('id')}: {type(err).__name__}: {err}")
            continue
        analysed += 1
        unplaced += len(article.unplaced_events)
        background += len(article.background_events)
        names_syria = SYRIA_WORD in fold(article.text)
        item = ExportItem(article=article, outlet=record.get("source"), url=record.get("url"))
        for event in article.events:
            if event.status != "reported":
                continue
            row = acled_row(item, event)
            row["_names_syria"] = names_syria
            row["_published"] = article.published
            rows.append(row)

    print(f"articles   {len(chosen)} sampled (seed {args.seed}), {analysed} analysed, {len(failed)} lost")
    for line in failed:
        print(f"  lost {line}")
    print(f"rows       {len(rows)} reported events exported ({background} background and {unplaced} unplaced kept apart)")
    unidentified = sum(1 for r in rows if "actor1 unidentified" in r["tags"])
    print(f"actor1     unidentified {share(unidentified, len(rows))}")
    dated = sum(1 for r in rows if within(r["event_date"], r["_published"]))
    print(f"dates      within {DATED_DAYS} days before publication {share(dated, len(rows))}")
    stray = sum(1 for r in rows if r["iso"] == 760 and not r["_names_syria"])
    print(f"places     in Syria from articles never naming it {share(stray, len(rows))}; "
          f"no country {share(sum(1 for r in rows if not r['country']), len(rows))}")
    if args.out:
        picked = random.Random(args.seed).sample(rows, min(args.rows, len(rows)))
        columns = ["isnad_article", "isnad_url", "_published", "event_date", "event_type", "sub_event_type",
                   "actor1", "actor2", "location", "admin1", "country", "fatalities", "notes", *JUDGED]
        with args.out.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            for row in picked:
                writer.writerow({**row, **{k: "" for k in JUDGED}})
        print(f"sample     {len(picked)} rows to judge in {args.out}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
