"""Lexicon phrases keyed the way the text is: by the stem keys the tokenizer gives each word.

The claims, events and perspective stages all look phrases up this way (وفقاً لـ، عبوة ناسفة،
المناطق المحررة): a phrase is indexed under its first word's key, longest phrase first.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Generic, Iterable, Sequence, TypeVar

from isnad.resources import read_words
from isnad.text.tokens import Tokenizer, word_keys

T = TypeVar("T")


def phrase_keys(phrase: str, tokenizer: Tokenizer) -> tuple[str, ...]:
    """The stem keys of a phrase's words, quotes and punctuation left out."""
    return tuple(k for k in word_keys(tokenizer.tokenize(phrase)) if k)


def first_keys(words: Iterable[str], tokenizer: Tokenizer) -> frozenset[str]:
    """The key of each word (the first word of each phrase)."""
    return frozenset(k for w in words for k in phrase_keys(w, tokenizer)[:1])


class PhraseIndex(Generic[T]):
    """Phrases and what each stands for, found at a token by their stem keys, longest first."""

    def __init__(self, entries: Iterable[tuple[tuple[str, ...], T]]):
        grouped: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        for seq, value in entries:
            if seq:
                grouped.setdefault(seq[0], []).append((seq, value))
        self.by_first = {k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in grouped.items()}

    @classmethod
    def build(cls, phrases: Iterable[tuple[str, T]], tokenizer: Tokenizer) -> PhraseIndex[T]:
        return cls((phrase_keys(p, tokenizer), value) for p, value in phrases)

    def candidates(self, key: str) -> tuple[tuple[tuple[str, ...], T], ...]:
        return self.by_first.get(key, ())

    def match(self, keys: Sequence[str | None], i: int) -> tuple[int, T] | None:
        """The longest phrase starting at token ``i``: (end token, value)."""
        for seq, value in self.candidates(keys[i] or ""):
            end = i + len(seq)
            if tuple(keys[i:end]) == seq:
                return end, value
        return None

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_first.values())


@lru_cache(maxsize=1)
def default_plain_words() -> frozenset[str]:
    """Words news uses as plain words, never names (``data/lexicon/plain_words.txt``, built from
    ANERcorp by scripts/build_lexicon.py; stored folded)."""
    return read_words("lexicon/plain_words.txt")
