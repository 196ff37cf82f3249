"""Who and where: actors from the catalogue, places from the gazetteer, people, linked per article.

Names are matched on *stem keys*: each word reduced to its stem (proclitics, the article and
enclitics removed, matching normal form), so لجند الأقصى, وجبهة النصرة and للدواعش meet the
catalogue's جند الأقصى, جبهة النصرة and الدواعش. The longest match wins; the catalogue wins over
the gazetteer on the same words. People come from rules (kunya, عبد/…الدين compounds, the
dateline's author) and the trained NER model; places the gazetteer does not know come from place
heads (بلدة X) and the model. Mentions of one actor, place or person form one entity, and
anaphors such as التنظيم join the actor they refer back to. Every entity carries its reasons.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterable, Literal, Sequence

import ahocorasick

from isnad.knowledge.catalogue import Catalogue
from isnad.knowledge.lexicons import PhraseIndex, default_plain_words
from isnad.knowledge.gazetteer import Gazetteer, Place, PlaceContext, default_gazetteer, distance_km, geo_precision
from isnad.record import Entity as RecordEntity
from isnad.record import Mention as RecordMention
from isnad.record import Sentence, UnlocatedPlace
from isnad.resources import read_json
from isnad.text.normalize import fold
from isnad.text.tokens import ARTICLE, CliticLexicon, Token, Tokenizer, analyse, name_start, stem_key, token_range, word_keys

if TYPE_CHECKING:
    from isnad.analysis.doc import ArticleDoc
    from isnad.analysis.ner import NerSpan


Kind = Literal["actor", "person", "place"]
COMMON_WORD_COUNT = 40  # a word seen more often than this after a place head is not a new place name
GIVEN_NAME_MAX_COUNT = 2000  # a word this frequent before الدين is no given name (حماية الدين)
SUPPORT_KM = 50  # a bare village name needs another place of the article this close
GROUP_NAME_WORDS = 1  # the most words of an unlisted group's name after its head
FOCUS_SHARE = 0.6  # a second country is in an article's focus with this share of the first's votes
#: kinds of place that a report about another country names only with support from that country
SMALL_KINDS = frozenset({"community", "neighbourhood", "area", "region", "landmark", "subdistrict", "foreign_town"})
WIDE_KINDS = frozenset({"country", "governorate", "foreign_region", "region", "area"})


@dataclass(frozen=True)
class EntityCues:
    place_heads: frozenset[str]
    spatial_cues: dict[str, str]  # stem-key phrase -> English gloss
    titles: frozenset[str]
    roles: dict[str, str]  # stem-key phrase -> the role as written in the data
    kunya: frozenset[str]
    name_heads: frozenset[str]
    name_tails: frozenset[str]
    anaphors: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]  # folded word -> (contains, categories)
    armed_group_heads: frozenset[str]  # an NER ORG name that starts with one is an armed group
    nisba_endings: tuple[str, ...]  # a nisba after a personal name (الحلبي)
    adjective_endings: tuple[str, ...]  # a village named like a nisba adjective (بشرية)
    place_prepositions: frozenset[str]  # before such a village name: a place, not an adjective
    media: frozenset[str] = frozenset()  # news agencies and outlets as written (datelines.json): no person
    media_endings: frozenset[str] = frozenset()  # last words of outlet names as written (برس، نيوز)
    direction_adjectives: frozenset[str] = frozenset()  # الساحل الغربي is not الساحل
    place_nouns: frozenset[str] = frozenset()  # المدينة alone is 'the city', not a village so named


@lru_cache(maxsize=1)
def default_cues() -> EntityCues:
    raw = read_json("entities.json")
    return EntityCues(
        place_heads=frozenset(fold(w) for w in raw["place_heads"]),
        spatial_cues={fold(k): v for k, v in raw["spatial_cues"].items()},
        titles=frozenset(fold(w) for w in raw["titles"]),
        roles={fold(k): k for k in raw["roles"]},
        kunya=frozenset(fold(w) for w in raw["kunya"]),
        name_heads=frozenset(fold(w) for w in raw["name_heads"]),
        name_tails=frozenset(fold(w) for w in raw["name_tails"]),
        anaphors={fold(k): (tuple(fold(c) for c in v["contains"]), tuple(v["categories"]))
                  for k, v in raw["anaphors"].items()},
        armed_group_heads=frozenset(fold(w) for w in raw["armed_group_heads"]),
        nisba_endings=tuple(fold(w) for w in raw["nisba_endings"]),
        adjective_endings=tuple(fold(w) for w in raw["adjective_endings"]),
        place_prepositions=frozenset(fold(w) for w in raw["place_prepositions"]),
        media=frozenset(w for part in ("agencies", "outlets") for w in read_json("datelines.json")[part]),
        media_endings=frozenset(raw["media_endings"]),
        direction_adjectives=frozenset(fold(w) for w in raw.get("direction_adjectives", ())),
        place_nouns=frozenset(fold(w) for w in raw.get("place_nouns", ())),
    )


@dataclass(frozen=True)
class StateForces:
    """Phrases that name a state's forces without naming the state, and each state's actor
    (data/state_forces.json)."""

    phrases: PhraseIndex[tuple[bool, ...]]  # each phrase with which of its words carry the article
    forces: dict[str, str]  # ISO2 -> catalogue actor id
    coalition: StateForces | None = None  # a bare coalition (التحالف) and the one it means by country
    opposition: StateForces | None = None  # a bare armed opposition (المعارضة) and whom it means by country
    national_army: StateForces | None = None  # a bare national army (الجيش الوطني) and whose it is by country

    @classmethod
    def from_data(cls, raw: dict, tokenizer: Tokenizer) -> StateForces:
        entries = ((p, _articles(p, tokenizer)) for p in raw["phrases"])
        coalition = cls.from_data(raw["coalition"], tokenizer) if "coalition" in raw else None
        opposition = cls.from_data(raw["opposition"], tokenizer) if "opposition" in raw else None
        national = cls.from_data(raw["national_army"], tokenizer) if "national_army" in raw else None
        return cls(PhraseIndex.build(entries, tokenizer), dict(raw["forces"]), coalition, opposition, national)


@lru_cache(maxsize=4)
def default_state_forces(tokenizer: Tokenizer) -> StateForces:
    """The packaged state-force phrases keyed by ``tokenizer``, built once per tokenizer."""
    return StateForces.from_data(read_json("state_forces.json"), tokenizer)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    kind: Kind
    ref: str | None  # actor id, or the place-name key; None when only the surface names it
    places: tuple[str, ...] = ()  # gazetteer ids the words may name
    cue: str | None = None  # spatial cue before a place (غرب، قرب)
    head: str | None = None  # place head before a place (بلدة، محافظة): tells the kind of place
    reason: str = ""
    first_token: int = 0
    last_token: int = 0


@dataclass
class EntityDraft:
    """An entity while mentions are collected: becomes a record Entity at the end."""

    kind: Kind
    key: str  # grouping key
    name: str
    mentions: list[Mention] = field(default_factory=list)
    actor_id: str | None = None
    name_en: str | None = None
    actor_type: str | None = None
    place: Place | None = None
    reasons: list[str] = field(default_factory=list)
    role: str | None = None
    affiliation: str | None = None  # grouping key of the actor served

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


def _definite(tok: Token) -> bool:
    """A word with the article, also one kept whole as a name (النصرة)."""
    return tok.has_article or (tok.kind == "word" and not tok.proclitics and fold(tok.text).startswith(ARTICLE))


def _articles(name: str, tokenizer: Tokenizer) -> tuple[bool, ...]:
    """Which words of a name carry the article."""
    return tuple(_definite(t) for t in tokenizer.tokenize(name) if t.kind != "punct")


def _definiteness_agrees(name: tuple[bool, ...], text: tuple[bool, ...]) -> bool:
    """تنظيم الدولة matches تنظيم الدولة, not التنظيم دولة; ميليشيات إيرانية matches الميليشيات
    الإيرانية (a noun and its adjective change together)."""
    if len(name) != len(text) or len(name) < 2 or name == text:
        return True
    return len(set(name)) == 1 and len(set(text)) == 1


def _nisba_of(ref: tuple[Kind, str, str, tuple[bool, ...]], pattern: tuple[bool, ...]) -> bool:
    """A one-word place name ending in -iya written without the article (سورية) met with the
    article: that word is the adjective (السورية, Syrian), not the place."""
    return ref[0] == "place" and ref[3] == (False,) and pattern == (True,) and fold(ref[2]).endswith("يه")


def _article_dropped(ref: tuple[Kind, str, str, tuple[bool, ...]], pattern: tuple[bool, ...]) -> bool:
    """A one-word place name that carries the article (البارد، الساحل) met without it: a common word
    (بدم بارد), not the place, which news always writes with its article."""
    return ref[0] == "place" and ref[3] == (True,) and pattern == (False,)


def phrase_key(text: str, tokenizer: Tokenizer) -> str:
    """The stem key of a name: each word without its article, joined by spaces (quotes dropped).

    A name carries no conjunction, preposition or pronoun, so a word the tokenizer would cut
    otherwise (سان → س+ان) is kept whole: the name must not become a common word."""
    keys: list[str] = []
    for tok in tokenizer.tokenize(text):
        if tok.kind == "punct":
            continue
        if tok.kind == "word" and (tok.enclitics or any(p.form != ARTICLE for p in tok.proclitics)):
            keys.append(fold(tok.text))
        else:
            keys.append(stem_key(tok))
    return " ".join(k for k in keys if k)


def name_keys(text: str, tokenizer: Tokenizer) -> tuple[str, ...]:
    """The keys a name is matched by: its :func:`phrase_key`, and for a name of several words also
    the key with every word cut as running text cuts it (قوات التحالف بقيادة السعودية، بني وليد),
    since the other words keep such a name from becoming a common word."""
    whole = phrase_key(text, tokenizer)
    cut = " ".join(k for k in (stem_key(t) for t in tokenizer.tokenize(text) if t.kind != "punct") if k)
    return (whole, cut) if cut != whole and len(cut.split()) > 1 else (whole,)


def _mention_end(tok: Token) -> int:
    return tok.stem.end if tok.kind == "word" else tok.end


class NameIndex:
    """An Aho-Corasick automaton over the stem keys of catalogue aliases and gazetteer names."""

    def __init__(self, catalogue: Catalogue, gazetteer: Gazetteer, tokenizer: Tokenizer):
        self.refs: dict[str, list[tuple[Kind, str, str, tuple[bool, ...]]]] = defaultdict(list)
        for alias, actor_id, _ in catalogue.aliases():
            for key in name_keys(alias, tokenizer):
                self._add(key, ("actor", actor_id, alias, _articles(alias, tokenizer)))
        for variant, place_id in gazetteer.names():
            for key in name_keys(variant, tokenizer):
                self._add(key, ("place", place_id, variant, _articles(variant, tokenizer)))
        self.automaton = ahocorasick.Automaton()
        for key, refs in self.refs.items():
            self.automaton.add_word(f" {key} ", (key, tuple(refs)))
        self.automaton.make_automaton()

    def _add(self, key: str, ref: tuple[Kind, str, str, tuple[bool, ...]]) -> None:
        if key and ref not in self.refs[key]:
            self.refs[key].append(ref)

    def find(self, keys: Sequence[str | None], articles: Sequence[bool]) -> list[tuple[int, int, str, tuple]]:
        """Leftmost-longest matches as (first token, last token, key, refs); ``articles`` says
        which tokens carry the article, which a name of several words must agree with."""
        parts: list[str] = []
        starts: dict[int, int] = {}  # char offset of a key in the joined string -> token index
        ends: dict[int, int] = {}
        pos = 1
        parts.append(" ")
        for i, key in enumerate(keys):
            if key == "":
                continue  # quotes do not break a name: تنظيم “داعش”
            if key is None:
                parts.append("| ")
                pos += 2
                continue
            starts[pos] = i
            parts.append(key + " ")
            ends[pos + len(key) - 1] = i
            pos += len(key) + 1
        joined = "".join(parts)
        found: list[tuple[int, int, str, tuple]] = []
        for end, (key, refs) in self.automaton.iter(joined):
            first_char = end - len(key)  # end is the trailing space; key starts after the leading space
            last_char = end - 1
            if first_char in starts and last_char in ends:
                i, j = starts[first_char], ends[last_char]
                pattern = tuple(articles[k] for k in range(i, j + 1) if keys[k])
                agreeing = tuple(r for r in refs if _definiteness_agrees(r[3], pattern)
                                 and not _nisba_of(r, pattern) and not _article_dropped(r, pattern))
                if agreeing:
                    found.append((i, j, key, agreeing))
        found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        chosen: list[tuple[int, int, str, tuple]] = []
        taken_until = -1
        for m in found:
            if m[0] > taken_until:
                chosen.append(m)
                taken_until = m[1]
        return chosen


class EntityStage:
    """Finds and links the actors, places and people of one article."""

    def __init__(self, catalogue: Catalogue, gazetteer: Gazetteer, tokenizer: Tokenizer,
                 cues: EntityCues | None = None, plain_words: frozenset[str] | None = None,
                 state: StateForces | None = None):
        self.catalogue, self.gazetteer, self.tokenizer = catalogue, gazetteer, tokenizer
        self.cues = cues or default_cues()
        self.plain_words = default_plain_words() if plain_words is None else plain_words
        self.index = NameIndex(catalogue, gazetteer, tokenizer)
        self.state = state or default_state_forces(tokenizer)
        self.spatial = {phrase_key(k, tokenizer): v for k, v in self.cues.spatial_cues.items()}
        self.roles = {phrase_key(k, tokenizer): v for k, v in self.cues.roles.items()}
        self._media = frozenset(self._keys_of(name) for name in self.cues.media)
        self._media_endings = frozenset(k for word in self.cues.media_endings for k in self._keys_of(word)[-1:])

    # --- mentions ------------------------------------------------------------------------

    def mentions(self, text: str, tokens: Sequence[Token], keys: Sequence[str | None]) -> list[Mention]:
        """Catalogue and gazetteer mentions, with the spatial cue before each place."""
        out: list[Mention] = []
        articles = [_definite(t) for t in tokens]
        for i, j, key, refs in self.index.find(keys, articles):
            a, b = name_start(tokens[i]), _mention_end(tokens[j])
            if j + 1 < len(tokens) and keys[j + 1] == "" and any(keys[k] == "" for k in range(i, j)):
                b = tokens[j + 1].end  # close the quote opened inside: تنظيم “داعش”
            actors = [r for r in refs if r[0] == "actor"]
            if actors:
                _, actor_id, alias, _ = actors[0]
                out.append(Mention(a, b, text[a:b], "actor", actor_id, reason=f"catalogue alias {alias!r}",
                                   first_token=i, last_token=j))
                continue
            places = tuple(dict.fromkeys(r[1] for r in refs))
            cue = self._cue_before(tokens, keys, i)
            head = self._head_before(keys, i)
            if i == j and fold(ARTICLE + tokens[i].stem.text) in self.cues.place_nouns and tokens[i].has_article:
                continue  # على المدينة: "the city" named before, not the village المدينة
            if self._looks_common(text[a:b], places) and not (
                    (cue or head) and fold(text[a:b]) in {fold(r[2]) for r in refs}):
                continue  # "قرية على الجانب" is not the village العلي
            if not (cue or head) and self._adjective_after_noun(tokens, i, j, places):
                continue  # خسائر بشرية is "human losses", not the village بشرية
            if self._area_with_direction(tokens, i, j, places):
                continue  # الساحل الغربي (Yemen's west coast) is not الساحل (the Syrian coast)
            reason = f"gazetteer name {refs[0][2]!r}" + (f" after {head!r}" if head else "")
            out.append(Mention(a, b, text[a:b], "place", key, places, cue, tokens[i - 1].stem.text if head else None,
                               reason, i, j))
        return out

    def _looks_common(self, surface: str, place_ids: Iterable[str]) -> bool:
        """A village or quarter named by a plain word (الزيارة، الثورة، على) needs a cue."""
        words = fold(surface).split()
        if len(words) != 1:
            return False
        kinds = {p.kind for p in (self.gazetteer.get(pid) for pid in place_ids) if p}
        if kinds - {"community", "neighbourhood", "subdistrict", "district", "foreign_town"}:
            return False
        word = words[0]
        return word in self.plain_words or word.removeprefix(ARTICLE) in self.plain_words

    def _area_with_direction(self, tokens: Sequence[Token], i: int, j: int, place_ids: Iterable[str]) -> bool:
        """A one-word area or region name followed by a direction adjective names another place."""
        if i != j or j + 1 >= len(tokens) or fold(tokens[j + 1].text) not in self.cues.direction_adjectives:
            return False
        kinds = {p.kind for p in (self.gazetteer.get(pid) for pid in place_ids) if p}
        return bool(kinds) and kinds <= {"area", "region"}

    def _adjective_after_noun(self, tokens: Sequence[Token], i: int, j: int, place_ids: Iterable[str]) -> bool:
        """A one-word village named like a nisba adjective (بشرية، عسكرية) right after an
        indefinite noun is that noun's adjective."""
        if i != j or i == 0:
            return False
        kinds = {p.kind for p in (self.gazetteer.get(pid) for pid in place_ids) if p}
        if kinds - {"community", "neighbourhood", "country", "foreign_town"}:
            return False  # فنانة سورية: a Syrian artist
        word, prev = tokens[i], tokens[i - 1]
        return (word.kind == "word" and not word.proclitics and fold(word.text).endswith(self.cues.adjective_endings)
                and prev.kind == "word" and not prev.proclitics and not fold(prev.text).startswith(ARTICLE)
                and fold(prev.text) not in self.cues.place_prepositions)

    def _cue_before(self, tokens: Sequence[Token], keys: Sequence[str | None], i: int) -> str | None:
        """A spatial cue right before a place: غرب خناصر (not الجنوبي, not محيطها)."""
        for width in (2, 1):
            if i - width < 0:
                continue
            words = keys[i - width:i]
            if any(t.has_article or t.enclitics for t in tokens[i - width:i]):
                continue
            if all(words):
                phrase = " ".join(w for w in words if w)
                if phrase in self.spatial:
                    return " ".join(t.stem.text for t in tokens[i - width:i])
        return None

    def _head_before(self, keys: Sequence[str | None], i: int) -> str | None:
        if i > 0 and keys[i - 1] and keys[i - 1] in self.cues.place_heads:
            return keys[i - 1]
        return None

    def people(self, text: str, tokens: Sequence[Token], keys: Sequence[str | None],
               taken: set[int], model_persons: set[int] = frozenset()) -> list[Mention]:
        """Personal names by rule: kunya (أبو عمارة), عبد X, X الدين, with a following nisba; a
        given name before عبد X where the NER model also reads one (``model_persons``: token indices)."""
        out: list[Mention] = []
        n = len(tokens)

        def is_name_word(k: int) -> bool:
            return (k < n and k not in taken and tokens[k].kind == "word" and bool(keys[k])
                    and len(keys[k] or "") >= 2 and not self.tokenizer.lexicon.is_whole(tokens[k].text))

        def nisba(k: int) -> bool:
            tok = tokens[k] if k < n else None
            return bool(tok and k not in taken and tok.kind == "word" and tok.has_article
                        and fold(tok.stem.text).endswith(self.cues.nisba_endings) and len(tok.stem.text) >= 4)

        i = 0
        while i < n:
            key = keys[i]
            rule = None
            j = i
            if i not in taken and key in self.cues.kunya and is_name_word(i + 1):
                rule, j = "kunya", i + 1
            elif i not in taken and key in self.cues.name_heads and is_name_word(i + 1) and tokens[i + 1].has_article:
                rule, j = "عبد + name", i + 1  # a rule's name in the records' reasons, not a word list
            elif (is_name_word(i) and i + 1 < n and keys[i + 1] and i + 1 not in taken and tokens[i + 1].has_article
                  and fold(ARTICLE + tokens[i + 1].stem.text) in self.cues.name_tails and not tokens[i].has_article
                  and self.tokenizer.lexicon.count(key or "") < GIVEN_NAME_MAX_COUNT):
                rule, j = "compound name (… الدين)", i + 1  # likewise a rule's name
            if rule:
                if rule == "kunya" and keys[j] in self.cues.name_heads and is_name_word(j + 1) \
                        and tokens[j + 1].has_article:
                    j += 1  # أبو عبد الرحمن
                if rule.startswith("عبد") and i - 1 in model_persons and self._given_name_before(tokens, i, is_name_word) \
                        and not (out and out[-1].last_token >= i - 1):
                    i -= 1  # رامي عبد الرحمن
                if nisba(j + 1):
                    j += 1
                a, b = name_start(tokens[i]), _mention_end(tokens[j])
                out.append(Mention(a, b, text[a:b], "person", None, reason=f"name rule: {rule}",
                                   first_token=i, last_token=j))
                i = j + 1
            else:
                i += 1
        return out

    def _given_name_before(self, tokens: Sequence[Token], i: int, is_name_word: Callable[[int], bool]) -> bool:
        """A bare word before عبد X that news never uses as a plain word: a given name."""
        if i == 0 or not is_name_word(i - 1):
            return False
        tok = tokens[i - 1]
        return not tok.has_article and not tok.proclitics and not tok.enclitics \
            and fold(tok.text) not in self.plain_words

    def model_mentions(self, spans: Sequence[NerSpan], mentions: list[Mention],
                       starts: Sequence[int] = ()) -> list[Mention]:
        """Add the persons, places and armed groups the NER model found where no list matched
        (``starts``: the tokens' start offsets, to give each its tokens). A person the model sees
        around a shorter place match wins: رياض حجاب is not Riyadh."""
        out = list(mentions)
        for span in spans:
            first, last = token_range(starts, span.start, span.end) if starts else (0, 0)
            at = {"first_token": first, "last_token": last}
            overlapping = [m for m in out if span.start < m.end and m.start < span.end]
            if span.label == "PERS" and overlapping and all(
                    m.kind == "place" and span.start <= m.start and m.end <= span.end
                    and (m.end - m.start) < (span.end - span.start) for m in overlapping):
                out = [m for m in out if m not in overlapping]
                overlapping = []
            if overlapping:
                continue
            if span.label == "PERS":
                out.append(Mention(span.start, span.end, span.text, "person", None, reason="NER model: PERS", **at))
            elif span.label == "LOC":
                out.append(Mention(span.start, span.end, span.text, "place", fold(span.text), reason="NER model: LOC",
                                   **at))
            elif span.label == "ORG" and fold(span.text.split()[0]).removeprefix(ARTICLE) in self.cues.armed_group_heads:
                out.append(Mention(span.start, span.end, span.text, "actor", None,
                                   reason="NER model: ORG headed by an armed-group word", **at))
        return out

    def headed_actors(self, text: str, tokens: Sequence[Token], keys: Sequence[str | None],
                      taken: set[int]) -> list[Mention]:
        """A group no catalogue lists is still an actor when it is named after a group head
        (لواء، كتائب، قوات، جماعة، حركة …): the head and up to GROUP_NAME_WORDS words after it that
        carry the article and nothing else (لواء الفتح, not قوات موالية), are no plain words and no
        nisba adjectives (القوات الروسية is a country's forces). A phrase of plain words (قوات
        الأمن) names no one."""
        out: list[Mention] = []
        for i in range(len(tokens) - 1):
            if i in taken or keys[i] not in self.cues.armed_group_heads or tokens[i].has_article \
                    or any(s.form != ARTICLE for s in tokens[i].proclitics):
                continue
            last = None
            for j in range(i + 1, min(len(tokens), i + 1 + GROUP_NAME_WORDS)):
                tok, key = tokens[j], keys[j] or ""
                if j in taken or tok.kind != "word" or not key or key in self.cues.armed_group_heads:
                    break
                if not tok.has_article or any(s.form != ARTICLE for s in tok.proclitics) or tok.enclitics:
                    break
                bare = key.removeprefix(ARTICLE)
                if key in self.plain_words or bare in self.plain_words or bare.endswith(self.cues.nisba_endings):
                    break
                last = j
            if last is None:
                continue
            a, b = name_start(tokens[i]), _mention_end(tokens[last])
            out.append(Mention(a, b, text[a:b], "actor", None, reason=f"a group named after the head {keys[i]!r}",
                               first_token=i, last_token=last))
        return out

    def headed_places(self, text: str, tokens: Sequence[Token], keys: Sequence[str | None],
                      taken: set[int]) -> list[Mention]:
        """A rare word after a place head (بلدة، قرية) that no gazetteer knows is still a place."""
        out: list[Mention] = []
        for i in range(len(tokens) - 1):
            if keys[i] not in self.cues.place_heads or tokens[i].has_article:
                continue
            k = i + 1
            if k in taken or tokens[k].kind != "word" or not keys[k]:
                continue
            if self.tokenizer.lexicon.count(keys[k] or "") > COMMON_WORD_COUNT or self.tokenizer.lexicon.is_whole(tokens[k].text):
                continue
            a, b = name_start(tokens[k]), _mention_end(tokens[k])
            out.append(Mention(a, b, text[a:b], "place", keys[k], reason=f"unknown name after place head {keys[i]!r}",
                               first_token=k, last_token=k))
        return out

    # --- linking ---------------------------------------------------------------------------

    def run(self, doc: ArticleDoc) -> list[EntityDraft]:
        """The entities of a document as drafts, in order of first mention: catalogue and gazetteer
        names, name rules, the dateline's author and place, the model's spans, anaphors, roles."""
        text, tokens, keys = doc.text, doc.tokens, doc.keys
        dateline = doc.parts.dateline if doc.parts else None
        dateline_place = dateline.place if dateline else None
        dateline_author = dateline.author if dateline and dateline.credit == "person" else None
        mentions = self.mentions(text, tokens, keys)
        if dateline_author:
            a, b = dateline_author
            mentions = [m for m in mentions if not (m.start < b and a < m.end)]
            inside = [k for k, t in enumerate(tokens) if a <= t.start < b]
            mentions.append(Mention(a, b, text[a:b], "person", None, reason="dateline author",
                                    first_token=inside[0] if inside else 0, last_token=inside[-1] if inside else -1))
        # a name rule that reaches further than a place match wins: صلاح الدين الشيشاني is a person
        # even though صلاح الدين is also a neighbourhood of Aleppo
        actor_tokens = {k for m in mentions if m.kind != "place" for k in range(m.first_token, m.last_token + 1)}
        starts = [t.start for t in tokens]
        model_persons: set[int] = set()
        for span in doc.ner_spans:
            if span.label == "PERS":
                first, last = token_range(starts, span.start, span.end)
                model_persons.update(range(first, last + 1))
        people = self.people(text, tokens, keys, actor_tokens, model_persons)
        places = [m for m in mentions if m.kind == "place"]
        beaten = {id(p) for p in places for q in people
                  if p.first_token >= q.first_token and p.last_token <= q.last_token
                  and (q.last_token - q.first_token) > (p.last_token - p.first_token)}
        people = [q for q in people if not any(
            p.first_token <= q.last_token and q.first_token <= p.last_token and id(p) not in beaten for p in places)]
        mentions = [m for m in mentions if id(m) not in beaten] + people
        taken = {k for m in mentions for k in range(m.first_token, m.last_token + 1)}
        mentions += self.headed_places(text, tokens, keys, taken)
        taken = {k for m in mentions for k in range(m.first_token, m.last_token + 1)}
        mentions += self.headed_actors(text, tokens, keys, taken)
        mentions = self.model_mentions(doc.ner_spans, mentions, starts)
        mentions = [m for m in mentions if not (m.kind == "person" and self._in_media_name(text, tokens, m))]
        mentions.sort(key=lambda m: m.start)
        doc.focus = self.focus(mentions, dateline_place, doc.parts.title.end if doc.parts and doc.parts.title else 0)
        mentions = [m for m in mentions if not self._bare_foreign_generic(m, doc.focus)]
        mentions = sorted(self.state_mentions(text, tokens, keys, mentions, doc.focus), key=lambda m: m.start)

        drafts: dict[str, EntityDraft] = {}
        self._link_actors(mentions, drafts)
        self._link_places(mentions, drafts, dateline_place, doc.focus)
        self._link_people(mentions, drafts)
        self._anaphors(text, tokens, keys, drafts)
        self._roles(tokens, keys, drafts)
        return sorted(drafts.values(), key=lambda d: d.first)

    def _link_actors(self, mentions: list[Mention], drafts: dict[str, EntityDraft]) -> None:
        for m in mentions:
            if m.kind != "actor":
                continue
            if m.ref:
                actor = self.catalogue.get(m.ref)
                draft = drafts.setdefault(f"actor:{m.ref}", EntityDraft(
                    "actor", f"actor:{m.ref}", actor.name, actor_id=m.ref, name_en=actor.name_en,
                    actor_type=actor.category))
            else:
                key = f"actor?:{fold(m.text)}"
                draft = drafts.setdefault(key, EntityDraft("actor", key, m.text))
            draft.mentions.append(m)
            draft.reasons.append(f"{m.text!r}: {m.reason}")

    def _names_media(self, text: str) -> bool:
        """A news agency or outlet (فرانس برس، لبي بي سي، الجزيرة نت) that a name rule or the model
        took for a person: compared by the words' stem keys, so clitics and the article do not hide it."""
        keys = self._keys_of(text)
        if keys in self._media or (len(keys) > 1 and keys[-1] in self._media_endings):
            return True
        # a short first word the tokenizer keeps whole may still carry a preposition (لبي بي سي)
        lexicon = self.tokenizer.lexicon
        first = fold(keys[0]) if keys else ""
        return any(first.startswith(c.form) and (first[len(c.form):],) + keys[1:] in self._media
                   for c in lexicon.conjunctions + lexicon.prepositions)

    def _in_media_name(self, text: str, tokens: Sequence[Token], m: Mention) -> bool:
        """A person mention that is an outlet's name, or its end (بي سي of لبي بي سي)."""
        if self._names_media(m.text):
            return True
        k = m.first_token - 1
        return k >= 0 and tokens[k].kind == "word" and self._names_media(text[tokens[k].start:m.end])

    def _keys_of(self, text: str) -> tuple[str, ...]:
        return tuple(k for k in word_keys(self.tokenizer.tokenize(text)) if k)

    def _bare_foreign_generic(self, m: Mention, focus: Sequence[str]) -> bool:
        """A one-word collective name of one country's war (النظام، الثوار، الإرهابيين for Syria's)
        in an article about other countries: there it names nobody in particular."""
        if m.kind != "actor" or not m.ref or not focus or m.first_token != m.last_token:
            return False
        actor = self.catalogue.get(m.ref)
        return actor is not None and actor.generic and bool(actor.country) and actor.country not in focus

    def _is_weak(self, m: Mention) -> bool:
        """A bare one-word village or quarter name: many are also plain words or given names
        (العبد، خالد، السبيل), so it needs support from the rest of the article."""
        if m.head or m.cue or not m.places or " " in m.text.strip():
            return False
        kinds = {p.kind for p in (self.gazetteer.get(pid) for pid in m.places) if p}
        return bool(kinds) and kinds <= {"community", "neighbourhood", "foreign_town"}

    def state_mentions(self, text: str, tokens: Sequence[Token], keys: Sequence[str | None],
                       mentions: list[Mention], focus: Sequence[str]) -> list[Mention]:
        """Unnamed state forces (الجيش، قوات الأمن، الحكومة) are the forces of the country the
        article is about; so is another state's generic name for its forces (القوات الحكومية,
        listed for Syria) in an article about another country. A bare national army, coalition or
        opposition (الجيش الوطني، التحالف، المعارضة) is likewise the one of the article's country."""
        out = mentions
        if self.state.national_army is not None:  # before the state's own phrases: الجيش الوطني is not الجيش
            out = self._unnamed_mentions(text, tokens, keys, out, focus, self.state.national_army,
                                         "the national army of", replace_any=True)
        out = self._unnamed_mentions(text, tokens, keys, out, focus, self.state, "the state forces of")
        if self.state.coalition is not None:
            out = self._unnamed_mentions(text, tokens, keys, out, focus, self.state.coalition, "the coalition at war in")
        if self.state.opposition is not None:
            out = self._unnamed_mentions(text, tokens, keys, out, focus, self.state.opposition, "the armed opposition of")
        return out

    def _unnamed_mentions(self, text: str, tokens: Sequence[Token], keys: Sequence[str | None],
                          mentions: list[Mention], focus: Sequence[str], table: StateForces, what: str,
                          replace_any: bool = False) -> list[Mention]:
        """The mentions of ``table``'s phrases as the actor it gives for the article's country;
        ``replace_any`` replaces whatever catalogue actor a phrase was read as (not only another
        state's forces)."""
        actor_id = table.forces.get(focus[0]) if focus else None
        if actor_id is None or actor_id not in self.catalogue:
            return mentions
        country = focus[0]
        covered = {k for m in mentions for k in range(m.first_token, m.last_token + 1)}
        at = {(m.first_token, m.last_token): n for n, m in enumerate(mentions) if m.kind == "actor"}
        out = list(mentions)
        i = 0
        while i < len(tokens):
            hit = table.phrases.match(keys, i) if keys[i] else None
            if hit is None or not self._definite_state(tokens, keys, i, hit, covered):
                i += 1
                continue
            end = hit[0]
            reason = f"{what} {country}, the country the article is about"
            n = at.get((i, end - 1))
            if n is None:  # قوات الجيش الوطني: the catalogue read only الجيش الوطني inside the phrase
                n = next((n for (first, last), n in at.items() if i <= first and last <= end - 1), None)
            if n is not None:
                actor = self.catalogue.get(out[n].ref or "")
                if actor is not None and actor.id != actor_id and (
                        replace_any or actor.category == "State forces" and actor.country != country):
                    out[n] = replace(out[n], ref=actor_id, reason=f"{out[n].reason}, read as {reason}")
            elif not any(k in covered for k in range(i, end)):
                a, b = name_start(tokens[i]), _mention_end(tokens[end - 1])
                out.append(Mention(a, b, text[a:b], "actor", actor_id, reason=reason, first_token=i,
                                   last_token=end - 1))
            i = end
        return out

    @staticmethod
    def _definite_state(tokens: Sequence[Token], keys: Sequence[str | None], i: int,
                        hit: tuple[int, tuple[bool, ...]], named: set[int]) -> bool:
        """The article agrees with the phrase (الجيش is the army, جيش the word: جيش من المحامين),
        or the phrase is made definite by what it is the construct of (جيش بشار الأسد، أمن الدولة)."""
        end, articles = hit
        written = tuple(_definite(tokens[k]) for k in range(i, end) if keys[k])
        if written == articles:
            return True
        after = tokens[end] if end < len(tokens) else None
        return (written[:-1] == articles[:-1] and after is not None and after.kind == "word"
                and not after.proclitics and (after.has_article or end in named))

    def focus(self, mentions: Sequence[Mention], dateline_place: tuple[int, int] | None,
              title_end: int) -> tuple[str, ...]:
        """The countries an article is about (ISO2, strongest first), from the names that can only
        be in one country: the dateline's place counts 3, a name in the headline 2, a country named
        2, any other place 1, a catalogue actor of one country 0.5 (a bare village name, which may
        be a plain word, none). A second country is kept when it has at least FOCUS_SHARE of the
        first's votes."""
        votes: dict[str, float] = defaultdict(float)
        for m in mentions:
            if m.kind == "actor" and m.ref:
                actor = self.catalogue.get(m.ref)
                if actor is not None and actor.country:
                    votes[actor.country] += 0.5
                continue
            if m.kind != "place" or not m.places or self._is_weak(m):
                continue
            found = [p for p in (self.gazetteer.get(pid) for pid in m.places) if p]
            countries = {p.country for p in found}
            if len(countries) != 1:
                continue
            weight = 3.0 if dateline_place and m.start == dateline_place[0] else 2.0 if m.start < title_end else 1.0
            if any(p.kind == "country" for p in found):
                weight *= 2.0
            votes[countries.pop()] += weight
        ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
        if not ranked:
            return ()
        top = ranked[0][1]
        return tuple(c for c, v in ranked[:2] if v >= FOCUS_SHARE * top)

    def _link_places(self, mentions: list[Mention], drafts: dict[str, EntityDraft],
                     dateline_place: tuple[int, int] | None, focus: tuple[str, ...] = ()) -> None:
        places = [m for m in mentions if m.kind == "place"]
        hints: list[str] = []
        near: list[tuple[float, float]] = []
        anchors: list[Place] = []  # places resolved from strong mentions
        countries: list[str] = list(focus)  # the article's focus first, then the countries resolved
        # the dateline place first, then unambiguous and strong names, so they can guide the rest
        ordered = sorted(places, key=lambda m: (not (dateline_place and m.start == dateline_place[0]),
                                                self._is_weak(m), len(m.places) != 1))
        resolved: dict[int, tuple[Place | None, str]] = {}
        for m in ordered:
            context = PlaceContext(tuple(hints), tuple(near), country_hints=tuple(countries))
            resolution = self.gazetteer.resolve(f"{m.head} {m.text}" if m.head else m.text, context)
            place = resolution.place
            if place is not None and m.places and place.id not in m.places:
                place = None
            if place is not None and self._is_weak(m) and not _supported(place, anchors, focus):
                resolved[id(m)] = (None, "dropped")
                continue
            if place is not None and not self.gazetteer.is_seat(place) and _out_of_focus(place, focus, anchors):
                resolved[id(m)] = (None, "dropped")
                continue
            resolved[id(m)] = (place, resolution.reason)
            if place is None:
                continue
            if not self._is_weak(m):
                anchors.append(place)
            if place.country and place.country not in countries:
                countries.append(place.country)
            if place.admin1 and not place.foreign and place.admin1 not in hints:  # governorate hints are Syrian
                hints.append(place.admin1)
            if place.lat is not None and place.lon is not None and (place.lat, place.lon) not in near:
                near.append((place.lat, place.lon))
        for m in places:
            place, reason = resolved[id(m)]
            if reason == "dropped":
                continue
            key = f"place:{place.id}" if place else f"place?:{m.ref or fold(m.text)}"
            name = place.name if place else m.text
            draft = drafts.setdefault(key, EntityDraft("place", key, name, place=place))
            draft.mentions.append(m)
            draft.reasons.append(f"{m.text!r}: {m.reason}; {reason}" + (f"; cue {m.cue!r}" if m.cue else ""))

    def _link_people(self, mentions: list[Mention], drafts: dict[str, EntityDraft]) -> None:
        people = sorted((m for m in mentions if m.kind == "person"), key=lambda m: -len(m.text.split()))
        for m in people:
            name = fold(m.text)
            target = next((d for d in drafts.values() if d.kind == "person"
                           and (fold(d.name) == name or _word_suffix(fold(d.name), name))), None)
            if target is None:
                target = drafts.setdefault(f"person:{name}", EntityDraft("person", f"person:{name}", m.text))
            target.mentions.append(m)
            target.reasons.append(f"{m.text!r}: {m.reason}")

    def _anaphors(self, text: str, tokens: Sequence[Token], keys: Sequence[str | None],
                  drafts: dict[str, EntityDraft]) -> None:
        """التنظيم، الجبهة …: join the most recent earlier actor whose name fits."""
        actors = [(m.start, d) for d in drafts.values() if d.kind == "actor" and d.actor_id for m in d.mentions]
        for k, tok in enumerate(tokens):
            if tok.kind != "word" or not tok.has_article:
                continue
            rule = self.cues.anaphors.get(fold(ARTICLE + tok.stem.text))
            if rule is None:
                continue
            if any(m.start <= tok.start < m.end for d in drafts.values() for m in d.mentions):
                continue
            contains, categories = rule
            earlier = sorted(((s, d) for s, d in actors if s < tok.start), key=lambda sd: -sd[0])
            for _, draft in earlier:
                actor = self.catalogue.get(draft.actor_id or "")
                forms = [fold(actor.name)] + [fold(a.text) for a in actor.aliases]
                fits = any(c in f for c in contains for f in forms) or actor.category in categories
                if fits:
                    a, b = name_start(tok), _mention_end(tok)
                    draft.mentions.append(Mention(a, b, text[a:b], "actor", draft.actor_id,
                                                  reason=f"anaphor refers back to {actor.name!r}"))
                    draft.reasons.append(f"{text[a:b]!r}: anaphor refers back to the last fitting actor")
                    break

    def _roles(self, tokens: Sequence[Token], keys: Sequence[str | None], drafts: dict[str, EntityDraft]) -> None:
        """أبو عمارة مسؤول كتائب الحمزة: a role word right after a person and before an actor."""
        actor_at = {m.first_token: d for d in drafts.values() if d.kind == "actor" for m in d.mentions
                    if m.last_token >= m.first_token and m.reason.startswith("catalogue")}
        actor_before = {m.last_token: d for d in drafts.values() if d.kind == "actor" for m in d.mentions
                        if m.reason.startswith("catalogue")}
        for person in (d for d in drafts.values() if d.kind == "person"):
            for m in person.mentions:
                k = next((idx for idx, t in enumerate(tokens) if t.start < m.end <= t.end), None)
                if k is None or person.affiliation:
                    continue
                first = next((idx for idx, t in enumerate(tokens) if t.start <= m.start < t.end), k)
                actor = actor_before.get(first - 1)
                if actor is not None:  # زعيم جبهة النصرة أبو محمد الجولاني
                    start = min(mm.first_token for mm in actor.mentions if mm.last_token == first - 1)
                    for width in (3, 2, 1):
                        phrase = " ".join(w for w in keys[max(start - width, 0):start] if w)
                        if start - width >= 0 and phrase in self.roles:
                            role = " ".join(t.text for t in tokens[start - width:start] if t.kind == "word")
                            person.role, person.affiliation = role, actor.key
                            person.reasons.append(f"role {role!r} of {actor.name!r}")
                            break
                if person.affiliation:
                    continue
                for width in (3, 2, 1):
                    phrase = " ".join(w for w in keys[k + 1:k + 1 + width] if w)
                    actor = actor_at.get(k + 1 + width)
                    if phrase in self.roles and actor is not None:
                        role = " ".join(t.text for t in tokens[k + 1:k + 1 + width] if t.kind == "word")
                        person.role, person.affiliation = role, actor.key
                        person.reasons.append(f"role {role!r} of {actor.name!r}")
                        break


def _out_of_focus(place: Place, focus: Sequence[str], anchors: Sequence[Place]) -> bool:
    """A small place of a country the article is not about (a Syrian village called المدينة or
    البيضاء in a report from Yemen), with no place of that country resolved from a strong name.
    (The caller keeps the seats of districts and subdistricts: دوما، تدمر.)"""
    if not focus or place.country in focus or place.kind not in SMALL_KINDS:
        return False
    return not any(a.country == place.country and a.id != place.id for a in anchors)


def _supported(place: Place, anchors: Sequence[Place], focus: Sequence[str] = ()) -> bool:
    """A bare village name is kept when the article's other places are in its district or
    within SUPPORT_KM of it; a bare town abroad, only when the article is about its country."""
    if place.kind == "foreign_town":  # thousands of them, many named like plain words: only the focus vouches
        return place.country in focus
    if place.foreign and place.country in focus:
        return True
    for anchor in anchors:
        if anchor.id == place.id:
            continue
        if place.admin2 and anchor.admin2 == place.admin2:
            return True
        if None not in (place.lat, place.lon, anchor.lat, anchor.lon) and anchor.kind not in WIDE_KINDS \
                and distance_km((place.lat, place.lon), (anchor.lat, anchor.lon)) <= SUPPORT_KM:  # type: ignore[arg-type]
            return True
    return False


def _word_suffix(full: str, part: str) -> bool:
    """Is ``part`` a shorter form of ``full``: its last or first words (البكور of عمار البكور), or
    its first and last word (عادل الجبير of عادل بن أحمد الجبير)?"""
    if full == part:
        return False
    if full.endswith(" " + part) or full.startswith(part + " "):
        return True
    f, p = full.split(), part.split()
    return len(p) == 2 and len(f) > 2 and f[0] == p[0] and f[-1] == p[-1]


def _split_would_lose(name: str, lexicon: CliticLexicon) -> bool:
    """Would the tokenizer cut this one-word name into clitic + a stem no more common than it?"""
    cut = analyse(name, lexicon)
    if not cut.proclitics and not cut.enclitic:
        return False
    return lexicon.count(cut.stem) <= lexicon.count(name)


def protected_names(catalogue: Catalogue, gazetteer: Gazetteer, lexicon: CliticLexicon) -> list[str]:
    """The one-word names of the catalogue and gazetteer the tokenizer must keep whole."""
    names = [alias for alias, _, _ in catalogue.aliases()] + [variant for variant, _ in gazetteer.names()]
    return [n for n in names if " " not in n.strip() and _split_would_lose(n, lexicon)]


def located(drafts: Sequence[EntityDraft]) -> tuple[list[EntityDraft], list[UnlocatedPlace]]:
    """The drafts that can be entities, and the mentions of place names no gazetteer entry
    locates: a place entity must have a point (to map it, to code an event there)."""
    kept = [d for d in drafts if d.kind != "place" or d.place is not None]
    unlocated = sorted((UnlocatedPlace(start=m.start, end=m.end, text=m.text,
                                       reason=f"not in the gazetteer: {reason}")
                        for d in drafts if d.kind == "place" and d.place is None
                        for m, reason in zip(d.mentions, d.reasons)), key=lambda u: u.start)
    return kept, unlocated


def entity_records(drafts: Sequence[EntityDraft], gazetteer: Gazetteer | None = None) -> list[RecordEntity]:
    """Record entities with ids e1, e2 … in order of first mention; ``gazetteer`` names the
    first-level division of each place (default: the packaged one)."""
    ids = {d.key: f"e{i}" for i, d in enumerate(drafts, 1)}
    out: list[RecordEntity] = []
    for d in drafts:
        mentions = sorted({(m.start, m.end): m for m in d.mentions}.values(), key=lambda m: m.start)
        entity = RecordEntity(id=ids[d.key], kind=d.kind, name=d.name,
                        mentions=[RecordMention(start=m.start, end=m.end, text=m.text, cue=m.cue) for m in mentions])
        if d.kind == "actor":
            entity.key, entity.name_en, entity.actor_type = d.actor_id, d.name_en, d.actor_type
        if d.place is not None:
            p = d.place
            entity.name_en, entity.pcode, entity.admin1 = p.name_en, p.pcode, p.admin1
            entity.admin1_name = (gazetteer or default_gazetteer()).admin1_name(p.admin1)
            entity.lat, entity.lon, entity.kind_detail = p.lat, p.lon, p.kind
            entity.country = p.country
            entity.geo_precision = geo_precision(p, None)  # type: ignore[assignment]
        if d.role:
            entity.role = d.role
            entity.affiliation = ids.get(d.affiliation or "")
        out.append(entity)
    return out


def outside(drafts: list[EntityDraft], spans: Sequence[Sentence]) -> list[EntityDraft]:
    """Entities without their mentions in the spans (page furniture); an entity named only
    there is dropped."""
    def inside(m: Mention) -> bool:
        return any(s.start <= m.start and m.end <= s.end for s in spans)

    kept: list[EntityDraft] = []
    for d in drafts:
        d.mentions = [m for m in d.mentions if not inside(m)]
        if d.mentions:
            kept.append(d)
    return kept
