"""Perspective: whose vocabulary the article and each quoted source use.

Two kinds of evidence: actor names whose side the catalogue records (الخوارج is jihadist rivals'
word for ISIS, النظام the opposition's for the government) and side words from
``data/perspective.json`` (المحرر، الإرهابيين، الاحتلال التركي). A word inside a claim's content
speaks for that claim's source; any other word speaks for the article itself. Each voice gets the
count per side, the words that show it, and a leaning when one side clearly leads.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Sequence

from isnad.knowledge.catalogue import Catalogue
from isnad.knowledge.lexicons import PhraseIndex, phrase_keys
from isnad.record import Claim, Perspective, SideMarker, Voice
from isnad.resources import read_json
from isnad.text.tokens import Tokenizer, name_start

if TYPE_CHECKING:
    from isnad.analysis.doc import ArticleDoc

NEUTRAL = "neutral"


@dataclass(frozen=True)
class Vocabulary:
    phrases: PhraseIndex[tuple[tuple[str, ...], tuple[str, ...]]]  # -> (the phrase's keys, its sides)

    def match(self, keys: Sequence[str | None], i: int) -> tuple[int, tuple[str, ...], tuple[str, ...]] | None:
        hit = self.phrases.match(keys, i)
        return None if hit is None else (hit[0], *hit[1])


def build_vocabulary(raw: dict, tokenizer: Tokenizer) -> Vocabulary:
    by_phrase: dict[tuple[str, ...], list[str]] = {}
    for side, words in raw["sides"].items():
        for word in words:
            seq = phrase_keys(word, tokenizer)
            if seq and side not in by_phrase.setdefault(seq, []):
                by_phrase[seq].append(side)
    return Vocabulary(PhraseIndex((seq, (seq, tuple(sides))) for seq, sides in by_phrase.items()))


@lru_cache(maxsize=4)
def default_vocabulary(tokenizer: Tokenizer) -> Vocabulary:
    return build_vocabulary(read_json("perspective.json"), tokenizer)


def markers(doc: ArticleDoc, catalogue: Catalogue, vocabulary: Vocabulary) -> list[SideMarker]:
    """Every word of the document that shows a side, in text order: catalogue aliases in a side's
    wording, then the side words of the vocabulary."""
    text, tokens, keys, entities = doc.text, doc.tokens, doc.keys, list(doc.entities)
    out: list[SideMarker] = []
    taken: list[tuple[int, int]] = []
    for e in entities:
        if e.kind != "actor":
            continue
        for m in e.mentions:
            side = catalogue.side_of(m.text)
            if side and side != NEUTRAL:
                out.append(SideMarker(start=m.start, end=m.end, text=m.text, side=side,
                                      rule=f"catalogue: {m.text!r} names {e.key} in {side} wording"))
                taken.append((m.start, m.end))
    i = 0
    while i < len(tokens):
        hit = vocabulary.match(keys, i) if keys[i] else None
        if hit is None:
            i += 1
            continue
        end, seq, sides = hit
        start = name_start(tokens[i])
        stop = tokens[end - 1].end
        if not any(a < stop and start < b for a, b in taken):
            for side in sides:
                out.append(SideMarker(start=start, end=stop, text=text[start:stop], side=side,
                                      rule=f"vocabulary: {' '.join(seq)} is {side} wording"))
        i = end
    return sorted(out, key=lambda m: (m.start, m.side))


def _voice(found: list[SideMarker], claim: Claim | None) -> Voice:
    counts = Counter(m.side for m in found)
    ranked = counts.most_common()
    leaning = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
    return Voice(claim=claim.id if claim else None, source=claim.source.text if claim else None,
                 sides=dict(sorted(counts.items())), leaning=leaning, markers=found)


def perspective(found: list[SideMarker], claims: Sequence[Claim]) -> Perspective:
    """The article's own voice and each source's voice; a marker belongs to the innermost claim
    whose content holds it."""
    by_claim: dict[str, list[SideMarker]] = {}
    own: list[SideMarker] = []
    for m in found:
        holders = [c for c in claims if c.content.start <= m.start and m.end <= c.content.end]
        if holders:
            inner = min(holders, key=lambda c: c.content.end - c.content.start)
            by_claim.setdefault(inner.id, []).append(m)
        else:
            own.append(m)
    sources = [_voice(by_claim[c.id], c) for c in claims if c.id in by_claim]
    return Perspective(article=_voice(own, None), sources=sources)
