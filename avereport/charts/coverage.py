"""Network coverage: members and non-members among all PLIE and Maisons de l'Emploi."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.ticker import FuncFormatter

from avereport.charts.bars import wrapped
from avereport.charts.data import Chart, CoverageBar
from avereport.charts.describe import sentence
from avereport.charts.french import plural, whole_percent
from avereport.charts.palette import Palette
from avereport.charts.style import TITLE_FONT_PT, VALUE_FONT_PT, add_legend, add_title, new_figure, styled
from avereport.model.fmt import number

# Below these shares of the bar a segment is too short for its words, then its number.
WORDS_MIN_SHARE = 0.3
NUMBER_MIN_SHARE = 0.06


@styled
def network_coverage(
    bars: Sequence[CoverageBar], palette: Palette, *, title: str = "Couverture du réseau"
) -> Chart:
    """One 100 % bar per kind of structure, members then non-members, with the
    computed share of members."""
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


def _coverage_sentence(title: str, bars: Sequence[CoverageBar]) -> str:
    parts = [
        f"{bar.label} : {number(bar.members)} {plural(bar.members, 'adhérent')} sur {number(bar.total)}, "
        f"soit {whole_percent(bar.members / bar.total)}"
        for bar in bars
    ]
    return sentence(title, parts)
