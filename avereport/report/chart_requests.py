"""The charts a report asks for: each a name, its whole input as plain
hashable data, and a module-level function that draws it from that data.

Module-level functions, not closures, so that a request can be pickled and
drawn in another process (``chart_worker``); this module imports neither
reportlab nor matplotlib, so that process loads only what drawing needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from avereport.model.edition import NetworkKind
from avereport.model.regions import Region

COMMUNICATION_TITLE = "Communication : évolution sur plusieurs années"


@dataclass(frozen=True)
class ChartRequest:
    """``draw(charts, palette, data)`` makes the chart from the
    ``avereport.charts`` module, the brand palette and ``data``."""

    name: str
    data: tuple
    draw: Callable[[Any, Any, tuple], Any]

    def drawn(self, charts, palette, **layout):
        """The ``avereport.charts.Chart``: a matplotlib figure and its alternative
        text. ``layout``: passed on to the chart function (the preview's
        ``narrow_cm``); none for the PDF."""
        return self.draw(charts, palette, self.data, **layout)


def membership_trend(series: tuple[tuple[str, tuple[tuple[int, int | None], ...]], ...]) -> ChartRequest:
    """``series``: (group name, ((year, members or None), …)) for each group."""
    return ChartRequest("membership_trend", series, _membership_trend)


def network_coverage(bars: tuple[tuple[str, float, float], ...]) -> ChartRequest:
    """``bars``: (kind of structure, members, total) for each kind."""
    return ChartRequest("network_coverage", bars, _network_coverage)


def region_map(kind: NetworkKind, counts: tuple[tuple[str, int], ...]) -> ChartRequest:
    """``counts``: (region code, structures) for the regions that have some."""
    return ChartRequest("region_map", (kind.value, counts), _region_map)


def training_participants(shares: tuple[tuple[str, float], ...]) -> ChartRequest:
    """``shares``: (kind of structure, people trained) for each kind."""
    return ChartRequest("training_participants", shares, _training_participants)


def communication_metrics(series: tuple[tuple[str, tuple[tuple[int, int | None], ...]], ...]) -> ChartRequest:
    """``series``: (metric, ((year, value or None), …)) for each metric."""
    return ChartRequest("communication_metrics", series, _communication_metrics)


def _membership_trend(charts, palette, series, **layout):
    return charts.membership_trend(
        [charts.Series(label, points) for label, points in series], palette, **layout
    )


def _network_coverage(charts, palette, bars, **layout):
    return charts.network_coverage([charts.CoverageBar(*bar) for bar in bars], palette, **layout)


def _region_map(charts, palette, data, **layout):
    kind, counts = data
    return charts.region_map(
        NetworkKind(kind), {Region(code): count for code, count in counts}, palette, **layout
    )


def _training_participants(charts, palette, shares, **layout):
    return charts.training_participants(
        [charts.Share(label, count) for label, count in shares], palette, **layout
    )


def _communication_metrics(charts, palette, series, **layout):
    return charts.communication_metrics(
        [charts.Series(label, points) for label, points in series],
        palette,
        title=COMMUNICATION_TITLE,
        **layout,
    )
