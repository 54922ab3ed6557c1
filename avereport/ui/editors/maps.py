"""The maps section: PLIE and Maisons de l'Emploi counted region by region,
their sums compared live with the national totals, and a preview of the map."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from avereport.model import fmt
from avereport.model.compute import region_totals
from avereport.model.edition import NetworkKind, SectionKind
from avereport.model.paths import EDITION
from avereport.ui.editors.base import SectionEditor, row_of
from avereport.ui.editors.membership_models import Derived, Shown
from avereport.ui.editors.network_models import CoverageModel, GridTable, RegionCountsModel
from avereport.ui.editors.network_preview import RegionMapPreview
from avereport.ui.session import DocumentSession

KINDS = (NetworkKind.PLIE, NetworkKind.MDE)
NATIONAL_FIELDS = ["total", "map_date"]


class MapsEditor(SectionEditor):
    kind = SectionKind.MAPS

    def __init__(self, session: DocumentSession, section_key: str, parent: QWidget | None = None) -> None:
        super().__init__(session, section_key, parent)
        self.counts_model = RegionCountsModel(session, KINDS, [])
        self.counts = GridTable(self.counts_model)
        self.counts.view.setToolTip("Tapez un nombre ; videz la case si la région n'en compte aucun")
        self.counts.view.horizontalHeader().setStretchLastSection(False)
        self.preview = RegionMapPreview(session, KINDS)

        self.national_model = CoverageModel(
            session,
            NATIONAL_FIELDS,
            [
                Derived(
                    "Somme des\nrégions",
                    "Somme des nombres par région, comparée au total national",
                    self._region_sum,
                )
            ],
            kinds=KINDS,
        )
        self.national = GridTable(self.national_model)

        counts_column = QVBoxLayout()
        counts_column.addWidget(self.counts)
        counts_column.addWidget(self.national)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addLayout(counts_column, 1)
        row_layout.addWidget(self.preview)
        self.add_group("Nombre par région", row)

    def _region_sum(self, kind: NetworkKind) -> Shown:
        summed = region_totals(self.session.shown.network).get(kind)
        if summed is None:
            return Shown("", "Aucune région saisie")
        total = self.national_model.value(kind, self.national_model.columns[0])
        if total is not None and total != summed:
            return Shown(
                f"⚠ {fmt.number(summed)} ≠ {fmt.number(total)}",
                f"Les régions en comptent {fmt.number(summed)}, alors que le total national est {fmt.number(total)}.",
                alarm=True,
            )
        return Shown(
            fmt.number(summed),
            "Somme des régions, égale au total national" if total is not None else "Somme des régions",
        )

    def focus_field(self, path: str) -> bool:
        network = self.session.shown.network
        found = row_of(path, EDITION.network.region_counts)
        if found is not None and found[0] < len(network.region_counts):
            entry = network.region_counts[found[0]]
            if entry.kind in KINDS:
                self.counts.select(self.counts_model.rows.index(entry.region), KINDS.index(entry.kind))
                return True
        found = row_of(path, EDITION.network.coverage)
        if (
            found is not None
            and found[0] < len(network.coverage)
            and network.coverage[found[0]].kind in KINDS
        ):
            field = found[1]
            self.national.select(
                KINDS.index(network.coverage[found[0]].kind),
                NATIONAL_FIELDS.index(field) if field in NATIONAL_FIELDS else 0,
            )
            return True
        return super().focus_field(path)
