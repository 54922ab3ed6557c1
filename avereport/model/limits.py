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
import types
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


def first_refused(record: object) -> str | None:
    """The first number beyond its bounds or text nested too deep in
    ``record`` (an edition or any part of it) as "path : reason", else None.
    What the store refuses to read must never be written (a new edition of
    2201, a record built by code rather than typed)."""
    found = _refused(record)
    if found is None:
        return None
    steps, reason = found
    path = "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in steps)
    return f"{path.removeprefix('.')} : {reason}"


_NUMBER, _TEXT, _NESTED = "number", "text", "nested"


def _refused(record: object) -> tuple[list[str | int], str] | None:
    if isinstance(record, tuple | list):
        for index, item in enumerate(record):
            found = _refused(item)
            if found:
                found[0].insert(0, index)
                return found
        return None
    if isinstance(record, type) or not dataclasses.is_dataclass(record):
        return None
    cls: type = type(record)
    for name, check, bounds in _checks(cls):
        value = getattr(record, name)
        if value is None:
            continue
        if check is _NUMBER:
            assert bounds is not None
            reason = out_of_bounds(bounds, value)
            if reason:
                return [name], reason
        elif check is _TEXT:
            from avereport.model.nesting import NestingError, check_nesting

            try:
                check_nesting(value)
            except NestingError as error:
                return [name], str(error)
        else:
            found = _refused(value)
            if found:
                found[0].insert(0, name)
                return found
    return None


@functools.cache
def _checks(cls: type) -> tuple[tuple[str, str, Bounds | None], ...]:
    """What to check in each field of dataclass ``cls``, worked out once."""
    hints = typing.get_type_hints(cls)
    checks: list[tuple[str, str, Bounds | None]] = []
    for field in dataclasses.fields(cls):
        members = _members(hints[field.name])
        kind = float if float in members else int if int in members else None
        bounds = bounds_of(cls, field.name, kind) if kind else None
        # An edition's own ids only tie its records together: the store
        # numbers them anew.
        if bounds is not None and bounds is not ID:
            checks.append((field.name, _NUMBER, bounds))
        elif (cls, field.name) in MARKDOWN_FIELDS:
            checks.append((field.name, _TEXT, None))
        elif any(_holds_records(member) for member in members):
            checks.append((field.name, _NESTED, None))
    return tuple(checks)


def _members(hint: object) -> tuple[object, ...]:
    """The types a field declared ``hint`` may hold (``X | None``: X and None)."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return typing.get_args(hint)
    return (hint,)


def _holds_records(hint: object) -> bool:
    if typing.get_origin(hint) in (tuple, list):
        return any(dataclasses.is_dataclass(arg) for arg in typing.get_args(hint))
    return dataclasses.is_dataclass(hint)
