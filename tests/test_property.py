"""Property: for any Arabic text, every span the record reports is the text it points at."""

from hypothesis import HealthCheck, given, settings, strategies as st

import isnad
from isnad.text.tokens import tokenize

from conftest import assert_spans_hold

LETTERS = list("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآؤئىة")
MARKS = ["\u064b", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u0640"]
DIGITS = list("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")
OTHER = [" ", " ", "\n", "،", ".", "؟", ":", "–", "-", "“", "”", "«", "»", "(", ")", "\u200f", "ﻻ", "ی", "ک"]
WORDS = ["شباط", "فبراير", "فيفري", "جمادى الأولى", "حلب", "–", "خاص", "(رويترز)", "وللجيش", "قال:", "2016", "٢٠١٦"]

chunk = st.one_of(st.text(alphabet=LETTERS + MARKS + DIGITS + OTHER, min_size=1, max_size=12), st.sampled_from(WORDS))
arabic_text = st.lists(chunk, min_size=1, max_size=40).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(arabic_text)
def test_record_spans_point_at_their_text(text):
    record = isnad.analyze(text).to_dict()
    assert_spans_hold(record)


@settings(max_examples=150, deadline=None)
@given(arabic_text)
def test_token_and_segment_spans(text):
    for tok in tokenize(text):
        assert text[tok.start:tok.end] == tok.text
        assert "".join(s.text for s in tok.segments) == tok.text
        for seg in tok.segments:
            assert text[seg.start:seg.end] == seg.text
