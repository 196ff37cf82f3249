"""Page furniture in scraped articles: logins, polls, prayer times, share buttons.

A sentence holding a furniture phrase, or enough words of one widget's word set, is furniture;
no entity, claim or event is taken from it. The phrases live in ``data/boilerplate.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from isnad import resources
from isnad.text.normalize import fold, normalize

LONG_LINE_WORDS = 40  # a longer "sentence" is a scraped run of lines: furniture may start inside it


@dataclass(frozen=True)
class Boilerplate:
    """Phrases and word sets that mark page furniture (data/boilerplate.json)."""

    phrases: tuple[str, ...]
    word_sets: tuple[frozenset[str], ...]
    min_set_words: int

    def span_in(self, sentence: str) -> tuple[int, int] | None:
        """The page furniture in a sentence as offsets (the whole of a short one), or None. In a long
        scraped line a furniture phrase runs to the line's end (lists follow their heading), and a
        widget named by a word set (prayer times) covers its words only: the news around stays."""
        nt = normalize(sentence)
        folded = nt.text
        words = folded.split()
        spans: list[tuple[int, int]] = [(folded.find(p), len(folded)) for p in self.phrases if p in folded]
        for ws in self.word_sets:
            found = [m for m in re.finditer(r"\S+", folded) if m.group() in ws]
            if len({m.group() for m in found}) >= self.min_set_words:
                spans.append((found[0].start(), found[-1].end()))
        if not spans:
            return None
        if len(words) <= LONG_LINE_WORDS:
            return 0, len(sentence)
        start, end = min(spans)
        return nt.to_original(start, end)


@lru_cache(maxsize=1)
def default_boilerplate() -> Boilerplate:
    """The packaged furniture phrases."""
    raw = resources.read_json("boilerplate.json")
    return Boilerplate(tuple(fold(p) for p in raw["phrases"]),
                       tuple(frozenset(fold(w) for w in ws) for ws in raw["word_sets"]), raw["min_set_words"])
