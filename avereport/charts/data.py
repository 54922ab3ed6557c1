"""The plain figures each chart takes, independent of how they were computed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib is imported only when a chart is drawn
    from matplotlib.figure import Figure


@dataclass(frozen=True)
class Series:
    """Values of one quantity by year; ``None`` marks a year without data."""

    label: str
    points: tuple[tuple[int, float | None], ...]

    def __post_init__(self) -> None:
        # Accept any sequence of pairs; keep an immutable, year-ordered copy.
        points = tuple(sorted(((int(year), value) for year, value in self.points), key=lambda p: p[0]))
        if len({year for year, _ in points}) != len(points):
            raise ValueError(f"Série « {self.label} » : une même année figure deux fois.")
        object.__setattr__(self, "points", points)

    @property
    def known(self) -> tuple[tuple[int, float], ...]:
        return tuple((year, value) for year, value in self.points if value is not None)

    @property
    def missing_years(self) -> tuple[int, ...]:
        return tuple(year for year, value in self.points if value is None)


def aligned(series: Sequence[Series]) -> list[Series]:
    """The series over the same years: a year one series lacks becomes ``None``
    there, so it is drawn and described as missing, not skipped over."""
    years = {year for s in series for year, _ in s.points}
    result = []
    for s in series:
        lacking = years - {year for year, _ in s.points}
        result.append(Series(s.label, (*s.points, *((year, None) for year in lacking))))
    return result


@dataclass(frozen=True)
class CategoryBar:
    """A count and its change against the previous year (``None``: unknown)."""

    label: str
    value: int | None
    delta: int | None = None


@dataclass(frozen=True)
class CoverageBar:
    """How many of all the structures of one kind are members."""

    label: str
    members: int
    total: int

    def __post_init__(self) -> None:
        if not 0 <= self.members <= self.total or self.total == 0:
            raise ValueError(
                f"Couverture « {self.label} » incohérente : {self.members} adhérents sur {self.total}."
            )


@dataclass(frozen=True)
class Share:
    """One part of a whole, e.g. the people trained from one type of structure."""

    label: str
    count: int


@dataclass(frozen=True)
class Chart:
    """A figure and the one-sentence French description of its data (alternative text)."""

    figure: Figure
    alt_text: str
