"""Article anatomy: headline, date line, dateline (PLACE – AUTHOR:) and body.

Works on the text alone, with optional hints from metadata (a title or date from HTML or JSON).
Every part found carries its span and the rule that found it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from isnad.record import Anatomy, Dateline, Decision, Sentence, Span
from isnad.resources import read_json
from isnad.text.dates import DateMatch, find_dates, parse_date, preferred
from isnad.text.inputs import Document
from isnad.text.normalize import fold, normalize
from isnad.text.sentences import COMMAS, QUESTION_MARKS, Line, lines, sentences
from isnad.text.tokens import ARTICLE, ARTICLE_AFTER_CLITIC

if TYPE_CHECKING:
    from isnad.analysis.boilerplate import Boilerplate

HEADER_LINES = 4
TITLE_MAX_CHARS = 250
TITLE_MAX_WORDS = 35
DATELINE_MAX_PLACE_WORDS = 3
DATELINE_MAX_AUTHOR_WORDS = 6
DATE_LINE_MAX_OTHER_WORDS = 3

Credit = Literal["person", "agency", "outlet", "exclusive", "staff"]
_ARABIC_WORD = r"[\u0621-\u064a]+"
_HEAD = re.compile(
    rf"(?P<place>{_ARABIC_WORD}(?:\s+{_ARABIC_WORD}){{0,{DATELINE_MAX_PLACE_WORDS - 1}}}?)"
    r"\s*(?:[" + COMMAS + r"/]\s*(?P<date>[^()\-:|\n]{4,45}?)\s*)?"
    rf"(?:/\s*(?P<slash_credit>{_ARABIC_WORD}(?:\s+{_ARABIC_WORD}){{0,3}})\s*(?=-))?"
    r"(?:-?\s*\(\s*(?P<paren>[^()\n]{1,40}?)\s*\)\s*(?P<paren_sep>[-:])?|(?P<sep>[-:]))\s*"
)
_AUTHOR = re.compile(r"(?P<author>[\"'][^\"'\n]{1,40}[\"']|[^\s:\"'\-|][^:|\n]{0,60}?)\s*(?P<end>:|\||-(?=\s)|$)")
_OUTLET_HEAD = re.compile(r"(?P<outlet>[^\-:|\n]{2,30}?)\s*-\s*")
_CREDIT_LINE = re.compile(r"^(?P<label>[\u0621-\u064a ]{3,20}?)\s*:\s*(?P<credit>[^:\n]{2,60}?)\s*$")


@dataclass(frozen=True)
class DatelineWords:
    agencies: frozenset[str]
    outlets: frozenset[str]
    exclusive: frozenset[str]
    staff: frozenset[str]
    credit_labels: frozenset[str]
    places: frozenset[str]
    not_names: frozenset[str]
    date_fillers: frozenset[str]
    credits: frozenset[str]  # agencies and outlets
    name_particles: frozenset[str]  # أبو، بن: a personal name with one may run to four words


@lru_cache(maxsize=1)
def dateline_words() -> DatelineWords:
    raw = read_json("datelines.json")

    def keys(name: str) -> frozenset[str]:
        return frozenset(_key(w) for w in raw[name])

    return DatelineWords(keys("agencies"), keys("outlets"), keys("exclusive"), keys("staff"), keys("credit_labels"),
                         keys("places"), keys("not_names"), keys("date_fillers"),
                         keys("agencies") | keys("outlets"), frozenset(fold(w) for w in raw["name_particles"]))


def _key(s: str) -> str:
    return " ".join(fold(s).replace(".", " ").split())


@dataclass(frozen=True)
class DatelineMatch:
    start: int
    end: int
    place: tuple[int, int] | None
    author: tuple[int, int] | None
    credit: Credit | None
    date: DateMatch | None
    source: str | None  # outlet credited by a "المصدر: …" line
    rule: str


@dataclass(frozen=True)
class Parts:
    """Where the parts of an article stand, and why."""

    title: Line | None
    title_rule: str | None
    date: DateMatch | None
    date_line: Line | None
    dateline: DatelineMatch | None
    body_start: int
    header_lines: tuple[Line, ...] = field(default_factory=tuple)


# --- datelines -------------------------------------------------------------------------------

def _credit_kind(author: str, words: DatelineWords, quoted: bool) -> Credit:
    key = _key(author)
    first = key.split(" ")[0] if key else ""
    if key in words.exclusive:
        return "exclusive"
    if key in words.agencies:
        return "agency"
    if quoted or key in words.outlets:
        return "outlet"
    if first in words.staff or key in words.staff:
        return "staff"
    return "person"


def _names_ok(phrase: str, words: DatelineWords) -> bool:
    tokens = _key(phrase).split()
    return bool(tokens) and not any(t in words.not_names for t in tokens) and _key(phrase) not in words.not_names


def _quoted_span(s: str, a: int, b: int) -> tuple[int, int]:
    """Shrink [a, b) past surrounding spaces and quotation marks."""
    while a < b and s[a] in " \"'":
        a += 1
    while b > a and s[b - 1] in " \"'":
        b -= 1
    return a, b


def _credit_at(s: str, pos: int, words: DatelineWords) -> int | None:
    """End of a known agency or outlet name written at ``pos`` (longest first), if any."""
    tail = s[pos:]
    for n_words in (4, 3, 2, 1):
        m = re.match(rf"\S+(?:\s+\S+){{{n_words - 1}}}(?=[\s:|\-]|$)", tail)
        if m and _key(m.group()) in words.credits:
            return pos + m.end()
    return None


def _looks_like_person(name: str, words: DatelineWords) -> bool:
    """عمار البكور، أحمد رحال، سائد أبو فرحة: two or three words (four with أبو/عبد/بن), the
    first not definite, no digits, no word with a conjunction or preposition on its article."""
    parts = [fold(p) for p in name.split()]
    longest = 4 if words.name_particles & set(parts) else 3
    return (2 <= len(parts) <= longest and not parts[0].startswith(ARTICLE)
            and not any(c.isdigit() for c in name) and not any(p.startswith(ARTICLE_AFTER_CLITIC) for p in parts))


def _known_credit(name: str, credit: Credit, words: DatelineWords) -> bool:
    """An agency or outlet on our lists, or an outlet's own report (خاص)."""
    return credit == "exclusive" or _key(name) in words.credits


def _byline_ok(name: str, credit: Credit, closed: bool, known_place: bool, known_credit: bool,
               words: DatelineWords) -> bool:
    """Is the text after "PLACE -" a byline? A person's byline must look like a name; a byline
    not closed by a colon or the line's end is trusted only after a known place."""
    if not 0 < len(name.split()) <= DATELINE_MAX_AUTHOR_WORDS:
        return False
    if credit == "person" and not _looks_like_person(name, words):
        return False
    if not known_place and credit != "person" and not known_credit:
        return False  # "العربي - «نيويورك تايمز»:" is a headline, not a dateline
    return closed or known_place


def parse_dateline(text: str, start: int = 0, end: int | None = None) -> DatelineMatch | None:
    """A dateline at ``text[start:end]`` (a line or the opening of a paragraph), if there is one."""
    end = len(text) if end is None else end
    words = dateline_words()
    nt = normalize(text[start:end])
    s = nt.text

    def span(a: int, b: int) -> tuple[int, int]:
        oa, ob = nt.to_original(a, b)
        return start + oa, start + ob

    def match(rule: str, upto: int, place: tuple[int, int], author: tuple[int, int] | None,
              credit: Credit | None, date: DateMatch | None) -> DatelineMatch:
        a, b = span(0, upto)
        if credit == "exclusive":
            author = None
        return DatelineMatch(a, b, span(*place), span(*author) if author else None, credit, date, None, rule)

    credit_line = _CREDIT_LINE.match(s)
    if credit_line and _key(credit_line.group("label")) in words.credit_labels:
        a, b = span(0, len(s))
        return DatelineMatch(a, b, None, None, "outlet", None, credit_line.group("credit").strip(' "'),
                             "credit line (المصدر: …)")  # a rule's name in the records, not a word list

    pos, rule_prefix = 0, ""
    outlet = _OUTLET_HEAD.match(s)
    if outlet and _key(outlet.group("outlet")) in words.credits:
        pos, rule_prefix = outlet.end(), "OUTLET - "
    head = _HEAD.match(s, pos)
    if not head:
        return None
    place = head.group("place")
    if not _names_ok(place, words) or _key(place) in words.credits:
        return None
    known_place = _key(place) in words.places
    date = None
    if head.group("date"):
        if not re.search(r"\d", head.group("date")):
            return None
        lo, hi = nt.to_original(*head.span("date"))
        inside = [d for d in find_dates(nt.original, nt) if lo <= d.start < hi]
        if inside:  # a day and month without a year is still a dateline, just not a full date
            date = replace(inside[0], start=start + inside[0].start, end=start + inside[0].end)
    sep, rest = head.group("sep"), head.end()

    trusted_place = known_place or bool(rule_prefix)  # a known place, or one after an outlet's name
    for group, rule in (("slash_credit", "PLACE / DATE / CREDIT -"), ("paren", "PLACE (CREDIT)")):
        if head.group(group):
            a, b = _quoted_span(s, *head.span(group))
            name = s[a:b]
            credit = _credit_kind(name, words, s[head.start(group)] in "\"'")
            known_credit = _known_credit(name, credit, words)
            separated = bool(head.group("paren_sep")) or group == "slash_credit"
            if not ((known_credit and (trusted_place or separated))
                    or (_looks_like_person(name, words) and _names_ok(name, words) and trusted_place)):
                return None
            return match(rule_prefix + rule, rest, head.span("place"), (a, b), credit, date)
    if sep == ":" and known_place:
        return match(rule_prefix + "known PLACE:", rest, head.span("place"), None, None, date)
    if sep != "-":
        return None

    credit_end = _credit_at(s, rest, words)
    if credit_end is not None and (trusted_place or re.match(r"\s*(?::|-|\||$)", s[credit_end:])):
        after = re.match(r"\s*[:|\-]?", s[credit_end:])
        upto = credit_end + (after.end() if after else 0)
        name = s[rest:credit_end]
        return match(rule_prefix + "PLACE - AGENCY", upto, head.span("place"), (rest, credit_end),
                     _credit_kind(name, words, False), date)
    author = _AUTHOR.match(s, rest)
    if author:
        a, b = _quoted_span(s, *author.span("author"))
        name = s[a:b]
        quoted = s[author.start("author")] in "\"'"
        credit = _credit_kind(name, words, quoted)
        closed = author.group("end") == ":" or author.end() >= len(s.rstrip())
        known_credit = _known_credit(name, credit, words)
        if (quoted or _names_ok(name, words)) and _byline_ok(name, credit, closed, trusted_place, known_credit, words):
            return match(rule_prefix + "PLACE - AUTHOR" + author.group("end").strip(), author.end(),
                         head.span("place"), (a, b), credit, date)
    if known_place:
        return match(rule_prefix + "known PLACE - text", rest, head.span("place"), None, None, date)
    return None


# --- date lines and titles -------------------------------------------------------------------

def date_line(line: Line) -> DateMatch | None:
    """The date a line states when the line is essentially a date (publication-date line)."""
    dates = find_dates(line.text)
    if not dates:
        return None
    best = preferred(dates)
    if best.precision != "day":
        return None  # "العام 2043" is not a publication date
    rest = line.text
    for d in dates:
        rest = rest[: d.start] + " " * (d.end - d.start) + rest[d.end:]
    words = dateline_words()
    leftover = [w for w in re.findall(r"[\u0621-\u064aA-Za-z]+", fold(rest)) if _key(w) not in words.date_fillers]
    if len(leftover) > DATE_LINE_MAX_OTHER_WORDS:
        return None
    return replace(best, start=line.start + best.start, end=line.start + best.end)


def headline_rule(line: Line, has_more: bool) -> str | None:
    """Why ``line`` reads as a headline, or None."""
    if not has_more or len(line.text) > TITLE_MAX_CHARS or len(line.text.split()) > TITLE_MAX_WORDS:
        return None
    if line.text.endswith((".", ":", *COMMAS)):
        return None
    if line.text.endswith(tuple(QUESTION_MARKS)):
        return "question headline on the first line"
    return "short first line without a final full stop"


def _same_title(a: str, b: str) -> bool:
    ka, kb = _key(a), _key(b)
    return bool(ka and kb) and (ka == kb or ka.startswith(kb) or kb.startswith(ka))


def anatomy(text: str, title_hint: str | None = None) -> Parts:
    """Find headline, date line and dateline among the first lines; the rest is the body."""
    all_lines = lines(text)
    if not all_lines:
        return Parts(None, None, None, None, None, 0)
    readings: dict[int, tuple[DateMatch | None, DatelineMatch | None]] = {}

    def read(i: int) -> tuple[DateMatch | None, DatelineMatch | None]:
        """A header line read as a date line and as a dateline, once."""
        if i not in readings:
            line = all_lines[i]
            readings[i] = date_line(line), parse_dateline(text, line.start, line.end)
        return readings[i]

    title = title_rule = date = date_ln = dateline = None
    used: list[Line] = []
    i = 0
    first = all_lines[0]
    if title_hint and _same_title(first.text, title_hint):
        title, title_rule = first, "first line is the title given by the metadata"
    elif read(0) == (None, None):
        rule = headline_rule(first, len(all_lines) > 1)
        if rule:
            title, title_rule = first, rule
    if title:
        used.append(first)
        i = 1
    while i < min(len(all_lines), HEADER_LINES + 1):
        found_date, found_dateline = read(i)
        if date is None and found_date is not None:
            date, date_ln = found_date, all_lines[i]
        elif dateline is None and found_dateline is not None:
            dateline = found_dateline
        else:
            break
        used.append(all_lines[i])
        i += 1
    body_start = all_lines[i].start if i < len(all_lines) else len(text)
    if dateline is None and i < len(all_lines):
        opening = all_lines[i]
        dl = read(i)[1]
        if dl is not None and dl.source is None and dl.end < opening.end:
            dateline = dl
            body_start = dl.end
            while body_start < len(text) and text[body_start].isspace():
                body_start += 1
    return Parts(title, title_rule, date, date_ln, dateline, body_start, tuple(used))


# --- the record's anatomy ---------------------------------------------------------------------

def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def publication_date(text: str, parts: Parts, doc: Document,
                      published: str | None) -> tuple[str | None, Decision | None]:
    """The publication date and why: argument, then metadata, then date line, then dateline; a crawl
    date (WARC) is only a fallback after the dates in the text."""
    crawl = doc.published if doc.published_from == "warc-date" else None
    candidates: list[tuple[str | None, str]] = [
        (published, "given by the caller"),
        (None if crawl else doc.published, f"metadata ({doc.published_from or 'input field'})"),
    ]
    if crawl and not _has_text_date(parts):
        candidates.append((crawl, "the crawl date (no date in the text)"))
    for raw, origin in candidates:
        if raw:
            found = parse_date(raw)
            if found is not None:
                return found.date.isoformat(), Decision(field="published", value=found.date.isoformat(),
                                                        rule=f"{origin}: {found.reason}")
    in_text: list[tuple[DateMatch, str]] = []
    if parts.date:
        in_text.append((parts.date, "date line"))
    if parts.dateline and parts.dateline.date:
        in_text.append((parts.dateline.date, "date in the dateline"))
    for found, origin in in_text:
        rule = f"{origin}: {found.reason}"
        if found.weekday_ok is False:
            rule += " (the weekday named does not match this date)"
        if found.precision != "day":
            rule += f" ({found.precision} precision: first day of the {found.precision})"
        return found.date.isoformat(), Decision(field="published", value=found.date.isoformat(), rule=rule,
                                                evidence=_span(text, found.start, found.end))
    unread = [raw for raw, _ in candidates if raw]
    if unread:
        return None, Decision(field="published", value=None, rule=f"could not read the date {unread[0]!r}")
    return None, None


def _has_text_date(parts: Parts) -> bool:
    return bool(parts.date or (parts.dateline and parts.dateline.date))


def dateline_record(text: str, parts: Parts) -> Dateline:
    """The record's dateline: place, author and credit with their spans."""
    dl = parts.dateline
    if dl is None:
        return Dateline()
    place = _span(text, *dl.place) if dl.place else None
    author = _span(text, *dl.author) if dl.author else None
    return Dateline(place=place.text if place else None, author=author.text if author else None,
                    place_span=place, author_span=author, credit=dl.credit, source=dl.source,
                    span=_span(text, dl.start, dl.end))


def anatomy_record(text: str, parts: Parts) -> Anatomy:
    """The spans of headline, date line, dateline and body."""
    body_end = len(text.rstrip())
    return Anatomy(
        title=_span(text, parts.title.start, parts.title.end) if parts.title else None,
        date=_span(text, parts.date.start, parts.date.end) if parts.date else None,
        dateline=_span(text, parts.dateline.start, parts.dateline.end) if parts.dateline else None,
        body=_span(text, parts.body_start, body_end) if parts.body_start < body_end else None,
    )


def sentence_records(text: str, parts: Parts, furniture: Boilerplate) -> list[Sentence]:
    """The header lines and the body's sentences, each with its part; page furniture inside
    a scraped line is cut out as a sentence of its own."""
    out: list[Sentence] = []
    for line in parts.header_lines:
        if parts.title is not None and line == parts.title:
            part = "title"
        elif parts.date_line is not None and line == parts.date_line:
            part = "date"
        else:
            part = "dateline"
        out.append(Sentence(start=line.start, end=line.end, text=line.text, part=part))
    dl = parts.dateline
    if dl is not None and not any(line.start == dl.start for line in parts.header_lines):
        # a dateline that opens the first paragraph
        out.append(Sentence(start=dl.start, end=dl.end, text=text[dl.start:dl.end], part="dateline"))
    for s in sentences(text, parts.body_start):
        cut = furniture.span_in(s.text)
        if cut is None:
            out.append(Sentence(start=s.start, end=s.end, text=s.text, part="body"))
            continue
        a, b = s.start + cut[0], s.start + cut[1]
        for lo, hi, part in ((s.start, a, "body"), (a, b, "boilerplate"), (b, s.end, "body")):
            while lo < hi and text[lo].isspace():
                lo += 1
            while hi > lo and text[hi - 1].isspace():
                hi -= 1
            if hi > lo:  # a scraped line that runs between news and page furniture
                out.append(Sentence(start=lo, end=hi, text=text[lo:hi], part=part))
    return out
