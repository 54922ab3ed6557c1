"""« Nouvelle édition… » : next year from the shown edition. Asks for the year
(one the document has is refused), says what is carried to review and what
starts empty, and asks who stays on the board."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from avereport.model.board_renewal import keep_board_members
from avereport.model.edition import Edition
from avereport.model.succession import start_next_edition, summary

MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1
ERROR_STYLE = "color: #a4262c; font-weight: 600;"
LAST_YEAR = 2100


class NewEditionDialog(QDialog):
    def __init__(self, edition: Edition, existing_years: list[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = edition
        self.existing = set(existing_years)
        self.setWindowTitle("Nouvelle édition")
        self.resize(860, 520)

        self.year_box = QSpinBox()
        self.year_box.setRange(edition.year + 1, LAST_YEAR)
        self.year_box.setValue(edition.year + 1)
        self.year_box.setToolTip(f"Année du nouveau rapport ; il part de l'édition {edition.year}")
        self.year_box.valueChanged.connect(self._update)
        self.refusal = QLabel()
        self.refusal.setStyleSheet(ERROR_STYLE)
        self.refusal.setWordWrap(True)
        year_row = QHBoxLayout()
        year_label = QLabel("&Année de la nouvelle édition :")
        year_label.setBuddy(self.year_box)
        year_row.addWidget(year_label)
        year_row.addWidget(self.year_box)
        year_row.addWidget(self.refusal, 1)

        self.summary = QTextBrowser()
        self.summary.setOpenLinks(False)
        self.summary.setToolTip("Ce que la nouvelle édition reprend de celle-ci, et ce qui reste à saisir")
        self.summary_box = QGroupBox()
        QVBoxLayout(self.summary_box).addWidget(self.summary)

        board_intro = QLabel(
            "Décochez les administrateurs qui ne siègent plus : ils seront notés comme départs."
        )
        board_intro.setWordWrap(True)
        self.members = QListWidget()
        for member in edition.governance.board:
            item = QListWidgetItem(
                " ".join(p for p in (member.first_name, member.surname) if p) or "(sans nom)"
            )
            item.setData(MEMBER_ROLE, member.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.members.addItem(item)
        self.members.itemChanged.connect(self._update)
        all_button = QPushButton("Tous restent")
        all_button.setToolTip("Cocher tous les administrateurs")
        all_button.clicked.connect(lambda: self._check_all(Qt.CheckState.Checked))
        board_box = QGroupBox("Conseil d'administration")
        board_layout = QVBoxLayout(board_box)
        board_layout.addWidget(board_intro)
        board_layout.addWidget(self.members, 1)
        board_layout.addWidget(all_button, 0, Qt.AlignmentFlag.AlignLeft)

        columns = QHBoxLayout()
        columns.addWidget(self.summary_box, 3)
        columns.addWidget(board_box, 2)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(year_row)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)
        self._update()

    def year(self) -> int:
        return self.year_box.value()

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
        return keep_board_members(start_next_edition(self.source, self.year()), self.staying())

    def _update(self, *_args: object) -> None:
        """Follow the year and the board: the refusal, the button, the summary."""
        year = self.year()
        taken = year in self.existing
        self.refusal.setText(
            f"Le document contient déjà l'édition {year} : choisissez une autre année." if taken else ""
        )
        self.create_button.setEnabled(not taken)
        self.create_button.setText(f"Créer l'édition {year}")
        self.summary_box.setTitle(f"L'édition {year}, à partir de celle de {self.source.year}")
        scroll = self.summary.verticalScrollBar()
        kept = scroll.value()  # a box ticked should not send the reader back to the top
        self.summary.setHtml(summary_html(self.source, self.next_edition()))
        scroll.setValue(kept)


def summary_html(source: Edition, successor: Edition) -> str:
    """The two short lists of ``summary``, under their titles."""
    said = summary(source, successor)
    parts = []
    for title, lines in (("Repris, à relire", said.carried), ("Vide au départ, à saisir", said.empty)):
        if lines:
            items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
            parts.append(
                f"<p><b>{title} :</b></p><ul style='margin-top: 0; -qt-list-indent: 1;'>{items}</ul>"
            )
    return "".join(parts)
