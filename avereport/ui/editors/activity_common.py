"""What the activity editors share (training, assistance, clubs,
communication, webinars, key figures, lists): qualifier choices, read-only
computed columns, readable tables, cursor placement, and the editor of a
block that a section names by its ``ref``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from avereport.model import edit, fmt
from avereport.model.compute import CountLine
from avereport.model.edition import Edition
from avereport.model.labels import QUALIFIER_LABELS
from avereport.model.outline import fresh_key
from avereport.model.paths import EDITION, FieldPath
from avereport.model.update import EditionUpdate
from avereport.model.wording import compared
from avereport.ui.editors.base import SectionEditor, row_of
from avereport.ui.forms import FieldForm
from avereport.ui.session import DocumentSession
from avereport.ui.tables.columns import Column, Kind, enum_choices
from avereport.ui.tables.record_model import Index, RecordTableModel
from avereport.ui.tables.record_table import RecordTable

QUALIFIER_CHOICES = enum_choices(QUALIFIER_LABELS)
QUALIFIER_TIP = "Précision du chiffre : exact, « plus de », « près de » ou « environ »"
STRETCH_MIN_WIDTH = 200


# --- computed columns ---------------------------------------------------------


@dataclass(frozen=True)
class ComputedColumn(Column):
    """A read-only column computed from the edition: ``texts`` gives one text a
    row (a ``kind`` of COUNT or NUMBER aligns them as numbers)."""

    texts: Callable[[DocumentSession], Sequence[str]] = field(kw_only=True)


class ComputedRecordModel(RecordTableModel):
    """A record table whose :class:`ComputedColumn` cells follow each edit of
    the edition live. They are worked out when first asked for after a
    change: a table out of sight costs nothing until it is shown."""

    def __init__(
        self,
        session: DocumentSession,
        list_path: edit.Path,
        columns: list[Column],
        new_record: Callable[[Edition], Any],
        noun: str,
        parent=None,
    ) -> None:
        super().__init__(session, list_path, columns, new_record, noun, parent)
        self._computed = {n: c for n, c in enumerate(self.columns) if isinstance(c, ComputedColumn)}
        self._texts: dict[int, list[str]] | None = None

    def _computed_texts(self, column: int) -> list[str]:
        if self._texts is None:
            edition_shown = self.session.edition is not None
            self._texts = {
                n: list(column.texts(self.session)) if edition_shown else []
                for n, column in self._computed.items()
            }
        return self._texts[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() not in self._computed:
            return super().data(index, role)
        if index.row() >= self.rowCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            texts = self._computed_texts(index.column())
            return texts[index.row()] if index.row() < len(texts) else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[index.column()].tooltip or None
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[index.column()].kind in (
            Kind.COUNT,
            Kind.NUMBER,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.isValid() and index.column() in self._computed:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return super().flags(index)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.isValid() and index.column() in self._computed:
            return False
        return super().setData(index, value, role)

    def watched(self) -> tuple[FieldPath, ...]:
        # The computed cells sum up the whole part (communication, training…).
        return (getattr(EDITION, str(self.list_path.steps[0])),)

    def _follow(self, update: EditionUpdate) -> None:
        self._texts = None
        super()._follow(update)

    def _derived_columns(self) -> list[int]:
        return list(self._computed)


def change_text(line: CountLine, previous_year: int) -> str:
    """ "+22 % par rapport à 2020 (58)"; empty when no change can be computed."""
    text = compared(line.change, previous_year)
    if not text or line.previous is None:  # a change is only computed against a known figure
        return ""
    return f"{text} ({fmt.quantity(line.previous, line.unit)})"


# --- tables -----------------------------------------------------------------


def record_table(model: RecordTableModel, stretch: str | None = None) -> RecordTable:
    """A record table as tall as its rows; ``stretch`` names the column that
    takes the spare width (by default the last one). On a narrow page it is
    narrowed with the others, never below STRETCH_MIN_WIDTH (or its declared
    width, when smaller): the table scrolls sideways rather than squeeze it away."""
    table = RecordTable(model)
    if stretch is not None:
        column = next(n for n, c in enumerate(model.columns) if c.field == stretch)
        minimum = min(model.columns[column].width or STRETCH_MIN_WIDTH, STRETCH_MIN_WIDTH)
        table.columns_fit.set_stretch(column, minimum)
    return table


def focus_table(table: RecordTable, path: str) -> bool:
    """Put the cursor on the cell ``path`` names (``training.sessions[4].plie``),
    or on the table itself for the whole list (``training.sessions``)."""
    if edit.field_path(path) == table.model.list_path:
        table.view.setFocus()
        return True
    found = row_of(path, table.model.list_path)
    if found is None:
        return False
    row, name = found
    if not 0 <= row < table.model.rowCount():
        return False
    table.select_field(row, name)
    return True


def numbered_name(name: str, taken: set[str]) -> str:
    """ "Nouveau réseau", then "Nouveau réseau 2"… whichever is free."""
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name} {number}", number + 1
    return candidate


def note_label() -> QLabel:
    """A label for computed figures, selectable so they can be copied."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


# --- sections naming a block by its ref -----------------------------------------


class ReferencedEditor(SectionEditor):
    """An editor of the block (key-figure block, titled list) whose key is the
    section's ``ref``. When no block has that key, it offers to create one.

    The block's widgets address it by index (``key_figures[2].items``); when
    that index changes (creation, undo, another year) they are rebuilt.
    """

    collection = ""  # the Edition field holding the blocks: "key_figures" or "lists"
    create_text = ""
    create_tip = ""
    missing_text = ""  # no block has the section's ref, shown as {ref}
    unlinked_text = ""  # the section names no block at all
    stretch: str | None = None  # the items column that takes the spare width
    panel_title = ""

    form: FieldForm
    table: RecordTable

    def __init__(self, session: DocumentSession, section_key: str, parent: QWidget | None = None) -> None:
        super().__init__(session, section_key, parent)
        self._shown: int | None = None
        self.panel: QWidget | None = None
        self.missing = QWidget()
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.create_button = QPushButton(self.create_text)
        self.create_button.setToolTip(self.create_tip)
        self.create_button.setStatusTip(self.create_tip)
        self.create_button.setEnabled(not session.read_only)
        self.create_button.clicked.connect(self.create_block)
        missing_layout = QVBoxLayout(self.missing)
        missing_layout.setContentsMargins(0, 0, 0, 0)
        missing_layout.addWidget(self.missing_label)
        missing_layout.addWidget(self.create_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.holder = QVBoxLayout()
        self.holder.addWidget(self.missing)
        self.content.addLayout(self.holder)
        # Connected before any block widget, so a stale block panel is gone
        # before its models would read a path that no longer exists.
        session.edition_updated.connect(self._ref_updated)
        self._follow_ref()

    def block_index(self) -> int | None:
        section = self.section()
        if section is None:
            return None
        keys = [block.key for block in getattr(self.session.edition, self.collection)]
        return keys.index(section.ref) if section.ref in keys else None

    def blocks_path(self) -> FieldPath:
        return getattr(EDITION, self.collection)

    def block_path(self) -> FieldPath | None:
        return None if self._shown is None else self.blocks_path()[self._shown]

    def add_fields(self, path: FieldPath) -> None:
        """Add the block's own fields (title…) to ``self.form``; ``path`` is e.g. ``EDITION.lists[2]``."""
        raise NotImplementedError

    def items_model(self, path: FieldPath, parent: QWidget) -> RecordTableModel:
        """The model over the block's items (``path`` + ``.items``)."""
        raise NotImplementedError

    def new_block(self, key: str, title: str) -> Any:
        raise NotImplementedError

    def build_panel(self, path: FieldPath) -> QWidget:
        panel = QGroupBox(self.panel_title)
        self.form = FieldForm(self.session, panel)
        self.add_fields(path)
        self.table = record_table(self.items_model(path, panel), stretch=self.stretch)
        layout = QVBoxLayout(panel)
        layout.addWidget(self.form)
        layout.addWidget(self.table)
        return panel

    def _ref_updated(self, update: EditionUpdate) -> None:
        # The block shown is the one the section's ref names, found by its key.
        position = self.section_index()
        if position is None or update.touches_path(EDITION.outline[position].ref, self.blocks_path()):
            self._follow_ref()

    def _follow_ref(self) -> None:
        index = self.block_index()
        if self.panel is not None and index == self._shown:
            return
        if self.panel is not None:
            self.holder.removeWidget(self.panel)
            # Deleted at once (not later): its models must not see this change.
            shiboken6.delete(self.panel)
            self.panel = None
        self._shown = index
        section = self.section()
        if index is None:
            ref = section.ref if section is not None else ""
            self.missing_label.setText(self.missing_text.format(ref=ref) if ref else self.unlinked_text)
            self.missing.setVisible(section is not None)
            return
        self.missing.hide()
        self.panel = self.build_panel(self.blocks_path()[index])
        self.holder.addWidget(self.panel)

    def create_block(self) -> None:
        """Create an empty block with a fresh key and point the section to it, as one step."""
        edition = self.session.edition
        position = self.section_index()
        if edition is None or position is None or self.session.read_only:
            return
        section = edition.outline[position]
        blocks = getattr(edition, self.collection)
        key = fresh_key(section.ref or section.heading or self.collection, {block.key for block in blocks})
        result = edit.insert_item(
            edition, self.blocks_path(), len(blocks), self.new_block(key, section.heading)
        )
        result = edit.with_value(result, EDITION.outline[position].ref, key)
        self.session.apply(self.create_text, result)

    def focus_field(self, path: str) -> bool:
        block = self.block_path()
        if self.section_index() is not None and path == str(self.section_path().ref):
            if block is None:
                self.create_button.setFocus()
            else:
                self.form.focus_field(str(block.title))
            return True
        if block is not None and (path == str(block) or path.startswith(f"{block}.")):
            if not (self.form.focus_field(path) or focus_table(self.table, path)):
                self.form.focus_field(str(block.title))
            return True
        return super().focus_field(path)
