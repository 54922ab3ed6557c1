"""A chart shown large, in a dialog of its own (a double-click on a chart of
the preview): drawn afresh at its printed layout, at the size of the dialog."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from avereport.charts.style import chart_style
from avereport.ui.preview_canvas import screen_dpi
from avereport.ui.preview_charts import CHART_LOCK

if TYPE_CHECKING:
    from avereport.charts import Chart

SCREEN_SHARE = 0.8  # of the screen's width and height the chart may take
ZOOM = 1.6  # how much larger than in the pane, at most


def chart_pixmap(chart: Chart, width: int, height: int, ratio: float) -> QPixmap:
    """The chart as a picture of at most ``width`` × ``height`` logical pixels."""
    inches_wide, inches_high = chart.figure.get_size_inches()
    dpi = min(width / inches_wide, height / inches_high, screen_dpi() * ZOOM)
    buffer = io.BytesIO()
    with CHART_LOCK, chart_style():  # text drawn with the chart fonts, as in the PDF
        chart.figure.savefig(buffer, format="png", dpi=dpi * ratio)
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


class ChartDialog(QDialog):
    def __init__(self, chart: Chart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Graphique")
        screen = (
            parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        ).availableGeometry()
        ratio = self.devicePixelRatioF()
        self.picture = QLabel()
        self.picture.setPixmap(
            chart_pixmap(
                chart, round(screen.width() * SCREEN_SHARE), round(screen.height() * SCREEN_SHARE), ratio
            )
        )
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setAccessibleName("Graphique")
        self.picture.setAccessibleDescription(chart.alt_text)
        scroll = QScrollArea()
        scroll.setWidget(self.picture)
        scroll.setWidgetResizable(True)
        self.description = QLabel(chart.alt_text)
        self.description.setWordWrap(True)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.description)
        layout.addWidget(buttons)
        size = self.picture.pixmap().deviceIndependentSize().toSize()
        self.resize(size.width() + 40, size.height() + self.description.sizeHint().height() + 90)
