"""Events on real sentences of the Baly corpus (tests/tables/events.tsv, one row per expected event;
each row points to its sentence in ../shared, see table_rows), plus the example article's events."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from isnad.analysis.events import build_event_lexicon
from isnad.analysis.pipeline import Pipeline

from conftest import SHARED, BalyText, norm_words, read_table, row_text, table_params, without_conjunction

ROWS = read_table("events.tsv")
ACLED_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
               "Strategic developments"}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def test_table_covers_every_type_and_status():
    rows = [r for r in ROWS if r["trigger"] != "-"]
    assert len(rows) >= 40
    assert {r["event_type"] for r in rows} == ACLED_TYPES
    assert {r["status"] for r in rows} == {"reported", "denied", "negated", "predicted", "threatened"}
    assert not any("khanasir" in r["file"] for r in ROWS)


def read_events(record):
    """The events a sentence tells: those coded and those kept apart for naming no place (a table
    row is one sentence, whose place may be named elsewhere in its article)."""
    return record.events + record.unplaced_events


def _event_for(record, row):
    """The event the row describes: the one at its trigger, else one of its type and status."""
    want = without_conjunction(row["trigger"])
    at_trigger = [e for e in read_events(record)
                  if want in without_conjunction(e.trigger.text) or without_conjunction(e.trigger.text) in want]
    if at_trigger:
        return at_trigger[0]
    same = [e for e in read_events(record) if e.event_type == row["event_type"] and e.status == row["status"]]
    return same[0] if same else None


@pytest.mark.parametrize("row", list(table_params(ROWS, "events.known-misses.txt")))
def test_event_row(pipeline, row):
    record = pipeline(row_text(row))
    if row["trigger"] == "-":
        assert read_events(record) == [], [(e.trigger.text, e.event_type) for e in read_events(record)]
        return
    event = _event_for(record, row)
    assert event is not None, f"no event for {row['trigger']!r}: {[(e.trigger.text, e.event_type) for e in read_events(record)]}"
    entities = {e.id: e for e in record.entities}
    assert (event.event_type, event.sub_event_type) == (row["event_type"], row["sub_event_type"]), \
        (event.trigger.text, event.event_type, event.sub_event_type)
    assert event.status == row["status"], (event.trigger.text, event.status)
    if row["actor1"]:
        actor = entities.get(event.actor1)
        assert actor is not None and actor.key in row["actor1"].split("|"), (actor and actor.key, row["actor1"])
    if row["place"]:
        place = entities.get(event.place)
        names = [norm_words(place.name)] + [norm_words(m.text) for m in place.mentions] if place else []
        assert any(norm_words(row["place"]) in n or n in norm_words(row["place"]) for n in names), (names, row["place"])
    if row["fatalities"]:
        assert event.fatalities == int(row["fatalities"]), (event.trigger.text, event.fatalities)


def test_lexicon_built_from_small_data(pipeline):
    raw = {"triggers": [{"forms": ["قصف", "قصفت", "تقصف"], "event_type": "Explosions/Remote violence",
                         "sub_event_type": "Shelling/artillery/missile attack", "frame": "remote"}],
           "control_sub_event": {"State forces": "Government regains territory", "other": "Non-state actor overtakes territory"},
           "upgrades": [], "blocked_before": [], "negation": ["لم"], "prediction": ["قد"], "hypothetical": [],
           "numbers": {"ثلاثة": 3}, "casualty_words": ["قتلى"]}
    small = Pipeline(replace(pipeline.resources, event_lexicon=build_event_lexicon(raw, pipeline.tokenizer)))
    record = small("قصفت قوات النظام مدينة دوما، ما أدى إلى سقوط ثلاثة قتلى. ولم تقصف قوات النظام حرستا.")
    assert [(e.trigger.text, e.status, e.fatalities) for e in record.events] == [("قصفت", "reported", 3),
                                                                               ("تقصف", "negated", None)]


def test_example_events(example_text):
    record = Pipeline()(example_text)
    keys = {e.id: e.key for e in record.entities}
    names = {e.id: e.name for e in record.entities}
    coded = {(e.event_type, keys.get(e.actor1), e.status) for e in record.events}
    assert ("Battles", "jund_al_aqsa", "denied") in coded and ("Battles", "nusra", "denied") in coded
    attack = next(e for e in record.events if e.trigger.text == "هجوم")
    assert (keys[attack.actor1], keys[attack.actor2], names[attack.place]) == ("isis", "syrian_government_forces", "خناصر")
    assert attack.status == "reported"  # a denied participation leaves the attack itself standing
    denied = next(e for e in record.events if keys.get(e.actor1) == "nusra")
    assert denied.claim is not None and next(c for c in record.claims if c.id == denied.claim).cue.text == "نفى"
    assert not any(e.trigger.text == "هجوم" and e.status == "predicted" for e in record.events)  # لصد أي هجوم محتمل


def test_prayer_times_are_no_explosion(pipeline):
    # V-320.json: a prayer-time box (الفجر … المغرب) once read as explosions in Morocco
    record = pipeline("قصفت قوات النظام بلدة كفرنبل.\nمواقيت الصلاة الفجر 05:12 الشروق 06:40 الظهر 11:58 "
                              "العصر 14:45 المغرب 17:10 العشاء 18:30")
    assert [e.trigger.text for e in record.events] == ["قصفت"]
    assert not any(e.name == "المغرب" for e in record.entities)


@pytest.mark.parametrize("sentence,trigger,status", [
    # written after R-176.json: a possible confrontation is predicted, not reported
    ("وأعلنت أنقرة أنها قد ترسل مزيدا من القوات إلى شمال سوريا وهو ما قد يقودها إلى مواجهة محتملة مع المقاتلين "
     "الأكراد .", "مواجهة", "predicted"),
])
def test_status_words_after_the_trigger(pipeline, sentence, trigger, status):
    record = pipeline(sentence)
    event = next(e for e in record.events if e.trigger.text == trigger)
    assert event.status == status


@pytest.mark.parametrize("ref,trigger,actor", [
    # R-289.json: the threatened strike is the event, the threatener its actor (the sentence up to its condition)
    (BalyText("R-289.json", 7, 17023, 17096), "قصف", "israeli_forces"),
    # V-162.json: a threat by complementizer, with its own actor
    (BalyText("V-162.json", 1, 5874, 5965), "تقصف", "turkish_forces"),
], ids=["R-289.json", "V-162.json"])
def test_threats_to_act(pipeline, ref, trigger, actor):
    record = pipeline(ref.text)
    keys = {e.id: e.key for e in record.entities}
    event = next(e for e in read_events(record) if e.trigger.text.endswith(trigger))
    assert event.status == "threatened" and keys[event.actor1] == actor


def test_every_baly_claim_sentence_is_analysed(pipeline):
    """Short sentences end near a casualty word (قتل أكثر من …): no look-ahead past the last token."""
    folder = SHARED / "data" / "baly2018" / "claims"
    if not folder.is_dir():
        pytest.skip("../shared/data/baly2018 not present")
    for path in sorted(folder.glob("*.json")):
        claim = json.loads(path.read_text(encoding="utf-8"))["claim"]
        pipeline(claim)


# Written after development-set articles (the article named): ACLED's unit of analysis and what is no event.
def test_mentions_of_one_event_fold_into_it(pipeline):
    # after SK-middleEast-2598-20180626: the strike, then «القصف» that tells its toll
    record = pipeline("قصفت الطائرات الروسية بلدة كفرنبل في ريف إدلب. وأدى القصف إلى مقتل ثلاثة مدنيين.")
    strikes = [e for e in record.events if e.event_type == "Explosions/Remote violence"]
    assert len(strikes) == 1, [(e.trigger.text, e.place) for e in record.events]
    assert [t.text for t in strikes[0].triggers] == ["قصفت", "قصف"] and strikes[0].fatalities == 3


def test_an_event_recalled_from_years_before_is_background(pipeline):
    # after BB-middleEast-43-20180219
    record = pipeline("وكان تنظيم داعش قد سيطر على مدينة الموصل عام 2014.", published="2018-02-19")
    assert record.events == [] and [e.trigger.text for e in record.background_events] == ["سيطر"]


@pytest.mark.parametrize("text,why", [
    # after R-15-4: a condition, not an event
    ("وحتى لو تمكنت قوات الأسد من استعادة السيطرة على إدلب فإن الحرب لن تنتهي.", "condition"),
    # after SK-middleEast-1478-20180507: «فجر» is the dawn here
    ("أعلن مسؤول في الشرطة مقتل مرشح في محافظة نينوى فجر الاثنين.", "part of the day"),
    ("وقتل ثلاثة مدنيين في محافظة نينوى وفجر اليوم قتل مدني آخر.", "part of the day"),  # behind و too
    # after CN-middleEast-367-20180325: a demand tells what someone wants done
    ("ودعا أردوغان الولايات المتحدة إلى تسلم السيطرة في منطقة منبج.", "which tells what someone wants"),
    # after CN-middleEast-1323-20180908 and FR-middleEast-23-20180218: no side named
    ("وشهدت مدينة إدلب معركة عنيفة.", "neither side named"),
    # after the ANT audit (BB-middleEast-288-20180404, SK-middleEast-3195-20180731): no one doing it
    ("وتحدث مسؤول عن مستقبل مدينة منبج بعد الانسحاب.", "neither side named"),
    # after the hand audit of ANT rows (BB-middleEast-912-20180902, BB-middleEast-982-20180909,
    # BB-middleEast-1027-20180925): rules of engagement, a court's sentence, weapons delivered
    ("وتحدث المحقق عن قواعد الاشتباك في مدينة صعدة.", "a state, not an event"),
    ("أصدرت محكمة مصرية حكما بالإعدام على 75 شخصا في القاهرة.", "a state, not an event"),
    ("وسلمت روسيا منظومة إس-300 إلى القوات السورية في مدينة طرطوس.", "none of its objects follows"),
    # after BB-middleEast-54-20180220 (the second ANT audit): «out of control» is a figure of speech
    ("وقال مسؤول أممي إن الوضع الإنساني في مدينة إدلب خرج عن السيطرة.", "a figure of speech"),
    # after SK-middleEast-2238-20180608 and FR-middleEast-849-20180729: a habit, not an event
    ("وعادة ما تنفذ تركيا ضربات جوية ضد أهداف تابعة لحزب العمال الكردستاني بشمال العراق.", "a habit"),
    ("ويواظب الحوثيون على إطلاق صواريخ في اتجاه مدينة نجران.", "a habit"),
    # after SK-middleEast-1478-20180507: a state held for a time (سيطر لنحو ثلاث سنوات)
    ("وهذه الانتخابات هي الأولى بعد دحر تنظيم داعش الذي سيطر لنحو ثلاث سنوات على ثلث مساحة العراق.",
     "a state held for a time"),
    # after SK-middleEast-1101-20180417 (the first ANT audit): the OPCW and its experts are no attack
    ("وأوضح الجعفري أن خبراء منظمة حظر الأسلحة الكيماوية لم يبدأوا تحقيقاتهم في مدينة دوما.", "a state, not an event"),
    # after R-15-4: what the army means to do (ليتقدم)
    ("وكثف الجيش السوري هجومه في حماة ليتقدم شمالا باتجاه محافظة إدلب.", "a purpose"),
    # after the third ANT audit (seeds 41 and 53, 2018 articles): a threat naming no act and no one threatened
    ("وأفادت وكالة أنباء بأن الميليشيات في مدينة البصرة هددت بالرد.", "a threat that names no act"),
    # an obligation (SK-middleEast-3403-20180814), an aim (SK-middleEast-2500-20180620), a demand
    # (SK-middleEast-1636-20180513)
    ("وقال الوزير إنه يتعين علينا جميعا قتالهم في مدينة إدلب.", "an obligation"),
    ("وتعهد التحالف بمواصلة العمليات الرامية لتحرير مدينة الحديدة.", "an aim or a demand"),
    ("وتظاهر العشرات في مدينة طهران مطالبين بإعدام محافظ البنك.", "an aim or a demand"),
    # any attack is no particular attack (BB-middleEast-566-20180602)
    ("وتبقى الميليشيات في مدينة درعا بعيدة عن أي هجوم حكومي جديد.", "no particular event"),
    # the start of a time span (SK-middleEast-3971-20181020)
    ("وتصاعدت الاغتيالات في مدينة صنعاء منذ سيطرة الحوثيين عليها.", "the start of a time span"),
    # a share of ground won over weeks (SK-middleEast-448-20180321, BB-middleEast-277-20180402)
    ("واستعاد الجيش السوري والقوات المتحالفة معه 70 بالمئة من الغوطة الشرقية.", "a share of ground"),
    # the nuclear deal is no truce and leaving it no retreat (SK-middleEast-2178-20180605)
    ("وأكد صالحي أن المحادثات في مدينة فيينا تهدف إلى بقاء إيران في الاتفاق النووي.", "a treaty"),
    # after the fourth ANT audit (seeds 61 and 67): a purpose told by ل and a verbal noun
    # (SK-middleEast-2674-20180630), a condition set (BB-middleEast-188-20180313), recently (SK-middleEast-2735-20180703)
    ("ونقلت الميليشيات الأسرى إلى الجبهات في مدينة الحديدة للقتال في صفوفها.", "a purpose"),
    ("واشترطت تركيا تسليم مدينة منبج لوقف العملية.", "an aim or a demand"),
    ("واستعادت القوات الحكومية مؤخرا مناطق كبيرة قرب مدينة دمشق.", "a habit"),
    # bringing weapons is no attack (CN-middleEast-839-20180508)
    ("واتهم نتنياهو طهران بمحاولة جلب صواريخ متطورة إلى مدينة دمشق.", "a state, not an event"),
    # a trial tells of acts long past (SK-middleEast-773-20180404)
    ("وأدانت المحكمة في مدينة القاهرة المتهمين بارتكاب 13 واقعة إحراق.", "an act told in a trial"),
    # control of a fire or of parties is no ground taken (SK-middleEast-3551-20180907)
    ("وأعلن الدفاع المدني السيطرة على الحريق في مدينة البصرة.", "control of something that is no ground"),
    # a call to join is no joining (SK-middleEast-3461-20180819)
    ("وجدد قائد الجيش في مدينة طرابلس دعوته الشباب للانضمام إلى الجيش.", "a purpose"),
    # leaving a conference is no retreat (SK-middleEast-2021-20180529)
    ("وأعلنت الولايات المتحدة الانسحاب من مؤتمر نزع السلاح في مدينة جنيف.", "a treaty"),
    # a running toll since a day is no one day's event (SK-middleEast-1430-20180505)
    ("وقتل 142 شخصا في المعارك بين الحوثيين والقوات الحكومية في مدينة الحديدة منذ 19 أبريل.", "a running total"),
    # after the fifth ANT audit (seed 71): an aim
    # (SK-middleEast-3059-20180722), a demand (BB-middleEast-694-20180704), an intention (BB-middleEast-464-20180507)
    ("وشنت القوات هجوما بهدف تطهير المزارع المحيطة بالبلدة والسيطرة على المواقع قرب مدينة درعا.", "an aim or a demand"),
    ("وتتضمن المطالب الروسية سيطرة القوات الحكومية على معبر نصيب قرب مدينة درعا.", "an aim or a demand"),
    # rarely is a habit (SK-middleEast-1317-20180429)
    ("ونادرا ما يشتبك الجيش السوري مع قوات سوريا الديمقراطية في مدينة دير الزور.", "a habit"),
    # the front lines are a place, not a battle (SK-middleEast-2184-20180606)
    ("ووصلت التعزيزات إلى جبهات القتال في مدينة الحديدة.", "a state, not an event"),
])
def test_no_event(pipeline, text, why):
    record = pipeline(text, published="2018-05-07")
    rules = [d.rule for d in record.decisions if d.field == "events"]
    assert not any(e.trigger.text in ("استعادة", "السيطرة", "فجر", "معركة", "الانسحاب", "يتقدم", "الاشتباك", "اشتباك", "إعدام", "سلمت", "ضربات جوية", "صواريخ", "سيطر", "الأسلحة الكيماوية",
                                      "هددت", "قتالهم", "تحرير", "هجوم", "سيطرة", "استعاد", "اتفاق", "القتال", "تسليم",
                                      "استعادت", "يشتبك", "السيطرة", "الانضمام", "الانسحاب", "المعارك", "إحراق")
               for e in read_events(record)), rules
    assert any(why in r for r in rules), rules


@pytest.mark.parametrize("text,trigger,status", [
    # after BB-middleEast-436-20180502 and SK-middleEast-230-20180311: قد before a perfect verb stresses a past act
    ("وكانت قوات الحزام الأمني قد داهمت أوكار مسلحي القاعدة في مدينة المحفد.", "داهمت", "reported"),
    ("وقد تمكنت الدفاعات الجوية السعودية من اعتراض صاروخ فوق مدينة نجران.", "اعتراض", "reported"),
    # before an imperfect one it tells a possibility
    ("وقالت مصادر إن القوات التركية قد تشن هجوما على مدينة منبج.", "هجوما", "predicted"),
    # after SK-middleEast-2238-20180608 (the ANT audit): told in the future
    ("قال أردوغان إن تركيا ستهاجم معسكرات المسلحين في سنجار.", "تهاجم", "predicted"),
])
def test_qad_before_perfect_and_imperfect_verbs(pipeline, text, trigger, status):
    record = pipeline(text, published="2018-03-11")
    event = next(e for e in read_events(record) if e.trigger.text == trigger)
    assert event.status == status


@pytest.mark.parametrize("text,trigger,actor1,place", [
    # after CN-middleEast-1323-20180908: the place after the clause's end is another story's
    ("تعرضت محافظة إدلب لقصف جوي من قبل مقاتلات روسية، وذلك بعد يوم من فشل روسيا وتركيا بالتوصل إلى اتفاق.",
     "قصف", "russian_forces", "إدلب"),
    # after BB-middleEast-828-20180802: the doer after a feminine verb, a multi-word alias with بـ
    ("وقتل عشرون شخصا في غارات جوية شنتها قوات التحالف بقيادة السعودية على مدينة الحديدة.",
     "غارات", "arab_coalition", "الحديدة"),
    # after SK-middleEast-1434-20180505: the doer as a genitive with ل after adjectives
    ("وتزامنت المعارك مع غارات مكثفة لمقاتلات التحالف العربي على مواقع في مدينة تعز.",
     "غارات", "arab_coalition", "تعز"),
    # after the ANT audit (SK-middleEast-18-20180222): the doer after an adjective with the article
    ("وقتل عشرات المدنيين في مدينة دوما من جراء القصف المكثف للقوات الحكومية.", "قصف",
     "syrian_government_forces", "دوما"),
    # after SK-middleEast-3408-20180815: تعرض لـ: the attacker follows the trigger (a nisba), the victim
    # precedes it; جنوبي لبنان is where, not who
    ("تعرضت دورية تابعة للجيش اللبناني في بلدة رميش- بنت جبيل، جنوبي لبنان لاعتداء إسرائيلي.", "اعتداء",
     "israeli_forces", "بنت جبيل"),
    # after SK-middleEast-3115-20180727 (the ANT audit): a subject set off by a comma
    ("وأفادت مصادر بأن قوات التحالف العربي، شنت أيضا عدة غارات على مواقع في مدينة تعز.", "غارات",
     "arab_coalition", "تعز"),
    # after BB-middleEast-487-20180511 (the ANT audit): «its fighter jets» are the speaker's
    ("وأوضح الجيش الإسرائيلي أن مقاتلاته قصفت أهدافا عسكرية في مدينة القنيطرة.", "قصفت",
     "israeli_forces", "القنيطرة"),
    # after SK-middleEast-3687-20181001: the district a governorate holds is the place (مديرية X بمحافظة Y)
    ("وقتل 50 عنصرا في غارات لمقاتلات التحالف العربي في مديرية بيت الفقيه بمحافظة الحديدة.", "غارات",
     "arab_coalition", "بيت الفقيه"),
    ("وفي مديرية حيس بالحديدة، تمكنت القوات من اعتقال قائد ميداني في هجوم لقوات ألوية العمالقة.", "هجوم",
     "giants_brigades", "حيس"),
    # after the second ANT audit (SK-middleEast-2156-20180605, BB-middleEast-54-20180220): a hedged nisba,
    # and the government's bombardment in an article about Syria
    ("قالت مصادر إن غارات يعتقد أنها إسرائيلية استهدفت مواقع في منطقة القلمون الغربي في سوريا.", "غارات",
     "israeli_forces", "القلمون"),
    ("قتل 20 مدنيا في القصف الحكومي على بلدة حمورية في الغوطة الشرقية بسوريا.", "قصف",
     "syrian_government_forces", "حمورة"),
    # after FR-middleEast-849-20180729: «أنه دمر» in the coalition's statement is its own act
    ("وجاء في بيان للتحالف العربي أنه \"دمر مواقع لصواريخ بالستية تابعة للحوثيين في محافظة صعدة.", "دمر",
     "arab_coalition", "محافظة صعدة"),
    # after SK-middleEast-1434-20180505: air support named with بإسناد من is no party
    ("وتمكنت المقاومة الوطنية بإسناد من القوات المسلحة الإماراتية من السيطرة على مواقع في محيط مدينة المخا.",
     "سيطرة", "national_resistance_yemen", "المخا"),
    # after V-13-5: the place a strike hits, named right after it, is its place, not where that place lies
    ("نظام الأسد يقصف الغوطة الشرقية الواقعة ضمن مناطق خفض التوتر بريف دمشق.", "يقصف",
     "syrian_government_forces", "الغوطة الشرقية"),
    # after SK-middleEast-2388-20180614 (the last ANT audit): the dead of a clash are its other side
    ("قتل العشرات من ميليشيات الحوثي في مواجهات مع المقاومة الوطنية في مديرية حيس.", "مواجهات",
     "national_resistance_yemen", "حيس"),
    # after SK-middleEast-3790-20181009 (the last ANT audit): a passive written with its damma; the
    # arrested man's old unit is not the arrester, the announcing army is
    ("وأعلن المتحدث باسم الجيش الوطني الليبي أن عشماوي، وهو ضابط سابق بالجيش المصري، اُعتقل في مدينة درنة.",
     "اُعتقل", "lna", "درنة"),
    # a comma-set day does not hide the subject (the audit's «شنت مقاتلات … الأحد، غارات»)
    ("شنت مقاتلات روسية، الأحد، غارات على مدينة إدلب.", "غارات", "russian_forces", "إدلب"),
    # a backer is no place: المدعومة من إيران
    ("وقصفت الميليشيات المدعومة من إيران مواقع في بلدة بصرى الشام.", "قصفت", None, "بصرى الشام"),
])
def test_actor_and_place_of_the_event(pipeline, text, trigger, actor1, place):
    record = pipeline(text, published="2018-08-02")
    entities = {e.id: e for e in record.entities}
    event = next(e for e in read_events(record) if e.trigger.text.startswith(trigger))
    if actor1:
        assert event.actor1 and entities[event.actor1].key == actor1, entities.get(event.actor1)
    assert event.place and entities[event.place].name == place, entities.get(event.place)


def test_a_reported_event_with_no_place_in_its_sentence_takes_the_headline_town(pipeline):
    # after SK-middleEast-1500-20180508: the clash's own place (عائشة بكار) is in no gazetteer
    record = pipeline("صدامات في بيروت بعد الانتخابات\nوفي منطقة عائشة بكار، اندلعت مواجهات بالأيدي بين مناصري "
                      "حزب الله والأهالي.", published="2018-05-08")
    entities = {e.id: e for e in record.entities}
    clash = next(e for e in record.events if e.event_type == "Riots")
    assert entities[clash.place].name == "بيروت"


def test_a_crowd_named_before_an_attack_is_its_doer(pipeline):
    # after R-411.json: rioters attacking hospitals are one violent demonstration
    record = pipeline("قامت مجموعة من عناصر الشغب بالاعتداء على المشافي في درعا .", published="2011-03-21")
    assert [(e.event_type, e.sub_event_type) for e in record.events] == [("Riots", "Violent demonstration")]


def test_civilians_are_attacked_and_crowds_clash_in_demonstrations(pipeline):
    # after BB-middleEast-959-20180906: protesters clashing with the police are a violent demonstration
    record = pipeline("اندلعت اشتباكات بين قوات الأمن والمتظاهرين في مدينة البصرة .", published="2018-09-06")
    entities = {e.id: e for e in record.events and record.entities}
    clash = record.events[0]
    assert (clash.event_type, clash.sub_event_type) == ("Riots", "Violent demonstration")
    assert entities[clash.actor1].key == "protesters"
    # after BB-middleEast-245-20180325: civilians are never the attacker
    record = pipeline("قتل المدنيين في غارة على مدينة أوباري .", published="2018-03-25")
    assert all(e.actor1 is None or {x.id: x for x in record.entities}[e.actor1].actor_type != "Civilians"
               for e in record.events)


@pytest.mark.parametrize("text,trigger,status,actor1", [
    # the examples: a denied act is a denied event, in a headline's wording too
    ("ونفت وزارة الدفاع التركية مسؤوليتها عن استهداف قرية جنديرس في ريف عفرين.", "استهداف", "denied", "turkish_forces"),
    ("الجيش الليبي ينفي استهداف مدينة درنة بالطائرات", "استهداف", "denied", "lna"),
    # «لا يزال» tells the fighting goes on; a negation further back in the clause still negates
    ("لا يزال الاقتتال مستمرا بين الحوثيين والقوات الحكومية في مدينة الحديدة.", "اقتتال", "reported", "houthis"),
    ("لم تشن القوات التركية أي غارة على مدينة عفرين.", "غارة", "negated", "turkish_forces"),
    # the fall of a town denied by the side that would have lost it: the taker is actor1, not the denier
    ("نفى الجيش السوري سقوط بلدة كفرنبودة بيد المعارضة.", "سقوط", "denied", "syrian_rebels"),
])
def test_status_from_the_clause(pipeline, text, trigger, status, actor1):
    record = pipeline(text, published="2018-05-01")
    entities = {e.id: e for e in record.entities}
    event = next(e for e in read_events(record) if e.trigger.text.startswith(trigger))
    assert event.status == status and entities[event.actor1].key == actor1


@pytest.mark.parametrize("text", [
    # after CN-middleEast-435-20180331 (the second ANT audit): the launcher named after the missile
    "اعترضت الدفاعات الجوية السعودية صاروخا باليستيا أطلقته ميليشيا الحوثي باتجاه مدينة نجران.",
    "أعلن التحالف اعتراض صاروخ باليستي أطلقه الحوثيون على مدينة جازان.",
])
def test_the_launcher_of_an_intercepted_missile_is_actor1(pipeline, text):
    record = pipeline(text, published="2018-03-31")
    entities = {e.id: e for e in record.entities}
    assert [(e.sub_event_type, entities[e.actor1].key) for e in record.events] == [("Disrupted weapons use", "houthis")]


def test_an_intercepted_missile_is_one_disruption_of_its_launcher(pipeline):
    # after the hand audit of ANT rows (SK-middleEast-2372-20180614): the launcher is actor1, at the
    # place aimed at; «الدفاعات الجوية» makes no air strike
    record = pipeline("أطلق الحوثيون صاروخا باليستيا على مدينة خميس مشيط واعترضته الدفاعات الجوية السعودية.",
                      published="2018-06-14")
    entities = {e.id: e for e in record.entities}
    assert [(e.event_type, e.sub_event_type) for e in record.events] == [("Strategic developments", "Disrupted weapons use")]
    event = record.events[0]
    assert entities[event.actor1].key == "houthis" and entities[event.actor2].key == "saudi_forces"
    assert entities[event.place].name == "خميس مشيط"


@pytest.mark.parametrize("text", [
    # after the hand audit of ANT rows (SK-middleEast-3525-20180907): the wounded are the side attacked
    "أصيب عنصران من القوات الأمنية العراقية بقنبلة يدوية في مدينة البصرة.",
    "قتل ثلاثة من عناصر الجيش السوري في قصف على مدينة حماة.",
])
def test_the_dead_and_wounded_are_not_the_attacker(pipeline, text):
    record = pipeline(text, published="2018-09-07")
    event = record.events[0]
    assert event.actor1 is None and event.actor2 is not None


def test_stored_weapons_and_explosions_caused_by_strikes_are_the_strikes(pipeline):
    # after the ANT audit (SK-middleEast-2156-20180605): «مخازن ذخيرة وصواريخ» are targets, and the
    # explosions the strikes caused are the strikes
    record = pipeline("وقالت مصادر إن غارات إسرائيلية استهدفت مواقع عسكرية ومخازن ذخيرة وصواريخ لحزب الله في منطقة "
                      "القلمون الغربي.\nوذكرت المصادر أن انفجارات عنيفة هزت القلمون الغربي ناتجة عن غارات إسرائيلية "
                      "على مواقع المليشيا.", published="2018-06-05")
    assert [(e.event_type, e.sub_event_type) for e in record.events] == [("Explosions/Remote violence", "Air/drone strike")]


def test_a_definite_trigger_with_no_doer_tells_the_event_before_again(pipeline):
    # after BB-middleEast-127-20180303: «القصف» at another village is the Turkish strikes' doing
    record = pipeline("شنت الطائرات التركية غارات على مدينة عفرين. وأوضح المرصد أن القصف استهدف قوات موالية للحكومة "
                      "في منطقة كفر جنة.", published="2018-03-03")
    entities = {e.id: e for e in record.entities}
    shelling = next(e for e in record.events if entities[e.place].name == "كفر جنة")
    assert entities[shelling.actor1].key == "turkish_forces"
    # after SK-middleEast-2598-20180626: air support is not the doer of the takeover
    record = pipeline("وسيطرت قوات النظام على بلدة بصر الحرير في ريف درعا. وجاءت عملية السيطرة هذه بإسناد جوي من قبل "
                      "الطائرات الروسية.", published="2018-06-26")
    entities = {e.id: e for e in record.entities}
    assert all(entities[e.actor1].key != "russian_forces" for e in record.events if e.actor1)


def test_burning_a_consulate_is_a_violent_demonstration(pipeline):
    # the example, after CN-middleEast-1311-20180908 (the ANT audit)
    record = pipeline("خرجت احتجاجات غاضبة في مدينة البصرة واقتحم المتظاهرون القنصلية الإيرانية وأحرقوها.",
                      published="2018-09-08")
    assert ("Riots", "Violent demonstration") in [(e.event_type, e.sub_event_type) for e in record.events]


def test_a_country_and_a_town_in_it_are_one_event_at_the_town(pipeline):
    # after BB-middleEast-245-20180325: the strike «in a city of south-western Libya» is the one at Ubari
    record = pipeline("أعلن الجيش الأمريكي مقتل اثنين في غارة جوية على مدينة جنوب غربي ليبيا. وقال البيان إن الغارة "
                      "ضربت أهدافا في ضواحي مدينة أوباري.", published="2018-03-25")
    entities = {e.id: e for e in record.entities}
    assert [(entities[e.place].name, len(e.triggers)) for e in record.events] == [("أوباري", 2)]
    assert {e.name: e.country for e in record.entities if e.kind == "place"} == {"ليبيا": "LY", "أوباري": "LY"}


@pytest.mark.parametrize("text", [
    # from the ANT sport, economy and technology news: figures of speech and things that are no weapons
    "خطفت سيدة سعودية الأنظار خلال مباراة البرازيل والأرجنتين في مدينة الرياض.",
    "نجح منتخب مدغشقر في خطف بطاقة التأهل بفوزه على منتخب غينيا الاستوائية في مدينة مالابو.",
    "وكان صلاح قد انضم إلى ليفربول قادما من نادي روما.",
    "وألزم الاتحاد النادي بدفع غرامة لقيام جماهيره بقذف 58 عبوة مياه في مدينة جدة.",
])
def test_no_conflict_event_in_other_news(pipeline, text):
    assert read_events(pipeline(text, published="2018-06-01")) == []


def test_a_country_is_a_place_only_where_something_happens_in_it(pipeline):
    # after SK-middleEast-3563-20180908 (the last ANT audit): «despite Turkey's objections» places nothing
    record = pipeline("وشاركت طائرات روسية في قصف مقاتلي المعارضة هناك على الرغم من اعتراضات تركيا.",
                      published="2018-09-08")
    entities = {e.id: e for e in record.entities}
    assert all(entities[e.place].name != "تركيا" for e in read_events(record) if e.place)


def test_a_threat_to_a_named_party_stands_but_an_expected_act_is_predicted(pipeline):
    # written after the example article (an ultimatum to a faction) and SK-middleEast-3029-20180721
    record = pipeline("وهدد تنظيم داعش كتائب الحمزة في جبل الحص. ومن المتوقع أن يشن النظام هجوما على مدينة درعا.",
                      published="2018-07-21")
    coded = {(e.trigger.text, e.status) for e in read_events(record)}
    assert ("هدد", "reported") in coded and ("هجوما", "predicted") in coded, coded


def test_a_vague_mention_of_a_bombing_folds_into_it_and_names_its_doer(pipeline):
    # written after BB-middleEast-911-20180902: the claim of responsibility names who set off the bomb
    record = pipeline("مقديشو تهتز بتفجير\nقالت الشرطة إن انتحاريا فجر سيارة مفخخة أمام مبنى حكومي في مدينة مقديشو. "
                      "وأعلنت حركة الشباب مسؤوليتها عن الهجوم.", published="2018-09-02")
    keys = {e.id: e.key for e in record.entities}
    assert len(record.events) == 1, [(e.trigger.text, e.event_type) for e in record.events]
    event = record.events[0]
    assert event.event_type == "Explosions/Remote violence" and keys.get(event.actor1) == "al_shabaab", \
        (event.event_type, keys.get(event.actor1))


def test_the_city_is_the_story_town_not_a_village_called_so(pipeline):
    # written after SK-middleEast-840-20180407: «المدينة» once geocoded as the village al-Madina of al-Hasakah
    record = pipeline("قصف على دوما\nقتل عشرات المدنيين في قصف على مدينة دوما السبت. وتعرضت مدينة حرستا لغارات. "
                      "وقال ناشطون إن القصف على دوما استمر، وهو الثالث خلال يوم واحد على المدينة.", published="2018-04-08")
    names = {e.id: e.name for e in record.entities}
    assert "المدينة" not in names.values()
    assert {names[e.place] for e in read_events(record) if e.place} == {"دوما", "حرستا"}


def test_an_undated_event_takes_the_day_its_paragraph_tells_of(pipeline):
    # written after BB-middleEast-783-20180725: an analysis recalls the strikes of 30 April
    record = pipeline("وفي 30 أبريل شنت إسرائيل غارات على مستودع قرب مدينة حماة. ثم شملت الغارات مطار النيرب في حلب.",
                      published="2018-07-25")
    assert record.events == []
    assert {e.date.start for e in record.background_events} == {"2018-04-30"}


@pytest.mark.parametrize("text,trigger,actor1", [
    # written after FR-middleEast-289-20180415: the powers that answer an attack did not carry it out
    ("وردت الولايات المتحدة وفرنسا وبريطانيا على الهجوم الكيميائي في مدينة دوما.", "الهجوم الكيميائي", None),
    # and after FR-middleEast-283-20180415: the side the sentence blames is the accused doer
    ("وأفادت تقارير عن هجوم كيميائي في مدينة دوما، وجهت أصابع الاتهام فيه لدمشق.", "هجوم كيميائي",
     "syrian_government_forces"),
    # after SK-middleEast-470-20180322: the doer in a relative clause after the trigger
    ("ووثق المرصد إعدامات في مدينة عفرين قام بها مقاتلو هيئة تحرير الشام.", "إعدامات", "hts"),
])
def test_who_reacts_is_not_the_doer_and_who_is_blamed_is(pipeline, text, trigger, actor1):
    record = pipeline(text, published="2018-04-15")
    keys = {e.id: e.key for e in record.entities}
    event = next(e for e in read_events(record) + record.background_events if e.trigger.text in trigger)
    assert keys.get(event.actor1) == actor1, [d.rule for d in record.decisions if d.field.startswith("events")]


def test_an_event_at_a_governorate_and_at_a_town_in_it_is_one_event_at_the_town(pipeline):
    # written after BB-middleEast-653-20180623: the eastern countryside of Daraa, then a town in it
    record = pipeline("قصفت قوات النظام ريف درعا الشرقي الثلاثاء. واستهدف القصف مدينة بصرى الشام.", published="2018-06-20")
    names = {e.id: e.name for e in record.entities}
    assert [names.get(e.place) for e in record.events] == ["بصرى الشام"], [(e.trigger.text, names.get(e.place)) for e in record.events]


def test_a_related_story_line_tells_no_event(pipeline):
    # written after BB-middleEast-783-20180725 and BB-middleEast-739-20180716: a link between paragraphs
    record = pipeline("قصف في حمص\nقتل ثلاثة مدنيين في قصف على مدينة حمص الثلاثاء.\n"
                      "إسرائيل تشن هجمات داخل سوريا ردا على \"قصف إيراني\"\nوقال ناشطون إن القصف استمر ساعات.",
                      published="2018-07-25")
    assert [e.trigger.text for e in record.events] == ["قصف"]
    assert any("a link to another story" in d.rule for d in record.decisions)


def test_a_strike_with_no_doer_is_by_the_sole_doer_of_the_articles_other_strikes(pipeline):
    # written after BB-middleEast-5-20180218: the article names one air force for its strikes
    record = pipeline("شنت الطائرات الإسرائيلية غارات على مدينة رفح الأحد. وفي مدينة خان يونس، قتل شخصان في غارات جوية.",
                      published="2018-02-18")
    keys = {e.id: e.key for e in record.entities}
    assert [keys.get(e.actor1) for e in record.events] == ["israeli_forces", "israeli_forces"], \
        [(e.trigger.text, keys.get(e.actor1)) for e in record.events]


def test_an_event_told_of_years_is_background(pipeline):
    # written after BB-middleEast-783-20180725: no one day's event
    record = pipeline("وشنت إسرائيل عشرات الهجمات الجوية على مواقع في سوريا خلال السنوات القليلة الماضية.",
                      published="2018-07-25")
    assert record.events == [] and record.background_events, [(e.trigger.text, e.date) for e in record.events]


def test_reinforcements_struck_by_jets_are_an_air_strike(pipeline):
    # written after SK-middleEast-41-20180224 and SK-middleEast-2184-20180606: the build-up is the target
    record = pipeline("ودمرت مقاتلات التحالف تعزيزات الحوثيين في مدينة زبيد.", published="2018-06-07")
    assert [(e.trigger.text, e.sub_event_type) for e in read_events(record)] == [("دمرت", "Air/drone strike")]


def test_the_prison_is_no_village(pipeline):
    # written after SK-middleEast-2674-20180630: «السجن» once geocoded as a village of as-Suwayda
    record = pipeline("وأطلق مسلحون النار على الأسرى داخل السجن في مدينة الحديدة.", published="2018-06-30")
    assert "السجن" not in {e.name for e in record.entities}


def test_a_quoted_airbase_is_the_place_and_the_accused_the_doer(pipeline):
    # written after SK-middleEast-874-20180409: the base's name in quotes, Israel accused of the strike
    record = pipeline('واتهمت السلطات السورية أمس إسرائيل بقصف مطار "التيفور العسكري" وسط محافظة حمص.', published="2018-04-10")
    keys = {e.id: e.key for e in record.entities}
    names = {e.id: e.name for e in record.entities}
    event = next(e for e in read_events(record) if e.trigger.text == "قصف")
    assert (keys.get(event.actor1), names.get(event.place)) == ("israeli_forces", "مطار التيفور")


def test_a_rare_strike_is_still_a_strike(pipeline):
    # written after FR-middleEast-693-20180627: نادرا is "rare" here, not "rarely"
    record = pipeline("ويشهد البازار الكبير في مدينة طهران إضرابا نادرا منذ الاثنين احتجاجا على تدهور العملة.",
                      published="2018-06-27")
    assert any(e.event_type == "Protests" for e in read_events(record))


@pytest.mark.parametrize("text,coded", [
    # written after SK-middleEast-448-20180321: an agreement reached, with its parties
    ("وتوصلت روسيا وفصائل المعارضة إلى اتفاق في بلدة حرستا.", True),
    # after SK-middleEast-3214-20180731 and SK-middleEast-564-20180326: an agreement named, sought or denied
    ("وعرقل الحرس الثوري تطبيق الاتفاق في مدينة طهران.", False),
    ("وتسعى روسيا وفصائل المعارضة للتوصل إلى اتفاق في بلدة حرستا.", False),
])
def test_an_agreement_is_an_event_only_when_made(pipeline, text, coded):
    record = pipeline(text, published="2018-03-21")
    assert any(e.sub_event_type == "Agreement" for e in read_events(record)) == coded, \
        [d.rule for d in record.decisions if d.field.startswith("events")]


def test_a_protest_met_with_lethal_fire_is_excessive_force_where_the_crowd_gathers(pipeline):
    # written after SK-middleEast-1701-20180514 and CN-middleEast-939-20180516: the embassy is the cause,
    # the border is where the crowd gathered and was shot at
    record = pipeline("قتل 55 فلسطينيا برصاص الجيش الإسرائيلي خلال تظاهرات على حدود قطاع غزة احتجاجا على افتتاح "
                      "السفارة الأمريكية في القدس.", published="2018-05-15")
    names = {e.id: e.name for e in record.entities}
    protest = next(e for e in read_events(record) if e.event_type == "Protests")
    assert protest.sub_event_type == "Excessive force against protesters"
    assert names.get(protest.place) == "قطاع غزة", names.get(protest.place)


@pytest.mark.parametrize("text,trigger,event_type", [
    # written after SK-middleEast-706-20180401: an exchange of fire is a clash, not a strike
    ("وقتل عنصران من تنظيم داعش في تبادل لإطلاق النار مع الجيش المصري في مدينة العريش.", "تبادل لإطلاق النار", "Battles"),
    # after CN-middleEast-1187-20180812: a raid in which men died is a fight, not an arrest
    ("وقتل أربعة من عناصر الأمن خلال مداهمة خلية في مدينة السلط.", "مداهمة", "Battles"),
])
def test_the_type_follows_what_happened(pipeline, text, trigger, event_type):
    record = pipeline(text, published="2018-08-12")
    event = next(e for e in read_events(record) if e.trigger.text in trigger or trigger in e.trigger.text)
    assert event.event_type == event_type, (event.event_type, event.sub_event_type)


@pytest.mark.parametrize("text,place", [
    # written after SK-middleEast-57-20180225: the clause singles out a town of the region
    ("وتواصل قوات النظام قصفها لمناطق عدة في الغوطة الشرقية، خصوصا دوما.", "دوما"),
    # after SK-middleEast-3849-20181013: the next sentence names the district where the strike killed
    ("أعلنت مصادر يمنية عن مقتل قيادي حوثي في غارة جوية لطائرات التحالف العربي على الساحل الغربي لليمن. "
     "وقالت المصادر إن القيادي قتل في مديرية الدريهمي جنوبي الحديدة.", "الدريهمي"),
])
def test_an_event_at_a_wide_place_takes_the_town_named_for_it(pipeline, text, place):
    record = pipeline(text, published="2018-10-13")
    names = {e.id: e.name for e in record.entities}
    assert [names.get(e.place) for e in read_events(record)] == [place]


@pytest.mark.parametrize("text,trigger,actor1", [
    # written after SK-middleEast-3075-20180723: whose strike, by the nisba after its adjective
    ("وتحدثت وسائل إعلام سورية عن استهداف ضربة جوية إسرائيلية لموقع عسكري في مدينة مصياف.", "استهداف", "israeli_forces"),
    # after SK-middleEast-1265-20180426: a list of states is led by its first
    ("ووجهت كل من الولايات المتحدة وبريطانيا وفرنسا ضربات صاروخية على مواقع في مدينة حمص.", "صاروخية", "us_forces"),
])
def test_the_doer_named_by_a_nisba_or_a_list(pipeline, text, trigger, actor1):
    record = pipeline(text, published="2018-04-15")
    keys = {e.id: e.key for e in record.entities}
    event = next(e for e in read_events(record) if e.trigger.text == trigger)
    assert keys.get(event.actor1) == actor1


def test_one_demonstration_per_place_and_day_at_its_most_severe(pipeline):
    # written after BB-middleEast-910-20180902: the lead and the body tell one road blockade
    record = pipeline("أغلق مئات المتظاهرين طريقا رئيسيا في مدينة البصرة الأحد. وقطع المتظاهرون الطريق في مدينة البصرة "
                      "وأطلقت الشرطة الغاز المسيل للدموع لتفريق المتظاهرين.", published="2018-09-02")
    protests = [e for e in read_events(record) if e.event_type == "Protests"]
    assert len(protests) == 1, [(e.trigger.text, e.sub_event_type, e.date) for e in protests]
    assert protests[0].sub_event_type == "Protest with intervention"


def test_a_body_event_with_no_doer_takes_the_headlines(pipeline):
    # written after SK-middleEast-816-20180406: the headline says whose strikes they were
    record = pipeline("طائرات التحالف العربي تقصف مواقع الحوثيين في الحديدة\n"
                      "قتل عشرة مسلحين في غارات جوية على مدينة الحديدة الأحد.", published="2018-03-19")
    keys = {e.id: e.key for e in record.entities}
    assert [keys.get(e.actor1) for e in read_events(record)] == ["arab_coalition"], \
        [(e.trigger.text, keys.get(e.actor1)) for e in read_events(record)]


def test_the_air_defence_that_meets_a_missile_did_not_fire_it(pipeline):
    # written after SK-middleEast-2252-20180608: the detector is not the launcher
    record = pipeline("ورصدت قوات الدفاع الجوي السعودي صاروخا باليستيا أطلقته الميليشيا الحوثية باتجاه مدينة جازان.",
                      published="2018-06-19")
    keys = {e.id: e.key for e in record.entities}
    assert [keys.get(e.actor1) for e in read_events(record)] == ["houthis"], \
        [(e.trigger.text, keys.get(e.actor1)) for e in read_events(record)]


def test_a_day_to_come_does_not_date_an_event(pipeline):
    # written after SK-middleEast-810-20180406: the protest runs until a day in May, it began on Friday
    record = pipeline("وبدأ الفلسطينيون في قطاع غزة الجمعة احتجاجا يستمر حتى 15 مايو المقبل.", published="2018-04-07")
    assert [e.date.start for e in read_events(record)] == ["2018-04-06"]


def test_coordinated_verbs_share_their_subject(pipeline):
    # written after SK-middleEast-2598-20180626
    record = pipeline("وكانت القوات الحكومية قد تمكنت، الاثنين، من التوغل في منطقة اللجاة، وبسطت سيطرتها على سبع قرى.",
                      published="2018-06-26")
    keys = {e.id: e.key for e in record.entities}
    event = next(e for e in read_events(record) if e.trigger.text == "سيطرتها")
    assert keys.get(event.actor1) == "syrian_government_forces", keys.get(event.actor1)


def test_an_offensive_drawing_near_is_predicted(pipeline):
    # written after SK-middleEast-3612-20180910
    record = pipeline("وحذر السفير من اقتراب هجوم القوات الحكومية على مدينة إدلب.", published="2018-09-10")
    assert [(e.trigger.text, e.status) for e in record.events] == [("هجوم", "predicted")]


def test_the_national_army_is_the_one_of_the_articles_country_whatever_precedes_it(pipeline):
    # written after SK-middleEast-1873-20180523: «قوات الجيش الوطني» in Libya is Haftar's army
    record = pipeline("قال المسماري إن قوات الجيش الوطني سيطرت على حي شيحا في مدينة درنة الليبية.", published="2018-05-23")
    assert {e.key for e in record.entities if e.kind == "actor"} == {"lna"}


@pytest.mark.parametrize("text,why", [
    # written after CN-middleEast-631-20180416 and SK-middleEast-2362-20180613: what a strike or a plan aims at
    ("وشنت الولايات المتحدة ضربات على مدينة حمص لاستهداف قدرات الأسلحة الكيماوية.", "a state, not an event (قدرات"),
    ("وقالت الحكومة إن مخططات في مدينة عمان تستهدف زعزعة الاستقرار.", "a figure of speech (… زعزعة)"),
])
def test_no_chemical_attack_or_strike_from_what_is_aimed_at(pipeline, text, why):
    record = pipeline(text, published="2018-04-14")
    assert not any(e.sub_event_type == "Chemical weapon" or e.trigger.text == "تستهدف" for e in read_events(record)), \
        [(e.trigger.text, e.sub_event_type) for e in read_events(record)]
    assert any(why in d.rule for d in record.decisions if d.field == "events"), [d.rule for d in record.decisions]


def test_fires_set_during_demonstrations_are_a_violent_demonstration(pipeline):
    # written after SK-middleEast-319-20180315: youths set fire to Basij centres during the protests
    record = pipeline("وخلال التظاهرات في مدينة كرمانشاه، أضرم شبان النار في مراكز الباسيج.", published="2018-01-02")
    assert ("Riots", "Violent demonstration") in {(e.event_type, e.sub_event_type) for e in read_events(record)}
