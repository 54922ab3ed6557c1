"""What the governance editors share: region choices, fresh ids, tables, and
putting the cursor on a record's field."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from avereport.model.edition import Edition
from avereport.model.regions import Region
from avereport.ui.editors.base import row_of
from avereport.ui.tables.record_model import RecordTableModel
from avereport.ui.tables.record_table import RecordTable

NO_REGION = "— (aucune)"


def region_choices(edition: Edition) -> Sequence[tuple[Region | None, str]]:
    """Every region by its French label; "no region" first, so an empty cell opens on it."""
    return [(None, NO_REGION), *((region, region.label) for region in Region)]


def fresh_id(records: Iterable[Any]) -> int:
    """An id no record of the list has yet."""
    return max((record.id for record in records if record.id is not None), default=0) + 1


def record_table(model: RecordTableModel) -> RecordTable:
    return RecordTable(model)


def focus_record(table: RecordTable, path: str) -> bool:
    """Put the cursor on the cell ``path`` names (e.g. ``governance.staff[2].end``)."""
    found = row_of(path, table.model.list_path)
    if found is None:
        return False
    row, field = found
    if not 0 <= row < table.model.rowCount():
        return False
    table.select_field(row, field)
    return True
