"""The NER tagger: the packaged model, entity offsets, conlleval scoring and `isnad eval ner`."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from click.testing import CliRunner

from isnad.cli import main
from isnad.analysis.ner import (
    FeatureExtractor, NerTagger, bio_spans, default_tagger, document_features, entities, features,
)
from isnad.eval.ner import evaluate, format_report, parse_conll, split_long

MODELS = resources.files("isnad") / "data" / "models"


def spans(text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in entities(text)}


# --- the packaged model -----------------------------------------------------------------------

def test_packaged_model_loads_with_both_stages():
    tagger = default_tagger()
    assert tagger.stage1 is not None
    assert tagger.extractor.name_lists and tagger.extractor.word_features
    assert default_tagger() is tagger


def test_packaged_files_are_small_and_described():
    meta = json.loads((MODELS / "ner.json").read_text(encoding="utf-8"))
    for key in ("model", "stage1", "names", "profiles", "triggers"):
        assert (MODELS / meta[key]).is_file(), key
    total = sum((MODELS / meta[k]).stat().st_size for k in ("model", "stage1", "names", "profiles"))
    assert total < 15 * 2**20
    assert meta["c1"] >= 0 and meta["c2"] >= 0
    triggers = json.loads((MODELS / "ner_triggers.json").read_text(encoding="utf-8"))
    assert {"pers_title", "loc_trigger", "org_trigger"} <= triggers.keys()
    assert all(isinstance(w, str) and w.strip() == w and w for k, v in triggers.items() if k != "_doc" for w in v)


@pytest.mark.parametrize("text, expected", [
    ("قال الرئيس المصري حسني مبارك في القاهرة إن مصر تدعم الحوار .",
     {("حسني مبارك", "PERS"), ("القاهرة", "LOC"), ("مصر", "LOC")}),
    ("وصل الرئيس الأمريكي جورج بوش إلى بغداد أمس في زيارة مفاجئة .",
     {("جورج بوش", "PERS"), ("بغداد", "LOC")}),
    ("قتل ثلاثة مدنيين في قصف على مدينة حلب شمال سوريا .", {("حلب", "LOC"), ("سوريا", "LOC")}),
    ("أعلنت الوزارة أن الوزير سيرغي لافروف سيزور دمشق .", {("سيرغي لافروف", "PERS"), ("دمشق", "LOC")}),
])
def test_tags_real_sentences(text, expected):
    assert expected <= spans(text)


def test_tag_returns_bio_tags_per_token():
    words = "وصل الرئيس الأمريكي جورج بوش إلى بغداد .".split()
    tags = default_tagger().tag(words)
    assert len(tags) == len(words)
    assert tags[3:5] == ["B-PERS", "I-PERS"] and tags[6] == "B-LOC"
    assert default_tagger().tag([]) == []


def test_entity_offsets_hold_with_diacritics_and_clitics():
    text = "وبِبغدادَ التقى رئيسُ الوزراءِ العراقي نوري المالكي بوفدٍ من الاتحادِ الأوروبي .\nوقالَ الشيخُ حمد بن خليفة في الدوحةِ"
    found = entities(text)
    assert found
    for e in found:
        assert text[e.start:e.end] == e.text
        assert 0 < e.score <= 1
    by_text = {e.text: e for e in found}
    # the conjunction and preposition on وبِبغدادَ stay outside, the final mark inside
    assert by_text["بغدادَ"].label == "LOC" and by_text["بغدادَ"].start == 3
    assert by_text["نوري المالكي"].label == "PERS"
    assert by_text["الدوحةِ"].label == "LOC"


def test_document_context_reaches_other_sentences():
    cores = [["التقى", "فولكسفاغن"], ["باعت", "فولكسفاغن", "سيارات"]]
    feats = document_features(cores, [["O", "B-ORG"], ["O", "O", "O"]], window=5)
    assert "dt=ORG" in feats[1][1] and "ds1=ORG:B" in feats[1][1]
    assert feats[0] == [[], []]  # the other sentence tagged nothing
    assert document_features(cores, [["O", "B-ORG"], ["O", "O", "O"]], window=0)[1] == [[], [], []]


def test_caller_name_lists_become_features():
    tagger = NerTagger.load(name_lists={"LOC": {"كفرنبل"}, "ORG": {"جيش الفتح"}})
    words = "قصفت الطائرات كفرنبل ومقرات جيش الفتح".split()
    feats = tagger.extractor.sequence(words)
    assert "gz=LOC" in feats[2]
    assert "gz2=ORG:B" in feats[4] and "gz2=ORG:E" in feats[5]


def test_features_see_clitics_and_triggers():
    f = features("وصل الوفد إلى مدينة وبحلب".split(), 4)
    assert "stem=حلب" in f and "pre=و+ب" in f
    assert "-1:trig=loc_trigger" in f
    g = features("وصل الوفد إلى مدينة وبحلب".split(), 1)
    assert "art" in g and "core=الوفد" not in g  # the core is the form itself


def test_features_see_plain_words_and_wider_context():
    words = "قال الرئيس المصري حسني مبارك في القاهرة إن مصر".split()
    f = features(words, 3)
    assert "-2:plain" in f and "plain" not in f  # الرئيس is a common word, حسني is not
    assert "-3:core=قال" in f and "3:core=القاهره" in f
    assert "L4trig=pers_title" in f
    assert "plain" not in FeatureExtractor(plain_words=()).sequence(words)[1]


# --- CoNLL reading ------------------------------------------------------------------------------

def test_parse_conll_odd_lines_and_nested_tags():
    lines = ["بغداد B-LOC", " O", ". O الإصابة O", "", "", "سكرتير B-OCC", "اللجنة I-OCC B-ORG",
             "القومية I-OCC I-ORG", "نابلس I-OCC B-GPE", ""]
    plain = parse_conll(lines)
    assert plain[0] == [("بغداد", "B-LOC"), (".", "O"), ("الإصابة", "O")]
    mapped = parse_conll(lines, tag_map={"ORG": "ORG", "GPE": "LOC"})
    assert [t for _, t in mapped[1]] == ["O", "B-ORG", "I-ORG", "B-LOC"]


def test_split_long_cuts_outside_entities():
    sent = [(f"w{i}", "O") for i in range(50)] + [("،", "O")] + [("x", "B-PERS"), ("y", "I-PERS")] * 10 + [(".", "O")]
    pieces = split_long(sent, max_len=40)
    assert sum(map(len, pieces)) == len(sent) and len(pieces) == 2
    assert pieces[0][-1][0] == "،"
    assert split_long(sent[:10]) == [sent[:10]]


# --- scoring --------------------------------------------------------------------------------------

def test_bio_spans_follow_conlleval():
    assert bio_spans(["B-PERS", "I-PERS", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG"]) == [
        ("PERS", 0, 2), ("LOC", 3, 5), ("LOC", 5, 6), ("ORG", 6, 7)]


def test_evaluate_exact_spans():
    gold = [
        [("جورج", "B-PERS"), ("بوش", "I-PERS"), ("في", "O"), ("بغداد", "B-LOC")],
        [("وزارة", "B-ORG"), ("الدفاع", "I-ORG"), ("الأمريكية", "I-ORG"), ("في", "O"), ("واشنطن", "B-LOC")],
    ]
    pred = [
        ["B-PERS", "I-PERS", "O", "B-LOC"],          # both right
        ["B-ORG", "I-ORG", "O", "O", "B-PERS"],      # ORG boundary wrong, LOC typed PERS
    ]
    r = evaluate(gold, pred)
    assert (r.micro.correct, r.micro.gold, r.micro.predicted) == (2, 4, 4)
    assert r.precision == pytest.approx(0.5) and r.recall == pytest.approx(0.5) and r.f1 == pytest.approx(0.5)
    assert r.by_type["LOC"].precision == 1.0 and r.by_type["LOC"].recall == 0.5
    assert r.by_type["LOC"].f1 == pytest.approx(2 / 3)
    assert r.by_type["ORG"].f1 == 0.0 and r.by_type["PERS"].precision == 0.5 and r.by_type["PERS"].recall == 1.0
    assert r.by_type["MISC"].gold == 0 and r.by_type["MISC"].f1 == 0.0
    assert format_report(r).splitlines()[-1] == "micro-F1=0.5000"
    with pytest.raises(ValueError):
        evaluate([[("a", "O")]], [["O", "O"]])


def test_evaluate_perfect_and_empty():
    gold = [["B-MISC", "I-MISC", "O"]]
    assert evaluate(gold, [["B-MISC", "I-MISC", "O"]]).f1 == 1.0
    assert evaluate(gold, [["B-MISC", "O", "O"]]).f1 == 0.0
    assert evaluate([["O"]], [["O"]]).f1 == 0.0


# --- the command line -----------------------------------------------------------------------------

def test_cli_eval_ner(tmp_path):
    conll = tmp_path / "tiny.txt"
    conll.write_text(
        "وصل O\nالرئيس O\nالأمريكي O\nجورج B-PERS\nبوش I-PERS\nإلى O\nبغداد B-LOC\n. O\n\n"
        "قتل O\nثلاثة O\nمدنيين O\nفي O\nمدينة O\nحلب B-LOC\n. O\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["eval", "ner", str(conll)])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].split()[:4] == ["type", "precision", "recall", "F1"]
    assert [line.split()[0] for line in lines[1:5]] == ["LOC", "MISC", "ORG", "PERS"]
    assert lines[-1] == "micro-F1=1.0000"
    alone = runner.invoke(main, ["eval", "ner", str(conll), "--window", "0",
                                 "--model", str(MODELS / "ner.crfsuite")])
    assert alone.exit_code == 0 and alone.output.strip().splitlines()[-1].startswith("micro-F1=")


def test_cli_eval_ner_missing_file(tmp_path):
    result = CliRunner().invoke(main, ["eval", "ner", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
