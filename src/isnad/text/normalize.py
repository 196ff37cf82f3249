"""Normalisation of Arabic text for matching, with an offset map back to the original.

Every later stage matches lexicons against the normalised form but reports spans in the original
characters: :class:`NormalizedText` carries, for each normalised character, the original span it
came from, so ``original[a:b]`` is always the exact text behind a normalised match.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

DIACRITICS = frozenset(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
)
TATWEEL = "\u0640"
ALEF_VARIANTS = {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
                 "\u0672": "\u0627", "\u0673": "\u0627"}
ALEF_MAQSURA = {"\u0649": "\u064a"}
TA_MARBUTA = {"\u0629": "\u0647", "\u06c0": "\u0647", "\u06c3": "\u0647"}
HAMZA_SEATS = {"\u0624": "\u0648", "\u0626": "\u064a"}
PERSIAN_LETTERS = {"\u06cc": "\u064a", "\u06d2": "\u064a", "\u06a9": "\u0643", "\u06aa": "\u0643",
                   "\u06d5": "\u0647", "\u06be": "\u0647", "\u06c1": "\u0647"}
DIGITS = {**{chr(0x0660 + i): str(i) for i in range(10)},
          **{chr(0x06F0 + i): str(i) for i in range(10)},
          "\u066b": ".", "\u066c": ",", "\u066a": "%"}
QUOTES = {**{c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u2039\u203a\uff02"},
          **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\uff07"}}
DASHES = {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"}
INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061"
                      "\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff\u061c\u00ad")
SPACES = {c: " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
          "\u200a\u202f\u205f\u3000"}


@dataclass(frozen=True)
class NormalizeOptions:
    """Which folds to apply; the defaults are the matching form used by every lexicon."""

    diacritics: bool = True
    tatweel: bool = True
    alef: bool = True
    alef_maqsura: bool = True
    ta_marbuta: bool = True
    hamza: bool = True
    persian: bool = True
    digits: bool = True
    punctuation: bool = True
    invisible: bool = True
    presentation_forms: bool = True


#: Only removes what is never meaningful for spelling: marks, tatweel, invisibles, letter forms.
LIGHT = NormalizeOptions(alef=False, alef_maqsura=False, ta_marbuta=False, hamza=False,
                         digits=False, punctuation=False)
#: The full matching form.
MATCHING = NormalizeOptions()


@lru_cache(maxsize=8)
def _table(options: NormalizeOptions) -> dict[str, str]:
    """Character → replacement ('' deletes) for the chosen options."""
    table: dict[str, str] = {}
    if options.punctuation:
        table.update(QUOTES)
        table.update(DASHES)
        table.update(SPACES)
    if options.digits:
        table.update(DIGITS)
    if options.persian:
        table.update(PERSIAN_LETTERS)
    if options.hamza:
        table.update(HAMZA_SEATS)
    if options.ta_marbuta:
        table.update(TA_MARBUTA)
    if options.alef_maqsura:
        table.update(ALEF_MAQSURA)
    if options.alef:
        table.update(ALEF_VARIANTS)
    if options.diacritics:
        table.update(dict.fromkeys(DIACRITICS, ""))
    if options.tatweel:
        table[TATWEEL] = ""
    if options.invisible:
        table.update(dict.fromkeys(INVISIBLE, ""))
    if options.presentation_forms:
        for cp in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)):
            decomposed = unicodedata.normalize("NFKC", chr(cp))
            if decomposed != chr(cp):
                table[chr(cp)] = "".join(table.get(c, c) for c in decomposed)
    return table


@lru_cache(maxsize=8)
def _translation(options: NormalizeOptions) -> dict[int, str]:
    return str.maketrans(_table(options))


def _attaches_to_previous(ch: str) -> bool:
    """Marks written on a letter belong to that letter's span when they are deleted."""
    return ch in DIACRITICS or ch == TATWEEL


@dataclass(frozen=True)
class NormalizedText:
    """A normalised string and, for each of its characters, the original span it came from."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) to the original span it covers."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside normalised text of length {len(self.text)}")
        if start == end:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def original_text(self, start: int, end: int) -> str:
        """The original characters behind a normalised span."""
        a, b = self.to_original(start, end)
        return self.original[a:b]

    def from_original(self, offset: int) -> int:
        """The first normalised index whose original start is at or after ``offset``."""
        return bisect_left(self.starts, offset)


@lru_cache(maxsize=8)
def _irregular(options: NormalizeOptions) -> re.Pattern:
    """The characters whose normal form is not exactly one character (deleted or expanded)."""
    chars = [c for c, v in _table(options).items() if len(v) != 1]
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def normalize(text: str, options: NormalizeOptions = MATCHING) -> NormalizedText:
    """Normalise ``text`` and keep the offset map back to it."""
    table = _table(options)
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _irregular(options).finditer(text):
        i = m.start()
        starts.extend(range(pos, i))
        ends.extend(range(pos + 1, i + 1))
        folded = table[text[i]]
        if folded:
            starts.extend([i] * len(folded))
            ends.extend([i + 1] * len(folded))
        elif ends and _attaches_to_previous(text[i]) and ends[-1] == i:
            # a deleted mark stays inside the span of the letter it sits on
            last = len(ends) - 1
            while last >= 0 and ends[last] == i:
                ends[last] = i + 1
                last -= 1
        pos = i + 1
    starts.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    return NormalizedText(text, text.translate(_translation(options)), tuple(starts), tuple(ends))


def fold(text: str, options: NormalizeOptions = MATCHING) -> str:
    """Just the normalised string, for lexicon keys and lookups."""
    return text.translate(_translation(options))
