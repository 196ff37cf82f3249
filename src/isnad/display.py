"""Arabic in a terminal: visual reordering and letter shaping for terminals without BiDi support.

Most terminals print characters left to right in the order they are stored, so Arabic comes out
reversed and unjoined. :func:`visual` applies the Unicode BiDi reordering for a line (implicit
levels, no explicit embeddings: enough for news text with numbers and Latin names) after shaping
the letters into their joined forms. Terminals that do their own BiDi (Konsole, mlterm, recent
VTE) and non-terminals (pipes, files) get the text unchanged.
"""

from __future__ import annotations

import os
from typing import Literal, TextIO

import arabic_reshaper

from isnad.text.normalize import DIGITS

BidiMode = Literal["auto", "visual", "logical"]
_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")
_ARABIC_DIGITS = frozenset(c for c, digit in DIGITS.items() if digit.isdigit())  # Arabic-Indic and Persian


def _klass(ch: str) -> str:
    """R (Arabic letter), L (other letter), N (number) or O (neutral)."""
    cp = ord(ch)
    if ch.isdigit() or ch in _ARABIC_DIGITS:
        return "N"
    if 0x0590 <= cp <= 0x08FF or 0xFB1D <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF:
        return "R" if ch.isalpha() or 0xFB50 <= cp else "O"
    if ch.isalpha():
        return "L"
    return "O"


def _levels(line: str) -> list[int]:
    classes = [_klass(c) for c in line]
    base_rtl = next((c == "R" for c in classes if c in "RL"), False)
    base = 1 if base_rtl else 0
    # numbers count as R when resolving the neutrals around them (UBA rule N1)
    strong = ["R" if c == "N" else c for c in classes]
    levels: list[int] = []
    n = len(line)
    for i, c in enumerate(classes):
        if c == "R":
            levels.append(1)
        elif c == "L":
            levels.append(2 if base_rtl else 0)
        elif c == "N":
            prev = next((classes[j] for j in range(i - 1, -1, -1) if classes[j] in "RL"), "R" if base_rtl else "L")
            levels.append(2 if base_rtl or prev == "R" else 0)
        else:
            before = next((strong[j] for j in range(i - 1, -1, -1) if strong[j] in "RL"), None)
            after = next((strong[j] for j in range(i + 1, n) if strong[j] in "RL"), None)
            if before == after == "L":
                levels.append(2 if base_rtl else 0)
            elif before == after == "R":
                levels.append(1)
            else:
                levels.append(base)
    return levels


def visual(line: str) -> str:
    """The line in display order, with Arabic letters shaped."""
    if not any(_klass(c) == "R" for c in line):
        return line
    shaped = arabic_reshaper.reshape(line)
    levels = _levels(shaped)
    chars = [c.translate(_MIRROR) if lvl % 2 else c for c, lvl in zip(shaped, levels)]
    top = max(levels)
    for level in range(top, 0, -1):
        i = 0
        while i < len(chars):
            if levels[i] >= level:
                j = i
                while j < len(chars) and levels[j] >= level:
                    j += 1
                chars[i:j] = chars[i:j][::-1]
                levels[i:j] = levels[i:j][::-1]
                i = j
            else:
                i += 1
    return "".join(chars)


def terminal_does_bidi() -> bool:
    vte = os.environ.get("VTE_VERSION", "")
    return bool(os.environ.get("KONSOLE_VERSION") or "mlterm" in os.environ.get("TERM", "")
                or (vte.isdigit() and int(vte) >= 5800))


def wants_visual(mode: BidiMode, stream: TextIO) -> bool:
    """Whether to reorder for display: asked for, or a terminal that does not do BiDi itself."""
    mode = os.environ.get("ISNAD_BIDI", mode) if mode == "auto" else mode  # type: ignore[assignment]
    if mode == "visual":
        return True
    if mode == "logical":
        return False
    return bool(getattr(stream, "isatty", lambda: False)()) and not terminal_does_bidi()
