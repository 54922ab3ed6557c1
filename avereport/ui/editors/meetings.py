"""Meetings of the governing bodies: boards, general assemblies, seminars."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from avereport.model.edition import Meeting, SectionKind
from avereport.model.labels import MEETING_KIND_LABELS
from avereport.model.paths import EDITION
from avereport.ui.editors.base import SectionEditor
from avereport.ui.editors.governance_common import focus_record, record_table
from avereport.ui.session import DocumentSession
from avereport.ui.tables.columns import DATE_FORMS, Column, Kind, enum_choices
from avereport.ui.tables.record_model import RecordTableModel

MEETING_COLUMNS = [
    Column("kind", "Instance", Kind.CHOICE, "Instance réunie", enum_choices(MEETING_KIND_LABELS), 200),
    Column("date", "Date", Kind.DATE, f"Date de la réunion : {DATE_FORMS}", width=150),
    Column("place", "Lieu", Kind.TEXT, "Lieu de la réunion, vide si sans objet", width=180),
    Column(
        "label", "Intitulé", Kind.TEXT, "Intitulé particulier, par exemple « Séminaire de travail des élus »"
    ),
]


class MeetingsModel(RecordTableModel):
    def __init__(self, session: DocumentSession, parent=None) -> None:
        super().__init__(
            session,
            EDITION.governance.meetings,
            MEETING_COLUMNS,
            lambda edition: Meeting(),
            "réunion",
            parent,
        )


class MeetingsEditor(SectionEditor):
    kind = SectionKind.MEETINGS

    def __init__(self, session: DocumentSession, section_key: str, parent: QWidget | None = None) -> None:
        super().__init__(session, section_key, parent)
        self.table = record_table(MeetingsModel(session, self))
        self.add_group("Réunions de l'année", self.table)

    def focus_field(self, path: str) -> bool:
        return focus_record(self.table, path) or super().focus_field(path)
