"""Dates as French users type them, and as the app shows them.

Accepted: "22/06/2021", "06/2021", "2021", ISO "2021-06-22", and the written
forms "décembre 2021" (what ``fmt.date`` shows), "déc. 2021", "1er décembre
2021", "mercredi 1er décembre 2021". Case, accents and the abbreviation dot
do not matter; a midnight time after a day ("01/12/2021 00:00", what a
spreadsheet exports for a plain date) is dropped.
"""

from __future__ import annotations

import re
import unicodedata

from avereport.model.dates import DateError, FuzzyDate

_NUMERIC = re.compile(r"^(?:(\d{1,2})[/.-])?(?:(\d{1,2})[/.-])?(\d{4})$")
_MIDNIGHT = re.compile(r"^(.*\d)[ t]+0?0:00(?::00(?:\.0+)?)?$")
# "mercredi 1er decembre 2021", "1 dec 2021", "decembre 2021" once folded.
_WRITTEN = re.compile(
    r"^(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche),?\s+)?"
    r"(?:(\d{1,2})(?:er)?\s+)?([a-z]+)\.?\s+(\d{4})$"
)

# Every spelling and usual abbreviation of a month, folded (no accents, lower case).
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("janvier", "janv", "jan"),
        ("fevrier", "fevr", "fev"),
        ("mars", "mar"),
        ("avril", "avr"),
        ("mai",),
        ("juin",),
        ("juillet", "juil"),
        ("aout", "aou"),
        ("septembre", "sept", "sep"),
        ("octobre", "oct"),
        ("novembre", "nov"),
        ("decembre", "dec"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _number

EXAMPLES = "22/06/2021, 06/2021, juin 2021, 1er juin 2021 ou 2021"


def _folded(text: str) -> str:
    """Lower case, no accents, single spaces (U+00A0 and U+202F included)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.split())


def parse_user_date(text: str) -> FuzzyDate:
    """The date ``text`` writes, as precise as it is; a French DateError otherwise."""
    shown = text.strip()
    folded = _folded(shown)
    midnight = _MIDNIGHT.match(folded)
    if midnight:
        folded = midnight.group(1)
    try:
        return FuzzyDate.parse(folded)
    except DateError:
        pass  # not ISO: read below as the French forms
    numeric = _NUMERIC.match(folded)
    if numeric:
        first, second, year = numeric.groups()
        if second is not None:
            return FuzzyDate(int(year), int(second), int(first))
        if first is not None:
            return FuzzyDate(int(year), int(first))
        return FuzzyDate(int(year))
    written = _WRITTEN.match(folded)
    month = _MONTHS.get(written.group(2)) if written else None
    if written is None or month is None:
        raise DateError(f"date illisible : « {shown} » (écrivez par exemple {EXAMPLES})")
    day, _, year = written.groups()
    return FuzzyDate(int(year), month, int(day) if day else None)


def date_for_input(date: FuzzyDate) -> str:
    """The form a user would type: "22/06/2021", "06/2021" or "2021"."""
    if date.day is not None:
        return f"{date.day:02d}/{date.month:02d}/{date.year:04d}"
    if date.month is not None:
        return f"{date.month:02d}/{date.year:04d}"
    return f"{date.year:04d}"
