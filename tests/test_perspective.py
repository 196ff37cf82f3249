"""Perspective: whose wording the article and each quoted source use (sentences from the Baly
corpus, read from ../shared at test time, see table_rows), plus the example article."""

import pytest
from conftest import BalyText

from isnad.analysis.perspective import build_vocabulary
from isnad.analysis.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


SIDE_WORDS = [  # (sentence in ../shared, side, its word): a whole sentence, or one up to its last comma
    (BalyText("R-233.json", 0, 950, 1126), "government", "المجموعات الإرهابية"),
    (BalyText("R-117.json", 7, 16512, 16640), "opposition", "الثوار"),
    (BalyText("R-150.json", 3, 10788, 10910), "kurdish", "الاحتلال التركي"),
    (BalyText("V-622.json", 2, 1524, 1591), "jihadist", "الخوارج"),
]


@pytest.mark.parametrize("ref,side,word", SIDE_WORDS, ids=[f"{r.file}-{side}" for r, side, _ in SIDE_WORDS])
def test_side_words(pipeline, ref, side, word):
    record = pipeline(ref.text)
    markers = record.perspective.article.markers + [m for v in record.perspective.sources for m in v.markers]
    assert any(m.side == side and word in m.text for m in markers), [(m.text, m.side) for m in markers]
    for m in markers:
        assert record.text[m.start:m.end] == m.text and m.rule


def test_words_inside_quoted_speech_belong_to_the_speaker(pipeline):
    # written for the test, after R-233.json: the government-side words are the president's, not the article's
    record = pipeline("واعتبر الرئيس الأسد أن دولا في المنطقة تسلح المجموعات الإرهابية في سورية وتمولها .")
    assert record.perspective.article.sides == {}
    (voice,) = record.perspective.sources
    assert voice.leaning == "government" and voice.source == "الرئيس الأسد"


def test_example_sources(example_text, pipeline):
    record = pipeline(example_text)
    by_claim = {v.claim: v for v in record.perspective.sources}
    nusra_correspondent = next(c for c in record.claims if c.cue.text == "قال" and "مراسل" in (c.source.text or ""))
    words = {m.text for m in by_claim[nusra_correspondent.id].markers}
    assert "الخوارج" in words  # the jihadist rivals' word for ISIS


def test_vocabulary_from_small_data(pipeline):
    vocabulary = build_vocabulary({"sides": {"government": ["بواسل الجيش"]}}, pipeline.tokenizer)
    assert len(vocabulary.phrases) == 1  # one phrase, indexed by its first stem key
    keys = pipeline.make_doc("تقدم بواسل الجيش").keys
    assert vocabulary.match(keys, 1)[2] == ("government",)
