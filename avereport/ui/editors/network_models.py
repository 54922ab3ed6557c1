"""Fixed grids over the network figures: one row per kind of structure
(coverage) or per region (map counts).

Rows always exist, whether or not the edition holds an entry for them:
typing in a cell creates the entry, and for the map counts emptying a cell
removes it. Every change is one undoable step through the session; a refused
value is announced with ``refused`` and nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from avereport.model import edit
from avereport.model.dates import DateError
from avereport.model.edition import Coverage, NetworkKind, RegionCount
from avereport.model.labels import NETWORK_KIND_LABELS
from avereport.model.paths import EDITION, FieldPath
from avereport.model.regions import Region
from avereport.model.update import EditionUpdate
from avereport.ui.editors.membership_models import ALARM_COLOUR, Derived
from avereport.ui.session import DocumentSession
from avereport.ui.tables.columns import DATE_FORMS, Column, Kind
from avereport.ui.tables.delegates import ColumnDelegate

Index = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
NOT_APPLICABLE_COLOUR = QColor("#e6e6e6")

# Headers are broken on two lines to keep the grid narrow; messages join them.
COVERAGE_COLUMNS = {
    "total": Column(
        "total", "Nombre\nen France", Kind.COUNT, "Nombre de structures de ce type recensées en France"
    ),
    "members": Column("members", "Adhérents", Kind.COUNT, "Combien d'entre elles adhèrent à l'association"),
    "grouped_plie": Column(
        "grouped_plie",
        "PLIE\nregroupés",
        Kind.COUNT,
        "Nombre de PLIE que les organismes intermédiaires regroupent",
    ),
    "as_of": Column("as_of", "Décompte\nau", Kind.DATE, f"Date du décompte : {DATE_FORMS}"),
    "map_date": Column(
        "map_date", "Date de\nla carte", Kind.DATE, f"Date de la carte par région : {DATE_FORMS}"
    ),
}
ROW_LABELS = {
    NetworkKind.PLIE: "PLIE",
    NetworkKind.MDE: "Maisons de l'Emploi",
    NetworkKind.OI: "Organismes\nintermédiaires pivots",
}
# Fields that only make sense for some kinds (see Coverage's docstring).
APPLIES_TO = {
    "members": {NetworkKind.PLIE, NetworkKind.MDE},
    "grouped_plie": {NetworkKind.OI},
}


def one_line(text: str) -> str:
    return " ".join(text.split())


class GridModel(QAbstractTableModel):
    """Fixed rows; editable ``columns`` first, then read-only ``derived`` ones
    whose ``show`` receives the row's key (a kind or a region)."""

    refused = Signal(QModelIndex, str)
    """A value was refused; carries the cell and the French reason."""

    def __init__(
        self,
        session: DocumentSession,
        rows: Sequence[Any],
        columns: list[Column],
        derived: list[Derived],
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.rows = list(rows)
        self.columns = columns
        self.derived = derived
        session.edition_updated.connect(self._edition_updated)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns) + len(self.derived)

    def row_label(self, row: Any) -> str:
        raise NotImplementedError

    def editable(self, row: Any, column: Column) -> bool:
        return True

    def value(self, row: Any, column: Column) -> Any:
        raise NotImplementedError

    def write(self, row: Any, column: Column, value: Any) -> None:
        """Write a parsed value; raises EditError or DateError (French)."""
        raise NotImplementedError

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows) or index.column() >= self.columnCount():
            return None
        row = self.rows[index.row()]
        if index.column() >= len(self.columns):
            derived = self.derived[index.column() - len(self.columns)]
            shown = derived.show(row)
            if role == Qt.ItemDataRole.DisplayRole:
                return shown.text
            if role == Qt.ItemDataRole.ToolTipRole:
                return shown.tooltip or derived.tooltip
            if role == Qt.ItemDataRole.ForegroundRole and shown.alarm:
                return QBrush(ALARM_COLOUR)
            if role == Qt.ItemDataRole.FontRole and shown.alarm:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return RIGHT
            return None
        column = self.columns[index.column()]
        if not self.editable(row, column):
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(NOT_APPLICABLE_COLOUR)
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"Sans objet pour : {one_line(self.row_label(row))}"
            return None
        value = self.value(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(value, self.session.shown)
        if role == Qt.ItemDataRole.EditRole:
            return column.edit_text(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{one_line(column.header)} — {one_line(self.row_label(row))}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in (Kind.COUNT, Kind.NUMBER):
            return RIGHT
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if 0 <= section < len(self.rows) and role == Qt.ItemDataRole.DisplayRole:
                return self.row_label(self.rows[section])
            return None
        if not 0 <= section < self.columnCount():
            return None
        if section < len(self.columns):
            header, tip = self.columns[section].header, self.columns[section].tooltip
        else:
            derived = self.derived[section - len(self.columns)]
            header, tip = derived.header, derived.tooltip
        if role == Qt.ItemDataRole.DisplayRole:
            return header
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() >= len(self.columns) or self.session.read_only:
            return flags
        if not self.editable(self.rows[index.row()], self.columns[index.column()]):
            return Qt.ItemFlag.ItemIsEnabled
        return flags | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not (self.flags(index) & Qt.ItemFlag.ItemIsEditable) or role != Qt.ItemDataRole.EditRole:
            return False
        row, column = self.rows[index.row()], self.columns[index.column()]
        try:
            self.write(row, column, column.parse(value))
        except (edit.EditError, DateError) as error:
            self.refused.emit(
                index.sibling(index.row(), index.column()),
                f"{one_line(column.header)} ({one_line(self.row_label(row))}) : {error}.",
            )
            return False
        return True

    def watched(self) -> tuple[FieldPath, ...]:
        """What the cells show (the derived ones may read further)."""
        return (EDITION.network,)

    def _edition_updated(self, update: EditionUpdate) -> None:
        if self.rows and update.touches_path(*self.watched()):
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1))


class CoverageModel(GridModel):
    """One row per kind of structure; a kind the edition lacks is created by
    typing its first figure."""

    def __init__(
        self,
        session: DocumentSession,
        fields: Sequence[str],
        derived: list[Derived],
        kinds: Sequence[NetworkKind] = tuple(NetworkKind),
        parent=None,
    ) -> None:
        super().__init__(session, kinds, [COVERAGE_COLUMNS[f] for f in fields], derived, parent)

    def watched(self) -> tuple[FieldPath, ...]:
        # Members counted from the membership categories are shown beside the declared ones.
        return (EDITION.network, EDITION.membership)

    def row_label(self, row: NetworkKind) -> str:
        return ROW_LABELS[row]

    def editable(self, row: NetworkKind, column: Column) -> bool:
        return row in APPLIES_TO.get(column.field, set(NetworkKind))

    def entry_index(self, kind: NetworkKind) -> int | None:
        return next((i for i, c in enumerate(self.session.shown.network.coverage) if c.kind is kind), None)

    def value(self, row: NetworkKind, column: Column) -> Any:
        index = self.entry_index(row)
        return None if index is None else getattr(self.session.shown.network.coverage[index], column.field)

    def write(self, row: NetworkKind, column: Column, value: Any) -> None:
        edition = self.session.shown
        text = f"Modifier « {one_line(column.header)} » ({NETWORK_KIND_LABELS[row]})"
        index = self.entry_index(row)
        if index is not None:
            self.session.set_value(getattr(EDITION.network.coverage[index], column.field), value, text)
            return
        if value is None:
            return
        kinds = list(NetworkKind)
        position = sum(1 for c in edition.network.coverage if kinds.index(c.kind) < kinds.index(row))
        created = edit.insert_item(edition, EDITION.network.coverage, position, Coverage(kind=row))
        self.session.apply(
            text, edit.with_value(created, getattr(EDITION.network.coverage[position], column.field), value)
        )


class RegionCountsModel(GridModel):
    """One row per region, one count column per kind; an empty cell means the
    edition holds no entry for that region and kind."""

    def __init__(
        self, session: DocumentSession, kinds: Sequence[NetworkKind], derived: list[Derived], parent=None
    ) -> None:
        columns = [
            Column(
                kind.value,
                kind.name,
                Kind.COUNT,
                f"Nombre de {NETWORK_KIND_LABELS[kind]} de la région ; vide si aucun",
            )
            for kind in kinds
        ]
        self._counted: tuple[tuple[RegionCount, ...] | None, dict[NetworkKind, dict[Region, int]]] = (
            None,
            {},
        )
        super().__init__(session, list(Region), columns, derived, parent)

    def row_label(self, row: Region) -> str:
        return row.label

    def kind_of(self, column: Column) -> NetworkKind:
        return NetworkKind(column.field)

    def counts(self, kind: NetworkKind) -> dict[Region, int]:
        """The counts by region as the report adds them up (worked out once
        per list of entries, not for each cell and role a view asks for)."""
        entries = self.session.shown.network.region_counts
        if self._counted[0] is not entries:
            self._counted = (entries, {})
        counts = self._counted[1].get(kind)
        if counts is None:
            counts = self._counted[1][kind] = {}
            for entry in entries:
                if entry.kind is kind:
                    counts[entry.region] = counts.get(entry.region, 0) + entry.count
        return counts

    def value(self, row: Region, column: Column) -> Any:
        return self.counts(self.kind_of(column)).get(row)

    def write(self, row: Region, column: Column, value: Any) -> None:
        kind = self.kind_of(column)
        count = edit.coerce(int, value, optional=True)
        edition = self.session.shown
        entries = edition.network.region_counts
        matching = [i for i, e in enumerate(entries) if e.kind is kind and e.region is row]
        if (count is None and not matching) or (len(matching) == 1 and entries[matching[0]].count == count):
            return
        label = f"{NETWORK_KIND_LABELS[kind]} en {row.label}"
        if len(matching) == 1 and count is not None:
            self.session.set_value(
                EDITION.network.region_counts[matching[0]].count, count, f"Modifier : {label}"
            )
            return
        kept = [e for i, e in enumerate(entries) if i not in matching]
        if count is not None:
            kept.insert(self._position(kept, kind, row), RegionCount(kind=kind, region=row, count=count))
        result = edit.with_value(edition, EDITION.network.region_counts, kept)
        action = "Retirer" if count is None else "Modifier" if matching else "Ajouter"
        self.session.apply(f"{action} : {label}", result)

    @staticmethod
    def _position(entries: list[RegionCount], kind: NetworkKind, region: Region) -> int:
        """Where an entry goes to keep the list by kind, then by region."""
        kinds, regions = list(NetworkKind), list(Region)
        key = (kinds.index(kind), regions.index(region))
        return sum(1 for e in entries if (kinds.index(e.kind), regions.index(e.region)) < key)


class GridTable(QWidget):
    """A fixed grid with its cell editors and the French refusal message in place."""

    def __init__(self, model: GridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        # Sized to their contents by ``fit``, not by the headers' own
        # ResizeToContents mode, which measures every cell after each edit
        # even while the grid is out of sight.
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.horizontalHeader().setMinimumSectionSize(72)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._delegates = []
        for number, column in enumerate(model.columns):
            delegate = ColumnDelegate(column, model.session, self.view)
            self._delegates.append(delegate)
            self.view.setItemDelegateForColumn(number, delegate)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a4262c;")
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        model.refused.connect(self.show_refusal)
        model.dataChanged.connect(self.message.hide)
        model.dataChanged.connect(self._data_changed)
        self._fit_when_shown = False
        self.fit()

    def _data_changed(self) -> None:
        # Measuring every cell is the dearest part of following an edit: a
        # grid out of sight (another section's editor) waits to be shown.
        if self.isVisible():
            self.fit()
        else:
            self._fit_when_shown = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._fit_when_shown:
            self._fit_when_shown = False
            self.fit()
        super().showEvent(event)

    def fit(self) -> None:
        """Size the view to show every row and column: the grids are small and
        fixed, so the editor scrolls as a whole instead of the grid."""
        self.view.resizeColumnsToContents()
        self.view.resizeRowsToContents()
        rows = self.view.verticalHeader()
        height = self.view.horizontalHeader().sizeHint().height() + 2 * self.view.frameWidth()
        height += sum(self.view.rowHeight(r) for r in range(self.model.rowCount()))
        width = rows.sizeHint().width() + 2 * self.view.frameWidth()
        width += sum(self.view.columnWidth(c) for c in range(self.model.columnCount()))
        self.view.setFixedSize(width, height)

    def select(self, row: int, column: int) -> None:
        index = self.model.index(row, column)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus()

    def show_refusal(self, index: QModelIndex, message: str) -> None:
        self.message.setText(f"Valeur refusée — {message} Rien n'a été enregistré.")
        self.message.show()
        self.view.setCurrentIndex(index)
