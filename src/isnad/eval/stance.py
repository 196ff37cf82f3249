"""Stance evaluation on the Baly et al. 2018 claims: claim files, folds and scores.

:func:`load_claim_files` reads Baly-format claim JSON files (optionally one fold of ``folds.txt``);
:func:`evaluate` classifies every article of each claim among the others retrieved for it
(:meth:`~isnad.verify.stance.StanceClassifier.classify_set`) and scores stance accuracy, per-class
and macro F1, and the veracity of each claim from its articles' stances.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from isnad.verify.stance import LABELS, StanceClassifier, veracity


@dataclass(frozen=True)
class ClaimFile:
    """One Baly claim file: the claim, its veracity and its articles with their gold stances."""

    id: str
    claim: str
    fact: str
    articles: tuple[str, ...]
    stances: tuple[str, ...]
    rationales: tuple[tuple[int, ...], ...]
    urls: tuple[str, ...] = ()
    path: str = ""


def _parse_rationale(raw) -> tuple[int, ...]:
    """Sentence indices from a list or from a string such as ``"3, 7"``."""
    if isinstance(raw, list):
        return tuple(int(x) for x in raw)
    return tuple(int(x) for x in re.findall(r"\d+", str(raw or "")))


def read_folds(path: Path) -> dict[str, int]:
    """Claim id → fold number, from lines ``fold 1: R-1 R-2 …``."""
    folds: dict[str, int] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if ":" not in line:
            continue
        name, ids = line.split(":", 1)
        m = re.search(r"\d+", name)
        if not m:
            continue
        for cid in ids.split():
            folds[cid] = int(m.group())
    return folds


def _find_folds_file(paths: list[Path]) -> Path | None:
    """``folds.txt`` beside the claim files or one level up."""
    for p in paths:
        d = p if p.is_dir() else p.parent
        for cand in (d / "folds.txt", d.parent / "folds.txt"):
            if cand.is_file():
                return cand
    return None


def load_claim_files(paths: Iterable[str | Path], fold: int | None = None,
                     folds_file: Path | None = None) -> list[ClaimFile]:
    """Baly-format claim JSON files (files or directories of them), optionally one fold only."""
    roots = [Path(p) for p in paths]
    files: list[Path] = []
    for p in roots:
        if p.is_dir():
            files.extend(sorted(p.glob("*.json")))
            if not any(p.glob("*.json")) and (p / "claims").is_dir():
                files.extend(sorted((p / "claims").glob("*.json")))
        elif p.is_file():
            files.append(p)
        else:
            raise FileNotFoundError(str(p))
    keep: set[str] | None = None
    if fold is not None:
        ff = Path(folds_file) if folds_file else _find_folds_file(roots)
        if ff is None:
            raise FileNotFoundError("no folds.txt next to the claim files; pass folds_file")
        keep = {cid for cid, k in read_folds(ff).items() if k == fold}
    out: list[ClaimFile] = []
    for f in files:
        d = json.loads(f.read_text(encoding="utf-8"))
        cid = str(d.get("id", f.stem))
        if keep is not None and cid not in keep:
            continue
        arts = tuple(str(a or "") for a in d.get("article", []))
        stances = tuple(str(s).strip().lower() for s in d.get("stance", []))
        rats = tuple(_parse_rationale(r) for r in d.get("rationale", [""] * len(arts)))
        out.append(ClaimFile(cid, str(d.get("claim", "")), str(d.get("fact", "")).strip().lower(), arts,
                             stances, rats, tuple(d.get("url", [])), str(f)))
    return out


@dataclass
class StanceEvaluation:
    """Stance and veracity figures over a set of claims (see :func:`evaluate`)."""

    n_claims: int
    n_articles: int
    accuracy: float
    per_class: dict[str, dict[str, float]]     # label -> precision, recall, f1, support
    macro_f1: float
    veracity_accuracy: float
    veracity_counts: dict[str, int]
    counts: dict[str, int]                     # gold label counts
    confusion: dict[str, dict[str, int]]       # gold -> predicted -> n
    seconds_per_article: float = 0.0
    predictions: list[tuple[str, str]] = field(default_factory=list, repr=False)

    def format(self) -> str:
        lines = [f"claims {self.n_claims}  articles {self.n_articles}  "
                 f"({self.seconds_per_article * 1000:.1f} ms per article)"]
        lines.append(f"{'label':<10} {'prec':>6} {'rec':>6} {'F1':>6} {'gold':>6}")
        for lab in LABELS:
            c = self.per_class[lab]
            lines.append(f"{lab:<10} {c['precision']:6.3f} {c['recall']:6.3f} {c['f1']:6.3f} {int(c['support']):6d}")
        lines.append("confusion (rows gold, columns predicted)")
        lines.append(" " * 10 + "".join(f"{lab[:9]:>10}" for lab in LABELS))
        for g in LABELS:
            lines.append(f"{g:<10}" + "".join(f"{self.confusion[g][p]:>10d}" for p in LABELS))
        vc = self.veracity_counts
        total = vc.get("total", 0)
        strict = vc.get("strict_correct", 0) / total if total else 0.0
        lines.append(f"veracity accuracy={self.veracity_accuracy:.3f} (correct {vc.get('correct', 0)} of {total}; "
                     f"{vc.get('unverified', 0)} unverified decided by score; counting those as wrong: {strict:.3f})")
        lines.append(f"accuracy={self.accuracy:.3f}")
        lines.append(f"macro-F1={self.macro_f1:.3f}")
        return "\n".join(lines)


def scores(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, dict[str, dict[str, float]], float,
                                                              dict[str, dict[str, int]]]:
    """Accuracy, per-class P/R/F1, macro-F1 over the four labels, confusion matrix."""
    conf = {g: {p: 0 for p in LABELS} for g in LABELS}
    for g, p in zip(gold, pred):
        if g in conf and p in conf[g]:
            conf[g][p] += 1
    per: dict[str, dict[str, float]] = {}
    for lab in LABELS:
        tp = conf[lab][lab]
        fp = sum(conf[g][lab] for g in LABELS) - tp
        fn = sum(conf[lab].values()) - tp
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[lab] = {"precision": prec, "recall": rec, "f1": f1, "support": float(tp + fn)}
    acc = sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0
    macro = sum(per[lab]["f1"] for lab in LABELS) / len(LABELS)
    return acc, per, macro, conf


def evaluate(claims: Sequence[ClaimFile], classifier: StanceClassifier) -> StanceEvaluation:
    """Stance figures over every article of ``claims`` and veracity accuracy per claim."""
    gold: list[str] = []
    pred: list[str] = []
    vc = {"correct": 0, "total": 0, "unverified": 0, "strict_correct": 0}
    t0 = time.perf_counter()
    for c in claims:
        results = classifier.classify_set(c.claim, list(c.articles))
        for r, g in zip(results, c.stances):
            gold.append(g)
            pred.append(r.label)
        params = classifier.veracity_params
        v = veracity(results, params)
        if c.fact in ("true", "false"):
            vc["total"] += 1
            decided = v.label
            if v.label == "unverified":
                vc["unverified"] += 1
                # forced decision from the same score: no supporting evidence reads as false
                decided = "true" if v.score >= params["threshold"] else "false"
            vc["correct"] += int(decided == c.fact)
            vc["strict_correct"] += int(v.label == c.fact)
    elapsed = time.perf_counter() - t0
    acc, per, macro, conf = scores(gold, pred)
    counts = dict(Counter(gold))
    return StanceEvaluation(
        n_claims=len(claims), n_articles=len(gold), accuracy=acc, per_class=per, macro_f1=macro,
        veracity_accuracy=(vc["correct"] / vc["total"]) if vc["total"] else 0.0, veracity_counts=vc,
        counts={lab: counts.get(lab, 0) for lab in LABELS}, confusion=conf,
        seconds_per_article=elapsed / max(len(gold), 1), predictions=list(zip(gold, pred)),
    )
