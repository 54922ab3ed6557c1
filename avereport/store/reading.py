"""Reading an edition with the standard library's sqlite3 only.

This is the path of every command that only looks at a document, so it must
stay free of heavy imports (sqlite-utils pulls in numpy).

Every value is checked against the model as it is read: a file damaged, or
written by another program, can hold a text where a number belongs, a
missing value or an unknown choice. The read is then refused with a
``DocumentError`` naming the table and column, never half done.
"""

from __future__ import annotations

import functools
import typing
from collections import defaultdict
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

from avereport.model.dates import FuzzyDate
from avereport.model.edition import Edition
from avereport.model.limits import MARKDOWN_FIELDS, Bounds, bounds_of
from avereport.model.nesting import NestingError, check_nesting
from avereport.store.errors import DocumentError, quoted
from avereport.store.layout import EDITION, SPECS, TABLES, TableSpec
from avereport.store.mapping import Column, columns_of
from avereport.store.opening import Connection

T = TypeVar("T")

# The Python types sqlite3 returns for the values a field may hold.
_STORED_AS: dict[Any, tuple[type, ...]] = {
    str: (str,),
    int: (int,),
    bool: (int,),
    float: (int, float),
    bytes: (bytes,),
    FuzzyDate: (str,),
}


@dataclass(frozen=True, slots=True)
class _Field:
    column: Column
    stored_as: tuple[type, ...]
    optional: bool
    bounds: Bounds | None = None
    markdown: bool = False

    def refuses(self, value: Any) -> bool:
        """A number beyond the model's limits or a text nested too deep:
        what a hand-made file may hold and the app would choke on."""
        if self.bounds is not None:
            return value not in self.bounds
        if self.markdown:
            try:
                check_nesting(value)
            except NestingError:
                return True
        return False


@functools.cache
def _fields(cls: type) -> tuple[_Field, ...]:
    """The columns of dataclass ``cls`` with what may be stored in them."""
    hints = typing.get_type_hints(cls)
    fields = []
    for column in columns_of(cls):
        kind = hints[column.name]
        optional = type(None) in typing.get_args(kind)
        if optional:
            (kind,) = (arg for arg in typing.get_args(kind) if arg is not type(None))
        if isinstance(kind, type) and issubclass(kind, Enum):
            stored_as = tuple({type(member.value) for member in kind})
        else:
            stored_as = _STORED_AS[kind]
        bounds = bounds_of(cls, column.name, kind)
        fields.append(_Field(column, stored_as, optional, bounds, (cls, column.name) in MARKDOWN_FIELDS))
    return tuple(fields)


@functools.cache
def _text_field(name: str) -> _Field:
    """The column of a list of texts."""
    return _Field(Column(name, str, str), (str,), optional=False)


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
            f"SELECT t.id, t.edition_id, {values} FROM {table} t WHERE t.edition_id = ? ORDER BY t.position"
        )
    parent = SPECS[spec.parent]
    return (
        f"SELECT t.id, t.{_quote(spec.parent_column)}, {values} FROM {table} t"
        f" JOIN {_quote(parent.name)} p ON p.id = t.{_quote(spec.parent_column)}"
        " WHERE p.edition_id = ? ORDER BY t.position"
    )


def _invalid(conn: Connection, table: str, column: str) -> DocumentError:
    return DocumentError(
        f"Le fichier {quoted(conn.shown)} est endommagé ou a été modifié par un autre"
        f" programme : la colonne « {column} » de la table « {table} » contient une valeur"
        " invalide.",
        path=conn.shown,
    )


def _value(conn: Connection, table: str, field: _Field, value: Any) -> Any:
    if value is None:
        if field.optional:
            return None
    elif type(value) in field.stored_as and not field.refuses(value):
        try:
            return field.column.from_sql(value)
        except ValueError:  # an unknown choice, an impossible date
            pass  # refused below, as any invalid value
    raise _invalid(conn, table, field.column.name)


def _values(conn: Connection, table: str, fields: tuple[_Field, ...], row: Any) -> dict[str, Any]:
    return {
        field.column.name: _value(conn, table, field, value) for field, value in zip(fields, row, strict=True)
    }


def edition_id(conn: Connection, year: int) -> int | None:
    row = conn.execute("SELECT id FROM edition WHERE year = ?", (year,)).fetchone()
    return None if row is None else row[0]


def years(conn: Connection) -> list[int]:
    return [year for (year,) in conn.execute("SELECT year FROM edition ORDER BY year")]


def read_edition(conn: Connection, year: int) -> Edition | None:
    """The edition of ``year`` with ids that are the rows' ids, or None."""
    fields = _fields(Edition)
    names = ", ".join(_quote(f.column.name) for f in fields)
    row = conn.execute(f"SELECT id, {names} FROM edition WHERE year = ?", (year,)).fetchone()
    if row is None:
        return None
    key, *values = row
    edition_values = _values(conn, EDITION, fields, values)
    # Every row, checked, before anything is built: (row id, owner's row id, values).
    rows: dict[str, list[tuple[int, int, dict[str, Any]]]] = {}
    known: dict[str, set[int]] = {EDITION: {key}}
    for spec in TABLES:
        owners = known[spec.parent]
        fields = (_text_field(spec.text_column),) if spec.text_column else _fields(spec.cls)
        found = rows[spec.name] = []
        for row_id, owner_id, *values in conn.execute(_select(spec), (key,)):
            if owner_id not in owners:
                raise _invalid(conn, spec.name, "edition_id" if spec.single else spec.parent_column)
            found.append((row_id, owner_id, _values(conn, spec.name, fields, values)))
        known[spec.name] = {row_id for row_id, _, _ in found}
    # The records are immutable: built from the leaves up, each owner's
    # attributes gathered first (a part's values, its lists' items in order).
    attributes: dict[tuple[str, int], dict[str, Any]] = defaultdict(dict)
    for spec in reversed(TABLES):
        for row_id, owner_id, checked in rows[spec.name]:
            *parts, name = spec.attr.split(".")
            owner = attributes[spec.parent, owner_id]
            for part in parts:
                owner = owner.setdefault(part, {})
            if spec.single:
                owner.setdefault(name, {}).update(checked)
                continue
            if spec.text_column:
                item = checked[spec.text_column]
            else:
                item = _built(spec.cls, {**checked, **attributes.pop((spec.name, row_id), {})})
            owner.setdefault(name, []).append(item)
    return _built(Edition, {**edition_values, **attributes[EDITION, key]})


def _built(cls: type[T], attributes: dict[str, Any]) -> T:
    """``cls`` from gathered attributes: a dict is a part, a list a sequence."""
    # A class is hashable; mypy thinks not (python/mypy#20409).
    hints = _hints(cls)  # type: ignore[arg-type]
    values = {}
    for name, value in attributes.items():
        if isinstance(value, dict):
            value = _built(hints[name], value)
        elif isinstance(value, list):
            value = tuple(value)
        values[name] = value
    return cls(**values)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)
