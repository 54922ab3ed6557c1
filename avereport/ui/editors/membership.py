"""The membership section: groups, the categories of the chosen group, their
counts with the change against the previous edition, the total as computed
(prominent), and dated notes.

Declared totals (as a printed report stated them) belong to editions imported
from such a report: they are shown, and checked against the computed totals,
only when the edition has some; otherwise they wait behind « Total déclaré
(rapport imprimé)… », so that no empty field invites retyping a total after
each change of a count."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from avereport.model import fmt
from avereport.model.checks.findings import sum_text
from avereport.model.compute import CountLine, MembershipSummary, group_total, summarise_membership
from avereport.model.compute.lines import all_known
from avereport.model.compute.membership import active_categories, active_groups, stated_total
from avereport.model.edition import DatedNote, Edition, MemberCategory, MemberGroup, SectionKind, Structure
from avereport.model.outline import fresh_key
from avereport.model.paths import EDITION
from avereport.model.update import EditionUpdate
from avereport.ui.editors.base import SectionEditor, row_of
from avereport.ui.editors.membership_models import (
    RETIRED_TIP,
    CategoriesModel,
    Computed,
    ComputedColumnsModel,
    Derived,
    Shown,
)
from avereport.ui.forms import FieldForm
from avereport.ui.session import DocumentSession
from avereport.ui.tables.columns import DATE_FORMS, Column, Kind, enum_choices
from avereport.ui.tables.record_model import RecordTableModel
from avereport.ui.tables.record_table import RecordTable
from avereport.ui.widgets.read_only import reason_for

STRUCTURE_LABELS = {
    Structure.PLIE: "PLIE",
    Structure.MDE: "MDE",
    Structure.PLIE_MDE: "PLIE et MDE",
    Structure.NONE: "aucune",
}

GROUP_COLUMNS = [
    Column("name", "Groupe", tooltip="Nom du groupe d'adhérents tel que le rapport l'affiche", width=230),
    Column(
        "declared_total",
        "Total déclaré",
        Kind.COUNT,
        "Total du groupe tel que le rapport l'annonce",
        width=100,
    ),
    Column("in_total", "Compté", Kind.FLAG, "Coché : le groupe compte dans le total des adhérents", width=70),
    Column(
        "retired",
        "Retiré",
        Kind.FLAG,
        "Coché : le groupe est gardé pour mémoire, ni affiché ni compté",
        width=70,
    ),
]
CATEGORY_COLUMNS = [
    Column("name", "Catégorie", tooltip="Nom de la catégorie tel que le rapport l'affiche", width=230),
    Column("count", "Nombre", Kind.COUNT, "Nombre d'adhérents de la catégorie (vide si inconnu)", width=80),
    Column(
        "structure",
        "Structure",
        Kind.CHOICE,
        "Ce que la catégorie représente : compte pour la couverture des PLIE et des Maisons de l'Emploi",
        enum_choices(STRUCTURE_LABELS),
        width=110,
    ),
    Column(
        "retired",
        "Retirée",
        Kind.FLAG,
        "Cochée : la catégorie est gardée pour mémoire, ni affichée ni comptée",
        width=70,
    ),
]
NOTE_COLUMNS = [
    Column("date", "Date", Kind.DATE, f"Date à laquelle la note se rapporte : {DATE_FORMS}", width=130),
    Column("text", "Note", tooltip="Texte de la note, imprimé sous les effectifs"),
]

NOT_COUNTED = Shown("—", RETIRED_TIP)
ALARM_STYLE = "color: #a4262c; font-weight: 600;"
TOTAL_STYLE = "font-size: 13pt; font-weight: 600;"
DECLARED_COLUMN = next(i for i, c in enumerate(GROUP_COLUMNS) if c.field == "declared_total")


def has_declared_totals(edition: Edition) -> bool:
    """Whether the edition states totals of its own (imported from a printed report)."""
    membership = edition.membership
    return membership.declared_total is not None or any(
        g.declared_total is not None for g in membership.groups
    )


def without_declared_totals(edition: Edition) -> Edition:
    """The edition with its declared totals cleared: every total is computed.
    A group without categories keeps its own, its only count."""
    membership = edition.membership
    groups = tuple(
        dataclasses.replace(g, declared_total=None) if active_categories(g) else g for g in membership.groups
    )
    membership = dataclasses.replace(membership, declared_total=None, groups=groups)
    return dataclasses.replace(edition, membership=membership)


class MembershipEditor(SectionEditor):
    kind = SectionKind.MEMBERSHIP

    def __init__(self, session: DocumentSession, section_key: str, parent: QWidget | None = None) -> None:
        super().__init__(session, section_key, parent)
        self.summary: Computed[MembershipSummary] = Computed(session, summarise_membership)

        self.form = FieldForm(session)
        self.form.add(
            EDITION.membership.as_of, "Effectifs au", Kind.DATE, "Date à laquelle les effectifs sont arrêtés"
        )
        self.declared_line = self.form.add(
            EDITION.membership.declared_total,
            "Total déclaré",
            Kind.COUNT,
            "Nombre total d'adhérents tel qu'un rapport imprimé l'annonçait (éditions importées) ; "
            "sinon inutile : le total est calculé",
        )
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.totals.setToolTip("Totaux calculés à partir des groupes et des catégories")
        self.declared_toggle = QToolButton()
        self.declared_toggle.setText("Total déclaré (rapport imprimé)…")
        self.declared_toggle.setCheckable(True)
        self.declared_toggle.setAutoRaise(True)
        self.declared_toggle.setToolTip(
            "Saisir les totaux tels qu'un rapport imprimé les annonçait, pour les comparer aux totaux "
            "calculés ; inutile pour un rapport préparé ici"
        )
        self.declared_toggle.toggled.connect(lambda _shown: self._update_declared())
        self.clear_declared = QPushButton("Ne plus utiliser les totaux déclarés")
        self.clear_declared.setToolTip(
            "Effacer les totaux déclarés (ceux d'un rapport imprimé) : les totaux sont calculés à partir "
            "des catégories et ne sont plus à retaper (annulable)"
        )
        self.clear_declared.clicked.connect(self.drop_declared_totals)
        declared_row = QHBoxLayout()
        declared_row.addWidget(self.declared_toggle)
        declared_row.addWidget(self.clear_declared)
        declared_row.addStretch(1)
        figures = QWidget()
        figures_layout = QVBoxLayout(figures)
        figures_layout.setContentsMargins(0, 0, 0, 0)
        figures_layout.addWidget(self.totals)
        figures_layout.addWidget(self.form)
        figures_layout.addLayout(declared_row)
        self.add_group("Effectifs", figures)

        self.groups_model = ComputedColumnsModel(
            session,
            EDITION.membership.groups,
            GROUP_COLUMNS,
            self._new_group,
            "groupe",
            self._group_columns(),
        )
        self.groups = RecordTable(self.groups_model)
        self.groups.setToolTip("Choisissez un groupe pour modifier ses catégories ci-dessous")
        self.add_group("Groupes d'adhérents", self.groups)

        self.categories_model = CategoriesModel(
            session, CATEGORY_COLUMNS, self._new_category, self._category_columns()
        )
        self.categories = RecordTable(self.categories_model)
        self.categories_box = self.add_group("", self.categories)

        self.notes_model = RecordTableModel(
            session, EDITION.membership.notes, NOTE_COLUMNS, lambda e: DatedNote(), "note"
        )
        self.notes = RecordTable(self.notes_model)
        self.add_group("Notes datées", self.notes)

        for table in (self.groups, self.categories):
            table.view.horizontalHeader().setMinimumSectionSize(70)
            for column in range(len(table.model.columns), table.model.columnCount()):
                table.view.setColumnWidth(column, 110)
        self.groups.add_button.clicked.connect(lambda: self._edit_name(self.groups))
        self.categories.add_button.clicked.connect(lambda: self._edit_name(self.categories))
        self.groups.view.selectionModel().currentRowChanged.connect(self._group_chosen)
        session.edition_updated.connect(self._membership_updated)
        if self.groups_model.rowCount():
            self.groups.view.setCurrentIndex(self.groups_model.index(0, 0))
        self._follow()

    # --- computed columns -------------------------------------------------

    def _change(self, line: CountLine | None) -> Shown:
        """ "(+2) · 2020 : 69": the change, then last year's figure."""
        year = self.summary.previous_year
        if year is None:
            return Shown("", "Pas d'édition précédente dans ce document")
        if line is None or line.previous is None:
            return Shown("", f"Pas de chiffre pour {year}")
        before = f"{year} : {fmt.number(line.previous)}"
        if line.delta is None or line.value is None:  # a change is computed from both figures
            return Shown(
                before, f"Chiffre de {year} ; l'évolution sera calculée quand celui de cette année sera saisi"
            )
        return Shown(
            f"{fmt.delta(line.delta)} · {before}",
            f"{fmt.number(line.value)} cette année contre {fmt.number(line.previous)} en {year}",
        )

    def _group_line(self, group: MemberGroup) -> CountLine | None:
        return next((g.total for g in self.summary().groups if g.key == group.key), None)

    def _category_line(self, category: MemberCategory) -> CountLine | None:
        lines = (line for g in self.summary().groups for line in g.categories)
        return next((line for line in lines if line.key == category.key), None)

    def _group_columns(self) -> list[Derived]:
        def computed(group: MemberGroup) -> Shown:
            if group.retired:
                return NOT_COUNTED
            total = group_total(group)
            if total is None:
                return Shown("incomplet", "Le total sera calculé quand chaque catégorie aura son nombre")
            # The total is known: so is each active category's count (None only without one).
            parts = all_known([c.count for c in group.categories if not c.retired])
            detail = (
                f"Somme des catégories : {sum_text(parts)}"
                if parts
                else "Groupe sans catégorie : son total déclaré"
            )
            declared = group.declared_total
            if declared is not None and declared != total:
                return Shown(
                    f"⚠ {fmt.number(total)} ≠ {fmt.number(declared)}",
                    f"{detail} = {fmt.number(total)}, alors que le total déclaré est {fmt.number(declared)}.",
                    alarm=True,
                )
            return Shown(fmt.number(total), detail)

        def change(group: MemberGroup) -> Shown:
            return NOT_COUNTED if group.retired else self._change(self._group_line(group))

        return [
            Derived("Total calculé", "Somme des catégories du groupe, comparée au total déclaré", computed),
            Derived(
                "Évolution",
                "Évolution du total calculé par rapport à l'année précédente, et son chiffre",
                change,
            ),
        ]

    def _category_columns(self) -> list[Derived]:
        def change(category: MemberCategory) -> Shown:
            return NOT_COUNTED if category.retired else self._change(self._category_line(category))

        return [
            Derived(
                "Évolution",
                "Évolution par rapport à l'année précédente (même catégorie), et son chiffre",
                change,
            ),
        ]

    # --- new rows ---------------------------------------------------------

    def _taken(self, keys) -> set[str]:
        """Keys used in any edition, so a new row never matches an old one."""
        return {key for edition in self.session.editions() for key in keys(edition)}

    def _new_group(self, _edition: Edition) -> MemberGroup:
        name = "Nouveau groupe"
        return MemberGroup(
            key=fresh_key(name, self._taken(lambda e: (g.key for g in e.membership.groups))), name=name
        )

    def _new_category(self, _edition: Edition) -> MemberCategory:
        name = "Nouvelle catégorie"
        taken = self._taken(lambda e: (c.key for g in e.membership.groups for c in g.categories))
        return MemberCategory(key=fresh_key(name, taken), name=name)

    def _edit_name(self, table: RecordTable) -> None:
        """After adding a row, start typing its name at once."""
        index = table.view.currentIndex()
        if index.isValid():
            table.view.edit(table.model.index(index.row(), 0))

    # --- following the chosen group and the figures -------------------------

    def _group_chosen(self, current, _previous=None) -> None:
        groups = self.session.shown.membership.groups
        if current.isValid() and current.row() < len(groups):
            key = groups[current.row()].key
            if key != self.categories_model.group_key:
                self.categories_model.show_group(key)
        self._update_categories_title()

    def _membership_updated(self, update: EditionUpdate) -> None:
        if update.touches_path(EDITION.membership):
            self._follow()

    def _follow(self) -> None:
        index = self.categories_model.group_index()
        current = self.groups.view.currentIndex()
        if index is not None and current.row() != index:
            self.groups.view.setCurrentIndex(self.groups_model.index(index, max(0, current.column())))
        self._update_categories_title()
        self._update_declared()
        self._update_totals()

    def _update_declared(self) -> None:
        """Declared totals in sight only where the edition has some, or asked for."""
        edition = self.session.shown
        asked = self.declared_toggle.isChecked()
        declared = has_declared_totals(edition)
        self.form.form.setRowVisible(
            self.declared_line, asked or edition.membership.declared_total is not None
        )
        # A group without categories has no count but its declared total: the column stays.
        needed = declared or any(not active_categories(g) for g in active_groups(edition.membership))
        self.groups.view.setColumnHidden(DECLARED_COLUMN, not (asked or needed))
        self.declared_toggle.setVisible(not declared)
        self.clear_declared.setVisible(declared and reason_for(self.session) is None)

    def drop_declared_totals(self) -> None:
        self.session.apply(
            "Ne plus utiliser les totaux déclarés", without_declared_totals(self.session.shown)
        )

    def _update_categories_title(self) -> None:
        index = self.categories_model.group_index()
        if index is None:
            self.categories_box.setTitle("Catégories (choisissez un groupe)")
            return
        name = self.session.shown.membership.groups[index].name
        self.categories_box.setTitle(f"Catégories du groupe « {name} »")

    def _update_totals(self) -> None:
        membership = self.session.shown.membership
        total = self.summary().total
        year = self.summary.previous_year
        text = f'<span style="{TOTAL_STYLE}">Total des adhérents : '
        text += fmt.number(total.value) if total.value is not None else "incomplet"
        text += "</span>"
        if total.delta is not None:
            text += f" {fmt.delta(total.delta)}"
        if year is not None and total.previous is not None:
            text += f" — {year} : {fmt.number(total.previous)}"
        lines = [text + " <i>(calculé à partir des catégories)</i>"]
        if has_declared_totals(self.session.shown):
            lines.append(self._declared_line(membership))
        self.totals.setText("<br>".join(lines))

    def _declared_line(self, membership) -> str:
        """The groups' stated totals added up, against the declared grand total."""
        parts = all_known([stated_total(g) for g in active_groups(membership) if g.in_total])
        declared = membership.declared_total
        if parts is not None:
            text = f"<b>Somme des groupes comptés :</b> {fmt.number(sum(parts))} ({sum_text(parts)})"
            if declared is not None and declared != sum(parts):
                text += f' <span style="{ALARM_STYLE}">⚠ différente du total déclaré ({fmt.number(declared)})</span>'
            elif declared is not None:
                text += " — conforme au total déclaré"
            return text
        return "<b>Somme des groupes comptés :</b> incomplète, un total de groupe manque"

    # --- navigation -------------------------------------------------------

    def focus_field(self, path: str) -> bool:
        if path.endswith("declared_total"):
            self.declared_toggle.setChecked(True)  # a finding about it: bring it into sight
        if self.form.focus_field(path):
            return True
        tables = {"membership.groups": self.groups, "membership.notes": self.notes}
        if path in tables:
            tables[path].view.setFocus()
            return True
        found = row_of(path, EDITION.membership.notes)
        if found is not None:
            self.notes.select_field(*found)
            return True
        found = row_of(path, EDITION.membership.groups)
        if found is None:
            return super().focus_field(path)
        group, field = found
        if field != "categories":
            self.groups.select_field(group, field)
            return True
        groups = self.session.shown.membership.groups
        if group >= len(groups):
            return False
        self.categories_model.show_group(groups[group].key)
        self._follow()
        category = row_of(path, EDITION.membership.groups[group].categories)
        if category is not None:
            self.categories.select_field(*category)
        else:
            self.categories.view.setFocus()
        return True
