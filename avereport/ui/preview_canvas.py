"""One chart on screen: a matplotlib canvas (this module imports matplotlib).

Scaled from paper, a 16.5 cm chart in a 400-pixel pane prints its 8-point
text at 6 pixels. So the canvas draws the chart at a screen resolution where
the smallest chart text is as large as the app's own text, and lays the
figure out again at the width the pane gives it (text keeps its size, the
plot takes what is left); wider than its printed width, it stays at it.
Below MIN_LAYOUT_CM the plots would be squeezed by their labels: the chart
keeps that layout and is scaled down to the pane (text smaller, still
twice what plain scaling from paper gives).
Made for paper, a title may need wrapping and a one-row legend fewer
columns at that width: both are adapted on screen only (these figures are
the screen's own, the PDF draws its own).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from matplotlib.backend_bases import FigureCanvasBase
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QFontInfo, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QSizePolicy

from avereport.charts.style import CM, MIN_FONT_PT, add_legend, chart_style, lay_out
from avereport.ui.preview_charts import CHART_LOCK

if TYPE_CHECKING:
    from avereport.charts import Chart

MIN_LAYOUT_CM = 11.0
MIN_WIDTH = 240  # pixels
RELAYOUT_MS = 60  # the layout runs once a resize pauses


def screen_dpi() -> float:
    """Dots per inch at which the smallest chart text is the app's text size."""
    return QFontInfo(QApplication.font()).pixelSize() * 72 / MIN_FONT_PT


def fit_texts(figure: Figure) -> None:
    """Wrap the title to the figure's width, and give each legend as many of
    its columns as fit in it."""
    for text in figure.texts:  # the title (suptitle) and figure notes
        text.set_wrap(True)
    renderer = figure.canvas.get_renderer()
    room = figure.bbox.width * 0.98
    for axes in figure.axes:
        legend = axes.get_legend()
        if legend is None:
            continue
        # A legend lays its entries out when made: fewer columns need a new one.
        printed = getattr(axes, "printed_legend_columns", None) or legend._ncols
        axes.printed_legend_columns = printed  # as made for paper, to come back to when wider
        columns = printed
        add_legend(axes, columns)
        while columns > 1 and axes.get_legend().get_window_extent(renderer).width > room:
            columns -= 1
            add_legend(axes, columns)


class ChartCanvas(FigureCanvasQTAgg):
    """A chart laid out for the width of the pane at a readable size; its
    French alternative text as tooltip and accessible description. A
    double-click asks for it larger (``enlarge_requested``)."""

    enlarge_requested = Signal()

    def __init__(self, chart: Chart) -> None:
        self.printed_width, self.printed_height = chart.figure.get_size_inches()
        self.dpi = screen_dpi()
        super().__init__(chart.figure)
        self.alt_text = chart.alt_text
        self.setToolTip(chart.alt_text)
        self.setStatusTip("Double-cliquez sur le graphique pour l'agrandir")
        self.setAccessibleName("Graphique")
        self.setAccessibleDescription(chart.alt_text)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMaximumWidth(self.pixels(self.printed_width))
        self.setFixedHeight(self.heightForWidth(self.maximumWidth()))
        self._laid_out_width = self.printed_width  # inches the figure's layout was made for
        self._relayout = QTimer(self, singleShot=True, interval=RELAYOUT_MS)
        self._relayout.timeout.connect(self.lay_out_now)

    def pixels(self, inches: float) -> int:
        return round(inches * self.dpi)

    def dpi_for(self, width: int) -> float:
        """The readable resolution, or less when ``width`` is narrower than the
        smallest layout."""
        return min(self.dpi, width / (MIN_LAYOUT_CM * CM))

    def heightForWidth(self, width: int) -> int:
        return round(self.printed_height * self.dpi_for(width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        # matplotlib sets the figure's size in inches from the pixels and the
        # dpi: with this dpi the text keeps its readable size down to the
        # smallest layout. The height follows the width (a scroll area does
        # not ask its widget's height for a width).
        width = event.size().width()
        if width > 0:
            self.setFixedHeight(self.heightForWidth(width))
            self.figure.set_dpi(self.dpi_for(width) * self.device_pixel_ratio)
        super().resizeEvent(event)
        if abs(self.figure.get_figwidth() - self._laid_out_width) > 0.05:
            self._relayout.start()

    def lay_out_now(self) -> None:
        """Lay the figure out again for its size on screen, then draw it."""
        self._relayout.stop()
        figure = self.figure
        if figure.canvas is not self:  # released: the figure is no longer this canvas's
            return
        with CHART_LOCK, chart_style():
            figure.set_layout_engine("constrained")
            fit_texts(figure)
            lay_out(figure)
            figure.set_layout_engine("none")
        self._laid_out_width = figure.get_figwidth()
        self.draw_idle()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.enlarge_requested.emit()
        super().mouseDoubleClickEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(self.maximumWidth(), self.heightForWidth(self.maximumWidth()))

    def minimumSizeHint(self) -> QSize:
        return QSize(MIN_WIDTH, self.heightForWidth(MIN_WIDTH))

    def release(self) -> None:
        """Give the figure back (it stays cached and may go on another canvas)."""
        self._relayout.stop()
        FigureCanvasBase(self.figure)
        self.setParent(None)
        self.deleteLater()
