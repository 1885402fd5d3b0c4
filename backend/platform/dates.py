"""Dates a person can mean: every date that enters through the API is checked against one range
before anything computes with it, so year 1 or 9999 is a clear 422 naming the field, never an
overflow deep in a calendar (``date + timedelta`` past 9999-12-31) nor an absurd row.

The range is wide on purpose (a birth date in 1930, a rule set for 2100 are fine); each rule
(a salary run not after today, a contract not backdated) narrows it where it applies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from backend.platform import i18n
from backend.platform.errors import FieldError, Invalid

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2199, 12, 31)

i18n.register({
    "date_out_of_range": {
        "nl": "De datum {date} kan niet: kies een datum tussen {earliest} en {latest}.",
        "fr": "La date {date} n'est pas possible : choisissez une date entre le {earliest} et "
              "le {latest}.",
        "en": "The date {date} is not possible: choose a date between {earliest} and {latest}.",
    },
})


def date_error(field: str, day: dt.date) -> FieldError | None:
    """The field error for ``day`` outside [EARLIEST, LATEST], else None."""
    if EARLIEST <= day <= LATEST:
        return None
    return FieldError(field, "date_out_of_range", {"date": day.isoformat(),
                                                   "earliest": EARLIEST.isoformat(),
                                                   "latest": LATEST.isoformat()})


def check_dates(fields: Iterable[tuple[str, dt.date | None]]) -> None:
    """Raise one ``Invalid`` listing every date outside the range (None: not given)."""
    errors = [e for name, day in fields if day is not None
              if (e := date_error(name, day)) is not None]
    if errors:
        raise Invalid(errors=errors)


def check_date_list(field: str, days: Iterable[dt.date]) -> None:
    """``field[i]`` for each bad date of a list (performance dates)."""
    check_dates((f"{field}[{i}]", day) for i, day in enumerate(days))
