"""The coverage section: how many PLIE, Maisons de l'Emploi and organismes
intermédiaires exist in France, how many are members, and the coverage rate
computed live beside the members counted from the membership categories."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from avereport.model import fmt
from avereport.model.compute import CoverageLine, summarise_coverage
from avereport.model.edition import NetworkKind, SectionKind
from avereport.model.paths import EDITION
from avereport.ui.editors.base import SectionEditor, row_of
from avereport.ui.editors.membership_models import Computed, Derived, Shown
from avereport.ui.editors.network_models import CoverageModel, GridTable
from avereport.ui.session import DocumentSession

FIELDS = ["total", "members", "grouped_plie", "as_of", "map_date"]
NOT_RATED = Shown("—", "Sans objet : les organismes intermédiaires n'ont pas de taux d'adhésion")


class CoverageEditor(SectionEditor):
    kind = SectionKind.COVERAGE

    def __init__(self, session: DocumentSession, section_key: str, parent: QWidget | None = None) -> None:
        super().__init__(session, section_key, parent)
        self.lines: Computed[tuple[CoverageLine, ...]] = Computed(session, summarise_coverage)
        self.model = CoverageModel(
            session,
            FIELDS,
            [
                Derived(
                    "Taux de\ncouverture",
                    "Part des structures qui adhèrent (adhérents ÷ nombre en France)",
                    self._rate,
                ),
                Derived(
                    "D'après les\ncatégories",
                    "Adhérents comptés dans les catégories d'adhérents de cette structure",
                    self._from_categories,
                ),
            ],
        )
        self.grid = GridTable(self.model)
        self.add_group("Couverture du réseau", self.grid)

    def _line(self, kind: NetworkKind) -> CoverageLine | None:
        return next((line for line in self.lines() if line.kind is kind), None)

    def _rate(self, kind: NetworkKind) -> Shown:
        if kind is NetworkKind.OI:
            return NOT_RATED
        line = self._line(kind)
        # A rate is only computed from known figures: members and total are known with it.
        if line is None or line.rate is None or line.members.value is None or line.total.value is None:
            return Shown("", "Le taux sera calculé quand le nombre en France et les adhérents seront saisis")
        tip = f"{fmt.number(line.members.value)} adhérents sur {fmt.number(line.total.value)}"
        year = self.lines.previous_year
        if line.previous_rate is not None and (delta := line.rate_delta) is not None:
            tip += f" ; {fmt.percent(line.previous_rate)} en {year} ({fmt.signed(delta)} points)"
        alarm = line.rate > 100
        if alarm:
            tip += " : plus d'adhérents que de structures"
        return Shown(fmt.percent(line.rate), tip, alarm)

    def _from_categories(self, kind: NetworkKind) -> Shown:
        if kind is NetworkKind.OI:
            return Shown("—", "Sans objet pour les organismes intermédiaires")
        line = self._line(kind)
        counted = line.members_from_categories if line is not None else None
        if line is None or counted is None:
            return Shown("", "Aucune catégorie d'adhérents complète ne représente cette structure")
        members = line.members.value
        if members is not None and members != counted:
            return Shown(
                f"⚠ {fmt.number(counted)} ≠ {fmt.number(members)}",
                f"Les catégories d'adhérents en comptent {fmt.number(counted)}, "
                f"alors que {fmt.number(members)} adhérents sont saisis ici.",
                alarm=True,
            )
        return Shown(fmt.number(counted), "Adhérents comptés dans les catégories d'adhérents")

    def focus_field(self, path: str) -> bool:
        found = row_of(path, EDITION.network.coverage)
        coverage = self.session.shown.network.coverage
        if found is None or found[0] >= len(coverage):
            return super().focus_field(path)
        row, field = found
        column = FIELDS.index(field) if field in FIELDS else 0
        self.grid.select(self.model.rows.index(coverage[row].kind), column)
        return True
