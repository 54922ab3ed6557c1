"""Writing an edition; runs inside the caller's transaction.

The ids an edition carries (board members, staff) only need to be consistent
within it; every row gets a fresh integer primary key here and references
are rewritten to those keys.

An edit usually changes a few fields of records that stay where they are:
``update_edition`` then rewrites only the rows that differ, in place, which
takes a fraction of the time of inserting the whole edition again.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

from avereport.model.edition import Edition
from avereport.model.limits import first_refused
from avereport.store.errors import DocumentError, quoted
from avereport.store.images import LogoError, validate_logo
from avereport.store.layout import EDITION, SPECS, TABLES, TableSpec, get_path
from avereport.store.mapping import to_row
from avereport.store.opening import TEXT_MAX_BYTES

_TOO_LONG = f"un texte dépasse {TEXT_MAX_BYTES // 1024 // 1024} Mo, la taille permise"


@dataclass(slots=True)
class _Placed:
    row_id: int
    owner_id: int
    position: int
    item: Any


Refusal = Callable[[str], DocumentError]


def _refusal(edition: Edition, path: Path) -> Refusal:
    def refused(reason: str) -> DocumentError:
        return DocumentError(
            f"L'édition {edition.year} n'a pas été enregistrée dans {quoted(path)} : {reason}.",
            path=path,
        )

    return refused


def _check_logo(edition: Edition, refused: Refusal) -> None:
    # What reading a document refuses is never written (see ``opening``).
    if edition.organisation.logo is not None:
        try:
            validate_logo(edition.organisation.logo)
        except LogoError as exc:
            raise refused(f"le logo est refusé ({exc.reason})") from None


def insert_edition(conn: sqlite3.Connection, edition: Edition, path: Path) -> None:
    refused = _refusal(edition, path)
    _check_logo(edition, refused)
    beyond = first_refused(edition)
    if beyond:
        raise refused(beyond)  # it would be refused when read back

    edition_id = _insert_one(conn, EDITION, to_row(edition))
    placed: dict[str, list[_Placed]] = {}
    # Per table: the edition's own ids -> the new primary keys.
    new_keys: dict[str, dict[int, int]] = {}
    for spec in TABLES:
        if spec.single:
            continue
        if spec.parent == EDITION:
            owners = [(edition_id, edition)]
        else:
            owners = [(p.row_id, p.item) for p in placed[spec.parent]]
        (last,) = conn.execute(f'SELECT coalesce(max(id), 0) FROM "{spec.name}"').fetchone()
        rows = placed[spec.name] = []
        keys = new_keys[spec.name] = {}
        for owner_id, owner in owners:
            for position, item in enumerate(get_path(owner, spec.attr)):
                last += 1
                rows.append(_Placed(last, owner_id, position, item))
                own_id = getattr(item, "id", None)
                if own_id is not None:
                    if own_id in keys:
                        raise refused(f"l'identifiant {own_id} figure deux fois parmi les {spec.label}")
                    keys[own_id] = last

    for spec in TABLES:
        if spec.single:
            row = to_row(get_path(edition, spec.attr))
            if _too_long(row):
                raise refused(_TOO_LONG)
            _insert_one(conn, spec.name, {"edition_id": edition_id, **row})
            continue
        records = []
        for p in placed[spec.name]:
            row = {spec.text_column: p.item} if spec.text_column else to_row(p.item)
            row.update({"id": p.row_id, spec.parent_column: p.owner_id, "position": p.position})
            for ref in spec.references:
                target = row[ref.column]
                if target is not None:
                    if target not in new_keys[ref.table]:
                        label = SPECS[ref.table].label
                        raise refused(f"l'identifiant {target} ne correspond à aucun des {label}")
                    row[ref.column] = new_keys[ref.table][target]
            records.append(row)
        if any(_too_long(row) for row in records):
            raise refused(_TOO_LONG)
        _insert_all(conn, spec.name, records)


def _insert_one(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> int:
    """INSERT ``row`` into ``table``; the new row's key."""
    names = ", ".join(f'"{name}"' for name in row)
    marks = ", ".join("?" * len(row))
    cursor = conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', list(row.values()))
    assert cursor.lastrowid is not None  # set by every INSERT
    return cursor.lastrowid


def _insert_all(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """INSERT ``rows`` into ``table`` with one prepared statement. The rows of
    a list table all come from one record type, so they have the same columns
    (at least id, parent and position); a row that had not raises KeyError."""
    if not rows:
        return
    columns = list(rows[0])
    names = ", ".join(f'"{name}"' for name in columns)
    marks = ", ".join("?" * len(columns))
    conn.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', map(itemgetter(*columns), rows))


def update_edition(
    conn: sqlite3.Connection, edition_id: int, before: Edition, after: Edition, path: Path
) -> bool:
    """Turn the rows of ``before``, stored as edition ``edition_id``, into
    those of ``after`` by updating only the rows that differ.

    Returns False, having written nothing, when that is not possible: the
    year changed, records were added, removed or moved, an id changed, or
    the file does not hold ``before``. The caller then writes the whole edition."""
    try:
        updates = _InPlace(conn, edition_id, _refusal(after, path)).updates(before, after)
    except _NotInPlace:
        return False
    for table, key, key_value, values in updates:
        assignments = ", ".join(f'"{name}" = ?' for name in values)
        conn.execute(f'UPDATE "{table}" SET {assignments} WHERE "{key}" = ?', [*values.values(), key_value])
    return True


class _NotInPlace(Exception):
    """The change cannot be written by updating rows in place."""


class _InPlace:
    """The UPDATEs that turn one state of a stored edition into another."""

    def __init__(self, conn: sqlite3.Connection, edition_id: int, refused: Refusal) -> None:
        self.conn = conn
        self.edition_id = edition_id
        self.refused = refused
        # Per list table: the records of ``after`` in the order of their rows,
        # and the rows' ids once needed.
        self.records: dict[str, list[Any]] = {}
        self.row_ids: dict[str, list[int]] = {}

    def updates(self, before: Edition, after: Edition) -> list[tuple[str, str, int, dict[str, Any]]]:
        """(table, key column, key, new values) of each row to update."""
        if before.year != after.year:
            raise _NotInPlace
        updates = []
        values = _changed(to_row(before), to_row(after))
        if values:
            updates.append((EDITION, "id", self.edition_id, values))
        owners: dict[str, tuple[list[Any], list[Any]]] = {EDITION: ([before], [after])}
        for spec in TABLES:
            if spec.single:
                old, new = get_path(before, spec.attr), get_path(after, spec.attr)
                values = {} if old is new else _changed(to_row(old), to_row(new))
                if values:
                    updates.append((spec.name, "edition_id", self.edition_id, values))
                continue
            old_lists = [get_path(owner, spec.attr) for owner in owners[spec.parent][0]]
            new_lists = [get_path(owner, spec.attr) for owner in owners[spec.parent][1]]
            if any(len(old) != len(new) for old, new in zip(old_lists, new_lists, strict=True)):
                raise _NotInPlace  # records added or removed
            olds = [item for items in old_lists for item in items]
            news = self.records[spec.name] = [item for items in new_lists for item in items]
            owners[spec.name] = (olds, news)
            for number, (old, new) in enumerate(zip(olds, news, strict=True)):
                if old is not new:
                    values = self._row_values(spec, old, new)
                    if values:
                        updates.append((spec.name, "id", self._ids(spec)[number], values))
        if after.organisation is not before.organisation:
            _check_logo(after, self.refused)
        if any(_too_long(values) for *_, values in updates):
            raise self.refused(_TOO_LONG)
        return updates

    def _row_values(self, spec: TableSpec, old: Any, new: Any) -> dict[str, Any]:
        """The columns of a record's row that change, references as row ids."""
        if spec.text_column:
            return _changed({spec.text_column: old}, {spec.text_column: new})
        old_row, new_row = to_row(old), to_row(new)
        if old_row.pop("id", None) != new_row.pop("id", None):
            raise _NotInPlace  # what refers to it would change meaning
        values = _changed(old_row, new_row)
        for ref in spec.references:
            target = values.get(ref.column)
            if target is not None:
                number = next(
                    (n for n, item in enumerate(self.records[ref.table]) if item.id == target), None
                )
                if number is None:
                    raise self.refused(
                        f"l'identifiant {target} ne correspond à aucun des {SPECS[ref.table].label}"
                    )
                values[ref.column] = self._ids(SPECS[ref.table])[number]
        return values

    def _ids(self, spec: TableSpec) -> list[int]:
        """The ids of the edition's rows of ``spec``, by owner then position
        (the order of its records)."""
        if spec.name not in self.row_ids:
            chain = [spec]
            while chain[-1].parent != EDITION:
                chain.append(SPECS[chain[-1].parent])
            joins = "".join(
                f' JOIN "{parent.name}" t{depth + 1} ON t{depth + 1}.id = t{depth}."{child.parent_column}"'
                for depth, (child, parent) in enumerate(itertools.pairwise(chain))
            )
            order = ", ".join(f"t{depth}.position" for depth in reversed(range(len(chain))))
            where = f"t{len(chain) - 1}.edition_id = ?"
            sql = f'SELECT t0.id FROM "{spec.name}" t0{joins} WHERE {where} ORDER BY {order}'
            ids = [row_id for (row_id,) in self.conn.execute(sql, (self.edition_id,))]
            if len(ids) != len(self.records[spec.name]):
                raise _NotInPlace  # the file does not hold ``before``
            self.row_ids[spec.name] = ids
        return self.row_ids[spec.name]


def _changed(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in new.items() if old[name] != value}


def _too_long(row: dict[str, Any]) -> bool:
    return any(isinstance(v, str) and len(v.encode()) > TEXT_MAX_BYTES for v in row.values())
