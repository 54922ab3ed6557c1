"""Which spreadsheet table (``avereport.spreadsheets.tables``) a table of the
app is, so that a paste or an import goes through the same checks as the
``import`` command.

A record table of the app shows the list at its model's ``list_path``; the
spreadsheet table storing the same list is that table (its columns are in
the app's order, tests/test_spreadsheet_tables.py keeps them in step). A
table of the app with no spreadsheet table of its own (followers, metrics,
membership groups…) is pasted into through a table made from its own
columns: same reading of the cells, same model checks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt

from avereport.model.edition import Edition
from avereport.model.paths import EDITION
from avereport.spreadsheets import tables as sheet
from avereport.ui.tables.columns import Column as AppColumn
from avereport.ui.tables.record_model import RecordTableModel

Computed = Callable[[Edition], list[Any]]


def named_table(model: RecordTableModel, edition: Edition | None) -> sheet.Table | None:
    """The spreadsheet table storing the list ``model`` shows, or None."""
    if edition is None:
        return None
    for table in sheet.tables_of(edition):
        if isinstance(table, sheet.RecordTable) and table.list_path(edition) == model.list_path:
            return table
        if (
            isinstance(table, sheet.TextListTable)
            and EDITION.lists[table.index(edition)].items == model.list_path
        ):
            return table
    return None


def paste_table(model: RecordTableModel, edition: Edition) -> sheet.Table:
    """The table a paste into ``model`` goes through: its named one, or one
    made from the app's columns."""
    return named_table(model, edition) or _own_table(model, edition)


def _own_table(model: RecordTableModel, edition: Edition) -> sheet.RecordTable:
    sample = model.new_record(edition)
    fields = {f.name for f in dataclasses.fields(sample)}
    columns = [
        _sheet_column(column, edition, computed=None if column.field in fields else _shown_texts(model, n))
        for n, column in enumerate(model.columns)
    ]
    # Columns a model shows after its record's fields (membership's computed ones).
    for n in range(len(model.columns), model.columnCount()):
        title = str(model.headerData(n, Qt.Orientation.Horizontal) or "").replace("\n", " ")
        columns.append(sheet.Column(f"computed-{n}", title, computed=_shown_texts(model, n)))
    source = next((name for name in ("name", "label", "network") if name in fields), None)
    return sheet.RecordTable(
        name="",
        title=model.noun,
        path=model.list_path,
        record=type(sample),
        columns=tuple(columns),
        new_record=lambda: model.new_record(edition),
        # A new row gets a key no other row of the list has (made from its name).
        key_field=("key", source) if "key" in fields and source is not None else None,
        id_field="id" if "id" in fields else None,
    )


def _sheet_column(column: AppColumn, edition: Edition, computed: Computed | None) -> sheet.Column:
    choices = tuple(column.choices(edition)) if column.choices is not None else ()
    title = column.header.replace("\n", " ")
    return sheet.Column(column.field, title, sheet.Kind[column.kind.name], (), choices, computed=computed)


def _shown_texts(model: RecordTableModel, number: int) -> Computed:
    """A computed column's values as the table shows them now (a pasted cell
    equal to its shown text is no refusal)."""
    return lambda _edition: [model.index(row, number).data() or "" for row in range(model.rowCount())]
