"""A small live preview of the tile map the report prints for one kind of
structure, drawn by the report's own chart function.

Drawing takes a noticeable moment, so it waits for a pause in the edits:
typing counts region after region stays instant.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from avereport.charts import palette_from_brand, region_map
from avereport.model.edition import Edition, NetworkKind, Organisation
from avereport.model.labels import NETWORK_KIND_LABELS
from avereport.model.paths import EDITION
from avereport.model.update import EditionUpdate
from avereport.ui.editors.organisation import HEX_COLOUR
from avereport.ui.session import DocumentSession

PREVIEW_DPI = 64
PAUSE_MS = 300


def brand_colours(organisation: Organisation) -> tuple[str, str]:
    """The organisation's colours, each replaced by the default if not a valid code."""
    defaults = Organisation()
    primary, secondary = (
        colour if HEX_COLOUR.fullmatch(colour.upper()) else default
        for colour, default in (
            (organisation.primary_colour, defaults.primary_colour),
            (organisation.secondary_colour, defaults.secondary_colour),
        )
    )
    return primary, secondary


class RegionMapPreview(QWidget):
    def __init__(
        self, session: DocumentSession, kinds: Sequence[NetworkKind], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.choice = QComboBox()
        self.choice.setToolTip("Carte à prévisualiser, telle que le rapport l'imprimera")
        for kind in kinds:
            self.choice.addItem(f"Carte : {NETWORK_KIND_LABELS[kind]}", kind)
        self.choice.currentIndexChanged.connect(self.refresh)
        self.canvas: FigureCanvasQTAgg | None = None
        self._shown: object = None
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.choice)
        self.layout_.addStretch(1)
        self._pause = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._pause.timeout.connect(self.refresh)
        session.edition_updated.connect(self._edition_updated)
        self.refresh()

    def kind(self) -> NetworkKind:
        return NetworkKind(self.choice.currentData())

    def counts(self, edition: Edition) -> dict:
        counts: dict = {}
        for entry in edition.network.region_counts:
            if entry.kind is self.kind():
                counts[entry.region] = counts.get(entry.region, 0) + entry.count
        return counts

    def _edition_updated(self, update: EditionUpdate) -> None:
        # The maps are drawn from the counts by region, in the organisation's colours.
        if update.touches_path(EDITION.network.region_counts, EDITION.organisation):
            self._pause.start()

    def refresh(self) -> None:
        edition = self.session.edition
        if edition is None:
            return
        counts = self.counts(edition)
        colours = brand_colours(edition.organisation)
        shown = (self.kind(), sorted(counts.items()), colours)
        if shown == self._shown:
            return
        self._shown = shown
        chart = region_map(self.kind(), counts, palette_from_brand(*colours))
        chart.figure.set_dpi(PREVIEW_DPI)
        canvas = FigureCanvasQTAgg(chart.figure)
        canvas.setFixedSize(canvas.sizeHint())
        canvas.setToolTip(chart.alt_text)
        if self.canvas is not None:
            self.layout_.replaceWidget(self.canvas, canvas)
            self.canvas.deleteLater()
        else:
            self.layout_.insertWidget(1, canvas)
        self.canvas = canvas
