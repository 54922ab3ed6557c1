"""Ctrl+C and Ctrl+V in a table of the app, to and from Excel or LibreOffice Calc.

A paste fills the cells from the current one, adding rows as needed; each
cell is read as if typed (``avereport.spreadsheets.importing.paste``), the
refused ones are listed in one French message and keep their value, and the
whole paste is one undo step. A copy gives the selected cells as
tab-separated text, each cell as the table shows it (French numbers and
dates), which Excel and Calc paste into cells and the app reads back.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from html.parser import HTMLParser

from PySide6.QtCore import QEvent, QMimeData, QModelIndex, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QTableView

from avereport.errors import UserError
from avereport.ui.tables.record_model import RecordTableModel
from avereport.ui.tables.sheet_tables import paste_table

NOTHING_TO_PASTE = "Le presse-papiers ne contient aucune case à coller."
READ_ONLY = "Ce tableau ne peut pas être modifié pour l'instant."
STATUS_MS = 8000

Grid = list[list[str]]


# --- the clipboard's contents -------------------------------------------------------


def grid_from_mime(mime: QMimeData | None) -> Grid:
    """The cells a spreadsheet put on the clipboard: its tab-separated text,
    else the table of its HTML. Quoted multi-line cells stay one cell."""
    if mime is None:
        return []
    if mime.hasText() and mime.text().strip():
        return grid_from_text(mime.text())
    if mime.hasHtml():
        return grid_from_html(mime.html())
    return []


def grid_from_text(text: str) -> Grid:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    rows = [list(row) for row in csv.reader(io.StringIO(text), delimiter="\t")]
    return _trimmed(rows)


def grid_from_html(html: str) -> Grid:
    reader = _HtmlTable()
    reader.feed(html)
    reader.close()
    return _trimmed(reader.rows)


def _trimmed(rows: Grid) -> Grid:
    """Without the empty lines a spreadsheet adds after the last row."""
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    return rows


class _HtmlTable(HTMLParser):
    """The cells of the first table of an HTML fragment, a <br> a new line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: Grid = []
        self._cell: list[str] | None = None
        self._span = 1
        self._tables = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._tables += 1
        elif tag == "tr" and self._tables == 1:
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            self._cell = []
            # A cell spanning columns leaves the next ones empty, as it looks.
            span = dict(attrs).get("colspan") or "1"
            self._span = int(span) if span.isdigit() else 1
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._tables -= 1
        elif tag in ("td", "th") and self._cell is not None:
            text = "\n".join(" ".join(line.split()) for line in "".join(self._cell).split("\n"))
            self.rows[-1].extend([text.strip()] + [""] * (self._span - 1))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def copy_text(model: RecordTableModel, indexes: list[QModelIndex]) -> str:
    """The cells of ``indexes`` as tab-separated lines, over the rectangle they
    span (a cell left out is empty); a check box is "oui" or "non"."""
    if not indexes:
        return ""
    rows = range(min(i.row() for i in indexes), max(i.row() for i in indexes) + 1)
    columns = range(min(i.column() for i in indexes), max(i.column() for i in indexes) + 1)
    chosen = {(i.row(), i.column()) for i in indexes}
    output = io.StringIO()
    writer = csv.writer(output, delimiter="\t", lineterminator="\n")
    for row in rows:
        writer.writerow(
            [_cell_text(model.index(row, column)) if (row, column) in chosen else "" for column in columns]
        )
    return output.getvalue()


def _cell_text(index: QModelIndex) -> str:
    checked = index.data(Qt.ItemDataRole.CheckStateRole)
    if checked is not None:
        return "oui" if Qt.CheckState(checked) == Qt.CheckState.Checked else "non"
    text = index.data(Qt.ItemDataRole.DisplayRole)
    return "" if text is None else str(text)


# --- on a table view --------------------------------------------------------------------


class TableClipboard(QObject):
    """Ctrl+C / Ctrl+V (and the other keys of the platform for them) on ``view``;
    ``report`` shows a paste's refused cells in French."""

    def __init__(self, view: QTableView, model: RecordTableModel, report: Callable[[str], None]) -> None:
        super().__init__(view)
        self.view = view
        self.model = model
        self.report = report
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Paste) or event.matches(QKeySequence.StandardKey.Copy):
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()  # the table's, not a window shortcut's
                elif event.matches(QKeySequence.StandardKey.Paste):
                    self.paste()
                else:
                    self.copy()
                return True
        return False

    def copy(self) -> None:
        indexes = self.view.selectionModel().selectedIndexes() or [self.view.currentIndex()]
        text = copy_text(self.model, [i for i in indexes if i.isValid()])
        if text:
            QGuiApplication.clipboard().setText(text)

    def paste(self) -> bool:
        """Paste the clipboard at the current cell; False when nothing changed."""
        session = self.model.session
        edition = session.edition
        if edition is None:
            return False
        if not self.model.writable():
            self.report(self.model.read_only_reason or READ_ONLY)
            return False
        grid = grid_from_mime(QGuiApplication.clipboard().mimeData())
        if not grid:
            self.report(NOTHING_TO_PASTE)
            return False
        from avereport.spreadsheets.importing import paste

        current = self.view.currentIndex()
        row, column = (current.row(), current.column()) if current.isValid() else (self.model.rowCount(), 0)
        table = paste_table(self.model, edition)
        try:
            result = paste(edition, table, row, column, grid)
        except UserError as error:
            self.report(str(error))
            return False
        changed = result.edition != edition
        if changed and not session.apply(f"Coller dans « {table.title or self.model.noun} »", result.edition):
            return False  # the session said why
        if result.refused:
            self.report(result.message(table))
        elif changed:
            lines = "1 ligne collée" if len(grid) == 1 else f"{len(grid)} lignes collées"
            self._status(f"{lines} — Ctrl+Z pour annuler")
        if row < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row, column))
        return changed

    def _status(self, text: str) -> None:
        window = self.view.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, STATUS_MS)
