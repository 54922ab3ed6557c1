"""User clubs of the follow-up software: name, software, audience, meetings."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from avereport.model import fmt
from avereport.model.compute import club_lines
from avereport.model.edition import Edition, SectionKind, UserClub
from avereport.model.paths import EDITION
from avereport.ui.editors.activity_common import (
    ComputedColumn,
    ComputedRecordModel,
    focus_table,
    numbered_name,
    record_table,
)
from avereport.ui.editors.base import SectionEditor
from avereport.ui.session import DocumentSession
from avereport.ui.tables.columns import Column, Kind


def meeting_deltas(session: DocumentSession) -> list[str]:
    """Meetings against last year's, for clubs of the same name: "(+1)", "(=)"."""
    return [fmt.delta(line.delta) for line in club_lines(session.shown, session.previous())]


COLUMNS = [
    Column("name", "Club", tooltip="Nom du club utilisateurs", width=150),
    Column(
        "software", "Logiciel", tooltip="Logiciel de suivi dont le club réunit les utilisateurs", width=120
    ),
    Column("audience", "Public", tooltip="À qui s'adresse le club"),
    Column(
        "meetings",
        "Réunions",
        Kind.COUNT,
        "Nombre de réunions du club dans l'année, vide si inconnu",
        width=80,
    ),
    ComputedColumn(
        "meetings_delta",
        "Écart",
        Kind.COUNT,
        "Écart avec le nombre de réunions de l'année précédente (club du même nom)",
        width=60,
        texts=meeting_deltas,
    ),
]


def new_club(edition: Edition) -> UserClub:
    return UserClub(name=numbered_name("Nouveau club", {c.name for c in edition.training.clubs}))


class ClubsEditor(SectionEditor):
    kind = SectionKind.CLUBS

    def __init__(self, session: DocumentSession, section_key: str, parent: QWidget | None = None) -> None:
        super().__init__(session, section_key, parent)
        model = ComputedRecordModel(
            session, EDITION.training.clubs, COLUMNS, new_club, "club utilisateurs", self
        )
        self.clubs = record_table(model, stretch="audience")
        self.add_group("Clubs utilisateurs", self.clubs)

    def focus_field(self, path: str) -> bool:
        return focus_table(self.clubs, path) or super().focus_field(path)
