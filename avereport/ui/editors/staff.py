"""The head-office team: who holds which post, arrivals, departures and
replacements.

A replacement points at the replaced person by id; removing someone clears
the replacements that name them, in the same undoable step.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem, QWidget

from avereport.model import edit
from avereport.model.edition import Edition, SectionKind, StaffMember
from avereport.model.paths import EDITION
from avereport.ui.editors.base import SectionEditor
from avereport.ui.editors.governance_common import focus_record, fresh_id, record_table
from avereport.ui.session import DocumentSession
from avereport.ui.tables.columns import DATE_FORMS, Column, Kind
from avereport.ui.tables.delegates import ColumnDelegate
from avereport.ui.tables.record_model import Index, RecordTableModel

STAFF_PATH = EDITION.governance.staff
NOBODY = "— (personne)"
REMOVE_WITH_REPLACEMENTS = "Supprimer un membre de l'équipe et les remplacements qui le citent"
SELF_REPLACEMENT = "une personne ne peut pas se remplacer elle-même"


def staff_choices(edition: Edition) -> Sequence[tuple[int | None, str]]:
    """ "Nobody" first, then the team by name."""
    team = [
        (member.id, member.name.strip() or f"Sans nom (ligne {line})")
        for line, member in enumerate(edition.governance.staff, start=1)
        if member.id is not None
    ]
    return [(None, NOBODY), *team]


STAFF_COLUMNS = [
    Column("name", "Nom", Kind.TEXT, "Prénom et nom", width=140),
    Column("role", "Fonction", Kind.TEXT, "Poste occupé", width=200),
    Column("start", "Arrivée", Kind.DATE, f"Arrivée : {DATE_FORMS} ; vide si ancienne", width=105),
    Column(
        "end",
        "Départ",
        Kind.DATE,
        f"Départ : {DATE_FORMS} ; vide si toujours en poste",
        width=105,
    ),
    Column(
        "replaces_id",
        "Remplace",
        Kind.CHOICE,
        "Personne de l'équipe remplacée, s'il y a lieu",
        staff_choices,
        130,
    ),
    Column("reason", "Motif", Kind.TEXT, "Motif du remplacement, par exemple « congé parental »"),
]
REPLACES_COLUMN = next(n for n, column in enumerate(STAFF_COLUMNS) if column.field == "replaces_id")


def without_staff_member(edition: Edition, row: int) -> tuple[Edition, int]:
    """The edition without the staff member at ``row``, nobody replacing them
    any more, and how many replacements were cleared."""
    staff_id = edition.governance.staff[row].id
    result = edition
    cleared = 0
    for index, member in enumerate(edition.governance.staff):
        if index != row and staff_id is not None and member.replaces_id == staff_id:
            result = edit.with_value(result, STAFF_PATH[index].replaces_id, None)
            cleared += 1
    return edit.remove_item(result, STAFF_PATH, row), cleared


class StaffModel(RecordTableModel):
    def __init__(self, session: DocumentSession, parent=None) -> None:
        super().__init__(
            session,
            STAFF_PATH,
            STAFF_COLUMNS,
            lambda edition: StaffMember(id=fresh_id(edition.governance.staff)),
            "membre de l'équipe",
            parent,
        )

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.isValid() and index.column() == REPLACES_COLUMN and value is not None:
            own = self.record(index.row()).id
            if own is not None and value == own:
                self.refused.emit(
                    index.sibling(index.row(), index.column()),
                    f"{STAFF_COLUMNS[REPLACES_COLUMN].header} : {SELF_REPLACEMENT}.",
                )
                return False
        return super().setData(index, value, role)

    def remove_record(self, row: int) -> bool:
        edition = self.session.edition
        if edition is None or self.session.read_only or not 0 <= row < self.rowCount():
            return False
        result, cleared = without_staff_member(edition, row)
        if not cleared:
            return super().remove_record(row)
        return self.session.apply(REMOVE_WITH_REPLACEMENTS, result)


class ReplacesDelegate(ColumnDelegate):
    """Offers everyone but the row's own person."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        box = super().createEditor(parent, option, index)
        own = self.session.edition.governance.staff[index.row()].id
        if isinstance(box, QComboBox) and own is not None and (position := box.findData(own)) > 0:
            box.removeItem(position)
        return box


class StaffEditor(SectionEditor):
    kind = SectionKind.STAFF

    def __init__(self, session: DocumentSession, section_key: str, parent: QWidget | None = None) -> None:
        super().__init__(session, section_key, parent)
        self.table = record_table(StaffModel(session, self))
        self.replaces_delegate = ReplacesDelegate(STAFF_COLUMNS[REPLACES_COLUMN], session, self.table.view)
        self.table.view.setItemDelegateForColumn(REPLACES_COLUMN, self.replaces_delegate)
        self.add_group("Équipe de la tête de réseau", self.table)

    def focus_field(self, path: str) -> bool:
        return focus_record(self.table, path) or super().focus_field(path)
