"""Datelines (PLACE – AUTHOR:): tables/datelines.tsv points to real lines of Baly articles in ../shared
(see table_rows) and holds a few written for the tests."""

import pytest

from conftest import BalyText, read_table, row_text, table_row_ids
from isnad.analysis.anatomy import parse_dateline

DATELINES = read_table("datelines.tsv")


@pytest.mark.parametrize("row", DATELINES, ids=table_row_ids(DATELINES))
def test_dateline_table(row):
    line = row_text(row, "line")
    found = parse_dateline(line)
    if row["place"] == "-":
        assert found is None, found
        return
    assert found is not None
    place = line[found.place[0]:found.place[1]] if found.place else ""
    author = line[found.author[0]:found.author[1]] if found.author else ""
    assert (place, author) == (row["place"], row["author"]), found.rule


def test_table_size():
    assert sum(r["place"] != "-" for r in DATELINES) >= 20


@pytest.mark.parametrize("line,credit", [
    ("حلب – عمار البكور:", "person"),
    ("دمشق - خاص", "exclusive"),
    ("بيروت (رويترز) - قال مصدر", "agency"),
    ('عمان - "القدس العربي":', "outlet"),
    ("حلب - مراسل عنب بلدي:", "staff"),
])
def test_credit_kind(line, credit):
    assert parse_dateline(line).credit == credit


def test_date_inside_dateline():
    found = parse_dateline("دمشق، 25 شباط 2016 (سانا) - أعلنت الوزارة")
    assert found.date.date.isoformat() == "2016-02-25"


def test_credit_line():
    found = parse_dateline("المصدر: عنب بلدي")
    assert found.source == "عنب بلدي" and found.place is None


def test_offsets_inside_a_longer_text():
    text = "عنوان\nحلب – عمار البكور:\nنص"
    found = parse_dateline(text, 6, 24)
    assert text[found.place[0]:found.place[1]] == "حلب"
    assert text[found.author[0]:found.author[1]] == "عمار البكور"


@pytest.mark.parametrize("line", [
    'العربي - " نيويورك تايمز " : ما الذي جرى',
    "أمس الأول ( الجمعة ) قال المتحدث",
    "التقرير الجديد ( 2017 ) يكشف",
    "الأزمه الاقتصاديه الكبرى ( حرب العملات ) - تحليل",  # written after V-417.json
    BalyText("R-307.json", 8, 0, 47),
    BalyText("R-305.json", 7, 0, 56),
    BalyText("R-429.json", 7, 0, 15),
    BalyText("V-688.json", 1, 0, 27),
], ids=lambda line: line.label if isinstance(line, BalyText) else None)
def test_boilerplate_from_scraped_pages_is_not_a_dateline(line):
    """Lines seen at the top of scraped Baly 2018 pages (some read from ../shared) that earlier rules took for
    datelines."""
    assert parse_dateline(line.text if isinstance(line, BalyText) else line) is None
