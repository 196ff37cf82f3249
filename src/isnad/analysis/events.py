"""Events: ACLED event and sub-event types with actors, place, status, the claim that reports them.

An event starts at a trigger from ``data/events.json`` (هجوم، اشتباكات، سيطرة، قصف …). Its frame
tells where to read the actors: the actor right after a noun trigger or its verb (هجوم تنظيم داعش،
قصفت قوات النظام), after من قبل، بين … و، على (the attacked side), or the last actor named before
it in the same clause (بدأ الدواعش هجوماً). The place is the first place named after the trigger
in its sentence, else the last one before it. The status follows the words around the trigger
(لم → negated; توقع، قد، ربما → predicted; هدد بـ → threatened) and the claim whose content holds it
(a denial → denied). "مشاركة X في هجوم Y" makes X a party to Y's event with the claim's status,
while Y's event itself is taken as given. A trigger after a purpose word (لصد أي هجوم) is no
event. ACLED codes no event without an actor, so a trigger with none is kept only in the
decisions. Fatalities are the smallest count of the dead stated in the event's clause.

What did not happen is no event: conditions, obligations, aims and demands, threats naming no act
or no one threatened, habits, running totals, trials, treaties, agreements not said to be made,
lines that link to other stories. Across the article, a body event with no doer takes the
headline's, or that of the article's other strikes; المدينة is the story's town; an event at a
region or country takes the town inside it named for it; a vague mention (أعلنت مسؤوليتها عن
الهجوم) folds into the bombing it tells (:func:`fold_events`).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence, Union

from isnad.analysis.claims import ClaimDraft
from isnad.knowledge.lexicons import PhraseIndex, first_keys, phrase_keys
from isnad.knowledge.catalogue import Catalogue
from isnad.knowledge.gazetteer import distance_km
from isnad.record import Entity, Event, EventDate, EventStatus, Mention, Span
from isnad.resources import read_json
from isnad.text.normalize import fold
from isnad.text.tokens import ARTICLE, Token, Tokenizer, name_start, token_range

if TYPE_CHECKING:
    from isnad.analysis.doc import ArticleDoc
    from isnad.record import Sentence

Status = EventStatus
CLAUSE_PUNCT = frozenset("،,؛;.!?؟:")  # punctuation, a character table (not words): kept in code
PLACE_WINDOW = 20  # tokens after a trigger searched for its place
LINK_LINE_TOKENS = 14  # a line this short with no full stop is a link or a subheading
SENTENCE_MARKS = frozenset(".!?؟:…")  # how a paragraph's last sentence ends (before any closing quote)
PLACE_ANAPHOR_REACH = 200  # tokens back from المدينة to the town it refers to
ACTOR_WINDOW = 5  # tokens after a trigger searched for its actor
AIM_WINDOW = 5  # tokens before a trigger searched for an aim or a demand (تهدف لشن عملية عسكرية تستهدف)
STATUS_WINDOW = 4  # tokens before a trigger searched for prediction
NEGATION_WINDOW = 6  # tokens before a trigger, within its clause, searched for a negation
BACKGROUND_DAYS = 31  # an event dated to end longer before publication is background, not news
QUOTES = frozenset('"“”«»„‟\'')
SUBJECT_COMMAS = frozenset("،,")  # a subject may be set off from its verb by a comma (قوات التحالف، شنت)
@dataclass(frozen=True)
class ImpliedActor:
    """A catalogue actor the text implies without naming it (إسرائيل أطلقت → the Israeli forces;
    an unnamed crowd → protesters), with the token that implies it."""

    actor_id: str
    token: int


ActorRef = Union[str, ImpliedActor]  # an entity id of the article, or an actor the text implies


@dataclass(frozen=True)
class Trigger:
    lemma: str
    event_type: str
    sub_event_type: str
    frame: str
    needs_place: bool = False
    needs_near: frozenset[str] = frozenset()  # words one of which must follow closely
    state_forms: frozenset[str] = frozenset()  # forms that tell who holds something (يسيطر), not an act


@dataclass(frozen=True)
class EventClitics:
    """Clitic forms the frames read, as the tokenizer writes them (``clitics`` in event_frames.json)."""

    and_letters: str  # stripped from a word's front before lookup (ولم، وتسيطر)
    coordinating: frozenset[str]  # a trigger carrying it is coordinated with the one before
    conjunctions: frozenset[str]  # a negation word may carry one (ولم، فلا)
    purpose: frozenset[str]  # لتحرير، لتسوية
    means: frozenset[str]  # هدد بقصف
    article: frozenset[str]
    not_subject: frozenset[str]  # an actor carrying one is not the doer named before a trigger
    not_genitive: frozenset[str]  # … nor the doer named after it
    against: frozenset[str]  # the attacked side (عليهم)
    locative: frozenset[str]  # a place where the event happened (بحلب)
    toward: frozenset[str]  # a place the event was aimed at
    own: frozenset[str]  # enclitics that make a trigger the speaker's own act (سيطرتها)
    future: frozenset[str] = frozenset()  # ستهاجم، سيتم استهداف: predicted


@dataclass(frozen=True)
class EventLexicon:
    triggers: PhraseIndex[Trigger]
    control_sub_event: dict[str, str]
    upgrades: tuple[tuple[str, frozenset[str], str], ...]  # frame, words, sub-event type
    blocked_before: frozenset[str]
    blocked_pairs: frozenset[tuple[str, ...]]  # خرج عن السيطرة: two words that make a trigger a figure of speech
    blocked_after: frozenset[str]  # خطف الأنظار: a word after a trigger that makes it a figure of speech
    negation: frozenset[str]
    still: frozenset[str]  # لا يزال: a negation word that tells something goes on
    prediction: frozenset[str]
    hypothetical: frozenset[str]
    numbers: dict[str, int]
    casualty_words: frozenset[str]
    of_by: tuple[tuple[str, ...], ...]
    agent_after: frozenset[str]
    maybe: frozenset[str]
    no_event_families: frozenset[str]
    imperfect_prefixes: tuple[str, ...]
    perfect_endings: tuple[str, ...]
    perfect_words: frozenset[str]
    masdar_second_last: frozenset[str]
    backed: frozenset[str]
    aim_verbs: frozenset[str]
    based: frozenset[str]
    negation_adjacent: frozenset[str]
    country_forces: dict[str, str]  # English country name -> catalogue id of its forces
    nisba: dict[str, str]  # folded adjective -> English country name
    military_nouns: frozenset[str]
    civilian_words: frozenset[str]
    prediction_after: frozenset[str]
    passive_markers: frozenset[str]
    exposed_to: frozenset[str]  # تعرض لـ: a passive of experience
    coded_with_a_side: frozenset[str]  # event and sub-event types coded only with an actor
    frames_with_a_doer: frozenset[str]  # frames that are no event without actor1 (a threat, a withdrawal)
    generic_triggers: frozenset[str]  # lemmas that only say something was targeted (استهداف)
    treaty_words: frozenset[str]  # الاتفاق النووي، الانسحاب من الاتفاق النووي: a treaty, not a truce or a retreat
    any_words: frozenset[str]  # أي: any attack, not one that happened (unless denied or negated)
    vague_triggers: frozenset[str]  # lemmas that say only that violence happened (الهجوم): fold into the event told
    defence_heads: frozenset[str]  # الدفاعات الجوية: an adjective after these upgrades nothing
    partitive: frozenset[str]  # اعترض ثلاثة من الصواريخ: only some were stopped
    rarely: frozenset[str]  # نادرا ما: a habit when ما follows (not إضرابا نادرا, a rare strike)
    habitual: frozenset[str]  # عادة ما، يواظب، تكرار: a habit, not an event
    duration_words: frozenset[str]  # سيطر لنحو ثلاث سنوات: a state held for a time
    wounded_words: frozenset[str]  # أصيب، جرح: the wounded named with an attack are its victims
    demonstratives: frozenset[str]  # عملية السيطرة هذه: an event told before
    attribution_hedges: frozenset[str]  # غارات يعتقد أنها إسرائيلية
    government_nisba: frozenset[str]  # القصف الحكومي: the state forces of the article's country
    state_forces: dict[str, str]  # ISO2 -> catalogue id of the state's forces (state_forces.json)
    capital_forces: dict[str, str]  # English capital name -> catalogue id of the state's forces
    no_casualties: tuple[tuple[str, ...], ...]
    count_hedges: frozenset[str]
    resumptive: frozenset[str]
    locative: frozenset[str]
    toward: frozenset[str]
    threat_that: frozenset[str]
    sought: frozenset[str]
    group_heads: frozenset[str]
    state_negation: frozenset[str]
    between: frozenset[str]
    clash_with: frozenset[str]
    against: frozenset[str]
    participation_in: frozenset[str]
    conditional: PhraseIndex[str]  # phrase -> 'condition' or 'obligation'
    expected: PhraseIndex[bool]  # من المتوقع أن، من المقرر أن: what follows is predicted
    aimed_at: PhraseIndex[bool]  # الرامية لتحرير، مطالبين بإعدام: an aim or a demand
    since: frozenset[str]  # منذ سيطرة …: the start of a time span
    weapon_adjectives: frozenset[str]  # ضربة جوية إسرائيلية: between a military noun and its nisba
    court_words: frozenset[str]  # بتهمة، المحكمة: a trial tells of acts long past
    not_ground: frozenset[str]  # السيطرة على الحريق: control of no ground
    singling_out: frozenset[str]  # خصوصا دوما: a clause that names places of the event before it
    cause_words: frozenset[str]  # احتجاجا على، رفضا لـ: what a crowd protests, not where it is
    agreement_made: frozenset[str]  # وقعته، أعلن التوصل، بدء سريان: an agreement made, not one named
    reached: frozenset[str]  # توصلوا إلى اتفاق: reached, not sought
    accusation: frozenset[str]  # أصابع الاتهام لدمشق: the accused doer
    reaction_verbs: frozenset[str]  # ردت X على الهجوم: X reacts, it did not attack
    place_anaphors: frozenset[str]  # المدينة: the town named before
    share_words: frozenset[str]  # بالمئة: a share of ground taken over time
    day_parts: frozenset[str]
    day_words: frozenset[str]
    day_part_before: frozenset[str]
    clitics: EventClitics
    examples: Mapping[str, str]  # rule -> the Arabic its reason quotes

    def match(self, keys: Sequence[str | None], i: int) -> tuple[int, Trigger] | None:
        """The longest trigger at token ``i``; a noun's accusative ending (هجوماً، انفجاراً) is dropped."""
        first = keys[i] or ""
        for key in (first, _bare(first)):
            for seq, trig in self.triggers.candidates(key):
                end = i + len(seq)
                if key == seq[0] and tuple(_bare(k or "") if n == 0 and key != first else k
                                           for n, k in enumerate(keys[i:end])) == seq:
                    return end, trig
        return None


def build_event_lexicon(raw: dict, tokenizer: Tokenizer) -> EventLexicon:
    """The lexicon of ``raw`` (events.json or a smaller one like it) with the frames' words, which
    are grammar and the same for every trigger lexicon (event_frames.json)."""
    frames = read_json("event_frames.json")

    def keys_of(phrase: str) -> tuple[str, ...]:
        return phrase_keys(phrase, tokenizer)

    def keyset(words) -> frozenset[str]:
        return first_keys(words, tokenizer)

    phrases: list[tuple[str, Trigger]] = []
    for entry in raw["triggers"]:
        trig = Trigger(entry["forms"][0], entry["event_type"], entry["sub_event_type"], entry["frame"],
                       entry.get("needs_place", False), keyset(entry.get("needs_near", ())),
                       frozenset(fold(w) for w in entry.get("state_forms", ())))
        phrases.extend((form, trig) for form in entry["forms"])
    return EventLexicon(
        triggers=PhraseIndex.build(phrases, tokenizer),
        control_sub_event=dict(raw["control_sub_event"]),
        upgrades=tuple((u["frame"], keyset(u["words"]), u["sub_event_type"]) for u in raw["upgrades"]),
        blocked_before=keyset(raw["blocked_before"]),
        blocked_pairs=frozenset(keys_of(p) for p in raw.get("blocked_pairs", ())),
        blocked_after=keyset(raw.get("blocked_after", ())),
        negation=frozenset(fold(w) for w in raw["negation"]),
        still=frozenset(fold(w) for w in raw.get("still", ())),
        prediction=keyset(raw["prediction"]),
        hypothetical=keyset(raw["hypothetical"]),
        numbers={k2: v for w, v in raw["numbers"].items() if v is not None for k2 in keys_of(w)[:1]},
        casualty_words=keyset(raw["casualty_words"]),
        of_by=tuple(keys_of(p) for p in frames["of_by"]),
        agent_after=keyset(frames["agent_after"]),
        maybe=_folded(frames["maybe"]),
        no_event_families=frozenset(frames["no_event_families"]),
        imperfect_prefixes=tuple(fold(w) for w in frames["imperfect_prefixes"]),
        perfect_endings=tuple(fold(w) for w in frames["perfect_endings"]),
        perfect_words=_folded(frames["perfect_words"]),
        masdar_second_last=_folded(frames["masdar_second_last"]),
        backed=_folded(frames["backed"]),
        aim_verbs=_folded(frames["aim_verbs"]),
        based=_folded(frames["based"]),
        negation_adjacent=frozenset(fold(w) for w in raw.get("negation_adjacent", ())),
        country_forces=dict(raw.get("country_forces", {})),
        nisba={fold(k): v for k, v in raw.get("nisba", {}).items()},
        military_nouns=keyset(raw.get("military_nouns", ())),
        civilian_words=keyset(raw.get("civilian_words", ())),
        prediction_after=keyset(raw.get("prediction_after", ())),
        passive_markers=frozenset(fold(w) for w in raw.get("passive_markers", ())),
        exposed_to=frozenset(fold(w) for w in raw.get("exposed_to", ())),
        coded_with_a_side=frozenset(raw.get("coded_with_a_side", ())),
        frames_with_a_doer=frozenset(raw.get("frames_with_a_doer", ())),
        generic_triggers=frozenset(raw.get("generic_triggers", ())),
        vague_triggers=frozenset(raw.get("vague_triggers", ())),
        any_words=keyset(raw.get("any_words", ())),
        treaty_words=keyset(raw.get("treaty_words", ())),
        defence_heads=keyset(raw.get("defence_heads", ())),
        partitive=frozenset(fold(w) for w in raw.get("partitive", ())),
        habitual=keyset(raw.get("habitual", ())),
        rarely=keyset(raw.get("rarely", ())),
        duration_words=_folded(raw.get("duration_words", ())),
        wounded_words=keyset(raw.get("wounded_words", ())),
        demonstratives=_folded(frames.get("demonstratives", ())),
        attribution_hedges=_folded(frames.get("attribution_hedges", ())),
        government_nisba=_folded(frames.get("government_nisba", ())),
        state_forces=dict(read_json("state_forces.json")["forces"]),
        capital_forces=dict(raw.get("capital_forces", {})),
        no_casualties=tuple(keys_of(p) for p in raw.get("no_casualties", ())),
        count_hedges=_folded(frames["count_hedges"]),
        resumptive=_folded(frames["resumptive"]),
        locative=_folded(frames["locative"]),
        toward=_folded(frames["toward"]),
        threat_that=_folded(frames["threat_that"]),
        sought=_folded(frames["sought"]),
        group_heads=_folded(frames["group_heads"]),
        state_negation=_folded(frames["state_negation"]),
        between=_folded(frames["between"]),
        clash_with=_folded(frames["clash_with"]),
        against=_folded(frames["against"]),
        participation_in=_folded(frames["participation_in"]),
        conditional=PhraseIndex.build([*((p, "condition") for p in frames["conditional"]),
                                       *((p, "obligation") for p in frames["obligation"])], tokenizer),
        expected=PhraseIndex.build(((p, True) for p in frames["expected"]), tokenizer),
        aimed_at=PhraseIndex.build(((p, True) for p in frames["aimed_at"]), tokenizer),
        since=keyset(frames["since"]),
        weapon_adjectives=keyset(frames["weapon_adjectives"]),
        court_words=keyset(frames["court_words"]),
        not_ground=keyset(frames["not_ground"]),
        singling_out=keyset(frames["singling_out"]),
        cause_words=_folded(frames["cause_words"]),
        agreement_made=_folded(frames["agreement_made"]),
        reached=_folded(frames["reached"]),
        accusation=_folded(frames["accusation"]),
        reaction_verbs=_folded(frames["reaction_verbs"]),
        place_anaphors=_folded(frames["place_anaphors"]),
        share_words=_folded(frames["share_words"]),
        day_parts=keyset(frames["day_parts"]),
        day_words=keyset(frames["day_words"]),
        day_part_before=keyset(frames["day_part_before"]),
        clitics=_clitics(frames["clitics"]),
        examples=MappingProxyType({k: v for k, v in frames["examples"].items() if not k.startswith("_")}),
    )


def _folded(words) -> frozenset[str]:
    """Words in their matching form."""
    return frozenset(fold(w) for w in words)


def _clitics(raw: dict) -> EventClitics:
    """The clitic forms of ``clitics`` in event_frames.json, as written (segment forms are not folded)."""
    def forms(role: str) -> frozenset[str]:
        return frozenset(raw[role])

    return EventClitics(and_letters="".join(raw["and"]), coordinating=forms("and"),
                        conjunctions=forms("conjunctions"), purpose=forms("purpose"), means=forms("means"),
                        article=forms("article"), not_subject=forms("not_subject"),
                        not_genitive=forms("not_genitive"), against=forms("against"), locative=forms("locative"),
                        toward=forms("toward"), own=forms("own"),
                        future=forms("future") if "future" in raw else frozenset())


@lru_cache(maxsize=4)
def default_event_lexicon(tokenizer: Tokenizer) -> EventLexicon:
    return build_event_lexicon(read_json("events.json"), tokenizer)


@dataclass
class EventDraft:
    trigger: Trigger
    tokens: tuple[int, int]
    sentence: int
    event_type: str
    sub_event_type: str
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    place: str | None = None
    status: Status = "reported"
    claim: ClaimDraft | None = None
    fatalities: int | None = None
    date: EventDate | None = None
    also: list[tuple[int, int]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    own_actor: bool = False  # the actor comes from the trigger's own phrase, not from context
    purpose: bool = False  # the trigger carries ل of purpose: لتحرير، للسيطرة
    lasting: bool = False  # told as lasting since a time (قتل 142 منذ 19 أبريل): a running total


@dataclass(frozen=True)
class _View:
    text: str
    tokens: Sequence[Token]
    keys: Sequence[str | None]
    by_token: dict[int, tuple[str, str]]  # token -> (entity id, kind)
    actor_type: dict[str, str | None]  # entity id -> ACLED category
    actor_key: dict[str, str | None]  # entity id -> catalogue key
    speech: frozenset[int]  # tokens of claim cues and speaker phrases
    place_names: dict[str, str]  # place entity id -> folded name
    countries: dict[str, str]  # country entity id -> English name
    place_kinds: dict[str, str | None]  # place entity id -> kind (community, neighbourhood …)
    place_names_en: dict[str, str]
    starts: list[int]  # token start offsets
    unlocated: frozenset[int] = frozenset()  # tokens of place names no gazetteer locates (طريق بغداد)
    dateline: frozenset[int] = frozenset()  # tokens of the dateline (أتلانتا، الولايات المتحدة (CNN))
    backers: frozenset[int] = frozenset()  # tokens just after المدعومة من، بإسناد: a backer, not a party
    focus: tuple[str, ...] = ()  # the countries the article is about (ISO2)


class EventFinder:
    """Finds the events of one article; the lexicon is a service passed in."""

    def __init__(self, lexicon: EventLexicon):
        self.lex = lexicon

    def find(self, doc: ArticleDoc, date_of: Callable[[int, int], tuple[EventDate | None, str]] | None = None
             ) -> tuple[list[EventDraft], list[str]]:
        """The events of the document's body and the reasons triggers were left out; the claims
        are the document's claim drafts. ``date_of(sentence start, trigger start)`` dates an event and says why."""
        tokens, claims, entities = doc.tokens, doc.claim_drafts, list(doc.entities)
        speech = frozenset(k for c in claims for r in (c.cue_tokens, c.source_tokens or (0, 0)) for k in range(*r))
        starts = [t.start for t in tokens]
        line = doc.dateline.span or doc.dateline.place_span
        # أتلانتا، الولايات المتحدة (CNN)--: where the outlet writes from, neither an actor nor a place
        dateline = frozenset(range(*_token_span(starts, line.start, line.end))) if line else frozenset()
        body = doc.body_tokens()
        dateline |= _credit_openings(tokens, [(a, b) for _, a, b in body])
        backers = frozenset(_backer_tokens(tokens, doc.entities.by_token, self.lex.backed,
                                           self.lex.toward | self.lex.locative))
        places = [e for e in entities if e.kind == "place"]
        kinds = {e.id: e.kind_detail for e in places}
        view = _View(
            text=doc.text, tokens=tokens, keys=doc.keys,
            by_token=self._with_place_anaphors(tokens, doc.entities.by_token, kinds),
            actor_type={e.id: e.actor_type for e in entities if e.kind == "actor"}, speech=speech,
            actor_key={e.id: e.key for e in entities if e.kind == "actor"},
            place_names={e.id: fold(e.name) for e in places},
            countries={e.id: e.name_en or "" for e in places if e.kind_detail == "country"},
            place_kinds={e.id: e.kind_detail for e in places},
            place_names_en={e.id: e.name_en or "" for e in places},
            starts=starts, dateline=dateline, backers=backers, focus=tuple(doc.focus),
            unlocated=frozenset(k for u in doc.unlocated for k in range(*_token_span(starts, u.start, u.end))))
        events: list[EventDraft] = []
        dropped: list[str] = []
        published = doc.published_date
        for si, (sent, a, b) in enumerate(body):
            if si > 0 and self._link_line(doc.text, sent.start, sent.end, b - a):
                dropped.append(f"{doc.text[sent.start:sent.end]!r}: a short line with no full stop between paragraphs "
                               "(a link to another story or a subheading), whose events are told elsewhere")
                continue
            found = self._sentence(view, a, b, si, claims, dropped)
            for ev in found:
                if date_of is not None:
                    ev.date, why = date_of(sent.start, tokens[ev.tokens[0]].start)
                    ev.reasons.append(why)
            for ev in [ev for ev in found if ev.lasting and not _recalled(ev.date, published)]:
                found.remove(ev)  # منذ عام 2014 is background, kept apart; منذ 19 أبريل a running total
                dropped.append(f"{doc.text[tokens[ev.tokens[0]].start:tokens[ev.tokens[1] - 1].end]!r}: told as "
                               "lasting since a recent time (منذ …): a running total, not one day's event")
            events.extend(found)
        self._anaphora(view, events)
        self._headline_doer(doc, view, events, claims)
        self._sole_doer(view, events)
        self._narrow_places(view, events, body, containment(places))
        headline = self._headline_place(doc, view)
        if headline is not None:
            for ev in events:
                if ev.place is None and ev.status == "reported":  # what did not happen has no story place
                    ev.place = view.by_token[headline][0]
                    ev.reasons.append(f"place: none named in its sentence; the headline's ({tokens[headline].text})")
        return _merge_unattributed(events, v=view, dropped=dropped), dropped

    def vague(self, draft: EventDraft) -> bool:
        """Whether an event is told only by a word that says violence happened (الهجوم), not how: a
        vague word its clause types (هجوم بالكيماوي) says how, and is no longer vague."""
        return draft.trigger.lemma in self.lex.vague_triggers and draft.sub_event_type == draft.trigger.sub_event_type

    def _with_place_anaphors(self, tokens: Sequence[Token], by_token: Mapping[int, tuple[str, str]],
                             kinds: Mapping[str, str | None]) -> dict[int, tuple[str, str]]:
        """``by_token`` with each المدينة، البلدة (written alone, with the article) read as the town
        named most often before it within PLACE_ANAPHOR_REACH tokens, the latest of those on a tie:
        the story's town, not one a link or an aside names once."""
        out = dict(by_token)
        towns: list[tuple[int, str]] = []  # (token, place id) of each town named so far
        for k, tok in enumerate(tokens):
            hit = by_token.get(k)
            if hit and hit[1] == "place" and kinds.get(hit[0]) in ANAPHOR_TOWN_KINDS:
                if not towns or towns[-1] != (k - 1, hit[0]):
                    towns.append((k, hit[0]))
            elif hit is None and tok.kind == "word" and tok.has_article \
                    and fold(ARTICLE + tok.stem.text) in self.lex.place_anaphors:
                near = [(n, pid) for n, pid in towns if k - n <= PLACE_ANAPHOR_REACH]
                if near:
                    counts = {pid: sum(1 for _, p in near if p == pid) for _, pid in near}
                    out[k] = (max(reversed(near), key=lambda t: counts[t[1]])[1], "place")
        return out

    @staticmethod
    def _link_line(text: str, start: int, end: int, tokens: int) -> bool:
        """Whether ``text[start:end]`` is a whole line of at most LINK_LINE_TOKENS tokens that ends with
        no sentence mark: a related story's headline or a subheading between paragraphs."""
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        whole = not text[line_start:start].strip() and not text[end:line_end].strip()
        return whole and line_end < len(text) and tokens <= LINK_LINE_TOKENS \
            and text[start:end].rstrip().rstrip("".join(QUOTES) + ")")[-1:] not in SENTENCE_MARKS

    def _anaphora(self, v: _View, events: list[EventDraft]) -> None:
        """A definite trigger with no doer named (وأوضح المرصد أن القصف استهدف …، عملية السيطرة هذه)
        tells again an event of its type told before: it takes that event's doer."""
        for n, ev in enumerate(events):
            tok = v.tokens[ev.tokens[0]]
            after = v.keys[ev.tokens[1]] if ev.tokens[1] < len(v.keys) else None
            definite = tok.kind == "word" and tok.has_article or (after or "") in self.lex.demonstratives
            if ev.actor1 is not None or not definite or ev.status != "reported":
                continue
            before = next((e for e in reversed(events[:n]) if e.event_type == ev.event_type and e.actor1 is not None
                           and e.status == "reported" and e.actor1 != ev.actor2), None)
            if before is not None:
                ev.actor1 = before.actor1
                ev.reasons.append(f"actor1: the {ev.trigger.lemma} told before, at {v.tokens[before.tokens[0]].text!r}")
                if ev.place is None:  # وأدى القصف إلى مقتل ثلاثة: the same event, told again
                    ev.place, ev.sub_event_type = before.place, before.sub_event_type
                    ev.reasons.append("place and sub-event type: those of the event it tells again")

    def _narrow_places(self, v: _View, events: list[EventDraft], body: Sequence[tuple[Sentence, int, int]],
                       within: Mapping[str, frozenset[str]]) -> None:
        """An event placed at a region, governorate or country takes the first town inside it named
        after its trigger in its clause, in a clause that singles places out (قصف مناطق في الغوطة
        الشرقية، خصوصا دوما), or in the next sentence of its paragraph when that one tells no event of
        its own (غارة على الساحل الغربي … وقتل في مديرية الدريهمي), as ACLED codes the most specific
        place; not a town where the article places another of its events."""
        told = {ev.sentence for ev in events}
        for ev in events:
            if ev.place is None or v.place_kinds.get(ev.place) not in WIDE_KINDS | {"country"}:
                continue
            others = {e.place for e in events if e is not ev}  # بعد سيطرة داعش على قرية سيالة: another event's
            n = ev.sentence
            _, a, b = body[n]
            ranges = [range(ev.tokens[1], self._clause(v, a, b, ev.tokens[0])[1])]
            hi = ranges[0].stop
            while hi + 1 < b and (v.keys[hi + 1] or "") in self.lex.singling_out:
                lo, hi = hi + 1, self._clause(v, a, b, hi + 1)[1]
                ranges.append(range(lo, hi))
            if n + 1 < len(body) and n + 1 not in told and "\n" not in v.text[v.tokens[b - 1].end:body[n + 1][0].start]:
                ranges.append(range(body[n + 1][1], body[n + 1][2]))
            town = next((hit[0] for r in ranges for k in r if (hit := v.by_token.get(k)) and hit[1] == "place"
                         and v.place_kinds.get(hit[0]) in NARROW_KINDS and ev.place in within.get(hit[0], ())
                         and hit[0] not in others), None)
            if town is not None:
                ev.reasons.append(f"place: {v.place_names.get(town)!r}, a town inside {v.place_names.get(ev.place)!r} "
                                  "named after it, the most specific place")
                ev.place = town

    @staticmethod
    def _sole_doer(v: _View, events: list[EventDraft]) -> None:
        """A reported strike or shelling with no doer named (استهدفت خمس غارات جوية …) is by the one
        doer the article names for every other event of its sub-type, when there is exactly one (a
        bomb's maker is seldom known: IEDs are left as they are)."""
        for ev in events:
            if ev.actor1 is not None or ev.status != "reported" or ev.sub_event_type not in SOLE_DOER_SUB_EVENTS:
                continue
            doers = {e.actor1 for e in events if e is not ev and e.sub_event_type == ev.sub_event_type
                     and e.status == "reported" and e.actor1 is not None}
            if len(doers) == 1:
                ev.actor1 = next(iter(doers))
                ev.reasons.append(f"actor1: the only doer the article names for its other events of type {ev.sub_event_type}")

    def _headline_doer(self, doc: ArticleDoc, v: _View, events: list[EventDraft],
                       claims: Sequence[ClaimDraft]) -> None:
        """A reported event of the body with no doer takes the doer of the headline's event of its
        type (التحالف يقصف … then «وأسفرت الغارات عن مقتل …»), when the headline names one and no
        other place than the event's."""
        title = doc.parts.title if doc.parts else None
        if title is None or not any(ev.actor1 is None for ev in events):
            return
        a, b = bisect_right(v.starts, title.start - 1), bisect_right(v.starts, title.end - 1)
        heads = [h for h in self._sentence(v, a, b, -1, claims, []) if h.actor1 is not None and h.status == "reported"]
        for ev in events:
            if ev.actor1 is not None or ev.status != "reported":
                continue
            head = next((h for h in heads if h.event_type == ev.event_type and not _same_actor(v, h.actor1, ev.actor2)
                         and (h.place is None or ev.place is None or h.place == ev.place)), None)
            if head is not None:
                ev.actor1 = head.actor1
                ev.reasons.append(f"actor1: the doer of the headline's {head.trigger.lemma!r}")

    @staticmethod
    def _headline_place(doc: ArticleDoc, v: _View) -> int | None:
        """The first token of the first town or region the headline names (not a country): where the
        article's story happens, the place of an event whose own sentence names none."""
        title = doc.parts.title if doc.parts else None
        if title is None:
            return None
        for k, tok in enumerate(v.tokens):
            if tok.start >= title.end:
                break
            hit = v.by_token.get(k)
            if tok.start >= title.start and hit and hit[1] == "place" and hit[0] not in v.countries:
                return k
        return None

    # --- one sentence ---------------------------------------------------------------------------
    def _sentence(self, v: _View, a: int, b: int, si: int, claims: Sequence[ClaimDraft],
                  dropped: list[str]) -> list[EventDraft]:
        hits: list[tuple[int, int, Trigger]] = []
        i = a
        while i < b:
            hit = self.lex.match(v.keys, i) if v.keys[i] else None
            if hit and hit[0] <= b:
                hits.append((i, hit[0], hit[1]))
                i = hit[0]
            else:
                i += 1
        out: list[EventDraft] = []
        folded: set[int] = set()
        threatened: dict[int, str | None] = {}  # trigger token -> the threatener (هدد X بقصف)
        for n, (ti, tj, trig) in enumerate(hits):
            if ti in folded:
                continue
            word = v.text[v.tokens[ti].start:v.tokens[tj - 1].end]
            inside = v.by_token.get(ti)
            if inside is not None and inside[1] in ("actor", "place") and trig.frame not in ("protest", "riot"):
                dropped.append(f"{word!r}: part of a name")  # هيئة تحرير الشام، ساحة التحرير
                continue
            purpose = any(p.form in self.lex.clitics.purpose for p in v.tokens[ti].proclitics)
            clause = self._clause(v, a, b, ti)
            why_not = self._not_an_event(v, a, b, (ti, tj), trig, clause, purpose, hits[:n])
            if why_not is not None:
                dropped.append(f"{word!r}: {why_not}")
                continue
            ev = EventDraft(trig, (ti, tj), si, trig.event_type, trig.sub_event_type,
                            purpose=purpose)
            ev.reasons.append(f"trigger {word!r}: {trig.event_type} / {trig.sub_event_type} ({trig.frame})")
            self._actors(v, ev, clause, claims, a)
            if trig.frame not in ("protest", "riot"):  # اشتباكات بين قوات الأمن والمتظاهرين: the crowd is a party
                for ref in (ev.actor1, ev.actor2):
                    if isinstance(ref, ImpliedActor) and ref.actor_id in ("protesters", "rioters"):
                        folded.add(ref.token)
                    elif ref is not None and v.actor_type.get(ref) in ("Protesters", "Rioters"):
                        folded.update(k for k in range(tj, clause[1]) if (v.by_token.get(k) or ("",))[0] == ref)
            reach = a if trig.frame == "looting" else clause[0]  # خلال التظاهرات، أضرم شبان النار في مراكز الباسيج
            crowd = next((e for e in reversed(out) if e.trigger.frame in ("riot", "protest")
                          and reach <= e.tokens[0] < ti and e.actor1 is not None), None)
            if ev.actor1 is None and crowd is not None and trig.frame in ("attack", "looting"):
                ev.actor1 = crowd.actor1  # قامت مجموعة من عناصر الشغب بالاعتداء على المشافي
                ev.reasons.append(f"actor1: the crowd named before it in its clause ({v.tokens[crowd.tokens[0]].text})")
            self._place(v, ev, a, b, clause, ti, tj)
            self._status(v, ev, clause[0], ti, claims)
            lasting_since = next((k for k in range(tj, clause[1]) if (v.keys[k] or "") in self.lex.since), None)
            if lasting_since is not None and ev.status == "reported" and trig.frame in LASTING_FRAMES:
                ev.lasting = True  # but لم تسجل أي تقدم منذ … is negated
            anyone = next((k for k in range(max(clause[0], ti - 2), ti) if (v.keys[k] or "") in self.lex.any_words), None)
            if anyone is not None and ev.status == "reported":  # بعيدة عن أي هجوم; but نفى أي مشاركة is denied
                dropped.append(f"{word!r}: after {v.tokens[anyone].text!r}, no particular event")
                continue
            if ev.claim is not None and ev.claim.cue.family in self.lex.no_event_families:
                dropped.append(f"{word!r}: inside a {ev.claim.cue.family} ({v.tokens[ev.claim.cue_tokens[0]].text}), "
                               "which tells what someone wants, not what happened")
                continue
            if ti in threatened:
                ev.status = "threatened"
                ev.actor1 = ev.actor1 or threatened[ti]
                ev.reasons.append("status threatened: the act a threat names")
            previous = out[-1] if out else None
            if previous is not None and any(s.form in self.lex.clitics.coordinating for s in v.tokens[ti].proclitics) \
                    and clause[0] <= previous.tokens[0] and previous.claim is ev.claim and previous.status != ev.status:
                ev.status = previous.status
                ev.reasons.append(f"status {ev.status}: coordinated with the event before it")
            if trig.frame == "threat":
                acts = [ui for ui, _, inner in hits[n + 1:] if inner.frame != "threat" and ui < clause[1]
                        and (any(s.form in self.lex.clitics.means for s in v.tokens[ui].proclitics)
                             or any(fold(v.tokens[k].text) in self.lex.threat_that for k in range(tj, ui)))]
                if acts:  # هددت إسرائيل بقصف …، هدد أردوغان بأن تركيا ستقصف …: the threatened act is the event
                    for ui in acts:
                        threatened[ui] = ev.actor1
                    dropped.append(f"{word!r}: a threat to act, coded as the act it threatens")
                    continue
                for ui, _, inner in hits[n + 1:]:
                    if inner.frame != "threat" and (ui < clause[1] or ui - tj <= 6):
                        folded.add(ui)
                if ev.actor1 is None or ev.actor2 is None:
                    dropped.append(f"{word!r}: a threat that names no act of violence and no one threatened, "
                                   "which ACLED does not code")
                    continue
            if trig.frame == "participation":
                out.extend(self._participation(v, ev, hits[n + 1:], clause, claims, folded, a, b))
                continue
            self._refine(v, ev, clause, (a, b))
            self._fatalities(v, ev, clause)
            merged = next((e for e in out if _same_event(e, ev, v.place_kinds, self.lex.generic_triggers)), None)
            if merged is not None:
                merged.also.append((v.tokens[ti].start, v.tokens[tj - 1].end))
                if merged.trigger.lemma in self.lex.generic_triggers and ev.trigger.lemma not in self.lex.generic_triggers \
                        and ev.sub_event_type != merged.sub_event_type:
                    merged.sub_event_type = ev.sub_event_type  # انفجارات ناتجة عن غارات: the strikes tell what they were
                    merged.reasons.append(f"sub-event type {ev.sub_event_type}: told by {word!r}")
                if merged.sub_event_type == "Armed clash" and ev.sub_event_type != merged.sub_event_type:
                    merged.sub_event_type = ev.sub_event_type  # هجوم مضاد لتحرير X: a fight to take X
                    merged.reasons.append(f"sub-event type {ev.sub_event_type}: told by {word!r}")
                if merged.actor1 is None and ev.actor1 is not None:
                    merged.actor1, merged.own_actor = ev.actor1, ev.own_actor
                    merged.reasons.append(f"actor1 from {word!r}")
                merged.place = merged.place or ev.place
                merged.actor2 = merged.actor2 or (ev.actor2 if ev.actor2 != merged.actor1 else None)
                merged.fatalities = merged.fatalities if merged.fatalities is not None else ev.fatalities
                merged.reasons.append(f"same event as {word!r}")
                continue
            out.append(ev)
        out = self._fold_disrupted(v, out)
        if len(out) == 1 and out[0].fatalities is None:
            self._fatalities(v, out[0], (a, b))  # the only event of its sentence: the toll may follow (ما أدى إلى …)
        kept: list[EventDraft] = []
        for ev in out:
            word = v.text[v.tokens[ev.tokens[0]].start:v.tokens[ev.tokens[1] - 1].end]
            if ev.actor1 is None and ev.actor2 is None and ev.place is None and ev.fatalities is None:
                dropped.append(f"{word!r}: neither actor, place nor toll named")
            elif ev.trigger.needs_place and ev.place is None:
                dropped.append(f"{word!r}: needs a place")
            elif ev.actor1 is None and ev.actor2 is None and {ev.event_type, ev.sub_event_type} & self.lex.coded_with_a_side:
                dropped.append(f"{word!r}: {ev.sub_event_type} with neither side named, which ACLED does not code")
            elif ev.actor1 is None and ev.trigger.frame in self.lex.frames_with_a_doer:
                dropped.append(f"{word!r}: a {ev.trigger.frame} with no one named doing it (تشكل تهديدا، الانسحاب الأميركي)")
            else:
                kept.append(ev)
        return kept

    def _not_an_event(self, v: _View, a: int, b: int, span: tuple[int, int], trig: Trigger,
                      clause: tuple[int, int], purpose: bool,
                      earlier: Sequence[tuple[int, int, Trigger]] = ()) -> str | None:
        """Why the trigger at ``span`` of the sentence ``a:b`` tells no event (who holds a place, a
        figure of speech, a condition, a purpose, a habit …), or None when it may tell one;
        ``earlier`` are the triggers of the sentence before it (start, end, trigger)."""
        ti, tj = span
        and_letters = self.lex.clitics.and_letters
        if fold(v.tokens[ti].text).lstrip(and_letters) in trig.state_forms and not (
                ti > a and fold(v.tokens[ti - 1].text).lstrip(and_letters) in self.lex.state_negation):
            return f"who holds a place ({self.lex.examples['state_form']}), not an event"
        if ti > a and (v.keys[ti - 1] or "") in self.lex.blocked_before:
            return f"a state, not an event ({v.tokens[ti - 1].text} …)"
        figure = next((k for k in range(tj, min(b, tj + 3)) if (v.keys[k] or "") in self.lex.blocked_after), None)
        if figure is not None:  # خطفت سيدة سعودية الأنظار
            return f"a figure of speech (… {v.tokens[figure].text})"
        if ti > a + 1 and tuple(v.keys[ti - 2:ti]) in self.lex.blocked_pairs:
            return f"a figure of speech ({v.tokens[ti - 2].text} {v.tokens[ti - 1].text} …)"
        treaty = next((k for k in range(tj, min(b, tj + 5)) if (v.keys[k] or "") in self.lex.treaty_words), None)
        if trig.frame in ("agreement", "withdrawal") and treaty is not None:
            return f"a treaty (… {v.tokens[treaty].text}), not a truce, a deal between fighters or a retreat"
        # توصلت روسيا والفصائل إلى اتفاق، تم التوصل إلى اتفاق: reached; للتوصل إلى اتفاق: sought
        before = range(max(clause[0], ti - 6), ti)
        purposed = any(any(p.form in self.lex.clitics.purpose for p in v.tokens[k].proclitics) for k in before
                       if fold(v.tokens[k].stem.text) in self.lex.agreement_made)
        reached = not purposed and (any(self._word_in(v, k, self.lex.reached) for k in before)
                                    or sum(self._word_in(v, k, self.lex.agreement_made) for k in before) >= 2)
        if trig.frame == "agreement" and not reached and (
                purpose or (ti > a and fold(v.tokens[ti - 1].text) in self.lex.sought)):
            return f"an agreement sought, not made ({self.lex.examples['agreement_sought']})"
        if trig.frame == "agreement" and not reached and not any(
                self._word_in(v, k, self.lex.agreement_made) for k in range(max(a, ti - 4), min(b, tj + 4))):
            return "an agreement named, with no word that it was made, signed or began (تطبيق الاتفاق): an earlier one"
        if trig.needs_near:
            def near(k: int) -> bool:
                return bool({v.keys[k] or "", _bare(v.keys[k] or "")} & trig.needs_near)

            referred = bool(v.tokens[tj - 1].enclitics) and any(near(k) for k in range(a, ti))  # واعترضته
            if not referred and not any(near(k) for k in range(tj, min(b, tj + 4))):
                return f"none of its objects follows ({self.lex.examples['needs_near']} is no shooting down)"
        if trig.frame == "looting":
            strike = next((k for k, _, t in earlier if t.frame == "remote"), None)
            if strike is not None:  # القصف الجوي … أدى إلى تدميرها وإحراقها: the strike's damage
                return f"damage done by {v.tokens[strike].text!r}, not looting"
        if trig.frame == "movement":
            struck = next((k for k, _, t in earlier if k >= max(clause[0], ti - 4) and t.frame in ("remote", "attack")), None)
            if struck is not None:  # قصفت مقاتلات التحالف تعزيزات الحوثيين: what was struck
                return f"the target of {v.tokens[struck].text!r}, not a build-up"
        if self._hypothetical(v, a, ti):
            return "hypothetical (after a purpose or condition word)"
        if purpose and self._imperfect(fold(v.tokens[ti].stem.text)):
            return "a purpose (ليتقدم، لتسيطر), what someone means to do, not what happened"
        condition = self._condition(v, clause[0], ti)
        if condition:
            phrase, kind = condition
            return f"told as {'an obligation' if kind == 'obligation' else 'a condition'} (after {phrase!r} in its clause), not as an event"
        aim = self._phrase_before(v, self.lex.aimed_at, max(clause[0], ti - AIM_WINDOW), ti)
        if aim:
            return f"an aim or a demand (after {aim!r}), not what happened"
        if purpose and trig.frame in PURPOSE_FRAMES and not self._exposed_before(v, a, ti) \
                and not any(k >= clause[0] for k, _, _ in earlier):
            return "a purpose (نقلهم إلى الجبهات للقتال), what someone means to do, not what happened"
        court = next((k for k in range(clause[0], ti) if (v.keys[k] or "") in self.lex.court_words), None)
        if court is not None:  # أدين بارتكاب 13 واقعة إحراق: a trial tells of acts long past
            return f"an act told in a trial ({v.tokens[court].text} …), not a new event"
        if trig.frame == "control" and any((v.keys[k] or "") in self.lex.not_ground for k in range(tj, min(clause[1], tj + 4))):
            return "control of something that is no ground (السيطرة على الحريق، على الأحزاب)"
        if ti > a and (v.keys[ti - 1] or "") in self.lex.since:
            return f"the start of a time span ({v.tokens[ti - 1].text} …), not a new event"
        if trig.frame == "control" and any(fold(v.tokens[k].text) in self.lex.share_words
                                           for k in range(tj, min(clause[1], tj + 9))):
            return "a share of ground taken over time (… بالمئة), not one day's event"
        habit = next((k for k in [*range(max(clause[0], ti - 5), ti), *range(tj, min(clause[1], tj + 3))]
                      if (v.keys[k] or "") in self.lex.habitual
                      or (v.keys[k] or "") in self.lex.rarely and k + 1 < len(v.keys) and fold(v.tokens[k + 1].text) == MA), None)
        if habit is not None:
            return f"a habit ({v.tokens[habit].text}), not an event"
        lasting = next((k for k in range(tj, min(clause[1], tj + 4)) if fold(v.tokens[k].text) in self.lex.duration_words), None)
        if lasting is not None:
            return f"a state held for a time ({v.tokens[lasting].text} …), not an event"
        if self._part_of_day(v, ti, tj):
            return f"a part of the day ({v.text[v.tokens[ti].start:v.tokens[tj].end]}), not an event"
        return None

    def _fold_disrupted(self, v: _View, out: list[EventDraft]) -> list[EventDraft]:
        """A weapon intercepted in the sentence (أطلق الحوثيون صاروخا … اعترضته الدفاعات السعودية) is
        one event, its disruption: the launcher is actor1, the interceptor actor2, at the place the
        weapon was aimed at or stopped."""
        def partial(d: EventDraft) -> bool:  # اعترض ثلاثة من الصواريخ: the rest struck
            end = d.tokens[1]
            return any(fold(v.tokens[k].text) in self.lex.partitive for k in range(end, min(len(v.tokens), end + 3)))

        strikes = [e for e in out if e.trigger.frame == "remote" and e.status == "reported"]
        stopped_some = [e for e in out if e.trigger.frame == "disrupt" and e.status == "reported" and partial(e)]
        if strikes and stopped_some:  # أطلقت إسرائيل صواريخ … واعترض الدفاع الجوي ثلاثة منها: the strike stands
            for d in stopped_some:
                strike = min(strikes, key=lambda e: abs(e.tokens[0] - d.tokens[0]))
                strike.also.append((v.tokens[d.tokens[0]].start, v.tokens[d.tokens[1] - 1].end))
                strike.reasons.append(f"some of its weapons were stopped ({v.tokens[d.tokens[0]].text}): part of the strike")
            out = [e for e in out if e not in stopped_some]
        disrupted = [e for e in out if e.trigger.frame == "disrupt" and e.status == "reported" and not partial(e)]
        if not disrupted:
            return out
        kept: list[EventDraft] = []
        for ev in out:
            weapon = ev.trigger.frame == "remote" and ev.status == "reported" and any(
                {v.keys[k] or "", _bare(v.keys[k] or "")} & d.trigger.needs_near for d in disrupted for k in range(*ev.tokens))
            if not weapon:
                kept.append(ev)
                continue
            d = min(disrupted, key=lambda d: abs(d.tokens[0] - ev.tokens[0]))
            if ev.actor1 is not None and ev.actor1 != d.actor1:
                d.actor2 = d.actor1 if d.actor1 is not None else d.actor2
                d.actor1 = ev.actor1
                d.reasons.append(f"actor1: the launcher of the weapon stopped ({v.tokens[ev.tokens[0]].text}), "
                                 "the interceptor actor2")
            d.place = d.place or ev.place
            d.also.append((v.tokens[ev.tokens[0]].start, v.tokens[ev.tokens[1] - 1].end))
            d.reasons.append(f"the weapon it stopped is told at {v.tokens[ev.tokens[0]].text!r}: one event")
        return kept

    def _clause(self, v: _View, a: int, b: int, i: int) -> tuple[int, int]:
        """The tokens of the clause around token ``i``, between clause punctuation; a stretch set off by
        commas that only tells the day (شنت مقاتلات روسية، الأحد، غارات) does not end the clause."""
        def stop(k: int) -> bool:
            return v.tokens[k].kind == "punct" and v.tokens[k].text in CLAUSE_PUNCT

        lo = i
        while lo > a:
            if stop(lo - 1):
                start = lo - 1
                while start > a and not stop(start - 1):
                    start -= 1
                if not (start > a and self._day_only(v, start, lo - 1)):
                    break
                lo = start - 1  # step over the day and the comma before it
                continue
            lo -= 1
        hi = i
        while hi < b:
            if stop(hi):
                end = hi + 1
                while end < b and not stop(end):
                    end += 1
                if not (end < b and self._day_only(v, hi + 1, end)):
                    break
                hi = end + 1
                continue
            hi += 1
        return lo, hi

    def _day_only(self, v: _View, lo: int, hi: int) -> bool:
        """Whether tokens ``lo:hi`` only name a day or a part of it (الأحد، فجر اليوم، مساء أمس)."""
        return 0 < hi - lo <= 3 and all((v.keys[k] or "") in self.lex.day_words or (v.keys[k] or "") in self.lex.day_parts
                                        or (v.keys[k] or "") in self.lex.day_part_before for k in range(lo, hi))

    def _condition(self, v: _View, lo: int, ti: int) -> tuple[str, str] | None:
        """The condition or obligation phrase (لو، إذا، في حال، يجب) that opens a stretch of the
        clause before the trigger, and its kind, if any: حتى لو تمكنت القوات من استعادة … tells no event."""
        return self._phrase_hit(v, self.lex.conditional, lo, ti)

    @staticmethod
    def _phrase_hit(v: _View, phrases: PhraseIndex, lo: int, ti: int) -> tuple[str, Any] | None:
        """The text and value of the first of ``phrases`` in tokens ``lo:ti``, if any."""
        for k in range(lo, ti):
            hit = phrases.match(v.keys, k) if v.keys[k] else None
            if hit and hit[0] <= ti:
                return v.text[v.tokens[k].start:v.tokens[hit[0] - 1].end], hit[1]
        return None

    def _phrase_before(self, v: _View, phrases: PhraseIndex, lo: int, ti: int) -> str | None:
        """The text of the first of ``phrases`` in tokens ``lo:ti``, if any."""
        hit = self._phrase_hit(v, phrases, lo, ti)
        return hit[0] if hit else None

    def _part_of_day(self, v: _View, ti: int, tj: int) -> bool:
        """A trigger that is also a part of the day, used as one: فجر الاثنين، منذ فجر اليوم."""
        if tj - ti != 1 or (v.keys[ti] or "") not in self.lex.day_parts:
            return False
        after = v.keys[tj] if tj < len(v.keys) else None
        before = v.keys[ti - 1] if ti > 0 else None
        return (after or "") in self.lex.day_words or (before or "") in self.lex.day_part_before

    def _hypothetical(self, v: _View, a: int, ti: int) -> bool:
        return any((v.keys[k] or "") in self.lex.hypothetical or fold(v.tokens[k].text) in self.lex.hypothetical
                   for k in range(max(a, ti - 3), ti))

    # --- actors ----------------------------------------------------------------------------------
    def _actor_at(self, v: _View, k: int) -> ActorRef | None:
        """The actor named at token ``k``: an actor entity, or the forces of a country named there
        (إسرائيل أطلقت) or by a nisba after a military noun (غارات روسية، الطائرات التركية)."""
        if k in v.dateline or k in v.backers:
            return None
        hit = v.by_token.get(k)
        if hit and hit[1] == "actor":
            return hit[0]
        if hit and hit[0] in v.countries and not self._where(v, k):
            forces = self.lex.country_forces.get(v.countries[hit[0]])
            return ImpliedActor(forces, k) if forces else None
        tok = v.tokens[k]
        if k > 0 and tok.kind == "word" and all(p.form in self.lex.clitics.article for p in tok.proclitics):
            word = fold(v.tokens[k].text)
            country = self.lex.nisba.get(word)
            head = k - 1
            while head > 0 and head > k - 4 and (fold(v.tokens[head].text) in self.lex.attribution_hedges
                                                 or (v.keys[head] or "") in self.lex.weapon_adjectives):
                head -= 1  # غارات يعتقد أنها إسرائيلية، ضربة جوية إسرائيلية
            if (v.keys[head] or "") not in self.lex.military_nouns:
                return None
            if country and self.lex.country_forces.get(country):
                return ImpliedActor(self.lex.country_forces[country], k)
            forces = self.lex.state_forces.get(v.focus[0]) if v.focus else None
            if word in self.lex.government_nisba and forces:
                return ImpliedActor(forces, k)  # القصف الحكومي: the state forces of the article's country
        return None

    def _coordinated_verb(self, v: _View, k: int) -> bool:
        """Whether the token at ``k`` is a perfect verb joined by و (وبسطت، وشنت) that may share the
        subject of its sentence's first verb."""
        tok = v.tokens[k]
        return any(p.form in self.lex.clitics.coordinating for p in tok.proclitics) and self._perfect_verb(tok)

    def _perfect_verb(self, tok: Token) -> bool:
        """Whether a word reads as a perfect verb with its subject marker (شنت، استهدفت، قصفوا)."""
        if tok.kind != "word":
            return False
        stem = fold(tok.stem.text)
        return stem.endswith(self.lex.perfect_endings) and not self._imperfect(stem)

    def _first_conjunct(self, v: _View, k: int, lo: int) -> tuple[ActorRef, int] | None:
        """The first actor of a list the actor at ``k`` closes (كل من الولايات المتحدة وبريطانيا
        وفرنسا), each later one joined by و; None when ``k`` is no later conjunct."""
        first = None
        while True:
            start = _mention_tokens(v, k).start
            if not any(p.form in self.lex.clitics.coordinating for p in v.tokens[start].proclitics) or start - 1 < lo:
                return first
            found = self._actor_at(v, start - 1)
            if found is None:
                return first
            first, k = (found, start - 1), start - 1

    def _victim(self, v: _View, k: int, lo: int) -> bool:
        """Whether the actor at ``k`` follows a casualty word within five words in its clause (قتل
        ثلاثة من عناصر الجيش، أصيب عنصران من القوات): the dead or wounded, not the attacker."""
        start = _mention_tokens(v, k).start
        return any((v.keys[n] or "") in self.lex.casualty_words or (v.keys[n] or "") in self.lex.wounded_words
                   for n in range(max(lo, start - 5), start))

    def _capital_at(self, v: _View, k: int) -> ActorRef | None:
        """A capital speaking for its state (أعلنت موسكو): the state's forces."""
        hit = v.by_token.get(k)
        if hit and hit[1] == "place":
            forces = self.lex.capital_forces.get(v.place_names_en.get(hit[0], ""))
            return ImpliedActor(forces, k) if forces else None
        return None

    def _accused_before(self, v: _View, lo: int, ti: int) -> ActorRef | None:
        """The actor named between a word of accusation and a trigger carrying ب (اتهم X بقصف)."""
        for k in range(ti - 1, max(lo, ti - 8) - 1, -1):
            if self._word_in(v, k, self.lex.accusation):
                return next((found for n in range(k + 1, ti) if (found := self._actor_at(v, n) or self._capital_at(v, n))),
                            None)
        return None

    def _accused_after(self, v: _View, tj: int, reach: int = 25) -> ActorRef | None:
        """The actor blamed after a trigger in its sentence: the first named (or a capital speaking for
        its state) within five words after a word of accusation."""
        k = tj
        while k < min(len(v.tokens), tj + reach):
            tok = v.tokens[k]
            if tok.kind == "punct" and tok.text in ".!?؟":
                return None
            if self._word_in(v, k, self.lex.accusation):
                for n in range(k + 1, min(len(v.tokens), k + 7)):
                    found = self._actor_at(v, n) or self._capital_at(v, n)
                    if found is not None:
                        return found
                return None
            k += 1
        return None

    def _word_in(self, v: _View, k: int, words: frozenset[str]) -> bool:
        """Whether the word at ``k``, folded, is one of ``words``, with or without و before it (وأدانت)."""
        word = fold(v.tokens[k].text)
        return word in words or word.lstrip(self.lex.clitics.and_letters) in words

    def _exposed_before(self, v: _View, lo: int, ti: int) -> bool:
        """Whether an exposed-to verb (تعرض، تعرضت) stands in tokens ``lo:ti``: then ل opens what was
        suffered (تعرضت القافلة لقصف), not a purpose."""
        return any(self._word_in(v, k, self.lex.exposed_to) for k in range(lo, ti))

    def _reaction_before(self, v: _View, lo: int, ti: int) -> int | None:
        """The last word of reacting to or discussing an event (ردت، أدانت، لبحث) in tokens ``lo:ti``."""
        return next((k for k in range(ti - 1, lo - 1, -1) if self._word_in(v, k, self.lex.reaction_verbs)), None)

    def _next_actor(self, v: _View, k: int, hi: int, limit: int = ACTOR_WINDOW) -> tuple[ActorRef, int] | None:
        """The first actor mention within ``limit`` words from token ``k`` (quotes and the
        heads تنظيم/قوات do not count as words)."""
        words = 0
        while k < hi and words <= limit:
            found = self._actor_at(v, k)
            if found:
                return found, k
            if v.tokens[k].kind == "punct" and v.tokens[k].text in CLAUSE_PUNCT:
                return None
            if v.tokens[k].kind != "punct":
                words += 1
            k += 1
        return None

    def _clash_partner(self, v: _View, ev: EventDraft, tj: int, hi: int) -> ActorRef | None:
        """The other side of a clash, named after مع (اشتباكات مع المقاومة), if it is not one already named."""
        for k in range(tj, min(hi, tj + 8)):
            if (v.keys[k] or "") in self.lex.clash_with:
                found = self._next_actor(v, k + 1, hi, 2)
                if found and found[0] not in (ev.actor1, ev.actor2):
                    ev.reasons.append(f"the other side: {self.lex.examples['clash_with']}")
                    return found[0]
                return None
        return None

    def _crowd_at(self, v: _View, k: int, hi: int, limit: int = 3) -> tuple[ImpliedActor, int] | None:
        """A crowd named by a protest or riot word within ``limit`` tokens of ``k`` (بين قوات الأمن
        والمتظاهرين): the protesters or rioters."""
        for n in range(k, min(hi, k + limit)):
            hit = self.lex.match(v.keys, n) if v.keys[n] else None
            if hit and hit[1].frame in ("protest", "riot"):
                return ImpliedActor("protesters" if hit[1].frame == "protest" else "rioters", n), n
        return None

    def _actors(self, v: _View, ev: EventDraft, clause: tuple[int, int], claims: Sequence[ClaimDraft],
                sentence_start: int | None = None) -> None:
        ti, tj = ev.tokens
        lo, hi = clause
        frame = ev.trigger.frame
        # between X and Y
        for k in range(tj, min(hi, tj + 8)):
            if (v.keys[k] or "") in self.lex.between:
                first = self._next_actor(v, k + 1, hi, 2)
                if first:
                    ev.actor1 = first[0]
                    after = _mention_tokens(v, first[1]).stop
                    second = self._next_actor(v, after, hi, 4) or self._crowd_at(v, after, hi)
                    if second and second[0] != first[0]:
                        ev.actor2 = second[0]
                    ev.own_actor = True
                    ev.reasons.append(f"actors: {self.lex.examples['between']}")
                    return
        # by X
        for k in range(tj, min(hi, tj + 8)):
            seq = next((seq for seq in self.lex.of_by if tuple(v.keys[k:k + len(seq)]) == seq), None)
            if seq and any(fold(v.tokens[n].text) in self.lex.backed for n in range(max(tj, k - 3), k)):
                continue  # بإسناد جوي من قبل الطائرات الروسية: the support, not the doer
            found = self._next_actor(v, k + len(seq), hi, 4) if seq else None
            if found:
                ev.actor1, ev.own_actor = found[0], True
                ev.reasons.append(f"actor1: {self.lex.examples['of_by']}")
                break
        before = fold(v.tokens[ti - 1].text).lstrip(self.lex.clitics.and_letters) if ti > lo else ""
        passive = ti > lo and before in self.lex.passive_markers or _marked_passive(v.tokens[ti]) or (
            any(p.form in self.lex.clitics.purpose for p in v.tokens[ti].proclitics) and self._exposed_before(v, lo, ti))
        # ردت الفصائل بقصف مواقع النظام: the response is the act; ردت على الهجوم: it is not
        means = any(p.form in self.lex.clitics.means for p in v.tokens[ti].proclitics)
        # right before the trigger: the subject of a verb (بدأ الدواعش هجوماً، داعش هدد)
        if ev.actor1 is None and not passive and (means or self._reaction_before(v, max(lo, ti - 3), ti) is None):
            k = ti - 1
            while k >= lo and v.tokens[k].kind == "punct" and v.tokens[k].text in QUOTES:
                k -= 1
            found = self._actor_at(v, k) if k >= lo else None
            if found and frame in ("attack", "remote", "violence") and self._victim(v, k, lo):
                ev.actor2 = found  # أصيب عنصران من القوات الأمنية بقنبلة: the victims, not the thrower
                ev.reasons.append("actor2: the victims named right before the trigger after a casualty word")
                found = None
            if found and not any(s.form in self.lex.clitics.not_subject for s in v.tokens[k].proclitics) \
                    and k not in v.speech:
                ev.actor1, ev.own_actor = found, True
                ev.reasons.append("actor1: named right before the trigger")
        # right after the trigger: the genitive of a noun or the subject of a verb
        if ev.actor1 is None:
            k = tj
            while k < hi and (v.tokens[k].kind == "punct" and v.tokens[k].text in QUOTES
                              or (v.keys[k] or "") in self.lex.group_heads and self._actor_at(v, k) is None
                              or fold(v.tokens[k].text) in self.lex.resumptive):
                k += 1
            found = self._actor_at(v, k) if k < hi else None
            if found is None and k < hi and (v.keys[k - 1] or "") in self.lex.group_heads:
                for n in range(k, min(hi, k + 3)):  # القوات الجوية الفضائية الروسية
                    tok = v.tokens[n]
                    if tok.kind != "word" or not tok.has_article:
                        break
                    country = self.lex.nisba.get(fold(tok.text))
                    if country and self.lex.country_forces.get(country):
                        found, k = ImpliedActor(self.lex.country_forces[country], n), n
                        break
            if found and not any(s.form in self.lex.clitics.not_genitive for s in v.tokens[k].proclitics):
                ev.actor1, ev.own_actor = found, True
                ev.reasons.append("actor1: named right after the trigger")
        aimed = ti > lo and (fold(v.tokens[ti - 1].text) in self.lex.aim_verbs
                             or fold(v.tokens[ti - 1].text)[1:] in self.lex.aim_verbs)  # ووجه
        if ev.actor1 is None and not aimed and any((v.keys[k] or "") in self.lex.agent_after for k in range(ti, tj)):
            for k in range(tj, min(hi, tj + 3)):  # غارات مكثفة لمقاتلات التحالف، القصف المكثف للقوات
                tok = v.tokens[k]
                found = self._actor_at(v, k)
                if found and any(s.form in self.lex.clitics.purpose for s in tok.proclitics):
                    ev.actor1, ev.own_actor = found, True
                    ev.reasons.append(f"actor1: the doer after the event noun ({self.lex.examples['agent_after']})")
                    break
                if found or tok.kind != "word" or fold(tok.text) in self.lex.against or any(
                        s.form not in self.lex.clitics.article for s in tok.proclitics):
                    break
        # the attacked or taken side: على X
        if frame in ("attack", "control", "remote", "violence", "arrest", "threat", "clash"):
            for k in range(tj, min(hi, tj + 8)):
                tok = v.tokens[k]
                against = fold(tok.text) in self.lex.against
                if against or (tok.kind == "word" and any(s.form in self.lex.clitics.against for s in tok.proclitics)):
                    found = self._next_actor(v, k + (0 if tok.kind == "word" and not against else 1), hi, 4)
                    if found and found[0] != ev.actor1:
                        ev.actor2 = found[0]
                        ev.reasons.append(f"actor2: the side attacked ({self.lex.examples['against']})")
                    break
            if ev.actor2 is None and frame in ("threat", "allegiance", "attack", "remote", "violence", "arrest") and ev.actor1:
                found = self._next_actor(v, tj, hi, 10)
                if found and found[0] == ev.actor1:  # هدد تنظيم داعش كتائب الحمزة: past the subject
                    found = self._next_actor(v, _mention_tokens(v, found[1]).stop, hi, 6)
                if found and found[0] != ev.actor1:
                    ev.actor2 = found[0]
                    ev.reasons.append("actor2: the next actor named after the trigger")
        if frame == "allegiance" and ev.actor2 is None:
            found = self._next_actor(v, tj, hi, 12)  # انضمامها إلى هيئة تحرير الشام: the group joined
            if found and found[0] != ev.actor1:
                ev.actor2 = found[0]
        if frame == "clash" and ev.actor1 and ev.actor2 is None:
            ev.actor2 = self._clash_partner(v, ev, tj, hi)
        if passive and ev.actor2 is None:
            for k in range(ti - 2, lo - 1, -1):  # رتلاً روسياً … تم استهدافه: the convoy is the target
                found = self._actor_at(v, k)
                if found:
                    ev.actor2 = found
                    ev.reasons.append(f"actor2: named before a passive trigger ({self.lex.examples['passive']})")
                    break
        if ev.actor1 is None and frame not in ("protest", "riot") and not passive:
            start = lo
            holder = _holder(claims, v.tokens[ti].start)
            if holder is not None:
                start = max(start, bisect_right(v.starts, holder.content[0] - 1))
            reaction = self._reaction_before(v, start, ti)
            if reaction is not None and not means:  # ردت الولايات المتحدة على الهجوم الكيميائي: the US reacts
                start = ti
                ev.reasons.append(f"actor1: not one named with {v.tokens[reaction].text!r}, who reacts to the event")
            for k in range(ti - 1, start - 1, -1):
                found = self._actor_at(v, k)
                if found and found != ev.actor2 and frame in ("attack", "remote", "violence", "clash") \
                        and self._victim(v, k, start):
                    ev.actor2 = ev.actor2 or found  # قتل عنصران من القوات الأمنية بقنبلة: the victims
                    ev.reasons.append("actor2: the victims named before the trigger after a casualty word")
                    if frame == "clash":  # قتل العشرات من الحوثيين في مواجهات مع المقاومة: the other side
                        ev.actor1 = self._clash_partner(v, ev, tj, hi) or ev.actor1
                    break
                if found and frame == "remote" and any((v.keys[n] or "") in self.lex.defence_heads
                                                       for n in _mention_tokens(v, k)):
                    continue  # رصدت قوات الدفاع الجوي صاروخا: the air defence meets the missile, it did not fire it
                if found and found != ev.actor2:
                    first = self._first_conjunct(v, k, start)
                    if first is not None and first[0] != ev.actor2:
                        found, k = first
                    ev.actor1 = found
                    ev.own_actor = ti - k <= 3
                    ev.reasons.append("actor1: the last actor named before the trigger in its clause"
                                      + (" (the first of those coordinated there)" if first is not None else ""))
                    break
        if ev.actor1 is None and frame not in ("protest", "riot") and not passive and sentence_start is not None \
                and lo > sentence_start and ti - lo <= 1 and self._coordinated_verb(v, lo):
            # وكانت القوات الحكومية قد تمكنت، الاثنين، من التقدم، وبسطت سيطرتها: one subject for both verbs
            found = next((f for k in range(sentence_start, lo) if k not in v.speech and (f := self._actor_at(v, k))
                          and not self._victim(v, k, sentence_start)), None)
            if found is not None and found != ev.actor2:
                ev.actor1 = found
                ev.reasons.append("actor1: the subject of the verbs its sentence coordinates (…، وبسطت)")
        if ev.actor1 is None and frame not in ("protest", "riot") and not passive and lo > 1 \
                and v.tokens[lo - 1].kind == "punct" and v.tokens[lo - 1].text in SUBJECT_COMMAS and ti - lo <= 4:
            found = self._actor_at(v, lo - 2)  # قوات التحالف العربي، شنت أيضا عدة غارات
            if found and found != ev.actor2 and not any(self._actor_at(v, k) for k in range(lo, ti)):
                ev.actor1, ev.own_actor = found, True
                ev.reasons.append("actor1: the subject set off by a comma before the clause")
        if ev.actor1 is None:
            holder = _holder(claims, v.tokens[ti].start)
            own = any(e.form in self.lex.clitics.own for e in v.tokens[tj - 1].enclitics) or any(
                (v.keys[k] or "") in self.lex.military_nouns and any(e.form in self.lex.clitics.own for e in v.tokens[k].enclitics)
                for k in range(max(lo, ti - 2), min(hi, tj + 4)))  # مقاتلاته قصفت، نفذتها طائراته
            that = ti - 1
            while that > lo and v.tokens[that].kind == "punct" and v.tokens[that].text in QUOTES:
                that -= 1
            own = own or (that >= lo and fold(v.tokens[that].text) in self.lex.threat_that
                          and bool(v.tokens[that].enclitics))  # جاء في بيان للتحالف أنه "دمر مواقع
            denied_loss = frame == "control" and holder is not None and holder.cue.family == "deny" and not own
            if holder is not None and holder.speaker.source_tokens is not None and not denied_loss \
                    and (own or holder.cue.family in ("announce", "deny")):  # نفى الجيش سقوط البلدة: not its own act
                speaker = next((found for k in range(*holder.speaker.source_tokens)
                                if (found := self._actor_at(v, k) or self._capital_at(v, k)) is not None), None)
                if speaker is not None:
                    ev.actor1 = speaker
                    ev.reasons.append(f"actor1: the speaker tells of its own action ({self.lex.examples['own_action']})")
        if ev.actor1 is None and frame in ("attack", "remote", "violence") and means:
            accused = self._accused_before(v, lo, ti)  # اتهمت السلطات إسرائيل بقصف المطار
            if accused is not None and accused != ev.actor2:
                ev.actor1 = accused
                ev.reasons.append("actor1: the side accused of it (اتهمت X بقصف)")
        if ev.actor1 is None and frame in ("attack", "remote", "violence"):
            accused = self._accused_after(v, tj)
            if accused is not None and accused != ev.actor2:
                ev.actor1 = accused
                ev.reasons.append("actor1: the side the sentence blames for it (أصابع الاتهام، اتهمت)")
        if frame in ("protest", "riot") and ev.actor1 is not None and (
                isinstance(ev.actor1, ImpliedActor) or v.actor_type.get(ev.actor1) == "State forces"):
            ev.actor1, ev.actor2 = None, ev.actor2 or ev.actor1  # قوات الأمن والمتظاهرين: the force meets the crowd
            ev.reasons.append("actor2: the state's force named with the crowd")
        if ev.actor1 is None and frame in ("protest", "riot"):
            ev.actor1 = ImpliedActor("protesters" if frame == "protest" else "rioters", ti)
            ev.reasons.append(f"actor1: {'protesters' if frame == 'protest' else 'rioters'}, as ACLED codes a crowd it does not name")

    def _participation(self, v: _View, ev: EventDraft, later, clause, claims, folded: set[int],
                       a: int, b: int) -> list[EventDraft]:
        """مشاركة X وY في هجوم Z: X and Y join Z's event, with the status of the participation; the
        event they join stands as reported unless the text says otherwise."""
        ti, tj = ev.tokens
        parties: list[str] = []
        k = tj
        while k < min(clause[1], tj + 10):
            if fold(v.tokens[k].text) in self.lex.participation_in:
                break
            found = self._actor_at(v, k)
            if found and found not in parties:
                parties.append(found)
            k += 1
        joined = next(((ui, uj, trig) for ui, uj, trig in later if ui > k and ui - k <= 2 and trig.frame != "participation"), None)
        out: list[EventDraft] = []
        if joined is None or not parties:
            return out
        ui, uj, trig = joined
        folded.add(ui)
        base = EventDraft(trig, (ui, uj), ev.sentence, trig.event_type, trig.sub_event_type)
        base.reasons.append(f"trigger {v.tokens[ui].text!r}: {trig.event_type} / {trig.sub_event_type} ({trig.frame}), "
                            "the event a participation is said of: taken as given")
        self._actors(v, base, clause, [])
        self._place(v, base, a, b, self._clause(v, a, b, ui), ui, uj)
        self._status(v, base, a, ui, [c for c in claims if c.cue.stance != "deny"])
        self._refine(v, base, clause, (a, b))
        if base.actor1 or base.actor2:
            out.append(base)
        for party in parties:
            joined_ev = EventDraft(trig, ev.tokens, ev.sentence, trig.event_type, trig.sub_event_type,
                                   actor1=party, actor2=base.actor2 if base.actor2 != party else None,
                                   place=base.place, status=ev.status, claim=ev.claim, own_actor=True)
            joined_ev.reasons.extend(ev.reasons[:1] + [f"a party to the event at {v.tokens[ui].text!r}"] + ev.reasons[1:])
            out.append(joined_ev)
        return out

    # --- place, status, type ---------------------------------------------------------------------
    def _place(self, v: _View, ev: EventDraft, a: int, b: int, clause: tuple[int, int], ti: int, tj: int) -> None:
        """The event's place: the most specific place named with it, looked for after the trigger in
        its clause (``clause``, within the sentence ``a:b``), then before it in the clause, then after
        and before it in the sentence; a country only when no town or region is named, and never a
        country the text names as the one acting (نفذته إيران، قصف روسي)."""
        lo, hi = clause
        agents = {n for ref in (ev.actor1, ev.actor2)
                  if isinstance(ref, ImpliedActor) and not self._locative(v, ref.token)
                  for n in _mention_tokens(v, ref.token)}
        agents |= v.backers  # المدعومة من إيران: a backer, not a place
        doer = {n for n in range(a, b) if ev.actor1 is not None and (
            (v.by_token.get(n) or ("",))[0] == ev.actor1 or isinstance(ev.actor1, ImpliedActor) and n == ev.actor1.token)}
        agents |= {n for k in range(a, b) if fold(v.tokens[k].text) in self.lex.based and doer & set(range(k - 3, k))
                   for n in range(k + 1, min(b, k + 5))}  # الفصائل المتمركزة في مدينة إعزاز: where the doer is based

        def places(ks) -> list[int]:
            found: list[int] = []
            for k in ks:
                if k in v.speech:
                    break  # the place of a speaker's phrase is not the event's
                if k in v.dateline:
                    continue
                hit = v.by_token.get(k)
                if hit and hit[1] == "place" and k not in agents and (not found or v.by_token.get(found[-1]) != hit):
                    found.append(k)
            return found

        far = max(a, ti - PLACE_WINDOW)
        tiers = [("after the trigger in its clause", places(range(tj, min(hi, tj + PLACE_WINDOW))), True),
                 ("before the trigger in its clause", places(range(ti - 1, lo - 1, -1)), False),
                 ("after the trigger in its sentence", places(range(max(hi, tj), min(b, tj + PLACE_WINDOW))), True),
                 ("before the trigger in its sentence", places(range(min(lo, ti) - 1, far - 1, -1)), False)]
        # after its clause only a place named as a location counts (في إدلب، بمدينة حمص), not one named
        # for something else (تعرضت لقصف جوي السبت، بعد يوم من قمة طهران)
        where, ks, forward = tiers[2]
        tiers[2] = (where, [k for k in ks if self._locative(v, k, toward=False) or self._where(v, k)], forward)
        chosen: tuple[str, int] | None = None
        country: tuple[str, int] | None = None
        for where, ks, forward in tiers:
            specific = [k for k in ks if v.by_token[k][0] not in v.countries]
            if ev.trigger.frame in ("protest", "riot"):  # احتجاجا على افتتاح السفارة في القدس: the cause
                ks = [k for k in ks if not self._after_cause(v, tj, k)]
                specific = [k for k in specific if k in ks]
            if forward:
                located = [k for k in specific if self._locative(v, k)]
                direct = [k for k in specific[:1] if k - tj <= 1 and where.endswith("clause")
                          and ev.trigger.frame in ("remote", "attack", "control")
                          and all(p.form in self.lex.clitics.article for p in v.tokens[k].proclitics)]  # قصف الغوطة
                specific = direct or located or specific
            elif len(specific) > 1 and 0 <= specific[0] - _mention_tokens(v, specific[1]).stop <= 1 \
                    and self._where(v, specific[0]):
                specific = specific[1:]  # مديرية حيس بالحديدة: the town the wider place holds
            if specific:
                chosen = (where, specific[0])
                break
            named_as_where = [k for k in ks if self._locative(v, k) or self._where(v, k)]
            if country is None and named_as_where:  # غارات على سوريا، لا اعتراضات تركيا
                country = (where, named_as_where[0])
        if chosen is None:
            if country is None:
                return
            where, k = country
            ev.place = v.by_token[k][0]
            ev.reasons.append(f"place: the country named {where} ({v.tokens[k].text}), no town or region being named")
            return
        where, k = chosen
        ev.place = v.by_token[k][0]
        ev.reasons.append(f"place: {'the first place after a locative word' if where.startswith('after') and self._locative(v, k) else 'the place named'} "
                          f"{where} ({v.tokens[k].text})")
        if v.place_kinds.get(ev.place) in ("neighbourhood", "landmark"):
            town = next((n for n in range(k + 1, min(b, k + 7)) if (hit := v.by_token.get(n)) and hit[1] == "place"
                         and v.place_kinds.get(hit[0]) in HOLDING_TOWN_KINDS[v.place_kinds.get(ev.place)]), None)
            if town is not None:
                ev.place = v.by_token[town][0]
                ev.reasons.append(f"place: the town that holds it ({v.tokens[town].text}), as ACLED codes a location")

    def _after_cause(self, v: _View, tj: int, k: int) -> bool:
        """Whether a word naming a crowd's cause (احتجاجا، رفضا، تنديدا) stands between the trigger's end
        ``tj`` and the place at ``k``: the place belongs to what is protested, not where the crowd is."""
        return any(self._word_in(v, n, self.lex.cause_words) for n in range(tj, k))

    def _where(self, v: _View, k: int) -> bool:
        """A place named as a location (في سوريا، شمال سوريا), which names no one acting."""
        if any(p.form in self.lex.clitics.locative for p in v.tokens[k].proclitics):
            return True
        return k > 0 and (fold(v.tokens[k - 1].text) in self.lex.locative or (v.keys[k - 1] or "") in self.lex.locative)

    def _locative(self, v: _View, k: int, toward: bool = True) -> bool:
        """A place named as where something happens: في X، بـX، مدينة X، قرب X; with ``toward``, also
        what it was aimed at (على X، إلى X)."""
        tok = v.tokens[k]
        if any(p.form in self.lex.clitics.locative for p in tok.proclitics):
            return True
        j = k - 1
        while j > 0 and (v.tokens[j].kind == "punct" and v.tokens[j].text in QUOTES
                         or ((other := v.by_token.get(j)) is not None and other[1] == "place" or j in v.unlocated)
                         and k - j <= 4):
            j -= 1  # بلدة “خان شيخون”; طريق بغداد كركوك: the place before shares the locative word
        prev = fold(v.tokens[j].text) if j >= 0 else ""
        k_prev = j
        locative = self.lex.locative
        return prev in locative or (v.keys[k_prev] or "") in locative or (v.keys[k] or "") in locative \
            or toward and (prev in self.lex.toward or any(p.form in self.lex.clitics.toward for p in tok.proclitics))

    def _imperfect(self, word: str) -> bool:
        """Whether a folded word reads as an imperfect verb (يشن، تشن), not a perfect one (تمكنت، تم) nor
        a verbal noun (تحرير)."""
        return (word.startswith(self.lex.imperfect_prefixes) and not word.endswith(self.lex.perfect_endings)
                and word not in self.lex.perfect_words
                and not (len(word) >= 5 and word[-2] in self.lex.masdar_second_last))  # تحرير is a noun

    def _maybe(self, v: _View, lo: int, ti: int) -> bool:
        """قد before an imperfect verb in the clause before the trigger: a possibility (قد يشن)."""
        return any(fold(v.tokens[k].text) in self.lex.maybe and self._imperfect(fold(v.tokens[k + 1].text))
                   for k in range(lo, ti))

    def _status(self, v: _View, ev: EventDraft, a: int, ti: int, claims: Sequence[ClaimDraft]) -> None:
        """The event's status from the words of its clause before the trigger (``a``: the clause's
        first token) and the claim that holds it."""
        window = range(max(a, ti - NEGATION_WINDOW), ti)  # لم تشن القوات التركية أي غارة
        holder = _holder(claims, v.tokens[ti].start)
        ev.claim = holder
        def negates(k: int) -> bool:
            word = fold(v.tokens[k].text)
            conjoined = word[:1] in self.lex.clitics.conjunctions
            if k + 1 < len(v.tokens) and fold(v.tokens[k + 1].text) in self.lex.still:
                return False  # لا يزال، ما زالت: it goes on
            return word in self.lex.negation or (conjoined and word[1:] in self.lex.negation)

        if any(negates(k) for k in window) or (ti > a and fold(v.tokens[ti - 1].text) in self.lex.negation_adjacent):
            ev.status = "negated"
            ev.reasons.append("status negated: a negation before the trigger")
        elif expected := self._phrase_before(v, self.lex.expected, a, ti):
            ev.status = "predicted"
            ev.reasons.append(f"status predicted: after {expected!r} in its clause")
        elif any((v.keys[k] or "") in self.lex.prediction for k in range(max(a, ti - STATUS_WINDOW - 2), ti)) \
                or self._maybe(v, max(a, ti - STATUS_WINDOW - 2), ti) or any(
                (v.keys[k] or "") in self.lex.prediction_after for k in range(ev.tokens[1], min(len(v.tokens), ev.tokens[1] + 2))):
            ev.status = "predicted"
            ev.reasons.append("status predicted: a word of expectation before the trigger")
        elif holder is not None and holder.cue.stance == "deny":
            ev.status = "denied"
            ev.reasons.append(f"status denied: inside the denial at {v.tokens[holder.cue_tokens[0]].text!r}")
        elif holder is not None and holder.cue.modality in ("predicted", "threatened"):
            ev.status = holder.cue.modality  # type: ignore[assignment]
            ev.reasons.append(f"status {holder.cue.modality}: inside the claim at {v.tokens[holder.cue_tokens[0]].text!r}")
        elif any(p.form in self.lex.clitics.future for k in range(max(a, ti - 1), ti + 1) for p in v.tokens[k].proclitics):
            ev.status = "predicted"
            ev.reasons.append("status predicted: told in the future (ستـ)")
        elif holder is not None and holder.cue.modality == "questioned":
            ev.status = "predicted"
            ev.reasons.append("status predicted: inside a question")
        if holder is not None:
            ev.reasons.append(f"reported by the claim at {v.tokens[holder.cue_tokens[0]].text!r}")

    def _refine(self, v: _View, ev: EventDraft, clause: tuple[int, int], sentence: tuple[int, int]) -> None:
        words = {v.keys[k] or "" for k in range(*clause)
                 if not (k > 0 and (v.keys[k - 1] or "") in self.lex.defence_heads)}  # الدفاعات الجوية: no air strike
        sentence_words = {v.keys[k] or "" for k in range(*sentence)}
        for frame, cue_words, sub in self.lex.upgrades:
            if frame == ev.trigger.frame and sub == EXCESSIVE_FORCE and sentence_words & cue_words and ev.status == "reported":
                words = sentence_words  # قتل 61 فلسطينيا برصاص الجيش …، خلال تظاهرات: the toll may be told in another clause
            if frame == ev.trigger.frame and words & cue_words:
                ev.sub_event_type = sub
                if sub in ("Air/drone strike", "Suicide bomb", "Chemical weapon", "Shelling/artillery/missile attack",
                           "Remote explosive/landmine/IED"):
                    ev.event_type = "Explosions/Remote violence"
                if sub == "Violent demonstration":  # اقتحم المتظاهرون القنصلية وأحرقوها
                    ev.event_type = "Riots"
                if sub == EXCESSIVE_FORCE and ev.actor2 is not None:  # the force is actor1, the crowd actor2
                    ev.actor1, ev.actor2 = ev.actor2, ev.actor1
                ev.reasons.append(f"sub-event type {sub}: {sorted(words & cue_words)[0]} in the clause")
                break
        if ev.trigger.frame == "arrest" and words & self.lex.casualty_words and ev.status == "reported":
            ev.event_type, ev.sub_event_type = "Battles", "Armed clash"  # مداهمة قتل فيها أربعة عناصر: a fight
            ev.reasons.append(f"type Battles / Armed clash: a raid with {sorted(words & self.lex.casualty_words)[0]} in its clause")
        if ev.trigger.frame == "control" and ev.actor1:
            category = "State forces" if isinstance(ev.actor1, ImpliedActor) else v.actor_type.get(ev.actor1)
            sub = self.lex.control_sub_event.get(category or "", self.lex.control_sub_event["other"])
            if sub != ev.sub_event_type:
                ev.sub_event_type = sub
                ev.reasons.append(f"sub-event type {sub}: actor1 is {category}")
        def category(ref: ActorRef | None) -> str | None:
            if isinstance(ref, ImpliedActor):
                return {"protesters": "Protesters", "rioters": "Rioters", "civilians": "Civilians"}.get(ref.actor_id)
            return v.actor_type.get(ref) if ref else None

        if category(ev.actor1) == "Civilians" and ev.trigger.frame in ("attack", "remote", "violence", "clash"):
            ev.actor1, ev.actor2 = None, ev.actor2 or ev.actor1  # civilians are attacked, they do not attack
            ev.reasons.append("civilians are the side attacked, not the attacker: actor2")
        if ev.trigger.frame == "clash" and category(ev.actor2) in ("Protesters", "Rioters") \
                and category(ev.actor1) not in ("Protesters", "Rioters"):
            ev.actor1, ev.actor2 = ev.actor2, ev.actor1  # اشتباكات بين قوات الأمن والمتظاهرين: the crowd first
        crowd = category(ev.actor1) in ("Protesters", "Rioters")
        if crowd and ev.trigger.frame in ("looting", "attack", "clash"):
            ev.event_type, ev.sub_event_type = "Riots", "Violent demonstration"
            ev.reasons.append("a crowd attacks, burns or clashes: a violent demonstration")
        if ev.actor2 is None and ev.trigger.frame in ("attack", "remote", "violence"):
            victim = next((k for k in range(ev.tokens[1], min(clause[1], ev.tokens[1] + 6))
                           if (v.keys[k] or "") in self.lex.civilian_words), None)
            if victim is not None:
                ev.actor2 = ImpliedActor("civilians", victim)
                ev.reasons.append(f"actor2: civilians ({v.tokens[victim].text})")
        implied_civilians = isinstance(ev.actor2, ImpliedActor) and ev.actor2.actor_id == "civilians"
        target_type = "Civilians" if implied_civilians else v.actor_type.get(ev.actor2 or "")
        if ev.trigger.frame in ("attack", "remote", "violence") and target_type == "Civilians" and ev.event_type == "Battles":
            ev.event_type, ev.sub_event_type = "Violence against civilians", "Attack"
            ev.reasons.append("the side attacked is civilians: violence against civilians")

    def _fatalities(self, v: _View, ev: EventDraft, clause: tuple[int, int]) -> None:
        lo, hi = clause
        counts: list[int] = []
        for k in range(lo, hi):
            if (v.keys[k] or "") not in self.lex.casualty_words:
                continue
            for n in (k - 1, k + 1, k + 2, k + 3, k + 4, k - 2):
                if not lo <= n < hi:
                    continue
                if n > k + 2 and not all(v.tokens[j].kind == "word" and (v.keys[j] or "") in self.lex.count_hedges
                                         for j in range(k + 1, n)):
                    continue  # قتل أكثر من 70: only hedges may stand between the word and its count
                value = _number(v.tokens[n], v.keys[n], self.lex.numbers)
                if value is not None and not 1900 <= value <= 2100:  # a year, not a toll
                    counts.append(value)
                    break
        firsts = {seq[0] for seq in self.lex.no_casualties}
        for k in range(lo, hi):
            if (v.keys[k] or "") in firsts and any(tuple(v.keys[k:k + len(seq)]) == seq for seq in self.lex.no_casualties):
                counts.append(0)  # دون وقوع خسائر بشرية
                break
        if counts:
            ev.fatalities = min(counts)
            ev.reasons.append(f"fatalities {ev.fatalities}: the smallest count of the dead stated with it")


def _backer_tokens(tokens: Sequence[Token], by_token: Mapping[int, tuple[str, str]], backed: frozenset[str],
                   stops: frozenset[str], reach: int = 3) -> set[int]:
    """The tokens of what a backing word names (بإسناد من القوات المسلحة الإماراتية، المدعومة من
    إيران): the next ``reach`` tokens up to a ``stops`` word (بقيادة السعودية على مدينة الحديدة),
    and the whole of any name that starts among them."""
    out: set[int] = set()
    for k, tok in enumerate(tokens):
        if tok.kind != "word" or fold(tok.text) not in backed:
            continue
        for n in range(k + 1, min(len(tokens), k + 1 + reach)):
            if fold(tokens[n].text) in stops:
                break
            out.add(n)
            hit = by_token.get(n)
            m = n + 1
            while hit is not None and m < len(tokens) and by_token.get(m) == hit:
                out.add(m)
                m += 1
    return out


def _credit_openings(tokens: Sequence[Token], sentences: Sequence[tuple[int, int]], reach: int = 12) -> frozenset[int]:
    """The tokens of a dateline that opens a body sentence with a Latin credit in brackets and a dash
    (أتلانتا، الولايات المتحدة الأمريكية (CNN)--), which the anatomy may leave in the body."""
    out: set[int] = set()
    for a, b in sentences:
        for k in range(a, min(b - 3, a + reach)):
            if tokens[k].text == "(" and tokens[k + 1].text.isascii() and tokens[k + 1].text.isalpha() \
                    and tokens[k + 2].text == ")" and tokens[k + 3].text[:1] in "-–—":
                out.update(range(a, k + 4))
                break
    return frozenset(out)


def _same_actor(v: _View, x: ActorRef | None, y: ActorRef | None) -> bool:
    """Whether two actor references name one actor (an entity and the catalogue actor it is)."""
    def key(ref: ActorRef) -> str:
        if isinstance(ref, ImpliedActor):
            return ref.actor_id
        return v.actor_key.get(ref) or ref

    return x is not None and y is not None and key(x) == key(y)


def _token_span(starts: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """The half-open range of the tokens the characters ``start:end`` touch."""
    first, last = token_range(starts, start, end)
    return first, last + 1


DAMMA = "\u064f"


def _marked_passive(tok: Token) -> bool:
    """A verb written with the passive's damma on its first letter (اُعتقل، قُتل، أُحرقت)."""
    stem = tok.stem.text if tok.kind == "word" else tok.text
    return DAMMA in stem[:3]


def _mention_tokens(v: _View, k: int) -> range:
    """The tokens of the entity mention at token ``k`` (الولايات المتحدة), or ``k`` alone."""
    hit = v.by_token.get(k)
    lo, hi = k, k + 1
    while hit is not None and lo > 0 and v.by_token.get(lo - 1) == hit:
        lo -= 1
    while hit is not None and hi < len(v.tokens) and v.by_token.get(hi) == hit:
        hi += 1
    return range(lo, hi)


def _number(tok: Token, key: str | None, numbers: dict[str, int]) -> int | None:
    if tok.kind == "number":  # \d and int() read Arabic-Indic digits as well as ASCII ones
        return int(tok.text) if re.fullmatch(r"\d{1,5}", tok.text) else None
    return numbers.get(key or "")


def _merge_unattributed(events: list[EventDraft], v: _View, dropped: list[str]) -> list[EventDraft]:
    """An event with no actor at the place and of the type of an event with one is that event told
    again (معارك على طريق خناصر after هجوم داعش على خناصر)."""
    out: list[EventDraft] = []
    for ev in events:
        if ev.actor1 is None and ev.actor2 is None and ev.place is not None:
            same = next((e for e in events if e is not ev and e.actor1 is not None and e.place is not None
                         and _same_place(v.place_names, e.place, ev.place)
                         and e.event_type == ev.event_type and e.status == ev.status), None)
            if same is not None:
                a, b = ev.tokens
                same.also.append((v.tokens[a].start, v.tokens[b - 1].end))
                same.reasons.append(f"told again at {v.tokens[a].text!r} (no actor, same place and type)")
                dropped.append(f"{v.tokens[a].text!r}: the same event as the one at {v.tokens[same.tokens[0]].text!r}")
                continue
        out.append(ev)
    return out


def _same_place(names: dict[str, str], a: str, b: str) -> bool:
    """One place, or one named inside the other's name (طريق خناصر and خناصر)."""
    if a == b:
        return True
    na, nb = names.get(a, ""), names.get(b, "")
    return bool(na and nb) and (f" {na} " in f" {nb} " or f" {nb} " in f" {na} ")


def _bare(key: str) -> str:
    """A word without the alif of the accusative ending (تنوين الفتح)."""
    return key[:-1] if len(key) > 3 and key.endswith("ا") else key  # one letter of morphology, not a word: kept in code


LASTING_FRAMES = frozenset({"clash", "attack", "remote", "violence", "control"})  # what may be told as a running total
PURPOSE_FRAMES = frozenset({"attack", "clash", "control", "allegiance"})  # ل + these verbal nouns tells an aim (للقتال، للسيطرة)
# (after another trigger of its clause it tells that event's aim and folds into it: هجوم مضاد لتحرير X)
# a quarter is coded at its town (حي الميدان: Damascus, a governorate-city); a site such as an air base stays
# itself rather than widen to its governorate (مطار التيفور وسط محافظة حمص)
HOLDING_TOWN_KINDS = {"neighbourhood": ("community", "district", "subdistrict", "governorate"),
                      "landmark": ("community", "subdistrict", "foreign_city", "foreign_town")}
EXCESSIVE_FORCE = "Excessive force against protesters"
MA = "ما"  # the particle after نادرا that makes it "rarely" (a function word, kept in code)
NARROW_KINDS = frozenset({"community", "neighbourhood", "subdistrict", "landmark", "foreign_town", "foreign_city",
                          "foreign_site"})  # what an event at a wider place may be narrowed to
SOLE_DOER_SUB_EVENTS = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})
TOWN_KINDS = frozenset({"community", "neighbourhood", "subdistrict", "foreign_town", "foreign_city", "landmark"})
ANAPHOR_TOWN_KINDS = frozenset({"community", "subdistrict", "foreign_town", "foreign_city"})  # what المدينة may mean


def _same_event(earlier: EventDraft, later: EventDraft, kinds: Mapping[str, str | None],
                generic: frozenset[str] = frozenset()) -> bool:
    """Two triggers of one sentence that tell one event: same type and status, the same claim
    (or narration), no conflicting actor named with the later one, and not two towns (ACLED codes
    an event per town; ``kinds`` gives each place's kind)."""
    if earlier.event_type != later.event_type or earlier.status != later.status:
        return False
    if earlier.place and later.place and earlier.place != later.place \
            and kinds.get(earlier.place) in TOWN_KINDS and kinds.get(later.place) in TOWN_KINDS:
        return False
    if earlier.sub_event_type != later.sub_event_type and not (
            earlier.event_type == "Battles" and earlier.sub_event_type == "Armed clash" and later.purpose) \
            and later.trigger.lemma not in generic and earlier.trigger.lemma not in generic:
        return False  # هجوم مضاد لتحرير X is one event; اشتباكات أسفرت عن سيطرة X are two
    if not (earlier.claim is later.claim or earlier.claim is None or later.claim is None):
        return False
    if later.own_actor and earlier.actor1 is not None and later.actor1 != earlier.actor1:
        return False
    return earlier.actor1 is None or later.actor1 == earlier.actor1 or not later.own_actor


def _holder(claims: Sequence[ClaimDraft], offset: int) -> ClaimDraft | None:
    """The innermost claim whose content holds ``offset``."""
    inside = [c for c in claims if c.content[0] <= offset < c.content[1]]
    return min(inside, key=lambda c: c.content[1] - c.content[0]) if inside else None


def event_records(doc: ArticleDoc, drafts: Sequence[EventDraft], catalogue: Catalogue) -> list[Event]:
    """Contract records for the drafts, with ids v1, v2 …. An actor the text implies becomes an
    entity of the document (through its entity index), the word that implies it its mention."""
    text, tokens = doc.text, doc.tokens
    implied: dict[ImpliedActor, str | None] = {}
    for d in drafts:
        for ref in (d.actor1, d.actor2):
            if isinstance(ref, ImpliedActor) and ref not in implied:
                implied[ref] = _implied_entity(doc, ref, catalogue)

    def entity(ref: ActorRef | None) -> str | None:
        return implied.get(ref) if isinstance(ref, ImpliedActor) else ref

    out: list[Event] = []
    for n, d in enumerate(drafts, 1):
        a, b = d.tokens
        start = tokens[a].stem.start if tokens[a].kind == "word" else tokens[a].start
        trigger = Span(start=start, end=tokens[b - 1].end, text=text[start:tokens[b - 1].end])
        triggers = [trigger] + [Span(start=i, end=j, text=text[i:j]) for i, j in d.also]
        out.append(Event(id=f"v{n}", event_type=d.event_type, sub_event_type=d.sub_event_type,
                         actor1=entity(d.actor1), actor2=entity(d.actor2), place=d.place, date=d.date, status=d.status,
                         claim=d.claim.id if d.claim else None, trigger=trigger, fatalities=d.fatalities,
                         triggers=triggers, claims=[d.claim.id] if d.claim else []))
    return out


REGION_REACH_KM = 40.0  # a town this near a region's point (الغوطة الشرقية، محافظة صعدة) lies in it
WIDE_KINDS = frozenset({"governorate", "district", "area", "region", "foreign_region"})


def containment(places: Sequence[Entity]) -> dict[str, frozenset[str]]:
    """For each place entity, the wider place entities of the article that hold it: its country; a
    governorate or district of the same first-level division; a region or area whose point is within
    REGION_REACH_KM (the gazetteer has no outlines). Used to fold an event told at a wider place
    into the same event told at a town inside it."""
    countries = {p.country: p.id for p in places if p.kind_detail == "country" and p.country}
    wide = [p for p in places if p.kind_detail in WIDE_KINDS]
    out: dict[str, frozenset[str]] = {}
    for place in places:
        if place.kind_detail == "country":
            continue
        holders = {countries[place.country]} if place.country in countries else set()
        for w in wide:
            if w.id == place.id or w.country != place.country:
                continue
            same_division = place.admin1 and place.admin1 == w.admin1 and w.kind_detail in ("governorate", "district") \
                and place.kind_detail not in ("governorate",)
            near = w.kind_detail in ("area", "region", "foreign_region") and place.kind_detail not in WIDE_KINDS \
                and None not in (place.lat, place.lon, w.lat, w.lon) \
                and distance_km((place.lat, place.lon), (w.lat, w.lon)) <= REGION_REACH_KM
            if same_division or near:
                holders.add(w.id)
        if holders:
            out[place.id] = frozenset(holders)
    return out


def fold_events(events: Sequence[Event], within: Mapping[str, frozenset[str]] | None = None,
                vague: Sequence[bool] = ()) -> tuple[list[Event], list[int]]:
    """ACLED's unit of analysis: one event per type, actors, place and day. A later mention of an
    event already found in the article (the headline and the body, «القصف» after «قصفت») is folded
    into it: same type, sub-event type and status, and no field that differs where both name one (a
    wider place and a town in it do not differ: ``within`` maps a place to the entities holding it,
    :func:`containment`; the town is kept). An event told only by a vague word (``vague[i]``: أعلنت الحركة مسؤوليتها عن
    الهجوم) is a mention of a violent event of any type and sub-type it agrees with, and a vague
    event first told takes the type of a precise mention folded into it. Returns the events,
    numbered anew, and for each input event the index of the event it is in."""
    kept: list[Event] = []
    into: list[int] = []
    kept_vague: list[bool] = []
    within = within or {}
    for i, event in enumerate(events):
        is_vague = i < len(vague) and vague[i]
        n = next((n for n, k in enumerate(kept) if _one_event(k, event, within)
                  or (is_vague and _one_violent_event(k, event, within, kept_vague[n]))
                  or (kept_vague[n] and _one_violent_event(event, k, within, is_vague))), None)
        if n is None:
            into.append(len(kept))
            kept_vague.append(is_vague)
            kept.append(event.model_copy(update={
                "triggers": event.triggers or [event.trigger],
                "claims": event.claims or ([event.claim] if event.claim else [])}))
        else:
            into.append(n)
            joined = _joined(kept[n], event, within)
            if _demonstration(event) and _severity(event.sub_event_type) > _severity(kept[n].sub_event_type):
                # the force the crowd met, or the violence it turned to, with its actors
                joined = joined.model_copy(update={"event_type": event.event_type, "sub_event_type": event.sub_event_type,
                                                   "actor1": event.actor1, "actor2": event.actor2})
            if kept_vague[n] and not is_vague:  # الهجوم … ثم فجر انتحاري نفسه: the precise word types it
                joined = joined.model_copy(update={"event_type": event.event_type,
                                                   "sub_event_type": event.sub_event_type})
            kept[n] = joined
            kept_vague[n] = kept_vague[n] and is_vague
    return [e.model_copy(update={"id": f"v{n}"}) for n, e in enumerate(kept, 1)], into


def split_events(events: Sequence[Event], published: dt.date | None) -> tuple[list[Event], list[Event], list[Event]]:
    """The article's news, its background (:func:`background`) and the events of its news that no
    located place is named with (ACLED codes no event without a location)."""
    news: list[Event] = []
    recalled: list[Event] = []
    unplaced: list[Event] = []
    for event in events:
        (recalled if background(event, published) else news if event.place is not None else unplaced).append(event)
    return news, recalled, unplaced


def _recalled(date: EventDate | None, published: dt.date | None) -> bool:
    """Whether an event of this date is background (:func:`background`)."""
    if date is None or published is None:
        return False
    first, last = dt.date.fromisoformat(date.start), dt.date.fromisoformat(date.end)
    return (published - last).days > BACKGROUND_DAYS or (last - first).days > BACKGROUND_DAYS


def background(event: Event, published: dt.date | None) -> bool:
    """An event the article recalls rather than reports: its date ends more than BACKGROUND_DAYS
    before publication (سيطر التنظيم على المدينة عام 2014 in a report of 2018), or it is told of a
    span longer than that (شنت عشرات الهجمات خلال السنوات الماضية), which is no one day's event."""
    return _recalled(event.date, published)


def _same_or_within(x: str | None, y: str | None, within: Mapping[str, frozenset[str]]) -> bool:
    return x is None or y is None or x == y or y in within.get(x, ()) or x in within.get(y, ())


def _one_event(a: Event, b: Event, within: Mapping[str, frozenset[str]] | None = None) -> bool:
    """Whether ``b`` can be another mention of ``a``: the same kind of event, told the same way, and
    no actor, place or day named differently. A bare re-mention (no actor, no place: وأدى القصف إلى
    …) may tell the sub-event type less precisely than the first (قصفت الطائرات: an air strike)."""
    if _demonstration(a) and _demonstration(b) and a.status == b.status and a.place is not None \
            and a.place == b.place and (a.date is None or b.date is None or a.date == b.date):
        return True  # ACLED codes one demonstration per place and day, at its most severe
    if (a.event_type, a.status) != (b.event_type, b.status):
        return False
    if a.sub_event_type != b.sub_event_type and (b.actor1 is not None or b.place is not None):
        return False
    return _same_or_within(a.place, b.place, within or {}) and all(
        x is None or y is None or x == y for x, y in ((a.actor1, b.actor1), (a.actor2, b.actor2), (a.date, b.date)))


PROTEST_SEVERITY = ("Peaceful protest", "Protest with intervention",
                    "Excessive force against protesters")  # one demonstration is coded at the most severe it became
def _demonstration(event: Event) -> bool:
    """A protest (a riot is an event of another type: the issue's unit is one event per type, actors,
    place and day)."""
    return event.event_type == "Protests"


def _severity(sub_event_type: str) -> int:
    """How severe a demonstration's sub-event type is (PROTEST_SEVERITY), 0 for any other."""
    return PROTEST_SEVERITY.index(sub_event_type) if sub_event_type in PROTEST_SEVERITY else 0


VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
NOT_A_BATTLE = frozenset({"Explosions/Remote violence", "Violence against civilians"})


def _one_violent_event(a: Event, b: Event, within: Mapping[str, frozenset[str]], a_vague: bool = False) -> bool:
    """Whether the vague mention ``b`` (الهجوم) tells the violent event ``a``: ``a`` is a strike, a
    bombing or violence against civilians (a battle and a change of control are coded apart) or is
    vague too, the same status, and no actor, place or day named differently."""
    if not (a.event_type in NOT_A_BATTLE or a_vague) or b.event_type not in VIOLENT_TYPES or a.status != b.status:
        return False
    return _same_or_within(a.place, b.place, within) and all(
        x is None or y is None or x == y for x, y in ((a.actor1, b.actor1), (a.actor2, b.actor2), (a.date, b.date)))


def _joined(a: Event, b: Event, within: Mapping[str, frozenset[str]] | None = None) -> Event:
    """``a`` with what ``b`` adds: its trigger and claim, and the fields ``a`` left open. The toll is
    counted once: a re-mention repeats it rather than adding to it."""
    tolls = [t for t in (a.fatalities, b.fatalities) if t is not None]
    return a.model_copy(update={
        "actor1": a.actor1 or b.actor1, "actor2": a.actor2 or b.actor2,
        "place": b.place if a.place is not None and a.place in (within or {}).get(b.place or "", ()) else a.place or b.place,
        "date": a.date or b.date, "claim": a.claim or b.claim,
        "fatalities": max(tolls) if tolls else None,
        "triggers": a.triggers + (b.triggers or [b.trigger]),
        "claims": a.claims + [c for c in (b.claims or [b.claim] if b.claim else b.claims) if c not in a.claims],
    })


def _implied_entity(doc: ArticleDoc, ref: ImpliedActor, catalogue: Catalogue) -> str | None:
    """The entity id of an implied actor, its implying word added as a mention; None for an actor
    the catalogue does not have."""
    actor = catalogue.get(ref.actor_id)
    if actor is None:
        return None
    tok = doc.tokens[ref.token]
    start = name_start(tok)
    mention = Mention(start=start, end=tok.end, text=doc.text[start:tok.end])
    entity = doc.entities.add_actor_mention(actor, mention)
    doc.decide(f"entities.{entity.id}", f"implied by {mention.text!r} as the actor of an event", entity.name, mention)
    return entity.id
