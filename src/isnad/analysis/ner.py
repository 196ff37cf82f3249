"""Named-entity recognition: linear-chain CRFs (python-crfsuite) over whitespace tokens.

The tagger labels tokens with BIO tags of the ANERcorp types PERS, LOC, ORG and MISC.

Features (:class:`FeatureExtractor`) see each token through the text layer:

- the folded word, and its *core* and *stem* after clitic segmentation
  (:func:`isnad.text.tokens.analyse` on the light-normalised word: وبالعراق → core العراق, stem
  عراق), the proclitics present, the article, the enclitic;
- prefixes and suffixes of length 1-4 of word and stem, a ta marbuta, a nisba ending (ـي، ـية; both
  in ``data/models/ner_endings.json``);
- the word's shape (Arabic, Latin, digits, number, punctuation), its length, how often the corpus
  lexicon has seen the word and its core, and how often the corpus writes it with the article
  (names rarely take it);
- trigger words (titles such as الرئيس، العقيد; place words such as مدينة، بلدة; organisation
  words such as وزارة، شركة; …), kept as data in ``data/models/ner_triggers.json``;
- context profiles learnt from unlabelled news (``data/models/ner_profiles.tsv.gz``, built by
  ``scripts/train_ner.py``): for each word, how strongly the words that precede and follow it in the
  Baly 2018 corpus announce a person, place, organisation or other name in the training data;
- membership of the word, or of a span of up to three words, in name lists (label → folded names:
  ``data/models/ner_names.tsv.gz`` from the training data, plus any lists the caller passes);
- whether the word (form, core or stem) is a common non-name word of the package lexicon
  (``data/lexicon/plain_words.txt``);
- the same word, core, suffix, trigger, list and plain-word features of the neighbours two tokens
  either side, the cores three tokens either side, the trigger classes among the four tokens before,
  and word bigrams and trigrams.

Tagging runs in two stages. The first CRF tags each sentence on its own. The second sees, in
addition, how the first tagged the same words and word sequences in the neighbouring sentences of
the document (:func:`document_features`), so a name recognised once is recognised again, with the
same type. A single sentence without a document around it (or with ``window=0``) is tagged by the
first model alone, which scores better on sentences alone than the second without its document
features (held-out part of train).

Everything the packaged model was trained with is described by ``data/models/ner.json``;
``scripts/train_ner.py`` rebuilds all of it from ``../shared/data``.

Reading CoNLL files and scoring against them (conlleval) is :mod:`isnad.eval.ner`.
"""

from __future__ import annotations

import gzip
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from isnad.knowledge.lexicons import default_plain_words
from isnad.resources import file_path, read_json, read_text
from isnad.text.normalize import LIGHT, fold
from isnad.text.sentences import token_sentences
from isnad.text.tokens import CliticLexicon, Token, analyse, default_lexicon, name_start, tokenize

ENTITY_TYPES = ("LOC", "MISC", "ORG", "PERS")
MODEL_NAME = "ner.crfsuite"
WORD_CACHE_SIZE = 50_000  # word analyses kept between articles
STAGE1_SUFFIX = ".stage1.crfsuite"
#: Sentences either side whose first-stage tags the second stage sees.
DOCUMENT_WINDOW = 10

_ARABIC = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]+$")
_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f]+$")
_DIGITS = re.compile(r"^[0-9\u0660-\u0669\u06f0-\u06f9]+$")
_NUMBER = re.compile(r"^[0-9\u0660-\u0669\u06f0-\u06f9.,:/\u066b\u066c%-]+$")
_HAS_LETTER = re.compile(r"[\u0621-\u063a\u0641-\u064aA-Za-z]")
_NON_LETTER = re.compile(r"[^\u0621-\u063a\u0641-\u064a]")

#: The definite article, as the clitic lexicon writes it among a word's proclitics.
_ARTICLE: str = read_json("lexicon/clitics.json")["article"]


def _ending_list(key: str) -> tuple[str, ...]:
    """One list of ``data/models/ner_endings.json``, as written there."""
    return tuple(read_json("models/ner_endings.json")[key]["words"])


_TA_MARBUTA = _ending_list("ta_marbuta")                            # matched on the light form
_NISBA_ENDINGS = tuple(fold(w) for w in _ending_list("nisba_endings"))  # matched on the folded stem


def _model_file(name: str) -> str:
    """The resource name of a packaged model file."""
    return f"models/{name}"


# --- BIO chunks ---------------------------------------------------------------------------

def _split_tag(tag: str) -> tuple[str, str]:
    if tag == "O" or "-" not in tag:
        return "O", ""
    prefix, _, kind = tag.partition("-")
    return prefix, kind


def bio_spans(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """Entities (type, first token, end token exclusive) in a tag sequence, with conlleval's rules:
    B- always starts an entity, I- continues one of its own type and otherwise starts one."""
    spans: list[tuple[str, int, int]] = []
    kind, start = "", -1
    for i, tag in enumerate(tags):
        prefix, cur = _split_tag(tag)
        if start >= 0 and (prefix in ("O", "B", "S") or cur != kind):
            spans.append((kind, start, i))
            start = -1
        if prefix in ("B", "S") or (prefix in ("I", "E") and start < 0):
            kind, start = cur, i
        if prefix in ("E", "S") and start >= 0:
            spans.append((kind, start, i + 1))
            start = -1
    if start >= 0:
        spans.append((kind, start, len(tags)))
    return spans


# --- resources ----------------------------------------------------------------------------

def fold_name(name: str) -> str:
    """The key a name is listed under: folded, words separated by single spaces."""
    return " ".join(fold(name).split())


def _read_text(raw: bytes | str) -> str:
    return gzip.decompress(raw).decode("utf-8") if isinstance(raw, bytes) else raw


def read_name_lists(raw: bytes | str) -> dict[str, frozenset[str]]:
    """label → folded names, from gzip'd bytes or text with lines ``label<TAB>name``."""
    lists: dict[str, set[str]] = {}
    for line in _read_text(raw).splitlines():
        label, _, name = line.partition("\t")
        if label and name:
            lists.setdefault(label, set()).add(name)
    return {label: frozenset(names) for label, names in lists.items()}


def read_word_features(raw: bytes | str) -> dict[str, tuple[str, ...]]:
    """folded word → feature strings, from gzip'd bytes or text with lines ``word<TAB>f1 f2 …``."""
    out: dict[str, tuple[str, ...]] = {}
    for line in _read_text(raw).splitlines():
        word, _, feats = line.partition("\t")
        if word and feats:
            out[word] = tuple(feats.split())
    return out


def packaged_metadata() -> dict:
    """``data/models/ner.json``: how the packaged model was trained and how it scored (read-only)."""
    return read_json(_model_file("ner.json"))


@lru_cache(maxsize=1)
def default_triggers() -> dict[str, frozenset[str]]:
    """Trigger word lists (``data/models/ner_triggers.json``), folded."""
    raw = read_json(_model_file("ner_triggers.json"))
    return {name: frozenset(fold(w) for w in words) for name, words in raw.items() if not name.startswith("_")}


@lru_cache(maxsize=1)
def packaged_profiles() -> dict[str, tuple[str, ...]]:
    return read_word_features(read_text(_model_file(packaged_metadata().get("profiles", "ner_profiles.tsv.gz"))))


@lru_cache(maxsize=1)
def packaged_name_lists() -> dict[str, frozenset[str]]:
    return read_name_lists(read_text(_model_file(packaged_metadata().get("names", "ner_names.tsv.gz"))))


# --- features -----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class WordInfo:
    """What the extractor knows about one word form, whatever its context."""

    form: str                  # folded word
    core: str                  # folded word without و/ف/ب/ك/ل/س and enclitic (article kept)
    stem: str                  # folded stem
    own: tuple[str, ...]       # the word's own features
    window: tuple[str, ...]    # what a neighbour sees of it (prefixed with the offset)
    is_punct: bool
    # precomputed for speed: ``window`` prefixed with -2, -1, 1, 2; the core as seen from -3 and 3;
    # the trigger classes as seen by the next four tokens
    near: tuple[tuple[str, ...], ...] = ()
    far: tuple[str, str] = ("", "")
    triggers: tuple[str, ...] = ()


def _bucket(n: float, edges: Sequence[float]) -> int:
    for i, edge in enumerate(edges):
        if n < edge:
            return i
    return len(edges)


_FREQ_EDGES = (1, 3, 10, 30, 100, 300, 1000, 5000)
_NEAR = (-2, -1, 1, 2)
_LEN_EDGES = (2, 3, 4, 5, 6, 8, 11)


class FeatureExtractor:
    """CRF features of the tokens of a sentence (see the module docstring).

    ``name_lists`` maps a label to folded names (one or more words separated by spaces); a word, or
    a span of up to ``max_span`` words, found in a list gives its tokens ``gz=LABEL`` or
    ``gz<n>=LABEL:B`` / ``:I`` / ``:E``. ``word_features`` maps a folded word (core or whole form)
    to extra features of its own, such as the context profiles. ``triggers`` maps a trigger class
    to folded words (default: ``data/models/ner_triggers.json``); ``plain_words`` are folded common
    words that are not names (default: the package lexicon's ``plain_words.txt``).
    """

    def __init__(self, lexicon: CliticLexicon | None = None, *,
                 triggers: Mapping[str, Iterable[str]] | None = None,
                 name_lists: Mapping[str, Iterable[str]] | None = None,
                 word_features: Mapping[str, Sequence[str]] | None = None,
                 plain_words: Iterable[str] | None = None,
                 max_span: int = 3):
        self.lexicon = lexicon or default_lexicon()
        source = default_triggers() if triggers is None else triggers
        self.triggers = {name: frozenset(fold(w) for w in words) for name, words in source.items()}
        # word → the trigger classes it belongs to, in the order of ``triggers``
        self._trigger_of: dict[str, tuple[str, ...]] = {}
        for name, words in self.triggers.items():
            for w in words:
                self._trigger_of[w] = self._trigger_of.get(w, ()) + (name,)
        self.word_features = dict(word_features or {})
        self.plain_words = default_plain_words() if plain_words is None else frozenset(plain_words)
        self.max_span = max_span
        self.name_lists: dict[str, frozenset[str]] = {
            label: frozenset(fold_name(n) for n in names) for label, names in (name_lists or {}).items()}
        self._single: dict[str, list[str]] = {}
        self._multi: dict[str, list[str]] = {}
        for label, names in sorted(self.name_lists.items()):
            for name in names:
                if name:
                    (self._multi if " " in name else self._single).setdefault(name, []).append(label)
        self._cache: dict[str, WordInfo] = {}

    # -- one word --

    def word_info(self, word: str) -> WordInfo:
        info = self._cache.get(word)
        if info is None:
            if len(self._cache) >= WORD_CACHE_SIZE:
                self._cache.clear()  # bounded: a long batch must not grow memory without end
            info = self._cache[word] = self._word_info(word)
        return info

    def _word_info(self, word: str) -> WordInfo:
        lex = self.lexicon
        light = fold(word, LIGHT)
        form = fold(word)
        own: list[str] = [f"w={form}"]
        window: list[str] = [f"w={form}"]
        stem = core = form
        is_punct = False
        if _ARABIC.match(light):
            shape = "ar"
            a = analyse(light, lex)
            stem = fold(a.stem) if a.stem else form
            has_article = _ARTICLE in a.proclitics
            core = (_ARTICLE + stem) if has_article and a.stem else stem
            pre = "+".join(p for p in a.proclitics if p != _ARTICLE)
            if pre:
                own.append(f"pre={pre}")
                own.append(f"pre1={pre[0]}")
            if has_article:
                own.append("art")
            if a.enclitic:
                own.append(f"enc={a.enclitic}")
            if core != form:
                own.append(f"core={core}")
            own.append(f"stem={stem}")
            window.append(f"core={core}")
            if light.endswith(_TA_MARBUTA):
                own.append("tm")
            if len(stem) >= 4 and stem.endswith(_NISBA_ENDINGS):
                own.append("nisba")
                if has_article:
                    own.append("nisba+art")
            for n in (1, 2, 3, 4):
                if len(stem) > n:
                    own.append(f"sp{n}={stem[:n]}")
                    own.append(f"ss{n}={stem[-n:]}")
            window.append(f"ss2={stem[-2:]}")
            window.append(f"ss3={stem[-3:]}")
            count = lex.counts.get(form, 0)
            core_count = lex.counts.get(core, 0)
            own.append(f"fq={_bucket(count, _FREQ_EDGES)}")
            if core != form:
                own.append(f"cfq={_bucket(core_count, _FREQ_EDGES)}")
            window.append(f"fq={_bucket(max(count, core_count), _FREQ_EDGES)}")
            if not core.startswith(_ARTICLE):
                # how often the corpus writes this word with the article: names rarely take it
                with_article = lex.counts.get(_ARTICLE + core, 0)
                ratio = with_article / (with_article + max(core_count, 1))
                own.append(f"alr={min(int(ratio * 5), 4)}")
                window.append(f"alr={min(int(ratio * 5), 4)}")
        elif _DIGITS.match(light):
            shape = "digit"
            own.append(f"dlen={min(len(light), 5)}")
        elif _NUMBER.match(light):
            shape = "num"
        elif _LATIN.match(light):
            shape = "latin"
            own.append("lat_cap" if light[:1].isupper() else "lat_low")
            form = stem = core = light.lower()
            own[0] = window[0] = f"w={form}"
        elif not _HAS_LETTER.search(light):
            shape = "punct"
            is_punct = True
        else:
            shape = "mixed"  # letters glued to digits or punctuation: الأمن1706، (د
            letters = _NON_LETTER.sub("", light)
            if letters:
                core = stem = fold(letters)
                own.append(f"core={core}")
                window.append(f"core={core}")
        own.append(f"shape={shape}")
        window.append(f"shape={shape}")
        own.append(f"len={_bucket(len(form), _LEN_EDGES)}")
        if not is_punct:
            for n in (1, 2, 3, 4):
                if len(form) > n:
                    own.append(f"p{n}={form[:n]}")
                    own.append(f"s{n}={form[-n:]}")
        found = self._trigger_of.get(form, ()) + self._trigger_of.get(core, ())
        if found:
            for name in self.triggers:
                if name in found:
                    own.append(f"trig={name}")
                    window.append(f"trig={name}")
        extra = self.word_features.get(core) or self.word_features.get(form)
        if extra:
            own.extend(extra)
        for label in self._single.get(core, ()) or self._single.get(form, ()):
            own.append(f"gz={label}")
            window.append(f"gz={label}")
        if not is_punct and (stem in self.plain_words or core in self.plain_words or form in self.plain_words):
            own.append("plain")
            window.append("plain")
        near = tuple(tuple(f"{off}:{f}" for f in window) for off in _NEAR)
        return WordInfo(form, core, stem, tuple(own), tuple(window), is_punct, near,
                        (f"-3:core={core}", f"3:core={core}"),
                        tuple(f for f in window if f.startswith("trig=")))

    # -- a sentence --

    def _span_features(self, infos: Sequence[WordInfo]) -> list[list[str]]:
        out: list[list[str]] = [[] for _ in infos]
        if not self._multi:
            return out
        n = len(infos)
        for i in range(n):
            if infos[i].is_punct:
                continue
            for length in range(2, self.max_span + 1):
                if i + length > n:
                    break
                key = " ".join([infos[i].core] + [x.form for x in infos[i + 1:i + length]])
                for label in self._multi.get(key, ()):
                    out[i].append(f"gz{length}={label}:B")
                    for j in range(i + 1, i + length):
                        out[j].append(f"gz{length}={label}:I")
                    out[i + length - 1].append(f"gz{length}={label}:E")
        return out

    def sequence(self, tokens: Sequence[str]) -> list[list[str]]:
        """The feature strings of every token of one sentence."""
        infos = [self.word_info(t) for t in tokens]
        spans = self._span_features(infos)
        n = len(infos)
        out: list[list[str]] = []
        for i, info in enumerate(infos):
            feats = ["bias", *info.own, *spans[i]]
            if i == 0:
                feats.append("BOS")
            if i == n - 1:
                feats.append("EOS")
            for k, off in enumerate(_NEAR):
                j = i + off
                if 0 <= j < n:
                    feats.extend(infos[j].near[k])
                    if abs(off) == 1 and spans[j]:
                        feats.extend(f"{off}:{f}" for f in spans[j] if f.endswith((":B", ":E")))
                else:
                    feats.append(f"{off}:{'BOS' if j < 0 else 'EOS'}")
            prev = infos[i - 1] if i > 0 else None
            nxt = infos[i + 1] if i + 1 < n else None
            if prev is not None:
                feats.append(f"b-1={prev.form}|{info.form}")
                feats.append(f"bc-1={prev.core}|{info.core}")
            if nxt is not None:
                feats.append(f"b+1={info.form}|{nxt.form}")
                feats.append(f"bc+1={info.core}|{nxt.core}")
            if prev is not None and nxt is not None:
                feats.append(f"t={prev.core}|{info.core}|{nxt.core}")
            if i >= 3:
                feats.append(infos[i - 3].far[0])
            if i + 3 < n:
                feats.append(infos[i + 3].far[1])
            triggers = {f for j in range(max(0, i - 4), i) for f in infos[j].triggers}
            if triggers:
                feats.extend(f"L4{f}" for f in sorted(triggers))
            out.append(feats)
        return out

    def cores(self, tokens: Sequence[str]) -> list[str]:
        return [self.word_info(t).core for t in tokens]


def document_features(cores: Sequence[Sequence[str]], first_tags: Sequence[Sequence[str]],
                      window: int = DOCUMENT_WINDOW) -> list[list[list[str]]]:
    """Second-stage features: how the first stage tagged the same words and word sequences in the
    other sentences within ``window`` sentences either side.

    For a token whose core (two letters or more) was part of an entity elsewhere: ``dt=TYPE``,
    ``dtp=B-TYPE`` / ``I-TYPE`` (where in the entity it stood) and ``dtbest=TYPE`` (its most frequent
    type); for a span of one to three tokens that was tagged as a whole entity elsewhere:
    ``ds<n>=TYPE:B`` / ``:I``."""
    entities: list[list[tuple[tuple[str, ...], str]]] = []
    for sent, tags in zip(cores, first_tags, strict=True):
        entities.append([(tuple(sent[a:b]), label) for label, a, b in bio_spans(tags)])
    out: list[list[list[str]]] = []
    for i, sent in enumerate(cores):
        by_token: dict[str, dict[tuple[str, str], int]] = {}
        by_span: dict[tuple[str, ...], dict[str, int]] = {}
        for j in range(max(0, i - window), min(len(cores), i + window + 1)):
            if j == i:
                continue
            for key, label in entities[j]:
                counts = by_span.get(key)
                if counts is None:
                    counts = by_span[key] = {}
                counts[label] = counts.get(label, 0) + 1
                for pos, core in enumerate(key):
                    seen = by_token.get(core)
                    if seen is None:
                        seen = by_token[core] = {}
                    item = ("B" if pos == 0 else "I", label)
                    seen[item] = seen.get(item, 0) + 1
        feats: list[list[str]] = [[] for _ in sent]
        if not by_span:
            out.append(feats)
            continue
        for t, core in enumerate(sent):
            seen = by_token.get(core) if len(core) > 1 else None
            if seen:
                for pos, label in sorted(seen):
                    feats[t].append(f"dt={label}")
                    feats[t].append(f"dtp={pos}-{label}")
                best = max(sorted(seen.items()), key=lambda kv: kv[1])[0][1]
                feats[t].append(f"dtbest={best}")
        firsts = {key[0] for key in by_span}
        for n in (3, 2, 1):
            for a in range(len(sent) - n + 1):
                if sent[a] not in firsts:
                    continue
                key = tuple(sent[a:a + n])
                counts = by_span.get(key)
                if counts and all(len(c) > 1 for c in key):
                    label = max(sorted(counts.items()), key=lambda kv: kv[1])[0]
                    feats[a].append(f"ds{n}={label}:B")
                    for j in range(a + 1, a + n):
                        feats[j].append(f"ds{n}={label}:I")
        out.append(feats)
    return out


def features(tokens: Sequence[str], i: int, lexicon: CliticLexicon | None = None, *,
             name_lists: Mapping[str, Iterable[str]] | None = None,
             word_features: Mapping[str, Sequence[str]] | None = None) -> dict[str, float]:
    """The first-stage CRF features of token ``i`` of ``tokens``, as a dict (feature → 1.0).

    Without arguments the packaged name lists and profiles are used; to tag many sentences use a
    :class:`FeatureExtractor`, which caches word analyses."""
    if lexicon is None and name_lists is None and word_features is None:
        extractor = _default_extractor()
    else:
        extractor = FeatureExtractor(lexicon, name_lists=packaged_name_lists() if name_lists is None else name_lists,
                                     word_features=packaged_profiles() if word_features is None else word_features)
    return dict.fromkeys(extractor.sequence(tokens)[i], 1.0)


@lru_cache(maxsize=1)
def _default_extractor() -> FeatureExtractor:
    return FeatureExtractor(name_lists=packaged_name_lists(), word_features=packaged_profiles())


# --- the tagger ---------------------------------------------------------------------------

@dataclass(frozen=True)
class NerSpan:
    """An entity: ``text == source[start:end]``; ``score`` is the lowest marginal probability of its
    tags under the CRF."""

    start: int
    end: int
    text: str
    label: str
    score: float | None = None


class NerTagger:
    """The two CRFs and the feature extractor they were trained with.

    ``name_lists`` (label → names) are added to the packaged lists, or used alone with
    ``packaged_names=False``: a gazetteer or an actor catalogue can pass its own names.
    """

    def __init__(self, model, extractor: FeatureExtractor, stage1=None, model_path: Path | None = None):
        self.model = model
        self.stage1 = stage1
        self.extractor = extractor
        self.model_path = model_path
        self._local = threading.local()
        self._local.models = (model, stage1)
        self._shared = threading.Lock()

    @contextmanager
    def _models(self):
        """This thread's two CRF taggers. A CRFsuite tagger keeps the sequence it tagged last (its
        marginals are read from it), so threads must not share one: each thread opens its own
        from the model files; taggers given without files are shared under a lock."""
        models = getattr(self._local, "models", None)
        if models is None and self.model_path is not None:
            models = self._local.models = self._open_copies()
        if models is not None:
            yield models
            return
        with self._shared:
            yield self.model, self.stage1

    def _open_copies(self):
        import pycrfsuite

        model = pycrfsuite.Tagger()
        model.open(str(self.model_path))
        stage1 = None
        if self.stage1 is not None:
            stage1 = pycrfsuite.Tagger()
            stage1.open(str(self.model_path.with_name(self.model_path.name.removesuffix(".crfsuite") + STAGE1_SUFFIX)))
        return model, stage1

    @classmethod
    def load(cls, path: str | Path | None = None, *, name_lists: Mapping[str, Iterable[str]] | None = None,
             packaged_names: bool = True, lexicon: CliticLexicon | None = None) -> "NerTagger":
        """Open a model (default: the packaged ``data/models/ner.crfsuite``). Its first stage is the
        file beside it named ``<name>.stage1.crfsuite`` (without one, documents are tagged sentence
        by sentence); name lists and profiles are read from ``ner_names.tsv.gz`` and
        ``ner_profiles.tsv.gz`` beside it when there are such files, else the packaged ones."""
        import pycrfsuite

        packaged_path = file_path(_model_file(MODEL_NAME))
        path = packaged_path if path is None else Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"NER model not found: {path}")
        model = pycrfsuite.Tagger()
        model.open(str(path))
        stage1_path = path.with_name(path.name.removesuffix(".crfsuite") + STAGE1_SUFFIX)
        stage1 = None
        if stage1_path.is_file():
            stage1 = pycrfsuite.Tagger()
            stage1.open(str(stage1_path))
        names_file, profiles_file = path.parent / "ner_names.tsv.gz", path.parent / "ner_profiles.tsv.gz"
        packaged = path.parent == packaged_path.parent
        if packaged and lexicon is None and name_lists is None and packaged_names:
            extractor = _default_extractor()
        else:
            # a model trained elsewhere brings its resources in its own folder
            own_names = (packaged_name_lists() if packaged or not names_file.is_file()
                         else read_name_lists(names_file.read_bytes()))
            profiles = (packaged_profiles() if packaged or not profiles_file.is_file()
                        else read_word_features(profiles_file.read_bytes()))
            lists: dict[str, set[str]] = {}
            for source in ((own_names if packaged_names else {}), (name_lists or {})):
                for label, names in source.items():
                    lists.setdefault(label, set()).update(fold_name(n) for n in names)
            extractor = FeatureExtractor(lexicon, name_lists=lists, word_features=profiles)
        return cls(model, extractor, stage1, path)

    # -- tags --

    def tag(self, words: Sequence[str]) -> list[str]:
        """BIO tags for one sentence on its own."""
        return self.tag_document([words], window=0)[0]

    def tag_document(self, sentences: Sequence[Sequence[str]], window: int = DOCUMENT_WINDOW) -> list[list[str]]:
        """BIO tags for the sentences of a document, in order; each sentence sees the first-stage
        tags of ``window`` sentences either side (0: every sentence on its own)."""
        return [tags for tags, _ in self._tag(sentences, window, marginals=False)]

    def _tag(self, sentences: Sequence[Sequence[str]], window: int,
             marginals: bool = True) -> list[tuple[list[str], list[float]]]:
        with self._models() as (second_stage, first_stage):
            return self._tag_with(second_stage, first_stage, sentences, window, marginals)

    def _tag_with(self, model, stage1, sentences: Sequence[Sequence[str]], window: int,
                  marginals: bool) -> list[tuple[list[str], list[float]]]:
        sentences = [list(s) for s in sentences]
        feats = [self.extractor.sequence(s) for s in sentences]
        if stage1 is not None:
            if window > 0 and len(sentences) > 1:
                first = [list(stage1.tag(f)) if f else [] for f in feats]
                cores = [self.extractor.cores(s) for s in sentences]
                for f, d in zip(feats, document_features(cores, first, window)):
                    for token_feats, doc_feats in zip(f, d):
                        if doc_feats:
                            token_feats.extend(doc_feats)
            else:
                # no document around the sentences: the first stage, trained on sentences alone,
                # does better than the second without its document features
                model = stage1
        out: list[tuple[list[str], list[float]]] = []
        for f in feats:
            if not f:
                out.append(([], []))
                continue
            tags = list(model.tag(f))
            out.append((tags, [model.marginal(t, i) for i, t in enumerate(tags)] if marginals else []))
        return out

    # -- entities in text --

    def entities(self, text: str, window: int = DOCUMENT_WINDOW, tokens: Sequence[Token] | None = None) -> list[NerSpan]:
        """Entities in ``text``: tokens of :func:`isnad.text.tokens.tokenize`, sentences cut after
        . ! ? ؟ and at line breaks, tagged as one document. Spans are offsets into ``text``; a
        conjunction or preposition written on the first word (و، ف، ب، ك، ل) is left outside the
        span, the article stays inside."""
        tokens = tokenize(text) if tokens is None else tokens
        groups = token_sentences(text, tokens)
        spans: list[NerSpan] = []
        for group, (tags, marginals) in zip(groups, self._tag([[t.text for t in g] for g in groups], window)):
            for label, a, b in bio_spans(tags):
                start, end = name_start(group[a]), group[b - 1].end
                if start < end:
                    spans.append(NerSpan(start, end, text[start:end], label, round(min(marginals[a:b]), 4)))
        return spans


@lru_cache(maxsize=1)
def default_tagger() -> NerTagger:
    """The packaged model, loaded once."""
    return NerTagger.load()


def entities(text: str) -> list[NerSpan]:
    """Entities in ``text`` found by the packaged model."""
    return default_tagger().entities(text)


__all__ = [
    "DOCUMENT_WINDOW", "ENTITY_TYPES", "FeatureExtractor", "NerSpan", "NerTagger", "bio_spans", "default_tagger",
    "document_features", "entities", "features",
]
