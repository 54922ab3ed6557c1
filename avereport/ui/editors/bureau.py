"""The bureau: which board member holds which role, since when."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QWidget

from avereport.model.edition import BureauRole, Edition, SectionKind
from avereport.model.paths import EDITION, FieldPath
from avereport.ui.editors.base import SectionEditor
from avereport.ui.editors.governance_common import focus_record, record_table
from avereport.ui.session import DocumentSession
from avereport.ui.tables.columns import DATE_FORMS, Column, Kind
from avereport.ui.tables.record_model import RecordTableModel

BUREAU_PATH = EDITION.governance.bureau
EMPTY_BOARD = "le conseil d'administration est vide ; ajoutez d'abord ses membres dans la section « Conseil d'administration »."


def member_name(first_name: str, surname: str) -> str:
    """ "Prénom NOM", as the report lists people."""
    return " ".join(part for part in (first_name.strip(), surname.strip().upper()) if part)


def member_choices(edition: Edition) -> Sequence[tuple[int, str]]:
    return [
        (member.id, member_name(member.first_name, member.surname) or f"Sans nom (ligne {line} du conseil)")
        for line, member in enumerate(edition.governance.board, start=1)
        if member.id is not None
    ]


BUREAU_COLUMNS = [
    Column("member_id", "Membre", Kind.CHOICE, "Administrateur qui occupe la fonction", member_choices, 220),
    Column("role", "Fonction", Kind.TEXT, "Fonction au bureau, par exemple « Trésorière »", width=220),
    Column("since", "Depuis", Kind.DATE, f"Prise de fonction : {DATE_FORMS} ; vide si inconnue"),
]


def _first_member(edition: Edition) -> int | None:
    return next((member.id for member in edition.governance.board if member.id is not None), None)


def _new_role(edition: Edition) -> BureauRole:
    member_id = _first_member(edition)
    # BureauModel.insert_record refuses a new role while the board is empty.
    assert member_id is not None
    return BureauRole(member_id=member_id, role="")


class BureauModel(RecordTableModel):
    def __init__(self, session: DocumentSession, parent=None) -> None:
        super().__init__(
            session,
            BUREAU_PATH,
            BUREAU_COLUMNS,
            _new_role,
            "fonction au bureau",
            parent,
        )

    def watched(self) -> tuple[FieldPath, ...]:
        return (BUREAU_PATH, EDITION.governance.board)  # members are shown by their names

    def insert_record(self, row: int) -> bool:
        edition = self.session.edition
        if edition is not None and not self.session.read_only and _first_member(edition) is None:
            self.refused.emit(QModelIndex(), f"Bureau : {EMPTY_BOARD}")
            return False
        return super().insert_record(row)


class BureauEditor(SectionEditor):
    kind = SectionKind.BUREAU

    def __init__(self, session: DocumentSession, section_key: str, parent: QWidget | None = None) -> None:
        super().__init__(session, section_key, parent)
        self.table = record_table(BureauModel(session, self))
        self.add_group("Membres du bureau", self.table)

    def focus_field(self, path: str) -> bool:
        return focus_record(self.table, path) or super().focus_field(path)
