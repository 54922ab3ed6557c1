"""Reading an edition with the standard library's sqlite3 only.

This is the path of every command that only looks at a document, so it must
stay free of heavy imports (sqlite-utils pulls in numpy).
"""

from __future__ import annotations

import functools
import sqlite3

from avereport.model.edition import Edition
from avereport.store.layout import EDITION, SPECS, TABLES, TableSpec, get_path
from avereport.store.mapping import columns_of, from_values


def _quote(name: str) -> str:
    return f'"{name}"'


@functools.cache
def _select(spec: TableSpec) -> str:
    """Rows of ``spec`` for one edition: key, parent key, then the values."""
    names = [spec.text_column] if spec.text_column else [c.name for c in columns_of(spec.cls)]
    values = ", ".join(f"t.{_quote(name)}" for name in names)
    table = _quote(spec.name)
    if spec.single:
        return f"SELECT t.edition_id, t.edition_id, {values} FROM {table} t WHERE t.edition_id = ?"
    if spec.parent == EDITION:
        return (
            f"SELECT t.id, t.edition_id, {values} FROM {table} t"
            " WHERE t.edition_id = ? ORDER BY t.position"
        )
    parent = SPECS[spec.parent]
    return (
        f"SELECT t.id, t.{_quote(spec.parent_column)}, {values} FROM {table} t"
        f" JOIN {_quote(parent.name)} p ON p.id = t.{_quote(spec.parent_column)}"
        " WHERE p.edition_id = ? ORDER BY t.position"
    )


def edition_id(conn: sqlite3.Connection, year: int) -> int | None:
    row = conn.execute("SELECT id FROM edition WHERE year = ?", (year,)).fetchone()
    return None if row is None else row[0]


def years(conn: sqlite3.Connection) -> list[int]:
    return [year for (year,) in conn.execute("SELECT year FROM edition ORDER BY year")]


def read_edition(conn: sqlite3.Connection, year: int) -> Edition | None:
    """The edition of ``year`` with ids that are the rows' ids, or None."""
    names = ", ".join(_quote(c.name) for c in columns_of(Edition))
    row = conn.execute(f"SELECT id, {names} FROM edition WHERE year = ?", (year,)).fetchone()
    if row is None:
        return None
    key, *values = row
    edition = from_values(Edition, values)
    # Objects of each table by row id, for their children to find them.
    objects: dict[str, dict[int, object]] = {EDITION: {key: edition}}
    for spec in TABLES:
        owners = objects[spec.parent]
        built: dict[int, object] = {}
        for row_id, owner_id, *values in conn.execute(_select(spec), (key,)):
            owner = owners[owner_id]
            if spec.single:
                part = get_path(owner, spec.attr)
                for column, value in zip(columns_of(spec.cls), values, strict=True):
                    setattr(part, column.name, None if value is None else column.from_sql(value))
                continue
            item = values[0] if spec.text_column else from_values(spec.cls, values)
            get_path(owner, spec.attr).append(item)
            built[row_id] = item
        objects[spec.name] = built
    return edition
