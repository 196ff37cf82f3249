"""Lines, quotations, sentences and clauses, all as offsets into the original text.

A line break always ends a sentence (news paragraphs are lines). Sentence-final marks (. ! ? ؟ …)
end a sentence unless they sit inside a number or after a one-letter abbreviation; a closing
quotation mark or bracket right after them stays with the sentence. Quotation marks are paired by
how they are flanked, not by their glyph, because Arabic text uses “ and ” in either role.
Clauses are cut at ، ؛ ; , and at a colon, and a clause that follows a colon is marked as speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, Sequence

if TYPE_CHECKING:
    from isnad.text.tokens import Token

OPEN_ONLY = "«‹"
CLOSE_ONLY = "»›"
EITHER = "“”„‟\"＂"
QUOTE_MARKS = OPEN_ONLY + CLOSE_ONLY + EITHER
FINAL = ".!?؟…"
CLOSERS = ")]}" + QUOTE_MARKS
CLAUSE_MARKS = "،؛;,:"
#: Arabic and Latin forms of one mark, for code outside the text layer that tests for it.
COMMAS = "،,"
SEMICOLONS = "؛;"
QUESTION_MARKS = "؟?"
_SPACE_OR_EDGE = re.compile(r"\s")
_NEUTRAL_BEFORE_QUOTE = "([{:،,؛;-–—"
_WORD_CHAR = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``start``/``end`` include the marks, ``inner_*`` the quoted words."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    opened: bool  # an opening mark was found (otherwise the quote runs from the speech's start)
    closed: bool


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int
    text: str
    after_colon: bool


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    clauses: tuple[Clause, ...]


def lines(text: str) -> list[Line]:
    """Non-blank lines, stripped of surrounding spaces."""
    out: list[Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            start = pos + (len(body) - len(body.lstrip()))
            out.append(Line(start, start + len(stripped), stripped))
        pos += len(raw)
    return out


def _blank(ch: str) -> bool:
    return not ch or bool(_SPACE_OR_EDGE.match(ch))


def _role(text: str, i: int, depth: int) -> str | None:
    """'open', 'close' or None (not a quotation mark here) for the mark at ``i``."""
    ch = text[i]
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    left_flanking = not _blank(after) and (_blank(before) or before in _NEUTRAL_BEFORE_QUOTE)
    right_flanking = not _blank(before) and (_blank(after) or not _WORD_CHAR.match(after))
    if ch in OPEN_ONLY and not right_flanking:
        return "open"
    if ch in CLOSE_ONLY and not left_flanking:
        return "close"
    if left_flanking and not right_flanking:
        return "open"
    if right_flanking and not left_flanking:
        return "close" if depth or ch not in "“„" else "open"
    if _blank(before) and _blank(after):
        return "close" if depth else "open"
    if before and after and _WORD_CHAR.match(before) and _WORD_CHAR.match(after):
        return None  # inside a word: an apostrophe-like use
    return "close" if depth else "open"


def _speech_start(text: str, lo: int, hi: int) -> int:
    """Where a quotation without an opening mark most likely began: after the last colon."""
    colon = text.rfind(":", lo, hi)
    pos = colon + 1 if colon >= 0 else lo
    while pos < hi and text[pos].isspace():
        pos += 1
    return pos


def quotes(text: str, start: int = 0, end: int | None = None) -> list[Quote]:
    """Quotations in ``text[start:end]``; a quote never runs past the end of its line."""
    end = len(text) if end is None else end
    out: list[Quote] = []
    for line in lines(text[start:end]):
        lo, hi = start + line.start, start + line.end
        stack: list[int] = []
        for i in range(lo, hi):
            if text[i] not in QUOTE_MARKS:
                continue
            role = _role(text, i, len(stack))
            if role == "open":
                stack.append(i)
            elif role == "close":
                if stack:
                    o = stack.pop()
                    out.append(Quote(o, i + 1, o + 1, i, True, True))
                else:
                    s = _speech_start(text, lo, i)
                    out.append(Quote(s, i + 1, s, i, False, True))
        for o in stack:
            out.append(Quote(o, hi, o + 1, hi, True, False))
    return sorted(out, key=lambda q: (q.start, -q.end))


def _is_sentence_end(text: str, i: int) -> bool:
    ch = text[i]
    if ch not in FINAL:
        return False
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if ch == "." and before.isdigit() and after.isdigit():
        return False
    if ch == "." and after == ".":
        return False  # part of an ellipsis: the last dot ends it
    if ch == "." and before.isalpha() and (i < 2 or not text[i - 2].isalnum()):
        return False  # one-letter abbreviation: د. محمد، U.S.
    return True


def _clauses(text: str, start: int, end: int) -> tuple[Clause, ...]:
    out: list[Clause] = []
    seg_start = start
    after_colon = False
    for i in range(start, end):
        ch = text[i]
        if ch not in CLAUSE_MARKS:
            continue
        if ch in ",." and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            continue
        out.extend(_clause(text, seg_start, i, after_colon))
        seg_start, after_colon = i + 1, ch == ":"
    out.extend(_clause(text, seg_start, end, after_colon))
    return tuple(out)


def _clause(text: str, start: int, end: int, after_colon: bool) -> Iterator[Clause]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield Clause(start, end, text[start:end], after_colon)


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of ``text[start:end]`` with their clauses."""
    end = len(text) if end is None else end
    out: list[Sentence] = []
    for line in lines(text[start:end]):
        lo, hi = start + line.start, start + line.end
        s = lo
        i = lo
        while i < hi:
            if _is_sentence_end(text, i):
                j = i + 1
                while j < hi and text[j] in FINAL:
                    j += 1
                while j < hi and text[j] in CLOSERS:
                    j += 1
                if j >= hi or text[j].isspace():
                    out.append(_sentence(text, s, j))
                    s = j
                i = j
            else:
                i += 1
        if text[s:hi].strip():
            out.append(_sentence(text, s, hi))
    return out


def _sentence(text: str, start: int, end: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    return Sentence(start, end, text[start:end], _clauses(text, start, end))


# --- the segmentations models were trained on -------------------------------------------------

def token_sentences(text: str, tokens: Sequence[Token]) -> list[list[Token]]:
    """Tokens grouped into sentences as the NER model was trained on them: a group ends after
    sentence-final punctuation and at a line break (no quotation or abbreviation rules)."""
    groups: list[list[Token]] = []
    group: list[Token] = []
    for tok in tokens:
        if group and "\n" in text[group[-1].end:tok.start]:
            groups.append(group)
            group = []
        group.append(tok)
        if tok.kind == "punct" and tok.text in FINAL:
            groups.append(group)
            group = []
    if group:
        groups.append(group)
    return groups


@dataclass(frozen=True)
class RationaleSentence:
    start: int
    end: int
    line: int  # index of the input line (Baly rationale indices count lines)


_RATIONALE_END = re.compile(r"(?<=[.!?\u061f])\s+")
RATIONALE_LONG_LINE = 300  # a scraped line longer than this is cut at sentence ends
RATIONALE_MIN_CHARS = 40  # ... into pieces at least this long


def rationale_sentences(text: str) -> list[RationaleSentence]:
    """Sentences as the Baly 2018 rationales count them (the stance model's unit): lines, and long
    lines cut at sentence-final punctuation, with offsets into ``text``."""
    out: list[RationaleSentence] = []
    pos = 0
    for li, line in enumerate(text.split("\n")):
        start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        pieces = [(0, len(line))]
        if len(line) > RATIONALE_LONG_LINE:
            pieces, a = [], 0
            for m in _RATIONALE_END.finditer(line):
                if m.start() - a >= RATIONALE_MIN_CHARS:
                    pieces.append((a, m.start()))
                    a = m.end()
            pieces.append((a, len(line)))
        for a, b in pieces:
            seg = line[a:b]
            lead = len(seg) - len(seg.lstrip())
            trail = len(seg.rstrip())
            if trail > lead:
                out.append(RationaleSentence(start + a + lead, start + a + trail, li))
    return out
