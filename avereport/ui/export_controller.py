"""Exporting the PDF from the window: a reminder of what is still open,
where it goes, progress, then what next."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from avereport.errors import UserError, describe_os_error
from avereport.model.checks.reminder import export_reminder
from avereport.model.edition import Edition
from avereport.outputs import check_output
from avereport.ui.export_worker import ExportOutcome, ExportWorker
from avereport.ui.settings import text_setting

LAST_EXPORT_FOLDER_KEY = "export/last_folder"
PROGRESS_DELAY_MS = 300  # a quicker export shows no progress window
OPEN_PDF = "Ouvrir le PDF"
OPEN_FOLDER = "Ouvrir le dossier"
CLOSE = "Fermer"


def export_file_name(year: int) -> str:
    return f"Rapport d'activité {year}.pdf"


def default_export_path(document_path: Path, year: int, last_folder: Path | None) -> Path:
    """In the folder last chosen for an export if it still exists, else beside the document."""
    folder = last_folder if last_folder is not None and last_folder.is_dir() else Path(document_path).parent
    return folder / export_file_name(year)


class ExportController(QObject):
    """Runs one export at a time for a window, with its progress and messages."""

    running_changed = Signal(bool)
    exported = Signal(Path)
    """The PDF was written; carries its path."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.worker: ExportWorker | None = None
        self.progress: QProgressDialog | None = None

    @property
    def running(self) -> bool:
        return self.worker is not None

    def last_folder(self) -> Path | None:
        folder = text_setting(LAST_EXPORT_FOLDER_KEY)
        return Path(folder) if folder else None

    def default_path(self, document_path: Path, year: int) -> Path:
        return default_export_path(document_path, year, self.last_folder())

    def choose_path(self, document_path: Path, year: int) -> Path | None:
        """Ask where to write the PDF; the folder chosen becomes the default."""
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            "Exporter le rapport PDF",
            str(self.default_path(document_path, year)),
            "Documents PDF (*.pdf)",
        )
        if not name:
            return None
        path = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
        QSettings().setValue(LAST_EXPORT_FOLDER_KEY, str(path.parent))
        return path

    def start(
        self, editions: list[Edition], year: int, path: Path, changed: dt.datetime | None = None
    ) -> bool:
        """Write edition ``year`` to ``path`` in the background, dated ``changed``
        (when the document last changed); ``False`` if an export is already running
        or the reminder was cancelled."""
        if self.worker is not None or not self.remind(editions, year):
            return False
        return self._run(editions, year, path, changed)

    def start_as(
        self, editions: list[Edition], year: int, document_path: Path, changed: dt.datetime | None = None
    ) -> bool:
        """« Exporter le PDF sous… »: the reminder first (cancelled, no file
        dialog opens for nothing), then where to write, then the export."""
        if self.worker is not None or not self.remind(editions, year):
            return False
        path = self.choose_path(document_path, year)
        return path is not None and self._run(editions, year, path, changed)

    def _run(self, editions: list[Edition], year: int, path: Path, changed: dt.datetime | None) -> bool:
        try:
            check_output(path, protected=self._open_documents())
        except UserError as error:
            self._refused(str(error))
            return False
        except OSError as error:
            self._refused(describe_os_error(error))
            return False
        self.worker = ExportWorker(editions, year, path, changed)
        self.worker.progress.connect(self._progressed)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.progress = QProgressDialog("Export du rapport PDF…", "", 0, 100, self.window)
        self.progress.setWindowTitle("Export du PDF")
        self.progress.setCancelButton(None)  # reportlab cannot stop half-way
        # Not modal: editing can go on, the export works on a copy.
        self.progress.setWindowModality(Qt.WindowModality.NonModal)
        self.progress.setMinimumDuration(PROGRESS_DELAY_MS)
        self.progress.setAutoClose(False)
        self.progress.setValue(0)
        self.running_changed.emit(True)
        self.worker.start()
        return True

    def remind(self, editions: list[Edition], year: int) -> bool:
        """With open errors or sections not yet relu, show them and ask:
        True for « Exporter quand même ». A point chosen in the list is gone
        to (the window knows the way, as from its checks panel) and nothing
        is exported."""
        edition = next((e for e in editions if e.year == year), None)
        if edition is None:
            return True
        previous = next((e for e in editions if e.year == year - 1), None)
        reminder = export_reminder(edition, previous)
        if not reminder:
            return True
        from avereport.ui.export_reminder_dialog import ExportReminderDialog

        dialog = ExportReminderDialog(reminder, year, self.window)
        accepted = dialog.exec() == ExportReminderDialog.DialogCode.Accepted
        chosen = dialog.chosen
        dialog.deleteLater()
        go_to = getattr(self.window, "go_to_finding", None)
        if chosen is not None and go_to is not None:
            go_to(chosen)
        return accepted

    def _progressed(self, percent: int, step: str) -> None:
        if self.progress is not None:
            self.progress.setLabelText(step)
            self.progress.setValue(percent)

    def _done(self) -> None:
        self.worker = None
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.running_changed.emit(False)

    def _finished(self, outcome: ExportOutcome) -> None:
        self._done()
        self.exported.emit(outcome.path)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Export terminé",
            "Le rapport PDF a été enregistré.",
            parent=self.window,
        )
        box.setInformativeText(f"Fichier : {outcome.path.name}\nDossier : {outcome.path.parent}")
        # Wide enough for a folder path on one line, in most cases.
        box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 26em; }")
        open_pdf = box.addButton(OPEN_PDF, QMessageBox.ButtonRole.AcceptRole)
        open_pdf.setToolTip("Ouvrir le rapport avec le lecteur de PDF habituel")
        open_folder = box.addButton(OPEN_FOLDER, QMessageBox.ButtonRole.ActionRole)
        open_folder.setToolTip("Ouvrir le dossier qui contient le rapport")
        box.addButton(CLOSE, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(open_pdf)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is open_pdf:
            self._open(outcome.path)
        elif clicked is open_folder:
            self._open(outcome.path.parent)

    def _open_documents(self) -> list[Path]:
        """What an export must never replace: the document open in the window."""
        session = getattr(self.window, "session", None)
        return [] if session is None else [session.document.path]

    def _failed(self, message: str) -> None:
        self._done()
        self._refused(message)

    def _refused(self, message: str) -> None:
        QMessageBox.critical(
            self.window, "Export impossible", f"Le rapport PDF n'a pas été enregistré.\n\n{message}"
        )

    def _open(self, path: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            QMessageBox.warning(
                self.window, "Ouverture impossible", f"Aucune application n'a pu ouvrir « {path} »."
            )
