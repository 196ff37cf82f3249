#!/usr/bin/env python3
"""Train the NER model shipped in src/isnad/data/models/ (see isnad.ner) from ../shared/data.

    python scripts/train_ner.py [--data ../shared/data] [--no-tune] [--skip-heldout] [--heldout-only]

About 12 minutes on 2 cores (9 without tuning).

What it does, reproducibly (same data, same files):

1. reads ANERcorp train (``anercorp/train.txt``; the test split is never read) and holds out its
   last 10% of sentences for scoring;
2. builds the resources the features need, from training data and unlabelled text only:
   - name lists (``ner_names.tsv.gz``): entity strings of the training data that are an entity of
     that type at least half of the times they occur; while training, each fifth of the data sees
     only the lists built from the other four fifths (jackknife), so the model learns how far a
     list can be trusted for names it has not seen;
   - the country and foreign city names of the package gazetteer (``data/gazetteer/world.json``)
     are added to the LOC list;
   - context profiles (``ner_profiles.tsv.gz``): for every word seen 3+ times in the unlabelled
     text (the Baly 2018 claims and articles, the ANS stance headlines, the Wojood sample's text and
     the text of the training sentences), how much more often than chance the words before and
     after it precede or follow a PERS / LOC / ORG / MISC entity in the training data, bucketed;
3. trains the first-stage CRF (each sentence on its own) and, from first-stage tags of the training
   data made by models that did not see those sentences (4-fold jackknife), the second-stage CRF
   that also sees how neighbouring sentences were tagged (isnad.ner.document_features);
4. scores the models trained on 90% on the held-out 10%, then trains on all of train and writes
   ``ner.crfsuite`` (second stage), ``ner.stage1.crfsuite``, the two resource files and
   ``ner.json`` (settings, sizes, held-out scores).

L-BFGS with L1 (c1) and L2 (c2) regularisation: c1 and c2 are picked from a small grid by the
first stage's F1 on the held-out part of train (never on the test split); ``--no-tune`` skips that
and uses the values it picked last time (DEFAULT_C1, DEFAULT_C2).

Wojood (sample) was tried as extra training data, mapped PERS→PERS, GPE/LOC→LOC, ORG→ORG (and
NORP→MISC in a second try): both lowered the held-out score (its annotation guidelines differ from
ANERcorp's), so it is not used. Word clusters (PPMI-SVD + k-means) and top-context signatures from
the Baly corpus did not help either; the context profiles above did. OCHA Syrian place names made no
difference on ANERcorp (2006-2007 news) and are left to the gazetteer (pass them as name_lists).
Also tried on the held-out part (first stage) without gain: more L-BFGS iterations (400), averaged
perceptron and passive-aggressive training, L2-only and other c1/c2 values, feature.minfreq=2,
posterior decoding with a bonus for entity tags, averaging the marginals of four CRFs, token-level
name lists, character trigrams and long-vowel density. What helped (first stage, +0.3 to +1.1
points F1 on three different tenths of train): the plain-word feature, the cores three tokens away
and the triggers among the four tokens before (isnad.ner), the world place names in the LOC list and
the added unlabelled text for the profiles.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import math
import multiprocessing
import os
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import pycrfsuite

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from isnad.analysis.ner import (  # noqa: E402
    DOCUMENT_WINDOW, ENTITY_TYPES, FeatureExtractor, NerTagger, bio_spans, document_features, fold_name,
)
from isnad.eval.ner import evaluate, read_conll, split_long  # noqa: E402
from isnad.text.normalize import LIGHT, fold  # noqa: E402

OUT = ROOT / "src" / "isnad" / "data" / "models"
#: what tuning on the held-out 10% of train picked (see "tuning" in ner.json)
DEFAULT_C1, DEFAULT_C2 = 0.05, 0.01
MAX_ITERATIONS = 150
GRID = [(0.02, 0.01), (0.05, 0.01), (0.1, 0.01), (0.05, 0.05), (0.1, 0.05), (0.2, 0.001)]
NAME_FOLDS = 5
STAGE1_FOLDS = 4
MAX_NAME_WORDS = 3
MIN_NAME_RATIO = 0.5
PROFILE_MIN_CONTEXT = 10
PROFILE_MIN_WORD = 3
PROFILE_EDGES = (0.5, 1, 2, 4, 8)

_TOKEN = re.compile(r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]+|[0-9\u0660-\u0669\u06f0-\u06f9]+|[A-Za-z]+|[^\s\w]")


def log(msg: str) -> None:
    print(msg, flush=True)


# --- resources --------------------------------------------------------------------------------

def baly_corpus(data: Path, extractor: FeatureExtractor) -> list[list[str]]:
    """The Baly 2018 claims and articles (each distinct text once), one list of cores per line."""
    lines: list[list[str]] = []
    seen: set[bytes] = set()
    for path in sorted((data / "baly2018" / "claims").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        for text in [record.get("claim") or "", *(record.get("article") or [])]:
            digest = hashlib.sha1(text.encode("utf-8")).digest()
            if digest in seen:
                continue
            seen.add(digest)
            for line in fold(text, LIGHT).split("\n"):
                tokens = _TOKEN.findall(line)
                if len(tokens) >= 3:
                    lines.append(["<num>" if t[0].isdigit() else extractor.word_info(t).core for t in tokens])
    return lines


def extra_corpus(data: Path, extractor: FeatureExtractor, sentences) -> list[list[str]]:
    """More unlabelled text for the context profiles, one list of cores per line: the ANS stance
    headlines (each distinct one once), the Wojood sample's sentences and the training sentences."""
    lines: list[list[str]] = []

    def add(text: str) -> None:
        for line in fold(text, LIGHT).split("\n"):
            tokens = _TOKEN.findall(line)
            if len(tokens) >= 3:
                lines.append(["<num>" if t[0].isdigit() else extractor.word_info(t).core for t in tokens])

    seen: set[str] = set()
    for path in sorted((data / "ans" / "stance").glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                for key in ("s1", "s2"):
                    text = row.get(key)
                    if text and text not in seen:
                        seen.add(text)
                        add(text)
    for path in sorted((data / "wojood-sample").glob("*.txt")):
        for sent in read_conll(path):
            add(" ".join(w for w, _ in sent))
    for sent in sentences:
        add(" ".join(w for w, _ in sent))
    return lines


def world_places() -> dict[str, set[str]]:
    """LOC → the folded names and variants of the countries and foreign cities of the package
    gazetteer (``data/gazetteer/world.json``)."""
    raw = json.loads((ROOT / "src" / "isnad" / "data" / "gazetteer" / "world.json").read_text(encoding="utf-8"))
    return {"LOC": {fold_name(n) for place in raw["places"] for n in [place["name"], *place.get("variants", [])]}}


def _merge(*lists: dict[str, set[str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for one in lists:
        for label, names in one.items():
            out.setdefault(label, set()).update(names)
    return out


def name_lists(sentences, extractor: FeatureExtractor) -> dict[str, set[str]]:
    """Entity strings (first word's core, then folded words) of up to three words that are an entity
    of their type at least MIN_NAME_RATIO of the times they occur in ``sentences``."""
    def key(words):
        return " ".join([extractor.word_info(words[0]).core] + [extractor.word_info(w).form for w in words[1:]])

    as_entity: Counter = Counter()
    for sent in sentences:
        words = [w for w, _ in sent]
        for label, a, b in bio_spans([t for _, t in sent]):
            if b - a <= MAX_NAME_WORDS:
                as_entity[(label, key(words[a:b]))] += 1
    keys = {k for _, k in as_entity}
    occurs: Counter = Counter()
    for sent in sentences:
        words = [w for w, _ in sent]
        for a in range(len(words)):
            for n in range(1, MAX_NAME_WORDS + 1):
                if a + n <= len(words) and (k := key(words[a:a + n])) in keys:
                    occurs[k] += 1
    lists: dict[str, set[str]] = defaultdict(set)
    for (label, k), n in as_entity.items():
        if n / occurs[k] >= MIN_NAME_RATIO:
            lists[label].add(k)
    return dict(lists)


def context_profiles(sentences, extractor: FeatureExtractor, corpus: list[list[str]]) -> dict[str, tuple[str, ...]]:
    """word → ``pL<TYPE>=b`` / ``pR<TYPE>=b``: over the word's occurrences in ``corpus``, how likely
    the word before it (L) is to precede, and the word after it (R) to follow, an entity of TYPE in
    the training ``sentences``, relative to TYPE's share of tokens (bucketed)."""
    before: Counter = Counter()   # (core, type of the next token)
    after: Counter = Counter()    # (core, type of the previous token)
    n_before: Counter = Counter()
    n_after: Counter = Counter()
    prior: Counter = Counter()
    for sent in sentences:
        cores = extractor.cores([w for w, _ in sent])
        types = [t.partition("-")[2] or "O" for _, t in sent]
        for i, core in enumerate(cores):
            prior[types[i]] += 1
            if i + 1 < len(cores):
                n_before[core] += 1
                before[(core, types[i + 1])] += 1
            if i > 0:
                n_after[core] += 1
                after[(core, types[i - 1])] += 1
    total = sum(prior.values())
    share = {t: prior[t] / total for t in ENTITY_TYPES}

    def propensity(counts: Counter, totals: Counter) -> dict[str, tuple[float, ...]]:
        return {core: tuple((counts[(core, t)] + 5 * share[t]) / (n + 5) for t in ENTITY_TYPES)
                for core, n in totals.items() if n >= PROFILE_MIN_CONTEXT}

    left_of, right_of = propensity(before, n_before), propensity(after, n_after)
    sums = {"L": defaultdict(lambda: [0.0] * len(ENTITY_TYPES)), "R": defaultdict(lambda: [0.0] * len(ENTITY_TYPES))}
    seen = {"L": Counter(), "R": Counter()}
    freq: Counter = Counter()
    for line in corpus:
        for i, word in enumerate(line):
            freq[word] += 1
            for side, j, table in (("L", i - 1, left_of), ("R", i + 1, right_of)):
                if 0 <= j < len(line) and (p := table.get(line[j])) is not None:
                    seen[side][word] += 1
                    acc = sums[side][word]
                    for k, v in enumerate(p):
                        acc[k] += v
    profiles: dict[str, tuple[str, ...]] = {}
    for word in sorted(freq):
        if freq[word] < PROFILE_MIN_WORD or word == "<num>":
            continue
        feats: list[str] = []
        for side in ("L", "R"):
            n = seen[side][word]
            if n < PROFILE_MIN_WORD:
                continue
            for k, t in enumerate(ENTITY_TYPES):
                ratio = sums[side][word][k] / n / share[t]
                feats.append(f"p{side}{t}={_bucket(ratio)}")
        if feats:
            profiles[word] = tuple(feats)
    return profiles


def _bucket(x: float) -> int:
    for i, edge in enumerate(PROFILE_EDGES):
        if x < edge:
            return i
    return len(PROFILE_EDGES)


def _chunks(n: int, k: int) -> list[range]:
    return [range(i * n // k, (i + 1) * n // k) for i in range(k)]


# --- CRF training -----------------------------------------------------------------------------

_JOBS: dict = {}  # set before forking workers; read by _train_job


def _train_job(job: tuple) -> str:
    name, indices, path, c1, c2 = job
    X, Y = _JOBS[name]
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for i in indices:
        trainer.append(X[i], Y[i])
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": MAX_ITERATIONS,
                        "feature.possible_transitions": True})
    trainer.train(path)
    return path


def _run_jobs(jobs: list[tuple], workers: int) -> list[str]:
    if workers <= 1 or len(jobs) == 1:
        return [_train_job(j) for j in jobs]
    with multiprocessing.get_context("fork").Pool(min(workers, len(jobs))) as pool:
        return pool.map(_train_job, jobs, chunksize=1)


def _tag_all(model_path: str, X, indices) -> dict[int, list[str]]:
    tagger = pycrfsuite.Tagger()
    tagger.open(model_path)
    return {i: list(tagger.tag(X[i])) for i in indices}


class Built:
    """The files and resources of one trained model."""

    def __init__(self, folder: Path, names: dict[str, set[str]], profiles: dict[str, tuple[str, ...]]):
        self.folder, self.names, self.profiles = folder, names, profiles

    def tagger(self) -> NerTagger:
        extractor = FeatureExtractor(name_lists=self.names, word_features=self.profiles)
        model = pycrfsuite.Tagger()
        model.open(str(self.folder / "ner.crfsuite"))
        stage1 = pycrfsuite.Tagger()
        stage1.open(str(self.folder / "ner.stage1.crfsuite"))
        return NerTagger(model, extractor, stage1, self.folder / "ner.crfsuite")


def build(sentences, corpus: list[list[str]], folder: Path, c1: float, c2: float, workers: int) -> Built:
    """Train both stages on ``sentences`` and write them, with the resources, into ``folder``."""
    t0 = time.time()
    plain = FeatureExtractor()
    sents = [piece for s in sentences for piece in split_long(s)]
    words = [[w for w, _ in s] for s in sents]
    Y = [[t for _, t in s] for s in sents]
    profiles = context_profiles(sents, plain, corpus)
    # first-stage features, name lists jackknifed over NAME_FOLDS parts
    places = world_places()
    X = jackknifed_features(sents, plain, profiles, places)
    names = _merge(name_lists(sents, plain), places)
    log(f"  features: {len(sents)} sequences, {sum(map(len, Y))} tokens, {len(profiles)} profiles, "
        f"{sum(map(len, names.values()))} names ({time.time() - t0:.0f}s)")
    # first stage, 4-fold jackknife: tags of the training data by models that did not see them
    _JOBS["stage1"] = (X, Y)
    parts = _chunks(len(sents), STAGE1_FOLDS)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="isnad-ner-"))
    jobs = [("stage1", [i for i in range(len(sents)) if i not in part], str(tmp / f"fold{k}.crfsuite"), c1, c2)
            for k, part in enumerate(parts)]
    first: list = [None] * len(sents)
    for path, part in zip(_run_jobs(jobs, workers), parts):
        for i, tags in _tag_all(path, X, part).items():
            first[i] = tags
        os.unlink(path)
    os.rmdir(tmp)
    log(f"  stage 1: {STAGE1_FOLDS} jackknife models ({time.time() - t0:.0f}s)")
    # then, side by side, the first stage on all the data and the second stage, which adds the
    # document features computed from the jackknifed tags
    doc = document_features([plain.cores(w) for w in words], first, DOCUMENT_WINDOW)
    _JOBS["stage2"] = ([[a + b for a, b in zip(x, d)] for x, d in zip(X, doc)], Y)
    _run_jobs([("stage1", list(range(len(sents))), str(folder / "ner.stage1.crfsuite"), c1, c2),
               ("stage2", list(range(len(sents))), str(folder / "ner.crfsuite"), c1, c2)], workers)
    log(f"  stage 1 and stage 2 models ({time.time() - t0:.0f}s)")
    _write_lines(folder / "ner_names.tsv.gz", sorted(f"{label}\t{n}" for label, ns in names.items() for n in ns))
    _write_lines(folder / "ner_profiles.tsv.gz", [f"{w}\t{' '.join(f)}" for w, f in sorted(profiles.items())])
    return Built(folder, names, profiles)


def jackknifed_features(sents: list, plain: FeatureExtractor, profiles: dict, places: dict) -> list:
    """First-stage features of every sentence, its name lists built from the other NAME_FOLDS - 1
    parts only (so a sentence never sees names learnt from itself), plus the world's places."""
    X: list = [None] * len(sents)
    for part in _chunks(len(sents), NAME_FOLDS):
        others = [sents[i] for i in range(len(sents)) if i not in part]
        extractor = FeatureExtractor(name_lists=_merge(name_lists(others, plain), places), word_features=profiles)
        for i in part:
            X[i] = extractor.sequence([w for w, _ in sents[i]])
    return X


def _write_lines(path: Path, lines: list[str]) -> None:
    # mtime=0 keeps the archive byte-identical between runs
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write("".join(line + "\n" for line in lines).encode("utf-8"))


def tune(train, heldout, corpus, workers: int) -> tuple[float, float, list]:
    """Pick c1, c2 for the first stage by its held-out F1 (sentence by sentence)."""
    plain = FeatureExtractor()
    sents = [piece for s in train for piece in split_long(s)]
    profiles = context_profiles(sents, plain, corpus)
    places = world_places()
    X = jackknifed_features(sents, plain, profiles, places)
    _JOBS["tune"] = (X, [[t for _, t in s] for s in sents])
    tmp = Path(tempfile.mkdtemp(prefix="isnad-ner-tune-"))
    jobs = [("tune", list(range(len(sents))), str(tmp / f"{c1}-{c2}.crfsuite"), c1, c2) for c1, c2 in GRID]
    paths = _run_jobs(jobs, workers)
    test_extractor = FeatureExtractor(name_lists=_merge(name_lists(sents, plain), places), word_features=profiles)
    Xh = [test_extractor.sequence([w for w, _ in s]) for s in heldout]
    results = []
    for (c1, c2), path in zip(GRID, paths):
        pred = _tag_all(path, Xh, range(len(Xh)))
        f1 = evaluate(heldout, [pred[i] for i in range(len(Xh))]).f1
        results.append({"c1": c1, "c2": c2, "heldout_f1_stage1": round(f1, 4)})
        log(f"  c1={c1} c2={c2}: held-out F1 (first stage) {f1:.4f}")
        os.unlink(path)
    os.rmdir(tmp)
    best = max(results, key=lambda r: r["heldout_f1_stage1"])
    return best["c1"], best["c2"], results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--no-tune", dest="tune", action="store_false",
                        help="skip choosing c1, c2 on the held-out 10%% of train; use DEFAULT_C1, DEFAULT_C2")
    parser.add_argument("--skip-heldout", action="store_true", help="only train the final model")
    parser.add_argument("--heldout-only", action="store_true", help="only score on the held-out part, write nothing")
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    args = parser.parse_args()
    t0 = time.time()
    train = read_conll(args.data / "anercorp" / "train.txt")
    cut = math.ceil(len(train) * 0.9)
    fit, heldout = train[:cut], train[cut:]
    log(f"ANERcorp train: {len(train)} sentences, {sum(map(len, train))} tokens; "
        f"held out: last {len(heldout)} sentences")
    corpus = baly_corpus(args.data, FeatureExtractor())
    log(f"Baly 2018 corpus: {len(corpus)} lines, {sum(map(len, corpus))} tokens ({time.time() - t0:.0f}s)")
    # the held-out models see the text of the 90% they are trained on, the final one all of train
    fit_corpus = corpus + extra_corpus(args.data, FeatureExtractor(), fit)
    full_corpus = corpus + extra_corpus(args.data, FeatureExtractor(), train)
    log(f"with ANS, Wojood and train text: {len(full_corpus)} lines, {sum(map(len, full_corpus))} tokens")
    c1, c2, grid = DEFAULT_C1, DEFAULT_C2, None
    if args.tune:
        log("tuning c1, c2 on the held-out part of train")
        c1, c2, grid = tune(fit, heldout, fit_corpus, args.workers)
        log(f"chosen c1={c1} c2={c2}")
    scores = {}
    if not args.skip_heldout:
        log(f"training on {len(fit)} sentences (90%)")
        with tempfile.TemporaryDirectory(prefix="isnad-ner-heldout-") as tmp:
            tagger = build(fit, fit_corpus, Path(tmp), c1, c2, args.workers).tagger()
            words = [[w for w, _ in s] for s in heldout]
            for label, window in (("sentences", 0), ("document", DOCUMENT_WINDOW)):
                report = evaluate(heldout, tagger.tag_document(words, window=window))
                scores[label] = report.to_dict()
                log(f"held-out ({label}, window {window}):\n{report.table()}\nmicro-F1={report.f1:.4f}")
    if args.heldout_only:
        return
    log(f"training on all {len(train)} sentences")
    build(train, full_corpus, args.out, c1, c2, args.workers)
    sizes = {name: (args.out / name).stat().st_size for name in
             ("ner.crfsuite", "ner.stage1.crfsuite", "ner_names.tsv.gz", "ner_profiles.tsv.gz")}
    meta = {
        "model": "ner.crfsuite", "stage1": "ner.stage1.crfsuite", "names": "ner_names.tsv.gz",
        "profiles": "ner_profiles.tsv.gz", "triggers": "ner_triggers.json",
        "trained_on": "ANERcorp train.txt (all sentences)", "tags": "BIO; PERS, LOC, ORG, MISC",
        "algorithm": "lbfgs", "c1": c1, "c2": c2, "max_iterations": MAX_ITERATIONS,
        "document_window": DOCUMENT_WINDOW, "stage1_folds": STAGE1_FOLDS, "name_folds": NAME_FOLDS,
        "heldout": "last 10% of ANERcorp train.txt, models trained on the first 90%",
        "heldout_scores": scores, "tuning": grid, "sizes": sizes,
    }
    (args.out / "ner.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for name, size in sizes.items():
        log(f"{name}: {size / 2**20:.2f} MB")
    if scores:
        log(f"held-out micro-F1: document {scores['document']['micro']['f1']:.4f}, "
            f"sentences {scores['sentences']['micro']['f1']:.4f}")
    log(f"done in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
