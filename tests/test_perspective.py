"""Perspective: whose wording the article and each quoted source use (sentences from the Baly
corpus; the file each comes from is named), plus the example article."""

import pytest

from isnad.analysis.perspective import build_vocabulary
from isnad.analysis.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.mark.parametrize("file,sentence,side,word", [
    ("R-233.json", "واعتبر الرئيس الأسد أن السعودية دولة تنفذ سياسات الولايات المتحدة بكل امانة وهي تقوم بشكل "
                   "علني بدعم المجموعات الإرهابية في سورية وتمدها بالمال والسلاح وتدعمها سياسيا وإعلاميا .",
     "government", "المجموعات الإرهابية"),
    ("R-117.json", "حراك \" المعارضة السورية \" , السياسية والعسكرية قبل \" الثوار \" في بلدتي الهامة وقدسيا "
                   "شمال غربي العاصمة دمشق بالخروج , ولكن بشروط .", "opposition", "الثوار"),
    ("R-150.json", "دخلت دولة الاحتلال التركي لتفض نزاعا بين الأطراف التي تدعمها في ريف حلب الشمالي , بشأن "
                   "القانون الذي يجب اعتماده في المنطقة .", "kurdish", "الاحتلال التركي"),
    ("V-622.json", "أخذها الخوارج والجهلاء وصاحوا بها لقطع الرؤوس وجز الأعناق بغير حق .", "jihadist", "الخوارج"),
])
def test_side_words(pipeline, file, sentence, side, word):
    record = pipeline(sentence)
    markers = record.perspective.article.markers + [m for v in record.perspective.sources for m in v.markers]
    assert any(m.side == side and word in m.text for m in markers), [(m.text, m.side) for m in markers]
    for m in markers:
        assert record.text[m.start:m.end] == m.text and m.rule


def test_words_inside_quoted_speech_belong_to_the_speaker(pipeline):
    # R-233.json: the government-side words are the president's, not the article's
    record = pipeline("واعتبر الرئيس الأسد أن السعودية تقوم بشكل علني بدعم المجموعات الإرهابية في سورية .")
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
