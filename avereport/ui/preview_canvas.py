"""One chart on screen: a matplotlib canvas (this module imports matplotlib).

Scaled from paper, a 16.5 cm chart in a 400-pixel pane prints its 8-point
text at 6 pixels. So the canvas draws the chart at a screen resolution where
the smallest chart text is as large as the app's own text, and lays the
figure out again at the width the pane gives it (text keeps its size, the
plot takes what is left); wider than its printed width, it stays at it.
Narrower than NARROW_BELOW_CM, the printed layout's labels would collide:
the canvas shows the chart's narrow layout instead (``charts.narrow``: taller,
labels above their bars, legends one entry a line), drawn once for the
narrowest canvas and laid out again at the width given, text still as large.
Made for paper, a title may need wrapping and a one-row legend fewer
columns at that width: both are adapted on screen only (these figures are
the screen's own, the PDF draws its own).
"""

from __future__ import annotations

from collections.abc import Callable
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

# The printed layout's narrowest width on screen: the coverage chart's counts
# reach its percentages below 12.5 cm.
NARROW_BELOW_CM = 13.0
MIN_WIDTH = 240  # pixels: the narrow layout is drawn this wide
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
    double-click asks for it larger (``enlarge_requested``).

    ``chart`` is in its printed layout; ``narrow(width_cm)`` draws it in its
    narrow layout, asked for the first time the pane is that narrow."""

    enlarge_requested = Signal()

    def __init__(self, chart: Chart, narrow: Callable[[float], Chart]) -> None:
        self.printed = chart.figure
        self.printed_width, self.printed_height = chart.figure.get_size_inches()
        self.dpi = screen_dpi()
        self._narrow = narrow
        self._narrow_figure: Figure | None = None
        self._narrow_height = 0.0  # inches, as drawn (the canvas resizes the figure it shows)
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

    def is_narrow(self, width: int) -> bool:
        """Whether a canvas ``width`` pixels wide shows the narrow layout."""
        return width < min(self.pixels(NARROW_BELOW_CM * CM), self.maximumWidth())

    def _figure_and_height(self, width: int) -> tuple[Figure, float]:
        """The figure shown ``width`` pixels wide, and its height in inches."""
        if not self.is_narrow(width):
            return self.printed, self.printed_height
        if self._narrow_figure is None:
            self._narrow_figure = self._narrow(MIN_WIDTH / self.dpi / CM).figure
            self._narrow_height = self._narrow_figure.get_figheight()
        return self._narrow_figure, self._narrow_height

    def dpi_for(self, width: int) -> float:
        """The readable resolution, or less when ``width`` is narrower than
        the narrow layout (the pane gives no less)."""
        return self.dpi * min(1.0, width / MIN_WIDTH)

    def heightForWidth(self, width: int) -> int:
        return round(self._figure_and_height(width)[1] * self.dpi_for(width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        # matplotlib sets the figure's size in inches from the pixels and the
        # dpi: with this dpi the text keeps its readable size. The height
        # follows the width (a scroll area does not ask its widget's height
        # for a width).
        width = event.size().width()
        if width > 0:
            self._show(self._figure_and_height(width)[0])
            self.setFixedHeight(self.heightForWidth(width))
            self.figure.set_dpi(self.dpi_for(width) * self.device_pixel_ratio)
        super().resizeEvent(event)
        # A new fixed height resizes the canvas at once, inside this event:
        # matplotlib took this event's older height, the figure takes the one it has now.
        ratio = self.device_pixel_ratio / self.figure.dpi
        self.figure.set_size_inches(self.width() * ratio, self.height() * ratio, forward=False)
        if abs(self.figure.get_figwidth() - self._laid_out_width) > 0.05:
            self._relayout.start()

    def _show(self, figure: Figure) -> None:
        """Draw ``figure`` from now on (the printed or the narrow layout)."""
        if figure is self.figure:
            return
        FigureCanvasBase(self.figure)  # the other one stays cached, on no canvas
        figure.set_canvas(self)
        self.figure = figure
        self._laid_out_width = 0.0  # to be laid out at this width

    def lay_out_now(self) -> None:
        """Lay the figure out again for its size on screen, then draw it."""
        self._relayout.stop()
        figure = self.figure
        if figure.canvas is not self:  # released: the figure is no longer this canvas's
            return
        with CHART_LOCK, chart_style():
            figure.set_layout_engine("constrained")
            if figure is self.printed:  # the narrow layout is made to fit already
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
        # The height is fixed for the width the canvas has (see resizeEvent):
        # asking it for the narrowest width would draw the narrow layout of
        # every chart, after every edit, in panes that never show it.
        return QSize(MIN_WIDTH, self.minimumHeight())

    def release(self) -> None:
        """Give the figure back (it stays cached and may go on another canvas)."""
        self._relayout.stop()
        FigureCanvasBase(self.figure)
        self.setParent(None)
        self.deleteLater()
