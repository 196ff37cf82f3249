"""Tokenisation with clitic segmentation: tables/tokens.tsv holds real words from the corpora."""

import pytest

from conftest import read_table
from isnad.text.tokens import CliticLexicon, Tokenizer, analyse, default_lexicon, tokenize

TOKENS = read_table("tokens.tsv")


@pytest.mark.parametrize("row", TOKENS, ids=[r["word"] for r in TOKENS])
def test_word_segmentation(row):
    tokens = tokenize(row["word"])
    assert len(tokens) == 1
    assert "+".join(s.text for s in tokens[0].segments) == row["segments"], tokens[0].reason


def test_table_covers_every_proclitic_and_names():
    split = [r for r in TOKENS if "+" in r["segments"]]
    whole = [r for r in TOKENS if "+" not in r["segments"]]
    assert len(split) >= 30 and len(whole) >= 20
    firsts = {r["segments"].split("+")[0] for r in split}
    assert {"و", "ف", "ب", "ك", "ل", "ال"} <= firsts


@pytest.mark.parametrize("sentence,expected", [
    ("وقال المصدر إن قوات النظام", ["و+قال", "ال+مصدر", "إن", "قوات", "ال+نظام"]),
    ("وبالتنسيق مع لواء التوبة", ["و+ب+ال+تنسيق", "مع", "لواء", "ال+توبة"]),
    ("قال لجنوده ولأهل المنطقة", ["قال", "ل+جنود+ه", "و+ل+أهل", "ال+منطقة"]),
])
def test_sentence_tokens(sentence, expected):
    assert ["+".join(s.text for s in t.segments) for t in tokenize(sentence)] == expected


def test_segments_keep_original_marks_and_offsets():
    text = "وَلِلْـجَيْشِ ٢٥ جندياً"
    tokens = tokenize(text)
    assert [t.kind for t in tokens] == ["word", "number", "word"]
    first = tokens[0]
    assert [s.kind for s in first.segments] == ["proclitic", "proclitic", "proclitic", "stem"]
    assert [s.form for s in first.proclitics] == ["و", "ل", "ال"]
    assert first.has_article
    for tok in tokens:
        assert text[tok.start:tok.end] == tok.text
        assert "".join(s.text for s in tok.segments) == tok.text
        for seg in tok.segments:
            assert text[seg.start:seg.end] == seg.text
    assert tokens[1].norm == "25"


def test_punctuation_and_latin():
    tokens = tokenize("قال (AFP): “نعم”.")
    assert [t.text for t in tokens] == ["قال", "(", "AFP", ")", ":", "“", "نعم", "”", "."]
    assert tokens[2].kind == "latin" and tokens[1].kind == "punct"


def test_every_decision_has_a_reason():
    for tok in tokenize("وأضاف بشار وادي للجيش"):
        assert tok.reason


def test_protected_names_from_a_catalogue_stay_whole():
    lexicon = default_lexicon()
    assert analyse("وخناصر", lexicon).proclitics == ("و",)
    protected = lexicon.with_protected(["وخناصر"])
    assert analyse("وخناصر", protected).proclitics == ()
    assert Tokenizer(protected).tokenize("وخناصر")[0].reason == "whole-word lexicon"


def test_small_lexicon_fixture():
    rules = {
        "conjunctions": {"و": {"ratio": 20, "rare_ratio": 2}},
        "prepositions": {"ب": {"ratio": 1, "rare_ratio": 1}},
        "future": {"س": {"ratio": 1, "rare_ratio": 1, "stem_starts": ["ي"]}},
        "enclitics": {"ratio": 1, "rare_ratio": 1, "forms": ["ه"]},
        "frequent_stem": 50, "min_stem_count": 2, "min_stem_length": 3,
        "short_stems": [], "pronoun_hosts": ["ب"], "host_enclitics": ["ه"], "whole_words": ["بلال"],
    }
    lexicon = CliticLexicon.from_data(rules, {"قال": 10, "وقال": 12, "بلال": 5, "لال": 9})
    assert analyse("وقال", lexicon).proclitics == ("و",)
    assert analyse("بلال", lexicon).proclitics == ()
    assert analyse("به", lexicon).enclitic == "ه"
