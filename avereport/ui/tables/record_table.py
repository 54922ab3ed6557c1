"""A record table with its buttons: add, remove, move up and down.

Refused input is explained in place, in French, under the table; nothing
invalid reaches the file.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from avereport.ui.tables.columns import Kind
from avereport.ui.tables.delegates import ColumnDelegate
from avereport.ui.tables.record_model import RecordTableModel


class RecordTable(QWidget):
    def __init__(self, model: RecordTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Wrapped rows fit their text only if measured again once the columns have
        # their final widths (the last one stretches when the view is laid out).
        header.sectionResized.connect(
            lambda *_: QTimer.singleShot(0, self.view, self.view.resizeRowsToContents)
        )
        model.modelReset.connect(self.view.resizeRowsToContents)
        model.dataChanged.connect(self._resize_rows)
        self._delegates = []
        for number, column in enumerate(model.columns):
            if column.kind is not Kind.FLAG:
                delegate = ColumnDelegate(column, model.session, self.view)
                self._delegates.append(delegate)
                self.view.setItemDelegateForColumn(number, delegate)
            if column.width:
                self.view.setColumnWidth(number, column.width)

        self.add_button = self._button(
            "Ajouter", f"Ajouter une ligne ({model.noun}) après la ligne choisie", self.add
        )
        self.remove_button = self._button(
            "Supprimer", f"Supprimer la ligne choisie ({model.noun})", self.remove
        )
        self.up_button = self._button("Monter", "Monter la ligne choisie d'un cran", lambda: self.move(-1))
        self.down_button = self._button(
            "Descendre", "Descendre la ligne choisie d'un cran", lambda: self.move(1)
        )
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a4262c;")
        self.message.hide()

        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        layout.addWidget(self.message)

        model.refused.connect(self.show_refusal)
        model.modelReset.connect(self._update_buttons)
        model.dataChanged.connect(self.message.hide)
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self._update_buttons()

    def _resize_rows(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        if top_left.column() != 0:
            return  # computed columns only: short texts, the heights stay
        for row in range(top_left.row(), bottom_right.row() + 1):
            self.view.resizeRowToContents(row)

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setStatusTip(tip)
        button.clicked.connect(slot)
        return button

    def current_row(self) -> int:
        return self.view.currentIndex().row()

    def add(self) -> None:
        row = self.current_row() + 1 if self.current_row() >= 0 else self.model.rowCount()
        if self.model.insert_record(row):
            self.view.setCurrentIndex(self.model.index(row, 0))

    def remove(self) -> None:
        row = self.current_row()
        if row >= 0 and self.model.remove_record(row):
            self.view.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))

    def move(self, step: int) -> None:
        row = self.current_row()
        if self.model.move_record(row, row + step):
            self.view.setCurrentIndex(self.model.index(row + step, self.view.currentIndex().column()))

    def select_field(self, row: int, field: str) -> None:
        """Put the cursor on a record's field (used by the checks panel)."""
        column = next((n for n, c in enumerate(self.model.columns) if c.field == field), 0)
        index = self.model.index(row, column)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus()

    def show_refusal(self, index: QModelIndex, message: str) -> None:
        self.message.setText(f"Valeur refusée — {message} Rien n'a été enregistré.")
        self.message.show()
        self.view.setCurrentIndex(index)

    def _update_buttons(self) -> None:
        writable = not self.model.session.read_only
        row = self.current_row()
        self.add_button.setEnabled(writable)
        self.remove_button.setEnabled(writable and row >= 0)
        self.up_button.setEnabled(writable and row > 0)
        self.down_button.setEnabled(writable and 0 <= row < self.model.rowCount() - 1)
