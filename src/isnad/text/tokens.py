"""Tokenisation with clitic segmentation.

A token keeps its surface form and its segments (proclitics, stem, enclitics), each with offsets
into the original text. Whether a word that starts with و ف ب ك ل س ال is segmented is decided by
the clitic lexicon: the stem must be a word seen often enough relative to the whole form (so
وقال → و+قال but بشار, لواء, كفرنبل stay whole), plus a list of words never split. Every token
carries the reason for its segmentation.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Iterable, Literal, Mapping, Sequence

from isnad.resources import read_json, read_text
from isnad.text.normalize import LIGHT, NormalizedText, fold, normalize

SegmentKind = Literal["proclitic", "stem", "enclitic"]
TokenKind = Literal["word", "latin", "number", "punct"]

#: Proclitic forms as ``Segment.form`` gives them (the clitics of ``data/lexicon/clitics.json``), by
#: name for code that asks for one of them.
CONJ_WA, CONJ_FA = "و", "ف"
PREP_BI, PREP_LI, PREP_KA = "ب", "ل", "ك"
FUTURE_SA = "س"
ARTICLE = "ال"
#: The article as written after one conjunction or preposition (ل + ال is written لل).
ARTICLE_AFTER_CLITIC = (CONJ_WA + ARTICLE, CONJ_FA + ARTICLE, PREP_BI + ARTICLE, PREP_LI + PREP_LI, PREP_KA + ARTICLE)

_TOKEN = re.compile(
    r"(?P<word>[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff]+)"
    r"|(?P<number>[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[.,\u066b\u066c:/][0-9\u0660-\u0669\u06f0-\u06f9]+)*)"
    r"|(?P<latin>[A-Za-z\u00c0-\u024f]+(?:['\u2019-][A-Za-z\u00c0-\u024f]+)*)"
    r"|(?P<punct>\S)"
)


@dataclass(frozen=True, slots=True)
class Segment:
    """One piece of a token: ``form`` is its dictionary form (the article inside لل is ``ال``)."""

    start: int
    end: int
    text: str
    kind: SegmentKind
    form: str


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    kind: TokenKind
    norm: str  # matching form of the whole token
    segments: tuple[Segment, ...]
    reason: str

    @cached_property
    def stem(self) -> Segment:
        """The stem segment; a preposition carrying a pronoun (لهم) has none and is its own stem."""
        found = next((s for s in self.segments if s.kind == "stem"), None)
        return found or Segment(self.start, self.end, self.text, "stem", self.norm)

    @cached_property
    def proclitics(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if s.kind == "proclitic")

    @cached_property
    def enclitics(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if s.kind == "enclitic")

    @cached_property
    def has_article(self) -> bool:
        return any(s.form == "ال" for s in self.proclitics)


@dataclass(frozen=True)
class _Clitic:
    form: str
    ratio: float
    rare_ratio: float


@dataclass(frozen=True)
class Analysis:
    """A way to cut a word: proclitic forms, stem, enclitic form, and why it was chosen."""

    proclitics: tuple[str, ...]
    stem: str
    enclitic: str | None
    reason: str

    @cached_property
    def pieces(self) -> tuple[tuple[str, SegmentKind, str], ...]:
        """(written text, kind, form) in order; the article after ل is written as a single ل."""
        out: list[tuple[str, SegmentKind, str]] = []
        for i, form in enumerate(self.proclitics):
            written = "ل" if form == "ال" and i > 0 and self.proclitics[i - 1] == "ل" else form
            out.append((written, "proclitic", form))
        out.append((self.stem, "stem", self.stem))
        if self.enclitic:
            out.append((self.enclitic, "enclitic", self.enclitic))
        return tuple(out)


@dataclass(frozen=True)
class CliticLexicon:
    """Word counts and clitic rules; ``protected`` adds names (catalogue, gazetteer) never split."""

    counts: Mapping[str, int]
    whole_words: frozenset[str]
    short_stems: frozenset[str]
    conjunctions: tuple[_Clitic, ...]
    prepositions: tuple[_Clitic, ...]
    future: _Clitic
    future_stem_starts: tuple[str, ...]
    enclitics: tuple[str, ...]
    enclitic_rule: _Clitic
    pronoun_hosts: frozenset[str]
    host_enclitics: frozenset[str]
    frequent_stem: int
    min_stem_count: int
    min_stem_length: int
    protected: frozenset[str] = field(default_factory=frozenset)

    def count(self, word: str) -> int:
        return self.counts.get(fold(word), 0)

    def is_whole(self, word: str) -> bool:
        key = fold(word)
        return key in self.whole_words or key in self.protected

    @cached_property
    def prefixes(self) -> tuple:
        """Every proclitic chain (see :func:`_proclitic_prefixes`), computed once."""
        return (((), "", (), None), *_proclitic_prefixes(self))

    def with_protected(self, names: Iterable[str]) -> "CliticLexicon":
        """A copy that never splits these single-word names."""
        extra = frozenset(fold(n) for n in names if n and " " not in n)
        fields = {k: v for k, v in self.__dict__.items() if k in self.__dataclass_fields__}
        return CliticLexicon(**{**fields, "protected": self.protected | extra})

    @classmethod
    def from_data(cls, rules: dict, counts: Mapping[str, int]) -> "CliticLexicon":
        def clitics(group: dict) -> tuple[_Clitic, ...]:
            return tuple(_Clitic(form, spec["ratio"], spec["rare_ratio"]) for form, spec in group.items())

        future_form, future_spec = next(iter(rules["future"].items()))
        enc = rules["enclitics"]
        return cls(
            counts=counts,
            whole_words=frozenset(fold(w) for w in rules["whole_words"]),
            short_stems=frozenset(fold(w) for w in rules["short_stems"]),
            conjunctions=clitics(rules["conjunctions"]),
            prepositions=clitics(rules["prepositions"]),
            future=_Clitic(future_form, future_spec["ratio"], future_spec["rare_ratio"]),
            future_stem_starts=tuple(future_spec["stem_starts"]),
            enclitics=tuple(sorted(enc["forms"], key=len, reverse=True)),
            enclitic_rule=_Clitic("enclitic", enc["ratio"], enc["rare_ratio"]),
            pronoun_hosts=frozenset(rules["pronoun_hosts"]),
            host_enclitics=frozenset(rules["host_enclitics"]),
            frequent_stem=rules["frequent_stem"],
            min_stem_count=rules["min_stem_count"],
            min_stem_length=rules["min_stem_length"],
        )


def _read_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in text.splitlines():
        word, _, n = line.partition("\t")
        counts[word] = int(n)
    return counts


@lru_cache(maxsize=1)
def default_lexicon() -> CliticLexicon:
    """The lexicon shipped in ``isnad/data/lexicon`` (loaded once)."""
    rules = read_json("lexicon/clitics.json")
    counts = _read_counts(read_text("lexicon/wordfreq.tsv.gz"))
    return CliticLexicon.from_data(rules, counts)


# --- segmentation ---------------------------------------------------------------------------

def _proclitic_prefixes(lex: CliticLexicon):
    """Every proclitic chain: (forms, written prefix, clitics that carry a frequency test)."""
    for conj in (None, *lex.conjunctions):
        for mid in (None, *lex.prepositions, lex.future):
            for article in (False, True):
                if article and mid is lex.future:
                    continue
                forms: list[str] = []
                tested: list[_Clitic] = []
                written = ""
                for clitic in (conj, mid):
                    if clitic is not None:
                        forms.append(clitic.form)
                        tested.append(clitic)
                        written += clitic.form
                if article:
                    forms.append("ال")
                    written += "ل" if mid is not None and mid.form == "ل" else "ال"
                if forms:
                    yield tuple(forms), written, tuple(tested), mid


def _stem_ok(stem: str, lex: CliticLexicon) -> bool:
    if len(stem) >= lex.min_stem_length:
        return True
    return len(stem) == 2 and fold(stem) in lex.short_stems


def _ratio(clitics: Iterable[_Clitic], stem_count: int, lex: CliticLexicon) -> float:
    """How much more frequent than its stem the whole form may be (the strictest clitic wins)."""
    rare = stem_count < lex.frequent_stem
    return min(c.rare_ratio if rare else c.ratio for c in clitics)


def _candidates(word: str, lex: CliticLexicon):
    """All analyses the clitic inventory allows for ``word`` (light-normalised), unscored."""
    enclitic_choices: list[str | None] = [None] + [e for e in lex.enclitics if word.endswith(e)]
    for enclitic in enclitic_choices:
        body = word[: len(word) - len(enclitic)] if enclitic else word
        for forms, written, tested, mid in lex.prefixes:
            if not body.startswith(written):
                continue
            stem = body[len(written):]
            if enclitic and "ال" in forms:
                continue
            if mid is lex.future and not stem.startswith(lex.future_stem_starts):
                continue
            if not stem:
                # a preposition carrying a pronoun: لهم، بها، وله
                if (enclitic in lex.host_enclitics and mid is not None and mid.form in lex.pronoun_hosts
                        and forms[-1] == mid.form):
                    yield forms, "", enclitic, tested
                continue
            if forms or enclitic:
                yield forms, stem, enclitic, tested


def _stem_forms(stem: str, enclitic: str | None) -> tuple[str, ...]:
    """A stem as written before an enclitic may have had a ta marbuta: منطقت+ها → منطقة."""
    if enclitic and stem.endswith("ت"):
        return stem, stem[:-1] + "ة"
    return (stem,)


def analyse(word: str, lex: CliticLexicon) -> Analysis:
    """Choose how to cut one Arabic word (light-normalised: no diacritics or tatweel)."""
    if lex.is_whole(word):
        return Analysis((), word, None, "whole-word lexicon")
    for conj in lex.conjunctions:
        if word.startswith(conj.form) and lex.is_whole(word[len(conj.form):]):
            return Analysis((conj.form,), word[len(conj.form):], None, "conjunction + whole-word lexicon")
    whole_count = lex.count(word)
    best: tuple[tuple[int, int], Analysis] | None = None
    for forms, stem, enclitic, tested in _candidates(word, lex):
        has_article = "ال" in forms
        if stem and not _stem_ok(stem, lex):
            continue
        if has_article and forms == ("ال",) and lex.is_whole("ال" + stem):
            continue  # النظام, a whole name, keeps its article; للنظام still reads ل + ال + نظام
        if not stem:
            # a bare pronoun on ب/ل needs no frequency evidence
            analysis = Analysis(forms, "", enclitic, "preposition with pronoun")
            score = (1 << 30, len(forms) + 1)
        else:
            forms_to_count = _stem_forms(stem, enclitic)
            stem_count = max(lex.count(f) for f in forms_to_count)
            if has_article:
                stem_count = max(stem_count, lex.count("ال" + stem))
            checks = [] if has_article else list(tested)
            if enclitic:
                checks.append(lex.enclitic_rule)
            if checks:
                if stem_count < lex.min_stem_count:
                    if not _unseen_conjunction(word, forms, enclitic, whole_count, lex):
                        continue
                    reason = "unseen word: conjunction split"
                elif whole_count > stem_count * _ratio(checks, stem_count, lex):
                    continue
                else:
                    reason = f"stem seen {stem_count}x, whole form {whole_count}x"
            elif tested and stem_count == 0 and whole_count > 0:
                continue  # كاليفورنيا: a known word whose "stem" after كال/بال/وال is never seen
            else:
                reason = "definite article" + (f" (stem seen {stem_count}x)" if stem_count else "")
            analysis = Analysis(forms, stem, enclitic, reason)
            score = (stem_count, len(forms) + bool(enclitic))
        if best is None or score > best[0]:
            best = (score, analysis)
    if best is None:
        return Analysis((), word, None, f"no clitic reading (seen {whole_count}x)" if whole_count
                        else "no clitic reading")
    return best[1]


def _unseen_conjunction(word: str, forms: tuple[str, ...], enclitic: str | None, whole_count: int,
                        lex: CliticLexicon) -> bool:
    """A word never seen, starting with و/ف and a long stem, is most likely conjunction + word."""
    conj = {c.form for c in lex.conjunctions}
    return (whole_count == 0 and enclitic is None and len(forms) == 1 and forms[0] in conj
            and len(word) - 1 >= lex.min_stem_length + 1)


def _segments(nt: NormalizedText, start: int, analysis: Analysis) -> tuple[Segment, ...]:
    """Segments in original offsets; pieces written inside one original character (a ligature
    such as ﻻ) become one segment."""
    out: list[Segment] = []
    pos = start
    for written, kind, form in analysis.pieces:
        if not written:
            continue
        a, b = nt.to_original(pos, pos + len(written))
        pos += len(written)
        if out and a < out[-1].end:
            prev = out.pop()
            merged_kind: SegmentKind = "stem" if "stem" in (prev.kind, kind) else prev.kind
            a = prev.start
            kind, form = merged_kind, prev.form + form
        out.append(Segment(a, b, nt.original[a:b], kind, form))
    return tuple(out)


def name_start(tok: Token) -> int:
    """Where a name or phrase starts inside its first token: after a conjunction, preposition or
    the future particle (و، ف، ب، ك، ل، س), at the article when it is written ال, and at the stem
    when the article is merged into a preposition (لل+)."""
    for seg in tok.segments:
        if seg.kind != "proclitic":
            return seg.start
        if seg.form == ARTICLE:
            if fold(seg.text) == ARTICLE:
                return seg.start
            return next((s.start for s in tok.segments if s.kind == "stem"), seg.end)
    return tok.start


class Tokenizer:
    """Splits text into tokens with clitic segments; caches analyses per word form."""

    def __init__(self, lexicon: CliticLexicon | None = None, cache_size: int = 200_000):
        self.lexicon = lexicon or default_lexicon()
        self._analyse = lru_cache(maxsize=cache_size)(lambda w: analyse(w, self.lexicon))
        self._fold = lru_cache(maxsize=cache_size)(fold)

    def tokenize(self, text: str) -> list[Token]:
        nt = normalize(text, LIGHT)
        tokens: list[Token] = []
        for m in _TOKEN.finditer(nt.text):
            kind = m.lastgroup
            a, b = nt.to_original(m.start(), m.end())
            surface = text[a:b]
            if kind == "word":
                analysis = self._analyse(m.group())
                if len(analysis.pieces) == 1 and b - a == m.end() - m.start():
                    segments = (Segment(a, b, surface, "stem", analysis.stem),)  # the common case, fast
                else:
                    segments = _segments(nt, m.start(), analysis)
                reason = analysis.reason
            else:
                segments = (Segment(a, b, surface, "stem", m.group()),)
                reason = kind
            tokens.append(Token(a, b, surface, kind, self._fold(m.group()), segments, reason))  # type: ignore[arg-type]
        return tokens


def tokenize(text: str, lexicon: CliticLexicon | None = None) -> list[Token]:
    """Tokens of ``text`` with clitic segments (see :class:`Tokenizer`)."""
    return Tokenizer(lexicon).tokenize(text) if lexicon else _default_tokenizer().tokenize(text)


@lru_cache(maxsize=1)
def _default_tokenizer() -> Tokenizer:
    return Tokenizer()


# --- stem keys: how names and lexicon phrases are matched ---------------------------------------

QUOTE_TOKENS = frozenset('"“”«»„‟\'')
KEY_CACHE_SIZE = 200_000


def stem_key(tok: Token) -> str:
    """A word's stem in matching form, without the article even where the word was kept whole
    as a name (الدواعش → دواعش, as in للدواعش)."""
    if tok.kind != "word":
        return fold(tok.text).lower()
    key = tok.norm if len(tok.segments) == 1 else fold(tok.stem.text)
    if not tok.has_article and key.startswith(ARTICLE) and len(key) > 4:
        key = key[len(ARTICLE):]
    return key


def word_keys(tokens: Sequence[Token], cache: dict[str, str] | None = None) -> list[str | None]:
    """The stem key of each token; None for punctuation that breaks a name, "" for quotes.
    ``cache`` maps a surface form to its key across articles (the key depends on the form only)."""
    cache = {} if cache is None else cache
    keys: list[str | None] = []
    for tok in tokens:
        if tok.kind == "punct":
            keys.append("" if tok.text in QUOTE_TOKENS else None)
            continue
        key = cache.get(tok.text)
        if key is None:
            key = cache[tok.text] = stem_key(tok)
        keys.append(key)
    return keys


class KeyMemo:
    """Stem keys by surface form, remembered across articles up to a bound. A key depends on the
    form alone, so the memo holds no per-article state: threads may share it, and one that fills
    or empties it meanwhile changes no result."""

    def __init__(self, size: int = KEY_CACHE_SIZE):
        self.size = size
        self._keys: dict[str, str] = {}

    def keys(self, tokens: Sequence[Token]) -> list[str | None]:
        """The stem key of each token (see :func:`word_keys`)."""
        if len(self._keys) > self.size:
            self._keys = {}
        return word_keys(tokens, self._keys)


def token_range(starts: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """The first and last token that the characters ``start:end`` touch (``starts``: each token's
    start offset, in order)."""
    first = max(bisect_right(starts, start) - 1, 0)
    return first, max(bisect_right(starts, end - 1) - 1, first)
