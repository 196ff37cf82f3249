#!/usr/bin/env python3
"""The development set: gold files in tests/gold/ that point to real articles in ../shared.

    python scripts/dev_set.py text ID... [--out DIR]     # the text isnad analyses, no analysis
    python scripts/dev_set.py check [GOLD.json...]       # gold files agree with their texts
    python scripts/dev_set.py score [--details] [--spurious]
                                   # analyse the set, score overall and by country; --details lists
                                   # the gold items missed, --spurious the predictions matching none

A gold file (``tests/gold/*.gold.json``, the format of ``../shared/CONTRACT.md`` read by
``../shared/eval/score.py``) names its article by ``corpus`` and ``id``: ``ant`` with the ANT 2018
article id (``AL-middleEast-12-20180301``), or ``baly`` with ``R-10-0`` (claim file R-10.json,
article 0). ``country`` names the country the article is about. Article text is never copied into
the repository: ``text`` prints it from ../shared exactly as isnad composes it (headline line and
body), so annotators can take character offsets from it before isnad has seen the article.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"


def shared_folder(given: Path | None) -> Path:
    """The folder of the corpora: --shared, else ISNAD_SHARED, else ../shared beside the repository."""
    folder = given or Path(os.environ.get("ISNAD_SHARED", ROOT.parent / "shared"))
    if not (folder / "data").is_dir():
        sys.exit(f"dev_set: no corpus data in {folder}/data (set --shared or ISNAD_SHARED)")
    return folder


def documents(refs: list[tuple[str, str]], shared: Path) -> dict[tuple[str, str], object]:
    """The input documents of (corpus, id) pairs, read as isnad reads them."""
    from isnad.text.inputs import baly_documents, from_record

    wanted = set(refs)
    found: dict[tuple[str, str], object] = {}
    ant_ids = {i for c, i in wanted if c == "ant"}
    if ant_ids:
        with gzip.open(shared / "data" / "ant" / "ant-2018.jsonl.gz", "rt", encoding="utf-8") as lines:
            for n, line in enumerate(lines, 1):
                record = json.loads(line)
                if record.get("id") in ant_ids:
                    found[("ant", record["id"])] = from_record(record, f"ant-2018.jsonl:{n}", f"ant-{n}")
    for corpus, doc_id in wanted:
        if corpus != "baly":
            continue
        claim, _, index = doc_id.rpartition("-")
        path = shared / "data" / "baly2018" / "claims" / f"{claim}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        for doc in baly_documents(data, str(path), claim):
            if not isinstance(doc, Exception) and doc.id == doc_id:
                found[("baly", doc_id)] = doc
    missing = wanted - found.keys()
    if missing:
        sys.exit(f"dev_set: not found in {shared}/data: {sorted(missing)}")
    return found


def parse_ref(ref: str) -> tuple[str, str]:
    """``ant:ID`` or ``baly:R-10-0``; a bare id is ANT's unless it looks like a Baly one."""
    if ":" in ref:
        corpus, doc_id = ref.split(":", 1)
        return corpus, doc_id
    return ("baly", ref) if ref[:2] in ("R-", "V-") else ("ant", ref)


def print_texts(refs: list[str], shared: Path, out: Path | None) -> None:
    from isnad.analysis.pipeline import compose_text

    pairs = [parse_ref(r) for r in refs]
    docs = documents(pairs, shared)
    for pair in pairs:
        doc = docs[pair]
        text = compose_text(doc.text, doc.title)
        if out:
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{pair[1]}.txt").write_text(text, encoding="utf-8")
        else:
            print(f"=== {pair[0]}:{pair[1]}  published {doc.published}  url {doc.url}\n{text}\n")


def gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.gold.json"))


COUNTRIES = {"Syria", "Iraq", "Yemen", "Libya", "Lebanon", "Palestine", "Israel", "Egypt", "Sudan", "Somalia",
             "Jordan", "Saudi Arabia", "Turkey", "Iran", "Tunisia", "Algeria", "Morocco", "Mali", "Other"}
EVENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
               "Strategic developments"}
STATUSES = {"reported", "denied", "negated", "predicted", "threatened"}


def problems(gold: dict, text: str) -> list[str]:
    """What in a gold file does not fit its text or the format ../shared/eval/score.py reads."""
    from isnad.text.normalize import fold

    out: list[str] = []
    folded = fold(text)
    if gold.get("country") not in COUNTRIES:
        out.append(f"country {gold.get('country')!r} is not one of {sorted(COUNTRIES)}")
    for part in ("actors", "persons", "places"):
        for g in gold.get(part, []):
            if not g.get("names") or not any(fold(n) in folded for n in g["names"]):
                out.append(f"{part}: none of {g.get('names')} is in the text")
    keys = [a.get("key") for a in gold.get("actors", [])]
    if len(set(keys)) != len(keys) or None in keys:
        out.append(f"actors need distinct keys: {keys}")
    for c in gold.get("claims", []):
        start = c.get("cue_start", -1)
        if text[start:start + len(c.get("cue", ""))] != c.get("cue"):
            out.append(f"claim cue {c.get('cue')!r} is not at {start} (found {text[start:start + 12]!r})")
        if c.get("stance") not in ("assert", "deny", "question"):
            out.append(f"claim at {start}: stance {c.get('stance')!r}")
        if fold(c.get("content", "")) not in folded or not c.get("content"):
            out.append(f"claim at {start}: content {c.get('content')!r} is not in the text")
        if not c.get("source") or not isinstance(c["source"], list):
            out.append(f"claim at {start}: source must be a list of names")
    place_names = {p["names"][0] for p in gold.get("places", []) if p.get("names")}
    for e in gold.get("events", []):
        types = e.get("type") if isinstance(e.get("type"), list) else [e.get("type")]
        if not set(types) <= EVENT_TYPES:
            out.append(f"event type {e.get('type')!r}")
        if e.get("status") not in STATUSES:
            out.append(f"event status {e.get('status')!r}")
        for key in (e.get("actor1") if isinstance(e.get("actor1"), list) else [e.get("actor1")]):
            if key is not None and key not in keys:
                out.append(f"event actor1 {key!r} is no actor key of the file")
        for name in (e.get("place") if isinstance(e.get("place"), list) else [e.get("place")]):
            if name is not None and name not in place_names:
                out.append(f"event place {name!r} is not the first name of a place of the file")
    return out


def check(paths: list[Path], shared: Path) -> int:
    """Print the problems of each gold file; the exit status says whether there were any."""
    from isnad.analysis.pipeline import compose_text

    golds = [(p, json.loads(p.read_text(encoding="utf-8"))) for p in paths]
    docs = documents([(g["corpus"], g["id"]) for _, g in golds], shared)
    bad = 0
    for path, gold in golds:
        doc = docs[(gold["corpus"], gold["id"])]
        found = problems(gold, compose_text(doc.text, doc.title))
        bad += bool(found)
        for problem in found:
            print(f"{path.name}: {problem}")
    print(f"{len(golds)} gold files, {bad} with problems")
    return 1 if bad else 0


def _scorer(shared: Path):
    """The shared scorer as a module (../shared/eval/score.py), for figures it does not print."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("isnad_dev_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _records(pred: Path) -> dict[str, dict]:
    return {r.get("id"): r for r in map(json.loads, pred.read_text(encoding="utf-8").splitlines())}


def _listed(value) -> list:
    return value if isinstance(value, list) else [value]


def event_mismatch(scorer, record: dict, gold: dict, g: dict, e: dict) -> list[str]:
    """What keeps the predicted event ``e`` of ``record`` from matching the gold event ``g`` of
    ``gold`` as ``scorer`` (../shared/eval/score.py) matches them: type, status class, actor1,
    place; empty when it matches."""
    ents = {x.get("id"): x for x in record.get("entities") or []}
    actors = {a.get("key"): a for a in gold.get("actors", [])}
    places = {n: p for p in gold.get("places", []) for n in p["names"][:1]}
    wrong = []
    if (e.get("event_type") or "").lower() not in [t.lower() for t in _listed(g["type"])]:
        wrong.append("type")
    if scorer.POLARITY.get(e.get("status"), "+") != scorer.POLARITY[g["status"]]:
        wrong.append("status")
    if g.get("actor1"):
        a1 = ents.get(e.get("actor1"))
        if not a1 or not any(k in actors and scorer.names_match(a1, actors[k]["names"]) for k in _listed(g["actor1"])):
            wrong.append("actor1")
    if g.get("place"):
        pl = ents.get(e.get("place"))
        if not pl or not any(n in places and scorer.place_match(pl, places[n]) for n in _listed(g["place"])):
            wrong.append("place")
    return wrong


def events_by_status(shared: Path, golds: list, pred: Path) -> dict[str, tuple]:
    """Event precision, recall and F1 by the scorer's polarity classes (reported; denied or negated;
    predicted or threatened), matched as the scorer matches them (type, polarity, actor1, place)."""
    scorer, records = _scorer(shared), _records(pred)
    classes = {"+": "reported", "-": "denied", "?": "predicted"}
    tallies = {name: scorer.Tally() for name in classes.values()}
    for _, gold in golds:
        record = records.get(gold["id"]) or {}

        def event_ok(e, g):
            return not event_mismatch(scorer, record, gold, g, e)

        for sign, name in classes.items():
            preds = [e for e in record.get("events") or [] if scorer.POLARITY.get(e.get("status"), "+") == sign]
            wanted = [g for g in gold.get("events", []) if scorer.POLARITY[g["status"]] == sign]
            hits, counted, found, required, _ = scorer.match_sets(preds, wanted, event_ok)
            tallies[name].add(hits, counted, found, required)
    return {name: (*t.prf(), t.n_pred, t.n_gold) for name, t in tallies.items()}


def spurious(shared: Path, golds: list, pred: Path) -> None:
    """Print, per article, the predicted actors, persons and places that match no gold item."""
    scorer, records = _scorer(shared), _records(pred)
    def by_name(entity: dict, item: dict) -> bool:
        return scorer.names_match(entity, item["names"])

    matchers = {"actor": ("actors", by_name), "person": ("persons", by_name), "place": ("places", scorer.place_match)}
    for _, gold in golds:
        record = records.get(gold["id"]) or {}
        for entity in record.get("entities") or []:
            part, match = matchers.get(entity.get("kind"), (None, None))
            if part is None:
                continue
            items = gold.get(part, [])
            if not any(match(entity, g) for g in items):
                where = f" {entity.get('pcode') or ''} {entity.get('lat')},{entity.get('lon')}" if part == "places" else ""
                said = sorted({m.get("text") for m in entity.get("mentions") or [] if m.get("text")})[:3]
                print(f"  {gold['id']} {part}: spurious {entity.get('name')!r}{where} as {said}")


def score(shared: Path, details: bool, extras: bool = False) -> int:
    import isnad

    golds = [(path, json.loads(path.read_text(encoding="utf-8"))) for path in gold_files()]
    if not golds:
        sys.exit(f"dev_set: no gold files in {GOLD}")
    docs = documents([(g["corpus"], g["id"]) for _, g in golds], shared)
    nlp = isnad.load()
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "dev.jsonl"
        with pred.open("w", encoding="utf-8") as out:
            for record in nlp.pipe(docs[(g["corpus"], g["id"])] for _, g in golds):
                out.write(record.to_json() + "\n")
        scorer = [sys.executable, str(shared / "eval" / "score.py")]
        extra = ["--details"] if details else []
        by_country: dict[str, list[Path]] = defaultdict(list)
        for path, gold in golds:
            by_country[gold.get("country", "?")].append(path)
        print(f"== all ({len(golds)} articles)", flush=True)
        status = subprocess.run(scorer + [str(p) for p, _ in golds] + ["--pred", str(pred)] + extra).returncode
        groups = sorted(by_country.items())
        outside = [p for country, paths in groups if country != "Syria" for p in paths]
        if outside and "Syria" in by_country:
            groups.append(("not Syria", outside))
        for country, paths in groups:
            result = subprocess.run(scorer + [str(p) for p in paths] + ["--pred", str(pred)],
                                    capture_output=True, text=True)
            lines = result.stdout.strip().splitlines()
            parts = {line.split()[0]: line for line in lines if line and line.split()[0] in ("actors", "places", "events")}
            f1 = {k: v.split("F1=")[1].split()[0] for k, v in parts.items()}
            print(f"{country:<10} {len(paths):>3} articles  actors F1={f1.get('actors', '?')}  "
                  f"places F1={f1.get('places', '?')}  events F1={f1.get('events', '?')}  {lines[-1] if lines else ''}")
        for polarity, (p_, r_, f_, n_pred, n_gold) in events_by_status(shared, golds, pred).items():
            print(f"events {polarity:<9} P={p_:.3f} R={r_:.3f} F1={f_:.3f}  (pred {n_pred}, gold {n_gold})")
        if extras:
            spurious(shared, golds, pred)
    return status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=None)
    sub = parser.add_subparsers(dest="command", required=True)
    text = sub.add_parser("text", help="print the texts isnad would analyse, without analysing them")
    text.add_argument("refs", nargs="+", help="ant:ID, baly:R-10-0, or a bare id")
    text.add_argument("--out", type=Path, default=None, help="write ID.txt files here instead")
    checking = sub.add_parser("check", help="check gold files against their texts (no analysis)")
    checking.add_argument("paths", nargs="*", type=Path)
    scoring = sub.add_parser("score", help="analyse the development set and score it")
    scoring.add_argument("--details", action="store_true", help="list the gold items missed")
    scoring.add_argument("--spurious", action="store_true", help="list the predictions that match no gold item")
    args = parser.parse_args()
    shared = shared_folder(args.shared)
    if args.command == "text":
        print_texts(args.refs, shared, args.out)
    elif args.command == "check":
        sys.exit(check(args.paths or gold_files(), shared))
    else:
        sys.exit(score(shared, args.details, args.spurious))


if __name__ == "__main__":
    main()
