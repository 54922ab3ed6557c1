"""Regional bodies of the network: one association per region, if any."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from avereport.model.edition import RegionalBody, SectionKind
from avereport.model.paths import EDITION
from avereport.ui.editors.base import SectionEditor
from avereport.ui.editors.governance_common import focus_record, record_table, region_choices
from avereport.ui.session import DocumentSession
from avereport.ui.tables.columns import Column, Kind
from avereport.ui.tables.record_model import RecordTableModel

REGIONAL_BODY_COLUMNS = [
    Column("region", "Région", Kind.CHOICE, "Région où l'instance intervient", region_choices, 165),
    Column("name", "Nom", Kind.TEXT, "Nom ou sigle de l'instance, par exemple « URTIE »", width=200),
    Column(
        "description",
        "Description",
        Kind.TEXT,
        "Nom développé ou état de l'instance, par exemple « En cours de constitution »",
        width=280,
    ),
    Column(
        "website", "Site internet", Kind.TEXT, "Adresse du site, par exemple www.urtie.fr ; vide si aucun"
    ),
]


class RegionalBodiesModel(RecordTableModel):
    def __init__(self, session: DocumentSession, parent=None) -> None:
        super().__init__(
            session,
            EDITION.governance.regional_bodies,
            REGIONAL_BODY_COLUMNS,
            lambda edition: RegionalBody(),
            "instance régionale",
            parent,
        )


class RegionalBodiesEditor(SectionEditor):
    kind = SectionKind.REGIONAL_BODIES

    def __init__(self, session: DocumentSession, section_key: str, parent: QWidget | None = None) -> None:
        super().__init__(session, section_key, parent)
        self.table = record_table(RegionalBodiesModel(session, self))
        self.add_group("Instances régionales", self.table)

    def focus_field(self, path: str) -> bool:
        return focus_record(self.table, path) or super().focus_field(path)
