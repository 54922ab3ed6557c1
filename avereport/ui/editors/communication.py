"""External communication: website and job-offer figures with their change
on last year shown live, social network followers, reach of posts and free
metrics."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QWidget

from avereport.model import fmt
from avereport.model.compute import CommunicationSummary, CountLine, summarise_communication
from avereport.model.edition import Edition, Followers, Metric, ReachTier, SectionKind
from avereport.model.outline import fresh_key
from avereport.model.paths import EDITION, FieldPath
from avereport.model.update import EditionUpdate
from avereport.ui.editors.activity_common import (
    QUALIFIER_CHOICES,
    QUALIFIER_TIP,
    ComputedColumn,
    ComputedRecordModel,
    change_text,
    focus_table,
    note_label,
    numbered_name,
    record_table,
)
from avereport.ui.editors.base import SectionEditor
from avereport.ui.forms import FieldForm
from avereport.ui.session import DocumentSession
from avereport.ui.tables.columns import Column, Kind

CHANGE_TIP = "Évolution calculée par rapport à l'année précédente (chiffres exacts seulement)"


def year_on_year(line: CountLine, year: int, has_previous: bool) -> str:
    """ "71 — +22 % par rapport à 2020 (58)", or why there is no change to show."""
    before = year - 1
    if line.value is None:
        return ""
    text = fmt.quantity(line.value, line.unit, line.qualifier)
    if not has_previous:
        return f"{text} — pas d'édition {before} pour comparer"
    if line.previous is None:
        return f"{text} — pas de chiffre en {before} pour comparer"
    change = change_text(line, before)
    if change:
        return f"{text} — {change}"
    earlier = f"{fmt.quantity(line.previous, line.unit, line.previous_qualifier)} en {before}"
    if line.comparable:
        return f"{text} — {earlier}"
    return f"{text} — {earlier} ; chiffre approché, pas d'évolution calculée"


def changes(
    pick: Callable[[CommunicationSummary], tuple[CountLine, ...]],
) -> Callable[[DocumentSession], list[str]]:
    """A computed column: each row's change on last year, from the summary lines ``pick`` chooses."""

    def texts(session: DocumentSession) -> list[str]:
        summary = summarise_communication(session.shown, session.previous())
        return [change_text(line, session.shown.year - 1) for line in pick(summary)]

    return texts


FOLLOWER_COLUMNS = [
    Column(
        "network",
        "Réseau social",
        tooltip="Nom du réseau (Twitter, LinkedIn…), le même d'une année à l'autre",
        width=130,
    ),
    Column(
        "handle",
        "Compte",
        tooltip="Nom du compte sur ce réseau, par exemple @Avemploi (facultatif)",
        width=130,
    ),
    Column("count", "Abonnés", Kind.COUNT, "Nombre d'abonnés, vide si inconnu", width=80),
    Column("qualifier", "Précision", Kind.CHOICE, QUALIFIER_TIP, QUALIFIER_CHOICES, width=80),
    ComputedColumn(
        "change", "Évolution", tooltip=CHANGE_TIP, width=160, texts=changes(lambda s: s.followers)
    ),
]

REACH_COLUMNS = [
    Column(
        "min_views",
        "Vues (plus de)",
        Kind.COUNT,
        "Seuil de vues : publications vues plus de ce nombre de fois",
        width=120,
    ),
    Column(
        "posts",
        "Publications",
        Kind.COUNT,
        "Nombre de publications vues plus de fois que le seuil",
        width=110,
    ),
    ComputedColumn(
        "change", "Évolution", tooltip=CHANGE_TIP, width=160, texts=changes(lambda s: s.reach_tiers)
    ),
]

METRIC_COLUMNS = [
    Column("label", "Indicateur", tooltip="Ce que mesure l'indicateur, tel qu'il apparaît dans le rapport"),
    Column(
        "value", "Valeur", Kind.NUMBER, "Valeur de l'année (décimales possibles), vide si inconnue", width=90
    ),
    Column("unit", "Unité", tooltip="Unité affichée après la valeur (%, heures…), facultative", width=90),
    ComputedColumn("change", "Évolution", tooltip=CHANGE_TIP, width=170, texts=changes(lambda s: s.metrics)),
]


def new_followers(edition: Edition) -> Followers:
    return Followers(
        network=numbered_name("Nouveau réseau", {f.network for f in edition.communication.followers})
    )


def new_tier(edition: Edition) -> ReachTier:
    """A threshold above the others, so that no two tiers share one."""
    return ReachTier(
        min_views=max((t.min_views for t in edition.communication.reach_tiers), default=0) + 1000, posts=0
    )


def new_metric(edition: Edition) -> Metric:
    """A metric with a key no other metric has (the key follows it from year to year)."""
    return Metric(
        key=fresh_key("indicateur", {m.key for m in edition.communication.metrics}), label="Nouvel indicateur"
    )


class CommunicationEditor(SectionEditor):
    kind = SectionKind.COMMUNICATION

    def __init__(self, session: DocumentSession, section_key: str, parent: QWidget | None = None) -> None:
        super().__init__(session, section_key, parent)
        self.form = FieldForm(session)
        self.changes: dict[FieldPath, QLabel] = {}
        add = self.form.add
        add(
            EDITION.communication.website_visits,
            "Visites du site internet",
            Kind.COUNT,
            "Visites du site internet dans l'année",
        )
        self._add_change(EDITION.communication.website_visits)
        add(
            EDITION.communication.top_page,
            "Page la plus consultée",
            tooltip="Nom de la page du site la plus consultée",
        )
        add(
            EDITION.communication.top_page_visits,
            "Visites de cette page",
            Kind.COUNT,
            "Visites de la page la plus consultée",
        )
        add(
            EDITION.communication.top_page_qualifier,
            "Précision de ce chiffre",
            Kind.CHOICE,
            QUALIFIER_TIP,
            QUALIFIER_CHOICES,
        )
        self._add_change(EDITION.communication.top_page_visits)
        add(
            EDITION.communication.job_offers,
            "Offres d'emploi diffusées",
            Kind.COUNT,
            "Offres d'emploi diffusées dans l'année",
        )
        self._add_change(EDITION.communication.job_offers)

        self.followers = record_table(
            ComputedRecordModel(
                session,
                EDITION.communication.followers,
                FOLLOWER_COLUMNS,
                new_followers,
                "réseau social",
                self,
            ),
            stretch="change",
        )
        self.reach = record_table(
            ComputedRecordModel(
                session, EDITION.communication.reach_tiers, REACH_COLUMNS, new_tier, "seuil de vues", self
            ),
            stretch="change",
        )
        self.metrics = record_table(
            ComputedRecordModel(
                session, EDITION.communication.metrics, METRIC_COLUMNS, new_metric, "indicateur", self
            ),
            stretch="label",
        )

        self.add_group("Site internet et offres d'emploi", self.form)
        self.add_group("Abonnés sur les réseaux sociaux", self.followers)
        self.add_group("Audience des publications", self.reach)
        self.add_group("Autres indicateurs", self.metrics)
        session.edition_updated.connect(self._communication_updated)
        self._show_changes()

    def _add_change(self, path: FieldPath) -> None:
        """A row under the field at ``path`` with its change on last year."""
        change = note_label()
        change.setWordWrap(False)
        change.setToolTip(CHANGE_TIP)
        self.form.form.addRow("", change)
        self.changes[path] = change

    def _communication_updated(self, update: EditionUpdate) -> None:
        if update.touches_path(EDITION.communication):
            self._show_changes()

    def _show_changes(self) -> None:
        edition = self.session.edition
        if edition is None:
            return
        previous = self.session.previous()
        summary = summarise_communication(edition, previous)
        lines = {
            EDITION.communication.website_visits: summary.website_visits,
            EDITION.communication.top_page_visits: summary.top_page_visits,
            EDITION.communication.job_offers: summary.job_offers,
        }
        for path, label in self.changes.items():
            text = year_on_year(lines[path], edition.year, previous is not None)
            label.setText(text)
            self.form.form.setRowVisible(label, bool(text))

    def focus_field(self, path: str) -> bool:
        if self.form.focus_field(path):
            return True
        tables = (self.followers, self.reach, self.metrics)
        return any(focus_table(table, path) for table in tables) or super().focus_field(path)
