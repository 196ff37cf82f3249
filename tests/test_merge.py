"""Merging across documents: event reports of one event, claims about one proposition."""

from __future__ import annotations

import json
import random
from urllib.parse import urlparse

import pytest
from conftest import SHARED, BalyText

from isnad.corpus.merge import (
    CLAIM_THRESHOLD,
    ClaimItem,
    EventReport,
    by_outlet,
    by_speaker,
    claim_items,
    claim_similarity,
    content_words,
    dates_overlap,
    event_reports,
    group_claims,
    merge_events,
    places_compatible,
    reports_compatible,
)
from isnad.record import Claim, ClaimSource, Entity, Event, EventDate, Span

BALY = SHARED / "data" / "baly2018" / "claims"

# ---------------------------------------------------------------- real entities (values from analysed records)

KHANASIR = Entity(id="p1", kind="place", name="خناصر", name_en="Khanaser", pcode="C2169", admin1="SY02",
                  lat=35.77954, lon=37.49737, geo_precision=1, kind_detail="community")
RASM = Entity(id="p2", kind="place", name="رسم السيالة", name_en="Rasm Elsayaleh", pcode="C2172", admin1="SY02",
              lat=35.75659, lon=37.41444, geo_precision=1, kind_detail="community")
ALEPPO = Entity(id="p3", kind="place", name="حلب", name_en="Aleppo", pcode="SY02", admin1="SY02",
                lat=36.20311, lon=37.14087, geo_precision=3, kind_detail="governorate")
IDLEB = Entity(id="p4", kind="place", name="إدلب", name_en="Idleb", pcode="SY07", admin1="SY07",
               lat=35.93199, lon=36.63491, geo_precision=3, kind_detail="governorate")
ASRIEH = Entity(id="p5", kind="place", name="أسرية", name_en="Asrieh", pcode="C3273", admin1="SY05",
                lat=35.3663, lon=37.78467, geo_precision=1, kind_detail="community")
UNLOCATED = Entity(id="p6", kind="place", name="الكتيبة المهجورة")
ISIS = Entity(id="a1", kind="actor", name="تنظيم الدولة الإسلامية", key="isis", actor_type="Rebel group")
REGIME = Entity(id="a2", kind="actor", name="قوات النظام", key="syrian_government_forces", actor_type="State forces")
NUSRA = Entity(id="a3", kind="actor", name="جبهة النصرة", key="nusra", actor_type="Rebel group")


def report(article: str, eid: str = "v1", event_type: str = "Battles", a1=ISIS, a2=REGIME, place=KHANASIR,
           date: tuple[str, str] | None = ("2016-02-23", "2016-02-25"), status: str = "reported",
           published: str | None = "2016-02-25", outlet: str | None = None) -> EventReport:
    event = Event(id=eid, event_type=event_type, sub_event_type="Armed clash", actor1=a1.id if a1 else None,
                  actor2=a2.id if a2 else None, place=place.id if place else None,
                  date=EventDate(start=date[0], end=date[1], precision=2) if date else None, status=status,
                  trigger=Span(start=0, end=4, text="هجوم"))
    return EventReport(article, outlet or article, published, None, event, a1, a2, place)


@pytest.mark.parametrize("a, b, ok, why", [
    (KHANASIR, KHANASIR, True, "same P-code C2169"),
    (KHANASIR, RASM, True, "places 7.9 km apart"),
    (KHANASIR, ASRIEH, False, "places 53 km apart"),
    (KHANASIR, ALEPPO, True, "خناصر lies in governorate-wide حلب (SY02)"),
    (KHANASIR, IDLEB, False, "places 80 km apart"),
    (KHANASIR, UNLOCATED, False, "one place unlocated"),
    (UNLOCATED, UNLOCATED, True, "same P-code"),  # same entity: no P-code, same name
    (None, None, True, "both unlocated"),
    (None, UNLOCATED, True, "both unlocated"),
])
def test_places_compatible(a, b, ok, why):
    got, _, reason = places_compatible(a, b)
    assert got is ok
    if why != "same P-code":
        assert reason == why
    else:
        assert reason == "same place name"


@pytest.mark.parametrize("a, b, ok", [
    (("2016-02-23", "2016-02-25"), ("2016-02-25", "2016-02-26"), True),
    (("2016-02-23", "2016-02-24"), ("2016-02-25", "2016-02-26"), False),
    (None, ("2016-02-25", "2016-02-26"), True),
])
def test_dates_overlap(a, b, ok):
    def d(x):
        return EventDate(start=x[0], end=x[1], precision=2) if x else None
    assert dates_overlap(d(a), d(b)) is ok


@pytest.mark.parametrize("b, ok, why", [
    (report("B"), True, "actors match; same P-code C2169; dates overlap"),
    (report("B", a1=REGIME, a2=ISIS), True, "actors match with sides swapped"),
    (report("B", a2=None), True, "actors match"),
    (report("B", a1=NUSRA), False, "actors differ"),
    (report("B", event_type="Explosions/Remote violence"), False, "event types differ"),
    (report("B", place=ASRIEH), False, "places 53 km apart"),
    (report("B", date=("2016-01-01", "2016-01-02")), False, "dates do not overlap"),
])
def test_reports_compatible(b, ok, why):
    got, reason = reports_compatible(report("A"), b)
    assert got is ok and reason.startswith(why)


def test_swapped_sides_only_for_battles():
    a = report("A", event_type="Violence against civilians")
    b = report("B", event_type="Violence against civilians", a1=REGIME, a2=ISIS)
    assert not reports_compatible(a, b)[0]


def test_unlocated_undated_reports_stay_apart():
    a, b = report("A", place=None, date=None), report("B", place=None, date=None)
    assert reports_compatible(a, b) == (False, "no place and no date to tie the reports")


def test_merge_keeps_reports_statuses_and_combines():
    reports = [report("B", date=("2016-02-24", "2016-02-26"), published="2016-02-26", outlet="Enab"),
               report("A", a2=None, place=ALEPPO, outlet="Orient"),
               report("C", a1=REGIME, a2=ISIS, place=RASM, status="denied", published="2016-02-27", outlet="SANA"),
               report("D", place=ASRIEH)]
    merged = merge_events(reports)
    assert len(merged) == 2
    m = merged[0]
    assert [r.article_id for r in m.reports] == ["A", "B", "C"]
    assert m.earliest.article_id == "A"
    assert m.statuses == {"denied": 1, "reported": 2} and (m.n_reported, m.n_denied) == (2, 1)
    assert m.date == EventDate(start="2016-02-24", end="2016-02-25", precision=2)
    assert m.place == KHANASIR  # best precision (1) over the governorate
    assert (m.actor1.key, m.actor2.key) == ("isis", "syrian_government_forces")
    assert m.outlets == ("Enab", "Orient", "SANA")
    assert "B/v1 joins A/v1: same type Battles" in m.reason and "sides swapped" in m.reason
    assert merged[1].reason == "single report"


def test_merge_is_deterministic():
    reports = [report(x, place=p) for x, p in zip("ABCDE", (KHANASIR, RASM, ASRIEH, KHANASIR, IDLEB))]
    first = merge_events(reports)
    for seed in range(5):
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        again = merge_events(shuffled)
        assert [(m.id, [r.key for r in m.reports]) for m in again] == [(m.id, [r.key for r in m.reports])
                                                                        for m in first]


def test_no_chaining_drift():
    # A~B (7.9 km), B~C (22 km west of Rasm), but A!~C (29.6 km): C starts its own event
    east = Entity(id="p9", kind="place", name="نقطة شرقية", lat=35.75659, lon=37.17, geo_precision=1)
    merged = merge_events([report("A", place=KHANASIR), report("B", place=RASM, published="2016-02-26"),
                           report("C", place=east, published="2016-02-27")])
    assert [[r.article_id for r in m.reports] for m in merged] == [["A", "B"], ["C"]]


def test_one_article_never_merges_with_itself():
    merged = merge_events([report("A", "v1"), report("A", "v2")])
    assert len(merged) == 2


# ---------------------------------------------------------------- claims: real sentences

SAME = [  # pairs from Baly et al. 2018 articles (reprints of one report by different outlets), read from ../shared
    (BalyText("R-15.json", 0, 897, 980), BalyText("R-15.json", 8, 332, 410)),
    (BalyText("R-13.json", 5, 572, 679), BalyText("R-13.json", 7, 256, 327)),
    (BalyText("R-317.json", 7, 5, 67), BalyText("R-317.json", 12, 431, 545)),
    (BalyText("R-136.json", 2, 225, 343), BalyText("R-136.json", 9, 34, 140)),
]
DIFFERENT = [
    (BalyText("R-30.json", 5, 68, 126), BalyText("R-30.json", 5, 737, 795)),
    (BalyText("V-320.json", 1, 116, 216), BalyText("R-176.json", 2, 152, 267)),
    (BalyText("R-136.json", 1, 376, 471), BalyText("R-136.json", 9, 34, 140)),
    # the numbers differ: not the same proposition however alike the words (the second is the first with 3000)
    (BalyText("R-10.json", 4, 79, 141), "3000"),
]


def pair_texts(a: BalyText, b: BalyText | str) -> tuple[str, str]:
    """The two sentences of a row, read from ../shared; a string B is a number to put in place of 1000 in A."""
    return a.text, (b.text if isinstance(b, BalyText) else a.text.replace("1000", b))


def pair_ids(pairs: list[tuple]) -> list[str]:
    """Test ids naming where each row's sentences lie."""
    return [f"{a.label}-{b.label if isinstance(b, BalyText) else b}" for a, b in pairs]


@pytest.mark.parametrize("a, b", SAME, ids=pair_ids(SAME))
def test_same_proposition(a, b):
    assert claim_similarity(*pair_texts(a, b)) >= CLAIM_THRESHOLD


@pytest.mark.parametrize("a, b", DIFFERENT, ids=pair_ids(DIFFERENT))
def test_different_propositions(a, b):
    assert claim_similarity(*pair_texts(a, b)) < CLAIM_THRESHOLD


def test_content_words_drop_clitics_and_fold():
    assert content_words("وقال التحالف الدولي إنه لم يتبق سوى ألفي مقاتل") == (
        "قال", "تحالف", "دولي", "ان", "لم", "يتبق", "سوي", "الفي", "مقاتل")


def claim(cid: str, stance: str, content: str) -> Claim:
    return Claim(id=cid, cue=Span(start=0, end=3, text="قال"), stance=stance,
                 source=ClaimSource(text="مصدر", anonymous=True), content=Span(start=0, end=len(content), text=content))


def test_group_claims_assert_and_deny():
    text_a, text_b = pair_texts(*SAME[0])
    text_c = DIFFERENT[0][1].text
    items = [ClaimItem("A", "Reuters", "2017-12-01", claim("c1", "assert", text_a), "المعارضة", None, text_a),
             ClaimItem("B", "SANA", "2017-12-02", claim("c1", "deny", text_b), "مصدر عسكري", None, text_b),
             ClaimItem("C", "Enab", "2017-12-02", claim("c3", "assert", text_c), "لافروف", None, text_c)]
    groups = group_claims(items)
    assert [[m.article_id for m in g.items] for g in groups] == [["A", "B"], ["C"]]
    g = groups[0]
    assert [m.article_id for m in g.asserting] == ["A"] and [m.article_id for m in g.denying] == ["B"]
    assert g.outlets == ("Reuters", "SANA") and g.speakers == ("المعارضة", "مصدر عسكري")
    tallies = {t.name: t for t in by_outlet(groups)}
    assert (tallies["SANA"].total, tallies["SANA"].asserts, tallies["SANA"].denies) == (1, 0, 1)
    speakers = {t.name: (t.total, t.asserts, t.denies) for t in by_speaker(items)}
    assert speakers["مصدر عسكري"] == (1, 0, 1) and speakers["لافروف"] == (1, 1, 0)


def test_by_outlet_over_merged_events():
    merged = merge_events([report("A", outlet="Orient"), report("B", outlet="SANA", status="denied")])
    tallies = {t.name: (t.total, t.asserts, t.denies, t.groups) for t in by_outlet(merged)}
    assert tallies == {"Orient": (1, 1, 0, 1), "SANA": (1, 0, 1, 1)}


# ---------------------------------------------------------------- real records: one Reuters report, many outlets

@pytest.fixture(scope="module")
def reuters_reprints():
    path = BALY / "R-10.json"
    if not path.exists():
        pytest.skip("Baly et al. 2018 corpus not available")
    from isnad.analysis.pipeline import Pipeline

    raw = json.loads(path.read_text(encoding="utf-8"))
    pipeline = Pipeline()
    chosen = [0, 1, 2, 4]  # swissinfo, DW, Syrian Mirror, Akhbaar24: the same Reuters report of 27 Dec 2017
    return [(pipeline(raw["article"][i], id=f"R-10-{i}", published="2017-12-27"), urlparse(raw["url"][i]).netloc)
            for i in chosen]


def test_reuters_reprints_group_by_proposition(reuters_reprints):
    items = [item for article, outlet in reuters_reprints for item in claim_items(article, outlet)]
    groups = group_claims(items)
    ended = BalyText("R-10.json", 0, 1895, 1937).text  # the main battle with the group in Syria is over
    battle = next(g for g in groups if any(ended in m.content for m in g.items))
    assert len(battle.outlets) == 4 and not battle.denying
    assert all(len({m.article_id for m in g.items}) == len(g.items) for g in groups)
    assert len(groups) < len(items) / 2  # the four reprints collapse into shared propositions


def test_reuters_reprints_merge_events(reuters_reprints):
    # the one event three reprints share is the coalition's strikes «منذ عام 2014»: background in a report of
    # December 2017, kept apart and merged with nothing; DW's own events are told by no other reprint
    assert [[e.date.start[:4] for e in a.background_events if e.trigger.text.startswith("ضربات")]
            for a, _ in reuters_reprints] == [["2014"], [], ["2014"], ["2014"]]
    reports = [r for article, outlet in reuters_reprints for r in event_reports(article, outlet)]
    merged = merge_events(reports)
    assert reports and len(merged) == len(reports)


@pytest.mark.parametrize("date_a, published_a, date_b, published_b, joined", [
    (("2016-02-23", "2016-02-25"), "2016-02-25", ("2016-02-24", "2016-02-24"), "2016-02-26", True),
    # an undated report tells of the days up to its publication
    (None, "2016-02-26", ("2016-02-23", "2016-02-25"), "2016-02-25", True),
    (None, "2016-03-10", ("2016-02-23", "2016-02-25"), "2016-02-25", False),
    # a month-wide or unknown date ties nothing (the corpus once merged 196 such reports into one event)
    (("2016-02-01", "2016-02-29"), "2016-02-29", ("2016-02-23", "2016-02-25"), "2016-02-25", False),
    (None, None, ("2016-02-23", "2016-02-25"), "2016-02-25", False),
])
def test_reports_of_different_articles_join_only_on_close_days(date_a, published_a, date_b, published_b, joined):
    ok, why = reports_compatible(report("A", date=date_a, published=published_a),
                                 report("B", date=date_b, published=published_b))
    assert ok is joined, why


def test_merged_index_feeds_the_exports():
    from isnad.corpus.merge import merged_index

    merged = merge_events([report("A"), report("B"), report("C", place=ASRIEH)])
    index = merged_index(merged)
    assert index["A/v1"] == index["B/v1"] == merged[0].id != index["C/v1"]


def test_the_blocking_index_misses_no_compatible_cluster(monkeypatch):
    """Merging with the place index gives what comparing every cluster of the type gives."""
    path = BALY / "R-10.json"
    if not path.exists():
        pytest.skip("Baly et al. 2018 corpus not available")
    from isnad.corpus.merge import _Blocks
    from isnad.analysis.pipeline import Pipeline

    pipeline = Pipeline()
    reports = []
    for name in ("R-10.json", "R-73.json", "V-479.json", "V-249.json"):
        raw = json.loads((BALY / name).read_text(encoding="utf-8"))
        for i, text in enumerate(raw["article"][:6]):
            reports.extend(event_reports(pipeline(text, id=f"{name}-{i}"), urlparse(raw["url"][i]).netloc))
    reports += [report("A"), report("B", place=ASRIEH), report("C", place=None), report("D", place=None)]
    indexed = merge_events(reports)
    monkeypatch.setattr(_Blocks, "candidates", lambda self, r: sorted({i for ids in self.keys.values() for i in ids}))
    assert [(m.id, m.reason) for m in indexed] == [(m.id, m.reason) for m in merge_events(reports)]
    assert len(indexed) < len(reports)
