"""The « Graphiques » tab: the charts of one section, one canvas each, or a
French sentence when there is none. Qt only: the canvases are made by the
caller (see ``preview_canvas``), so showing a sentence never loads matplotlib."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from avereport.ui.preview_canvas import ChartCanvas

NO_CHART = "Cette partie n'a pas de graphique."
NO_SECTION = "Choisissez une partie du rapport pour voir ses graphiques."

ChartKey = tuple[str, int]
"""A chart's content key, and its rank among equal charts of the section."""


class ChartsView(QScrollArea):
    """Shows a list of charts, or a French sentence when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        # Always there, so that showing it never narrows the charts, which
        # would shorten them and hide it again.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        inner = QWidget()
        self.column = QVBoxLayout(inner)
        self.column.setSpacing(16)
        self.placeholder = QLabel(NO_SECTION)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setEnabled(False)  # drawn in the muted text colour
        self.column.addWidget(self.placeholder)
        self.column.addStretch(1)
        self.setWidget(inner)
        self.canvases: list[ChartCanvas] = []
        self.keys: list[ChartKey] = []

    def show_charts(
        self,
        keys: list[ChartKey],
        make_canvas: Callable[[ChartKey], ChartCanvas] | None,
        empty_text: str = NO_CHART,
    ) -> None:
        """Show one canvas per key (``make_canvas(key)`` makes the missing
        ones; those already shown are kept), or ``empty_text`` when there is none."""
        self.placeholder.setText(empty_text)
        self.placeholder.setVisible(not keys)
        if keys == self.keys:
            return
        kept = dict(zip(self.keys, self.canvases))
        for canvas in self.canvases:
            self.column.removeWidget(canvas)
        new = make_canvas or kept.__getitem__  # no maker: no key either (a sentence shown)
        canvases = [kept.pop(key) if key in kept else new(key) for key in keys]
        for canvas in kept.values():
            canvas.release()
        for index, canvas in enumerate(canvases):
            self.column.insertWidget(index, canvas, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.canvases, self.keys = canvases, list(keys)
        self._fit_heights()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_heights()

    def chart_width(self) -> int:
        """The width a chart is given: the viewport's, inside the column's margins."""
        margins = self.column.contentsMargins()
        # Equal to viewport().width(), without wrapping the viewport in Python:
        # the first such wrapping makes PySide6 register its widget types (~25 ms).
        return self.maximumViewportSize().width() - margins.left() - margins.right()

    def _fit_heights(self) -> None:
        """Give new canvases their height for the width they will get at once,
        rather than after a first layout at the wrong height."""
        width = self.chart_width()
        if width <= 0:  # not laid out yet
            return
        for canvas in self.canvases:
            canvas.setFixedHeight(canvas.heightForWidth(min(width, canvas.maximumWidth())))

    def show_message(self, text: str) -> None:
        self.show_charts([], None, text)

    def clear(self) -> None:
        """Drop every canvas, so that the next ``show_charts`` draws them again."""
        self.show_charts([], None, self.placeholder.text())
