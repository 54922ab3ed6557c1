"""Record tables with live computed columns: the membership groups and the
categories of one group, each shown beside its total, its check and its
change against the previous edition.

Computed cells are read-only; they are recomputed with
:mod:`avereport.model.compute` whenever the shown edition changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from avereport.model import edit
from avereport.model.edition import Edition
from avereport.model.paths import EDITION, FieldPath
from avereport.model.update import EditionUpdate
from avereport.ui.session import DocumentSession
from avereport.ui.tables.columns import Column
from avereport.ui.tables.record_model import RecordTableModel

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")

ALARM_COLOUR = QColor("#a4262c")
RETIRED_COLOUR = QColor("#7a7a7a")
RETIRED_TIP = "Retiré : gardé pour mémoire, ni affiché dans le rapport ni compté."
_NOT_YET = object()


class Computed(Generic[T]):
    """A result computed from the shown edition and the previous one, kept
    until the shown edition changes (every edit makes a new Edition object)."""

    def __init__(self, session: DocumentSession, compute: Callable[[Edition, Edition | None], T]) -> None:
        self.session = session
        self.compute = compute
        self._edition: object = _NOT_YET
        self._previous: Edition | None = None
        self._value: T

    def __call__(self) -> T:
        edition = self.session.shown
        if edition is not self._edition:
            self._previous = self.session.previous()
            self._value = self.compute(edition, self._previous)
            self._edition = edition
        return self._value

    @property
    def previous_year(self) -> int | None:
        self()
        return self._previous.year if self._previous is not None else None


@dataclass(frozen=True)
class Shown:
    """What a computed cell shows; ``alarm`` marks a figure that does not add up."""

    text: str
    tooltip: str = ""
    alarm: bool = False


@dataclass(frozen=True)
class Derived:
    """A read-only computed column: ``show(record)`` gives the cell."""

    header: str
    tooltip: str
    show: Callable[[Any], Shown]


class ComputedColumnsModel(RecordTableModel):
    """A record table whose field columns are followed by computed columns.

    Records with a true ``retired`` field are greyed: they stay in the edition
    for reference only.
    """

    def __init__(
        self,
        session: DocumentSession,
        list_path: edit.Path,
        columns: list[Column],
        new_record: Callable[[Edition], Any],
        noun: str,
        derived: list[Derived],
        parent=None,
    ) -> None:
        self.derived = derived
        # What each computed cell shows, worked out once per edition rather
        # than for each of the roles a view asks for when painting.
        self._cells: dict[tuple[int, int], Shown] = {}
        super().__init__(session, list_path, columns, new_record, noun, parent)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns) + len(self.derived)

    def _derived_at(self, column: int) -> Derived | None:
        offset = column - len(self.columns)
        return self.derived[offset] if 0 <= offset < len(self.derived) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self.rowCount():
            return None
        record = self.record(index.row())
        retired = bool(getattr(record, "retired", False))
        derived = self._derived_at(index.column())
        if derived is None:
            if role == Qt.ItemDataRole.ForegroundRole and retired:
                return QBrush(RETIRED_COLOUR)
            if role == Qt.ItemDataRole.ToolTipRole and retired:
                return RETIRED_TIP
            return super().data(index, role)
        shown = self._cells.get((index.row(), index.column()))
        if shown is None:
            shown = self._cells[index.row(), index.column()] = derived.show(record)
        if role == Qt.ItemDataRole.DisplayRole:
            return shown.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return shown.tooltip or derived.tooltip
        if role == Qt.ItemDataRole.ForegroundRole:
            if shown.alarm:
                return QBrush(ALARM_COLOUR)
            return QBrush(RETIRED_COLOUR) if retired else None
        if role == Qt.ItemDataRole.FontRole and shown.alarm:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        derived = self._derived_at(section) if orientation == Qt.Orientation.Horizontal else None
        if derived is None:
            return super().headerData(section, orientation, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return derived.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return derived.tooltip
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.isValid() and self._derived_at(index.column()) is not None:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return super().flags(index)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.isValid() and self._derived_at(index.column()) is not None:
            return False
        return super().setData(index, value, role)

    def watched(self) -> tuple[FieldPath, ...]:
        # The computed cells sum up the membership (and its declared totals).
        return (EDITION.membership,)

    def _follow(self, update: EditionUpdate) -> None:
        self._cells.clear()
        super()._follow(update)

    def _derived_columns(self) -> list[int]:
        return list(range(len(self.columns), self.columnCount()))


class CategoriesModel(ComputedColumnsModel):
    """The categories of one membership group, followed by the group's key so
    that moving groups (or undoing their removal) keeps showing the same one."""

    def __init__(
        self,
        session: DocumentSession,
        columns: list[Column],
        new_record: Callable[[Edition], Any],
        derived: list[Derived],
        parent=None,
    ) -> None:
        edition = session.edition
        self.group_key: str | None = (
            edition.membership.groups[0].key if edition and edition.membership.groups else None
        )
        super().__init__(
            session,
            EDITION.membership.groups[0].categories,
            columns,
            new_record,
            "catégorie",
            derived,
            parent,
        )

    def group_index(self) -> int | None:
        edition = self.session.edition
        if edition is None or self.group_key is None:
            return None
        return next((i for i, g in enumerate(edition.membership.groups) if g.key == self.group_key), None)

    def _path(self) -> FieldPath:
        index = self.group_index()
        return EDITION.membership.groups[index if index is not None else 0].categories

    def _records(self) -> Sequence[Any]:
        index = self.group_index()
        return () if index is None else self.session.shown.membership.groups[index].categories

    def show_group(self, key: str | None) -> None:
        self.beginResetModel()
        self._cells.clear()
        self.group_key = key
        self.list_path = self._path()
        self._rows = list(self._records())
        self.endResetModel()

    def insert_record(self, row: int) -> bool:
        return self.group_index() is not None and super().insert_record(row)

    def _follow(self, update: EditionUpdate) -> None:
        self.list_path = self._path()
        super()._follow(update)
