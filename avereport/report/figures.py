"""Charts in the PDF: a drawn chart (``chart_cache``) as a flowable at its
printed size, scaled down to fit its column."""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.graphics import renderPDF
from reportlab.platypus import Flowable, Image

from avereport.report.chart_cache import DrawnChart


class ChartFlowable(Flowable):
    """A drawn chart at its printed size, scaled down to fit the column.

    ``chart`` is the drawing, or what returns it once drawn (by the chart
    worker, while the text before it is laid out): the layout asks for it
    only when it reaches the chart."""

    def __init__(self, chart: DrawnChart | Callable[[], DrawnChart], max_width: float | None = None) -> None:
        super().__init__()
        self._chart = chart
        self.max_width = max_width
        self.hAlign = "CENTER"
        self.spaceBefore = 6
        self.spaceAfter = 10
        self.fit = 1.0  # below 1 on a page tightened to hold the end of its section (see tail_fit)

    @property
    def chart(self) -> DrawnChart:
        if not isinstance(self._chart, DrawnChart):
            self._chart = self._chart()
        return self._chart

    def wrap(self, availWidth, availHeight):
        limit = min(availWidth, self.max_width or availWidth)
        self.scale = min(1.0, limit / self.chart.width) * self.fit
        self.width = self.chart.width * self.scale
        self.height = self.chart.height * self.scale
        return self.width, self.height

    def draw(self) -> None:
        chart = self.chart
        if isinstance(chart.drawing, bytes):
            Image(io.BytesIO(chart.drawing), self.width, self.height).drawOn(self.canv, 0, 0)
            return
        self.canv.saveState()
        self.canv.scale(self.scale, self.scale)
        renderPDF.draw(chart.drawing, self.canv, 0, 0)
        self.canv.restoreState()
