"""A figure beside last year's, and the arithmetic every summary shares.

Rules: a value missing on either side gives no delta (``None``), never a wrong
one; approximate figures ("plus de 2 000") get no delta against the previous
edition either, since the difference would be invented; percentages are
rounded half-up to whole numbers (100 / 147 -> 68).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from avereport.model.edition import Qualifier

Number = int | float
T = TypeVar("T")


def _decimal(value: Number) -> Decimal:
    return Decimal(str(value)) if isinstance(value, float) else Decimal(value)


def _number(value: Decimal) -> Number:
    return int(value) if value == value.to_integral_value() else float(value)


def all_known(values: Sequence[int | None]) -> list[int] | None:
    """The values when there is at least one and none is missing, else None:
    a sum of parts is only stated once every part is known."""
    known = [value for value in values if value is not None]
    return known if known and len(known) == len(values) else None


def difference(value: Number | None, previous: Number | None) -> Number | None:
    """``value - previous`` without binary noise (55.52 - 50.1 = 5.42)."""
    if value is None or previous is None:
        return None
    return _number(_decimal(value) - _decimal(previous))


def percent_of(part: Number | None, whole: Number | None) -> int | None:
    """``part`` as a whole percentage of ``whole``, rounded half-up."""
    if part is None or whole is None or whole <= 0:
        return None
    ratio = _decimal(part) * 100 / _decimal(whole)
    return int(ratio.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def change_percent(value: Number | None, previous: Number | None) -> int | None:
    """Relative change from ``previous`` to ``value`` in whole percent (71 vs 58 -> 22)."""
    return percent_of(difference(value, previous), previous)


def index_by(items: Iterable[T], key: Callable[[T], object]) -> dict[object, T]:
    """Items by key, the first one winning (duplicates are reported by checks)."""
    index: dict[object, T] = {}
    for item in items:
        index.setdefault(key(item), item)
    return index


@dataclass(frozen=True, slots=True)
class CountLine:
    """A figure of this edition with the same figure of the previous edition.

    ``key`` is what matched the two (a category key, a network name, a
    threshold…); ``previous`` is ``None`` when there is no previous edition or
    it lacks the figure.
    """

    key: str
    label: str
    value: Number | None
    previous: Number | None = None
    unit: str = ""
    qualifier: Qualifier = Qualifier.EXACT
    previous_qualifier: Qualifier = Qualifier.EXACT

    @property
    def comparable(self) -> bool:
        return (
            self.value is not None
            and self.previous is not None
            and self.qualifier is Qualifier.EXACT
            and self.previous_qualifier is Qualifier.EXACT
        )

    @property
    def delta(self) -> Number | None:
        """``value - previous``: 71 against 69 -> 2."""
        return difference(self.value, self.previous) if self.comparable else None

    @property
    def change(self) -> int | None:
        """Relative change in whole percent: 71 against 58 -> 22."""
        return change_percent(self.value, self.previous) if self.comparable else None
