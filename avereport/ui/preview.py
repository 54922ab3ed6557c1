"""The preview pane: the charts of the selected section, and the PDF.

Both follow the document live. After an edit the charts of the shown section
are asked for again and only those whose content changed are redrawn (when
the pane is hidden, once it is shown again); the PDF is exported again in the
background, once the edits pause, and only while its tab is shown (else when
it is next shown).

The report and matplotlib take most of a second to import: they are not
imported at start-up but in a background thread a moment after the pane
appears, so the first section shown does not wait for them. Then everything
loaded so far (modules, fonts, the document) is moved out of the garbage
collector's reach with ``gc.freeze()``: a full collection would otherwise
scan those hundreds of thousands of objects, stalling the GUI for ~100 ms
each time (mostly during exports, which allocate a lot).
"""

from __future__ import annotations

import gc
import importlib
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QTabWidget, QVBoxLayout, QWidget

from avereport import tuning
from avereport.model.edition import Edition, Organisation
from avereport.model.paths import EDITION
from avereport.model.update import EditionUpdate
from avereport.ui.preview_charts_view import NO_SECTION, ChartKey, ChartsView
from avereport.ui.preview_pdf import PdfPreview
from avereport.ui.session import DocumentSession

if TYPE_CHECKING:
    from avereport.report.chart_requests import ChartRequest
    from avereport.ui.preview_charts import ChartCache

PDF_DELAY_MS = 500
WARM_UP_DELAY_MS = 1000
CHART_MODULES = ("avereport.ui.preview_charts", "avereport.ui.preview_canvas", "avereport.charts")
NO_EDITION = "Ce document ne contient encore aucune édition."


class PreviewPane(QWidget):
    charts_refreshed = Signal()
    """The charts of the shown section are up to date on screen."""
    pdf_refreshed = Signal(int)
    """New PDF pages are on screen; carries the page count."""
    pdf_failed = Signal(str)
    """The PDF could not be made; carries the French message (also shown in the tab)."""
    has_content_changed = Signal(bool)
    """Whether the pane has something to show changed (see ``has_content``)."""

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.section_key: str | None = None
        self._cache: ChartCache | None = None  # made with the first chart
        self._drawn: tuple[object, str | None] | None = None  # (edition, section key) on screen
        self._pdf_stale = True
        self._has_content = False
        self.dialog: QDialog | None = None  # the chart shown large, if any

        self.charts = ChartsView()
        self.charts.setToolTip("Les graphiques de la partie choisie, tels qu'ils figurent dans le rapport")
        self.pdf = PdfPreview()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.charts, "Graphiques")
        self.tabs.addTab(self.pdf, "PDF")
        self.tabs.setTabToolTip(0, "Les graphiques de la partie choisie (double-clic pour agrandir)")
        self.tabs.setTabToolTip(1, "Les pages du rapport PDF de l'édition affichée (F5 pour actualiser)")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        # Several changes in one turn of the event loop give one redraw.
        self._charts_timer = QTimer(self, singleShot=True, interval=0)
        self._charts_timer.timeout.connect(self._update_charts)
        self._pdf_timer = QTimer(self, singleShot=True, interval=PDF_DELAY_MS)
        self._pdf_timer.timeout.connect(self._update_pdf)

        self.pdf.refreshed.connect(self.pdf_refreshed)
        self.pdf.failed.connect(self.pdf_failed)
        self.tabs.currentChanged.connect(self._tab_changed)
        session.edition_updated.connect(self._edition_updated)
        session.years_changed.connect(self._years_changed)
        self._update_charts()
        QTimer.singleShot(WARM_UP_DELAY_MS, warm_up_in_background)

    @property
    def has_content(self) -> bool:
        """Whether the pane shows something: charts of the chosen section, or
        the PDF tab when it is the one chosen. The window may narrow the pane
        while it has nothing to show."""
        return self._has_content

    def _update_has_content(self) -> None:
        has_content = self.session.edition is not None and (bool(self.charts.keys) or self.pdf_shown())
        if has_content != self._has_content:
            self._has_content = has_content
            self.has_content_changed.emit(has_content)

    def alt_texts(self) -> list[str]:
        """The French alternative text of each chart shown."""
        return [canvas.alt_text for canvas in self.charts.canvases]

    def pdf_shown(self) -> bool:
        return self.tabs.currentWidget() is self.pdf

    def show_section(self, section_key: str | None) -> None:
        """Show the charts of section ``section_key`` (``None``: no section)
        and, in the PDF, go to its first page. Showing the same one again
        changes nothing (the PDF stays where it was scrolled to)."""
        self.section_key = section_key
        self._update_charts()
        self.pdf.show_section(section_key)

    def refresh(self) -> None:
        """Draw the charts again and export the PDF now (F5)."""
        if self._cache is not None:
            for key in self.charts.keys:
                self._cache.forget(key)
        self.charts.clear()
        self._drawn = None
        self._update_charts()
        self._pdf_timer.stop()
        self._update_pdf()

    def shutdown(self) -> None:
        """Stop following the document: it is about to close."""
        self._charts_timer.stop()
        self._pdf_timer.stop()
        self.session.edition_updated.disconnect(self._edition_updated)
        self.session.years_changed.disconnect(self._years_changed)
        self.pdf.shutdown()

    # --- following the document ---------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._charts_timer.start()  # the charts of edits made while hidden

    def _document_changed(self, *_args: object) -> None:
        self._charts_timer.start()
        self._pdf_stale = True
        if self.pdf_shown():
            self._pdf_timer.start()

    def _edition_updated(self, update: EditionUpdate) -> None:
        """Every change is in the PDF; the charts are asked for again only when
        what they are drawn from may have changed: the edition's data (not the
        texts of the outline), or the shown section's own outline entry."""
        outline = update.edition.outline
        position = next((i for i, s in enumerate(outline) if s.key == self.section_key), None)
        if not update.only_within(EDITION.outline) or (
            position is not None and update.touches_path(EDITION.outline[position])
        ):
            self._document_changed()
            return
        self._pdf_stale = True
        if self.pdf_shown():
            self._pdf_timer.start()

    def _years_changed(self, _years: list[int]) -> None:
        self._drawn = None  # the charts across years may change with the same edition shown
        self._document_changed()

    def _tab_changed(self) -> None:
        self._update_has_content()
        if self.pdf_shown() and self._pdf_stale and not self._pdf_timer.isActive():
            self._update_pdf()

    def _update_charts(self) -> None:
        self._charts_timer.stop()
        edition = self.session.edition
        # Editions are replaced, never changed in place: the same one gives the same charts.
        if self._drawn is not None and self._drawn[0] is edition and self._drawn[1] == self.section_key:
            self.charts_refreshed.emit()
            return
        if edition is None:
            self.charts.show_message(NO_EDITION)
        elif self.section_key is None:
            self.charts.show_message(NO_SECTION)
        elif not self.isVisible():
            return  # hidden (F8, or a small screen): drawn when shown (showEvent)
        else:
            self._show_charts(edition, self.section_key)
        self._drawn = (edition, self.section_key)
        self._update_has_content()
        self.charts_refreshed.emit()

    def _show_charts(self, edition: Edition, section_key: str) -> None:
        from avereport.ui.preview_canvas import ChartCanvas
        from avereport.ui.preview_charts import ChartCache, chart_keys, section_chart_requests

        if self._cache is None:
            self._cache = ChartCache()
        cache, organisation = self._cache, edition.organisation
        requests = section_chart_requests(self.session.editions(), edition.year, section_key)
        keys = chart_keys(requests, organisation)
        by_key = dict(zip(keys, requests))
        width = self.charts.chart_width()

        def canvas(key: ChartKey) -> ChartCanvas:
            request = by_key[key]
            made = ChartCanvas(lambda narrow_cm: cache.chart(key, request, organisation, narrow_cm), width)
            made.enlarge_requested.connect(lambda: self.enlarge(request, organisation))
            return made

        self.charts.show_charts(keys, canvas)

    def enlarge(self, request: ChartRequest, organisation: Organisation) -> None:
        """Show a chart large in a dialog, drawn afresh at its printed layout."""
        from avereport.ui.preview_chart_dialog import ChartDialog
        from avereport.ui.preview_charts import draw_for_screen

        if self.dialog is not None:
            self.dialog.close()
        self.dialog = ChartDialog(draw_for_screen(request, organisation), self)
        self.dialog.show()

    def _update_pdf(self) -> None:
        edition = self.session.edition
        if edition is None:
            return
        self._pdf_stale = False
        self.pdf.export_and_show(self.session.editions(), edition.year)


def warm_up_in_background() -> None:
    """Import the chart and report modules in a thread of their own (unless
    AVEREPORT_NO_WARM_UP=1, to measure it)."""
    if tuning.enabled(tuning.WARM_UP):
        threading.Thread(target=_warm_up).start()


def _warm_up() -> None:
    for name in CHART_MODULES:
        importlib.import_module(name)
    if tuning.enabled(tuning.GC_FREEZE):
        gc.freeze()
