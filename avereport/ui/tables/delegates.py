"""Cell editors by column kind: choices in a list, lines in a text box,
dates and numbers as typed text checked by the model."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from avereport.model import edit
from avereport.ui.tables.columns import NUMBER_MAX_LENGTH, Column, Kind, number_hint

PLACEHOLDERS = {
    Kind.DATE: "JJ/MM/AAAA, MM/AAAA ou AAAA",
    Kind.COUNT: "nombre entier, vide si inconnu",
    Kind.NUMBER: "nombre, vide si inconnu",
}


class ColumnDelegate(QStyledItemDelegate):
    def __init__(self, column: Column, session, parent=None) -> None:
        super().__init__(parent)
        self.column = column
        self.session = session

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        kind = self.column.kind
        if kind is Kind.CHOICE and self.column.choices is not None:
            box = QComboBox(parent)
            for value, label in self.column.choices(self.session.edition):
                box.addItem(label, value)
            return box
        if kind is Kind.LINES:
            editor = QPlainTextEdit(parent)
            editor.setPlaceholderText("une ligne par élément")
            editor.setTabChangesFocus(True)
            return editor
        editor = QLineEdit(parent)
        editor.setPlaceholderText(PLACEHOLDERS.get(kind, ""))
        if kind in (Kind.COUNT, Kind.NUMBER):
            # The same range the model checks, shown; a value out of it is refused in French.
            path = index.model().field_path(index.row(), index.column())
            editor.setPlaceholderText(number_hint(kind, edit.field_bounds(self.session.edition, path)))
            editor.setMaxLength(NUMBER_MAX_LENGTH)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(value or ""))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        rect = option.rect
        if isinstance(editor, QPlainTextEdit):
            rect = rect.adjusted(0, 0, 0, max(0, 90 - rect.height()))
        editor.setGeometry(rect)
