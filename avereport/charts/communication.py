"""Communication metrics across editions, one small panel per metric."""

from __future__ import annotations

import math
from collections.abc import Sequence

from avereport.charts.data import Chart, Series, aligned
from avereport.charts.describe import series_sentence
from avereport.charts.french import NOT_AVAILABLE
from avereport.charts.palette import Palette
from avereport.charts.style import MIN_FONT_PT, add_title, new_figure, styled
from avereport.model.fmt import number

COLUMNS = 2
PANEL_HEIGHT_CM = 4.6
# Earlier editions are drawn lighter so the report's own year stands out.
EARLIER_YEARS_SHADE = 0.55


@styled
def communication_metrics(
    series: Sequence[Series], palette: Palette, *, title: str = "Communication"
) -> Chart:
    """Each metric gets its own scale, since visits and followers differ by
    orders of magnitude; all panels share the same years."""
    series = aligned(series)
    years = sorted({year for s in series for year, _ in s.points})
    columns = min(COLUMNS, max(1, len(series)))
    rows = max(1, math.ceil(len(series) / columns))
    figure = new_figure(height_cm=1.4 + PANEL_HEIGHT_CM * rows)
    add_title(figure, title)
    grid = figure.subplots(rows, columns, squeeze=False)
    for axes, s in zip(grid.flat, series):
        _panel(axes, s, years, palette)
    for axes in list(grid.flat)[len(series) :]:
        axes.set_visible(False)
    return Chart(figure, series_sentence(title, series))


def _panel(axes, series: Series, years: list[int], palette: Palette) -> None:
    values = dict(series.points)
    latest = years[-1] if years else None
    top = max((v for _, v in series.known), default=0) or 1
    for year in years:
        value = values.get(year)
        if value is None:
            axes.text(
                year,
                0,
                NOT_AVAILABLE,
                ha="center",
                va="bottom",
                fontsize=MIN_FONT_PT,
                color=palette.muted_text,
            )
            continue
        colour = palette.primary if year == latest else palette.ramp(EARLIER_YEARS_SHADE)
        axes.bar(year, value, width=0.66, color=colour)
        axes.annotate(
            number(value),
            xy=(year, value),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=MIN_FONT_PT,
            fontweight="bold" if year == latest else "normal",
        )
    axes.set_title(series.label, fontsize=MIN_FONT_PT + 1)
    axes.set_xticks(years, [str(year) for year in years])
    if years:
        axes.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    axes.set_ylim(0, top * 1.25)
    axes.set_yticks([])
    axes.spines["left"].set_visible(False)
    axes.tick_params(axis="x", length=0)
