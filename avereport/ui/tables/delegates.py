"""Cell editors by column kind: choices in a list, lines in a text box that
grows with them, dates and numbers as typed text checked by the model."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from avereport.model import edit
from avereport.model.user_dates import EXAMPLES
from avereport.ui.tables.columns import NUMBER_MAX_LENGTH, Column, Kind, number_hint
from avereport.ui.tables.record_model import RecordTableModel

DATE_HINT = f"par exemple {EXAMPLES}"
PLACEHOLDERS = {
    Kind.DATE: "JJ/MM/AAAA, MM/AAAA, juin 2021…",
    Kind.COUNT: "nombre entier, vide si inconnu",
    Kind.NUMBER: "nombre, vide si inconnu",
}
LINES_TIP = "Une ligne par élément — Entrée : nouvelle ligne ; Ctrl+Entrée ou Tab : valider ; Échap : annuler"
LINES_MIN = 3  # lines the editor shows at least, so that it reads as a text box


class LinesEditor(QPlainTextEdit):
    """A multi-line cell editor: Entrée starts a new line, Ctrl+Entrée
    commits (Tab too, through the delegate). It asks for the height of its
    lines, plus one to type the next."""

    commit_requested = Signal()
    height_wanted = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("une ligne par élément")
        self.setToolTip(LINES_TIP)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.blockCountChanged.connect(lambda _count: self.height_wanted.emit(self.wanted_height()))

    def wanted_height(self) -> int:
        lines = max(LINES_MIN, self.blockCount() + 1)
        margins = self.contentsMargins()
        padding = 2 * round(self.document().documentMargin()) + margins.top() + margins.bottom()
        return lines * self.fontMetrics().lineSpacing() + padding + 2 * self.frameWidth()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.commit_requested.emit()
            return
        super().keyPressEvent(event)


class ColumnDelegate(QStyledItemDelegate):
    def __init__(self, column: Column, session, parent=None) -> None:
        super().__init__(parent)
        self.column = column
        self.session = session

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        kind = self.column.kind
        if kind is Kind.CHOICE and self.column.choices is not None:
            box = QComboBox(parent)
            for value, label in self.column.choices(self.session.edition):
                box.addItem(label, value)
            return box
        if kind is Kind.LINES:
            return self._lines_editor(parent, option.widget, index)
        editor = QLineEdit(parent)
        editor.setPlaceholderText(PLACEHOLDERS.get(kind, ""))
        if kind is Kind.DATE:
            editor.setToolTip(f"Date : {DATE_HINT} ; vide si inconnue")
        if kind in (Kind.COUNT, Kind.NUMBER):
            # The same range the model checks, shown; a value out of it is refused in French.
            # Only a record table knows its cells' paths; the network grids show no range.
            model = index.model()
            bounds = (
                edit.field_bounds(model.field_path(index.row(), index.column()))
                if isinstance(model, RecordTableModel)
                else None
            )
            editor.setPlaceholderText(number_hint(kind, bounds))
            editor.setMaxLength(NUMBER_MAX_LENGTH)
        return editor

    def _lines_editor(
        self, parent: QWidget, view: QWidget | None, index: QModelIndex | QPersistentModelIndex
    ) -> LinesEditor:
        editor = LinesEditor(parent)
        editor.commit_requested.connect(lambda: self._commit_and_close(editor))
        if isinstance(view, QTableView):
            # The row grows with the editor (and the table with the row), so
            # no line typed is ever out of sight; it shrinks back on closing.
            row = index.row()
            editor.height_wanted.connect(
                lambda height: view.verticalHeader().resizeSection(
                    row, max(height, view.verticalHeader().sectionSize(row))
                )
            )
        return editor

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, LinesEditor):
            editor.setPlainText(str(value or ""))
            editor.height_wanted.emit(editor.wanted_height())
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        rect = option.rect
        if isinstance(editor, LinesEditor):
            rect = rect.adjusted(0, 0, 0, max(0, editor.wanted_height() - rect.height()))
        editor.setGeometry(rect)
