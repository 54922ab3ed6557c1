"""Dates as French users type them: "22/06/2021", "06/2021", "2021"."""

from __future__ import annotations

import re

from avereport.model.dates import DateError, FuzzyDate

_FRENCH = re.compile(r"^(?:(\d{1,2})[/.-])?(?:(\d{1,2})[/.-])?(\d{4})$")


def parse_user_date(text: str) -> FuzzyDate:
    """Read "22/06/2021", "6/2021", "2021" or ISO "2021-06-22"; French error otherwise."""
    text = text.strip()
    try:
        return FuzzyDate.parse(text)
    except DateError:
        pass
    match = _FRENCH.match(text)
    if not match:
        raise DateError(f"date illisible : « {text} » (écrivez par exemple 22/06/2021, 06/2021 ou 2021)")
    first, second, year = match.groups()
    if second is not None:
        return FuzzyDate(int(year), int(second), int(first))
    if first is not None:
        return FuzzyDate(int(year), int(first))
    return FuzzyDate(int(year))


def date_for_input(date: FuzzyDate) -> str:
    """The form a user would type: "22/06/2021", "06/2021" or "2021"."""
    if date.day is not None:
        return f"{date.day:02d}/{date.month:02d}/{date.year:04d}"
    if date.month is not None:
        return f"{date.month:02d}/{date.year:04d}"
    return f"{date.year:04d}"
