"""One chart on screen: a matplotlib canvas (this module imports matplotlib).

Scaled from paper, a 16.5 cm chart in a 400-pixel pane prints its 8-point
text at 6 pixels. So the canvas draws the chart at a screen resolution where
the smallest chart text is as large as the app's own text, and lays the
figure out again at the width the pane gives it (text keeps its size, the
plot takes what is left); wider than its printed width, it stays at it.
Narrower than NARROW_BELOW_CM, the printed layout's labels would collide:
the canvas shows the chart's narrow layout instead (``charts.narrow``: taller,
labels above their bars, legends one entry a line), drawn for the width the
canvas has (its titles and labels wrapped to it), and drawn again at the new
width once a resize pauses. Only the layout shown is drawn: a canvas in a
narrow pane never draws the printed layout.
Made for paper, a title may need wrapping and a one-row legend fewer
columns at that width: both are adapted on screen only (these figures are
the screen's own, the PDF draws its own).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from matplotlib.axes import Axes
from matplotlib.backend_bases import FigureCanvasBase, RendererBase
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QFontInfo, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QSizePolicy

from avereport.charts.style import CM, MIN_FONT_PT, add_legend, chart_style, lay_out, legend_columns
from avereport.ui.preview_charts import CHART_LOCK

if TYPE_CHECKING:
    from avereport.charts import Chart

# The printed layout's narrowest width on screen: the coverage chart's counts
# reach its percentages below 12.5 cm.
NARROW_BELOW_CM = 13.0
MIN_WIDTH = 240  # pixels: the narrow layout is drawn no narrower (a narrower canvas scales it down)
RELAYOUT_MS = 60  # the layout runs once a resize pauses
UNLIMITED = 16_777_215  # Qt's QWIDGETSIZE_MAX

# Figures are cached and go from one canvas to another, which resize them:
# each figure's printed width, and the width its layout was last made for (inches).
_PRINTED_WIDTH: WeakKeyDictionary[Figure, float] = WeakKeyDictionary()
_LAID_OUT_WIDTH: WeakKeyDictionary[Figure, float] = WeakKeyDictionary()


def screen_dpi() -> float:
    """Dots per inch at which the smallest chart text is the app's text size."""
    return QFontInfo(QApplication.font()).pixelSize() * 72 / MIN_FONT_PT


def fit_texts(figure: Figure) -> None:
    """Wrap the title to the figure's width, and give each legend as many of
    its columns as fit in it."""
    for text in figure.texts:  # the title (suptitle) and figure notes
        text.set_wrap(True)
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]  # an Agg canvas
    room = figure.bbox.width * 0.98
    for axes in figure.axes:
        if axes.get_legend() is None:
            continue
        # A legend lays its entries out when made: fewer columns need a new
        # one. Made with the printed columns first, to come back to them when wider.
        columns = legend_columns(axes)
        add_legend(axes, columns)
        while columns > 1 and _legend_width(axes, renderer) > room:
            columns -= 1
            add_legend(axes, columns)


def _legend_width(axes: Axes, renderer: RendererBase) -> float:
    legend = axes.get_legend()
    return 0.0 if legend is None else legend.get_window_extent(renderer).width


class ChartCanvas(FigureCanvasQTAgg):
    """A chart laid out for the width of the pane at a readable size; its
    French alternative text as tooltip and accessible description. A
    double-click asks for it larger (``enlarge_requested``).

    ``draw(None)`` gives the chart in its printed layout, ``draw(width_cm)``
    in its narrow layout that wide (the caller caches them); ``width`` is the
    width in pixels the canvas is about to get: only that width's layout is drawn."""

    enlarge_requested = Signal()

    def __init__(self, draw: Callable[[float | None], Chart], width: int) -> None:
        self.dpi = screen_dpi()
        self._draw = draw
        self.printed: Figure | None = None  # drawn the first time the canvas is that wide
        self.printed_height = 0.0  # inches
        self._narrow_figure: Figure | None = None
        self._narrow_width = 0  # pixels the narrow figure was drawn for
        self._narrow_height = 0.0  # inches, as drawn (the canvas resizes the figure it shows)
        figure, _ = self._figure_and_height(width)
        super().__init__(figure)
        self._fit_maximum()
        _LAID_OUT_WIDTH.setdefault(figure, figure.get_figwidth())  # as drawn
        self.setToolTip(self.alt_text)
        self.setStatusTip("Double-cliquez sur le graphique pour l'agrandir")
        self.setAccessibleName("Graphique")
        self.setAccessibleDescription(self.alt_text)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.heightForWidth(width))
        self._relayout = QTimer(self, singleShot=True, interval=RELAYOUT_MS)
        self._relayout.timeout.connect(self.lay_out_now)

    def pixels(self, inches: float) -> int:
        return round(inches * self.dpi)

    def is_narrow(self, width: int) -> bool:
        """Whether a canvas ``width`` pixels wide shows the narrow layout: below
        NARROW_BELOW_CM, or below the printed width once it is known."""
        narrowest = self.pixels(NARROW_BELOW_CM * CM)
        if self.printed is not None:
            narrowest = min(narrowest, self.maximumWidth())
        return width < narrowest

    def _chart(self, narrow_cm: float | None) -> Chart:
        chart = self._draw(narrow_cm)
        self.alt_text = chart.alt_text
        return chart

    def _figure_and_height(self, width: int) -> tuple[Figure, float]:
        """The figure shown ``width`` pixels wide, and its height in inches;
        drawn if that layout is not drawn yet (a narrow one drawn for another
        width stands in until ``lay_out_now`` draws it for this one)."""
        if not self.is_narrow(width):
            if self.printed is None:
                self.printed = self._chart(None).figure
                self.printed_height = self.printed.get_figheight()
                _PRINTED_WIDTH.setdefault(self.printed, self.printed.get_figwidth())
            return self.printed, self.printed_height
        if self._narrow_figure is None:
            self._draw_narrow(width)
        assert self._narrow_figure is not None
        return self._narrow_figure, self._narrow_height

    def _draw_narrow(self, width: int) -> None:
        self._narrow_width = max(width, MIN_WIDTH)
        self._narrow_figure = self._chart(self._narrow_width / self.dpi / CM).figure
        self._narrow_height = self._narrow_figure.get_figheight()

    def _fit_maximum(self) -> None:
        """No wider than the printed layout; as wide as the pane until it is drawn."""
        printed = self.printed
        self.setMaximumWidth(UNLIMITED if printed is None else self.pixels(_PRINTED_WIDTH[printed]))

    def dpi_for(self, width: int) -> float:
        """The readable resolution, or less when ``width`` is narrower than
        the narrow layout (the pane gives no less)."""
        return self.dpi * min(1.0, max(width, 1) / MIN_WIDTH)

    def heightForWidth(self, width: int) -> int:
        height = self._figure_and_height(width)[1]
        self._fit_maximum()
        return round(height * self.dpi_for(width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        # matplotlib sets the figure's size in inches from the pixels and the
        # dpi: with this dpi the text keeps its readable size. The height
        # follows the width (a scroll area does not ask its widget's height
        # for a width).
        width = event.size().width()
        if width > 0:
            self._show(self._figure_and_height(width)[0])
            self._fit_height(width)
        super().resizeEvent(event)
        self._fit_figure()
        # The width now (a new height may have changed it too); a resize
        # back to the width laid out for cancels the layout asked for meanwhile.
        if self._stale(self.width()):
            self._relayout.start()
        else:
            self._relayout.stop()

    def _fit_height(self, width: int) -> None:
        self.setFixedHeight(self.heightForWidth(width))
        self.figure.set_dpi(self.dpi_for(width) * self.device_pixel_ratio)

    def _fit_figure(self) -> None:
        # A new fixed height resizes the canvas at once, inside resizeEvent:
        # matplotlib took the event's older height, the figure takes the one it has now.
        ratio = self.device_pixel_ratio / self.figure.dpi
        self.figure.set_size_inches(self.width() * ratio, self.height() * ratio, forward=False)

    def _stale(self, width: int) -> bool:
        """Whether the figure shown was laid out for another width than ``width``."""
        if self.figure is self._narrow_figure:
            return max(width, MIN_WIDTH) != self._narrow_width
        return abs(self.figure.get_figwidth() - _LAID_OUT_WIDTH.get(self.figure, 0.0)) > 0.05

    def _show(self, figure: Figure) -> None:
        """Draw ``figure`` from now on (the printed or the narrow layout)."""
        if figure is self.figure:
            return
        FigureCanvasBase(self.figure)  # the other one stays cached, on no canvas
        figure.set_canvas(self)
        self.figure = figure

    def lay_out_now(self) -> None:
        """Lay the figure out again for its size on screen (the narrow
        layout: draw it for that width), then draw it."""
        self._relayout.stop()
        figure = self.figure
        if figure.canvas is not self:  # released: the figure is no longer this canvas's
            return
        if figure is self._narrow_figure:
            width = self.width()
            self._draw_narrow(width)
            self._show(self._figure_and_height(width)[0])
            self._fit_height(width)
            self._fit_figure()
        else:
            with CHART_LOCK, chart_style():
                figure.set_layout_engine("constrained")
                fit_texts(figure)
                lay_out(figure)
                figure.set_layout_engine("none")
        _LAID_OUT_WIDTH[self.figure] = self.figure.get_figwidth()
        self.draw_idle()

    def draw(self) -> None:
        # Painted with the settings the chart was laid out with, as the dialog
        # paints it (and ~15 % faster: the chart's own font, no lookup of the
        # app's); not while an export thread has them (see CHART_LOCK).
        with CHART_LOCK, chart_style():
            super().draw()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.enlarge_requested.emit()
        super().mouseDoubleClickEvent(event)

    def sizeHint(self) -> QSize:
        # Not drawn for the hint: the printed width once known, else where it would show.
        width = self.maximumWidth() if self.printed is not None else self.pixels(NARROW_BELOW_CM * CM)
        return QSize(width, self.minimumHeight())

    def minimumSizeHint(self) -> QSize:
        # The height is fixed for the width the canvas has (see resizeEvent):
        # asking it for the narrowest width would draw the narrow layout of
        # every chart, after every edit, in panes that never show it. No
        # width: narrower than MIN_WIDTH the chart is drawn smaller, whole
        # (dpi_for), rather than cut at the pane's edge.
        return QSize(0, self.minimumHeight())

    def release(self) -> None:
        """Give the figure back (it stays cached and may go on another canvas)."""
        self._relayout.stop()
        FigureCanvasBase(self.figure)
        self.setParent(None)
        self.deleteLater()
