"""A key-figures section: the block of figures its ``ref`` names (title,
source, figures), or a button to create that block."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from avereport.model.edition import Edition, KeyFigure, KeyFigureBlock, SectionKind
from avereport.model.paths import FieldPath
from avereport.ui.editors.activity_common import QUALIFIER_CHOICES, QUALIFIER_TIP, ReferencedEditor
from avereport.ui.tables.columns import Column, Kind
from avereport.ui.tables.record_model import RecordTableModel

COLUMNS = [
    Column("value", "Valeur", Kind.NUMBER, "Le chiffre (décimales possibles, 55,52 par exemple)", width=90),
    Column("unit", "Unité", tooltip="Unité collée au chiffre : %, heures… (facultative)", width=80),
    Column("qualifier", "Précision", Kind.CHOICE, QUALIFIER_TIP, QUALIFIER_CHOICES, width=80),
    Column(
        "label",
        "Libellé",
        tooltip="Ce que dit le chiffre, imprimé sous lui (« des entrants sont des femmes »)",
    ),
]


def new_figure(edition: Edition) -> KeyFigure:
    return KeyFigure(value=0, label="Nouveau chiffre")


class KeyFiguresEditor(ReferencedEditor):
    kind = SectionKind.KEY_FIGURES
    collection = "key_figures"
    create_text = "Créer le bloc de chiffres clés"
    create_tip = "Créer un bloc de chiffres clés vide et l'afficher dans cette section"
    missing_text = "Aucun bloc de chiffres clés n'a la clé « {ref} » : cette section n'affiche aucun chiffre pour l'instant."
    panel_title = "Bloc de chiffres clés"
    unlinked_text = "Cette section n'est reliée à aucun bloc de chiffres clés : elle n'affiche aucun chiffre pour l'instant."

    stretch = "label"

    def new_block(self, key: str, title: str) -> KeyFigureBlock:
        return KeyFigureBlock(key=key, title=title or "Chiffres clés")

    def add_fields(self, path: FieldPath) -> None:
        self.form.add(path.title, "Titre du bloc", tooltip="Titre imprimé au-dessus des chiffres")
        self.form.add(
            path.source,
            "Source",
            tooltip="D'où viennent les chiffres, imprimé sous le bloc (facultatif)",
        )

    def items_model(self, path: FieldPath, parent: QWidget) -> RecordTableModel:
        return RecordTableModel(self.session, path.items, COLUMNS, new_figure, "chiffre clé", parent)
