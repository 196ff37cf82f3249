"""Claims on real sentences of the Baly corpus (tests/tables/claims.tsv, one row per expected claim;
each row points to its sentence in ../shared, see table_rows), plus the example article's chains."""

from __future__ import annotations

from dataclasses import replace

import pytest

from isnad.analysis.claims import build_claim_lexicon, default_claim_lexicon
from isnad.analysis.pipeline import Pipeline

from conftest import BalyText, norm_words, read_table, row_text, table_params, without_conjunction

ROWS = read_table("claims.tsv")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def test_table_covers_every_family():
    families = {r["family"] for r in ROWS}
    assert families >= {"say", "deny", "confirm", "explain", "add", "announce", "allege", "warn", "expect",
                        "report", "according", "question", "quote", "nested", "none"}
    assert len([r for r in ROWS if r["cue"] != "-"]) >= 60
    assert not any("khanasir" in r["file"] for r in ROWS)


@pytest.mark.parametrize("row", list(table_params(ROWS, "claims.known-misses.txt")))
def test_claim_row(pipeline, row):
    record = pipeline(row_text(row))
    if row["cue"] == "-":
        assert record.claims == [], [c.cue.text for c in record.claims]
        return
    found = [c for c in record.claims if without_conjunction(c.cue.text) == without_conjunction(row["cue"])
             or without_conjunction(row["cue"]) in without_conjunction(c.cue.text)]
    assert found, f"no claim at {row['cue']!r}: {[c.cue.text for c in record.claims]}"
    claim = found[0]
    assert claim.stance == row["stance"], (claim.cue.text, claim.stance)
    if row["source"]:
        got = norm_words(claim.source.text or "")
        want = norm_words(row["source"])
        assert got and (want in got or got in want), (claim.source.text, row["source"])
        assert claim.source.anonymous == (row["anonymous"] == "1"), claim.source
    assert norm_words(row["content"]) in norm_words(claim.content.text), (claim.content.text, row["content"])
    if row["parent_cue"]:
        parents = {c.id: c for c in record.claims}
        assert claim.parent in parents and without_conjunction(row["parent_cue"]) in without_conjunction(parents[claim.parent].cue.text), \
            (claim.cue.text, claim.parent and parents[claim.parent].cue.text)


def test_the_lexicon_has_80_cues_each_with_a_known_stance(pipeline):
    lexicon = pipeline.resources.claim_lexicon
    assert lexicon.size >= 80
    stances = {cue.stance for entries in lexicon.cues.by_first.values() for _, cue in entries}
    assert stances == {"assert", "deny", "question"}


def test_lexicon_built_from_small_data(pipeline):
    raw = {"cues": [{"forms": ["قال"], "family": "say", "stance": "assert", "modality": "asserted", "kind": "verb"}],
           "source_heads": {"anonymous": ["مصدر"], "outlet": ["وكالة"]}, "named_source_words": ["وزير"],
           "complementizers": ["أن", "إن"], "object_openers": ["أي"], "source_stops": ["في"],
           "continuation_words": ["المصدر"], "time_words": ["اليوم"], "negations": ["لم"]}
    lexicon = build_claim_lexicon(raw, pipeline.tokenizer)
    small = Pipeline(replace(pipeline.resources, claim_lexicon=lexicon))
    record = small("وقال مصدر محلي إن الاشتباكات توقفت. ونفى المصدر ذلك.")
    assert [c.cue.text for c in record.claims] == ["قال"]
    assert record.claims[0].source.text == "مصدر محلي" and record.claims[0].source.anonymous


def test_example_chain(example_text):
    record = Pipeline()(example_text)
    by_cue = {(c.cue.text, c.cue.start): c for c in record.claims}
    denial = by_cue[("نفى", 119)]
    assert denial.stance == "deny" and denial.source.anonymous and denial.source.text.startswith("مصدر عسكري")
    told = by_cue[("قال", 1174)]
    assert told.source.text == "عبد اللطيف" and told.source.entity is not None
    parent = next(c for c in record.claims if c.id == told.parent)
    assert parent.cue.text == "حسب" and "عبد اللطيف قال لجنوده" in parent.content.text
    added = next(c for c in record.claims if c.cue.text == "أضاف")
    assert added.source.text.startswith("المصدر")  # no speaker named: the last one goes on
    explained = next(c for c in record.claims if c.cue.text == "أوضح")
    assert explained.source.refers_to == denial.id  # المصدر names the مصدر عسكري again
    nusra = next(e.id for e in record.entities if e.key == "nusra")
    assert explained.source.affiliation == nusra and denial.source.affiliation == nusra  # one speaker, one side
    assert record.claims[-1].cue.text == "مضيفاً" and record.claims[-1].source.text == "مراسل حلب"


def test_default_lexicon_is_cached(pipeline):
    assert default_claim_lexicon(pipeline.tokenizer) is pipeline.resources.claim_lexicon


def test_page_furniture_yields_no_claim(pipeline):
    # R-31.json: a login form scraped with the article ("أكد كلمة السر" is a form field, not speech)
    text = ("قال المبعوث الأممي إن المحادثات ستستأنف الشهر المقبل.\n"
            "البريد الإلكتروني : كلمة السر : أكد كلمة السر : رمز التحقق في الصورة")
    record = pipeline(text)
    assert [c.cue.text for c in record.claims] == ["قال"]
    assert [s.part for s in record.sentences][-1] == "boilerplate"


def test_news_after_a_widget_on_the_same_scraped_line_is_kept(pipeline):
    # V-320.json: a prayer-time template and the lead share one scraped line
    record = pipeline(BalyText("V-320.json", 3, 280, 643).text)
    assert [s.part for s in record.sentences] == ["boilerplate", "body"]
    assert [c.cue.text for c in record.claims] == ["أفادت"]
    assert not any(e.name == "المغرب" for e in record.entities)
