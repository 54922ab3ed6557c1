"""« Restaurer une sauvegarde… »: the document's automatic backups, newest
first, with their date, why they were taken and what they hold."""

from __future__ import annotations

import babel.dates
import babel.lists
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from avereport.model import fmt
from avereport.store.backups import Backup, Reason

REASON_LABELS: dict[Reason, str] = {
    Reason.OPENING: "À l'ouverture du document",
    Reason.MIGRATION: "Avant la mise à jour du format",
    Reason.MERGE: "Avant une fusion",
    Reason.RESTORE: "Avant une restauration",
}

COLUMN_PADDING = 24


def backup_date(item: Backup) -> str:
    return babel.dates.format_datetime(item.created, "EEEE d MMMM y 'à' HH:mm:ss", locale=fmt.LOCALE)


def editions_text(item: Backup) -> str:
    """« 2020 et 2021 », « aucune »."""
    if not item.editions:
        return "aucune"
    return babel.lists.format_list([str(year) for year in item.editions], locale=fmt.LOCALE)


def size_text(size: int) -> str:
    return f"{fmt.number(max(1, round(size / 1024)))} ko"


class BackupsDialog(QDialog):
    def __init__(self, backups: list[Backup], document_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restaurer une sauvegarde")
        self.resize(820, 460)
        self.backups = backups
        intro = QLabel(
            f"Sauvegardes automatiques de « {document_name} », de la plus récente à la plus ancienne. "
            "Le document actuel est lui-même sauvegardé avant d'être remplacé."
        )
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(["Date", "Raison", "Éditions", "Taille"])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        for item in backups:
            row = QTreeWidgetItem(
                self.tree,
                [backup_date(item), REASON_LABELS[item.reason], editions_text(item), size_text(item.size)],
            )
            row.setToolTip(0, str(item.path))
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in range(4):
            self.tree.resizeColumnToContents(column)
            header.resizeSection(column, header.sectionSize(column) + COLUMN_PADDING)
        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton("Restaurer", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setToolTip("Remplacer le document par la sauvegarde choisie")
        cancel = self.buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setToolTip("Fermer sans rien changer")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.itemDoubleClicked.connect(lambda _item, _column: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        if backups:
            self.choose(0)
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    def choose(self, index: int) -> None:
        item = self.tree.topLevelItem(index)
        if item is not None:
            self.tree.setCurrentItem(item)

    def chosen(self) -> Backup | None:
        item = self.tree.currentItem()
        return None if item is None else self.backups[self.tree.indexOfTopLevelItem(item)]
