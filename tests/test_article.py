"""Article anatomy and the analysis record, on the example article and on HTML and JSON input."""

import json

import pytest

import isnad
from isnad.analysis.anatomy import anatomy, headline_rule
from isnad.text.inputs import Document
from isnad.analysis.pipeline import Pipeline, compose_text
from isnad.record import json_schema
from isnad.text.sentences import Line

from conftest import ROOT


def test_example_article(example_text, check_record):
    record = isnad.analyze(example_text)
    assert record.title == "ما حقيقة مشاركة جند الأقصى وجبهة النصرة بجانب (داعش) في معركة خناصر؟"
    assert record.published == "2016-02-25"
    assert (record.dateline.place, record.dateline.author) == ("حلب", "عمار البكور")
    assert record.anatomy.body.text.startswith("نفى مصدر عسكري")
    assert {e.key for e in record.entities if e.kind == "actor"} >= {"isis", "nusra", "jund_al_aqsa"}
    assert [c.cue.text for c in record.claims] == ["نفى", "أوضح", "أضاف", "حسب", "قال", "قال", "أكد", "مضيفاً"]
    assert record.events and all(e.trigger.text for e in record.events)
    assert [s.part for s in record.sentences[:4]] == ["title", "date", "dateline", "body"]
    assert {d.field for d in record.decisions} >= {"title", "published", "dateline"}
    check_record(record.to_dict())


def test_published_argument_wins(example_text):
    record = isnad.analyze(example_text, published="2016-03-01", url="https://example.org/a")
    assert record.published == "2016-03-01" and record.url == "https://example.org/a"


@pytest.mark.parametrize("text,title,published,place", [
    ("قوات النظام تسيطر على بلدة خناصر\nالخميس 25 شباط 2016\nحلب – خاص:\nسيطرت قوات النظام على البلدة.",
     "قوات النظام تسيطر على بلدة خناصر", "2016-02-25", "حلب"),
    ("هل انسحب التنظيم من تدمر؟\nتدمر (رويترز) - قال مسؤولون إن التنظيم انسحب.",
     "هل انسحب التنظيم من تدمر؟", None, "تدمر"),
    ("بيروت (رويترز) - قال مسؤولون إن الاشتباكات توقفت.\nوأضافوا أن الهدنة صامدة.", None, None, "بيروت"),
    ("نشر في 3 آذار 2018\nدمشق - سانا\nأعلنت الوزارة عن افتتاح المدرسة.", None, "2018-03-03", "دمشق"),
    ("قال المرصد السوري إن عشرة أشخاص قتلوا.", None, None, None),
])
def test_anatomy_variants(text, title, published, place, check_record):
    record = isnad.analyze(text)
    assert (record.title, record.published, record.dateline.place) == (title, published, place)
    check_record(record.to_dict())


def test_single_line_is_not_a_title():
    assert anatomy("قال المصدر إن الهجوم فشل").title is None


@pytest.mark.parametrize("line,is_headline", [
    ("ما حقيقة مشاركة جند الأقصى في معركة خناصر؟", True),
    ("التحالف: بقي أقل من ألف مقاتل لداعش في سوريا", True),
    ("قال المصدر إن الهجوم بدأ صباح اليوم.", False),
    (" ".join(["كلمة"] * 40), False),
])
def test_headline_rule(line, is_headline):
    assert (headline_rule(Line(0, len(line), line), has_more=True) is not None) == is_headline


def test_metadata_title_is_put_before_the_body(check_record):
    doc = Document(name="x.json", text="قال مسؤولون إن الهدنة صامدة.", kind="json", title="الهدنة صامدة",
                   published="2017-12-27T08:00:00Z", published_from="JSON field 'date'")
    record = Pipeline()(doc)
    assert record.text.startswith("الهدنة صامدة\n")
    assert record.title == "الهدنة صامدة" and record.published == "2017-12-27"
    assert any("JSON field 'date'" in d.rule for d in record.decisions)
    check_record(record.to_dict())


def test_compose_does_not_repeat_a_title():
    assert compose_text("العنوان\nالنص", "العنوان") == "العنوان\nالنص"


def test_published_schema_is_current():
    published = json.loads((ROOT / "schema" / "article.schema.json").read_text(encoding="utf-8"))
    assert published == json_schema(), "run `make schema` after changing isnad.record"
