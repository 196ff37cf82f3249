"""Claim–article stance and claim veracity (Baly et al. 2018 task).

Given a claim (one Arabic sentence) and an article, :class:`StanceClassifier` says whether the
article agrees with the claim, disagrees with it, discusses it without taking a side, or is
unrelated, with the article sentences that carry that stance. :func:`veracity` turns the stances of
the articles found for one claim into a true/false verdict.

The model is small and portable: hand-built features of the claim and the article (how much of
the claim the article's most similar sentences cover, by IDF-weighted light stems, word bigrams and
character 4-grams; how the claim's rarest words are spread in the article; numbers shared or
contradicted; article length and where the best sentence sits) fed to a gradient-boosted tree
ensemble stored as JSON and evaluated here in pure Python (no numpy at run time).
``scripts/train_stance.py`` trains it on the Baly folds and writes
``isnad/data/models/stance.json``.

An article is judged better among the other articles retrieved for the same claim
(:meth:`StanceClassifier.classify_set`, used by :func:`isnad.eval.stance.evaluate`): a second tree
ensemble adds where the article ranks in the set on the coverage features and how similar it is to
the other articles and to those that cover the claim best (:data:`SET_FEATURES`).
:meth:`~StanceClassifier.classify` judges one article alone with the single-article ensemble.
Reading the Baly claim files and folds and scoring against them is :mod:`isnad.eval.stance`.

Denial and refutation cues (نفى، كذب، استبعد …; شائعات، غير صحيح، عارية عن الصحة، فبركة، مزاعم …), kept
with the other cue words in ``data/stance.json`` and the deny cues of ``data/claims.json``, are found
in the evidence sentences and reported, but the model does not
use them: on Baly they do not separate the classes. One rule does: a best sentence that restates
the claim under a denial cue turns "agree" into "disagree".
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from isnad.resources import read_json, read_text
from isnad.text.normalize import fold, normalize
from isnad.text.sentences import RationaleSentence, rationale_sentences

Label = Literal["agree", "disagree", "discuss", "unrelated"]
LABELS: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")
#: The packaged model, by its name under the data folder (see :mod:`isnad.resources`).
MODEL_NAME = "models/stance.json"

# --------------------------------------------------------------------------- text

_WORD = re.compile(r"[\u0621-\u064a]+|[0-9]+(?:[.,][0-9]+)?|[A-Za-z]+")


def _cue_words(key: str) -> list[str]:
    """One word list of ``data/stance.json``, as written there."""
    return read_json("stance.json")[key]["words"]


#: Light-stemmer affixes, tried in order.
_PREFIXES = tuple(_cue_words("stem_prefixes"))
_SUFFIXES = tuple(_cue_words("stem_suffixes"))
#: The one-letter conjunctions (و، ف) of the clitic lexicon, taken off a long word before stemming.
_CONJUNCTIONS = frozenset(read_json("lexicon/clitics.json")["conjunctions"])

STOPWORDS = frozenset(fold(w) for w in _cue_words("stopwords"))
NEGATIONS = frozenset(fold(w) for w in _cue_words("negations"))


def _fold(text: str) -> str:
    return fold(text).lower()


def _stem(word: str) -> str:
    w = word
    for p in _PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 3:
            w = w[len(p):]
            break
    else:
        if len(w) >= 5 and w[0] in _CONJUNCTIONS:
            w = w[1:]
    for s in _SUFFIXES:
        if w.endswith(s) and len(w) - len(s) >= 3:
            w = w[: -len(s)]
            break
    return w


def words(text: str) -> list[str]:
    """Folded surface words."""
    return _WORD.findall(_fold(text))


def stems(text: str) -> list[str]:
    """Light stems of the content words (stop words dropped)."""
    return [_stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1]


def _char_grams(folded: str, n: int = 4) -> set[str]:
    s = " ".join(_WORD.findall(folded))
    return {s[i:i + n] for i in range(max(0, len(s) - n + 1))}


def _numbers(folded: str) -> set[str]:
    out = set()
    for m in re.finditer(r"[0-9]+(?:[.,][0-9]+)?", folded):
        v = m.group().replace(",", ".")
        if len(v) == 4 and v.startswith(("19", "20")):
            continue  # years say little about agreement
        out.add(v)
    return out


# --------------------------------------------------------------------------- cues

def _forms(*items: str) -> tuple[str, ...]:
    return tuple(_fold(x) for x in items)


def _lexicon_denials() -> tuple[str, ...]:
    """The deny cues of the claims lexicon (``data/claims.json``), so both stay in step."""
    cues = read_json("claims.json").get("cues", [])
    return tuple(form for c in cues if c.get("stance") == "deny" for form in c.get("forms", []))


# Denial verbs and nouns (matched on the word, after و/ف and with a few suffixes: ونفت, نافياً, كذبته).
DENIAL_STEMS = tuple(dict.fromkeys(_forms(*_cue_words("denial_words"), *_lexicon_denials())))
# Refutation words and phrases, matched as substrings of the folded sentence.
REFUTATION_PHRASES = _forms(*_cue_words("refutation_phrases"))
HEDGE_PHRASES = _forms(*_cue_words("hedge_phrases"))
ASSERT_PHRASES = _forms(*_cue_words("assert_phrases"))

_CUE_SUFFIXES = ("", *_cue_words("cue_suffixes"))  # the bare word first


def _find_cue(folded_words: list[str], folded: str, stems_: tuple[str, ...], phrases: tuple[str, ...] = ()) -> str | None:
    """The first cue word (as written, folded) or phrase found; None when there is none."""
    stemset = set(stems_)
    for w in folded_words:
        cores = [w]
        if len(w) > 3 and w[0] in _CONJUNCTIONS:
            cores.append(w[1:])
        for core in cores:
            for suf in _CUE_SUFFIXES:
                if suf and not core.endswith(suf):
                    continue
                if (core[: len(core) - len(suf)] if suf else core) in stemset:
                    return w
    for p in phrases:
        if p in folded:
            return p
    return None


def _surface(sentence: str, cue: str | None) -> str | None:
    """The cue as written in the sentence (the match is made on the folded form)."""
    if not cue:
        return cue
    nt = normalize(sentence)
    at = nt.text.lower().find(cue)
    if at < 0 or len(nt.text) != len(nt.text.lower()):
        return cue
    return nt.original_text(at, at + len(cue))


# --------------------------------------------------------------------------- features

N_TOP = 3
#: An article sharing less than this share of the claim's IDF-weighted content words is unrelated
#: whatever the model says. About 5% of the related articles of folds 1-3 (all "discuss") fall
#: below it, but the model already calls them unrelated: the rule changed one out-of-fold
#: prediction of folds 1-3 and none of fold 4. It keeps short off-topic texts (a single
#: sentence, as `isnad verify` may pass) from reading as "discuss".
MIN_COVERAGE = 0.1


@dataclass
class _Prepared:
    folded: str
    words: list[str]
    stems: list[str]
    stemset: set[str]
    bigrams: set[tuple[str, str]]
    grams: set[str]
    numbers: set[str]


def _prepare(text: str) -> _Prepared:
    f = _fold(text)
    ws = _WORD.findall(f)
    st = [_stem(w) for w in ws if w not in STOPWORDS and len(w) > 1]
    return _Prepared(f, ws, st, set(st), set(zip(st, st[1:])), _char_grams(f), _numbers(f))


FEATURES = (
    "top1_cov", "top2_cov", "top3_cov", "top1_bi", "top1_char", "top1_len", "top1_pos", "top1_pos_abs",
    "art_cov", "art_bi", "art_char", "n_sent_log", "len_log", "n_cov50", "n_cov30", "head_cov",
    "claim_len", "claim_num", "num_in_art", "num_in_top", "num_mismatch",
    "deny_top1", "deny_top3", "deny_win", "deny_art", "deny_rate", "refute_top3", "refute_win", "refute_art",
    "neg_top1_only", "neg_claim_only", "neg_top3", "claim_deny", "hedge_top3", "hedge_art", "assert_top3",
    "q_top3", "top1_missing_idf", "sel_score", "cov_gap",
    "rare_art", "rare_top1", "art_tfcov", "art_cos", "density", "n_cov20", "claim_in_head_bi", "rare1_count",
    "claim_reported", "claim_weekday", "claim_hedged", "top1_reported", "top1_quote", "head_deny", "top1_claim_ratio",
)

#: Per-article features ranked within the claim's set of retrieved articles.
SET_BASE = ("top1_cov", "top1_bi", "top1_char", "art_cov", "art_bi", "art_char", "head_cov", "sel_score",
            "rare_art", "rare_top1", "art_tfcov", "art_cos", "density", "n_cov30", "n_cov50", "len_log")
#: Features of an article relative to the other articles retrieved for the same claim: ``rank_*`` is
#: the share of the other articles that score higher; ``aa_*`` the article's TF-IDF cosine to the
#: others (max, mean, median, share above 0.3); ``nb_*`` the claim coverage of the articles most like
#: it (similarity-weighted mean best-sentence coverage and cosine to the claim, the strongest
#: similarity to an article whose best sentence covers 0.6 of the claim, the maxima of similarity ×
#: coverage and similarity × cosine).
SET_FEATURES = tuple(f"rank_{n}" for n in SET_BASE) + (
    "aa_max", "aa_mean", "aa_median", "aa_frac30", "nb_top1", "nb_cos", "nb_max_clear", "nb_max_top1", "nb_max_cos")
ALL_FEATURES = FEATURES + SET_FEATURES

_REPORT_VERBS = _forms(*_cue_words("report_verbs"))
_REPORT_PROCLITICS = "".join(_cue_words("report_verb_proclitics"))
_WEEKDAYS = frozenset(_fold(w) for w in read_json("calendar.json")["weekdays"])
_CLAIM_HEDGES = _forms(*_cue_words("claim_hedges"))


@dataclass
class _Analysis:
    features: list[float]
    sentences: list[RationaleSentence]
    ranked: list[tuple[float, int]]          # (score, sentence index), best first
    cues: dict[int, str | None]
    tf: Counter = field(default_factory=Counter)   # the article's stem counts


class Featurizer:
    """Turns a claim/article pair into the feature vector the model was trained on."""

    def __init__(self, idf: dict[str, float], default_idf: float):
        self.idf = idf
        self.default_idf = default_idf

    def w(self, stem: str) -> float:
        return self.idf.get(stem, self.default_idf)

    def sentence_scores(self, claim: _Prepared, sents: list[_Prepared]) -> list[tuple[float, float, float]]:
        """(IDF-weighted coverage of the claim's stems, claim bigram coverage, claim char 4-gram
        coverage) for each sentence."""
        total = math.fsum(self.w(s) for s in claim.stemset) or 1.0
        nbi = len(claim.bigrams) or 1
        ng = len(claim.grams) or 1
        out = []
        for s in sents:
            cov = math.fsum(self.w(t) for t in claim.stemset & s.stemset) / total
            bi = len(claim.bigrams & s.bigrams) / nbi
            ch = len(claim.grams & s.grams) / ng
            out.append((cov, bi, ch))
        return out

    def analyse(self, claim: str, text: str) -> _Analysis:
        cp = _prepare(claim)
        sents = rationale_sentences(text)
        prepared = [_prepare(text[s.start:s.end]) for s in sents]
        scores = self.sentence_scores(cp, prepared)
        n = len(sents)
        # sentence relevance, 0..1: stem coverage, with bigrams and char 4-grams for word order and
        # spelling variants (a selector trained on the rationale sentences did no better)
        ranked = [((cov + 0.5 * bi + 0.5 * ch) / 2.0, i) for i, (cov, bi, ch) in enumerate(scores)]
        ranked.sort(key=lambda x: (-x[0], x[1]))
        top = [i for _, i in ranked[:N_TOP]]

        def sc(k: int, j: int) -> float:
            return scores[top[k]][j] if k < len(top) else 0.0

        total = math.fsum(self.w(s) for s in cp.stemset) or 1.0
        all_stems: set[str] = set().union(*(p.stemset for p in prepared)) if prepared else set()
        all_bi: set = set().union(*(p.bigrams for p in prepared)) if prepared else set()
        art_cov = math.fsum(self.w(t) for t in cp.stemset & all_stems) / total
        art_bi = len(cp.bigrams & all_bi) / (len(cp.bigrams) or 1)
        art_char = max((s[2] for s in scores), default=0.0)
        covs = [s[0] for s in scores]
        head_cov = max(covs[:5], default=0.0)
        window = set()
        for i in top[:2]:
            window.update(j for j in (i - 1, i, i + 1) if 0 <= j < n)

        cues: dict[int, str | None] = {}

        def deny(i: int) -> str | None:
            if i not in cues:
                p = prepared[i]
                cues[i] = _find_cue(p.words, p.folded, DENIAL_STEMS, REFUTATION_PHRASES)
            return cues[i]

        def has(i: int, phrases: tuple[str, ...]) -> bool:
            return any(ph in prepared[i].folded for ph in phrases)

        deny_top = [deny(i) is not None for i in top]
        deny_art = sum(1 for i in range(n) if _find_cue(prepared[i].words, "", DENIAL_STEMS) is not None)
        refute_art = sum(1 for i in range(n) if has(i, REFUTATION_PHRASES))
        claim_neg = bool(NEGATIONS & set(cp.words))
        t1 = prepared[top[0]] if top else _prepare("")
        t1_neg = bool(NEGATIONS & set(t1.words))
        neg_top3 = any(NEGATIONS & set(prepared[i].words) for i in top)
        claim_nums = cp.numbers
        art_nums: set[str] = set().union(*(p.numbers for p in prepared)) if prepared else set()
        top_nums: set[str] = set().union(*(prepared[i].numbers for i in top)) if top else set()
        missing = [self.w(t) for t in cp.stemset - t1.stemset]
        covs_sorted = sorted(covs, reverse=True)
        f = [
            sc(0, 0), sc(1, 0), sc(2, 0), sc(0, 1), sc(0, 2),
            math.log1p(len(t1.words)),
            (top[0] / max(n - 1, 1)) if top else 1.0,
            math.log1p(top[0]) if top else 5.0,
            art_cov, art_bi, art_char, math.log1p(n), math.log1p(len(text)),
            math.log1p(sum(c >= 0.5 for c in covs)), math.log1p(sum(c >= 0.3 for c in covs)), head_cov,
            math.log1p(len(cp.words)), float(bool(claim_nums)),
            (len(claim_nums & art_nums) / len(claim_nums)) if claim_nums else -1.0,
            (len(claim_nums & top_nums) / len(claim_nums)) if claim_nums else -1.0,
            float(bool(claim_nums) and bool(t1.numbers) and not (claim_nums & t1.numbers)),
            float(deny_top[0]) if deny_top else 0.0, float(any(deny_top)),
            float(any(deny(i) is not None for i in window)),
            math.log1p(deny_art), deny_art / max(n, 1),
            float(any(has(i, REFUTATION_PHRASES) for i in top)),
            float(any(has(i, REFUTATION_PHRASES) for i in window)), math.log1p(refute_art),
            float(t1_neg and not claim_neg), float(claim_neg and not t1_neg), float(neg_top3),
            float(_find_cue(cp.words, cp.folded, DENIAL_STEMS, REFUTATION_PHRASES) is not None),
            float(any(has(i, HEDGE_PHRASES) for i in top)),
            sum(1 for i in range(n) if has(i, HEDGE_PHRASES)) / max(n, 1),
            float(any(has(i, ASSERT_PHRASES) for i in top)),
            float(any("?" in prepared[i].folded or "\u061f" in text[sents[i].start:sents[i].end] for i in top)),
            (max(missing) if missing else 0.0),
            ranked[0][0] if ranked else 0.0,
            (covs_sorted[0] - covs_sorted[1]) if len(covs_sorted) > 1 else (covs_sorted[0] if covs_sorted else 0.0),
        ]
        # topic relatedness: the claim's rarest words, frequency-weighted coverage, cosine
        tf: Counter = Counter()
        for p in prepared:
            tf.update(p.stems)
        rare = sorted(cp.stemset, key=lambda t: (-self.w(t), t))[:3]
        rare_w = math.fsum(self.w(t) for t in rare) or 1.0
        claim_tf = Counter(cp.stems)
        dot = sum(claim_tf[t] * tf[t] * self.w(t) ** 2 for t in claim_tf)
        na = math.sqrt(sum((c * self.w(t)) ** 2 for t, c in tf.items())) or 1.0
        nc = math.sqrt(sum((c * self.w(t)) ** 2 for t, c in claim_tf.items())) or 1.0
        nwords = sum(len(p.words) for p in prepared) or 1
        f += [
            math.fsum(self.w(t) for t in rare if tf[t]) / rare_w,
            math.fsum(self.w(t) for t in rare if t in t1.stemset) / rare_w,
            math.fsum(self.w(t) * min(math.log1p(tf[t]), 3.0) for t in cp.stemset) / total / 3.0,
            dot / (na * nc),
            sum(tf[t] for t in cp.stemset) / nwords,
            math.log1p(sum(c >= 0.2 for c in covs)),
            max((len(cp.bigrams & p.bigrams) / (len(cp.bigrams) or 1) for p in prepared[:5]), default=0.0),
            math.log1p(tf[rare[0]]) if rare else 0.0,
            float(any(w in _REPORT_VERBS for w in cp.words[:4])),
            float(any(w in _WEEKDAYS for w in cp.words)),
            float(any(w in _CLAIM_HEDGES for w in cp.words)),
            float(any(w.lstrip(_REPORT_PROCLITICS) in _REPORT_VERBS for w in t1.words)),
            float('"' in t1.folded),
            float(any(deny(i) is not None for i in range(min(n, 3)))),
            len(t1.words) / (len(cp.words) or 1),
        ]
        return _Analysis(f, sents, ranked, cues, tf)

    def vector(self, tf: Counter) -> dict[str, float]:
        """Unit-length log-TF × IDF vector of an article's stems."""
        v = {t: (1.0 + math.log(n)) * self.w(t) for t, n in tf.items() if n > 0}
        norm = math.sqrt(math.fsum(x * x for x in v.values())) or 1.0
        return {t: x / norm for t, x in v.items()}

    def set_features(self, analyses: Sequence[_Analysis]) -> list[list[float]]:
        """:data:`SET_FEATURES` of each article of a claim's retrieved set, from the articles'
        analyses: where the article ranks in the set on the coverage features, how similar it is to
        the other articles, and how well the articles most like it cover the claim. Needs two or
        more articles (one alone has no set)."""
        n = len(analyses)
        cols = [FEATURES.index(name) for name in SET_BASE]
        i_top1, i_cos = FEATURES.index("top1_cov"), FEATURES.index("art_cos")
        vecs = [self.vector(a.tf) for a in analyses]
        out: list[list[float]] = []
        for i, a in enumerate(analyses):
            row = [sum(1 for b in analyses if b.features[c] > a.features[c]) / max(n - 1, 1) for c in cols]
            vi = vecs[i]
            others = [j for j in range(n) if j != i]
            sims = [math.fsum(x * vecs[j].get(t, 0.0) for t, x in vi.items()) for j in others] or [0.0]
            top1 = [analyses[j].features[i_top1] for j in others] or [0.0]
            cos = [analyses[j].features[i_cos] for j in others] or [0.0]
            total = sum(sims) + 1e-9
            row += [
                max(sims), sum(sims) / len(sims), sorted(sims)[len(sims) // 2], sum(x > 0.3 for x in sims) / len(sims),
                math.fsum(x * t for x, t in zip(sims, top1)) / total,
                math.fsum(x * c for x, c in zip(sims, cos)) / total,
                max(x * (t > 0.6) for x, t in zip(sims, top1)),
                max(x * t for x, t in zip(sims, top1)),
                max(x * c for x, c in zip(sims, cos)),
            ]
            out.append(row)
        return out


# --------------------------------------------------------------------------- model

class _Trees:
    """A gradient-boosted tree ensemble exported from scikit-learn, evaluated in pure Python."""

    def __init__(self, data: dict):
        self.baseline = data["baseline"]
        self.trees = data["trees"]            # [iteration][class] -> dict of node arrays
        self.n_classes = len(self.baseline)

    def raw(self, x: list[float]) -> list[float]:
        out = list(self.baseline)
        for it in self.trees:
            for k, t in enumerate(it):
                feat, thr, left, right, leaf, value, miss = (t["f"], t["t"], t["l"], t["r"], t["leaf"],
                                                             t["v"], t["m"])
                node = 0
                while not leaf[node]:
                    v = x[feat[node]]
                    if math.isnan(v):
                        node = left[node] if miss[node] else right[node]
                    else:
                        node = left[node] if v <= thr[node] else right[node]
                out[k] += value[node]
        return out


def _softmax(z: list[float]) -> list[float]:
    m = max(z)
    e = [math.exp(v - m) for v in z]
    s = sum(e)
    return [v / s for v in e]


@dataclass(frozen=True)
class StanceEvidence:
    """One article sentence that carries the stance."""

    start: int
    end: int
    text: str
    score: float
    cue: str | None


@dataclass(frozen=True)
class StanceResult:
    label: Label
    probabilities: dict[str, float]
    evidence: tuple[StanceEvidence, ...]
    reason: str


class StanceClassifier:
    """Claim–article stance: agree, disagree, discuss or unrelated."""

    def __init__(self, model: dict):
        self.model = model
        self.featurizer = Featurizer(model["idf"], model["default_idf"])
        self.classes: list[str] = model["classes"]
        if "trees" not in model:
            raise ValueError("stance model without trees")
        self.trees = _Trees(model["trees"])
        self.bias = model.get("class_bias", [0.0] * len(self.classes))
        self.veracity_params: dict = model.get("veracity") or VERACITY
        names = model.get("inputs") or list(FEATURES)
        self.inputs = [FEATURES.index(n) for n in names]
        # the model for an article among the other articles retrieved for the claim (two or more)
        sm = model.get("set_model")
        self.set_trees = _Trees(sm["trees"]) if sm else None
        self.set_bias = (sm.get("class_bias") or [0.0] * len(self.classes)) if sm else []
        self.set_inputs = [ALL_FEATURES.index(n) for n in sm["inputs"]] if sm else []

    @classmethod
    def load(cls, path: str | Path | None = None) -> StanceClassifier:
        """A model file, the packaged one by default (parsed anew: a classifier owns its model)."""
        if path is None:
            return cls(json.loads(read_text(MODEL_NAME)))
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def probabilities(self, features: Sequence[float]) -> dict[str, float]:
        """Class probabilities for a full feature vector (in :data:`FEATURES` order)."""
        x = [float(features[i]) for i in self.inputs]
        z = self.trees.raw(x)
        z = [a + b for a, b in zip(z, self.bias)]
        return dict(zip(self.classes, _softmax(z)))

    def set_probabilities(self, features: Sequence[float]) -> dict[str, float]:
        """Class probabilities for a feature vector in :data:`ALL_FEATURES` order (set model)."""
        if self.set_trees is None:
            return self.probabilities(features[:len(FEATURES)])
        x = [float(features[i]) for i in self.set_inputs]
        z = self.set_trees.raw(x)
        z = [a + b for a, b in zip(z, self.set_bias)]
        return dict(zip(self.classes, _softmax(z)))

    def classify(self, claim: str, text: str) -> StanceResult:
        """The stance of one article on its own (see :meth:`classify_set` for a retrieved set)."""
        claim = claim or ""
        text = text or ""
        an = self.featurizer.analyse(claim, text)
        return self._result(claim, text, an, self.probabilities(an.features))

    def classify_set(self, claim: str, texts: Sequence[str]) -> list[StanceResult]:
        """The stances of the articles retrieved for one claim, each judged against the others
        (an article that covers the claim better than the rest of the set is more likely related).
        A set of one is :meth:`classify`."""
        claim = claim or ""
        texts = [t or "" for t in texts]
        if len(texts) < 2 or self.set_trees is None:
            return [self.classify(claim, t) for t in texts]
        ans = [self.featurizer.analyse(claim, t) for t in texts]
        extra = self.featurizer.set_features(ans)
        return [self._result(claim, t, an, self.set_probabilities(an.features + x))
                for t, an, x in zip(texts, ans, extra)]

    def _result(self, claim: str, text: str, an: _Analysis, probs: dict[str, float]) -> StanceResult:
        label = max(probs, key=lambda k: probs[k])
        f = dict(zip(FEATURES, an.features))
        overridden = False
        gated = f["art_cov"] < MIN_COVERAGE
        if gated:
            related = 1.0 - probs["unrelated"]
            if related > 0.1:
                probs = {k: (v * 0.1 / related if k != "unrelated" else 0.9) for k, v in probs.items()}
            label = "unrelated"
        if label == "agree" and f["deny_top1"] > 0 and f["claim_deny"] == 0:
            # The model leaves cue words out (they did not help on Baly), but a sentence that
            # restates the claim under a denial verb or a refutation phrase is a denial.
            probs["agree"], probs["disagree"] = probs["disagree"], probs["agree"]
            label, overridden = "disagree", True
        evidence = []
        for score, i in an.ranked[:N_TOP]:
            if score <= 0:
                break
            s = an.sentences[i]
            cue = an.cues.get(i)
            if cue is None:
                p = _prepare(text[s.start:s.end])
                cue = _find_cue(p.words, p.folded, DENIAL_STEMS, REFUTATION_PHRASES)
            evidence.append(StanceEvidence(s.start, s.end, text[s.start:s.end], round(float(score), 4),
                                           _surface(text[s.start:s.end], cue)))
        if not stems(claim) or not an.sentences:
            probs = {k: (1.0 if k == "unrelated" else 0.0) for k in LABELS}
            label = "unrelated"
            evidence = []
        parts = [f"best sentence covers {f['top1_cov']:.2f} of the claim", f"article covers {f['art_cov']:.2f}"]
        cues = [e.cue for e in evidence if e.cue]
        if cues:
            parts.append(f"denial cue '{cues[0]}'")
        if overridden:
            parts.append("the best sentence denies it")
        if gated:
            parts.append(f"below the {MIN_COVERAGE:.2f} coverage needed to be related")
        if f["num_mismatch"] > 0:
            parts.append("numbers differ from the claim's")
        if not evidence:
            parts = ["no sentence shares content with the claim"]
        reason = f"{label} ({probs[label]:.2f}): " + "; ".join(parts)
        return StanceResult(label, {k: round(v, 4) for k, v in probs.items()}, tuple(evidence), reason)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- veracity

@dataclass(frozen=True)
class Verdict:
    label: Literal["true", "false", "unverified"]
    score: float
    reason: str


#: Fallback veracity weights (used when the model file carries none): the score is
#: prior + w_agree * Σ P(agree) + w_disagree * Σ P(disagree) + w_discuss * Σ P(discuss) over a
#: claim's articles, and the claim is "true" when the score reaches the threshold.
VERACITY = {"w_agree": 1.0, "w_disagree": -2.0, "w_discuss": 0.0, "prior": -0.5, "threshold": 0.0}

def veracity_score(results: Sequence[StanceResult], params: dict | None = None) -> float:
    """The veracity score of a claim from its articles' stance probabilities."""
    p = params or VERACITY
    agree = sum(r.probabilities.get("agree", 0.0) for r in results)
    disagree = sum(r.probabilities.get("disagree", 0.0) for r in results)
    discuss = sum(r.probabilities.get("discuss", 0.0) for r in results)
    return p["prior"] + p["w_agree"] * agree + p["w_disagree"] * disagree + p["w_discuss"] * discuss


def veracity(results: Sequence[StanceResult], params: dict | None = None) -> Verdict:
    """True/false from the stances of a claim's articles; "unverified" when none is related.

    Only the predicted stances are used (their labels and probabilities); ``params`` are a model's
    weights (``StanceClassifier.veracity_params``), :data:`VERACITY` by default. An unverified
    verdict still carries the score, so a caller that must decide can compare it with the threshold
    (as :func:`isnad.eval.stance.evaluate` does).
    """
    params = params or VERACITY
    counts = Counter(r.label for r in results)
    score = veracity_score(results, params) if results else 0.0
    if not any(r.label != "unrelated" for r in results):
        return Verdict("unverified", round(score, 4), f"no related article among {len(results)}; "
                       f"score {score:+.2f} vs threshold {params['threshold']:+.2f}")
    label = "true" if score >= params["threshold"] else "false"
    reason = (f"{counts['agree']} agree, {counts['disagree']} disagree, {counts['discuss']} discuss, "
              f"{counts['unrelated']} unrelated; score {score:+.2f} vs threshold {params['threshold']:+.2f}")
    return Verdict(label, round(score, 4), reason)  # type: ignore[arg-type]
