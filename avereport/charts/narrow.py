"""The narrow layout shared by the charts: for a figure a few centimetres wide
(the preview pane beside an editor), where the printed layout would have to
shrink its text to fit.

A chart function draws it when given ``narrow_cm`` (the figure's width);
without it, the printed layout, unchanged. Text keeps its printed sizes and
the figure grows taller instead: titles and labels wrapped to the width,
labels above their bars rather than beside them, legends in one column.
Rows of labels and bars are placed in points from the top of the plot
(``fit_rows``), so that a label never runs into the bar below it.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from avereport.charts.style import BASE_FONT_PT, CM, TITLE_FONT_PT, add_title, lay_out, new_figure
from avereport.charts.years import widest_pt

# A line of text, in font sizes: matplotlib steps 1.2 times the font's
# line (about 1.17 sizes in DejaVu Sans) from one line to the next.
LINE_HEIGHT = 1.4
# Room the constrained layout keeps on either side of the figure, in points.
SIDE_PAD_PT = 2 * 0.06 * 72 + 4
# A legend entry's marker and the space around it: handle length 2, text gap
# 0.8 and padding 2 × 0.4 font sizes, and a little more for rounding.
LEGEND_HANDLE_PT = 4 * BASE_FONT_PT
LEGEND_GAP_EM = 0.3  # between the plot and the legend above it, in font sizes
# fit_height: near enough to the plot's height asked for, in points.
FIT_TOLERANCE_PT = 0.5


def text_width_pt(text: str, size: float, weight: str = "normal") -> float:
    return widest_pt(text.split("\n"), size, weight)


def text_height_pt(text: str, size: float) -> float:
    return (text.count("\n") + 1) * LINE_HEIGHT * size


def wrap_to(text: str, width_pt: float, size: float, weight: str = "normal") -> str:
    """``text`` with its lines broken at spaces (not at no-break spaces) so
    that each fits in ``width_pt`` (a word longer than that keeps its line)."""
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in filter(None, paragraph.split(" ")):
            candidate = f"{line} {word}" if line else word
            if line and text_width_pt(candidate, size, weight) > width_pt:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return "\n".join(lines)


def narrow_figure(width_cm: float, height_cm: float, title: str) -> Figure:
    """A figure ``width_cm`` wide with ``title`` wrapped to that width."""
    figure = new_figure(height_cm=height_cm, width_cm=width_cm)
    add_title(figure, wrap_to(title, inner_width_pt(figure), TITLE_FONT_PT, "bold"))
    return figure


def inner_width_pt(figure: Figure) -> float:
    """The width left for text inside the figure's margins."""
    return figure.get_figwidth() * 72 - SIDE_PAD_PT


def axes_size_pt(figure: Figure, axes: Axes) -> tuple[float, float]:
    """The plot's width and height as laid out, in points."""
    box = axes.get_position()
    width, height = figure.get_size_inches()
    return box.width * width * 72, box.height * height * 72


def fit_height(figure: Figure, axes: Axes, needed_pt: float, laid_out: bool = False) -> None:
    """Make the figure as tall as it takes for ``axes``, once laid out, to be
    about ``needed_pt`` high (the title and legend around it keep their
    room); the figure is left laid out. ``laid_out``: it was just laid out as
    it is, so that layout (~20 ms on screen) is not run again."""
    if not laid_out:
        lay_out(figure)
    # The margins are fixed sizes: one correction is exact, unless the figure
    # was made too short for a layout, which then measured nothing.
    for _ in range(2):
        have = axes_size_pt(figure, axes)[1]
        if abs(needed_pt - have) < FIT_TOLERANCE_PT:
            return
        figure.set_figheight(max(figure.get_figheight() + (needed_pt - have) / 72, 2 * CM))
        lay_out(figure)


def height_for(figure: Figure, plot_pt: float, below_pt: float, above_pt: float) -> float:
    """The figure height, in inches, at which the constrained layout makes
    its only axes ``plot_pt`` high, when what the axes has below and above
    it (tick labels, a legend: see ``reach_pt``) reaches that far, in points:
    the title and the layout's pads added. Saves the layout that would
    measure them; ``fit_height`` checks the result."""
    pad = _pad_pt(figure, "h_pad")
    # The title (suptitle) takes its height and a pad on either side.
    titles = sum(text.get_window_extent().height * 72 / figure.dpi + 2 * pad for text in figure.texts)
    return (plot_pt + below_pt + above_pt + 2 * pad + titles) / 72


def rows_axes(axes: Axes, height_pt: float, right: float = 1.0) -> None:
    """An axes without frame nor ticks whose y runs down in points from its
    top (0) to ``height_pt``, and x from 0 to ``right``."""
    axes.set_axis_off()
    axes.set_xlim(0, right)
    axes.set_ylim(height_pt, 0)


def reach_pt(figure: Figure, axes: Axes) -> tuple[float, float, float]:
    """How far the tick labels and ticks of ``axes`` reach past it on the
    left, below and above, in points: measured where they stand, without
    laying the figure out (a layout costs ~20 ms on screen)."""
    decorated = axes.get_tightbbox()
    if decorated is None:
        return 0.0, 0.0, 0.0
    box, scale = axes.bbox, 72 / figure.dpi
    return (box.x0 - decorated.x0) * scale, (box.y0 - decorated.y0) * scale, (decorated.y1 - box.y1) * scale


def _pad_pt(figure: Figure, name: str) -> float:
    """The constrained layout's pad ``name`` (w_pad, h_pad) around each axes, in points."""
    engine = figure.get_layout_engine()
    return engine.get()[name] * 72 if engine is not None else 0.0


def legend_above(
    figure: Figure, axes: Axes, handles=None, labels=None, left_reach_pt: float | None = None
) -> float:
    """A legend of one entry a line between the title and the plot (of the
    plot's labelled artists unless ``handles`` and ``labels`` are given),
    each label wrapped to the width left of the figure. Not laid out: the
    plot starts after its tick labels (``left_reach_pt``, else measured).
    Returns how far the legend reaches above the plot, in points."""
    if handles is None:
        handles, labels = axes.get_legend_handles_labels()
    if left_reach_pt is None:
        left_reach_pt = reach_pt(figure, axes)[0]
    left = left_reach_pt + _pad_pt(figure, "w_pad")
    room = figure.get_figwidth() * 72 - left - SIDE_PAD_PT / 2 - LEGEND_HANDLE_PT
    labels = [wrap_to(label, room, BASE_FONT_PT) for label in labels]
    # The gap above the plot is a fixed size, not a share of the plot's
    # height, so that fit_height gets the height right in one correction.
    legend = axes.legend(
        handles, labels, loc="lower left", bbox_to_anchor=(0, 1), ncols=1, borderaxespad=LEGEND_GAP_EM
    )
    return (legend.get_window_extent().y1 - axes.bbox.y1) * 72 / figure.dpi
