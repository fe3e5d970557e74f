"""Time expressions -> ISO dates, against the article's publication date when known.

``normalise("Tuesday", "2021-05-12")`` -> ``"2021-05-11"`` (news report the
past: a weekday is the latest such day on or before the publication date);
``normalise("last year", "2021-05-12")`` -> ``"2020"``; ``normalise("in 2019")``
-> ``"2019"``. What cannot be pinned down is returned as written ("for months").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil import parser as dateutil_parser

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
LEADING = re.compile(r"^(?:in|on|during|since|by|at|until|before|after)\s+", re.I)


def _published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _month(word: str) -> int | None:
    word = word.lower().rstrip(".")
    for i, name in enumerate(MONTHS, 1):
        if word == name or (len(word) >= 3 and name.startswith(word)):
            return i
    return None


def normalise(expr: str, published: str | None = None) -> str:
    """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD) for a time expression, or the expression itself."""
    text = " ".join(LEADING.sub("", expr.strip()).split())
    low = text.lower()
    ref = _published(published)
    if ref is not None:
        if low in {"today", "tonight", "this morning", "this afternoon", "this evening"}:
            return ref.isoformat()
        if low in {"yesterday", "last night"}:
            return (ref - timedelta(days=1)).isoformat()
        for i, day in enumerate(WEEKDAYS):
            if low in {day, f"last {day}", f"on {day}"}:
                back = (ref.weekday() - i) % 7 or (7 if low.startswith("last") else 0)
                return (ref - timedelta(days=back)).isoformat()
        if low in {"last year", "a year ago", "the previous year"}:
            return str(ref.year - 1)
        if low in {"this year", "earlier this year", "later this year", "so far this year"}:
            return str(ref.year)
        if low in {"last month", "a month ago"}:
            prev = ref.replace(day=1) - timedelta(days=1)
            return f"{prev.year}-{prev.month:02d}"
        if low in {"this month", "earlier this month"}:
            return f"{ref.year}-{ref.month:02d}"
        if low in {"last week", "a week ago"}:
            return (ref - timedelta(days=7)).isoformat()
        words = low.split()
        if len(words) == 1 and _month(words[0]):
            month = _month(words[0])
            year = ref.year if month <= ref.month else ref.year - 1
            return f"{year}-{month:02d}"
    words = low.replace(",", " ").split()
    years = YEAR.findall(low)
    months = [_month(w) for w in words if _month(w)]
    days = [w for w in words if w.isdigit() and 1 <= int(w) <= 31]
    if len(years) == 1 and months and days and len(words) <= 4:
        try:
            return dateutil_parser.parse(text, fuzzy=True).date().isoformat()
        except (ValueError, OverflowError):
            pass
    if len(years) == 1 and len(months) == 1 and len(words) <= 3:
        return f"{years[0]}-{months[0]:02d}"
    if len(years) == 1 and not months:
        return years[0]
    return text
