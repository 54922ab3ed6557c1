"""A table model over one list of records of the shown edition.

Rows are the records at ``list_path`` (e.g. ``EDITION.governance.board``,
a typed path checked once when the model is made); columns are declared
with :class:`Column`. Every change goes through the session, so
it is written to the file at once and can be undone; a refused value leaves
the model unchanged and is announced with ``refused``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from avereport.model import edit, paths
from avereport.model.dates import DateError
from avereport.model.edition import Edition
from avereport.model.paths import FieldPath
from avereport.model.update import EditionUpdate
from avereport.ui.session import DocumentSession
from avereport.ui.tables.columns import Column, Kind
from avereport.ui.widgets.read_only import reason_for

Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    refused = Signal(QModelIndex, str)
    """A value was refused; carries the cell and the French reason."""

    def __init__(
        self,
        session: DocumentSession,
        list_path: edit.Path,
        columns: list[Column],
        new_record: Callable[[Edition], Any],
        noun: str,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.list_path = edit.field_path(list_path)
        self.columns = columns
        self.new_record = new_record
        self.noun = noun
        # The records the view was told about: what the rows show until the
        # model has followed an update (another panel may paint or measure
        # this table first, while the session already holds the new edition).
        self._rows: list[Any] = list(self._records())
        self.read_only_reason: str | None = reason_for(session)
        """Why the cells cannot be edited (in their tooltips), or None."""
        session.edition_updated.connect(self._edition_updated)

    # --- reading ----------------------------------------------------------

    def _records(self) -> Sequence[Any]:
        edition = self.session.edition
        return paths.get(edition, self.list_path) if edition is not None else ()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        column = self.columns[index.column()]
        value = getattr(self.record(index.row()), column.field)
        if column.kind is Kind.FLAG:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(value, self.session.shown)
        if role == Qt.ItemDataRole.EditRole:
            return column.edit_text(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(column, column.display(value, self.session.shown))
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in (Kind.COUNT, Kind.NUMBER):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def tooltip(self, column: Column, shown: str) -> str | None:
        """A cell's tooltip: its whole text when it may be cut short (cells do
        not wrap, so that rows keep one height), what the column holds, and
        why it cannot be edited if so."""
        parts = [shown] if shown and column.kind in (Kind.TEXT, Kind.LINES) else []
        parts += [text for text in (column.tooltip, self.read_only_reason) if text]
        return "\n\n".join(parts) or None

    def writable(self) -> bool:
        return self.read_only_reason is None and not self.session.read_only

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].header
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.columns[section].tooltip or None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.writable():
            return flags
        if self.columns[index.column()].kind is Kind.FLAG:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def record(self, row: int) -> Any:
        """The record row ``row`` shows."""
        return self._rows[row]

    def field_path(self, row: int, column: int) -> FieldPath:
        return getattr(self.list_path[row], self.columns[column].field)

    # --- writing ----------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.writable():
            return False
        column = self.columns[index.column()]
        if column.kind is Kind.FLAG:
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        try:
            value = column.parse(value)
            self.session.set_value(
                self.field_path(index.row(), index.column()),
                value,
                f"Modifier « {column.header} » ({self.noun})",
            )
        except (edit.EditError, DateError) as error:
            self.refused.emit(index.sibling(index.row(), index.column()), f"{column.header} : {error}.")
            return False
        return True

    def insert_record(self, row: int) -> bool:
        edition = self.session.edition
        if edition is None or not self.writable():
            return False
        record = self.new_record(edition)
        return self.session.apply(
            f"Ajouter : {self.noun}", edit.insert_item(edition, self.list_path, row, record)
        )

    def remove_record(self, row: int) -> bool:
        edition = self.session.edition
        if edition is None or not self.writable() or not 0 <= row < len(self._rows):
            return False
        return self.session.apply(f"Supprimer : {self.noun}", edit.remove_item(edition, self.list_path, row))

    def move_record(self, row: int, target: int) -> bool:
        edition = self.session.edition
        if (
            edition is None
            or not self.writable()
            or not (0 <= row < len(self._rows) and 0 <= target < len(self._rows))
        ):
            return False
        return self.session.apply(
            f"Déplacer : {self.noun}", edit.move_item(edition, self.list_path, row, target)
        )

    # --- following the session --------------------------------------------

    def watched(self) -> tuple[FieldPath, ...]:
        """What the rows show: the list, and what else its cells read (a
        subclass adds the list its names come from, say)."""
        return (self.list_path,)

    def _edition_updated(self, update: EditionUpdate) -> None:
        if update.touches_path(*self.watched()):
            self._follow(update)

    def _follow(self, update: EditionUpdate) -> None:
        # Editions are replaced, never changed in place: comparing the records
        # shown with the new ones tells which rows need repainting.
        records = list(self._records())
        if len(records) != len(self._rows):
            self._recount(update, records)
            return
        shown, self._rows = self._rows, records
        if self._derived_columns() and records:
            # Computed cells may change on any row: one repaint of the whole
            # table (each dataChanged fits the columns to their cells again).
            self.dataChanged.emit(self.index(0, 0), self.index(len(records) - 1, self.columnCount() - 1))
            return
        last = self.columnCount() - 1
        for row, (before, after) in enumerate(zip(shown, records, strict=True)):
            if before != after:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def _recount(self, update: EditionUpdate, records: list[Any]) -> None:
        """Rows were added or removed: one row added or removed (a button, its
        undo) is said as such, so that the view keeps its selection and scroll;
        anything else resets the model."""
        added, removed = self._rows_changed(update)
        count, before = len(records), len(self._rows)
        if len(added) == 1 and not removed and count == before + 1:
            (row,) = added
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows = records
            self.endInsertRows()
        elif len(removed) == 1 and not added and count == before - 1:
            (row,) = removed
            self.beginRemoveRows(QModelIndex(), row, row)
            self._rows = records
            self.endRemoveRows()
        else:
            self.beginResetModel()
            self._rows = records
            self.endResetModel()
            return
        if count:  # the same step may have changed other rows, or computed cells
            self.dataChanged.emit(self.index(0, 0), self.index(count - 1, self.columnCount() - 1))

    def _rows_changed(self, update: EditionUpdate) -> tuple[set[int], set[int]]:
        """The rows of this list the update adds and removes (empty when it does not say)."""
        added: set[int] = set()
        removed: set[int] = set()
        if update.changes is None:
            return added, removed
        prefix = f"{self.list_path}["
        for change in update.changes:
            if change.kind != "changed" and change.path.startswith(prefix) and change.path.endswith("]"):
                index = change.path[len(prefix) : -1]
                if index.isdigit():
                    (added if change.kind == "added" else removed).add(int(index))
        return added, removed

    def _derived_columns(self) -> list[int]:
        """Columns computed from the whole edition, repainted after every change."""
        return []
