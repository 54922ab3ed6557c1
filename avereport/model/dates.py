"""Dates as precise as the source: a year, a month or a day.

The report often knows only "juin 2021" or "2021" for an event; forcing a day
would invent facts. A ``FuzzyDate`` keeps the precision it was given and
sorts and compares like the earliest day it could denote.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class DateError(ValueError):
    """A text that is not a valid year, year-month or year-month-day."""


@functools.total_ordering
@dataclass(frozen=True, slots=True)
class FuzzyDate:
    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise DateError(f"année impossible : {self.year}")
        if self.month is None:
            if self.day is not None:
                raise DateError("un jour sans mois n'est pas une date")
            return
        if not 1 <= self.month <= 12:
            raise DateError(f"mois impossible : {self.month}")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise DateError(f"jour impossible : {self.year:04d}-{self.month:02d}-{self.day:02d}")

    @classmethod
    def parse(cls, text: str) -> FuzzyDate:
        """Read "2021", "2021-09" or "2021-09-30"."""
        match = _ISO.match(text.strip()) if isinstance(text, str) else None
        if not match:
            raise DateError(f"date illisible : « {text} » (attendu AAAA, AAAA-MM ou AAAA-MM-JJ)")
        year, month, day = match.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)

    @classmethod
    def of(cls, day: dt.date) -> FuzzyDate:
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> str:
        """ "year", "month" or "day"."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def _sort_key(self) -> tuple[dt.date, int]:
        # "2021" sorts before "2021-01" before "2021-01-01": same first day, coarser first.
        return self.first_day(), (self.month is not None) + (self.day is not None)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, FuzzyDate):
            return NotImplemented
        return self._sort_key() < other._sort_key()

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text
