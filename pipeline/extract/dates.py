"""Dates in a sentence, explicit ('in September 2014', 'July 12, 2019', 'the 2020s', 'as early as 2020') or
relative ('this month', 'last week', "by year's end", 'on Monday', 'in December') resolved against the
publication date."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .prefilter import Prefiltered

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted((m.capitalize() for m in _MONTHS), key=len, reverse=True)) + r")\.?"
_WEEKDAYS = [d for d in calendar.day_name]

_PATTERNS = [(precision, Prefiltered(pattern)) for precision, pattern in [
    ("day", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}),\s+(?P<year>(?:19|20)\d\d)\b")),
    ("month", re.compile(rf"\b{_MONTH}\s+(?P<year>(?:19|20)\d\d)\b")),
    ("decade", re.compile(r"\b(?:the\s+)?(?P<year>(?:19|20)\d0)s\b")),
    # 'a 2021 contract', 'its 2017 deal': a year before the noun it dates
    ("year", re.compile(r"\b(?:an?|its|their|the)\s+(?P<year>(?:19|20)\d\d)(?=\s+(?:(?:licen[cs]e|framework|arms|supply|purchase|export)\s+)?(?:contract|deal|agreement|order|purchase)s?\b)",
                        re.IGNORECASE)),
("year", re.compile(r"\b(?:in|since|by|through|until|from|before|after|of|during|earlier than|than|as early as|as late as)\s+"
              r"(?:(?:mid|early|late)-)?(?P<year>(?:19|20)\d\d)\b(?!s)", re.IGNORECASE)),
]]
_YEAR = re.compile(r"(?:19|20)\d\d")  # every explicit date has one: a sentence without is not searched for them
# 'drawing U.S. sanctions in December': a month without a year is the latest such month up to publication
_BARE_MONTH = Prefiltered(re.compile(r"\b(?i:in|since|by|until|from|last)\s+(?P<month>" + "|".join(calendar.month_name[1:]) + r")\b(?![\s,.]+\d)"))
_RELATIVE = Prefiltered(re.compile(
    r"\b(?P<rel>this month|last month|this week|last week|this year|last year|next year|by year's end|"
    r"by year’s end|(?:by|before) the end of (?:the|this) year|in the coming (?:days|weeks|months)|in recent months|currently|now|on (?:" + "|".join(_WEEKDAYS) + r")|"
    r"(?:" + "|".join(_WEEKDAYS) + r"))\b",
    re.IGNORECASE,
))


@dataclass(frozen=True)
class DateRef:
    start: int
    end: int
    date: str
    precision: str  # day | month | year | decade
    basis: str  # explicit | relative
    text: str


def find_dates(text: str, start: int, end: int, published: dt.date | None, published_precision: str) -> list[DateRef]:
    """Every date in text[start:end], explicit or resolved against the publication date."""
    out: list[DateRef] = []
    taken: list[tuple[int, int]] = []
    for precision, pattern in _PATTERNS if _YEAR.search(text, start, end) else []:
        for m in pattern.finditer(text, start, end):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            year = int(m.group("year"))
            if precision == "day":
                month, day = _MONTHS[m.group("month").lower()], int(m.group("day"))
                try:
                    iso = dt.date(year, month, day).isoformat()
                except ValueError:
                    continue
            elif precision == "month":
                iso = f"{year:04d}-{_MONTHS[m.group('month').lower()]:02d}"
            else:
                iso = f"{year:04d}"
            taken.append((m.start(), m.end()))
            span_start = m.start("year") if precision == "year" else m.start()
            out.append(DateRef(span_start, m.end(), iso, precision, "explicit", text[span_start:m.end()]))
    for m in _BARE_MONTH.finditer(text, start, end):
        if published is not None and published_precision in ("day", "month"):
            month = _MONTHS[m.group("month").lower()]
            year = published.year if month <= published.month else published.year - 1
            taken.append((m.start("month"), m.end()))
            out.append(DateRef(m.start("month"), m.end(), f"{year:04d}-{month:02d}", "month", "relative", m.group("month")))
    for m in _RELATIVE.finditer(text, start, end):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        resolved = resolve_relative(m.group("rel"), published, published_precision)
        if resolved:
            out.append(DateRef(m.start(), m.end(), resolved[0], resolved[1], "relative", m.group(0)))
    return sorted(out, key=lambda d: d.start)


def resolve_relative(phrase: str, published: dt.date | None, precision: str) -> tuple[str, str] | None:
    """('2019-07', 'month') for 'this month' in an article of 2019-07-22; None if it cannot be known."""
    if published is None or precision == "unknown":
        return None
    p = phrase.lower().replace("’", "'")
    if p in ("this year", "by year's end") or p.endswith(("the end of the year", "the end of this year")):
        return f"{published.year:04d}", "year"
    if p == "last year":
        return f"{published.year - 1:04d}", "year"
    if p == "next year":
        return f"{published.year + 1:04d}", "year"
    if p in ("currently", "now"):
        return published.isoformat()[: {"day": 10, "month": 7, "year": 4}[precision]], precision
    if precision == "year":
        return None
    if p in ("this month", "this week", "in recent months") or p.startswith("in the coming"):
        return published.strftime("%Y-%m"), "month"
    if p == "last month":
        prev = published.replace(day=1) - dt.timedelta(days=1)
        return prev.strftime("%Y-%m"), "month"
    if p == "last week":
        if precision == "day":
            return (published - dt.timedelta(days=7)).strftime("%Y-%m"), "month"
        return (f"{published.year:04d}", "year") if published.month > 1 else None
    weekday = p.removeprefix("on ").capitalize()
    if weekday in _WEEKDAYS and precision == "day":
        back = (published.weekday() - _WEEKDAYS.index(weekday)) % 7
        return (published - dt.timedelta(days=back)).isoformat(), "day"
    return None
