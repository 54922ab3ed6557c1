"""A record table with its buttons: add, remove, move up and down.

Refused input is explained in place, in French, under the table; nothing
invalid reaches the file.

The table lives inside a scrolling editor page: it is exactly as tall as its
rows (no scroll bar of its own, so the mouse wheel always scrolls the page),
and the page is scrolled to keep the row being worked on in sight. Its
columns fit its width (tables/fit_columns.py). Cells do
not wrap: every row is one line tall, or as many lines as its multi-line
cells hold, so the rows line up evenly.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from avereport.ui.spreadsheet_actions import TableSpreadsheetTools
from avereport.ui.tables.columns import Kind
from avereport.ui.tables.delegates import ColumnDelegate
from avereport.ui.tables.fit_columns import FittedColumns
from avereport.ui.tables.record_model import RecordTableModel
from avereport.ui.widgets.read_only import grey, reason_for, show_status

ROW_PADDING = 10  # pixels above and below a row's lines
EMPTY_ROWS = 1  # room kept for rows when there is none, so the table still reads as one
LONGEST_DATE = "30 septembre 2021"
REMOVED = "Ligne supprimée — Ctrl+Z pour annuler"
WHOLE_KINDS = (Kind.COUNT, Kind.NUMBER, Kind.DATE, Kind.FLAG)


class RowsView(QTableView):
    """The table itself; typing into it while it is read-only says why."""

    def __init__(self, owner: RecordTable) -> None:
        super().__init__()
        self.owner = owner

    def wheelEvent(self, event: QWheelEvent) -> None:
        # The table has no rows out of sight: a vertical turn of the wheel
        # scrolls the page (Qt would not pass it on to the page by itself when
        # the event comes from the app rather than the mouse).
        page = self.owner.page()
        vertical = abs(event.angleDelta().y()) >= abs(event.angleDelta().x())
        if vertical and page is not None and self.verticalScrollBar().maximum() == 0:
            QApplication.sendEvent(page.verticalScrollBar(), event)
            return
        super().wheelEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        # A multi-line editor grows its row while open: back to the row's lines.
        self.owner.fit_rows()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.text().strip() and not self.owner.model.writable():
            self.owner.show_read_only()
        super().keyPressEvent(event)


class RecordTable(QWidget):
    def __init__(self, model: RecordTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = RowsView(self)
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustIgnored)
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(self.line_height())
        rows.setDefaultSectionSize(self.line_height())
        rows.sectionResized.connect(self._fit_height)
        header.sectionResized.connect(self._fit_height)
        model.modelReset.connect(self.fit_rows)
        # Rows added or removed one by one (the view keeps its selection) fit too.
        model.rowsInserted.connect(lambda _parent, first, last: self.fit_rows(first, last))
        model.rowsRemoved.connect(lambda *_args: self.fit_rows())
        model.dataChanged.connect(self._data_changed)
        self._lines_columns = [n for n, c in enumerate(model.columns) if c.kind is Kind.LINES]
        self._delegates = []
        for number, column in enumerate(model.columns):
            if column.kind is not Kind.FLAG:
                delegate = ColumnDelegate(column, model.session, self.view)
                self._delegates.append(delegate)
                self.view.setItemDelegateForColumn(number, delegate)
            width = column.width
            if column.kind is Kind.DATE:  # cells do not wrap: room for the longest date shown
                width = max(width, self.view.fontMetrics().horizontalAdvance(LONGEST_DATE) + 2 * ROW_PADDING)
            if width:
                self.view.setColumnWidth(number, width)
        # The columns fit the table's width (the last one takes what is left);
        # figures, dates, check boxes and computed columns keep their cells whole
        # (a date column narrows to its longest date shown, not to the longest there is).
        whole = {n for n, c in enumerate(model.columns) if c.kind in WHOLE_KINDS}
        whole |= set(range(len(model.columns), model.columnCount()))
        self.columns_fit = FittedColumns(self.view, whole=whole)

        self.add_button = self._button(
            "Ajouter", f"Ajouter une ligne ({model.noun}) après la ligne choisie", self.add
        )
        self.remove_button = self._button(
            "Supprimer", f"Supprimer la ligne choisie ({model.noun}) ; Ctrl+Z pour annuler", self.remove
        )
        self.up_button = self._button(
            "Monter", "Monter la ligne choisie d'un cran", lambda: self.move_current(-1)
        )
        self.down_button = self._button(
            "Descendre", "Descendre la ligne choisie d'un cran", lambda: self.move_current(1)
        )
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a4262c;")
        self.message.hide()

        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        # Issue 14: Ctrl+C / Ctrl+V and « Importer un tableur… » (ui/spreadsheet_actions.py).
        self.spreadsheet = TableSpreadsheetTools(self)
        buttons.addWidget(self.spreadsheet.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        layout.addWidget(self.message)

        model.refused.connect(self.show_refusal)
        model.modelReset.connect(self._update_buttons)
        model.rowsInserted.connect(lambda *_args: self._update_buttons())
        model.rowsRemoved.connect(lambda *_args: self._update_buttons())
        model.dataChanged.connect(self.message.hide)
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.set_read_only(reason_for(model.session))
        self.fit_rows()

    # --- heights ------------------------------------------------------------

    def line_height(self) -> int:
        return self.view.fontMetrics().lineSpacing() + ROW_PADDING

    def row_height(self, row: int) -> int:
        """One line, or as many as the row's multi-line cells hold."""
        lines = 1
        for column in self._lines_columns:
            text = self.model.index(row, column).data() or ""
            lines = max(lines, text.count("\n") + 1)
        return self.view.fontMetrics().lineSpacing() * lines + ROW_PADDING

    def fit_rows(self, first: int = 0, last: int | None = None) -> None:
        rows = self.view.verticalHeader()
        last = self.model.rowCount() - 1 if last is None else last
        rows.blockSignals(True)  # one height fit for all rows, below
        for row in range(first, last + 1):
            rows.resizeSection(row, self.row_height(row))
        rows.blockSignals(False)
        self._fit_height()

    def _data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        if self._lines_columns:
            self.fit_rows(top_left.row(), bottom_right.row())

    def _fit_height(self, *_args: object) -> None:
        """As tall as the header and the rows (and the sideways scroll bar when
        the columns are wider than the table)."""
        view = self.view
        rows = view.verticalHeader()
        count = self.model.rowCount()
        height = rows.length() if count else EMPTY_ROWS * rows.defaultSectionSize()
        height += view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth()
        if view.horizontalHeader().length() > view.viewport().width() > 0:
            height += view.horizontalScrollBar().sizeHint().height()
        if view.height() != height:
            view.setFixedHeight(height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_height()

    # --- buttons ------------------------------------------------------------

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setStatusTip(tip)
        button.clicked.connect(slot)
        return button

    def current_row(self) -> int:
        return self.view.currentIndex().row()

    def add(self) -> None:
        """Add a row after the chosen one, bring it into sight and start typing
        in its first editable cell."""
        row = self.current_row() + 1 if self.current_row() >= 0 else self.model.rowCount()
        if not self.model.insert_record(row):
            return
        column = next(
            (
                n
                for n in range(self.model.columnCount())
                if self.model.flags(self.model.index(row, n)) & Qt.ItemFlag.ItemIsEditable
            ),
            0,
        )
        index = self.model.index(row, column)
        self.view.setCurrentIndex(index)
        self.view.setFocus()
        self.view.edit(index)
        self.reveal(row)

    def remove(self) -> None:
        """Remove the chosen row without asking (Ctrl+Z brings it back), say so in
        the status bar, and choose the row that took its place."""
        row = self.current_row()
        if row < 0 or not self.model.remove_record(row):
            return
        show_status(self, REMOVED)
        if self.model.rowCount():
            neighbour = min(row, self.model.rowCount() - 1)
            self.view.setCurrentIndex(self.model.index(neighbour, max(0, self.view.currentIndex().column())))
            self.view.setFocus()
            self.reveal(neighbour)

    def move_current(self, step: int) -> None:
        row = self.current_row()
        if self.model.move_record(row, row + step):
            self.view.setCurrentIndex(self.model.index(row + step, self.view.currentIndex().column()))
            self.reveal(row + step)

    def reveal(self, row: int) -> None:
        """Scroll the page holding the table so that ``row`` is in sight, once the
        page has laid out the table's new height."""
        QTimer.singleShot(0, self, lambda: self._reveal_now(row))

    def _reveal_now(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        index = self.model.index(row, max(0, self.view.currentIndex().column()))
        self.view.scrollTo(index)
        page = self.page()
        content = page.widget() if page is not None else None
        if page is None or content is None:
            return
        rect = self.view.visualRect(index)
        centre = self.view.viewport().mapTo(content, rect.center())
        # Margins: the whole row, and a grown multi-line editor, stay in sight.
        page.ensureVisible(centre.x(), centre.y(), 40, rect.height() // 2 + 3 * self.line_height())

    def page(self) -> QScrollArea | None:
        """The scrolling page holding the table, if any."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        return parent

    def select_field(self, row: int, field: str) -> None:
        """Put the cursor on a record's field (used by the checks panel)."""
        column = next((n for n, c in enumerate(self.model.columns) if c.field == field), 0)
        index = self.model.index(row, column)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus()
        self.reveal(row)

    # --- messages -----------------------------------------------------------

    def show_refusal(self, index: QModelIndex, message: str) -> None:
        self.message.setText(f"Valeur refusée — {message} Rien n'a été enregistré.")
        self.message.show()
        self.view.setCurrentIndex(index)

    def show_read_only(self) -> None:
        self.message.setText(self.model.read_only_reason or reason_for(self.model.session) or "")
        self.message.setVisible(bool(self.message.text()))

    def set_read_only(self, reason: str | None) -> None:
        """Grey the table and say ``reason`` in its tooltips (None: writable
        again, when the document allows it)."""
        self.model.read_only_reason = reason
        read_only = not self.model.writable()
        grey(self.view, read_only)
        self.view.setToolTip(reason or "")
        if not read_only:
            self.message.hide()
        self._update_buttons()

    def _update_buttons(self) -> None:
        writable = self.model.writable()
        row = self.current_row()
        self.add_button.setEnabled(writable)
        self.remove_button.setEnabled(writable and row >= 0)
        self.up_button.setEnabled(writable and row > 0)
        self.down_button.setEnabled(writable and 0 <= row < self.model.rowCount() - 1)
