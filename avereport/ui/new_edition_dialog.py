"""« Nouvelle édition… » : next year from the shown edition, asking who stays on the board."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from avereport.model.board_renewal import keep_board_members
from avereport.model.edition import Edition
from avereport.model.succession import start_next_edition

MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1


class NewEditionDialog(QDialog):
    def __init__(self, edition: Edition, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = edition
        year = edition.year + 1
        self.setWindowTitle(f"Nouvelle édition {year}")
        self.resize(520, 560)
        intro = QLabel(
            f"L'édition {year} reprend de l'édition {edition.year} l'organisation, les catégories "
            "d'adhérents, le bureau, l'équipe en poste et le plan du rapport ; les chiffres restent à saisir.\n\n"
            "Décochez les administrateurs qui ne siègent plus au conseil d'administration : "
            "ils seront notés comme départs."
        )
        intro.setWordWrap(True)
        self.members = QListWidget()
        for member in edition.governance.board:
            item = QListWidgetItem(
                " ".join(p for p in (member.first_name, member.surname) if p) or "(sans nom)"
            )
            item.setData(MEMBER_ROLE, member.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.members.addItem(item)
        all_button = QPushButton("Tous restent")
        all_button.setToolTip("Cocher tous les administrateurs")
        all_button.clicked.connect(lambda: self._check_all(Qt.CheckState.Checked))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(f"Créer l'édition {year}")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.members)
        layout.addWidget(all_button)
        layout.addWidget(buttons)

    def _check_all(self, state: Qt.CheckState) -> None:
        for row in range(self.members.count()):
            self.members.item(row).setCheckState(state)

    def staying(self) -> set[int]:
        return {
            self.members.item(row).data(MEMBER_ROLE)
            for row in range(self.members.count())
            if self.members.item(row).checkState() == Qt.CheckState.Checked
        }

    def next_edition(self) -> Edition:
        return keep_board_members(start_next_edition(self.source), self.staying())
