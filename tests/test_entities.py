"""Actors, places and people in real sentences of the Baly 2018 corpus (claim file named)."""

import pytest

from isnad.knowledge.catalogue import default_catalogue
from isnad.analysis.entities import EntityStage, phrase_key
from isnad.analysis.pipeline import Pipeline, build_resources
from isnad.knowledge.gazetteer import default_gazetteer


@pytest.fixture(scope="module")
def nlp():
    """The packaged catalogue and gazetteer, without the NER model: rules and lists only."""
    return Pipeline(build_resources(default_catalogue(), default_gazetteer(), tagger=None))


def found(nlp: Pipeline, text: str):
    stage: EntityStage = nlp.get_pipe("entities").stage
    drafts = stage.run(nlp.make_doc(text))
    for d in drafts:
        for m in d.mentions:
            assert text[m.start:m.end] == m.text
    return drafts


def refs(drafts, kind):
    return {d.actor_id or (d.place.id if d.place else d.name) for d in drafts if d.kind == kind}


CASES = [
    ("R-13.json", "يذكر أن زعيم جبهة النصرة أبو محمد الجولاني أعلن , منذ نحو عام , إلغاء العمل باسم جبهة النصرة , "
                  "وتشكيل كيان جديد يحمل اسم جبهة فتح الشام .",
     {"nusra", "jabhat_fath_al_sham"}, set(), {"أبو محمد الجولاني"}),
    ("R-117.json", 'في سياق آخر , قتل 14 مدنيا في بلدة الجرذي بريف دير الزور شرق سوريا , في قصف من قبل قوات النظام '
                   'وحلفائها على البلدة التي يسيطر عليها تنظيم " داعش " .',
     {"syrian_government_forces", "isis"}, {"X-RIF-SY09", "الجرذي", "SY"}, set()),
    ("R-117.json", 'وتمكنت القوات النظامية أمس من السيطرة على قرية الخوين بعد معارك كر وفر مع " هيئة تحرير الشام " '
                   "والفصائل المقاتلة , وباتت على مقربة من مدن وبلدات مهمة جنوب إدلب .",
     {"syrian_government_forces", "hts", "syrian_rebels"}, {"SY07", "الخوين"}, set()),
    ("R-117.json", "أعلنت وزارة الدفاع العراقية , إنهاء استعداداتها العسكرية لخوض معركتها الجديدة ضد تنظيم داعش "
                   "بمساندة ميليشيات الحشد الشعبي .",
     {"isis", "pmf"}, set(), set()),
    ("R-108.json", 'فهم يشك لون العصب الرئيسي ل - " قوات سوريا الديمقراطية " التي حر رت الرقة بدعم من " التحالف الدولي " .',
     {"sdf", "us_led_coalition"}, {"SY11"}, set()),
]


@pytest.mark.parametrize("source,text,actors,places,persons", CASES, ids=[c[0] + ":" + c[1][:25] for c in CASES])
def test_real_sentences(nlp, source, text, actors, places, persons):
    drafts = found(nlp, text)
    assert refs(drafts, "actor") == actors
    assert refs(drafts, "place") == places
    assert {d.name for d in drafts if d.kind == "person"} == persons


@pytest.mark.parametrize("text,alias,actor", [
    ("اشتبك الثوار مع الدواعش قرب البلدة", "الدواعش", "isis"),
    ("وقال مسؤول في لجند الأقصى", "جند الأقصى", "jund_al_aqsa"),
    ("هاجمت الميليشيات الإيرانية المدينة", "الميليشيات الإيرانية", "iranian_militias"),
    ("وأعلن التحالف الدولي مقتل قيادي في التنظيم", "التحالف الدولي", "us_led_coalition"),
])
def test_clitics_and_definiteness_do_not_hide_a_name(nlp, text, alias, actor):
    drafts = found(nlp, text)
    d = next(d for d in drafts if d.actor_id == actor)
    assert d.mentions[0].text == alias


def test_definiteness_must_agree(nlp):
    # "أطلق عليه التنظيم دولة الخلافة": التنظيم دولة is not the name تنظيم الدولة
    drafts = found(nlp, "فيما أطلق عليه التنظيم دولة الخلافة")
    assert all(m.text != "التنظيم دولة" for d in drafts for m in d.mentions)


def test_anaphor_joins_the_last_fitting_actor(nlp):
    drafts = found(nlp, "سيطر تنظيم داعش على القرية ثم انسحب التنظيم منها")
    isis = next(d for d in drafts if d.actor_id == "isis")
    assert [m.text for m in isis.mentions] == ["تنظيم داعش", "التنظيم"]


def test_role_links_a_person_to_an_actor(nlp):
    drafts = found(nlp, "ووصل تهديد لأبو عمارة مسؤول كتائب الحمزة في جبل الحص")
    person = next(d for d in drafts if d.kind == "person")
    assert (person.name, person.role, person.affiliation) == ("أبو عمارة", "مسؤول", "actor:kataib_al_hamza")


@pytest.mark.parametrize("text,place_id,cue", [
    ("قتل مدنيان في قصف على بلدة خناصر", "C2169", None),
    ("تقدمت القوات غرب خناصر", "C2169", "غرب"),
    ("اشتباكات في ريف حلب الجنوبي", "X-RIF-SY02-S", None),
])
def test_places_and_cues(nlp, text, place_id, cue):
    drafts = found(nlp, text)
    place = next(d for d in drafts if d.kind == "place")
    assert place.place is not None and place.place.id.startswith(place_id[:5])
    assert place.mentions[0].cue == cue


def test_plain_word_is_not_a_village(nlp):
    # الزيارة and على are villages in the OCHA data, and plain words here
    drafts = found(nlp, "وصل الوزير في زيارة للمملكة في قرية على الجانب الشرقي")
    assert not [d for d in drafts if d.kind == "place" and d.place is not None]


def test_name_keys_keep_names_whole(nlp):
    assert phrase_key("سان", nlp.tokenizer) == "سان"
    assert phrase_key("الدواعش", nlp.tokenizer) == "دواعش"
    assert phrase_key("تنظيم “داعش”", nlp.tokenizer) == "تنظيم داعش"


@pytest.mark.parametrize("sentence,not_a_place", [
    # V-421.json: "human losses", not the Latakia village بشرية
    ("أعلنت هيئة تحرير الشام أن رتلا روسيا تم استهدافه بسيارة مفخخة ماتسبب بوقوع خسائر بشرية في جبلة .", "بشرية"),
    # V-531.json: the revolution, not the district of Raqqa named الثورة
    ("نشطت في المجال الحقوقي منذ بداية الثورة السورية في حلب .", "الثورة"),
])
def test_plain_words_named_like_villages(sentence, not_a_place):
    import isnad
    record = isnad.analyze(sentence)
    assert not any(e.kind == "place" and e.name == not_a_place for e in record.entities)
