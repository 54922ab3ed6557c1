"""What a check reports, and the small rules several checks share."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from avereport.model import fmt
from avereport.model.dates import FuzzyDate
from avereport.model.edition import SectionKind

# Dated facts of an edition (counts "as of", events, meetings…) lie within a
# few years of it; a career date (a start in post, a bureau role held "since")
# may be decades old.
RECENT_YEARS = (-10, 2)
CAREER_YEARS = (-40, 2)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in an edition.

    ``field`` is a dotted path into the edition
    (``membership.groups[0].declared_total``) the UI jumps to; ``section`` is
    the outline kind it belongs to; ``message`` is one French sentence;
    ``code`` names the kind of finding for those that the app treats apart
    (``review.*``, ``stale.*``), empty for the others.
    """

    severity: Severity
    section: SectionKind
    field: str
    message: str
    code: str = ""


def error(section: SectionKind, field: str, message: str) -> Finding:
    return Finding(Severity.ERROR, section, field, message)


def warning(section: SectionKind, field: str, message: str, code: str = "") -> Finding:
    return Finding(Severity.WARNING, section, field, message, code)


def quote(text: str) -> str:
    return f"«\u00a0{text}\u00a0»"


def negative(section: SectionKind, field: str, what: str, value: float | None) -> Iterator[Finding]:
    if value is not None and value < 0:
        yield error(
            section, field, f"{what} : {fmt.number(value)}, un nombre ne peut être négatif. Corrigez-le."
        )


def out_of_range(
    section: SectionKind,
    field: str,
    what: str,
    date: FuzzyDate | None,
    year: int,
    span: tuple[int, int] = RECENT_YEARS,
) -> Iterator[Finding]:
    """An error when ``date`` lies outside ``year + span`` (inclusive)."""
    if date is None:
        return
    first, last = year + span[0], year + span[1]
    if not first <= date.year <= last:
        yield error(
            section,
            field,
            f"{what} : {fmt.date(date)}, hors de la période plausible ({first}-{last}). "
            "Vérifiez l'année saisie.",
        )


def outside_year(
    section: SectionKind, field: str, what: str, date: FuzzyDate | None, year: int
) -> Iterator[Finding]:
    """A warning for a fact of the year dated in another (plausible) year: an
    assembly held early the next year can be right, a typo is likelier."""
    if date is None:
        return
    first, last = year + RECENT_YEARS[0], year + RECENT_YEARS[1]
    if date.year != year and first <= date.year <= last:
        yield warning(
            section,
            field,
            f"{what} : {fmt.date(date)}, en dehors de l'année {year} du rapport. "
            "Vérifiez la date, ou gardez-la si elle est voulue.",
        )
    else:
        yield from out_of_range(section, field, what, date, year)


K = TypeVar("K")


def duplicates(
    section: SectionKind,
    items: Iterable[K],
    field: Callable[[int], str],
    describe: Callable[[K], str],
) -> Iterator[Finding]:
    """An error for each item whose identity repeats an earlier one's."""
    seen: set[K] = set()
    for index, item in enumerate(items):
        if item in seen:
            yield error(
                section,
                field(index),
                f"{describe(item)} figure plusieurs fois. Renommez ou supprimez le doublon.",
            )
        seen.add(item)


def sum_text(parts: list[int]) -> str:
    """The parts of a sum as a message shows them: "8 + 25 + 17"."""
    return " + ".join(fmt.number(p) for p in parts)
