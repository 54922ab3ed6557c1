"""The board of directors: the mandate and the members.

Bureau roles point at board members by id, so removing a member also
removes the roles they held, in the same undoable step.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from avereport.model import edit
from avereport.model.edition import BoardMember, Edition, SectionKind
from avereport.model.paths import EDITION
from avereport.ui.editors.base import SectionEditor
from avereport.ui.editors.governance_common import focus_record, fresh_id, record_table, region_choices
from avereport.ui.forms import FieldForm
from avereport.ui.session import DocumentSession
from avereport.ui.tables.columns import Column, Kind
from avereport.ui.tables.record_model import RecordTableModel

BOARD_PATH = EDITION.governance.board
BUREAU_PATH = EDITION.governance.bureau
MANDATE_FIELD_WIDTH = 260
REMOVE_WITH_ROLES = "Supprimer un administrateur et ses fonctions au bureau"

BOARD_COLUMNS = [
    Column(
        "region",
        "Région",
        Kind.CHOICE,
        "Région de l'administrateur ; « aucune » pour une personnalité nationale",
        region_choices,
        185,
    ),
    Column("surname", "Nom", Kind.TEXT, "Nom de famille", width=130),
    Column("first_name", "Prénom", Kind.TEXT, "Prénom", width=110),
    Column("college", "Collège", Kind.TEXT, "Collège, par exemple « Personnalité qualifiée »", width=130),
    Column(
        "functions",
        "Fonctions",
        Kind.LINES,
        "Mandats et fonctions de l'administrateur, une fonction par ligne",
        width=300,
    ),
]


def without_board_member(edition: Edition, row: int) -> tuple[Edition, int]:
    """The edition without the board member at ``row`` nor their bureau roles,
    and how many roles went with them."""
    member_id = edition.governance.board[row].id
    bureau = edition.governance.bureau
    roles = [i for i, role in enumerate(bureau) if member_id is not None and role.member_id == member_id]
    result = edit.remove_item(edition, BOARD_PATH, row)
    for index in reversed(roles):
        result = edit.remove_item(result, BUREAU_PATH, index)
    return result, len(roles)


class BoardModel(RecordTableModel):
    def __init__(self, session: DocumentSession, parent=None) -> None:
        super().__init__(
            session,
            BOARD_PATH,
            BOARD_COLUMNS,
            lambda edition: BoardMember(id=fresh_id(edition.governance.board)),
            "administrateur",
            parent,
        )

    def remove_record(self, row: int) -> bool:
        edition = self.session.edition
        if edition is None or self.session.read_only or not 0 <= row < self.rowCount():
            return False
        result, roles = without_board_member(edition, row)
        if not roles:
            return super().remove_record(row)
        return self.session.apply(REMOVE_WITH_ROLES, result)


class BoardEditor(SectionEditor):
    kind = SectionKind.BOARD

    def __init__(self, session: DocumentSession, section_key: str, parent: QWidget | None = None) -> None:
        super().__init__(session, section_key, parent)
        self.mandate = FieldForm(session)
        for path, label, kind, tip in (
            (
                EDITION.governance.mandate_years,
                "Durée du mandat (années)",
                Kind.COUNT,
                "Durée du mandat, en années",
            ),
            (
                EDITION.governance.mandate_end,
                "Fin du mandat",
                Kind.DATE,
                "Fin du mandat",  # the form adds how a date is written
            ),
        ):
            self.mandate.add(path, label, kind, tip).setMaximumWidth(MANDATE_FIELD_WIDTH)
        self.add_group("Mandat", self.mandate)
        self.table = record_table(BoardModel(session, self))
        self.add_group("Membres du conseil d'administration", self.table)

    def focus_field(self, path: str) -> bool:
        return self.mandate.focus_field(path) or focus_record(self.table, path) or super().focus_field(path)
