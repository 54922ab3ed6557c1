"""French rendering of numbers, percentages, dates and deltas.

Digit grouping, decimal marks and month names come from Babel's CLDR data for
``fr_FR``; only the report's own conventions (a delta in parentheses,
"133 (141 en 2020)", "plus de 120") are spelled out here.
"""

from __future__ import annotations

from decimal import Decimal

import babel.dates
import babel.numbers

from avereport.model.dates import FuzzyDate
from avereport.model.edition import Qualifier

LOCALE = "fr_FR"
NARROW_NBSP = "\u202f"

Number = int | float | Decimal

# CLDR's French percent pattern puts U+00A0 before "%"; French typography (and
# the report) want the narrow no-break space CLDR already uses between digit
# groups. Patterns only place the sign; Babel still supplies every symbol.
_PERCENT = "#,##0.##\u202f%"
_SIGNED = "+#,##0.###;-#,##0.###"
_SIGNED_PERCENT = "+#,##0.##\u202f%;-#,##0.##\u202f%"


def _decimal(value: Number) -> Decimal:
    """Exact decimal of a value as written (55.52 stays 55.52, not 55.5199…)."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def number(value: Number) -> str:
    """178114 -> "178 114" (U+202F between groups), 55.52 -> "55,52"."""
    return babel.numbers.format_decimal(_decimal(value), locale=LOCALE)


def percent(value: Number) -> str:
    """A percentage (not a fraction): 46 -> "46 %", 55.52 -> "55,52 %"."""
    return babel.numbers.format_percent(_decimal(value) / 100, format=_PERCENT, locale=LOCALE)


def signed(value: Number) -> str:
    """2 -> "+2", -3 -> "-3", 0 -> "+0"."""
    return babel.numbers.format_decimal(_decimal(value), format=_SIGNED, locale=LOCALE)


def delta(value: Number | None) -> str:
    """A change against the previous year: "(+2)", "(-3)", "(=)"; "" when unknown."""
    if value is None:
        return ""
    return "(=)" if value == 0 else f"({signed(value)})"


def change(value: Number | None) -> str:
    """A relative change in percent: 22 -> "+22 %", -5 -> "-5 %", 0 -> "0 %";
    "" when unknown."""
    if value is None:
        return ""
    if value == 0:
        return percent(0)
    return babel.numbers.format_percent(_decimal(value) / 100, format=_SIGNED_PERCENT, locale=LOCALE)


def quantity(value: Number, unit: str = "", qualifier: Qualifier = Qualifier.EXACT) -> str:
    """A figure as the report states it: "plus de 120", "46 %", "30 jours"."""
    if unit == "%":
        return qualifier.prefix + percent(value)
    return qualifier.prefix + number(value) + (f" {unit}" if unit else "")


def with_previous(value: Number, previous: Number | None, previous_year: int) -> str:
    """ "133 (141 en 2020)"; just "133" when the previous figure is unknown."""
    text = number(value)
    if previous is None:
        return text
    return f"{text} ({number(previous)} en {previous_year})"


def date(value: FuzzyDate) -> str:
    """ "22 juin 2021", "1er juin 2021", "septembre 2021" or "2021", as precise
    as the date is."""
    day = value.first_day()
    if value.precision == "year":
        return babel.dates.format_skeleton("y", day, locale=LOCALE)
    if value.precision == "month":
        return babel.dates.format_skeleton("yMMMM", day, locale=LOCALE)
    # French writes the first of the month as an ordinal ("1er juin"); CLDR has
    # no such pattern, so the day-1 case gets its own.
    pattern = "d'er' MMMM y" if day.day == 1 else "d MMMM y"
    return babel.dates.format_date(day, format=pattern, locale=LOCALE)
