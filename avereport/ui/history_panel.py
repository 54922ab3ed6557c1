"""The « Historique » panel: the document's recorded changes, newest first,
filtered by section and by person."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import babel.dates
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from avereport.errors import UserError
from avereport.model import fmt
from avereport.model.diff import EDITION_LABEL
from avereport.model.edition import SectionKind
from avereport.model.labels import SECTION_KIND_LABELS
from avereport.model.update import EditionUpdate
from avereport.store.history import GENERAL, HistoryEntry
from avereport.ui.session import DocumentSession

LIMIT = 500
REFRESH_DELAY_MS = 400
GENERAL_LABEL = "Général"
_VALUE_LENGTH = 120
MAX_COLUMN_WIDTH = 280

HEADERS = (
    "Date",
    "Personne",
    "Édition",
    "Partie",
    "Élément",
    "Champ",
    "Ancienne valeur",
    "Nouvelle valeur",
    "Origine",
)


def section_label(section: SectionKind | None) -> str:
    return GENERAL_LABEL if section is None else SECTION_KIND_LABELS[section]


def local_time(at: str) -> str:
    """A UTC ISO 8601 time as the user's local time, in French."""
    moment = dt.datetime.fromisoformat(at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return babel.dates.format_datetime(moment.astimezone(), "d MMM y 'à' HH:mm:ss", locale=fmt.LOCALE)


# Fields holding a year (« year », « compare_year »…): written 2022, never « 2 022 ».
YEAR_PATH = re.compile(r"(?:^|[._])year$")


def holds_year(entry: HistoryEntry) -> bool:
    return entry.field_label == EDITION_LABEL or bool(YEAR_PATH.search(entry.path))


def describe_value(value: Any, year: bool = False) -> str:
    """A plain stored value (``codec.to_plain``) as a short French text;
    ``year``: the value is a year, shown without grouping."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if year and isinstance(value, int):
        return str(value)
    if isinstance(value, (int, float)):
        return fmt.number(value)
    if isinstance(value, str):
        text = value
    else:
        text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _VALUE_LENGTH else text[: _VALUE_LENGTH - 1] + "…"


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[HistoryEntry] = []

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        entry = self.entries[index.row()]
        text = self._text(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return text or None
        return text

    @staticmethod
    def _text(entry: HistoryEntry, column: int) -> str:
        return (
            local_time(entry.at),
            entry.author,
            str(entry.year),
            section_label(entry.section),
            entry.record_label,
            entry.field_label,
            describe_value(entry.old, holds_year(entry)),
            describe_value(entry.new, holds_year(entry)),
            entry.origin,
        )[column]


class HistoryPanel(QWidget):
    """Follows ``session``: refreshed after edits (grouped) and on demand."""

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = HistoryModel(self)

        self.section_box = QComboBox()
        self.section_box.setToolTip("N'afficher que les modifications d'une partie du rapport")
        self.section_box.addItem("Toutes les parties", None)
        self.section_box.addItem(GENERAL_LABEL, GENERAL)
        for kind, label in SECTION_KIND_LABELS.items():
            self.section_box.addItem(label, str(kind))
        self.person_box = QComboBox()
        self.person_box.setToolTip("N'afficher que les modifications d'une personne")
        self.person_box.setMinimumContentsLength(12)
        self.refresh_button = QPushButton("Actualiser")
        self.refresh_button.setToolTip("Relire l'historique dans le document")
        self.count_label = QLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)

        filters = QHBoxLayout()
        filters.addWidget(QLabel("Partie :"))
        filters.addWidget(self.section_box)
        filters.addWidget(QLabel("Personne :"))
        filters.addWidget(self.person_box)
        filters.addWidget(self.refresh_button)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        session.edition_updated.connect(self._edition_updated)
        session.years_changed.connect(lambda _years: self.timer.start())
        self.section_box.activated.connect(lambda _index: self.refresh())
        self.person_box.activated.connect(lambda _index: self.refresh())
        self.refresh_button.clicked.connect(self.refresh)
        self.refresh()

    def _edition_updated(self, update: EditionUpdate) -> None:
        # Each write adds history lines: read again, unless they are all of
        # parts the filter hides.
        section = self.section_box.currentData()
        if section is None or update.touches(None if section == GENERAL else SectionKind(section)):
            self.timer.start()

    def refresh(self) -> None:
        self.timer.stop()
        try:
            self._fill_people(self.session.document.history_authors())
            entries = self.session.document.history(
                self.section_box.currentData(), self.person_box.currentData(), limit=LIMIT
            )
        except UserError as error:
            self.count_label.setText("Historique illisible")
            self.count_label.setToolTip(str(error))
            return
        self.model.set_entries(entries)
        self.count_label.setToolTip("")
        if len(entries) >= LIMIT:
            self.count_label.setText(f"Les {LIMIT} dernières modifications")
        else:
            self.count_label.setText(f"{len(entries)} modification{'s' if len(entries) > 1 else ''}")
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(len(HEADERS)):
            header.resizeSection(column, min(header.sectionSize(column), MAX_COLUMN_WIDTH))

    def choose_section(self, section: str | None) -> None:
        """Filter by ``section`` (a ``SectionKind``, ``GENERAL`` or None for all)."""
        self.section_box.setCurrentIndex(self.section_box.findData(section))
        self.refresh()

    def choose_person(self, author: str | None) -> None:
        self.person_box.setCurrentIndex(self.person_box.findData(author))
        self.refresh()

    def _fill_people(self, authors: list[str]) -> None:
        chosen = self.person_box.currentData()
        self.person_box.clear()
        self.person_box.addItem("Tout le monde", None)
        for name in authors:
            self.person_box.addItem(name or "(sans nom)", name)
        index = self.person_box.findData(chosen)
        self.person_box.setCurrentIndex(max(index, 0))
