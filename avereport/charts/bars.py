"""Horizontal bars with their figures written at the end of each bar."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from matplotlib.figure import Figure

from avereport.charts.french import NOT_AVAILABLE
from avereport.charts.narrow import (
    axes_size_pt,
    fit_height,
    narrow_figure,
    rows_axes,
    text_height_pt,
    text_width_pt,
    wrap_to,
)
from avereport.charts.palette import Palette
from avereport.charts.style import BASE_FONT_PT, VALUE_FONT_PT, add_title, lay_out, new_figure

LABEL_WIDTH_CHARS = 30
# Narrow layout, in points: a bar's thickness, the gap under its label, between rows.
BAR_PT = 11
LABEL_GAP_PT = 2
ROW_GAP_PT = 8
NOTE_GAP_PT = 5


def wrapped(label: str, width: int = LABEL_WIDTH_CHARS) -> str:
    return textwrap.fill(label, width) or label


def annotated_bars(
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    notes: Sequence[str],
    palette: Palette,
    footnote: str = "",
    narrow_cm: float | None = None,
) -> Figure:
    """One bar per label, top to bottom in the given order; a ``None`` value
    draws no bar and is written "n.d." instead of its note. ``narrow_cm``:
    the narrow layout that wide, each label above its bar."""
    if narrow_cm is not None:
        return _narrow_bars(title, labels, values, notes, palette, footnote, narrow_cm)
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


def _narrow_bars(
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    notes: Sequence[str],
    palette: Palette,
    footnote: str,
    width_cm: float,
) -> Figure:
    figure = narrow_figure(width_cm, 4.0, title)
    axes = figure.add_subplot()
    lay_out(figure)
    width_pt = axes_size_pt(figure, axes)[0]
    texts = [note if value is not None else NOT_AVAILABLE for value, note in zip(values, notes)]
    # The widest room a note needs after its bar sets how far the longest bar reaches.
    right = max(
        (
            value * width_pt / max(width_pt - NOTE_GAP_PT - text_width_pt(text, VALUE_FONT_PT, "bold"), 1)
            for value, text in zip(values, texts)
            if value
        ),
        default=1.0,
    )
    y = 0.0
    rows = []
    for label, value, text in zip(labels, values, texts):
        label = wrap_to(label, width_pt, BASE_FONT_PT)
        rows.append((y, label, value, text))
        y += text_height_pt(label, BASE_FONT_PT) + LABEL_GAP_PT + BAR_PT + ROW_GAP_PT
    if footnote:
        y += text_height_pt(footnote, BASE_FONT_PT)
    fit_height(figure, axes, y, laid_out=True)
    rows_axes(axes, y, right)
    for top, label, value, text in rows:
        axes.text(0, top, label, va="top", fontsize=BASE_FONT_PT, in_layout=False)
        bar_top = top + text_height_pt(label, BASE_FONT_PT) + LABEL_GAP_PT
        centre = bar_top + BAR_PT / 2
        if value:
            axes.barh(centre, value, height=BAR_PT, color=palette.primary)
        axes.annotate(
            text,
            xy=(value or 0, centre),
            xytext=(NOTE_GAP_PT if value else 0, 0),
            textcoords="offset points",
            va="center",
            fontsize=VALUE_FONT_PT,
            fontweight="bold" if value is not None else "normal",
            color=palette.text if value is not None else palette.muted_text,
            annotation_clip=False,
            in_layout=False,
        )
    if footnote:
        axes.text(right, y, footnote, ha="right", va="bottom", color=palette.muted_text, in_layout=False)
    return figure
