"""« Importer un tableur » : the preview shown before a sheet replaces (or is
added to) the rows of one table of the edition.

It shows which sheet is read, which column of the sheet feeds which column
of the table (a combo per sheet column, to change the proposed matching),
the first rows as they would be imported, and what the import would change,
or why the sheet is refused (sheet, row, column). Nothing is written until
« Importer » is pressed; the caller then applies ``result`` as one step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from avereport.errors import UserError
from avereport.model import fmt
from avereport.model.dates import FuzzyDate
from avereport.model.edition import Edition
from avereport.spreadsheets.importing import ImportResult, data_rows, import_sheet
from avereport.spreadsheets.matching import HeaderColumn, Matching, column_letter, propose_matching
from avereport.spreadsheets.reading import Sheet, Spreadsheet
from avereport.spreadsheets.tables import Kind, Table
from avereport.spreadsheets.values import as_text, fold, is_empty

PREVIEW_ROWS = 8
IGNORED = "— ignorée —"
REFUSED_STYLE = "color: #a4262c;"
# Fits a 1366×768 screen with the taskbar and the title bar.
SIZE = (940, 640)


def best_sheet(book: Spreadsheet, table: Table) -> str:
    """The sheet whose header row names the most columns of ``table`` (one
    named after the table first among equals), as the ``import`` command picks."""
    best, best_score = book.sheet_names[0], (-1, False)
    for name in book.sheet_names:
        matching = propose_matching(table, book.sheet(name))
        used = len(matching.used()) if matching is not None else 0
        score = (used, fold(name) in (fold(table.title), fold(table.name)))
        if score > best_score:
            best, best_score = name, score
    return best


def plain_matching(sheet: Sheet) -> Matching | None:
    """Every column of the first row holding something, none matched (the user
    picks them); None for an empty sheet."""
    row = next((n for n, cells in enumerate(sheet.rows) if any(not is_empty(c) for c in cells)), None)
    if row is None:
        return None
    cells = sheet.rows[row]
    return Matching(row, tuple(HeaderColumn(i, as_text(c).strip(), None) for i, c in enumerate(cells)))


def shown(table: Table, field: str, value: Any) -> str:
    """A value as the app shows it."""
    column = next(c for c in table.columns if c.field == field)
    if value is None:
        return ""
    if isinstance(value, FuzzyDate):
        return fmt.date(value)
    if column.kind is Kind.FLAG:
        return "oui" if value else "non"
    if column.kind is Kind.LINES:
        return " ; ".join(value)
    if column.kind in (Kind.COUNT, Kind.NUMBER) and isinstance(value, (int, float)):
        return fmt.number(value)
    return str(column.label(value))


def _lines(count: int) -> str:
    return "1 ligne" if count == 1 else f"{count} lignes"


class ImportDialog(QDialog):
    def __init__(
        self, book: Spreadsheet, table: Table, edition: Edition, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.book = book
        self.table = table
        self.edition = edition
        self.sheet: Sheet = book.sheet(best_sheet(book, table))
        self.matching: Matching | None = None
        # The import the dialog shows (not "result": QDialog.result() is its exit code).
        self.planned: ImportResult | None = None
        self.setWindowTitle(f"Importer un tableur dans « {table.title} »")

        intro = QLabel(
            f"Le fichier « {book.path.name} » va remplir le tableau « {table.title} » de l'édition"
            f" {edition.year}. Vérifiez la correspondance des colonnes : rien n'est écrit avant"
            " «\u00a0Importer\u00a0»."
        )
        intro.setWordWrap(True)

        self.sheet_box = QComboBox()
        self.sheet_box.addItems(book.sheet_names)
        self.sheet_box.setCurrentText(self.sheet.name)
        self.sheet_box.setToolTip("La feuille du classeur à importer")
        self.sheet_box.currentTextChanged.connect(self._sheet_chosen)
        self.header_label = QLabel()
        top = QFormLayout()
        top.addRow("Feuille :", self.sheet_box)
        top.addRow("Ligne d'en-tête :", self.header_label)

        self.columns_view = QTableWidget(0, 3)
        self.columns_view.setHorizontalHeaderLabels(["Colonne", "En-tête du tableur", "Va dans la colonne"])
        self.columns_view.verticalHeader().hide()
        self.columns_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.columns_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        columns_header = self.columns_view.horizontalHeader()
        columns_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        columns_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        columns_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.combos: list[QComboBox] = []
        columns_group = QGroupBox("Colonnes du tableur")
        QVBoxLayout(columns_group).addWidget(self.columns_view)

        self.preview_view = QTableWidget(0, 0)
        self.preview_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_view.setWordWrap(False)
        self.preview_view.horizontalHeader().setStretchLastSection(True)
        self.preview_group = QGroupBox("Aperçu")
        QVBoxLayout(self.preview_group).addWidget(self.preview_view)

        self.append_box = QCheckBox("Ajouter aux lignes existantes")
        self.append_box.setToolTip(
            "Coché : les lignes du tableur s'ajoutent après celles du tableau."
            " Décoché : elles les remplacent."
        )
        self.append_box.toggled.connect(self._update_outcome)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("Importer", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        tables = QHBoxLayout()
        tables.addWidget(columns_group, 2)
        tables.addWidget(self.preview_group, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addLayout(tables, 1)
        layout.addWidget(self.append_box)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)
        self.resize(*SIZE)
        self._show_sheet()

    # --- the sheet and its matching --------------------------------------------

    def _sheet_chosen(self, name: str) -> None:
        try:
            self.sheet = self.book.sheet(name)
        except UserError as error:
            self._refuse(str(error))
            return
        self._show_sheet()

    def _show_sheet(self) -> None:
        proposed = propose_matching(self.table, self.sheet)
        self.matching = proposed or plain_matching(self.sheet)
        if self.matching is None:
            self.header_label.setText("—")
            self._fill_columns()
            self._refuse(f"La feuille « {self.sheet.name} » est vide : rien à importer.")
            return
        self.header_label.setText(
            f"ligne {self.matching.header_row + 1}"
            + ("" if proposed else " (aucun en-tête reconnu : choisissez les colonnes ci-dessous)")
        )
        self._fill_columns()
        self._update_outcome()

    def _targets(self) -> list[tuple[str, str | None]]:
        return [(IGNORED, None)] + [(c.title, c.field) for c in self.table.columns if not c.is_computed]

    def _fill_columns(self) -> None:
        columns = self.matching.columns if self.matching is not None else ()
        self.columns_view.setRowCount(len(columns))
        self.combos = []
        for row, column in enumerate(columns):
            self.columns_view.setItem(row, 0, QTableWidgetItem(column_letter(column.index)))
            header = QTableWidgetItem(column.header)
            header.setToolTip(column.header)
            self.columns_view.setItem(row, 1, header)
            combo = QComboBox()
            combo.setToolTip(f"La colonne du tableau que remplit la colonne {column_letter(column.index)}")
            for title, field in self._targets():
                combo.addItem(title, field)
            combo.setCurrentIndex(max(0, combo.findData(column.field)) if column.field else 0)
            combo.currentIndexChanged.connect(
                lambda _n, index=column.index, box=combo: self._target_chosen(index, box)
            )
            self.columns_view.setCellWidget(row, 2, combo)
            self.combos.append(combo)

    def combo_for(self, header: str) -> QComboBox:
        """The target combo of the sheet column titled ``header``."""
        assert self.matching is not None
        number = next(n for n, c in enumerate(self.matching.columns) if c.header == header)
        return self.combos[number]

    def _target_chosen(self, index: int, combo: QComboBox) -> None:
        assert self.matching is not None
        self.matching = self.matching.with_field(index, combo.currentData())
        # A column that fed that target before is ignored now: show it so.
        for number, column in enumerate(self.matching.columns):
            box = self.combos[number]
            if box.currentData() != column.field:
                box.blockSignals(True)
                box.setCurrentIndex(max(0, box.findData(column.field)) if column.field else 0)
                box.blockSignals(False)
        self._update_outcome()

    # --- preview and outcome ----------------------------------------------------------

    def _update_outcome(self) -> None:
        self.planned = None
        if self.matching is None:
            return
        try:
            rows = data_rows(self.table, self.sheet, self.matching)
            self._fill_preview(rows)
            self.planned = import_sheet(
                self.edition, self.table, self.sheet, self.matching, append=self.append_box.isChecked()
            )
        except UserError as error:
            self.preview_view.setRowCount(0)
            self._refuse(str(error))
            return
        read, existing = _lines(self.planned.rows), _lines(len(self.table.rows(self.edition)))
        if self.append_box.isChecked():
            where = f"ajoutée{'s' if self.planned.rows > 1 else ''} après les {existing} du tableau"
        else:
            where = f"à la place des {existing} du tableau"
        self.outcome.setStyleSheet("font-weight: bold;")
        self.outcome.setText(f"{read} du tableur, {where} : {self.planned.summary()}.")
        self.import_button.setEnabled(True)

    def _fill_preview(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        assert self.matching is not None
        used = self.matching.used()
        columns = [c for c in self.table.columns if c.field in used and not c.is_computed]
        view = self.preview_view
        view.clear()
        view.setColumnCount(len(columns))
        view.setHorizontalHeaderLabels([c.title for c in columns])
        view.setRowCount(min(len(rows), PREVIEW_ROWS))
        view.setVerticalHeaderLabels([str(number + 1) for number, _ in rows[:PREVIEW_ROWS]])
        for row, (_number, values) in enumerate(rows[:PREVIEW_ROWS]):
            for column, spec in enumerate(columns):
                text = shown(self.table, spec.field, values.get(spec.field))
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                view.setItem(row, column, item)
        view.resizeColumnsToContents()
        more = len(rows) - PREVIEW_ROWS
        self.preview_group.setTitle(
            f"Aperçu (lignes du tableur, {more} de plus non montrées)"
            if more > 0
            else "Aperçu (lignes du tableur)"
        )

    def _refuse(self, message: str) -> None:
        self.planned = None
        self.outcome.setStyleSheet(REFUSED_STYLE)
        self.outcome.setText(f"Import impossible — {message}")
        self.import_button.setEnabled(False)
