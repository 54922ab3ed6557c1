"""Figure sizes, fonts and the one layout shared by all charts.

Charts are built inside ``chart_style()`` so they never depend on (nor change)
the global matplotlib settings of the app. Sizes are the printed sizes: the
PDF draws the figure at 1:1, so 8 pt here is 8 pt on paper.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from functools import cache, wraps
from typing import ParamSpec
from weakref import WeakKeyDictionary

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backend_bases import FigureCanvasBase
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure

from avereport.charts.data import Chart
from avereport.charts.palette import GRID, MUTED_TEXT, TEXT

CM = 1 / 2.54
COLUMN_WIDTH_CM = 16.5
MIN_FONT_PT = 8
BASE_FONT_PT = 9
TITLE_FONT_PT = 11
VALUE_FONT_PT = 9

RC = {
    "font.family": "DejaVu Sans",
    # Text measured as printed: unhinted outlines scale with the size, so the
    # layout made here is the one the PDF draws (and the screen scales).
    "text.hinting": "no_hinting",
    # Labels are the users' own words, never TeX: "5 $ et 6 $" prints as typed.
    "text.parse_math": False,
    "font.size": BASE_FONT_PT,
    "text.color": TEXT,
    "axes.labelcolor": TEXT,
    "axes.edgecolor": MUTED_TEXT,
    "axes.titlesize": BASE_FONT_PT,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "axes.grid": False,
    "grid.color": GRID,
    "grid.linewidth": 0.6,
    "xtick.labelsize": BASE_FONT_PT,
    "ytick.labelsize": BASE_FONT_PT,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "legend.fontsize": BASE_FONT_PT,
    "legend.frameon": False,
    "figure.titlesize": TITLE_FONT_PT,
    "figure.titleweight": "bold",
    "figure.facecolor": "white",
    "figure.constrained_layout.h_pad": 0.06,
    "figure.constrained_layout.w_pad": 0.06,
}

P = ParamSpec("P")

_LEGEND_COLUMNS: WeakKeyDictionary[Axes, int] = WeakKeyDictionary()


@contextmanager
def chart_style():
    with matplotlib.rc_context(RC):
        yield


def lay_out(figure: Figure) -> None:
    """Place the axes of the figure at its printed size (constrained layout).

    The PDF draws the figure as placed here, and so does the preview. Done
    inside ``chart_style()``, so that the artists matplotlib creates while
    measuring (tick labels) take the chart fonts, not the app's."""
    engine = figure.get_layout_engine()
    assert engine is not None  # every chart figure is constrained (``new_figure``)
    engine.execute(figure)


def styled(build: Callable[P, Chart]) -> Callable[P, Chart]:
    """Run a chart builder under ``chart_style()`` and lay its figure out."""

    @wraps(build)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Chart:
        with chart_style():
            chart = build(*args, **kwargs)
            lay_out(chart.figure)
        return chart

    return wrapper


def new_figure(height_cm: float, width_cm: float = COLUMN_WIDTH_CM) -> Figure:
    figure = Figure(figsize=(width_cm * CM, height_cm * CM), layout="constrained")
    _MeasuringCanvas(figure)
    return figure


class _MeasuringCanvas(FigureCanvasBase):
    """The canvas a chart is built on: its layouts measure text with one
    renderer shared by every chart, so that matplotlib's cache of text sizes
    (kept per renderer) serves from one layout and one chart to the next.
    Without it each layout makes a renderer of its own and measures every
    label anew (~20 % of a chart's drawing). Drawing or saving the figure
    goes through a canvas of the backend's, as for any figure."""

    def get_renderer(self) -> RendererAgg:
        return _measuring_renderer(self.figure.dpi)


@cache
def _measuring_renderer(dpi: float) -> RendererAgg:
    return RendererAgg(1, 1, dpi)  # never drawn on: only measures


def add_title(figure: Figure, title: str) -> None:
    if title:
        figure.suptitle(title, x=0.01, ha="left")


def add_legend(axes: Axes, columns: int) -> None:
    """A one-row legend between the title and the plot (made again with
    fewer columns when the screen is narrower: the first ones are kept, see
    ``legend_columns``)."""
    _LEGEND_COLUMNS.setdefault(axes, columns)
    axes.legend(
        loc="lower left", bbox_to_anchor=(0, 1.02), ncols=max(1, columns), borderaxespad=0, columnspacing=1.6
    )


def legend_columns(axes: Axes) -> int:
    """The columns the legend of ``axes`` was first made with by ``add_legend``
    (for paper); one for a legend made otherwise."""
    return _LEGEND_COLUMNS.get(axes, 1)
