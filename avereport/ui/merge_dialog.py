"""« Importer depuis un autre document… »: every difference with a colleague's
copy, grouped by edition then section, each kept or taken one by one."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from avereport.model.merge import Difference, Side
from avereport.ui.history_panel import describe_value, section_label

MINE_TEXT = "Garder ma version"
THEIRS_TEXT = "Prendre celle du collègue"
_KIND_TEXT = {
    "changed": "modifié",
    "added": "seulement chez le collègue",
    "removed": "seulement chez moi",
}


def difference_text(difference: Difference) -> str:
    change = difference.change
    if difference.presence != "both":
        label = f"Édition {difference.year} entière"
    else:
        label = " — ".join(part for part in (change.record_label, change.field_label) if part)
    return f"{label} ({_KIND_TEXT[change.kind]})"


def side_texts(difference: Difference) -> tuple[str, str]:
    """What each document holds; a whole edition is said present or absent."""
    if difference.presence != "both":
        mine = "présente" if difference.presence == "mine" else "absente"
        theirs = "présente" if difference.presence == "theirs" else "absente"
        return mine, theirs
    return describe_value(difference.mine), describe_value(difference.theirs)


class MergeDialog(QDialog):
    def __init__(self, differences: list[Difference], other_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Importer depuis un autre document")
        self.resize(1000, 620)
        self.differences = differences
        self.boxes: dict[str, QComboBox] = {}

        intro = QLabel(
            f"{len(differences)} différence{'s' if len(differences) > 1 else ''} avec « {other_name} ». "
            "Pour chacune, gardez votre version ou prenez celle du collègue ; une sauvegarde "
            "de votre document est faite avant d'appliquer."
        )
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["Différence", "Ma version", "Version du collègue", "Choix"])
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 380)
        header.resizeSection(1, 200)
        header.resizeSection(2, 200)
        header.setStretchLastSection(True)
        self._fill()

        keep_all = QPushButton("Tout garder")
        keep_all.setToolTip("Garder ma version pour chaque différence")
        keep_all.clicked.connect(lambda: self.choose_all("mine"))
        take_all = QPushButton("Tout prendre du collègue")
        take_all.setToolTip("Prendre la version du collègue pour chaque différence")
        take_all.clicked.connect(lambda: self.choose_all("theirs"))
        buttons = QDialogButtonBox()
        apply = buttons.addButton("Appliquer", QDialogButtonBox.ButtonRole.AcceptRole)
        apply.setToolTip("Enregistrer les choix dans mon document, après une sauvegarde")
        cancel = buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setToolTip("Fermer sans rien changer")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(keep_all)
        bottom.addWidget(take_all)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)

    def _fill(self) -> None:
        editions: dict[int, QTreeWidgetItem] = {}
        sections: dict[tuple[int, object], QTreeWidgetItem] = {}
        for difference in self.differences:
            year = difference.year
            if year not in editions:
                editions[year] = QTreeWidgetItem(self.tree, [f"Édition {year}"])
                editions[year].setFirstColumnSpanned(True)
            key = (year, difference.section)
            if key not in sections:
                sections[key] = QTreeWidgetItem(editions[year], [section_label(difference.section)])
                sections[key].setFirstColumnSpanned(True)
            mine, theirs = side_texts(difference)
            label = difference_text(difference)
            row = QTreeWidgetItem(sections[key], [label, mine, theirs])
            for column, text in ((0, label), (1, mine), (2, theirs)):
                row.setToolTip(column, text)
            box = QComboBox()
            box.addItem(MINE_TEXT, "mine")
            box.addItem(THEIRS_TEXT, "theirs")
            box.setToolTip("Garder ma version ou prendre celle du collègue pour cette différence")
            self.tree.setItemWidget(row, 3, box)
            self.boxes[difference.id] = box
        self.tree.expandAll()

    def choices(self) -> dict[str, Side]:
        """The chosen side of every difference, by difference id."""
        return {key: box.currentData() for key, box in self.boxes.items()}

    def set_choice(self, difference_id: str, side: Side) -> None:
        box = self.boxes[difference_id]
        box.setCurrentIndex(box.findData(side))

    def choose_all(self, side: Side) -> None:
        for key in self.boxes:
            self.set_choice(key, side)
