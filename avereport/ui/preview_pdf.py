"""The « PDF » tab: the pages of the shown edition, exported in the background.

Each export goes to a new temporary file; the pages on screen stay until the
new file is loaded, then the old one is dropped. One export at a time: a
request made meanwhile waits, and only the latest one waiting is kept.

The pages open at the width of the pane, on the first page of the section
being edited; a bar above them fits the width or the whole page, and zooms
in and out (also Ctrl+molette, Ctrl++ and Ctrl+-).
"""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QWheelEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QToolBar, QToolButton, QVBoxLayout, QWidget

from avereport.model.edition import Edition
from avereport.model.wording import plural
from avereport.ui.export_worker import ExportOutcome, ExportWorker
from avereport.ui.icons import icon

UPDATING = "Mise à jour de l'aperçu…"
NOT_SHOWN = "Le PDF n'est pas encore affiché."
UNREADABLE = "L'aperçu PDF n'a pas pu être ouvert."
ZOOM_STEP = 1.25
MIN_ZOOM = 0.25
MAX_ZOOM = 4.0
WHEEL_NOTCH = 120  # angle delta of one notch of a mouse wheel


class ZoomingPdfView(QPdfView):
    """A PDF view that zooms with Ctrl+molette, one step a notch."""

    wheel_zoom = Signal(float)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            notches = event.angleDelta().y() / WHEEL_NOTCH
            if notches:
                self.wheel_zoom.emit(ZOOM_STEP**notches)
            event.accept()
            return
        super().wheelEvent(event)


class PdfPreview(QWidget):
    refreshed = Signal(int)
    """New pages are on screen; carries the page count."""
    failed = Signal(str)
    """The export or its display failed; carries the French message."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QLabel(NOT_SHOWN)
        self.status.setWordWrap(True)
        self.status.setIndent(6)
        self.view = ZoomingPdfView()
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setToolTip("Aperçu du rapport PDF de l'édition affichée (Ctrl+molette pour zoomer)")
        self.view.wheel_zoom.connect(self.zoom_by)

        self.zoom_bar = QToolBar()
        self.zoom_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.fit_width_action = self._action(
            None, "Largeur", "Ajuster les pages à la largeur du volet", None, self.fit_width
        )
        self.fit_page_action = self._action(None, "Page", "Montrer une page entière", None, self.fit_page)
        self.zoom_out_action = self._action(
            "zoom_out",
            "Zoom arrière",
            "Réduire les pages (Ctrl+-, ou Ctrl+molette)",
            QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomOut),
            lambda: self.zoom_by(1 / ZOOM_STEP),
        )
        self.zoom_in_action = self._action(
            "zoom_in",
            "Zoom avant",
            "Agrandir les pages (Ctrl++, ou Ctrl+molette)",
            [*QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")],
            lambda: self.zoom_by(ZOOM_STEP),
        )
        self.zoom_label = QLabel()
        self.zoom_label.setToolTip("Taille des pages à l'écran")
        self.zoom_bar.addWidget(self.zoom_label)
        # The state on a line of its own: beside the bar, in a narrow pane, it
        # wrapped into a column of single words.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.zoom_bar)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

        self.document: QPdfDocument | None = None
        self._document_path: Path | None = None
        self.pages: dict[str, int] = {}  # first page index (0 = cover) of each section
        self.section_key: str | None = None
        self._folder = tempfile.TemporaryDirectory(prefix="avereport-apercu-")
        self._numbers = itertools.count(1)
        self._worker: ExportWorker | None = None
        self._waiting: tuple[list[Edition], int] | None = None
        self._show_zoom()

    def _action(self, icon_name: str | None, text: str, tip: str, shortcut, slot) -> QAction:
        """A button of the zoom bar: its icon alone when it has one, else its text."""
        action = QAction(text, self)
        if icon_name is not None:
            action.setIcon(icon(icon_name))
        action.setToolTip(tip)
        action.setStatusTip(tip)
        if shortcut is not None:
            action.setShortcuts(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.zoom_bar.addAction(action)
        button = self.zoom_bar.widgetForAction(action)
        if icon_name is not None and isinstance(button, QToolButton):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.addAction(action)
        return action

    # --- zoom ---------------------------------------------------------------

    def zoom(self) -> float:
        """The size of the pages on screen, 1.0 being their printed size."""
        mode = self.view.zoomMode()
        if mode == QPdfView.ZoomMode.Custom or self.document is None or self.document.pageCount() == 0:
            return self.view.zoomFactor()
        # Qt keeps zoomFactor() at its last custom value while fitting: work out the fitted one.
        page = self.document.pagePointSize(self.view.pageNavigator().currentPage())
        scale = self.view.logicalDpiX() / 72
        margins = self.view.documentMargins()
        viewport = self.view.viewport()
        wide = (viewport.width() - margins.left() - margins.right()) / (page.width() * scale)
        if mode == QPdfView.ZoomMode.FitToWidth:
            return wide
        high = (viewport.height() - margins.top() - margins.bottom()) / (page.height() * scale)
        return min(wide, high)

    def zoom_by(self, factor: float) -> None:
        self.set_zoom(self.zoom() * factor)

    def set_zoom(self, zoom: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(MAX_ZOOM, max(MIN_ZOOM, zoom)))
        self._show_zoom()

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._show_zoom()

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self._show_zoom()

    def _show_zoom(self) -> None:
        mode = self.view.zoomMode()
        self.fit_width_action.setCheckable(True)
        self.fit_page_action.setCheckable(True)
        self.fit_width_action.setChecked(mode == QPdfView.ZoomMode.FitToWidth)
        self.fit_page_action.setChecked(mode == QPdfView.ZoomMode.FitInView)
        self.zoom_label.setText(f"{round(self.zoom() * 100)} %")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._show_zoom()  # a fitted zoom follows the pane

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def export_and_show(self, editions: list[Edition], year: int) -> None:
        """Export edition ``year`` and show it when ready."""
        if self._worker is not None:
            self._waiting = (editions, year)
            return
        self.status.setText(UPDATING)
        path = Path(self._folder.name) / f"apercu-{next(self._numbers)}.pdf"
        self._worker = ExportWorker(editions, year, path)
        self._worker.finished.connect(self._exported)
        self._worker.failed.connect(self._failed)
        self._worker.start()

    def show_section(self, section_key: str | None) -> None:
        if section_key != self.section_key:
            self.section_key = section_key
            self._jump_to_section()

    def shutdown(self) -> None:
        """Ask for no more pages; an export under way ends on its own, unseen."""
        self._waiting = None
        if self._worker is not None:
            self._worker.finished.disconnect(self._exported)
            self._worker.failed.disconnect(self._failed)
            self._worker = None

    # --- results ----------------------------------------------------------

    def _exported(self, outcome: ExportOutcome) -> None:
        self._worker = None
        document = QPdfDocument(self)
        if document.load(str(outcome.path)) != QPdfDocument.Error.None_:
            document.deleteLater()
            self._failed(UNREADABLE)
            return
        navigator = self.view.pageNavigator()
        page, location = navigator.currentPage(), navigator.currentLocation()
        previous, previous_path = self.document, self._document_path
        self.document, self._document_path = document, outcome.path
        self.pages = {key: number - 1 for key, number in outcome.pages.items()}
        self.view.setDocument(document)
        if previous is None:
            self._jump_to_section()
        else:
            navigator.jump(min(page, document.pageCount() - 1), location)
            previous.close()
            previous.deleteLater()
            if previous_path is not None:
                previous_path.unlink(missing_ok=True)
        self._show_zoom()
        count = document.pageCount()
        self.status.setText(f"Aperçu à jour : {plural(count, 'page')}.")
        self.refreshed.emit(count)
        self._next()

    def _failed(self, message: str) -> None:
        self._worker = None
        self.status.setText(message)
        self.failed.emit(message)
        self._next()

    def _next(self) -> None:
        if self._waiting is not None:
            editions, year = self._waiting
            self._waiting = None
            self.export_and_show(editions, year)

    def _jump_to_section(self) -> None:
        page = self.pages.get(self.section_key) if self.section_key else None
        if self.document is not None and page is not None:
            self.view.pageNavigator().jump(page, QPointF())
