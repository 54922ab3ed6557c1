"""Small French phrases the section renderers share (numbers and dates come
from :mod:`avereport.model.fmt`)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

from babel.lists import format_list

from avereport.model import fmt
from avereport.model.compute.lines import CountLine
from avereport.model.dates import FuzzyDate

T = TypeVar("T")


def chronological(items: Iterable[T], date_of: Callable[[T], FuzzyDate | None]) -> list[T]:
    """Items by date, a date known only as a year after the precise dates of
    that year ("en 2021" tells less than "en septembre 2021"), undated items
    last; items of the same date keep their order."""

    def key(item: T) -> tuple[int, bool, dt.date]:
        date = date_of(item)
        if date is None:
            return (10_000, True, dt.date.min)
        return (date.year, date.precision == "year", date.first_day())

    return sorted(items, key=key)


def on(date: FuzzyDate) -> str:
    """When something happened: "le 30 septembre 2021", "en septembre 2021", "en 2021"."""
    return ("le " if date.precision == "day" else "en ") + fmt.date(date)


def date_label(date: FuzzyDate | None) -> str:
    """A date as a table cell or timeline label: "30 septembre 2021", "Septembre 2021"."""
    return capitalised(fmt.date(date)) if date else "Date non précisée"


def within_year(date: FuzzyDate, year: int) -> str:
    """A date of the report's year without the year: "27 janvier"."""
    text = fmt.date(date)
    suffix = f" {year}"
    return text[: -len(suffix)] if date.year == year and text.endswith(suffix) and date.month else text


def of(name: str) -> str:
    """The name after "de", elided before a vowel sound: "de Marc",
    "d'André", "d'Hélène", "d'Yves" but "de Yohan" (a y before a vowel
    sounds like a consonant)."""
    name = name.strip()
    letters = unicodedata.normalize("NFD", name[:2]).lower()
    plain = "".join(c for c in letters if not unicodedata.combining(c))
    vowel = plain[:1] in ("a", "e", "i", "o", "u", "h") or (
        plain[:1] == "y" and plain[1:2] not in tuple("aeiouy")
    )
    return f"d'{name}" if vowel else f"de {name}"


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """Lower-case initial: "Président" -> "président", but "PLIE" and "RGPD" stay."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def enumeration(items: list[str]) -> str:
    """A French enumeration: "a, b et c"."""
    return format_list(items, locale=fmt.LOCALE) if items else ""


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """A count and its noun: "1 session", "22 sessions"."""
    word = singular if abs(count) <= 1 else (plural_form or singular + "s")
    return f"{fmt.number(count)} {word}"


def value(line: CountLine) -> str:
    """A line's own figure as the report states it ("plus de 2 000")."""
    if line.value is None:
        return "n.d."
    return fmt.quantity(line.value, line.unit, line.qualifier)


def with_previous(line: CountLine, previous_year: int) -> str:
    """The figure and last year's: "133 (141 en 2020)", or just "133"."""
    if line.value is None:
        return "n.d."
    text = value(line)
    if line.previous is None:
        return text
    before = fmt.quantity(line.previous, line.unit, line.previous_qualifier)
    return f"{text} ({before} en {previous_year})"


def delta(line: CountLine) -> str:
    """The change on last year: "(+2)", "(-3)", "(=)"; empty when unknown."""
    return fmt.delta(line.delta)


def change(line: CountLine, previous_year: int) -> str:
    """The relative change: "+22 % par rapport à 2020"; empty when unknown."""
    return compared(line.change, previous_year)


def compared(percent: int | None, year: int) -> str:
    """A change in percent against ``year``: "+22 % par rapport à 2020",
    "stable par rapport à 2020", or "" when unknown."""
    if percent is None:
        return ""
    return f"{'stable' if percent == 0 else fmt.change(percent)} par rapport à {year}"
