"""One spreadsheet cell as the model wants it, or a French reason it is refused.

A cell comes typed from a workbook (number, date, text, boolean) or as the
text of a CSV or a paste. Text is read as French users write it: "1 234",
"12,0", "décembre 2021", "oui". The value then goes through the model's own
checks (``edit.coerce`` and the field's bounds), as a typed value does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import typing
from collections.abc import Callable
from typing import Any

from avereport.model import edit, limits
from avereport.model.dates import DateError, FuzzyDate
from avereport.model.user_dates import parse_user_date
from avereport.spreadsheets.folding import fold
from avereport.spreadsheets.tables import Column, Kind

# A longer text is no real cell of these tables; checked before anything else.
MAX_CELL_CHARS = 10_000

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_THOUSANDS_DOTS = re.compile(r"^-?\d{1,3}(?:\.\d{3})+$")
_TRUE = frozenset({"oui", "o", "vrai", "x", "1", "true", "yes", "y", "coche", "cochee"})
_FALSE = frozenset({"non", "n", "faux", "0", "false", "no", ""})


class CellRefused(ValueError):
    """A cell the model cannot take; the message is French, without the cell's place."""


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: Any) -> str:
    """A cell as the text it shows: 12.0 -> "12", a date -> "01/12/2021"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def read_cell(column: Column, value: Any) -> Any:
    """The value of ``column`` a cell holds (None for an empty cell), before the
    model's checks; CellRefused when it cannot be read."""
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        raise CellRefused(f"texte trop long ({len(value)} caractères, {MAX_CELL_CHARS} au plus)")
    if isinstance(value, (dt.time, dt.timedelta)):
        raise CellRefused(f"une durée ou une heure ({value}) n'est pas possible ici")
    if is_empty(value):
        return () if column.kind is Kind.LINES else None
    reader = _READERS[column.kind]
    return reader(column, value)


def _text(column: Column, value: Any) -> str:
    # Windows line ends (CSV, Excel) become the app's.
    return as_text(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _lines(column: Column, value: Any) -> tuple[str, ...]:
    return tuple(line.strip() for line in as_text(value).splitlines() if line.strip())


def _number_text(text: str) -> str:
    """ "1 234,5" -> "1234.5"; "1.234" (French thousands) -> "1234"."""
    plain = _SPACES.sub("", text)
    if _THOUSANDS_DOTS.match(plain):
        return plain.replace(".", "")
    return plain.replace(",", ".")


def _count(column: Column, value: Any) -> int:
    number = _number(column, value)
    if not float(number).is_integer():
        raise CellRefused(f"« {as_text(value)} » n'est pas un nombre entier")
    return int(number)


def _number(column: Column, value: Any) -> float:
    if isinstance(value, bool):
        raise CellRefused(f"« {as_text(value)} » n'est pas un nombre")
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(_number_text(value))
        except ValueError:
            raise CellRefused(f"« {value.strip()} » n'est pas un nombre") from None
    else:
        raise CellRefused(f"« {as_text(value)} » n'est pas un nombre")
    if number != number or number in (float("inf"), float("-inf")):
        raise CellRefused("ce nombre n'est pas possible ici")
    return int(number) if column.kind is not Kind.NUMBER and number.is_integer() else number


def _date(column: Column, value: Any) -> FuzzyDate:
    try:
        if isinstance(value, dt.datetime):
            return FuzzyDate.of(value.date())
        if isinstance(value, dt.date):
            return FuzzyDate.of(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if not float(value).is_integer():
                raise CellRefused(f"« {as_text(value)} » n'est pas une date")
            return FuzzyDate(int(value))  # a year typed as a number
        return parse_user_date(str(value))
    except DateError as error:
        raise CellRefused(str(error)) from None


def _flag(column: Column, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    folded = fold(as_text(value))
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise CellRefused(f"« {as_text(value).strip()} » : écrivez oui ou non")


def _choice(column: Column, value: Any) -> Any:
    names = column.choice_names()
    folded = fold(as_text(value))
    if folded in names:
        return names[folded]
    shown = ", ".join(label for _, label in column.choices)
    raise CellRefused(f"« {as_text(value).strip()} » n'est pas un choix possible ({shown})")


_READERS = {
    Kind.TEXT: _text,
    Kind.LINES: _lines,
    Kind.COUNT: _count,
    Kind.NUMBER: _number,
    Kind.YEAR: _count,
    Kind.DATE: _date,
    Kind.CHOICE: _choice,
    Kind.FLAG: _flag,
    Kind.REFERENCE: _text,
}


def field_check(record_type: type, name: str) -> Callable[[Any], Any]:
    """What turns a value for field ``name`` of ``record_type`` into what
    ``edit.with_value`` would store (type, bounds), or raises CellRefused
    with the model's reason; the field's facts looked up once, not per cell."""
    declared, optional = _declared(record_type, name)
    bounds = limits.bounds_of(record_type, name, declared)
    as_is = declared in (str, int, bool)

    def check(value: Any) -> Any:
        if as_is and value.__class__ is declared:
            checked = value  # already what coerce would return; the bounds still apply
        else:
            try:
                checked = edit.coerce(declared, value, optional)
            except (edit.EditError, DateError) as error:
                raise CellRefused(str(error)) from None
        if bounds is not None and checked is not None:
            reason = limits.out_of_bounds(bounds, checked)
            if reason:
                raise CellRefused(reason)
        return checked

    return check


@functools.cache
def _declared(record_type: type, name: str) -> tuple[Any, bool]:
    hint = typing.get_type_hints(record_type)[name]
    args = typing.get_args(hint)
    if type(None) in args:
        return next(arg for arg in args if arg is not type(None)), True
    return hint, False


def is_optional(record_type: type, name: str) -> bool:
    return _declared(record_type, name)[1]


def has_default(record_type: type, name: str) -> bool:
    field = next(f for f in dataclasses.fields(record_type) if f.name == name)
    return field.default is not dataclasses.MISSING or field.default_factory is not dataclasses.MISSING
