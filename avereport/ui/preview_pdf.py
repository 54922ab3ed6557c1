"""The « PDF » tab: the pages of the shown edition, exported in the background.

Each export goes to a new temporary file; the pages on screen stay until the
new file is loaded, then the old one is dropped. One export at a time: a
request made meanwhile waits, and only the latest one waiting is kept.
"""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from PySide6.QtCore import QPointF, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from avereport.model.edition import Edition
from avereport.model.wording import plural
from avereport.ui.export_worker import ExportOutcome, ExportWorker

UPDATING = "Mise à jour de l'aperçu…"
NOT_SHOWN = "Le PDF n'est pas encore affiché."
UNREADABLE = "L'aperçu PDF n'a pas pu être ouvert."


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
        self.view = QPdfView()
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setToolTip("Aperçu du rapport PDF de l'édition affichée")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
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

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def render(self, editions: list[Edition], year: int) -> None:
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
            previous_path.unlink(missing_ok=True)
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
            self.render(editions, year)

    def _jump_to_section(self) -> None:
        page = self.pages.get(self.section_key) if self.section_key else None
        if self.document is not None and page is not None:
            self.view.pageNavigator().jump(page, QPointF())
