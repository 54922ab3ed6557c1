"""Governance events of the year: elections, resignations, arrivals, departures."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from avereport.model.edition import GovernanceEvent, SectionKind
from avereport.model.labels import EVENT_KIND_LABELS
from avereport.model.paths import EDITION
from avereport.ui.editors.base import SectionEditor
from avereport.ui.editors.governance_common import focus_record, record_table
from avereport.ui.session import DocumentSession
from avereport.ui.tables.columns import DATE_FORMS, Column, Kind, enum_choices
from avereport.ui.tables.record_model import RecordTableModel

EVENT_COLUMNS = [
    Column("date", "Date", Kind.DATE, f"Date de l'événement : {DATE_FORMS}", width=130),
    Column("kind", "Type", Kind.CHOICE, "Nature de l'événement", enum_choices(EVENT_KIND_LABELS), 140),
    Column("person", "Personne", Kind.TEXT, "Personne concernée, par exemple « Yohan David »", width=160),
    Column("role", "Fonction", Kind.TEXT, "Fonction concernée, par exemple « Président »", width=180),
    Column("description", "Description", Kind.TEXT, "Ce qui s'est passé, en une ou deux phrases"),
]


class EventsModel(RecordTableModel):
    def __init__(self, session: DocumentSession, parent=None) -> None:
        super().__init__(
            session,
            EDITION.governance.events,
            EVENT_COLUMNS,
            lambda edition: GovernanceEvent(),
            "événement",
            parent,
        )


class EventsEditor(SectionEditor):
    kind = SectionKind.GOVERNANCE_EVENTS

    def __init__(self, session: DocumentSession, section_key: str, parent: QWidget | None = None) -> None:
        super().__init__(session, section_key, parent)
        self.table = record_table(EventsModel(session, self))
        self.add_group("Événements de l'année", self.table)

    def focus_field(self, path: str) -> bool:
        return focus_record(self.table, path) or super().focus_field(path)
