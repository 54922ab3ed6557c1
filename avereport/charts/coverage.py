"""Network coverage: members and non-members among all PLIE and Maisons de l'Emploi."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from avereport.charts.bars import wrapped
from avereport.charts.data import Chart, CoverageBar
from avereport.charts.describe import sentence
from avereport.charts.french import plural, whole_percent
from avereport.charts.narrow import (
    axes_size_pt,
    fit_height,
    legend_above,
    narrow_figure,
    rows_axes,
    text_height_pt,
    text_width_pt,
    wrap_to,
)
from avereport.charts.palette import Palette
from avereport.charts.style import (
    BASE_FONT_PT,
    TITLE_FONT_PT,
    VALUE_FONT_PT,
    add_legend,
    add_title,
    lay_out,
    new_figure,
    styled,
)
from avereport.model.fmt import number

# Below these shares of the bar a segment is too short for its words, then its number.
WORDS_MIN_SHARE = 0.3
NUMBER_MIN_SHARE = 0.06
# Narrow layout, in points: a bar's thickness, the gaps beside and under the
# label, between rows, and kept around the words inside a segment.
BAR_PT = 16
LABEL_GAP_PT = 3
ROW_GAP_PT = 10
SEGMENT_PAD_PT = 3


@styled
def network_coverage(
    bars: Sequence[CoverageBar],
    palette: Palette,
    *,
    title: str = "Couverture du réseau",
    narrow_cm: float | None = None,
) -> Chart:
    """One 100 % bar per kind of structure, members then non-members, with the
    computed share of members (``narrow_cm``: see ``charts.narrow``)."""
    if narrow_cm is not None:
        return Chart(_narrow_coverage(bars, palette, title, narrow_cm), _coverage_sentence(title, bars))
    labels = [f"{wrapped(bar.label)}\n{number(bar.total)} au total" for bar in bars]
    # 1.5 cm a bar, more for a label of many lines.
    figure = new_figure(height_cm=2.6 + sum(max(1.5, 0.4 * label.count("\n") + 0.75) for label in labels))
    add_title(figure, title)
    axes = figure.add_subplot()
    positions = range(len(bars))
    shares = [bar.members / bar.total for bar in bars]
    axes.barh(positions, shares, height=0.6, color=palette.primary, label="Adhérents")
    axes.barh(
        positions,
        [1 - s for s in shares],
        left=shares,
        height=0.6,
        color=palette.neutral,
        label="Non adhérents",
    )
    for position, bar, share in zip(positions, bars, shares):
        _segment_label(axes, position, 0, share, bar.members, "adhérent", palette.primary, palette)
        _segment_label(
            axes,
            position,
            share,
            1 - share,
            bar.total - bar.members,
            "non adhérent",
            palette.neutral,
            palette,
        )
        axes.annotate(
            whole_percent(share),
            xy=(1, position),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=TITLE_FONT_PT,
            fontweight="bold",
        )
    axes.set_yticks(positions, labels)
    axes.invert_yaxis()
    axes.set_xlim(0, 1)
    axes.set_xticks([0, 0.25, 0.5, 0.75, 1])
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: whole_percent(value)))
    axes.tick_params(axis="y", length=0, pad=6)
    axes.spines["left"].set_visible(False)
    add_legend(axes, 2)
    return Chart(figure, _coverage_sentence(title, bars))


def _segment_label(axes, position, left, share, count, noun, background, palette) -> None:
    if share < NUMBER_MIN_SHARE:
        return
    text = number(count)
    if share >= WORDS_MIN_SHARE:
        text += " " + plural(count, noun)
    axes.text(
        left + share / 2,
        position,
        text,
        ha="center",
        va="center",
        fontsize=VALUE_FONT_PT,
        color=palette.text_on(background),
    )


def _narrow_coverage(bars: Sequence[CoverageBar], palette: Palette, title: str, width_cm: float) -> Figure:
    """Each kind's name and total above its bar, its share of members at the
    right; a segment writes its count, and its words when they fit."""
    figure = narrow_figure(width_cm, 5.0, title)
    axes = figure.add_subplot()
    handles = [Patch(color=palette.primary), Patch(color=palette.neutral)]
    legend_above(figure, axes, handles, ["Adhérents", "Non adhérents"])
    lay_out(figure)
    width_pt = axes_size_pt(figure, axes)[0]
    y = 0.0
    rows = []
    for bar in bars:
        share = whole_percent(bar.members / bar.total)
        room = width_pt - text_width_pt(share, TITLE_FONT_PT, "bold") - 2 * LABEL_GAP_PT
        label = f"{wrap_to(bar.label, room, BASE_FONT_PT)}\n{number(bar.total)} au total"
        height = max(text_height_pt(label, BASE_FONT_PT), text_height_pt(share, TITLE_FONT_PT))
        rows.append((y, label, share, y + height + LABEL_GAP_PT + BAR_PT / 2, bar))
        y += height + LABEL_GAP_PT + BAR_PT + ROW_GAP_PT
    fit_height(figure, axes, y, laid_out=True)
    rows_axes(axes, y)
    for top, label, share, centre, bar in rows:
        axes.text(0, top, label, va="top", fontsize=BASE_FONT_PT, in_layout=False)
        axes.text(
            1, top, share, ha="right", va="top", fontsize=TITLE_FONT_PT, fontweight="bold", in_layout=False
        )
        part = bar.members / bar.total
        axes.barh(centre, part, height=BAR_PT, color=palette.primary)
        axes.barh(centre, 1 - part, left=part, height=BAR_PT, color=palette.neutral)
        segments = (
            (0.0, part, bar.members, "adhérent", palette.primary),
            (part, 1 - part, bar.total - bar.members, "non adhérent", palette.neutral),
        )
        for left, length, count, noun, colour in segments:
            text = _fitting_words(count, noun, length * width_pt)
            if text:
                axes.text(
                    left + length / 2,
                    centre,
                    text,
                    ha="center",
                    va="center",
                    fontsize=VALUE_FONT_PT,
                    color=palette.text_on(colour),
                    in_layout=False,
                )
    return figure


def _fitting_words(count: int, noun: str, room_pt: float) -> str:
    """The count and its noun, or the count alone, or nothing: the longest
    that fits in ``room_pt``."""
    for text in (f"{number(count)} {plural(count, noun)}", number(count)):
        if text_width_pt(text, VALUE_FONT_PT) + 2 * SEGMENT_PAD_PT <= room_pt:
            return text
    return ""


def _coverage_sentence(title: str, bars: Sequence[CoverageBar]) -> str:
    parts = [
        f"{bar.label} : {number(bar.members)} {plural(bar.members, 'adhérent')} sur {number(bar.total)}, "
        f"soit {whole_percent(bar.members / bar.total)}"
        for bar in bars
    ]
    return sentence(title, parts)
