"""Time expressions in Arabic news, resolved against the publication date into a date range.

:func:`find_times` finds every time expression in a text (اليوم، أمس، فجر الأربعاء، الخميس الماضي،
قبل أسبوع تقريباً، منذ يومين، خلال الأيام الماضية، الشهر الماضي، أواخر آذار، 15 آذار، absolute
dates from :mod:`isnad.dates`, and anchored ones: بعد أيام، في اليوم التالي) and gives each an
inclusive range ``first..last`` plus an ACLED ``time_precision``. Matching runs on the folded text
(:func:`isnad.text.normalize.normalize`); spans are reported in the ORIGINAL text. The lexicon
(relative words, units, number words, modifiers) is data in ``data/time.json``; weekday, month and
ordinal names come from ``data/calendar.json`` through :func:`isnad.dates.calendar_data`.

ACLED time_precision (ACLED Codebook, https://acleddata.com/knowledge-base/codebook/ , as
paraphrased in mapme.biodiversity ``R/calc_fatalities_acled.R``): 1 = the source gives the actual
date of the event; 2 = the source says the event happened sometime during a week "or within a
similar period of time"; 3 = the source only says it happened sometime during a month ("in the past
two or three weeks, or in January"). Here one rule turns a resolved range into that code
(:func:`precision_of`): a single day -> 1; a range of 2 to 10 days -> 2; anything wider -> 3.

Reading rules (each expression's ``reason`` names the one used):

* day words (اليوم، أمس، أول من أمس، الليلة الماضية، غداً) shift the publication date; a day part
  before them (صباح، مساء، فجر، ليل) keeps the day; a weekday after them is only checked.
  الليلة الماضية is the night that starts the day before publication.
* a weekday alone (الخميس، يوم الخميس، فجر الأربعاء) is the most recent such day on or before
  publication (0 to 6 days back: news is past tense); with الماضي it is strictly before
  publication (7 days back when it is the publication weekday); with المقبل the next one after.
* قبل/منذ + N units: the publication date minus N units. Days are exact; a week, month or year
  carries a fuzz (a week ago = 5..9 days ago); a plural without number (قبل أيام، بضعة أيام) is a
  vague count (2..7 days); تقريباً/نحو/حوالي widen the range by a quarter of the quantity (at
  least a day). منذ gives the start of a state that may last to publication, so it reads like قبل.
  "قبل/بعد N units من X" is relative to an event X, not to a date, and is not read.
* خلال الأيام/الأسابيع الماضية and في الآونة الأخيرة: from N units before publication up to it.
* الأسبوع/الشهر/العام الماضي (الجاري، المقبل، هذا ...): calendar units; weeks start on Saturday,
  but هذا الأسبوع is the seven days up to publication (a Saturday paper's "this week" is the
  week that just ended).
* مطلع/منتصف/أواخر + الشهر/العام/a month name: the first, middle or last ten days of the month
  (or the first, middle, last months of a year). A month name without a year takes the
  publication year, or the previous year when the month is after the publication month (with
  الماضي: when it is not before it); a day and month without a year likewise.
* absolute dates come from :func:`isnad.dates.find_dates` (a month reading is its whole month).
* anchored expressions (بعد أيام، بعد يومين، بعد ذلك بأسبوع، في اليوم التالي، في اليوم نفسه)
  are relative to the nearest EARLIER expression in the same text (or to ``anchor``), not to
  publication; their end is clipped to the publication date when the anchor is before it.

Without a publication date only what does not need one is returned (absolute dates with a year,
and anchored expressions that have an anchor). Overlapping readings keep the longest.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Callable, Literal, Mapping

from isnad.resources import read_json
from isnad.text.dates import DateMatch, calendar_data, find_dates
from isnad.record import EventDate
from isnad.text.normalize import NormalizedText, fold, normalize

if TYPE_CHECKING:
    from isnad.analysis.doc import ArticleDoc

Kind = Literal["absolute", "relative", "weekday", "period", "anchored", "undated"]

_AR = "\u0621-\u064a"
_EDGE_R = rf"(?![{_AR}A-Za-z0-9])"
_COMMA = "،"  # the Arabic comma, beside "," in separator classes: punctuation, not a word


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression: its span in the original text and the inclusive date range it means."""

    start: int
    end: int
    text: str
    first: dt.date
    last: dt.date
    precision: int  # ACLED time_precision: 1 day, 2 up to ~10 days, 3 wider
    kind: str  # absolute | relative | weekday | period | anchored | undated
    reason: str


@dataclass(frozen=True)
class Unit:
    days: float
    fuzz: int
    vague: tuple[int, int]


@dataclass(frozen=True)
class TimeLexicon:
    """``data/time.json`` with every key folded to the matching form."""

    day_words: Mapping[str, int]
    day_parts: tuple[str, ...]
    day_prefixes: tuple[str, ...]
    today_rejected_after: frozenset[str]
    today_rejected_before: frozenset[str]
    weekday_rejected_before: frozenset[str]
    past: frozenset[str]
    current: frozenset[str]
    next: frozenset[str]
    this: tuple[str, ...]
    recent_adjectives: tuple[str, ...]
    period_prepositions: tuple[str, ...]
    period_fillers: tuple[str, ...]
    units: Mapping[str, tuple[str, int | None]]
    unit_sizes: Mapping[str, Unit]
    vague_before: tuple[str, ...]
    vague_after: tuple[str, ...]
    half: tuple[str, ...]
    numbers: Mapping[str, int]
    approximators: Mapping[str, str]
    approximators_after: tuple[str, ...]
    widening: float
    calendar_units: Mapping[str, str]
    week_start: int
    month_parts: Mapping[str, tuple[int, int]]
    year_parts: Mapping[str, tuple[int, int]]
    month_word: tuple[str, ...]
    year_words: tuple[str, ...]
    recent_phrases: Mapping[str, int]
    next_nouns: Mapping[str, str]
    next_adjectives: tuple[str, ...]
    same_nouns: tuple[str, ...]
    same_after: tuple[str, ...]
    same_before: tuple[str, ...]
    anchor_that: tuple[str, ...]
    anchor_suffixes: tuple[str, ...]
    undated_days: int
    conjunction_letters: str  # clitic letters a time word may carry (وأمس)
    preposition_letters: str  # … before a month or year part (بمطلع)
    article: str
    of: tuple[str, ...]
    count_prepositions: Mapping[str, str]  # قبل/منذ/بعد -> before | since | after
    count_rejected_after: frozenset[str]
    night_words: tuple[str, ...]
    anchored_prepositions: tuple[str, ...]
    anchor_distance_prefixes: tuple[str, ...]  # بعد ذلك بأسبوع
    recent_after_preposition: frozenset[str]  # recent adjectives read only after a preposition
    year_nouns: tuple[str, ...]  # the calendar units that are years (العام، السنة)
    month_nouns: tuple[str, ...]
    one: tuple[str, ...]  # number words for 1 (يوم واحد)
    today_words: frozenset[str]  # day words of the publication day, checked against their neighbours
    that_word: str  # the anchor_that word a reason quotes (بعد ذلك بأسبوع)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text)).strip().lower()


def _keys(items) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_key(i) for i in items))


def _map(raw: dict, value=lambda v: v) -> Mapping:
    return MappingProxyType({_key(k): value(v) for k, v in raw.items() if not k.startswith("_")})


@lru_cache(maxsize=1)
def lexicon() -> TimeLexicon:
    """The time lexicon, loaded once."""
    raw = read_json("time.json")
    weekdays = calendar_data().weekdays
    calendar_units = _map(raw["calendar_units"])
    return TimeLexicon(
        day_words=_map(raw["day_words"], int),
        day_parts=_keys(raw["day_parts"]),
        day_prefixes=_keys(raw["day_prefixes"]),
        today_rejected_after=frozenset(_keys(raw["today_rejected_after"])),
        today_rejected_before=frozenset(_keys(raw["today_rejected_before"])),
        weekday_rejected_before=frozenset(_keys(raw["weekday_rejected_before"])),
        past=frozenset(_keys(raw["past"])),
        current=frozenset(_keys(raw["current"])),
        next=frozenset(_keys(raw["next"])),
        this=_keys(raw["this"]),
        recent_adjectives=_keys(raw["recent_adjectives"]),
        period_prepositions=_keys(raw["period_prepositions"]),
        period_fillers=_keys(raw["period_fillers"]),
        units=_map(raw["units"], lambda v: (v[0], v[1])),
        unit_sizes=_map(raw["unit_sizes"], lambda v: Unit(float(v["days"]), int(v["fuzz"]), tuple(v["vague"]))),
        vague_before=_keys(raw["vague_before"]),
        vague_after=_keys(raw["vague_after"]),
        half=_keys(raw["half"]),
        numbers=_map(raw["numbers"], int),
        approximators=_map(raw["approximators"]),
        approximators_after=_keys(raw["approximators_after"]),
        widening=float(raw["approximate_widening"]),
        calendar_units=calendar_units,
        week_start=weekdays[_key(raw["week_starts_on"])],
        month_parts=_map(raw["month_parts"], tuple),
        year_parts=_map(raw["year_parts"], tuple),
        month_word=_keys(raw["month_word"]),
        year_words=_keys(raw["year_words"]),
        recent_phrases=_map(raw["recent_phrases"], int),
        next_nouns=_map(raw["anchor_next"]["nouns"]),
        next_adjectives=_keys(raw["anchor_next"]["adjectives"]),
        same_nouns=_keys(raw["anchor_same"]["nouns"]),
        same_after=_keys(raw["anchor_same"]["after"]),
        same_before=_keys(raw["anchor_same"]["before"]),
        anchor_that=_keys(raw["anchor_that"]),
        anchor_suffixes=_keys(raw["anchor_suffixes"]),
        undated_days=int(raw["undated"]["days_before"]),
        conjunction_letters="".join(raw["clitic_letters"]["conjunctions"]),
        preposition_letters="".join(raw["clitic_letters"]["prepositions"]),
        article=_key(raw["article"]),
        of=_keys(raw["of"]),
        count_prepositions=_map(raw["count_prepositions"]),
        count_rejected_after=frozenset(_keys(raw["count_rejected_after"])),
        night_words=_keys(raw["night_words"]),
        anchored_prepositions=_keys(raw["anchored_prepositions"]),
        anchor_distance_prefixes=_keys(raw["anchor_distance_prefixes"]),
        recent_after_preposition=frozenset(_keys(raw["recent_adjectives_after_preposition"])),
        year_nouns=tuple(k for k, unit in calendar_units.items() if unit == "year"),
        month_nouns=tuple(k for k, unit in calendar_units.items() if unit == "month"),
        one=tuple(k for k, n in _map(raw["numbers"], int).items() if n == 1),
        today_words=frozenset(k for k, days in _map(raw["day_words"], int).items() if days == 0),
        that_word=_keys(raw["anchor_that"])[0],
    )


def _left_edges(lex: TimeLexicon) -> tuple[str, str]:
    """Regexes for a word start: alone, or after a conjunction clitic (وأمس); and the same that
    also allows a preposition clitic after it (بمطلع، وبأواخر)."""
    conj, prep = re.escape(lex.conjunction_letters), re.escape(lex.preposition_letters)
    start = rf"(?<![{_AR}A-Za-z0-9])"
    return (rf"(?:{start}|(?<=(?<![{_AR}])[{conj}]))",
            rf"(?:{start}|(?<=(?<![{_AR}])[{conj}{prep}])|(?<=(?<![{_AR}])[{conj}][{prep}]))")


def _alt(words) -> str:
    """A regex alternation of words, longest first, any run of spaces between their parts."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    day: re.Pattern
    weekday: re.Pattern
    night: re.Pattern
    count: re.Pattern
    period: re.Pattern
    recent: re.Pattern
    calunit: re.Pattern
    part: re.Pattern
    month: re.Pattern
    daymonth: re.Pattern
    dayofmonth: re.Pattern
    anchored: re.Pattern
    same: re.Pattern
    month_first_words: frozenset[str]
    triggers: Mapping[str, tuple[str, ...]]  # pattern name -> words one of which must occur for it to match


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    lex, cal = lexicon(), calendar_data()
    (el, el_prep), er = _left_edges(lex), _EDGE_R
    of, art = _alt(lex.of), re.escape(lex.article)
    years, anchored_prep = _alt(lex.year_nouns), _alt(lex.anchored_prepositions)
    distance_prefix = _alt(lex.anchor_distance_prefixes)
    parts = rf"(?P<part>{_alt(lex.day_parts)})\s+(?:(?:{_alt(lex.day_prefixes)})\s+)?"
    weekday = _alt(cal.weekdays)
    rel = _alt(lex.past | lex.current | lex.next)
    weekday_rel = _alt(lex.past | lex.next)
    month = rf"(?<![{_AR}A-Za-z])(?:{_alt(k for k, (_, s) in cal.months.items() if s not in cal.strict_systems)})(?![{_AR}A-Za-z])"
    months = rf"(?P<months>{month}(?:\s*[(/\-{_COMMA},|]?\s*{month}(?:\s*\))?)*)"
    number = rf"(?:\d+(?:\.\d+)?|{_alt(lex.numbers)})"
    units = _alt(lex.units)
    definite_units = _alt(lex.article + w for w, (_, n) in lex.units.items() if n is None or n == 2)
    approx_before = _alt(lex.approximators)
    year_tail = (rf"(?:\s*[,{_COMMA}]?\s*(?:(?:{of})\s+)?(?:(?:{_alt(lex.year_words)})\s+)?(?P<year>\d{{4}})(?!\d)"
                 rf"|\s+(?:{of})\s+(?:(?P<thisyear>(?:{_alt(lex.this)})\s+(?:{years})|(?:{years})\s+(?:{_alt(lex.current)}))"
                 rf"|(?P<lastyear>(?:{years})\s+(?:{_alt(lex.past)}))))")
    flags = re.IGNORECASE
    return _Patterns(
        day=re.compile(
            rf"{el}(?:{parts})?(?:(?:{_alt(lex.day_prefixes)})\s+)?(?P<day>{_alt(lex.day_words)}){er}"
            rf"(?:\s*[,{_COMMA}]?\s*(?:(?:{_alt(lex.day_prefixes)})\s+)?(?P<wd>{weekday}){er})?", flags),
        weekday=re.compile(
            rf"{el}(?:{parts}|(?:{_alt(lex.day_prefixes)})\s+)?(?P<wd>{weekday}){er}(?:\s+(?P<mod>{weekday_rel}){er})?",
            flags),
        night=re.compile(  # only - and / join the weekdays: على/الى were never in the folded text (ى -> ي)
            rf"{el}(?:{_alt(lex.night_words)})\s+(?P<wd1>{weekday})\s*(?:-|/)\s*(?P<wd2>{weekday}){er}", flags),
        count=re.compile(
            rf"{el}(?P<prep>{_alt(lex.count_prepositions)})"
            rf"(?:(?P<that>\s+(?:{_alt(lex.anchor_that)})|{_alt(lex.anchor_suffixes)})\s+(?:{distance_prefix})|\s+)"
            rf"(?:(?P<approx>{approx_before})\s+)?"
            rf"(?:(?P<num>{number})\s+(?P<nunit>{units})|(?P<vague>{_alt(lex.vague_before)})\s+(?P<vunit>{units})"
            rf"|(?P<unit>{units}))(?:\s+(?:{_alt(lex.one)}))?(?P<half>\s+(?:{_alt(lex.half)}))?{er}"
            rf"(?:\s+(?P<vpost>{_alt(lex.vague_after)}){er})?"
            rf"(?:\s*[,{_COMMA}]?\s*(?P<post>{_alt(lex.approximators_after)}){er})?", flags),
        period=re.compile(
            rf"{el}(?:(?P<prep>{_alt(lex.period_prepositions)})\s+)?"
            rf"(?:(?P<unit>{definite_units})(?:\s+(?P<num>{art}\s*-?\s*\d+|{art}(?:{_alt(lex.numbers)})|\d+))?"
            rf"|{art}\s*-?\s*(?P<num2>\d+)\s+(?P<unit2>{units}))(?:\s+(?P<filler>{_alt(lex.period_fillers)}))?"
            rf"\s+(?P<adj>{_alt(lex.recent_adjectives)}){er}", flags),
        recent=re.compile(rf"{el}(?P<phrase>{_alt(lex.recent_phrases)}){er}", flags),
        calunit=re.compile(
            rf"{el}(?:(?P<this>{_alt(lex.this)})\s+)?(?P<cu>{_alt(lex.calendar_units)}){er}(?:\s+(?P<rel>{rel}){er})?",
            flags),
        part=re.compile(
            rf"{el_prep}(?P<mp>{_alt(lex.month_parts.keys() | lex.year_parts.keys())})\s+"
            rf"(?:(?:(?P<this>{_alt(lex.this)})\s+)?(?P<cu>{_alt(lex.calendar_units)})(?:\s+(?P<rel>{rel}))?{er}"
            rf"|(?:(?:{_alt(lex.month_word)})\s+)?{months}(?:\s+(?P<mrel>{rel}){er})?(?:{year_tail})?"
            rf"|(?:(?:{_alt(lex.year_words)})\s+)?(?P<yonly>\d{{4}})(?!\d))", flags),
        month=re.compile(
            rf"{el}(?:(?P<shahr>{_alt(lex.month_word)})\s+)?{months}(?:\s+(?P<mrel>{rel}){er})?(?:{year_tail})?", flags),
        daymonth=re.compile(
            rf"(?:(?<![\d./\-])(?P<day>[0-3]?\d)(?![\d.]){'|'}{el}(?P<ord>{_alt(cal.ordinal_days)})\s+(?:{of}))"
            rf"\s*[\-/]?\s*(?:(?:{_alt(lex.month_word)})\s+)?{months}(?:\s+(?P<mrel>{rel}){er})?"
            rf"(?:\s+(?:{of})\s+(?:(?P<thisyear>(?:{_alt(lex.this)})\s+(?:{years})|(?:{years})\s+(?:{_alt(lex.current)}))"
            rf"|(?P<lastyear>(?:{years})\s+(?:{_alt(lex.past)}))))?", flags),
        dayofmonth=re.compile(
            rf"(?:(?<![\d./\-])(?P<day>[0-3]?\d)(?![\d.]){'|'}{el}(?P<ord>{_alt(cal.ordinal_days)}))"
            rf"\s+(?:(?:{of})\s+)?(?:(?P<this>{_alt(lex.this)})\s+)?(?:{_alt(lex.month_nouns)})(?:\s+(?P<rel>{rel}))?{er}",
            flags),
        anchored=re.compile(
            rf"{el}(?:(?:{anchored_prep})\s+)?(?P<noun>{_alt(lex.next_nouns)})\s+(?P<adj>{_alt(lex.next_adjectives)}){er}", flags),
        same=re.compile(
            rf"{el}(?:(?:{anchored_prep})\s+)?(?:(?P<noun>{_alt(lex.same_nouns)})\s+(?:{_alt(lex.same_after)})"
            rf"|(?:{_alt(lex.same_before)})\s+(?P<noun2>{_alt(lex.same_nouns)})){er}", flags),
        month_first_words=frozenset(k.split()[0] for k in cal.months),
        triggers=MappingProxyType({
            "day": tuple({w.split()[-1] for w in lex.day_words}),
            "night": lex.night_words,
            "weekday": tuple(cal.weekdays),
            "period": lex.recent_adjectives,
            "recent": tuple({w.split()[-1] for w in lex.recent_phrases}),
            "calunit": tuple(lex.calendar_units),
            "dayofmonth": lex.month_nouns,
            "count": tuple(lex.count_prepositions),
            "anchored": tuple({w.split()[0] for w in lex.next_adjectives}),
            "same": tuple(set(lex.same_after) | set(lex.same_before)),
        }),
    )


# --- ranges and precision -------------------------------------------------------------------


def precision_of(first: dt.date, last: dt.date) -> int:
    """ACLED time_precision of an inclusive range: one day 1, up to ten days 2, wider 3."""
    days = (last - first).days + 1
    return 1 if days <= 1 else 2 if days <= 10 else 3


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, _calendar.monthrange(year, month)[1])


def _add_months(d: dt.date, months: int) -> tuple[int, int]:
    index = d.year * 12 + d.month - 1 + months
    return index // 12, index % 12 + 1


def _month_year(month: int, published: dt.date, rel: str | None) -> int:
    """The year of a month named without one: the latest such month not after publication."""
    lex = lexicon()
    if rel in lex.next:
        return published.year if month > published.month else published.year + 1
    if rel in lex.past:
        return published.year if month < published.month else published.year - 1
    return published.year if month <= published.month else published.year - 1


def _word(m: re.Match, group: str) -> str | None:
    value = m.group(group)
    return re.sub(r"\s+", " ", value).lower() if value else None


def _neighbours(text: str, start: int, end: int) -> tuple[str, str]:
    """The word before ``start`` and the word after ``end`` in the folded text."""
    before = re.search(rf"([{_AR}\w]+)[^{_AR}\w]*$", text[max(0, start - 40):start])
    after = re.match(rf"[^{_AR}\w]*([{_AR}\w]+)", text[end:end + 40])
    return (before.group(1) if before else ""), (after.group(1) if after else "")


@dataclass(frozen=True)
class _Reading:
    first: dt.date
    last: dt.date
    kind: str
    reason: str


@dataclass(frozen=True)
class _Candidate:
    start: int  # in the folded text
    end: int
    rank: int  # ties on length: lower rank wins
    reading: _Reading | None  # None: anchored, resolved later
    anchored: Callable[[_Reading], _Reading | None] | None = None


# --- readers: each takes a match (and the publication date) and returns a reading or None ------


def _read_day(m: re.Match, text: str, published: dt.date) -> _Reading | None:
    lex, cal = lexicon(), calendar_data()
    word = _word(m, "day")
    before, after = _neighbours(text, m.start("day"), m.end("day"))
    if word in lex.today_words and (after in lex.today_rejected_after or after in cal.ordinal_days
                                       or (before in lex.today_rejected_before and not m.group("part"))):
        return None  # اليوم التالي، طيلة الليلة: not the publication day
    date = published + dt.timedelta(days=lex.day_words[word])
    reason = f"{m.group('day')}: publication date {lex.day_words[word]:+d} day(s)"
    if m.group("part"):
        reason += f", {m.group('part')} of that day"
    if m.group("wd"):
        wd = cal.weekdays[_word(m, "wd")]
        reason += ", weekday agrees" if wd == date.weekday() else f", weekday {m.group('wd')} DISAGREES (day word kept)"
    return _Reading(date, date, "relative", reason)


def _read_weekday(m: re.Match, text: str, published: dt.date) -> _Reading | None:
    lex, cal = lexicon(), calendar_data()
    before, _ = _neighbours(text, m.start(), m.end())
    if before in lex.weekday_rejected_before and not m.group("part"):
        return None
    wd, mod = cal.weekdays[_word(m, "wd")], _word(m, "mod")
    if mod in lex.next:
        delta = (wd - published.weekday()) % 7 or 7
        reason = f"{m.group('wd')} {m.group('mod')}: the next {m.group('wd')} after publication"
    elif mod in lex.past:
        delta = -((published.weekday() - wd) % 7 or 7)
        reason = f"{m.group('wd')} {m.group('mod')}: the last {m.group('wd')} before publication"
    else:
        delta = -((published.weekday() - wd) % 7)
        reason = f"{m.group('wd')}: the most recent {m.group('wd')} on or before publication (0-6 days back)"
    date = published + dt.timedelta(days=delta)
    return _Reading(date, date, "weekday", reason)


def _read_night(m: re.Match, text: str, published: dt.date) -> _Reading | None:
    wd1 = calendar_data().weekdays[_word(m, "wd1")]
    first = published - dt.timedelta(days=(published.weekday() - wd1) % 7)
    last = first + dt.timedelta(days=1)
    if last > published:
        first, last = first - dt.timedelta(days=7), last - dt.timedelta(days=7)
    return _Reading(first, last, "weekday", f"night of {m.group('wd1')} to {m.group('wd2')}: the most recent such night")


def _quantity(m: re.Match) -> tuple[str, float, float, str] | None:
    """(unit, lowest count, highest count, description) of a قبل/منذ/بعد match."""
    lex = lexicon()
    unit_word = _word(m, "nunit") or _word(m, "vunit") or _word(m, "unit")
    unit, count = lex.units[unit_word]
    vague = lex.unit_sizes[unit].vague
    if m.group("num"):
        num = _word(m, "num")
        lo = hi = float(num) if num[0].isdigit() else float(lex.numbers[num])
    elif m.group("vague") or m.group("vpost") or count is None:
        lo, hi = vague
    else:
        lo = hi = float(count)
    if m.group("half"):
        lo, hi = lo + 0.5, hi + 0.5
    return unit, lo, hi, f"{lo:g}" + (f"-{hi:g}" if hi != lo else "") + f" {unit}(s)"


def _offsets(m: re.Match) -> tuple[int, int, str] | None:
    """Nearest and farthest distance in days of a quantity, with its description."""
    lex = lexicon()
    unit, lo, hi, desc = _quantity(m)
    size = lex.unit_sizes[unit]
    near, far = lo * size.days - size.fuzz, hi * size.days + size.fuzz
    approx = _word(m, "approx") or _word(m, "post")
    if approx:
        widen = max(1.0, round(lex.widening * hi * size.days))
        way = lex.approximators.get(approx, "both")
        near -= widen if way in ("both", "later") else 0
        far += widen if way in ("both", "earlier") else 0
        desc += f", {approx} widens by {widen:g} day(s)"
    elif size.fuzz:
        desc += f" (± {size.fuzz} days)"
    return max(0, math.floor(near + 0.5)), math.floor(far + 0.5), desc


def _count_rejected(m: re.Match, text: str) -> bool:
    """قبل يوم الجمعة، منذ عام 2014، قبل شهر رمضان، قبل أسبوع من الانتخابات: not a distance from now."""
    p = _patterns()
    _, after = _neighbours(text, m.end(), m.end())
    lex = lexicon()
    if after in lex.count_rejected_after and not m.group("that"):
        return True
    if m.group("unit") and not m.group("approx") and not m.group("post") and not m.group("half"):
        unit, count = lex.units[_word(m, "unit")]
        if count == 1 and (after[:1].isdigit() or after.startswith(lex.article) or after in p.month_first_words
                           or after in calendar_data().hijri_months or after in lex.day_words):
            return True
    return False


def _read_count(m: re.Match, text: str, published: dt.date | None) -> _Candidate | None:
    if _count_rejected(m, text):
        return None
    near, far, desc = _offsets(m)
    lex = lexicon()
    prep = m.group("prep")
    meaning = lex.count_prepositions[prep]
    if meaning == "after" or m.group("that"):
        sign = -1 if meaning == "before" else 1

        def resolve(anchor: _Reading) -> _Reading:
            if sign > 0:
                first, last = anchor.first + dt.timedelta(days=near), anchor.last + dt.timedelta(days=far)
            else:
                first, last = anchor.first - dt.timedelta(days=far), anchor.last - dt.timedelta(days=near)
            reason = f"{prep}{' ' + lex.that_word if m.group('that') else ''}: {desc} {'after' if sign > 0 else 'before'} the anchor"
            return _Reading(first, last, "anchored", reason)

        return _Candidate(m.start(), m.end(), 3, None, resolve)
    if published is None:
        return None
    first, last = published - dt.timedelta(days=far), published - dt.timedelta(days=near)
    what = "start of a state" if meaning == "since" else "time"
    return _Candidate(m.start(), m.end(), 3, _Reading(first, last, "relative", f"{prep}: {what} {desc} before publication"))


def _read_period(m: re.Match, text: str, published: dt.date) -> _Reading | None:
    lex = lexicon()
    unit_word = _word(m, "unit")
    unit_word = unit_word[2:] if unit_word else _word(m, "unit2")
    unit, count = lex.units[unit_word]
    size = lex.unit_sizes[unit]
    num = _word(m, "num") or _word(m, "num2")
    if num:
        num = re.sub(rf"^{re.escape(lex.article)}\s*-?\s*", "", num)
        n = float(num) if num[0].isdigit() else float(lex.numbers[num])
    else:
        n = float(count or size.vague[1])
    back = math.floor(n * size.days + 0.5)
    if not m.group("prep") and m.group("adj") in lex.recent_after_preposition:
        return None
    first = published - dt.timedelta(days=back)
    return _Reading(first, published, "period", f"{m.group('adj')}: the {n:g} {unit}(s) up to publication")


def _read_recent(m: re.Match, text: str, published: dt.date) -> _Reading:
    back = lexicon().recent_phrases[_word(m, "phrase")]
    return _Reading(published - dt.timedelta(days=back), published, "period",
                    f"{m.group('phrase')}: the {back} days up to publication")


def _calendar_range(unit: str, which: str, published: dt.date) -> tuple[dt.date, dt.date]:
    """The current, past or next calendar week, month or year around the publication date."""
    lex = lexicon()
    if unit == "week":
        if which == "current":  # هذا الأسبوع: the seven days up to publication, across a week start
            return published - dt.timedelta(days=6), published
        start = published - dt.timedelta(days=(published.weekday() - lex.week_start) % 7)
        first = start + dt.timedelta(days=-7 if which == "past" else 7)
        return first, first + dt.timedelta(days=6)
    if unit == "month":
        year, month = _add_months(published, {"past": -1, "current": 0, "next": 1}[which])
        return _month_range(year, month)
    year = published.year + {"past": -1, "current": 0, "next": 1}[which]
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _which(rel: str | None, this: bool) -> str | None:
    lex = lexicon()
    if rel in lex.past:
        return "past"
    if rel in lex.next:
        return "next"
    if rel in lex.current or this:
        return "current"
    return None


def _read_calunit(m: re.Match, text: str, published: dt.date) -> _Reading | None:
    which = _which(_word(m, "rel"), bool(m.group("this")))
    if which is None:
        return None
    unit = lexicon().calendar_units[_word(m, "cu")]
    first, last = _calendar_range(unit, which, published)
    if which == "current":
        last = min(last, published)
    if unit == "week" and which == "current":
        return _Reading(first, last, "period", f"{m.group(0).strip()}: the seven days up to publication")
    return _Reading(first, last, "period", f"{m.group(0).strip()}: {which} calendar {unit}"
                    + (", weeks start on Saturday" if unit == "week" else ""))


def _first_month(m: re.Match) -> tuple[int, str]:
    months = calendar_data().months
    name = re.split(rf"\s*[(/\-{_COMMA},|)]\s*", m.group("months").strip())[0]
    for key in (re.sub(r"\s+", " ", name).lower(), re.sub(r"\s+", " ", m.group("months")).lower()):
        if key in months:
            return months[key][0], name
    found = re.match(rf"{_alt(months)}", m.group("months").lower())
    return months[re.sub(r"\s+", " ", found.group())][0], found.group()


def _explicit_year(m: re.Match, published: dt.date | None) -> int | None:
    groups = m.groupdict()
    if groups.get("year"):
        return int(groups["year"])
    if groups.get("lastyear") and published:
        return published.year - 1
    if groups.get("thisyear") and published:
        return published.year
    return None


def _part_days(part: tuple[int, int], year: int, month: int) -> tuple[dt.date, dt.date]:
    length = _calendar.monthrange(year, month)[1]
    a, b = (d if d > 0 else length + 1 + d for d in part)
    return dt.date(year, month, a), dt.date(year, month, b)


def _read_part(m: re.Match, text: str, published: dt.date | None) -> _Reading | None:
    lex = lexicon()
    part = _word(m, "mp")
    if m.group("yonly"):
        if part not in lex.year_parts:
            return None
        year = int(m.group("yonly"))
        a, b = lex.year_parts[part]
        return _Reading(dt.date(year, a, 1), _month_range(year, b)[1], "period", f"{m.group('mp')} of year {year}")
    if m.group("cu"):
        if published is None:
            return None
        unit = lex.calendar_units[_word(m, "cu")]
        which = _which(_word(m, "rel"), bool(m.group("this"))) or "current"
        if unit == "week":
            return None
        first, _ = _calendar_range(unit, which, published)
        if unit == "year":
            if part not in lex.year_parts:
                return None
            a, b = lex.year_parts[part]
            return _Reading(dt.date(first.year, a, 1), _month_range(first.year, b)[1], "period",
                            f"{m.group('mp')} of the {which} year: months {a}-{b}")
        if part not in lex.month_parts:
            return None
        f, l = _part_days(lex.month_parts[part], first.year, first.month)
        return _Reading(f, l, "period", f"{m.group('mp')} of the {which} month: days {f.day}-{l.day}")
    if part not in lex.month_parts:
        return None
    month, name = _first_month(m)
    year = _year_of(m, month, published)
    if year is None:
        return None
    f, l = _part_days(lex.month_parts[part], year, month)
    return _Reading(f, l, "period", f"{m.group('mp')} of month {name} = {month}/{year}: days {f.day}-{l.day}"
                    + ("" if m.group("year") else " (year inferred from publication)"))


def _year_of(m: re.Match, month: int, published: dt.date | None) -> int | None:
    """The year of a named month: the one written, else the one publication implies (None without it)."""
    year = _explicit_year(m, published)
    if year is None and published is not None:
        year = _month_year(month, published, _word(m, "mrel"))
    return year


def _read_month(m: re.Match, text: str, published: dt.date | None) -> _Reading | None:
    if not (m.group("shahr") or m.group("mrel") or m.group("lastyear") or m.group("thisyear")):
        return None
    month, name = _first_month(m)
    year = _year_of(m, month, published)
    if year is None:
        return None
    first, last = _month_range(year, month)
    return _Reading(first, last, "absolute", f"month {name} = {month}/{year}"
                    + ("" if m.group("year") else " (year inferred from publication)"))


def _read_daymonth(m: re.Match, text: str, published: dt.date | None) -> _Reading | None:
    cal = calendar_data()
    day = int(m.group("day")) if m.group("day") else cal.ordinal_days[_word(m, "ord")]
    month, name = _first_month(m)
    year = _explicit_year(m, published)
    rel = _word(m, "mrel")
    if year is None:
        if published is None:
            return None
        year = published.year if rel not in lexicon().next else published.year + 1
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    reason = f"day {day} month {name} = {date.isoformat()}"
    if m.group("lastyear") or m.group("thisyear"):
        return _Reading(date, date, "absolute", reason)
    if date > published and rel not in lexicon().next:
        try:
            date = dt.date(year - 1, month, day)
        except ValueError:
            return None
        reason = f"day {day} month {name} = {date.isoformat()} (previous year: the publication year would be after publication)"
    else:
        reason += " (publication year)"
    return _Reading(date, date, "absolute", reason)


def _read_dayofmonth(m: re.Match, text: str, published: dt.date) -> _Reading | None:
    day = int(m.group("day")) if m.group("day") else calendar_data().ordinal_days[_word(m, "ord")]
    which = _which(_word(m, "rel"), bool(m.group("this"))) or "current"
    first, _ = _calendar_range("month", which, published)
    try:
        date = first.replace(day=day)
    except ValueError:
        return None
    return _Reading(date, date, "relative", f"day {day} of the {which} month = {date.isoformat()}")


def _read_absolute(d: DateMatch) -> _Reading:
    if d.precision == "day":
        first = last = d.date
    elif d.precision == "month":
        first, last = _month_range(d.date.year, d.date.month)
    else:
        first, last = dt.date(d.date.year, 1, 1), dt.date(d.date.year, 12, 31)
    return _Reading(first, last, "absolute", f"absolute date ({d.precision}): {d.reason}")


def _read_anchored(m: re.Match) -> Callable[[_Reading], _Reading]:
    unit = lexicon().next_nouns[_word(m, "noun")]

    def resolve(anchor: _Reading) -> _Reading:
        if unit == "day":
            first, last = anchor.first + dt.timedelta(days=1), anchor.last + dt.timedelta(days=1)
        elif unit == "week":
            first, last = anchor.first + dt.timedelta(days=5), anchor.last + dt.timedelta(days=9)
        elif unit == "month":
            first = _month_range(*_add_months(anchor.first, 1))[0]
            last = _month_range(*_add_months(anchor.last, 1))[1]
        else:
            first, last = dt.date(anchor.first.year + 1, 1, 1), dt.date(anchor.last.year + 1, 12, 31)
        return _Reading(first, last, "anchored", f"{m.group('noun')} {m.group('adj')}: the {unit} after the anchor")

    return resolve


def _read_same(m: re.Match) -> Callable[[_Reading], _Reading]:
    def resolve(anchor: _Reading) -> _Reading:
        return _Reading(anchor.first, anchor.last, "anchored", f"{m.group(0).strip()}: the anchor's own time")

    return resolve


# --- the search --------------------------------------------------------------------------------


def _safely(read: Callable, *args):
    """A reader's result, or None when its arithmetic leaves the calendar (بعد 5000 عام)."""
    try:
        return read(*args)
    except (OverflowError, ValueError):
        return None


def _candidates(nt: NormalizedText, published: dt.date | None, dates: list[DateMatch]) -> list[_Candidate]:
    p, text = _patterns(), nt.text
    out: list[_Candidate] = [_Candidate(*_folded_span(nt, d), 0, _read_absolute(d)) for d in dates]

    def present(name: str) -> bool:
        return any(word in text for word in p.triggers[name])

    needs_date = (("day", _read_day, 1), ("night", _read_night, 1), ("weekday", _read_weekday, 2),
                  ("period", _read_period, 2), ("recent", _read_recent, 4), ("calunit", _read_calunit, 2),
                  ("dayofmonth", _read_dayofmonth, 2))
    if published is not None:
        for name, reader, rank in needs_date:
            if not present(name):
                continue
            for m in getattr(p, name).finditer(text):
                reading = _safely(reader, m, text, published)
                if reading is not None:
                    out.append(_Candidate(m.start(), m.end(), rank, reading))
    for pattern, reader, rank in ((p.part, _read_part, 1), (p.month, _read_month, 2), (p.daymonth, _read_daymonth, 1)):
        for m in pattern.finditer(text):
            reading = _safely(reader, m, text, published)
            if reading is not None:
                out.append(_Candidate(m.start(), m.end(), rank, reading))
    for m in p.count.finditer(text) if present("count") else ():
        candidate = _safely(_read_count, m, text, published)
        if candidate is not None:
            out.append(candidate)
    for name, reader in (("anchored", _read_anchored), ("same", _read_same)):
        for m in getattr(p, name).finditer(text) if present(name) else ():
            out.append(_Candidate(m.start(), m.end(), 1, None, reader(m)))
    return out


def _folded_span(nt: NormalizedText, d: DateMatch) -> tuple[int, int]:
    start = nt.from_original(d.start)
    end = nt.from_original(d.end)
    return start, max(end, start + 1)


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, longest first (ties: lower rank, then earlier)."""
    chosen: list[_Candidate] = []
    for c in sorted(candidates, key=lambda c: (-(c.end - c.start), c.rank, c.start)):
        if all(c.end <= o.start or o.end <= c.start for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _expression(nt: NormalizedText, c: _Candidate, reading: _Reading, offset: int) -> TimeExpression:
    a, b = nt.to_original(c.start, c.end)
    span = nt.original[a:b].rstrip()
    if span.endswith(")") and "(" not in span:  # a bracket closed around the expression, not in it
        span = span[:-1].rstrip()
    return TimeExpression(offset + a, offset + a + len(span), span, reading.first, reading.last,
                          precision_of(reading.first, reading.last), reading.kind, reading.reason)


def find_times(text: str, published: dt.date | None, start: int = 0, end: int | None = None,
               anchor: TimeExpression | None = None, dates: list[DateMatch] | None = None) -> list[TimeExpression]:
    """Every time expression in ``text[start:end]``, in text order, with spans in ``text``.

    ``published`` resolves relative expressions (None: only absolute and anchored ones are read).
    Anchored expressions (بعد أيام، في اليوم التالي) resolve against the nearest earlier
    expression, or against ``anchor`` before the first one. ``dates`` may pass the result of
    :func:`isnad.dates.find_dates` on the whole ``text`` when the pipeline already has it (this
    halves the cost); otherwise the window is searched for absolute dates here.
    """
    end = len(text) if end is None else end
    nt = normalize(text[start:end])
    if dates is None:
        dates = find_dates(nt.original, nt)
    else:
        dates = [replace(d, start=d.start - start, end=d.end - start) for d in dates if start <= d.start and d.end <= end]
    previous = _Reading(anchor.first, anchor.last, anchor.kind, anchor.reason) if anchor else None
    found: list[TimeExpression] = []
    for c in _select(_candidates(nt, published, dates)):
        reading = c.reading
        if reading is None:
            if previous is None or c.anchored is None:
                continue
            reading = _safely(c.anchored, previous)
            if reading is None:
                continue
            if published is not None and previous.last <= published and reading.last > published:
                reading = _Reading(min(reading.first, published), published, reading.kind,
                                   reading.reason + ", clipped to publication")
        found.append(_expression(nt, c, reading, start))
        previous = reading
    return found


def resolve_after(expression: str, anchor: TimeExpression, published: dt.date | None = None) -> TimeExpression | None:
    """Read an anchored expression (بعد أيام، في اليوم التالي) against ``anchor``; None if it is not one."""
    for found in find_times(expression, published, anchor=anchor):
        if found.kind == "anchored":
            return found
    return None


def undated(published: dt.date) -> TimeExpression:
    """The range of an event reported without time words: the last days up to publication.

    ACLED codes such an event to the report's date; since a report usually follows the event by a
    day or two, the range is the publication date and the ``undated.days_before`` days before it
    (data/time.json, 2 by default), which is precision 2 (a "similar period" to a week).
    """
    first = published - dt.timedelta(days=lexicon().undated_days)
    return TimeExpression(0, 0, "", first, published, precision_of(first, published), "undated",
                          f"no time expression: publication date and the {lexicon().undated_days} days before it")


STORY_DAYS = 7  # a day named earlier in the article dates its later undated events if this recent


def dated(doc: ArticleDoc, sentence_start: int, trigger: int) -> tuple[EventDate | None, str]:
    """An event's date and why: the time words of its sentence (the nearest to its trigger); else the
    last single day named before it in its paragraph (a line), however long ago (وفي 30 أبريل شنت
    … ثم استهدفت …); else the day the story is told of, the last single day named earlier in the
    body within a week before publication (قتل … اليوم الثلاثاء, then a sentence with no time
    words); else as ACLED dates an undated report: the days up to publication, at a coarser precision."""
    sentence_end = next((s.end for s in doc.body if s.start == sentence_start), trigger)
    published = doc.published_date
    near = [t for t in doc.times if sentence_start <= t.start < sentence_end
            and not (published is not None and t.first > published)]  # حتى 15 مايو المقبل: a day to come
    body_start = doc.body[0].start if doc.body else 0
    story = [t for t in doc.times if body_start <= t.start < sentence_start and t.precision == 1
             and t.kind != "undated" and published is not None and 0 <= (published - t.last).days <= STORY_DAYS]
    paragraph_start = doc.text.rfind("\n", 0, sentence_start) + 1
    paragraph = [t for t in doc.times if max(body_start, paragraph_start) <= t.start < sentence_start
                 and t.precision == 1 and t.kind != "undated"]
    if near:
        chosen = min(near, key=lambda t: abs(t.start - trigger))
        why = f"date: {chosen.text!r} in its sentence"
    elif paragraph:
        chosen = paragraph[-1]
        why = f"date: none in its sentence; the day its paragraph tells of, {chosen.text!r} before it"
    elif story:
        chosen = story[-1]
        why = f"date: none in its sentence; the day the story tells of, {chosen.text!r} before it"
    elif published:
        chosen, why = undated(published), "date: no time words; the days up to publication"
    else:
        return None, "date: no time words and no publication date"
    return EventDate(start=chosen.first.isoformat(), end=chosen.last.isoformat(),
                     precision=chosen.precision), why  # type: ignore[arg-type]
