"""Dates: how texts write them, the one parser and the one formatter, and the order in which an
article's dates date it.

Metadata keeps a date as the text gave it, in ISO form ("2024-07-11", or with the time a feed
gives, "2024-07-11T04:47:08+00:00"): that is what the export records. Everything that orders,
compares or shows a date reads it as a `datetime.date` with `day`, and writes it with `written`.
"""

from __future__ import annotations

import re
from datetime import date
from email.utils import parsedate_to_datetime
from functools import lru_cache

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# "April 19, 2023" or "19 April 2023".
DATE = rf"(?:{_MONTH} \d{{1,2}},? \d{{4}}|\d{{1,2}} {_MONTH},? \d{{4}})"
WEEKDAY_DATE = rf"{_WEEKDAY},? {DATE}"
RFC822_DATE = (
    r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r" \d{4} \d{2}:\d{2}:\d{2} (?:[+-]\d{4}|GMT|UTC)"
)

# An article's date fields in the order they date it (`model.listed_date`): its own publication,
# its feed item's, the date it says its original appeared, the day its page was captured.
DATE_FIELDS = ("published", "item_date", "first_published", "captured")
# The copy's own dates (`model.own_date`), which order the copies of one text, and what each is.
OWN_DATE_FIELDS = {"published": "published", "item_date": "feed", "captured": "captured"}


@lru_cache(maxsize=65536)  # a corpus's few thousand dates are read many times on every build
def day(value: str) -> date | None:
    """The day an ISO date, or date and time, names; None for "" or anything else."""
    if not re.match(r"\d{4}-\d\d-\d\d", value):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def iso_day(value: str) -> str:
    """The day an ISO date, or date and time, names, as ISO text ("2024-07-13"); "" for none."""
    when = day(value)
    return when.isoformat() if when else ""


def written(when: date) -> str:
    """A day as people write it: "11 July 2024"."""
    return f"{when.day} {MONTHS[when.month - 1]} {when.year}"


def written_date(value: str) -> str:
    """An ISO date (or date and time) as people write it: "2024-07-11T04:47:08+00:00" as "11 July 2024";
    anything else as it is."""
    when = day(value)
    return written(when) if when else value


def iso_date(text: str) -> str:
    """The ISO date (YYYY-MM-DD) written in `text`, or "" when it holds none."""
    match = re.search(DATE, text)
    if not match:
        return ""
    words = re.findall(r"\w+", match.group(0))
    numbers = [w for w in words if w.isdigit()]
    month = next(w for w in words if not w.isdigit())
    month_number = next(i for i, m in enumerate(MONTHS, 1) if m.startswith(month[:3]))
    number, year = (numbers[0], numbers[1]) if len(numbers[0]) <= 2 else (numbers[1], numbers[0])
    try:
        return date(int(year), month_number, int(number)).isoformat()
    except ValueError:
        return ""


def iso_datetime(rfc822: str) -> str:
    """An RSS date ("Thu, 25 Jul 2024 09:29:01 +0000") as ISO 8601, or ""."""
    try:
        return parsedate_to_datetime(rfc822).isoformat()
    except (TypeError, ValueError):
        return ""
