"""Horizontal bars with their figures written at the end of each bar."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from matplotlib.figure import Figure

from avereport.charts.french import NOT_AVAILABLE
from avereport.charts.palette import Palette
from avereport.charts.style import VALUE_FONT_PT, add_title, new_figure

LABEL_WIDTH_CHARS = 30


def wrapped(label: str, width: int = LABEL_WIDTH_CHARS) -> str:
    return textwrap.fill(label, width) or label


def annotated_bars(
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    notes: Sequence[str],
    palette: Palette,
    footnote: str = "",
) -> Figure:
    """One bar per label, top to bottom in the given order; a ``None`` value
    draws no bar and is written "n.d." instead of its note."""
    lines = [wrapped(label).count("\n") + 1 for label in labels]
    figure = new_figure(
        height_cm=2.0 + sum(max(0.85, 0.4 * n + 0.35) for n in lines) + (0.5 if footnote else 0)
    )
    add_title(figure, title)
    axes = figure.add_subplot()
    positions = range(len(labels))
    axes.barh(positions, [v or 0 for v in values], height=0.62, color=palette.primary)
    axes.set_yticks(positions, [wrapped(label) for label in labels])
    axes.tick_params(axis="y", length=0, pad=6)
    axes.invert_yaxis()
    axes.set_xticks([])
    axes.spines["bottom"].set_visible(False)
    axes.set_xlim(0, max((v for v in values if v is not None), default=1) or 1)
    for position, value, note in zip(positions, values, notes):
        known = value is not None
        axes.annotate(
            note if known else NOT_AVAILABLE,
            xy=(value or 0, position),
            xytext=(5, 0),
            textcoords="offset points",
            va="center",
            fontsize=VALUE_FONT_PT,
            fontweight="bold" if known else "normal",
            color=palette.text if known else palette.muted_text,
        )
    if footnote:
        axes.set_xlabel(footnote, loc="right", color=palette.muted_text)
    return figure
