"""Declarative columns of a record table: which field, shown how, edited how."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum, auto
from typing import Any

from avereport.model import fmt
from avereport.model.dates import FuzzyDate
from avereport.model.edition import Edition
from avereport.model.limits import Bounds, shown
from avereport.model.user_dates import date_for_input, parse_user_date


class Kind(Enum):
    TEXT = auto()
    LINES = auto()  # a tuple[str, ...] field, one item a line
    COUNT = auto()  # a non-negative integer
    NUMBER = auto()  # a non-negative decimal
    DATE = auto()  # a FuzzyDate
    CHOICE = auto()  # an enum value or a reference, picked from a list
    FLAG = auto()  # a bool, as a check box


Choices = Callable[[Edition], Sequence[tuple[Any, str]]]


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    kind: Kind = Kind.TEXT
    tooltip: str = ""
    choices: Choices | None = None
    width: int = 0  # preferred width in pixels; 0 lets the view decide

    def display(self, value: Any, edition: Edition) -> str:
        if value is None:
            return ""
        if self.kind is Kind.LINES:
            return "\n".join(value)
        if self.kind in (Kind.COUNT, Kind.NUMBER):
            return fmt.number(value)
        if self.kind is Kind.DATE:
            return fmt.date(value)
        if self.kind is Kind.CHOICE and self.choices is not None:
            return dict(self.choices(edition)).get(value, str(value))
        return str(value)

    def edit_text(self, value: Any) -> Any:
        """The value as the editor starts from."""
        if value is None:
            return ""
        if self.kind is Kind.LINES:
            return "\n".join(value)
        if self.kind is Kind.DATE and isinstance(value, FuzzyDate):
            return date_for_input(value)
        if self.kind in (Kind.COUNT, Kind.NUMBER):
            return fmt.number(value).replace("\u202f", " ")
        return value

    def parse(self, value: Any) -> Any:
        """What the user typed, as the model expects it (the model checks it further)."""
        if self.kind is Kind.LINES:
            return tuple(line.strip() for line in str(value).splitlines() if line.strip())
        if self.kind is Kind.DATE and isinstance(value, str):
            return parse_user_date(value) if value.strip() else None
        if self.kind in (Kind.COUNT, Kind.NUMBER) and isinstance(value, str) and not value.strip():
            return None
        return value


# What a date cell's tooltip says it reads (model/user_dates.py reads more still).
DATE_FORMS = "JJ/MM/AAAA, MM/AAAA, AAAA ou décembre 2021"

# Longer than any number within the limits, even typed with spaces and decimals.
NUMBER_MAX_LENGTH = 24


def number_hint(kind: Kind, bounds: Bounds | None) -> str:
    """The placeholder of a number editor, stating the range the model accepts."""
    noun = "nombre entier" if kind is Kind.COUNT else "nombre"
    if bounds is None:
        return f"{noun}, vide si inconnu"
    return f"{noun} de {shown(bounds.low)} à {shown(bounds.high)}, vide si inconnu"


def enum_choices(labels: dict[Any, str]) -> Choices:
    """Choices of an enumeration, from its French labels."""
    items = list(labels.items())
    return lambda edition: items
