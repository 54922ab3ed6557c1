"""Spreadsheets in the app: Ctrl+C / Ctrl+V and « Importer un tableur… » on
each record table, « Exporter les tableaux… » in the File menu.

An import or a paste is one undo step, written with its history lines like
any edit (an import's origin is « import de tableur »).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)

from avereport.errors import UserError, describe_os_error
from avereport.model.update import EditionUpdate
from avereport.ui.icons import icon
from avereport.ui.settings import text_setting

# The clipboard and the spreadsheet tables are imported by the record tables
# that use them, not at start with the File menu's « Exporter les tableaux… »:
# 15 modules, 20 ms of the app's start.
if TYPE_CHECKING:
    from avereport.ui.import_dialog import ImportDialog
    from avereport.ui.main_window import MainWindow
    from avereport.ui.tables.record_table import RecordTable

LAST_FOLDER_KEY = "spreadsheets/last_folder"
OPEN_FILTER = "Tableurs (*.xlsx *.xlsm *.ods *.csv);;Tous les fichiers (*)"
SAVE_FILTER = "Classeurs Excel (*.xlsx)"
IMPORT_TEXT = "Importer un tableur…"


def _last_folder(fallback: Path | None) -> str:
    folder = text_setting(LAST_FOLDER_KEY)
    if folder and Path(folder).is_dir():
        return folder
    return str(fallback) if fallback is not None else ""


def _remember_folder(path: Path) -> None:
    QSettings().setValue(LAST_FOLDER_KEY, str(path.parent))


def _status(widget: QWidget, text: str) -> None:
    from avereport.ui.tables.clipboard import STATUS_MS

    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, STATUS_MS)


# --- on a record table ------------------------------------------------------------------------


class TableSpreadsheetTools(QObject):
    """Installed on a record table by one call: the clipboard keys, and an
    « Importer un tableur… » button shown when the table has a spreadsheet
    table (avereport/spreadsheets/tables.py) to import into."""

    def __init__(self, table: RecordTable) -> None:
        from avereport.ui.tables.clipboard import TableClipboard

        super().__init__(table)
        self.table = table
        self.model = table.model
        self.clipboard = TableClipboard(table.view, table.model, self._report)
        # Several rows can be chosen (Maj+clic, Ctrl+clic), to copy them at once.
        table.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Made a child of the table at once: shown without a parent, it would be a window.
        self.import_button = QPushButton(icon("import_table"), IMPORT_TEXT, table)
        tip = (
            "Remplacer les lignes de ce tableau par celles d'un classeur Excel ou LibreOffice"
            " (.xlsx, .xlsm, .ods, .csv), après un aperçu ; Ctrl+Z pour annuler"
        )
        self.import_button.setToolTip(tip)
        self.import_button.setStatusTip(tip)
        self.import_button.clicked.connect(self.choose_and_import)
        self.model.session.edition_updated.connect(self._edition_updated)
        self._update_button()

    def _edition_updated(self, update: EditionUpdate) -> None:
        if update.touches_path(self.model.list_path):
            self._update_button()

    def _update_button(self) -> None:
        from avereport.ui.tables.sheet_tables import named_table

        self.import_button.setVisible(named_table(self.model, self.model.session.edition) is not None)

    def _report(self, text: str) -> None:
        self.table.message.setText(text)
        self.table.message.setVisible(bool(text))

    def choose_and_import(self) -> None:
        document = self.model.session.document.path
        name, _ = QFileDialog.getOpenFileName(
            self.table, "Importer un tableur", _last_folder(Path(document).parent), OPEN_FILTER
        )
        if name:
            _remember_folder(Path(name))
            self.open_preview(Path(name))

    def open_preview(self, path: Path) -> ImportDialog | None:
        """Read ``path`` and show the import preview (window-modal, not
        blocking); None, after saying why in French, when it cannot be."""
        from avereport.spreadsheets.reading import open_spreadsheet
        from avereport.ui.import_dialog import ImportDialog
        from avereport.ui.tables.clipboard import READ_ONLY
        from avereport.ui.tables.sheet_tables import named_table

        session = self.model.session
        table = named_table(self.model, session.edition)
        if session.edition is None or table is None:
            return None
        if not self.model.writable():
            self._report(self.model.read_only_reason or READ_ONLY)
            return None
        try:
            book = open_spreadsheet(path)
        except UserError as error:
            QMessageBox.warning(self.table, "Import impossible", f"Rien n'a été importé.\n\n{error}")
            return None
        except OSError as error:
            QMessageBox.warning(
                self.table, "Import impossible", f"Rien n'a été importé.\n\n{describe_os_error(error)}"
            )
            return None
        dialog = ImportDialog(book, table, session.edition, self.table.window())
        dialog.accepted.connect(lambda: self._apply(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _apply(self, dialog: ImportDialog) -> None:
        from avereport.spreadsheets.importing import import_sheet
        from avereport.store.history import Origin

        session = self.model.session
        if dialog.matching is None or session.edition is None:
            return
        try:
            # Worked out again on the edition as it is now (the preview's, unless
            # the document changed meanwhile).
            result = import_sheet(
                session.edition,
                dialog.table,
                dialog.sheet,
                dialog.matching,
                append=dialog.append_box.isChecked(),
            )
        except UserError as error:
            QMessageBox.warning(self.table, "Import impossible", str(error))
            return
        if not result.changes:
            _status(self.table, f"Import de « {dialog.sheet.name} » : aucun changement.")
            return
        text = f"Importer « {dialog.sheet.name} » dans « {dialog.table.title} »"
        if session.apply(text, result.edition, origin=Origin.IMPORT):
            _status(
                self.table, f"Import de « {dialog.sheet.name} » : {result.summary()} — Ctrl+Z pour annuler"
            )


# --- File › Exporter les tableaux… -------------------------------------------------------------


class TablesExport(QObject):
    """« Exporter les tableaux… » : one sheet per table of the shown edition."""

    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        tip = "Écrire les tableaux de l'édition dans un classeur Excel (.xlsx), une feuille par tableau"
        self.action = QAction(icon("export_table"), "Exporter les tableaux…", window)
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        self.action.triggered.connect(lambda _checked=False: self.choose_and_export())
        menu.aboutToShow.connect(self._update)
        menu.addAction(self.action)
        self._update()

    def _update(self) -> None:
        session = self.window.session
        self.action.setEnabled(session is not None and session.edition is not None)

    def choose_and_export(self) -> None:
        session = self.window.session
        if session is None or session.edition is None:
            return
        document = Path(session.document.path)
        suggested = Path(_last_folder(document.parent)) / f"Tableaux {session.year}.xlsx"
        name, _ = QFileDialog.getSaveFileName(
            self.window, "Exporter les tableaux", str(suggested), SAVE_FILTER
        )
        if name:
            path = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
            _remember_folder(path)
            self.export_to(path)

    def export_to(self, path: Path) -> bool:
        """Write the workbook to ``path``; a refused or failed output is said in French."""
        from avereport.outputs import check_output
        from avereport.spreadsheets.exporting import export_tables

        session = self.window.session
        if session is None or session.edition is None:
            return False
        protected = [Path(session.document.path)]
        try:
            check_output(path, protected=protected)
            count = export_tables(session.edition, path, protected=protected)
        except UserError as error:
            self._refused(str(error))
            return False
        except OSError as error:
            self._refused(describe_os_error(error))
            return False
        _status(self.window, f"{count} tableaux de l'édition {session.year} écrits dans « {path.name} ».")
        return True

    def _refused(self, message: str) -> None:
        QMessageBox.critical(
            self.window, "Export impossible", f"Le classeur des tableaux n'a pas été enregistré.\n\n{message}"
        )
