"""Figure sizes, fonts and the deterministic SVG export shared by all charts.

Charts are built inside ``chart_style()`` so they never depend on (nor change)
the global matplotlib settings of the app. Sizes are the printed sizes: the
PDF draws the SVG at 1:1, so 8 pt here is 8 pt on paper.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec

import matplotlib
from matplotlib.figure import Figure

from avereport.charts.data import Chart
from avereport.charts.palette import GRID, MUTED_TEXT, TEXT

CM = 1 / 2.54
COLUMN_WIDTH_CM = 16.5
MIN_FONT_PT = 8
BASE_FONT_PT = 9
TITLE_FONT_PT = 11
VALUE_FONT_PT = 9

# Glyphs as paths: svglib draws them exactly, with no font to embed or map.
SVG_RC = {"svg.fonttype": "path", "svg.hashsalt": "avereport-charts"}

RC = {
    "font.family": "DejaVu Sans",
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
    **SVG_RC,
}

P = ParamSpec("P")


@contextmanager
def chart_style():
    with matplotlib.rc_context(RC):
        yield


def styled(build: Callable[P, Chart]) -> Callable[P, Chart]:
    """Run a chart builder under ``chart_style()``.

    The figure is laid out once inside the style so that artists matplotlib
    creates lazily (tick labels) take the chart fonts, not the app's.
    """

    @wraps(build)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Chart:
        with chart_style():
            chart = build(*args, **kwargs)
            chart.figure.draw_without_rendering()
        return chart

    return wrapper


def new_figure(height_cm: float, width_cm: float = COLUMN_WIDTH_CM) -> Figure:
    return Figure(figsize=(width_cm * CM, height_cm * CM), layout="constrained")


def add_title(figure: Figure, title: str) -> None:
    if title:
        figure.suptitle(title, x=0.01, ha="left")


def add_legend(axes, columns: int) -> None:
    """A one-row legend between the title and the plot."""
    axes.legend(
        loc="lower left", bbox_to_anchor=(0, 1.02), ncols=max(1, columns), borderaxespad=0, columnspacing=1.6
    )


def figure_svg(figure: Figure) -> bytes:
    """The figure as SVG bytes, identical for identical figures (no date,
    fixed element ids, glyphs drawn as paths)."""
    buffer = io.BytesIO()
    with matplotlib.rc_context(SVG_RC):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
