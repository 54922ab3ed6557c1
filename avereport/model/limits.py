"""The largest values a document may hold, defined once for every way in.

A number beyond any real report (a key figure of 1.7e308, a count of 2**62)
would only break the sums, the French formatting and the PDF later on, far
from where it was typed. So each numeric field has bounds, which the JSON
schema states (a test keeps ``schema.json`` equal to them), the store checks
on every read and the model checks on every edit; a Markdown text has a
maximum nesting depth (see :mod:`avereport.model.nesting`), and an
interchange file a maximum JSON depth. docs/format.md lists them.
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from dataclasses import dataclass

from avereport.model import edition as model


@dataclass(frozen=True, slots=True)
class Bounds:
    low: int
    high: int | float

    def __contains__(self, value: int | float) -> bool:
        return self.low <= value <= self.high


# People, structures, sessions, visits, posts: "in the millions at most".
COUNT = Bounds(0, 9_999_999)
# Key figures and communication metrics: amounts (euros, hours) or changes (-12 %).
FIGURE = Bounds(-999_999_999, 999_999_999)
YEAR = Bounds(1900, 2200)
MANDATE_YEARS = Bounds(0, 99)
HEADING_LEVEL = Bounds(1, 6)
# References inside one edition: an interchange file numbers them 1..n, a
# document uses its row ids, which SQLite keeps below 2**63.
ID = Bounds(1, 2**63 - 1)

# Containers nested in one Markdown text (lists, quotes, emphasis, links);
# real texts stay under 10, the 300 of a hostile one defeat any renderer.
MAX_TEXT_NESTING = 40
# Arrays and objects nested in an interchange file; an edition needs 7.
MAX_JSON_NESTING = 32

# The Markdown texts of an edition, by dataclass and field.
MARKDOWN_FIELDS = frozenset({(model.Section, "body")})

_SPECIAL = {
    (model.Edition, "year"): YEAR,
    (model.Indicator, "compare_year"): YEAR,
    (model.Governance, "mandate_years"): MANDATE_YEARS,
    (model.Section, "level"): HEADING_LEVEL,
    (model.BoardMember, "id"): ID,
    (model.BureauRole, "member_id"): ID,
    (model.StaffMember, "id"): ID,
    (model.StaffMember, "replaces_id"): ID,
}


def bounds_of(cls: type, name: str, kind: type) -> Bounds | None:
    """The bounds of field ``name`` of dataclass ``cls``, declared ``kind``
    (without ``| None``); None for a field that is not a number."""
    if kind is bool or kind not in (int, float):
        return None
    return _SPECIAL.get((cls, name), COUNT if kind is int else FIGURE)


def out_of_bounds(bounds: Bounds, value: int | float) -> str | None:
    """The French reason ``value`` is refused, or None when it is within ``bounds``."""
    if value in bounds:
        return None
    if value < bounds.low:
        if bounds.low == 0:
            return "un nombre négatif n'est pas possible ici"
        return f"le nombre doit valoir au moins {shown(bounds.low)}"
    return f"le nombre doit valoir au plus {shown(bounds.high)}"


def shown(number: int | float) -> str:
    """A bound as French digits, in groups of three from five digits on
    (``9 999 999``, but ``2200``)."""
    return f"{number:,}".replace(",", "\u202f") if abs(number) >= 10_000 else str(number)


def first_refused(record: object, path: str = "") -> str | None:
    """The first number beyond its bounds or text nested too deep in
    ``record`` (an edition or any part of it) as "path : reason", else None.
    What the store refuses to read must never be written (a new edition of
    2201, a record built by code rather than typed)."""
    from avereport.model.nesting import NestingError, check_nesting

    if isinstance(record, tuple | list):
        for index, item in enumerate(record):
            found = first_refused(item, f"{path}[{index}]")
            if found:
                return found
        return None
    if isinstance(record, type) or not dataclasses.is_dataclass(record):
        return None
    cls: type = type(record)
    hints = _hints(cls)
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        where = f"{path}.{field.name}" if path else field.name
        if isinstance(value, int | float) and not isinstance(value, bool):
            kind = _number_kind(hints[field.name])
            bounds = bounds_of(cls, field.name, kind) if kind else None
            # An edition's own ids only tie its records together: the store
            # numbers them anew.
            reason = out_of_bounds(bounds, value) if bounds and bounds is not ID else None
            if reason:
                return f"{where} : {reason}"
        elif isinstance(value, str) and (cls, field.name) in MARKDOWN_FIELDS:
            try:
                check_nesting(value)
            except NestingError as error:
                return f"{where} : {error}"
        elif isinstance(value, tuple | list) or dataclasses.is_dataclass(value):
            found = first_refused(value, where)
            if found:
                return found
    return None


@functools.cache
def _hints(cls: type) -> dict[str, object]:
    return typing.get_type_hints(cls)


def _number_kind(hint: object) -> type | None:
    """float or int for a field declared ``float``/``int`` (or ``| None``)."""
    kinds = typing.get_args(hint) or (hint,)
    return float if float in kinds else int if int in kinds else None
