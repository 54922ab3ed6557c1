"""Communication metrics across editions, one small panel per metric."""

from __future__ import annotations

import math
from collections.abc import Sequence

from avereport.charts.data import Chart, Series, aligned
from avereport.charts.describe import series_sentence
from avereport.charts.french import NOT_AVAILABLE
from avereport.charts.narrow import fit_height, inner_width_pt, narrow_figure, wrap_to
from avereport.charts.palette import Palette
from avereport.charts.style import (
    BASE_FONT_PT,
    CM,
    MIN_FONT_PT,
    add_title,
    chart_style,
    lay_out,
    new_figure,
)
from avereport.charts.years import spaced, widest_pt, year_step
from avereport.model.fmt import number

COLUMNS = 2
PANEL_HEIGHT_CM = 4.6
# Earlier editions are drawn lighter so the report's own year stands out.
EARLIER_YEARS_SHADE = 0.55
NARROW_PANEL_CM = 3.4  # a panel's plot in the narrow layout, its title above it


def communication_metrics(
    series: Sequence[Series],
    palette: Palette,
    *,
    title: str = "Communication",
    narrow_cm: float | None = None,
) -> Chart:
    """Each metric gets its own scale, since visits and followers differ by
    orders of magnitude; all panels share the same years. With many editions,
    only every 2nd, 5th… year is labelled, the same in every panel, and each
    panel writes its values for those years or fewer (see ``charts.years``).
    ``narrow_cm``: the narrow layout (see ``charts.narrow``), one panel a row."""
    series = aligned(series)
    years = sorted({year for s in series for year, _ in s.points})
    columns = min(COLUMNS if narrow_cm is None else 1, max(1, len(series)))
    rows = max(1, math.ceil(len(series) / columns))
    with chart_style():
        if narrow_cm is None:
            figure = new_figure(height_cm=1.4 + PANEL_HEIGHT_CM * rows)
            add_title(figure, title)
        else:
            figure = narrow_figure(narrow_cm, 1.4 + PANEL_HEIGHT_CM * rows, title)
        grid = figure.subplots(rows, columns, squeeze=False)
        panels = list(zip(grid.flat, series))
        # Every year labelled first: a few editions all fit, laid out once.
        for axes, s in panels:
            _panel(axes, s, years, palette)
            if narrow_cm is not None:
                axes.set_title(wrap_to(s.label, inner_width_pt(figure), MIN_FONT_PT + 1, "bold"))
            _label_years(axes, s, years, years, palette)
        for axes in list(grid.flat)[len(series) :]:
            axes.set_visible(False)
        if narrow_cm is not None and panels:
            fit_height(figure, panels[0][0], NARROW_PANEL_CM * CM * 72)  # and laid out
        else:
            lay_out(figure)
        if panels:
            tick_step = year_step(panels[0][0], widest_pt(map(str, years), BASE_FONT_PT))
            shown = spaced(years, tick_step)
            written = [spaced(shown, year_step(axes, _widest_value(s), tick_step)) for axes, s in panels]
            if any(w != years for w in [shown, *written]):
                for (axes, s), w in zip(panels, written):
                    for text in list(axes.texts):
                        text.remove()
                    _label_years(axes, s, shown, w, palette)
                lay_out(figure)
    return Chart(figure, series_sentence(title, series))


def _widest_value(series: Series) -> float:
    """Measured in bold, as the latest value is written."""
    texts = [number(value) for _, value in series.known]
    if series.missing_years:
        texts.append(NOT_AVAILABLE)
    return widest_pt(texts, MIN_FONT_PT, "bold")


def _panel(axes, series: Series, years: list[int], palette: Palette) -> None:
    """The bars of every year, the latest darker."""
    latest = years[-1] if years else None
    for year, value in series.known:
        colour = palette.primary if year == latest else palette.ramp(EARLIER_YEARS_SHADE)
        axes.bar(year, value, width=0.66, color=colour)
    top = max((v for _, v in series.known), default=0) or 1
    axes.set_title(series.label, fontsize=MIN_FONT_PT + 1)
    if years:
        axes.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    axes.set_ylim(0, top * 1.25)
    axes.set_yticks([])
    axes.spines["left"].set_visible(False)
    axes.tick_params(axis="x", length=0)


def _label_years(
    axes, series: Series, years: Sequence[int], written: Sequence[int], palette: Palette
) -> None:
    """``years`` under the axis, and the value (or "n.d.") of each of the
    ``written`` years above its bar."""
    values = dict(series.points)
    latest = max(values, default=None)
    for year in written:
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
    axes.set_xticks(years, [str(year) for year in years])
