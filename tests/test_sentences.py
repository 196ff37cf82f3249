"""Sentences, clauses and quotations."""

import pytest

from isnad.text.sentences import lines, quotes, sentences


@pytest.mark.parametrize("text,expected", [
    ("قال المصدر إن الهجوم بدأ. وأضاف أن القتال مستمر.", ["قال المصدر إن الهجوم بدأ.", "وأضاف أن القتال مستمر."]),
    ("هل شاركت النصرة؟ نفى المصدر ذلك!", ["هل شاركت النصرة؟", "نفى المصدر ذلك!"]),
    ("ارتفع العدد إلى 3.5 مليون. وقال مسؤول", ["ارتفع العدد إلى 3.5 مليون.", "وقال مسؤول"]),
    ("قال د. محمد إن الوضع صعب.", ["قال د. محمد إن الوضع صعب."]),
    ("وقال: “انتهت المعركة.” ثم غادر.", ["وقال: “انتهت المعركة.”", "ثم غادر."]),
    ("السطر الأول\nالسطر الثاني بلا نقطة", ["السطر الأول", "السطر الثاني بلا نقطة"]),
    ("انتظروا... ثم هاجموا.", ["انتظروا...", "ثم هاجموا."]),
    ("قالت وكالة (U.S.) إن الأمر انتهى.", ["قالت وكالة (U.S.) إن الأمر انتهى."]),
])
def test_sentences(text, expected):
    found = sentences(text)
    assert [s.text for s in found] == expected
    for s in found:
        assert text[s.start:s.end] == s.text


def test_clauses_and_colon_speech():
    text = "وأضاف: في إحدى الحواجز تم إلقاء القبض، والذي كانت وظيفته إدخال الرتل؛ ثم انسحب."
    (sentence,) = sentences(text)
    assert [c.text for c in sentence.clauses] == [
        "وأضاف", "في إحدى الحواجز تم إلقاء القبض", "والذي كانت وظيفته إدخال الرتل", "ثم انسحب."]
    assert [c.after_colon for c in sentence.clauses] == [False, True, False, False]


def test_numbers_do_not_cut_clauses():
    (sentence,) = sentences("قتل 1,200 شخص، بحسب المرصد.")
    assert [c.text for c in sentence.clauses] == ["قتل 1,200 شخص", "بحسب المرصد."]


@pytest.mark.parametrize("text,quoted", [
    ("هجوم تنظيم “داعش” على مقرات", ["داعش"]),
    ("قال «نحن هنا» ثم غادر", ["نحن هنا"]),
    ('قال "لن ننسحب" وأضاف "سنقاتل"', ["لن ننسحب", "سنقاتل"]),
    ("قال مراسل جبهة النصرة أنه ” يوجد توقع كبير”، بحسب مراسل “النصرة”.", [" يوجد توقع كبير", "النصرة"]),
    ("وأوضح أن ما حدث هي: أنه قبل أسبوع استنفر المجاهدون”.", ["أنه قبل أسبوع استنفر المجاهدون"]),
    ("سؤال مراسل “ ” قال", [" "]),
])
def test_quotes_are_paired_by_flanking(text, quoted):
    found = quotes(text)
    assert [text[q.inner_start:q.inner_end] for q in found] == quoted


def test_unclosed_quote_runs_to_end_of_line():
    text = "قال “سنعود قريباً\nسطر آخر"
    (q,) = quotes(text)
    assert q.opened and not q.closed and text[q.inner_start:q.inner_end] == "سنعود قريباً"


def test_lines_skip_blanks_and_strip():
    text = "  عنوان  \n\n  نص  "
    assert [(l.text, text[l.start:l.end]) for l in lines(text)] == [("عنوان", "عنوان"), ("نص", "نص")]
