"""One chart on screen: a matplotlib canvas (this module imports matplotlib)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from matplotlib.backend_bases import FigureCanvasBase
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy

if TYPE_CHECKING:
    from avereport.charts import Chart

MAX_ZOOM = 1.25  # at most this much larger on screen than on paper


class ChartCanvas(FigureCanvasQTAgg):
    """A chart as printed, scaled to the width of the pane (its layout is
    made for the printed size: shrinking the figure itself would clip it);
    its French alternative text as tooltip and accessible description."""

    def __init__(self, chart: Chart) -> None:
        self.printed_width, height = chart.figure.get_size_inches()
        self.ratio = height / self.printed_width
        super().__init__(chart.figure)
        self.alt_text = chart.alt_text
        self.setToolTip(chart.alt_text)
        self.setAccessibleName("Graphique")
        self.setAccessibleDescription(chart.alt_text)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMaximumWidth(round(self.printed_width * self.logicalDpiX() * MAX_ZOOM))

    def heightForWidth(self, width: int) -> int:
        return round(width * self.ratio)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # The height follows the width given by the layout (a scroll area
        # does not ask its widget's height for a width).
        width = event.size().width()
        if width > 0:
            self.setFixedHeight(self.heightForWidth(width))
            self.figure.set_dpi(width * self.device_pixel_ratio / self.printed_width)
        super().resizeEvent(event)

    def sizeHint(self) -> QSize:
        width = self.maximumWidth()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.heightForWidth(240))

    def release(self) -> None:
        """Give the figure back (it stays cached and may go on another canvas)."""
        FigureCanvasBase(self.figure)
        self.setParent(None)
        self.deleteLater()
