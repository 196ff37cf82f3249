"""Absolute dates in Arabic text: every Gregorian month system, Hijri dates, numeric forms.

Month names live in ``data/calendar.json``. Text is matched in its normalised form (Eastern and
Persian digits become ASCII, hamza seats are folded), and each :class:`DateMatch` reports its span
in the original text and the rule that read it. Relative expressions (أمس، قبل أسبوع) belong to
the time stage, which resolves them against the publication date found here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from hijridate import Hijri

from isnad.resources import read_json
from isnad.text.normalize import NormalizedText, fold, normalize

Precision = Literal["day", "month", "year"]
Calendar = Literal["gregorian", "hijri"]

_ARABIC_LETTER = r"\u0621-\u064a"


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int
    end: int
    text: str
    date: dt.date
    precision: Precision
    calendar: Calendar
    system: str  # levantine, egyptian, maghrebi, moroccan, english, libyan, hijri, numeric, iso
    reason: str
    weekday_ok: bool | None = None


@dataclass(frozen=True)
class CalendarData:
    months: dict[str, tuple[int, str]]  # normalised name -> (month, system)
    strict_systems: frozenset[str]
    hijri_months: dict[str, int]
    weekdays: dict[str, int]
    hijri_markers: tuple[str, ...]
    gregorian_markers: tuple[str, ...]
    ordinal_days: dict[str, int]
    year_words: tuple[str, ...]
    year_fillers: tuple[str, ...]


@lru_cache(maxsize=1)
def calendar_data() -> CalendarData:
    raw = read_json("calendar.json")
    months: dict[str, tuple[int, str]] = {}
    for system, names in raw["gregorian"].items():
        for name, number in names.items():
            months.setdefault(fold(name).lower(), (number, system))
    return CalendarData(
        months=months,
        strict_systems=frozenset(raw["strict_systems"]),
        hijri_months={fold(k): v for k, v in raw["hijri"].items()},
        weekdays={fold(k): v for k, v in raw["weekdays"].items()},
        hijri_markers=tuple(fold(m) for m in raw["hijri_markers"]),
        gregorian_markers=tuple(fold(m) for m in raw["gregorian_markers"]),
        ordinal_days={fold(k): v for k, v in raw["ordinal_days"].items()},
        year_words=tuple(fold(w) for w in raw["year_words"]),
        year_fillers=tuple(fold(w) for w in raw["year_fillers"]),
    )


def _alternation(names) -> str:
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    named: re.Pattern
    month_first: re.Pattern
    month_year: re.Pattern
    hijri: re.Pattern
    year_first: re.Pattern
    numeric: re.Pattern
    year_only: re.Pattern
    month_name: re.Pattern


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    cal = calendar_data()
    edge_l = rf"(?<![{_ARABIC_LETTER}A-Za-z])"
    edge_r = rf"(?![{_ARABIC_LETTER}A-Za-z])"
    month = rf"{edge_l}(?:{_alternation(cal.months)}){edge_r}"
    alt = rf"(?:\s*[(/\-،,|]?\s*{month}(?:\s*[\-/،,]\s*{month})*\s*\)?)"
    months = rf"(?P<months>{month}{alt}*)"
    weekday = rf"(?:(?:يوم\s+)?(?P<weekday>{_alternation(cal.weekdays)})\s*[,،]?\s*)?"
    day = (rf"(?:(?<!\d)(?P<day>[0-3]?\d)(?!\d)|{edge_l}(?P<ordinal>{_alternation(cal.ordinal_days)})\s+من{edge_r})")
    year = r"(?<!\d)(?P<year>\d{4})(?!\d)"
    marker = rf"(?P<marker>\s*\)?\s*(?:{_alternation(cal.gregorian_markers)}){edge_r})?"
    hmarker = rf"(?P<marker>\s*\)?\s*(?:{_alternation(cal.hijri_markers)}){edge_r})?"
    sep = r"[\s,،.\-/]*"
    year_sep = rf"[\s,،.\-/()]*(?:(?:{_alternation(cal.year_fillers)}){edge_r}[\s(]*)?"
    flags = re.IGNORECASE
    numeric_tail = hmarker.replace("(?P<marker>", "(?P<hijri>")
    return _Patterns(
        named=re.compile(rf"{weekday}{day}{sep}{months}{year_sep}{year}{marker}", flags),
        month_first=re.compile(rf"{weekday}{months}\s*(?<!\d)(?P<day>[0-3]?\d)(?!\d)\s*[,،]?\s*{year}{marker}", flags),
        month_year=re.compile(rf"{months}{year_sep}{year}{marker}", flags),
        hijri=re.compile(
            rf"{weekday}{day}\s*[\-/]?\s*(?P<hmonth>{edge_l}(?:{_alternation(cal.hijri_months)}){edge_r})"
            rf"{year_sep}{year}{hmarker}", flags),
        year_first=re.compile(
            r"(?<![\d/.\-])(?P<year>\d{4})\s*(?P<s>[/.\-])\s*(?P<month>[01]?\d)\s*(?P=s)\s*(?P<day>[0-3]?\d)(?![\d])"
            + numeric_tail, flags),
        numeric=re.compile(
            r"(?<![\d/.\-])(?P<a>[0-3]?\d)\s*(?P<s>[/.\-])\s*(?P<b>[0-3]?\d)\s*(?P=s)\s*(?P<year>\d{4})(?![\d/.\-])"
            + numeric_tail, flags),
        year_only=re.compile(
            rf"{edge_l}(?:{_alternation(cal.year_words)})\s*\(?\s*{year}\s*\)?{numeric_tail}", flags),
        month_name=re.compile(month, flags),
    )


def _weekday_check(match: re.Match, date: dt.date) -> bool | None:
    name = match.groupdict().get("weekday")
    if not name:
        return None
    return calendar_data().weekdays.get(re.sub(r"\s+", " ", name)) == date.weekday()


def _month_names(nt_text: str) -> list[tuple[int, str, str]]:
    """(month, system, name) for each month name in a matched month group."""
    cal = calendar_data()
    out = []
    for m in _patterns().month_name.finditer(nt_text):
        key = re.sub(r"\s+", " ", m.group()).lower()
        number, system = cal.months[key]
        out.append((number, system, m.group()))
    return out


def _day(m: re.Match) -> int:
    """The day of a match: digits, or an ordinal word (الخامس من …)."""
    if m.groupdict().get("ordinal"):
        return calendar_data().ordinal_days[re.sub(r"\s+", " ", m.group("ordinal"))]
    return int(m.group("day"))


def _gregorian_year_ok(year: int) -> bool:
    return 1900 <= year <= 2100


def _from_hijri(year: int, month: int, day: int) -> dt.date | None:
    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return dt.date(g.year, g.month, g.day)


def _make(nt: NormalizedText, m: re.Match, date: dt.date, precision: Precision, calendar: Calendar,
          system: str, reason: str) -> DateMatch:
    a, b = nt.to_original(m.start(), m.end())
    end_text = nt.original[a:b].rstrip()
    return DateMatch(a, a + len(end_text), end_text, date, precision, calendar, system, reason,
                     _weekday_check(m, date) if precision == "day" else None)


def _read_named(nt: NormalizedText, m: re.Match, precision: Precision, rule: str) -> DateMatch | None:
    names = _month_names(m.group("months"))
    if not names:
        return None
    month, system, name = names[0]
    if system in calendar_data().strict_systems and precision != "day":
        return None
    agree = all(n == month for n, _, _ in names)
    year = int(m.group("year"))
    if not _gregorian_year_ok(year):
        return None
    day = _day(m) if precision == "day" else 1
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    systems = "/".join(dict.fromkeys(s for _, s, _ in names))
    reason = f"{rule}: month {name!r} ({systems}) = {month}"
    if len(names) > 1:
        reason += ", alternatives agree" if agree else ", alternatives DISAGREE (first one kept)"
    return _make(nt, m, date, precision, "gregorian", system, reason)


def _read_hijri(nt: NormalizedText, m: re.Match) -> DateMatch | None:
    month = calendar_data().hijri_months[re.sub(r"\s+", " ", m.group("hmonth"))]
    year, day = int(m.group("year")), _day(m)
    date = _from_hijri(year, month, day)
    if date is None:
        return None
    reason = f"hijri: {day} {m.group('hmonth')} {year} AH = {date.isoformat()} (Umm al-Qura)"
    return _make(nt, m, date, "day", "hijri", "hijri", reason)


def _numeric(nt: NormalizedText, m: re.Match, year: int, month: int, day: int, order: str) -> DateMatch | None:
    """A numeric date; a year between 1300 and 1500 or a هـ marker makes it Hijri."""
    if m.group("hijri") or 1300 <= year <= 1500:
        date = _from_hijri(year, month, day)
        if date is None:
            return None
        return _make(nt, m, date, "day", "hijri", "hijri", f"numeric hijri {order} = {date.isoformat()}")
    if not _gregorian_year_ok(year):
        return None
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    return _make(nt, m, date, "day", "gregorian", "numeric", f"numeric {order}")


def _read_year_first(nt: NormalizedText, m: re.Match) -> DateMatch | None:
    return _numeric(nt, m, int(m.group("year")), int(m.group("month")), int(m.group("day")), "year/month/day")


def _read_numeric(nt: NormalizedText, m: re.Match) -> DateMatch | None:
    a, b = int(m.group("a")), int(m.group("b"))
    if b > 12 and a <= 12:
        return _numeric(nt, m, int(m.group("year")), a, b, "month/day/year (second number > 12)")
    return _numeric(nt, m, int(m.group("year")), b, a, "day/month/year")


def _read_year(nt: NormalizedText, m: re.Match) -> DateMatch | None:
    year = int(m.group("year"))
    if m.group("hijri") or not _gregorian_year_ok(year):
        return None  # a Hijri year spans two Gregorian years
    return _make(nt, m, dt.date(year, 1, 1), "year", "gregorian", "year", "year introduced by a year word")


def find_dates(text: str, nt: NormalizedText | None = None) -> list[DateMatch]:
    """Every absolute date in ``text``, earliest first; overlapping readings keep the longest."""
    nt = nt or normalize(text)
    p = _patterns()
    found: list[DateMatch] = []
    readers = (
        (p.hijri, _read_hijri),
        (p.named, lambda nt_, m: _read_named(nt_, m, "day", "day month year")),
        (p.month_first, lambda nt_, m: _read_named(nt_, m, "day", "month day year")),
        (p.year_first, _read_year_first),
        (p.numeric, _read_numeric),
        (p.month_year, lambda nt_, m: _read_named(nt_, m, "month", "month year")),
        (p.year_only, _read_year),
    )
    refused: list[tuple[int, int]] = []  # full dates that do not exist (31 شباط): no partial reading
    for pattern, reader in readers:
        for m in pattern.finditer(nt.text):
            if any(_overlaps(m.span(), r) for r in refused):
                continue
            match = reader(nt, m)
            if match is None:
                if pattern is not p.month_year and pattern is not p.year_only:
                    refused.append(m.span())
                continue
            if not any(_overlaps((match.start, match.end), (f.start, f.end)) for f in found):
                found.append(match)
    return sorted(found, key=lambda d: d.start)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def parse_date(text: str) -> DateMatch | None:
    """The date a short string states: the Gregorian reading where a Hijri one agrees with it."""
    dates = find_dates(text)
    if not dates:
        return None
    return preferred(dates)


def preferred(dates: list[DateMatch]) -> DateMatch:
    """Among dates written together (Hijri الموافق Gregorian), the Gregorian day-precision one."""
    rank = {"day": 0, "month": 1, "year": 2}
    return sorted(dates, key=lambda d: (rank[d.precision], d.calendar != "gregorian", d.start))[0]
