"""Actors, places and people in real sentences of the Baly 2018 corpus (read from ../shared at test time, see
table_rows), and in a few written after them (the claim file named)."""

import pytest
from conftest import BalyText

from isnad.knowledge.catalogue import default_catalogue
from isnad.analysis.entities import EntityStage, name_keys, phrase_key
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


CASES = [  # (sentence: in ../shared, or written for the test after the file named, actors, places, persons)
    (BalyText("R-13.json", 7, 884, 1021), {"nusra", "jabhat_fath_al_sham"}, set(), {"أبو محمد الجولاني"}),
    (BalyText("R-117.json", 1, 190, 338), {"syrian_government_forces", "isis"}, {"X-RIF-SY09", "الجرذي", "SY"}, set()),
    (BalyText("R-117.json", 4, 8475, 8636), {"syrian_government_forces", "hts", "syrian_rebels"}, {"SY07", "الخوين"},
     set()),
    ("R-117.json", "قالت وزارة الدفاع العراقية إنها أتمت استعداداتها لمعركة جديدة ضد تنظيم داعش تشارك فيها "
                   "ميليشيات الحشد الشعبي .", {"isis", "pmf", "iraqi_ministry_of_defence"}, set(), set()),
    (BalyText("R-108.json", 0, 2903, 3005), {"sdf", "us_led_coalition"}, {"SY11"}, set()),
]


def case_id(case: tuple) -> str:
    """A case's test id: where its sentence lies, or the file it was written after and its start."""
    return case[0].label if isinstance(case[0], BalyText) else f"after {case[0]}:{case[1][:25]}"


def case_params(case: tuple) -> tuple:
    """A case as (sentence, actors, places, persons); a corpus sentence is read at test time."""
    return case if isinstance(case[0], BalyText) else case[1:]


@pytest.mark.parametrize("text,actors,places,persons", [case_params(c) for c in CASES],
                         ids=[case_id(c) for c in CASES])
def test_real_sentences(nlp, text, actors, places, persons):
    drafts = found(nlp, text.text if isinstance(text, BalyText) else text)
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
    # R-10.json ("what the group called its caliphate state"): التنظيم دولة is not the name تنظيم الدولة
    drafts = found(nlp, BalyText("R-10.json", 0, 1228, 1263).text)
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
    # a name of several words is matched as running text cuts it, too (بقيادة → ب + قيادة)
    assert name_keys("التحالف بقيادة السعودية", nlp.tokenizer) == ("تحالف بقياده سعوديه", "تحالف قياده سعوديه")
    assert name_keys("سان", nlp.tokenizer) == ("سان",)
    assert phrase_key("الدواعش", nlp.tokenizer) == "دواعش"
    assert phrase_key("تنظيم “داعش”", nlp.tokenizer) == "تنظيم داعش"


@pytest.mark.parametrize("sentence,not_a_place", [
    # written after V-421.json: "human losses", not the Latakia village بشرية
    ("قالت هيئة تحرير الشام إن تفجير سيارة مفخخة استهدف رتلا روسيا وأوقع خسائر بشرية في جبلة .", "بشرية"),
    # V-531.json: the revolution, not the district of Raqqa named الثورة
    ("نشطت في المجال الحقوقي منذ بداية الثورة السورية في حلب .", "الثورة"),
    # after SK-middleEast-19-20180222: "in cold blood", not the Hama village البارد
    ("وصفت السلطة الفلسطينية مقتله بأنه إعدام بدم بارد .", "البارد"),
])
def test_plain_words_named_like_villages(sentence, not_a_place):
    import isnad
    record = isnad.analyze(sentence)
    assert not any(e.kind == "place" and e.name == not_a_place for e in record.entities)


# Written after ANT 2018 articles of the development set (the article named); the whole pipeline with
# the NER model, as users run it. (text, actor keys that must be there, actor keys that must not,
# places that must be there by their gazetteer name)
RECORD_CASES = [
    ("after BB-middleEast-245-20180325",
     "قال الجيش الأمريكي إن الغارة في ليبيا استهدفت الإرهابيين. وتعاني ليبيا من الفوضى منذ الإطاحة بنظام "
     "العقيد معمر القذافي. وقال البيان إن الهدف منع المسلحين من التمتع بملاذ آمن.",
     {"us_forces"}, {"syrian_government_forces", "syrian_rebels", "gna_forces"}, {"ليبيا"}),
    ("after V-22-0 (Baly)",
     "قصف الجيش مواقع في إدلب. وخطف المطرب من قبل حاجز تابع لجيش بشار الأسد في حلب.",
     {"syrian_government_forces"}, set(), {"إدلب", "حلب"}),
    ("after FR-middleEast-283-20180415",
     "وقالت وزارة الخارجية في سورية إن القوات السورية تصدت للهجوم.",
     {"syrian_government_forces"}, set(), {"سوريا"}),
    ("after the ANT audit (SK-middleEast-1390-20180502): a bare coalition in Yemen's war",
     "وكثفت مقاتلات التحالف غاراتها على مواقع الحوثيين في محافظة صعدة اليمنية.",
     {"arab_coalition"}, {"us_led_coalition"}, {"محافظة صعدة"}),
    ("after SK-middleEast-2144-20180604 (the last ANT audit): Libya's «national army» is Haftar's",
     "وقالت المصادر إن الجيش الوطني سيطر على معسكر في مدينة درنة الليبية.",
     {"lna"}, {"sna", "gna_forces"}, {"درنة"}),
    ("a political bloc in Iraq is no coalition at war",
     "وقال التحالف الوطني في بغداد إنه سيشارك في الحكومة العراقية.",
     set(), {"arab_coalition", "us_led_coalition"}, {"بغداد"}),
]


@pytest.fixture(scope="module")
def full_nlp():
    import isnad
    return isnad.load()


@pytest.mark.parametrize("after,text,present,absent,places", RECORD_CASES, ids=[c[0] for c in RECORD_CASES])
def test_region_readings(full_nlp, after, text, present, absent, places):
    record = full_nlp(text)
    keys = {e.key for e in record.entities if e.kind == "actor"}
    assert present <= keys and not (absent & keys), keys
    assert places <= {e.name for e in record.entities if e.kind == "place"}


def test_media_outlets_are_not_people(full_nlp):
    record = full_nlp("ذكرت وكالة فرانس برس وقال مصدر لبي بي سي إن رامي عبد الرحمن مدير المرصد قال إن الهجوم فشل.")
    assert {e.name for e in record.entities if e.kind == "person"} == {"رامي عبد الرحمن"}


def test_a_place_no_gazetteer_locates_is_kept_apart(full_nlp):
    record = full_nlp("قتل ثلاثة مدنيين في قصف على بلدة زيزفونة الخضراء في ريف إدلب.")
    assert all(e.lat is not None for e in record.entities if e.kind == "place")
    assert any("زيزفونة" in u.text for u in record.unlocated_places), record.unlocated_places
