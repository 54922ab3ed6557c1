"""Technical assistance: counted indicators, each with the change against the
year it is compared with, worked out live."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from avereport.model.compute import IndicatorLine, assistance_lines
from avereport.model.edition import Edition, Indicator, SectionKind
from avereport.model.outline import fresh_key
from avereport.model.paths import EDITION
from avereport.model.wording import compared
from avereport.ui.editors.activity_common import (
    QUALIFIER_CHOICES,
    QUALIFIER_TIP,
    ComputedColumn,
    ComputedRecordModel,
    focus_table,
    record_table,
)
from avereport.ui.editors.base import SectionEditor
from avereport.ui.session import DocumentSession
from avereport.ui.tables.columns import Column, Kind


def change_note(line: IndicatorLine, previous_year: int) -> str:
    """ "+50 % par rapport à 2019" against the stated year, else against the
    previous edition when both figures are exact; empty otherwise."""
    if line.compare_year is not None and line.compare_change is not None:
        return compared(line.compare_change, line.compare_year)
    return compared(line.change, previous_year)


def change_notes(session: DocumentSession) -> list[str]:
    edition = session.shown
    return [change_note(line, edition.year - 1) for line in assistance_lines(edition, session.previous())]


COLUMNS = [
    Column("label", "Indicateur", tooltip="Ce que compte l'indicateur, tel qu'il apparaît dans le rapport"),
    Column("value", "Valeur", Kind.COUNT, "Valeur de l'année, vide si inconnue", width=70),
    Column(
        "unit", "Unité", tooltip="Unité affichée après la valeur (jours, questions…), facultative", width=80
    ),
    Column("qualifier", "Précision", Kind.CHOICE, QUALIFIER_TIP, QUALIFIER_CHOICES, width=80),
    # A year is typed and shown as is ("2019", not "2 019").
    Column(
        "compare_year",
        "Année de réf.",
        tooltip="Année antérieure à laquelle comparer la valeur (facultative)",
        width=90,
    ),
    Column("compare_value", "Valeur de réf.", Kind.COUNT, "Valeur de l'indicateur cette année-là", width=90),
    ComputedColumn(
        "change",
        "Évolution",
        tooltip="Évolution calculée par rapport à l'année de référence, sinon à l'édition précédente",
        width=170,
        texts=change_notes,
    ),
]


def new_indicator(edition: Edition) -> Indicator:
    """An indicator with a key no other indicator has (the key follows it from year to year)."""
    key = fresh_key("indicateur", {i.key for i in edition.training.assistance})
    return Indicator(key=key, label="Nouvel indicateur")


class AssistanceEditor(SectionEditor):
    kind = SectionKind.ASSISTANCE

    def __init__(self, session: DocumentSession, section_key: str, parent: QWidget | None = None) -> None:
        super().__init__(session, section_key, parent)
        model = ComputedRecordModel(
            session, EDITION.training.assistance, COLUMNS, new_indicator, "indicateur", self
        )
        self.indicators = record_table(model, stretch="label")
        self.add_group("Indicateurs d'assistance technique", self.indicators)

    def focus_field(self, path: str) -> bool:
        return focus_table(self.indicators, path) or super().focus_field(path)
