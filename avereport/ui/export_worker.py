"""Writing the PDF away from the GUI thread.

An ``ExportWorker`` runs ``export_pdf`` on a copy of the editions taken when
it is made, in a thread of its own, and reports through signals queued to
the GUI thread: the GUI is never touched from the worker.

The worker object lives in the GUI thread and is only ever released there,
once its thread has ended (a Qt object freed by another thread while the GUI
thread delivers its signals crashes). Exports run one at a time (reportlab
and matplotlib keep process-wide state); the app waits for a running one
before it exits.
"""

from __future__ import annotations

import atexit
import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from avereport.errors import UserError, describe_os_error, report_unexpected
from avereport.model.edition import Edition

CHARTS_SHARE = 60  # percent of the progress bar given to drawing the charts
STEP_CHARTS = "Préparation des graphiques…"
STEP_LAYOUT = "Mise en page du rapport…"

EXPORT_LOCK = threading.Lock()
_RUNNING: set[ExportWorker] = set()


@dataclass(frozen=True)
class ExportOutcome:
    path: Path
    page_count: int
    pages: dict[str, int]  # first page (1 = cover) of each section shown, by section key


class _Thread(QThread):
    def __init__(self, job: Callable[[], None]) -> None:
        super().__init__()
        self.job: Callable[[], None] | None = job

    def run(self) -> None:
        if self.job is not None:
            self.job()


class ExportWorker(QObject):
    """One export of edition ``year`` to ``path``; call ``start()`` once.
    Its signals come after ``start()`` returns, in the GUI thread."""

    started = Signal()
    progress = Signal(int, str)
    """Percent done and the French name of the current step."""
    finished = Signal(object)
    """The ``ExportOutcome``."""
    failed = Signal(str)
    """A French message; nothing was written at ``path``."""

    def __init__(
        self, editions: list[Edition], year: int, path: Path, changed: dt.datetime | None = None
    ) -> None:
        super().__init__()  # no parent: its lifetime is handled here (see the module's docstring)
        # Editions are immutable: edits made while the export runs make new
        # ones and cannot reach the worker.
        self.editions = list(editions)
        self.year = year
        self.path = Path(path)
        self.changed = changed  # when the editions last changed: dates the PDF
        self._thread: _Thread | None = None

    def start(self) -> None:
        self._thread = _Thread(self.run)
        self._thread.finished.connect(self._ended)
        _RUNNING.add(self)
        self._thread.start()

    def wait(self) -> None:
        """Block until the export's thread has ended."""
        if self._thread is not None:
            self._thread.wait()

    def _ended(self) -> None:
        # Connected in start(), after the thread is set: it is never None here.
        thread = self._thread
        assert thread is not None
        thread.wait()
        thread.job = None  # no cycle left: freed by reference counting, here
        _RUNNING.discard(self)

    def run(self) -> None:
        """The export itself; runs in the worker's thread."""
        with EXPORT_LOCK:
            self.started.emit()
            try:
                outcome = self._export()
            except UserError as error:
                self.failed.emit(str(error))
            except OSError as error:
                # Named after the file asked for, not the temporary one written first.
                self.failed.emit(describe_os_error(OSError(error.errno, error.strerror, str(self.path))))
            except Exception as error:  # noqa: BLE001 - any failure must reach the user, in French
                self.failed.emit(report_unexpected(error))
            else:
                self.progress.emit(100, "Terminé.")
                self.finished.emit(outcome)

    def _export(self) -> ExportOutcome:
        from avereport.report import export_pdf

        self._draw_charts()
        self.progress.emit(CHARTS_SHARE, STEP_LAYOUT)
        result = export_pdf(self.editions, self.year, self.path, changed=self.changed)
        return ExportOutcome(self.path, result.page_count, dict(result.pages))

    def _draw_charts(self) -> None:
        """Draw the charts first, one at a time under the chart lock, into the
        report's drawing cache, where ``export_pdf`` then finds them."""
        from avereport.report.chart_cache import draw_chart
        from avereport.ui.preview_charts import CHART_LOCK, edition_chart_requests

        edition = next((e for e in self.editions if e.year == self.year), None)
        if edition is None:
            return  # export_pdf words the error
        requests = edition_chart_requests(self.editions, self.year)
        for done, request in enumerate(requests):
            self.progress.emit(CHARTS_SHARE * done // len(requests), STEP_CHARTS)
            with CHART_LOCK:
                draw_chart(request, edition.organisation)


@atexit.register
def _wait_for_exports() -> None:
    for worker in list(_RUNNING):
        worker.wait()
