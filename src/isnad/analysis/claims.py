"""Claims: who says what, with which stance, and through whom it reached the text.

A claim starts at a reporting cue from ``data/claims.json`` (قال، نفى، بحسب، مضيفاً …). Its source
is the speaker phrase after a verb cue (قال مصدر عسكري إن …), or before it (عبد اللطيف قال …), or
after an attribution (بحسب المرصد); a cue with no speaker of its own (وأضاف، مضيفاً) keeps the last
speaker, and a definite source noun (المصدر) refers back to the speaker it repeats. The content is
the indirect speech after أن/إن, the quotation, the speech after a colon, the object of a cue that
takes a noun phrase (نفى أي مشاركة), or — for a postposed attribution (…، بحسب المصدر) — the words
before the cue. A claim whose cue lies inside another claim's content is nested: its ``parent`` is
that claim. Every claim carries the rules that built it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, Sequence

from isnad.knowledge.lexicons import PhraseIndex, first_keys, phrase_keys
from isnad.record import Claim, ClaimSource, Span
from isnad.resources import read_json
from isnad.text.normalize import fold
from isnad.text.sentences import COMMAS, QUESTION_MARKS, SEMICOLONS, quotes
from isnad.text.tokens import (ARTICLE, QUOTE_TOKENS, CONJ_FA, CONJ_WA, FUTURE_SA, PREP_BI, PREP_KA, PREP_LI, Token, Tokenizer,
                               name_start)

if TYPE_CHECKING:
    from isnad.analysis.doc import ArticleDoc

Stance = Literal["assert", "deny", "question"]
Modality = Literal["asserted", "alleged", "predicted", "threatened", "questioned"]
CueKind = Literal["verb", "continuation", "attribution", "noun"]
MAX_SOURCE_TOKENS = 25  # a speaker phrase may carry a relative clause: المصدر الذي هو من …
MAX_SUBJECT_TOKENS = 8  # a speaker named before its verb is short: عبد اللطيف قال
CONTINUATION_SENTENCES = 4  # how far back a cue without a speaker looks for the last one
CLAUSE_PUNCT = frozenset(COMMAS + SEMICOLONS + ".!" + QUESTION_MARKS)
SPAN_END_PUNCT = COMMAS + SEMICOLONS + ".:!" + QUESTION_MARKS  # dropped from the end of a span, with quotes
CONJUNCTIONS = (CONJ_WA, CONJ_FA)
PREPOSITIONS = (PREP_BI, PREP_LI, PREP_KA)
NOUN_PROCLITICS = (ARTICLE, *PREPOSITIONS)  # a verb form with one of these is a noun


@dataclass(frozen=True)
class Cue:
    """One entry of the cue lexicon."""

    lemma: str
    family: str
    stance: Stance
    modality: Modality
    kind: CueKind
    needs_content_marker: bool = False
    openers: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClaimLexicon:
    """The cue lexicon keyed by stem keys, with the word lists that shape source and content."""

    cues: PhraseIndex[Cue]  # a key sequence ending in "ل" asks the next word to carry ل (وفقا لمصدر)
    anonymous_heads: frozenset[str]
    outlet_heads: frozenset[str]
    named_words: frozenset[str]
    complementizers: frozenset[str]  # folded surface forms: أن، بأنه …
    object_openers: frozenset[str]
    soft_stops: frozenset[str]
    back_references: frozenset[str]  # المصدر، المتحدث: a speaker named before
    time_words: frozenset[str]
    negations: frozenset[str]  # لم يستبعد: a denial cue under negation asserts
    negated_complementizers: frozenset[str]  # ألا: the content keeps its negation
    subject_particles: frozenset[str]  # لكن مصادر …، نفت: words before a speaker named first
    pronoun_subjects: frozenset[str]  # لكنه استبعد: the speaker is a pronoun, named before
    attribution_fillers: tuple[tuple[str, ...], ...]  # جاء في، ورد في: words between بحسب ما and its source
    verb_frame_words: frozenset[str]  # إلى، قد: the verb's own words between its speaker and the content
    phrase_prepositions: frozenset[str]  # بعد، خلال: a time or topic phrase, never a speaker
    perfect_auxiliaries: frozenset[str]  # كان، قد: between a speaker named first and its verb
    question_particles: frozenset[str]  # هل سيعلن: no statement was made
    adjective_endings: tuple[str, ...]  # nisba endings of an adjective on a bare speaker phrase
    speaker_links: frozenset[str]  # مصدر من X: X belongs to the speaker, not to the accused
    linking_stops: frozenset[str]  # source stops that lead into a name of the speaker phrase
    name_links: frozenset[str]  # a name after these is tied to the speaker phrase
    affiliation_links: frozenset[str]  # مصدر من جبهة النصرة: the speaker's side
    affiliation_heads: frozenset[str]  # تابعة لـ: the actor after it is the speaker's side
    size: int

    def match(self, keys: Sequence[str | None], i: int, tokens: Sequence[Token] = ()) -> tuple[int, Cue, bool] | None:
        """The longest cue starting at token ``i``: (end token, cue, whether the cue takes the ل of
        the next word: وفقاً لمصدر). A conjunction the tokenizer left on the word (واضافت) is tried
        off as well."""
        first = keys[i] or ""
        for key in (first, first[1:] if len(first) > 3 and first[0] in CONJUNCTIONS else None):
            if not key:
                continue
            for seq, cue in self.cues.candidates(key):
                if seq[-1] == PREP_LI and len(seq) > 1 and tuple(keys[i + 1:i + len(seq)]) != seq[1:]:
                    end = i + len(seq) - 1
                    if (key,) + tuple(keys[i + 1:end]) == seq[:-1] and end < len(tokens) \
                            and any(p.form == PREP_LI for p in tokens[end].proclitics):
                        return end, cue, True
                    continue
                end = i + len(seq)
                if (key,) + tuple(keys[i + 1:end]) == seq:
                    return end, cue, False
        return None


def build_claim_lexicon(raw: dict, tokenizer: Tokenizer) -> ClaimLexicon:
    """Index the cue data by the stem keys the tokenizer gives its forms."""
    phrases: list[tuple[str, Cue]] = []
    for entry in raw["cues"]:
        cue = Cue(lemma=entry["forms"][0], family=entry["family"], stance=entry["stance"],
                  modality=entry["modality"], kind=entry["kind"],
                  needs_content_marker=entry.get("needs_content_marker", False),
                  openers=tuple(fold(w) for w in entry.get("openers", ())))
        phrases.extend((form, cue) for form in entry["forms"])
    heads = raw["source_heads"]

    def keyset(words) -> frozenset[str]:
        return first_keys(words, tokenizer)

    def folded(name: str) -> frozenset[str]:
        """An optional word list of the data, in matching form."""
        return frozenset(fold(w) for w in raw.get(name, ()))

    return ClaimLexicon(
        cues=PhraseIndex.build(phrases, tokenizer),
        anonymous_heads=keyset(heads["anonymous"]),
        outlet_heads=keyset(heads["outlet"]),
        named_words=keyset(raw["named_source_words"]),
        complementizers=frozenset(fold(w) for w in raw["complementizers"]),
        object_openers=keyset(raw["object_openers"]),
        soft_stops=keyset(raw["source_stops"]),
        back_references=keyset(raw["continuation_words"]),
        time_words=keyset(raw["time_words"]),
        negations=frozenset(fold(w) for w in raw["negations"]),
        negated_complementizers=frozenset(fold(w) for w in raw.get("negated_complementizers", ())),
        subject_particles=frozenset(fold(w) for w in raw.get("subject_particles", ())),
        pronoun_subjects=frozenset(fold(w) for w in raw.get("pronoun_subjects", ())),
        attribution_fillers=tuple(sorted((phrase_keys(w, tokenizer) for w in raw.get("attribution_fillers", ())),
                                         key=len, reverse=True)),
        verb_frame_words=folded("verb_frame_words"),
        phrase_prepositions=folded("phrase_prepositions"),
        perfect_auxiliaries=folded("perfect_auxiliaries"),
        question_particles=folded("question_particles"),
        adjective_endings=tuple(fold(w) for w in raw.get("adjective_endings", ())),
        speaker_links=folded("speaker_links"),
        linking_stops=folded("linking_stops"),
        name_links=folded("name_links"),
        affiliation_links=folded("affiliation_links"),
        affiliation_heads=folded("affiliation_heads"),
        size=len(raw["cues"]),
    )


@lru_cache(maxsize=4)
def default_claim_lexicon(tokenizer: Tokenizer) -> ClaimLexicon:
    return build_claim_lexicon(read_json("claims.json"), tokenizer)


@dataclass
class ClaimDraft:
    """A claim while it is built; token ranges are half-open indices into the article's tokens."""

    cue: Cue
    cue_tokens: tuple[int, int]
    sentence: int
    stance: Stance | None = None  # when it differs from the cue's (لم يستبعد)
    cue_end: int | None = None  # character end when the cue takes the next word's ل (وفقاً لـ)
    source_tokens: tuple[int, int] | None = None
    source_from: ClaimDraft | None = None  # the earlier claim whose speaker this one keeps
    content: tuple[int, int] = (0, 0)  # character offsets
    parent: ClaimDraft | None = None
    also: list[tuple[int, int]] = field(default_factory=list)  # more cues of the same claim (character offsets)
    reasons: list[str] = field(default_factory=list)
    id: str = ""

    @property
    def speaker(self) -> ClaimDraft:
        """The claim that names this claim's speaker (itself unless the speaker is inherited)."""
        seen = self
        while seen.source_tokens is None and seen.source_from is not None:
            seen = seen.source_from
        return seen


@dataclass(frozen=True)
class _Mentions:
    """Which entity each token belongs to."""

    by_token: dict[int, tuple[str, str]]  # token index -> (entity id, kind)
    affiliation: dict[str, str | None]  # person entity id -> actor entity id

    @classmethod
    def of(cls, doc: ArticleDoc) -> _Mentions:
        return cls(doc.entities.by_token, {e.id: e.affiliation for e in doc.entities if e.kind == "person"})

    def in_range(self, a: int, b: int) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for k in range(a, b):
            hit = self.by_token.get(k)
            if hit and hit not in out:
                out.append(hit)
        return out


@dataclass(frozen=True)
class _View:
    """One article as the claim finder reads it."""

    text: str
    tokens: Sequence[Token]
    keys: Sequence[str | None]
    mentions: _Mentions
    opening_quotes: frozenset[int]  # offsets of quotation marks that open a quotation
    quote_ends: dict[int, int]  # opening mark offset -> offset of its closing mark
    countries: frozenset[str]  # entity ids of countries
    takes_l: dict[int, int] = field(default_factory=dict)  # cue token -> the word whose ل ends the cue


class ClaimFinder:
    """Finds the claims of one article; the lexicon is a service passed in."""

    def __init__(self, lexicon: ClaimLexicon, plain_words: frozenset[str] = frozenset()):
        self.lex = lexicon
        self.plain_words = plain_words  # common words: an unknown speaker head must not be one

    # --- token predicates -------------------------------------------------------------------
    def _is_comp(self, tok: Token) -> bool:
        surface = fold(tok.text)
        return tok.kind == "word" and (surface in self.lex.complementizers
                                       or (surface.startswith(CONJ_WA) and surface[1:] in self.lex.complementizers))

    @staticmethod
    def _is_quote(tok: Token) -> bool:
        return tok.kind == "punct" and tok.text in QUOTE_TOKENS

    @staticmethod
    def _is_clause_end(tok: Token) -> bool:
        return tok.kind == "punct" and tok.text in CLAUSE_PUNCT

    @staticmethod
    def _has_proclitic(tok: Token, form: str) -> bool:
        return any(s.form == form for s in tok.proclitics)

    def _quoted_name_end(self, v: _View, m: int, b: int) -> int | None:
        """After a short quoted name that goes on (مراسل “النصرة” قال، هدده “داعش” أكد): the token
        after its closing mark; None when the quotation at ``m`` is speech."""
        close = next((n for n in range(m + 1, min(b, m + 5)) if self._is_quote(v.tokens[n])), None)
        if close is None or close == m + 1:
            return None
        return close + 1

    # --- the stage ----------------------------------------------------------------------------
    def find(self, doc: ArticleDoc) -> list[ClaimDraft]:
        """Every claim of the document's body, in text order, with parents and inherited speakers set."""
        text, tokens, entities = doc.text, doc.tokens, list(doc.entities)
        found_quotes = quotes(text)
        view = _View(text, tokens, doc.keys, _Mentions.of(doc),
                     frozenset(q.start for q in found_quotes if q.opened),
                     {q.start: q.inner_end for q in found_quotes if q.opened and q.closed},
                     frozenset(e.id for e in entities if e.kind == "place" and e.kind_detail == "country"))
        drafts: list[ClaimDraft] = []
        for si, (sent, a, b) in enumerate(doc.body_tokens()):
            drafts.extend(self._sentence(view, a, b, si, sent.end, drafts))
        self._link_attributions(drafts)
        self._nest(drafts)
        for n, d in enumerate(drafts, 1):
            d.id = f"c{n}"
            host = view.takes_l.get(d.cue_tokens[0])
            if host is not None and host == d.cue_tokens[1]:
                lam = next((s for s in tokens[host].proclitics if s.form == PREP_LI), None)
                d.cue_end = lam.end if lam is not None else None
        return drafts

    def _cues(self, v: _View, a: int, b: int) -> list[tuple[int, int, Cue]]:
        keys, tokens = v.keys, v.tokens
        out: list[tuple[int, int, Cue]] = []
        i = a
        while i < b:
            hit = self.lex.match(keys, i, tokens) if keys[i] else None
            if hit and hit[1].kind in ("verb", "continuation") and tokens[i].kind == "word" and any(
                    p.form in NOUN_PROCLITICS for p in tokens[i].proclitics):
                hit = None  # a verb form with the article or a preposition is a noun: جدير بالذكر، الدولة المضيفة
            if hit and hit[0] <= b:
                out.append((i, hit[0], hit[1]))
                if hit[2]:
                    v.takes_l[i] = hit[0]
                i = hit[0]
            else:
                i += 1
        return out

    def _sentence(self, v: _View, a: int, b: int, si: int, sent_end: int,
                  earlier: list[ClaimDraft]) -> list[ClaimDraft]:
        cues = self._cues(v, a, b)
        strong = frozenset(c[0] for c in cues if not c[2].needs_content_marker)
        has_verb = any(c.kind == "verb" for _, _, c in cues)
        out: list[ClaimDraft] = []
        consumed: set[int] = set()
        for ci, cj, cue in cues:
            if ci in consumed:
                continue
            if cue.kind == "noun" and has_verb:
                continue  # في تصريح لـ … beside a verb names the addressee, not a new claim
            if cue.kind in ("attribution", "noun"):
                draft = self._attribution(v, a, b, ci, cj, cue, si, sent_end, strong, out)
            else:
                draft = self._verbal(v, a, b, ci, cj, cue, si, sent_end, strong, earlier + out)
            if draft is None:
                continue
            if draft.source_tokens:
                consumed.update(range(*draft.source_tokens))
            consumed.update(range(*draft.cue_tokens))
            out.append(draft)
        return out

    # --- verbs and continuations --------------------------------------------------------------
    def _verbal(self, v: _View, a: int, b: int, ci: int, cj: int, cue: Cue, si: int, sent_end: int,
                strong: frozenset[int], before: list[ClaimDraft]) -> ClaimDraft | None:
        draft = ClaimDraft(cue=cue, cue_tokens=(ci, cj), sentence=si)
        draft.reasons.append(f"cue {v.tokens[ci].text!r}: {cue.family} ({cue.stance}, {cue.kind})")
        prev_word = fold(v.tokens[ci - 1].text) if ci > a else ""
        negated = prev_word in self.lex.negations or (prev_word[:1] in CONJUNCTIONS and prev_word[1:] in self.lex.negations)
        if cue.stance != "deny" and cue.kind == "verb" and (
                negated or prev_word in self.lex.question_particles or self._has_proclitic(v.tokens[ci], FUTURE_SA)):
            return None  # لم تعلن أية جهة، هل سيعلن: no statement was made
        if cue.stance == "deny" and negated:
            draft.stance = "assert"
            draft.reasons.append(f"stance assert: {v.tokens[ci - 1].text} negates the denial")
        k = self._skip_addressee(v, cj, b)
        while k < b and (v.keys[k] or "") in self.lex.time_words:
            k += 1  # قال أمس، أعلنت اليوم
        k = self._skip_addressee(v, k, b)
        stop, reason = k, "end"
        pronoun = ci > a and fold(v.tokens[ci - 1].text) in self.lex.pronoun_subjects
        if k < b:
            reason = self._boundary_kind(v, k, b, cue, strong)
            if cue.kind == "verb" and reason in ("object", "name") and not pronoun:
                stop, reason = self._source_end(v, k, b, cue, strong)
                if reason == "comma":
                    stop, reason = stop + 1, self._boundary_kind(v, stop + 1, b, cue, strong)
                    source_end = stop - 1
                else:
                    source_end = stop
                if source_end > k and self._plausible_speaker(v, k, source_end, reason):
                    draft.source_tokens = (k, source_end)
                    draft.reasons.append("speaker after the cue")
                    if reason in ("object", "opener"):
                        n = stop
                        while n < b and ((v.keys[n] or "") in self.lex.time_words or (v.keys[n] or "") in self.lex.verb_frame_words):
                            n += 1  # قالت تركيا يوم الثلاثاء إنها …
                        if n > stop and n < b and self._boundary_kind(v, n, b, cue, strong) in ("complementizer", "colon", "quote"):
                            stop, reason = n, self._boundary_kind(v, n, b, cue, strong)
                    if reason in ("cue", "addressee"):
                        stop, reason = self._past_statement(v, stop, b, cue, strong)
                else:
                    stop, reason = k, self._boundary_kind(v, k, b, cue, strong)
        if cue.needs_content_marker and reason not in ("complementizer", "colon", "quote", "opener"):
            return None
        if draft.source_tokens is None and cue.kind == "verb":
            subject = self._subject_before(v, a, ci)
            if subject:
                draft.source_tokens = subject
                draft.reasons.append("speaker before the cue")
                if reason == "object":  # عبد اللطيف قال لجنوده … بعد تصريحات ساندرز أن …: the speech starts at أن
                    ahead = next((n for n in range(stop, min(b, stop + 5))
                                  if self._boundary_kind(v, n, b, cue, strong) in ("complementizer", "colon", "cue")), None)
                    if ahead is not None and self._boundary_kind(v, ahead, b, cue, strong) != "cue":
                        stop, reason = ahead, self._boundary_kind(v, ahead, b, cue, strong)
        if draft.source_tokens is None:
            if cue.kind != "continuation" and any(d.content[0] <= v.tokens[ci].start < d.content[1] for d in before):
                return None  # a speech word inside reported speech with no speaker of its own
            prev = self._last_speaker(before, si)
            if prev is None and cue.kind == "continuation":
                return None
            draft.source_from = prev
            if prev is not None:
                draft.reasons.append(f"no speaker named: keeps the speaker of the claim at {v.tokens[prev.cue_tokens[0]].text!r}")
        content = self._content(v, stop, b, sent_end, reason)
        if content is None:
            return None
        draft.content = content
        draft.reasons.append(f"content after the {reason}")
        return draft

    def _skip_addressee(self, v: _View, k: int, b: int) -> int:
        """Skip ل-phrases after a verb (قال لجنوده ولأهل المنطقة، صرح لـ“عنب بلدي”)."""
        tokens = v.tokens
        while k < b and tokens[k].kind == "word" and self._has_proclitic(tokens[k], PREP_LI):
            k += 1
            if k < b and self._is_quote(tokens[k]):
                after = self._quoted_name_end(v, k, b)
                k = after if after is not None else k
            elif k < b and tokens[k].kind == "word" and not tokens[k - 1].has_article and not self._is_comp(tokens[k]) \
                    and not self._has_proclitic(tokens[k], CONJ_WA) and (v.keys[k] or "") not in self.lex.anonymous_heads \
                    and self.lex.match(v.keys, k, v.tokens) is None:
                k += 1  # the genitive of the addressee: لأهل المنطقة
        return k

    def _past_statement(self, v: _View, m: int, b: int, cue: Cue, strong: frozenset[int]) -> tuple[int, str]:
        """After a speaker, skip a statement noun or an attribution (في تصريح لقناة …، نقلا عن مصدر)
        to the speech that follows it."""
        hit = self.lex.match(v.keys, m, v.tokens)
        if hit is not None and hit[1].kind not in ("noun", "attribution"):
            return m, "cue"
        first = hit[0] if hit is not None else m + 1
        for n in range(first, min(b, first + MAX_SOURCE_TOKENS)):
            kind = self._boundary_kind(v, n, b, cue, strong)
            if kind in ("complementizer", "colon", "quote"):
                return n, kind
            if kind == "name":
                continue
            if kind == "punctuation" and n + 1 < b and self._boundary_kind(v, n + 1, b, cue, strong) in (
                    "complementizer", "colon", "quote", "cue"):
                continue
            if kind in ("cue", "punctuation") and n > first:
                break
        return m, "cue" if hit is not None else "addressee"

    def _boundary_kind(self, v: _View, k: int, b: int, cue: Cue, strong: frozenset[int]) -> str:
        tok = v.tokens[k]
        if self._is_comp(tok):
            return "complementizer"
        if tok.text == ":":
            return "colon"
        if self._is_quote(tok):
            if tok.start not in v.opening_quotes:
                return "punctuation"
            return "quote" if self._quoted_name_end(v, k, b) is None else "name"
        if k in strong:
            return "cue"
        if self._is_opener(tok, v.keys[k], cue):
            return "opener"
        if self._is_clause_end(tok):
            return "punctuation"
        return "object"

    def _is_opener(self, tok: Token, key: str | None, cue: Cue) -> bool:
        if cue.openers:
            if key in cue.openers or fold(tok.text) in cue.openers:
                return True
            if any(len(o) == 1 and self._has_proclitic(tok, o) for o in cue.openers):
                return True
        if tok.kind != "word" or any(s.form in PREPOSITIONS for s in tok.proclitics):
            return False
        return (key or "") in self.lex.object_openers and not cue.needs_content_marker

    def _source_end(self, v: _View, k: int, b: int, cue: Cue, strong: frozenset[int]) -> tuple[int, str]:
        """Where the speaker phrase that starts at ``k`` ends, and what ends it."""
        tokens, keys, mentions = v.tokens, v.keys, v.mentions
        limit = min(b, k + MAX_SOURCE_TOKENS)
        soft: int | None = None
        m = k
        while m < limit:
            tok = tokens[m]
            kind = self._boundary_kind(v, m, b, cue, strong)
            if kind == "name":
                m = self._quoted_name_end(v, m, b) or m + 1
                continue
            if kind in ("complementizer", "colon", "quote", "cue"):
                return self._trim_frame(keys, k, m), kind
            if kind == "punctuation":
                if m > k and m + 1 < b and tok.text in COMMAS and self._boundary_kind(v, m + 1, b, cue, strong) in (
                        "complementizer", "colon", "quote", "cue"):
                    return self._trim_frame(keys, k, m), "comma"  # أكد العاهل الأردني …، أن
                if m > k and tok.text in COMMAS and self._speech_ahead(v, m + 1, limit, cue, strong):
                    m += 1  # قال العقيد جون دوريان، المتحدث باسم التحالف، في تصريح … إن
                    continue
                break
            if m > k and kind == "opener" and m not in mentions.by_token:
                if cue.family == "allege":
                    return self._noun_phrase_end(v, k, m), "object"  # اتهم X الحكومةَ بقصف: the accused opens the content
                return self._trim_frame(keys, k, m), "opener"
            if m > k and cue.family == "allege" and (m in mentions.by_token) and mentions.by_token.get(m - 1) != \
                    mentions.by_token.get(m) and (mentions.by_token[m][1] == "actor" or mentions.by_token[m][0] in v.countries) \
                    and not any(p.form in (PREP_LI, PREP_BI, CONJ_WA) for p in tok.proclitics) \
                    and fold(tokens[m - 1].text) not in self.lex.speaker_links:
                return m, "object"  # اتهم أيزنكوت إيران بـ …
            if m > k + 1 and self._second_name(v, k, m):
                return m, "object"  # اتهم وزير الخارجية سيرغي لافروف أميركا بـ …: the accused follows
            if m > k and tok.kind == "word" and self._has_proclitic(tok, PREP_LI) and not tok.has_article \
                    and ((keys[m] or "") in self.lex.outlet_heads or (m + 1 < b and self._is_quote(tokens[m + 1]))):
                return m, "addressee"  # قال مصدر لوكالة …
            if soft is None and m > k and (keys[m] or "") in self.lex.soft_stops \
                    and not (m + 1 < b and (m + 1) in mentions.by_token and fold(tok.text) in self.lex.linking_stops):
                soft = m
            m += 1
        end = soft if soft is not None else self._noun_phrase_end(v, k, m)
        return self._trim_frame(keys, k, end), "object"

    def _noun_phrase_end(self, v: _View, k: int, m: int) -> int:
        """The end of a bare speaker phrase when no word marks where the content starts: its head,
        adjectives (nisba or with the article like the head), a quoted name, an entity it names."""
        tokens = v.tokens
        n = k
        while n < m and self._is_quote(tokens[n]):
            n += 1
        head_entity = v.mentions.by_token.get(n)
        n += 1
        while n < m:
            tok = tokens[n]
            if self._is_quote(tok):
                after = self._quoted_name_end(v, n, m + 1)
                n = after if after is not None else n + 1
                continue
            same_entity = head_entity is not None and v.mentions.by_token.get(n) == head_entity
            if tok.kind == "word" and self._has_proclitic(tok, CONJ_WA) and v.mentions.by_token.get(n, ("", ""))[1] in (
                    "person", "actor"):
                head_entity = v.mentions.by_token.get(n)  # ترامب وبوتين
                n += 1
                continue
            adjective = tok.kind == "word" and not tok.proclitics[:1] and (
                fold(tok.stem.text).endswith(self.lex.adjective_endings) or (tok.has_article and tokens[k].has_article))
            if same_entity or adjective:
                n += 1
                continue
            break
        return n

    def _speech_ahead(self, v: _View, m: int, limit: int, cue: Cue, strong: frozenset[int]) -> bool:
        """Speech (أن، :، “) or a statement noun comes before ``limit`` and before any other verb cue:
        the comma at ``m - 1`` only sets off an apposition of the speaker."""
        for n in range(m, limit):
            hit = self.lex.match(v.keys, n, v.tokens)
            if hit is not None:
                return hit[1].kind in ("noun", "attribution")
            if self._is_comp(v.tokens[n]) or v.tokens[n].text == ":":
                return True
        return False

    def _second_name(self, v: _View, k: int, m: int) -> bool:
        """Token ``m`` starts a name unlinked to the speaker phrase ``k..m`` that already names one."""
        here = v.mentions.by_token.get(m)
        if here is None or here[1] == "person" or (here[1] == "place" and not self._is_country(v, here[0])):
            return False
        if v.mentions.by_token.get(m - 1) == here:
            return False  # the same name goes on
        prev = v.tokens[m - 1]
        if prev.kind != "word" or self._is_quote(prev) or fold(prev.text) in self.lex.name_links \
                or v.tokens[m].proclitics:
            return False
        named = [h for h in v.mentions.in_range(k, m) if h[1] in ("person", "actor")]
        return bool(named) or (v.keys[k] or "") in self.lex.named_words

    @staticmethod
    def _is_country(v: _View, entity: str) -> bool:
        return entity in v.countries

    def _plausible_speaker(self, v: _View, s: int, e: int, reason: str) -> bool:
        """A speaker phrase starts with a speaker word or a named entity; an unknown head is accepted
        only when short and followed by speech (قال فلان إن …)."""
        while s < e and self._is_quote(v.tokens[s]):
            s += 1
        if s >= e:
            return False
        head = v.keys[s] or ""
        if head in self.lex.anonymous_heads or head in self.lex.outlet_heads or head in self.lex.named_words:
            return True
        hit = v.mentions.by_token.get(s)
        if hit and hit[1] in ("person", "actor", "place"):
            return True  # a place as a speaker is its government: نفت روسيا
        if fold(v.tokens[s].text) not in self.lex.phrase_prepositions and any(
                kind == "person" for _, kind in v.mentions.in_range(s, min(e, s + 4))):
            return True  # قال اللفتنانت جنرال جادي أيزنكوت: titles no list holds before a name
        tok = v.tokens[s]
        if fold(tok.text) in self.lex.phrase_prepositions:
            return False  # قال للصحافيين بعد تصريحات ساندرز: a time phrase, not the speaker
        if tok.kind == "word" and not tok.proclitics and not tok.enclitics and e - s <= 3 \
                and fold(tok.text) not in self.plain_words \
                and reason in ("object", "opener", "complementizer", "colon", "quote", "cue", "addressee"):
            return True  # a name no list knows: تساءل خاشقجي
        if tok.kind != "word" or any(p.form in PREPOSITIONS for p in tok.proclitics) \
                or fold(tok.text) in self.lex.verb_frame_words:
            return False
        return reason in ("complementizer", "colon", "quote", "cue", "addressee") and e - s <= 4

    def _trim_frame(self, keys, k: int, m: int) -> int:
        """Drop the verb's own preposition and time words before the content (أشار المصدر إلى أن،
        أعلنت الهيئة مساء اليوم الأربعاء أن)."""
        while m > k + 1 and ((keys[m - 1] or "") in self.lex.verb_frame_words or (keys[m - 1] or "") in self.lex.time_words):
            m -= 1
        return m

    def _subject_before(self, v: _View, a: int, ci: int) -> tuple[int, int] | None:
        """A speaker named before its verb: عبد اللطيف قال، وكان المصدر قد أكد، تقارير تفيد. The
        nearest plausible start wins; a start inside a name moves to the name's first word."""
        tokens, keys, mentions = v.tokens, v.keys, v.mentions
        end = ci
        while end > a and ((keys[end - 1] or "") in self.lex.perfect_auxiliaries or tokens[end - 1].text in COMMAS):
            end -= 1
        lowest = end
        while lowest > a and end - lowest < MAX_SUBJECT_TOKENS:
            tok = tokens[lowest - 1]
            if (tok.kind == "punct" and not self._is_quote(tok)) or self._is_comp(tok):
                break
            lowest -= 1
        for start in range(max(lowest, end - 4), end):  # the longest speaker phrase first
            hit = mentions.by_token.get(start)
            if hit is not None:
                while start > lowest and mentions.by_token.get(start - 1) == hit:
                    start -= 1
            first = start
            while first < end and (self._is_quote(tokens[first]) or (keys[first] or "") in self.lex.perfect_auxiliaries
                                   or fold(tokens[first].text) in self.lex.subject_particles):
                first += 1
            if first >= end:
                continue
            head = keys[first] or ""
            lead = mentions.by_token.get(first)
            if any(p.form in PREPOSITIONS for p in tokens[first].proclitics):
                continue  # وسائل إعلام تابعة للتنظيم نشرت: التنظيم is not the speaker
            last = end
            while last > first + 1 and self._is_quote(tokens[last - 1]):
                last -= 1  # بشار الأسد “أعلن
            if lead is not None and (lead[1] in ("person", "actor") or lead[0] in v.countries) \
                    and mentions.by_token.get(last - 1) == lead:
                return first, last  # the name ends right before the verb
            if (head in self.lex.anonymous_heads or head in self.lex.outlet_heads or head in self.lex.named_words) \
                    and end - first <= 4:
                return first, end
        return None

    @staticmethod
    def _last_speaker(before: list[ClaimDraft], si: int) -> ClaimDraft | None:
        """The speaker a cue with none of its own goes on with: the last speaking verb's, not an
        outlet named by an attribution on the way (وقال بن سلمان لرويترز … وأضاف)."""
        recent = [d for d in reversed(before) if si - d.sentence <= CONTINUATION_SENTENCES
                  and (d.source_tokens is not None or d.source_from is not None)]
        return next((d for d in recent if d.cue.kind in ("verb", "continuation")), recent[0] if recent else None)

    def _content(self, v: _View, k: int, b: int, sent_end: int, reason: str) -> tuple[int, int] | None:
        """Character span of the reported content that starts at token ``k``."""
        tokens = v.tokens
        if k >= b:
            return None
        if reason == "colon" or (reason == "complementizer" and fold(tokens[k].text) not in self.lex.negated_complementizers):
            k += 1
        while k < b and tokens[k].kind == "punct" and not (self._is_quote(tokens[k]) and tokens[k].start in v.opening_quotes):
            k += 1
        if k >= b:
            return None
        end = sent_end
        for n in range(k + 1, b - 1):
            nxt = self.lex.match(v.keys, n + 1, v.tokens)
            if self._is_clause_end(tokens[n]) and nxt is not None and not nxt[1].needs_content_marker:
                end = tokens[n].start  # …، وأضاف / …، مشيراً: the next speech act starts
                break
            here = self.lex.match(v.keys, n, v.tokens)
            if here is not None and here[1].kind == "verb" and not here[1].needs_content_marker \
                    and self._has_proclitic(tokens[n], CONJ_WA) and n + 1 < b and tokens[n + 1].kind == "word" \
                    and not self._is_comp(tokens[n + 1]):
                end = tokens[n].start  # … وقال الرئيس الإيراني: a new report, where the text lacks a full stop
                break
        if self._is_quote(tokens[k]):
            close = v.quote_ends.get(tokens[k].start)
            k += 1
            if close is not None and k < b and close > tokens[k].start:
                end = close  # a quotation ends at its closing mark, also past a full stop inside it
        if k >= b:
            return None
        start = tokens[k].start
        end = _strip_end(v.text, start, end)
        return (start, end) if end > start else None

    # --- attributions -------------------------------------------------------------------------
    def _attribution(self, v: _View, a: int, b: int, ci: int, cj: int, cue: Cue, si: int, sent_end: int,
                     strong: frozenset[int], same_sentence: list[ClaimDraft]) -> ClaimDraft | None:
        tokens, keys, text = v.tokens, v.keys, v.text
        draft = ClaimDraft(cue=cue, cue_tokens=(ci, cj), sentence=si)
        draft.reasons.append(f"cue {text[tokens[ci].start:tokens[cj - 1].end]!r}: {cue.family} ({cue.kind})")
        k = cj
        verb = self.lex.match(keys, k, tokens) if k < b else None
        if verb is not None and verb[1].kind == "verb":  # بحسب ما أفاد المرصد
            k = verb[0]
            draft.cue_tokens = (ci, verb[0])
        for filler in self.lex.attribution_fillers:  # وفق ما جاء في بيان صادر عن البرنامج
            if tuple(keys[k:k + len(filler)]) == filler:
                k += len(filler)
                break
        statement = self.lex.match(keys, k, tokens) if k < b else None
        if statement is not None and statement[1].kind == "noun":
            k = statement[0]
        m = k
        while m < b and m - k < MAX_SOURCE_TOKENS:
            kind = self._boundary_kind(v, m, b, cue, strong)
            if kind == "name":
                m = self._quoted_name_end(v, m, b) or m + 1
                continue
            if kind in ("complementizer", "colon", "quote", "punctuation") or (kind == "cue" and m > k):
                break
            m += 1
        if m == k or not self._plausible_speaker(v, k, m, "colon"):
            return None
        draft.source_tokens = (k, m)
        speech_kinds = ("complementizer", "colon", "quote")
        if m + 1 < b and tokens[m].text in COMMAS and self._boundary_kind(v, m + 1, b, cue, strong) in speech_kinds:
            m_speech = m + 1  # بحسب الوكالة، إن …
        else:
            m_speech = m
        speech_after = m_speech < b and self._boundary_kind(v, m_speech, b, cue, strong) in speech_kinds
        opens_clause = ci > a and tokens[ci - 1].kind == "punct" and tokens[ci - 1].text in ":\"“”«" \
            and m < b and tokens[m].text in COMMAS and m + 1 < b and tokens[m + 1].kind == "word"
        if all(t.kind == "punct" for t in tokens[a:ci]) or speech_after or opens_clause:
            if opens_clause and not speech_after:
                m_speech = m + 1  # : “حسب معلومات …، كان زعيم …”: the speech goes on after the comma
            kind = self._boundary_kind(v, m_speech, b, cue, strong) if m_speech < b else "punctuation"
            content = self._content(v, m_speech, b, sent_end, kind if kind in ("complementizer", "colon") else "punctuation")
            draft.reasons.append("attribution before the speech: content after the speaker")
        else:
            start = a
            while start < ci and tokens[start].kind == "punct" and not self._is_quote(tokens[start]):
                start += 1
            content_start = tokens[start].start
            content_end = _strip_end(text, content_start, tokens[ci].start)
            if m < b - 1 and tokens[m].text in COMMAS and ci > a and tokens[ci - 1].text in COMMAS:
                content_end = _strip_end(text, content_start, sent_end)  # وشهدت الرقة، بحسب المرصد، …
                draft.reasons.append("attribution between commas: the whole sentence is its content")
            content = (content_start, content_end) if content_end > content_start else None
            draft.reasons.append("postposed attribution: content before the cue")
            if content is not None:
                inner = [d for d in same_sentence if content[0] <= tokens[d.cue_tokens[0]].start < content[1]]
                for d in inner:
                    d.content = (d.content[0], min(d.content[1], content[1]))
                if inner and self._same_speaker(v, inner[-1], draft):
                    target = inner[-1]
                    target.also.append((tokens[ci].start, tokens[draft.cue_tokens[1] - 1].end))
                    target.reasons.append(f"repeated by the postposed attribution {tokens[ci].text!r}")
                    return None
                for d in inner:
                    d.parent = draft
        if content is None:
            return None
        draft.content = content
        return draft

    def _same_speaker(self, v: _View, a: ClaimDraft, b: ClaimDraft) -> bool:
        """Two speaker phrases name the same speaker: a shared head word or a shared entity."""
        sa, sb = a.speaker.source_tokens, b.speaker.source_tokens
        if sa is None or sb is None:
            return sa is None
        if v.keys[sa[0]] == v.keys[sb[0]]:
            return True
        ea = {e for e, _ in v.mentions.in_range(*sa)}
        return bool(ea & {e for e, _ in v.mentions.in_range(*sb)})

    # --- nesting --------------------------------------------------------------------------------
    @staticmethod
    def _link_attributions(drafts: list[ClaimDraft]) -> None:
        """An attribution between a verb's speaker and its speech tells the same content through
        another voice: نقلاً عن Y names the verb's own source (Y's claim is reported by the verb's),
        بحسب Z names who reports the speaker (the verb's claim is reported by Z's)."""
        for d in drafts:
            if d.cue.kind != "attribution" or d.parent is not None:
                continue
            verb = next((o for o in drafts if o is not d and o.cue.kind == "verb" and o.content == d.content
                         and o.sentence == d.sentence and o.cue_tokens[0] < d.cue_tokens[0]), None)
            if verb is None:
                continue
            if d.cue.family == "report":
                d.parent = verb
                d.reasons.append(f"quoted by the claim at cue token {verb.cue_tokens[0]}")
            elif verb.parent is None:
                verb.parent = d
                verb.reasons.append(f"reported through the attribution at cue token {d.cue_tokens[0]}")

    @staticmethod
    def _nest(drafts: list[ClaimDraft]) -> None:
        """A claim whose cue lies inside another claim's content is reported by it."""
        for d in drafts:
            if d.parent is not None:
                continue
            holders = [o for o in drafts if o is not d and o.content[0] <= d.content[0] < o.content[1]
                       and d.content[1] <= o.content[1]
                       and (o.content[1] - o.content[0]) > (d.content[1] - d.content[0])
                       and _cue_inside(d, o)]
            if holders:
                d.parent = min(holders, key=lambda o: o.content[1] - o.content[0])


def _cue_inside(inner: ClaimDraft, outer: ClaimDraft) -> bool:
    return inner.sentence >= outer.sentence and inner.cue_tokens[0] > outer.cue_tokens[0] \
        and inner.content[0] >= outer.content[0]


def _strip_end(text: str, start: int, end: int) -> int:
    """Drop trailing spaces, punctuation and quotation marks from a span."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in SPAN_END_PUNCT + "".join(QUOTE_TOKENS)):
        end -= 1
    return end


def claim_records(doc: ArticleDoc, drafts: Sequence[ClaimDraft], lexicon: ClaimLexicon) -> list[Claim]:
    """Contract records for the drafts: source spans, anonymity, speaker and affiliation entities."""
    text, tokens = doc.text, doc.tokens
    mentions = _Mentions.of(doc)
    out: list[Claim] = []
    heads: list[tuple[str | None, bool, frozenset[str]]] = []  # per claim: head word, definite, words
    for d in drafts:
        a, b = d.cue_tokens
        start = tokens[a].stem.start if tokens[a].kind == "word" else tokens[a].start
        end = d.cue_end or tokens[b - 1].end
        cue = Span(start=start, end=end, text=text[start:end])
        speaker = d.speaker
        source = ClaimSource()
        if speaker.source_tokens is not None:
            s, e = speaker.source_tokens
            start = name_start(tokens[s])
            end = _strip_end(text, start, tokens[e - 1].end)
            named = mentions.in_range(s, e)
            person = next((eid for eid, kind in named if kind == "person"), None)
            lead = mentions.by_token.get(s)
            speaker_entity = person or (lead[0] if lead and lead[1] == "actor" else None)
            actors = [eid for eid in _affiliations(tokens, mentions, s, e, lexicon) if eid != speaker_entity]
            affiliation = mentions.affiliation.get(person) if person else None
            source = ClaimSource(start=start, end=end, text=text[start:end], entity=speaker_entity,
                                 anonymous=speaker_entity is None and _anonymous_head(tokens, s, e, lexicon),
                                 affiliation=affiliation or (actors[0] if actors else None))
            if speaker is d:
                definite = tokens[s].has_article or fold(tokens[s].text).startswith(ARTICLE)
                antecedent = _antecedent(_head_key(tokens[s]), definite, keys_in(tokens, s, e), out, heads)
                if antecedent is not None:
                    source.refers_to = antecedent.source.refers_to or antecedent.id
                    source.anonymous = source.anonymous or antecedent.source.anonymous
            else:
                said = next((c for c in out if c.id == speaker.id), None)
                source.refers_to = said.source.refers_to if said else None
            heads.append((_head_key(tokens[s]), tokens[s].has_article, keys_in(tokens, s, e)))
        else:
            heads.append((None, False, frozenset()))
        content = Span(start=d.content[0], end=d.content[1], text=text[d.content[0]:d.content[1]])
        out.append(Claim(id=d.id, cue=cue, stance=d.stance or d.cue.stance, source=source, content=content,
                         parent=d.parent.id if d.parent else None))
    _share_affiliations(out)
    return out


def _share_affiliations(claims: list[Claim]) -> None:
    """One speaker named several times has one side: المصدر الذي هو من جبهة النصرة tells the side
    of the مصدر عسكري it names again."""
    groups: dict[str, list[Claim]] = {}
    for c in claims:
        if c.source.text is not None:
            groups.setdefault(c.source.refers_to or c.id, []).append(c)
    for members in groups.values():
        side = next((c.source.affiliation for c in members if c.source.affiliation), None)
        for c in members:
            c.source.affiliation = c.source.affiliation or side


def _head_key(tok: Token) -> str:
    key = fold(tok.stem.text) if tok.kind == "word" else ""
    return key[len(ARTICLE):] if key.startswith(ARTICLE) and len(key) > 4 else key


def keys_in(tokens: Sequence[Token], s: int, e: int) -> frozenset[str]:
    """The content words of a speaker phrase after its head."""
    return frozenset(_head_key(t) for t in tokens[s + 1:e] if t.kind == "word" and len(t.stem.text) > 2)


def _antecedent(head: str, definite: bool, words: frozenset[str], earlier: list[Claim],
                heads: list[tuple[str | None, bool, frozenset[str]]]) -> Claim | None:
    """The earlier claim whose speaker this phrase names again: a definite head (المصدر after مصدر
    عسكري) or the same head with a shared word (مراسل حلب after مراسل جبهة النصرة في حلب)."""
    if not head:
        return None
    for claim, (other, other_definite, other_words) in zip(reversed(earlier), reversed(heads)):
        if other != head:
            continue
        if (definite and not other_definite) or (words and words & other_words) or claim.source.refers_to:
            return claim
    return None


def _affiliations(tokens: Sequence[Token], mentions: _Mentions, s: int, e: int, lexicon: ClaimLexicon) -> list[str]:
    """Actors a speaker phrase ties its speaker to: named right after the head (مراسل جبهة النصرة),
    after من/في/باسم (مصدر عسكري من جبهة النصرة، الذي هو من …) or تابع لـ; an actor named further
    on in another role (المناطق الخاضعة لسيطرة الثوار) is not one."""
    out: list[str] = []
    for k in range(s, e):
        hit = mentions.by_token.get(k)
        if hit is None or hit[1] != "actor" or hit[0] in out or (k > s and mentions.by_token.get(k - 1) == hit):
            continue
        j = k - 1
        while j > s and tokens[j].kind == "punct":
            j -= 1
        prev = fold(tokens[j].text) if j >= s else ""
        near_head = k - s <= 2
        links = lexicon.affiliation_links
        linked = prev in links or (prev[:1] == CONJ_WA and prev[1:] in links) \
            or (any(p.form == PREP_LI for p in tokens[k].proclitics) and fold(tokens[j].stem.text) in lexicon.affiliation_heads)
        if near_head or linked:
            out.append(hit[0])
    return out


def _anonymous_head(tokens: Sequence[Token], s: int, e: int, lexicon: ClaimLexicon) -> bool:
    """An unnamed speaker: a source word (مصدر، ناشطون، مسؤول), or a role left indefinite (قائد
    ميداني، متحدث باسم الحرس); a definite role (المتحدث باسم، وزير الخارجية) names an office."""
    tok = tokens[s]
    key = _head_key(tok)
    if key in lexicon.anonymous_heads:
        return True
    if key not in lexicon.named_words or tok.has_article or fold(tok.text).startswith(ARTICLE):
        return False
    nxt = tokens[s + 1] if s + 1 < e else None
    construct = nxt is not None and nxt.kind == "word" and (nxt.has_article or fold(nxt.text).startswith(ARTICLE))
    return not construct
