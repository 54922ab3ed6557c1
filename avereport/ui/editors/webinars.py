"""Webinars of the year: date, title, partner and participants."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from avereport.model.edition import Edition, SectionKind, Webinar
from avereport.model.paths import EDITION
from avereport.ui.editors.activity_common import QUALIFIER_CHOICES, QUALIFIER_TIP, focus_table, record_table
from avereport.ui.editors.base import SectionEditor
from avereport.ui.session import DocumentSession
from avereport.ui.tables.columns import DATE_FORMS, Column, Kind
from avereport.ui.tables.record_model import RecordTableModel

COLUMNS = [
    Column("date", "Date", Kind.DATE, f"Date du webinaire : {DATE_FORMS}", width=120),
    Column("title", "Titre", tooltip="Sujet du webinaire"),
    Column(
        "partner",
        "Partenaire",
        tooltip="Partenaire qui a animé ou coorganisé le webinaire (facultatif)",
        width=160,
    ),
    Column("participants", "Participants", Kind.COUNT, "Nombre de participants, vide si inconnu", width=90),
    Column("qualifier", "Précision", Kind.CHOICE, QUALIFIER_TIP, QUALIFIER_CHOICES, width=80),
]


def new_webinar(edition: Edition) -> Webinar:
    return Webinar(title="Nouveau webinaire")


class WebinarsEditor(SectionEditor):
    kind = SectionKind.WEBINARS

    def __init__(self, session: DocumentSession, section_key: str, parent: QWidget | None = None) -> None:
        super().__init__(session, section_key, parent)
        model = RecordTableModel(
            session, EDITION.communication.webinars, COLUMNS, new_webinar, "webinaire", self
        )
        self.webinars = record_table(model, stretch="title")
        self.add_group("Webinaires", self.webinars)

    def focus_field(self, path: str) -> bool:
        return focus_table(self.webinars, path) or super().focus_field(path)
