"""Claim–article stance (isnad.stance): the shipped model, evidence, veracity, evaluation.

The claim/sentence pairs are real: claims of Baly et al. (2018) with a sentence from one of the
articles retrieved for them (their rationale sentence, or a sentence of another claim's article
for the unrelated rows), named by position in the corpus in ../shared (see table_rows) and read at
test time.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import time
from pathlib import Path

import pytest

from isnad.eval import stance as E
from isnad.resources import file_path

from conftest import BalyText, baly_excerpt
from isnad.verify import stance as S
from isnad.verify.stance import (
    StanceClassifier,
    StanceEvidence,
    StanceResult,
    Verdict,
    veracity,
)

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "stance"


@pytest.fixture(scope="module")
def stance_claims(tmp_path_factory) -> Path:
    """A folder of three small Baly-format claim files, cut from the corpus in ../shared as
    fixtures/stance/excerpts.json says, with fixtures/stance/folds.txt beside it."""
    root = tmp_path_factory.mktemp("stance")
    claims = root / "claims"
    claims.mkdir()
    spec = json.loads((FIXTURE / "excerpts.json").read_text(encoding="utf-8"))
    for name, picks in spec.items():
        (claims / name).write_text(json.dumps(baly_excerpt(name, picks), ensure_ascii=False), encoding="utf-8")
    shutil.copy(FIXTURE / "folds.txt", root / "folds.txt")
    return claims


@pytest.fixture(scope="module")
def clf() -> StanceClassifier:
    return StanceClassifier.load()


# sentences of the articles retrieved for a claim (in ../shared, read at test time) that restate it
AGREE = [
    BalyText("R-338.json", 8, 65, 286),
    BalyText("R-94.json", 11, 739, 900),
    BalyText("R-608.json", 1, 279, 420),
    BalyText("R-10.json", 9, 1350, 1549),
]

# ... and that contradict it
DISAGREE = [
    BalyText("V-328.json", 7, 549, 735),
    BalyText("V-204.json", 4, 174, 383),
]

SPORTS = "فاز فريق برشلونة على ريال مدريد بهدفين مقابل هدف في الدوري الإسباني ."  # written for the tests


def claim_of(sentence: BalyText) -> BalyText:
    """The claim of the file a corpus sentence comes from."""
    return BalyText(sentence.file)


def pair(sentence: BalyText) -> tuple[str, str]:
    """The claim and the sentence, read from ../shared."""
    return claim_of(sentence).text, sentence.text


def text_of(value: BalyText | str) -> str:
    """A parameter's text: read from ../shared when it points there."""
    return value.text if isinstance(value, BalyText) else value


UNRELATED = [
    # a claim and a sentence about something else (sentences of other claims' articles)
    (claim_of(AGREE[0]), AGREE[2]),
    (claim_of(AGREE[2]), DISAGREE[0]),
    (BalyText("V-610.json"), BalyText("V-610.json", 1, 3208, 3260)),
    (claim_of(AGREE[1]), SPORTS),
]


@pytest.mark.parametrize("ref", AGREE, ids=[r.file.removesuffix(".json") for r in AGREE])
def test_restating_sentence_agrees(clf, ref):
    claim, sentence = pair(ref)
    r = clf.classify(claim, sentence)
    assert r.label == "agree", r.reason
    assert r.probabilities["agree"] > 0.5
    assert r.evidence and r.evidence[0].text == sentence


@pytest.mark.parametrize("ref", DISAGREE, ids=[r.file.removesuffix(".json") for r in DISAGREE])
def test_contradicting_sentence_disagrees(clf, ref):
    r = clf.classify(*pair(ref))
    assert r.label == "disagree", r.reason
    assert r.probabilities["disagree"] > r.probabilities["agree"]


@pytest.mark.parametrize("claim,sentence", UNRELATED)
def test_other_story_is_unrelated(clf, claim, sentence):
    r = clf.classify(text_of(claim), text_of(sentence))
    assert r.label == "unrelated", r.reason


@pytest.mark.parametrize("sentence,cue", [
    ("ونفت وزارة الدفاع الروسية في بيان رسمي أن تكون طائراتها قد قصفت المدينة .", "ونفت"),
    ("ووصف المتحدث هذه الأنباء بأنها شائعات لا أساس لها من الصحة .", "شائعات"),
    ("وكذبت الحكومة ما نشرته الصحيفة .", "وكذبت"),
    ("واستبعد المسؤول أن يتم الاتفاق قريبا .", "واستبعد"),
    ("نزل الوفد في فندق وسط المدينة .", None),          # فندق is not فند
    ("وقال المتحدث إن القوات تقدمت نحو المدينة .", None),
])
def test_denial_cue_of_evidence(clf, sentence, cue):
    r = clf.classify("قصفت الطائرات الروسية المدينة وتقدمت القوات نحو المدينة ووصل الوفد إلى الفندق", sentence)
    assert r.evidence, r.reason
    assert r.evidence[0].cue == cue


def test_denial_of_restated_claim_is_disagree(clf):
    claim = claim_of(AGREE[2]).text
    started = BalyText("R-608.json", None, 33, 74).text  # the claim's words for what the army began, where
    r = clf.classify(claim, f"نفى مصدر عسكري تركي ما تناقلته وسائل إعلام عن أن الجيش التركي {started} , "
                            "واصفا ذلك بأنه شائعات .")
    assert r.label == "disagree"
    assert "نفى" in r.reason


def test_evidence_is_the_rationale_sentence_with_offsets(clf):
    """Among boilerplate and other news, the best evidence is the sentence that states the claim."""
    claim, sentence = pair(AGREE[0])
    text = ("الرئيسية أخبار عاجلة رياضة اقتصاد فنون اتصل بنا\n"
            "قالت مصادر ميدانية إن اشتباكات عنيفة اندلعت في ريف حماة الشمالي .\n"
            + sentence + " .\n"
            "وكانت القمة قد شهدت لقاءات ثنائية عدة بين زعماء الدول المشاركة .\n")
    r = clf.classify(claim, text)
    assert r.label == "agree"
    best = r.evidence[0]
    assert text[best.start:best.end] == best.text
    assert best.text.startswith("نقلت وكالات أنباء روسية")
    assert all(a.score >= b.score for a, b in zip(r.evidence, r.evidence[1:]))
    assert len(r.evidence) <= 3
    assert 0.0 <= best.score <= 1.0


def test_shipped_model_loads_and_is_small():
    clf = StanceClassifier.load()
    assert clf.classes == list(S.LABELS)
    assert file_path(S.MODEL_NAME).stat().st_size < 3_000_000
    assert "threshold" in clf.veracity_params
    assert StanceClassifier.load(file_path(S.MODEL_NAME)).model["trained_on_folds"] == clf.model["trained_on_folds"]


def test_probabilities_are_a_distribution(clf):
    r = clf.classify(*pair(AGREE[1]))
    assert set(r.probabilities) == set(S.LABELS)
    assert abs(sum(r.probabilities.values()) - 1.0) < 1e-3
    assert r.label == max(r.probabilities, key=r.probabilities.get)


@pytest.mark.parametrize("claim,text", [
    ("", ""),
    (claim_of(AGREE[0]), ""),
    (claim_of(AGREE[0]), "   \n\n \t "),
    ("", AGREE[0]),
    ("hello world", "no arabic here at all.\n\nJust English."),
    (claim_of(AGREE[0]), "؟؟؟ !!! ... 123 456"),
    (claim_of(AGREE[0]), "\u200f\u0640\u064b\ufeff"),
    (claim_of(AGREE[0]), "كلمة"),
])
def test_odd_input_does_not_crash(clf, claim, text):
    claim, text = text_of(claim), text_of(text)
    r = clf.classify(claim, text)
    assert r.label in S.LABELS
    assert r.label == "unrelated"
    for e in r.evidence:
        assert text[e.start:e.end] == e.text


def test_long_article_is_fast(clf):
    claim, sentence = pair(AGREE[3])
    filler = "\n".join(f"وقالت مصادر محلية إن الاشتباكات استمرت في الحي رقم {i} حتى ساعات الصباح ." for i in range(400))
    text = filler + "\n" + sentence + "\n" + filler
    t = time.perf_counter()
    r = clf.classify(claim, text)
    elapsed = time.perf_counter() - t
    assert r.label == "agree"
    assert r.evidence[0].text == sentence
    assert elapsed < 1.0


# ---------------------------------------------------------------- veracity

def _result(label: str, p: float = 0.9) -> StanceResult:
    rest = (1.0 - p) / 3
    probs = {k: (p if k == label else rest) for k in S.LABELS}
    return StanceResult(label, probs, (), "")  # type: ignore[arg-type]


PARAMS = {"w_agree": 1.0, "w_disagree": -2.0, "w_discuss": 0.0, "prior": -0.5, "threshold": 0.0}


@pytest.mark.parametrize("labels,expected", [
    ([], "unverified"),
    (["unrelated", "unrelated"], "unverified"),
    (["agree"], "true"),
    (["agree", "agree", "unrelated", "discuss"], "true"),
    (["disagree"], "false"),
    (["agree", "disagree"], "false"),        # one denial outweighs one confirmation
    (["discuss", "discuss"], "false"),      # talk without support is not confirmation
])
def test_veracity_rules(labels, expected):
    v = veracity([_result(lab) for lab in labels], PARAMS)
    assert isinstance(v, Verdict)
    assert v.label == expected, v.reason


def test_veracity_score_grows_with_agreement():
    one = veracity([_result("agree")], PARAMS).score
    three = veracity([_result("agree")] * 3, PARAMS).score
    denied = veracity([_result("agree")] * 3 + [_result("disagree")], PARAMS).score
    assert three > one
    assert denied < three


def test_veracity_with_shipped_weights():
    params = StanceClassifier.load().veracity_params
    assert veracity([_result("agree")] * 4, params).label == "true"
    assert veracity([_result("disagree")] * 2, params).label == "false"
    assert params["w_agree"] > 0 > params["w_disagree"]


# ---------------------------------------------------------------- loading and evaluation

def test_load_claim_files_and_fold_filter(stance_claims):
    every = E.load_claim_files([stance_claims])
    assert sorted(c.id for c in every) == ["R-33", "R-338", "V-328"]
    c = next(c for c in every if c.id == "R-338")
    assert len(c.articles) == len(c.stances) == len(c.rationales) == 4
    assert c.rationales[0] == (0, 1) and c.rationales[2] == ()
    assert [c.id for c in E.load_claim_files([stance_claims], fold=2)] == ["R-33"]
    assert sorted(c.id for c in E.load_claim_files([stance_claims / "R-338.json", stance_claims / "R-33.json"],
                                                   fold=1)) == ["R-338"]
    assert E.load_claim_files([stance_claims], fold=3) == []
    with pytest.raises(FileNotFoundError):
        E.load_claim_files([stance_claims.parent / "missing"])


def test_evaluate_on_fixture(clf, stance_claims):
    claims = E.load_claim_files([stance_claims])
    ev = E.evaluate(claims, clf)
    assert ev.n_claims == 3 and ev.n_articles == 11
    assert ev.counts == {"agree": 4, "disagree": 1, "discuss": 3, "unrelated": 3}
    assert sum(sum(row.values()) for row in ev.confusion.values()) == 11
    for lab in S.LABELS:
        assert sum(ev.confusion[lab].values()) == ev.counts[lab]
        assert 0.0 <= ev.per_class[lab]["f1"] <= 1.0
    assert ev.macro_f1 == pytest.approx(sum(ev.per_class[lab]["f1"] for lab in S.LABELS) / 4)
    assert ev.confusion["agree"]["agree"] >= 3       # three of the four agreeing articles restate the claim
    assert ev.confusion["unrelated"]["unrelated"] >= 2
    assert 0.0 <= ev.veracity_accuracy <= 1.0 and ev.veracity_counts["total"] == 3
    text = ev.format()
    last = text.splitlines()[-1]
    assert re.fullmatch(r"macro-F1=\d\.\d{3}", last)
    assert last == f"macro-F1={ev.macro_f1:.3f}"
    assert "veracity accuracy=" in text


def test_scores_by_hand():
    gold = ["agree", "agree", "disagree", "discuss", "unrelated", "unrelated"]
    pred = ["agree", "discuss", "disagree", "unrelated", "unrelated", "agree"]
    acc, per, macro, conf = E.scores(gold, pred)
    assert acc == pytest.approx(3 / 6)
    assert per["agree"]["precision"] == pytest.approx(1 / 2) and per["agree"]["recall"] == pytest.approx(1 / 2)
    assert per["disagree"]["f1"] == 1.0
    assert per["discuss"]["f1"] == 0.0
    assert per["unrelated"]["f1"] == pytest.approx(0.5)
    assert macro == pytest.approx((0.5 + 1.0 + 0.0 + 0.5) / 4)
    assert conf["unrelated"]["agree"] == 1


def test_evidence_type():
    e = StanceEvidence(0, 3, "abc", 0.5, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.start = 1  # type: ignore[misc]


# ---------------------------------------------------------------- an article among the retrieved set

def test_classify_set_of_one_is_classify(clf):
    claim, sentence = pair(AGREE[1])
    assert clf.classify_set(claim, [sentence]) == [clf.classify(claim, sentence)]
    assert clf.classify_set(claim, []) == []


def test_classify_set_judges_each_article_among_the_others(clf):
    claim, sentence = pair(AGREE[0])
    texts = [
        SPORTS,
        "الرئيسية أخبار عاجلة رياضة اقتصاد فنون اتصل بنا\n" + sentence + " .\n"
        "وكانت القمة قد شهدت لقاءات ثنائية عدة بين زعماء الدول المشاركة .",
        AGREE[2].text,
    ]
    results = clf.classify_set(claim, texts)
    assert len(results) == 3
    assert [r.label for r in results] == ["unrelated", "agree", "unrelated"], [r.reason for r in results]
    for r, t in zip(results, texts):
        assert abs(sum(r.probabilities.values()) - 1.0) < 1e-3
        assert r.label == max(r.probabilities, key=r.probabilities.get)
        for e in r.evidence:
            assert t[e.start:e.end] == e.text
    assert results[1].evidence[0].text.startswith("نقلت وكالات أنباء روسية")


def test_set_features_rank_and_similarity(clf):
    claim, sentence = pair(AGREE[0])
    fz = clf.featurizer
    ans = [fz.analyse(claim, t) for t in (sentence, sentence, SPORTS)]
    rows = fz.set_features(ans)
    assert len(rows) == 3 and all(len(r) == len(S.SET_FEATURES) for r in rows)
    f = [dict(zip(S.SET_FEATURES, r)) for r in rows]
    assert f[0]["rank_top1_cov"] == 0.0 and f[2]["rank_top1_cov"] == 1.0
    assert f[0]["aa_max"] == pytest.approx(1.0) and f[2]["aa_max"] < 0.2
    assert f[0]["nb_max_clear"] == pytest.approx(1.0)


@pytest.mark.parametrize("texts", [["", ""], ["   \n", "كلمة", "؟؟؟ !!! ... 123"], ["no arabic here.", ""]])
def test_classify_set_odd_input(clf, texts):
    results = clf.classify_set(claim_of(AGREE[0]).text, texts)
    assert [r.label for r in results] == ["unrelated"] * len(texts)
    assert all(r.label == "unrelated" for r in clf.classify_set("", [AGREE[0].text, AGREE[1].text]))


def test_shipped_set_model():
    clf = StanceClassifier.load()
    sm = clf.model["set_model"]
    assert set(sm["inputs"]) <= set(S.ALL_FEATURES)
    assert set(S.SET_FEATURES) <= set(sm["inputs"])
    assert clf.set_trees is not None


def test_long_set_is_fast(clf):
    claim, sentence = pair(AGREE[3])
    filler = "\n".join(f"وقالت مصادر محلية إن الاشتباكات استمرت في الحي رقم {i} حتى ساعات الصباح ." for i in range(100))
    texts = [filler + "\n" + sentence] + [filler] * 9
    t = time.perf_counter()
    results = clf.classify_set(claim, texts)
    elapsed = time.perf_counter() - t
    assert results[0].label == "agree"
    assert elapsed / len(texts) < 0.05
