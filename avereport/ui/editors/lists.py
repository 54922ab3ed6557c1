"""A list section: the titled list its ``ref`` names (title and items, one
a row, that can be added, removed and reordered), or a button to create it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from avereport.model import edit
from avereport.model.edition import SectionKind, TitledList
from avereport.model.paths import FieldPath
from avereport.ui.editors.activity_common import ReferencedEditor
from avereport.ui.session import DocumentSession
from avereport.ui.tables.columns import Column
from avereport.ui.tables.record_model import Index, RecordTableModel

NEW_ITEM = "Nouvel élément"


class TextItemsModel(RecordTableModel):
    """The items of a list of texts (``lists[2].items``), one a row, in one column."""

    def __init__(
        self,
        session: DocumentSession,
        list_path: edit.Path,
        header: str,
        tooltip: str,
        noun: str,
        parent=None,
    ) -> None:
        super().__init__(
            session, list_path, [Column("", header, tooltip=tooltip)], lambda edition: NEW_ITEM, noun, parent
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self.rowCount():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.record(index.row())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[0].tooltip or None
        return None

    def field_path(self, row: int, column: int) -> FieldPath:
        return self.list_path[row]


class ListEditor(ReferencedEditor):
    kind = SectionKind.LIST
    collection = "lists"
    create_text = "Créer la liste"
    create_tip = "Créer une liste vide et l'afficher dans cette section"
    missing_text = "Aucune liste n'a la clé « {ref} » : cette section n'affiche aucune liste pour l'instant."
    panel_title = "Liste"
    unlinked_text = "Cette section n'est reliée à aucune liste : elle n'affiche aucune liste pour l'instant."

    def new_block(self, key: str, title: str) -> TitledList:
        return TitledList(key=key, title=title or "Liste")

    def add_fields(self, path: FieldPath) -> None:
        self.form.add(path.title, "Titre de la liste", tooltip="Titre imprimé au-dessus de la liste")

    def items_model(self, path: FieldPath, parent: QWidget) -> RecordTableModel:
        tip = "Un élément de la liste, tel qu'il est imprimé"
        return TextItemsModel(self.session, path.items, "Élément", tip, "élément de liste", parent)
