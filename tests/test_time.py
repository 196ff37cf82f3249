"""Time expressions resolved against the publication date: tables/times.tsv points to real Baly sentences
in ../shared (see table_rows) and holds a few written for the tests."""

import datetime as dt

import pytest

from conftest import read_table, row_text
from isnad.analysis.time import TimeExpression, find_times, precision_of, resolve_after, undated

TIMES = read_table("times.tsv")
D = dt.date.fromisoformat


@pytest.mark.parametrize("row", TIMES, ids=[f"{r['file']}:{r['expression']}" for r in TIMES])
def test_time_table(row):
    sentence = row_text(row)
    found = find_times(sentence, D(row["published"]))
    match = [t for t in found if t.text == row["expression"]]
    assert match, [t.text for t in found]
    t = match[0]
    assert (t.first.isoformat(), t.last.isoformat(), t.precision) == (row["first"], row["last"], int(row["precision"])), t.reason
    assert sentence[t.start:t.end] == t.text
    assert t.first <= t.last


def test_table_is_mostly_real_sentences():
    real = [r for r in TIMES if r["file"] != "-"]
    assert len(real) >= 40
    assert all(r["file"].startswith("R-") for r in real)
    assert {int(r["precision"]) for r in TIMES} == {1, 2, 3}


def test_anchored_after_relative_range():
    text = "قبل أسبوع تقريباً استنفر الجيش قواته على أطراف المدينة، وبعد أيام بدأ الهجوم."
    published = D("2018-03-10")
    first, after = find_times(text, published)
    assert first.text == "قبل أسبوع تقريباً" and (first.first, first.last) == (D("2018-02-27"), D("2018-03-07"))
    assert after.text == "بعد أيام" and after.kind == "anchored"
    # a few days after the first range, not after publication
    assert after.first == first.first + dt.timedelta(days=2)
    assert after.last == published  # first.last + 7 days, clipped to the publication date
    assert text[after.start:after.end] == after.text


def test_anchored_next_day_and_resolve_after():
    text = "هاجم المسلحون البلدة يوم 3 آذار 2016، وفي اليوم التالي انسحبوا منها."
    attack, next_day = find_times(text, None)
    assert attack.first == D("2016-03-03") and next_day.first == next_day.last == D("2016-03-04")
    assert next_day.precision == 1 and next_day.kind == "anchored"
    anchor = find_times("قبل أسبوع", D("2018-03-10"))[0]
    two_days = resolve_after("بعد يومين", anchor)
    assert (two_days.first, two_days.last) == (anchor.first + dt.timedelta(days=2), anchor.last + dt.timedelta(days=2))
    assert resolve_after("بعد ذلك بأسبوع", anchor).kind == "anchored"
    assert resolve_after("قال المتحدث", anchor) is None


def test_anchored_needs_an_anchor():
    assert find_times("وفي اليوم التالي انسحبوا، وبعد يومين عادوا", D("2018-03-10")) == []


def test_anchor_parameter():
    anchor = TimeExpression(0, 0, "", D("2018-01-01"), D("2018-01-01"), 1, "absolute", "given")
    found = find_times("وبعد ثلاثة أيام انسحبوا", D("2018-03-10"), anchor=anchor)
    assert [(t.first, t.last) for t in found] == [(D("2018-01-04"), D("2018-01-04"))]


@pytest.mark.parametrize("text,expression,first,last", [
    ("قصفت الطائرات البلدة قبل ٥ أيام", "قبل ٥ أيام", "2018-03-05", "2018-03-05"),
    ("قصفت الطائرات البلدة منذ ۳ أيام", "منذ ۳ أيام", "2018-03-07", "2018-03-07"),
    ("خلال الساعات الـ٢٤ الماضية", "خلال الساعات الـ٢٤ الماضية", "2018-03-09", "2018-03-10"),
    ("في ١٥ آذار", "١٥ آذار", "2017-03-15", "2017-03-15"),
])
def test_eastern_and_persian_digits(text, expression, first, last):
    found = find_times(text, D("2018-03-10"))
    assert [(t.text, t.first.isoformat(), t.last.isoformat()) for t in found] == [(expression, first, last)]


def test_no_publication_date_keeps_only_absolute_dates():
    text = "قتل خمسة أمس الخميس وقبل يومين، وفي 3 آذار 2016 سقطت البلدة، ثم الأسبوع الماضي و15 آذار"
    found = find_times(text, None)
    assert [(t.text, t.kind) for t in found] == [("3 آذار 2016", "absolute")]
    assert find_times("قبل أسبوع", None) == []


def test_spans_map_back_through_diacritics_and_tatweel():
    text = "وقَـعَ الانفجارُ مَسـاءَ أمْسِ الجُمُعَـةِ، وقبـلَ يومَيـنِ قُصِفَت البلدة"
    found = find_times(text, D("2018-03-10"))
    assert [t.text for t in found] == ["مَسـاءَ أمْسِ الجُمُعَـةِ", "قبـلَ يومَيـنِ"]
    for t in found:
        assert text[t.start:t.end] == t.text
    assert found[0].first == D("2018-03-09") and found[1].first == D("2018-03-08")


def test_start_end_window_reports_offsets_in_whole_text():
    text = "قال المرصد اليوم. وكان الهجوم قد بدأ قبل يومين."
    start = text.index("وكان")
    found = find_times(text, D("2018-03-10"), start=start)
    assert [t.text for t in found] == ["قبل يومين"]
    assert text[found[0].start:found[0].end] == "قبل يومين"


def test_undated_rule():
    u = undated(D("2018-03-10"))
    assert (u.first, u.last, u.precision, u.kind) == (D("2018-03-08"), D("2018-03-10"), 2, "undated")


@pytest.mark.parametrize("text,expected", [
    ("قال مراسل روسيا اليوم إن القصف مستمر", []),  # a channel's name
    ("وقعت الحادثة قبل أسبوع من الانتخابات", []),  # a week before an event, not before publication
    ("وكرر موقفه بعد أيام على نداء مشترك", []),
    ("التقى الوفدان قبل يوم الجمعة", ["يوم الجمعة"]),  # not "a day ago"
    ("يقع الخلاف بين الاثنين منذ زمن", []),  # "the two", not Monday
    ("لامس الجدار في بغداد", []),
    ("وفي اليوم التالي عاد", []),  # no anchor
])
def test_not_read_as_time(text, expected):
    assert [t.text for t in find_times(text, D("2018-03-10"))] == expected


def test_weekday_rules():
    thursday = D("2018-03-08")
    assert find_times("الخميس", thursday)[0].first == thursday
    assert find_times("الخميس الماضي", thursday)[0].first == D("2018-03-01")
    assert find_times("الجمعة", thursday)[0].first == D("2018-03-02")  # up to 6 days back
    assert find_times("الجمعة المقبلة", thursday)[0].first == D("2018-03-09")


def test_precision_rule():
    day = D("2018-03-10")
    assert precision_of(day, day) == 1
    assert precision_of(day - dt.timedelta(days=9), day) == 2
    assert precision_of(day - dt.timedelta(days=10), day) == 3


def test_precomputed_dates_give_the_same_result():
    from isnad.text.dates import find_dates

    text = "قال المرصد اليوم. وفي 3 آذار 2016 سقطت البلدة، وفي اليوم التالي انسحبت الفصائل قبل يومين."
    start = text.index("وفي")
    assert find_times(text, D("2018-03-10"), start=start, dates=find_dates(text)) == \
        find_times(text, D("2018-03-10"), start=start)
