"""Members across editions and members by category."""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from avereport.charts.bars import annotated_bars
from avereport.charts.data import CategoryBar, Chart, Series, aligned
from avereport.charts.describe import sentence, series_sentence
from avereport.charts.narrow import fit_height, height_for, legend_above, narrow_figure, reach_pt
from avereport.charts.palette import Palette
from avereport.charts.style import (
    BASE_FONT_PT,
    CM,
    MIN_FONT_PT,
    add_legend,
    add_title,
    chart_style,
    lay_out,
    new_figure,
    styled,
)
from avereport.charts.years import spaced, widest_pt, year_step
from avereport.model.fmt import delta, number

# A second visual channel besides colour, for readers who confuse the colours.
MARKERS = ("o", "s", "^", "D", "v", "P")
MARKER_SIZE_PT = 6
LABEL_OFFSET_PT = 6
LABEL_HEIGHT_PT = 1.25 * MIN_FONT_PT
NARROW_PLOT_CM = 5.5  # the plot's height in the narrow layout, legend and title above it


def membership_trend(
    series: Sequence[Series],
    palette: Palette,
    *,
    title: str = "Évolution des adhérents",
    narrow_cm: float | None = None,
) -> Chart:
    """One line per group of members over the editions; a year without data
    breaks the line instead of dropping to zero. With many editions, only
    every 2nd, 5th… year is labelled, and the values written for those years
    or fewer (see ``charts.years``). Laid out before the values are written next to
    the points: they stay inside the plot, so they would not change the layout.
    ``narrow_cm``: the narrow layout (see ``charts.narrow``), the legend one
    group a line."""
    series = aligned(series)
    years = sorted({year for s in series for year, _ in s.points})
    with chart_style():
        figure, axes, tick_step = _trend_figure(series, palette, title, narrow_cm)  # laid out
        shown = spaced(years, tick_step)
        values = (number(value) for s in series for _, value in s.known)
        written = spaced(shown, year_step(axes, widest_pt(values, MIN_FONT_PT), tick_step))
        _label_points(axes, series, palette, written)
    return Chart(figure, series_sentence(title, series))


def _trend_figure(
    series: Sequence[Series], palette: Palette, title: str, narrow_cm: float | None
) -> tuple[Figure, Axes, int]:
    """The figure laid out, its axes, and the years between two year labels."""
    if narrow_cm is None:
        figure = new_figure(height_cm=8.5)
        add_title(figure, title)
    else:
        figure = narrow_figure(narrow_cm, 8.5, title)
    axes = figure.add_subplot()
    years = sorted({year for s in series for year, _ in s.points})
    for index, s in enumerate(series):
        colour = palette.series[index % len(palette.series)]
        xs = [year for year, _ in s.points]
        ys = [math.nan if value is None else value for _, value in s.points]
        axes.plot(
            xs,
            ys,
            color=colour,
            linewidth=2,
            marker=MARKERS[index % len(MARKERS)],
            markersize=MARKER_SIZE_PT,
            label=s.label,
        )
    _year_ticks(axes, years)
    if years:
        axes.set_xlim(years[0] - 0.4, years[-1] + 0.4)
    axes.set_ylim(bottom=0, top=axes.get_ylim()[1] * 1.12)
    axes.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: _axis_number(value)))
    axes.grid(axis="y")
    axes.tick_params(axis="x", length=0)
    if narrow_cm is None:
        if series:
            add_legend(axes, min(len(series), 4))
        lay_out(figure)  # the points get their printed positions
        tick_step = _space_years(axes, years)
        if spaced(years, tick_step) != years:
            lay_out(figure)  # fewer year labels may leave the plot a little wider
    else:
        left, below, above = reach_pt(figure, axes)
        if series:
            above = max(above, legend_above(figure, axes, left_reach_pt=left))
        # As tall as the plot needs before the one layout (fit_height checks it).
        figure.set_figheight(height_for(figure, NARROW_PLOT_CM * CM * 72, below, above))
        lay_out(figure)
        tick_step = _space_years(axes, years)
        # Fewer year labels change the plot's width, not its height: measured
        # by fit_height on this layout, and laid out again if they changed.
        fit_height(figure, axes, NARROW_PLOT_CM * CM * 72, laid_out=spaced(years, tick_step) == years)
    return figure, axes, tick_step


def _space_years(axes: Axes, years: Sequence[int]) -> int:
    """Label fewer years when their labels would touch on ``axes`` as laid
    out; the years from one label to the next."""
    step = year_step(axes, widest_pt(map(str, years), BASE_FONT_PT))
    shown = spaced(years, step)
    if shown != years:
        _year_ticks(axes, shown)
    return step


@lru_cache(maxsize=1024)
def _axis_number(value: float) -> str:
    # Kept: each layout formats the axis's few values again (French grouping is slow to format).
    return number(value)


def _year_ticks(axes: Axes, years: Sequence[int]) -> None:
    axes.set_xticks(years, [str(year) for year in years])


def _label_points(axes: Axes, series: Sequence[Series], palette: Palette, years: Sequence[int]) -> None:
    """Write each value of ``years`` next to its point, above or below,
    wherever the label clears the markers and labels already placed for that
    year; a value with no room left stays unlabelled (the alternative text
    and tables carry it)."""
    px = axes.figure.dpi / 72
    label_height, offset, marker_radius = LABEL_HEIGHT_PT * px, LABEL_OFFSET_PT * px, MARKER_SIZE_PT / 2 * px
    bottom, top = axes.bbox.y0, axes.bbox.y1
    for year in years:
        points = sorted(
            ((value, index) for index, s in enumerate(series) for y, value in s.known if y == year),
            reverse=True,
        )
        centres = [axes.transData.transform((year, value))[1] for value, _ in points]
        taken = [(c - marker_radius, c + marker_radius) for c in centres]
        for rank, ((value, _), centre) in enumerate(zip(points, centres)):
            for above in (True, False) if rank == 0 else (False, True):
                low = centre + offset if above else centre - offset - label_height
                high = low + label_height
                if low >= bottom and high <= top and all(high <= a or low >= b for a, b in taken):
                    taken.append((low, high))
                    axes.annotate(
                        number(value),
                        xy=(year, value),
                        xytext=(0, LABEL_OFFSET_PT if above else -LABEL_OFFSET_PT),
                        textcoords="offset points",
                        ha="center",
                        va="bottom" if above else "top",
                        fontsize=MIN_FONT_PT,
                        color=palette.text,
                    )
                    break


@styled
def membership_by_category(
    bars: Sequence[CategoryBar],
    palette: Palette,
    *,
    title: str = "Adhérents par catégorie",
    narrow_cm: float | None = None,
) -> Chart:
    """Horizontal bars with each count and its change on the previous year
    (``narrow_cm``: see ``charts.narrow``)."""
    notes = [_count_and_delta(bar) for bar in bars]
    figure = annotated_bars(
        title, [b.label for b in bars], [b.value for b in bars], notes, palette, narrow_cm=narrow_cm
    )
    return Chart(figure, _category_sentence(title, bars))


def _count_and_delta(bar: CategoryBar) -> str:
    if bar.value is None:
        return ""
    return f"{number(bar.value)} {delta(bar.delta)}".strip()


def _category_sentence(title: str, bars: Sequence[CategoryBar]) -> str:
    parts = [f"{bar.label} : {_count_and_delta(bar) or 'non disponible'}" for bar in bars]
    head = title
    values = [bar.value for bar in bars if bar.value is not None]
    if bars and len(values) == len(bars):
        head += f", {number(sum(values))} au total"
        deltas = [bar.delta for bar in bars if bar.delta is not None]
        if len(deltas) == len(bars):
            head += f" {delta(sum(deltas))}"
    return sentence(head, parts)
