"""The schema that the migrations build agrees with the model, field by field."""

from __future__ import annotations

import dataclasses
import sqlite3
import types
import typing
from enum import Enum
from pathlib import Path

import pytest

from avereport.model.dates import FuzzyDate
from avereport.model.edition import Edition
from avereport.store import APPLICATION_ID, SCHEMA_VERSION, open_document
from avereport.store.layout import EDITION, TABLES
from avereport.store.migrations import MIGRATIONS


def _bare(tp: object) -> tuple[object, bool]:
    """(type without ``| None``, whether None is allowed)."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        (inner,) = (a for a in typing.get_args(tp) if a is not type(None))
        return inner, True
    return tp, False


def _sql_type(tp: object) -> str:
    if tp is FuzzyDate or tp is str or (isinstance(tp, type) and issubclass(tp, Enum)):
        return "TEXT"
    return {int: "INTEGER", bool: "INTEGER", float: "REAL", bytes: "BLOB"}[tp]


def model_leaves(cls: type = Edition, where: str = "") -> dict[str, tuple[str, bool]]:
    """Every stored value of the model: path -> (SQL type, nullable). List
    items are marked "[]"; texts in a list are leaves themselves."""
    leaves = {}
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        tp, nullable = _bare(hints[f.name])
        path = f"{where}.{f.name}"
        if typing.get_origin(tp) is tuple:
            item = typing.get_args(tp)[0]
            if dataclasses.is_dataclass(item):
                leaves.update(model_leaves(item, path + "[]"))
            else:
                leaves[path + "[]"] = (_sql_type(item), False)
        elif dataclasses.is_dataclass(tp) and tp is not FuzzyDate:
            leaves.update(model_leaves(tp, path))
        else:
            leaves[path] = (_sql_type(tp), nullable)
    return leaves


def table_info(conn: sqlite3.Connection, table: str) -> dict[str, tuple[str, bool]]:
    return {
        name: (kind, not notnull and not pk)
        for _cid, name, kind, notnull, _default, pk in conn.execute(f'PRAGMA table_info("{table}")')
    }


@pytest.fixture
def schema(tmp_path: Path) -> sqlite3.Connection:
    path = tmp_path / "neuf.db"
    open_document(path, create=True).close()
    conn = sqlite3.connect(path)
    yield conn
    conn.close()


def test_migrations_are_numbered_from_one_without_gaps():
    assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION + 1))
    assert SCHEMA_VERSION >= 2


def test_new_document_carries_its_type_and_version(tmp_path):
    path = tmp_path / "neuf.db"
    open_document(path, create=True).close()
    header = path.read_bytes()[:100]
    assert int.from_bytes(header[68:72], "big") == APPLICATION_ID
    assert int.from_bytes(header[60:64], "big") == SCHEMA_VERSION
    assert APPLICATION_ID.to_bytes(4, "big") == b"AVER"


def test_every_model_field_has_a_column_of_its_type(schema):
    """The layout's tables and the migrated schema store exactly the model:
    a field added to the model without a migration fails here."""
    stored: dict[str, tuple[str, bool]] = {}
    prefixes = {EDITION: ""}
    for column, info in table_info(schema, EDITION).items():
        if column != "id":
            stored[f".{column}"] = info
    for spec in TABLES:
        prefix = f"{prefixes[spec.parent]}.{spec.attr}" + ("" if spec.single else "[]")
        prefixes[spec.name] = prefix
        bookkeeping = {"edition_id"} if spec.single else {"id", spec.parent_column, "position"}
        if spec.cls is not str and "id" in {f.name for f in dataclasses.fields(spec.cls)}:
            # The model's own id is the row key: never NULL once stored,
            # None in the model until then.
            bookkeeping.discard("id")
        for column, (kind, nullable) in table_info(schema, spec.name).items():
            if column == spec.text_column:
                stored[prefix] = (kind, nullable)
            elif column == "id" and column not in bookkeeping:
                stored[f"{prefix}.id"] = (kind, True)
            elif column not in bookkeeping:
                stored[f"{prefix}.{column}"] = (kind, nullable)
    assert stored == model_leaves()


def test_schema_tables_are_the_layout(schema):
    tables = {
        name
        for (name,) in schema.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
        )
    }
    assert tables == {EDITION, "history"} | {spec.name for spec in TABLES}


def test_children_belong_to_their_parent_and_are_indexed(schema):
    for spec in TABLES:
        column = "edition_id" if spec.single else spec.parent_column
        parent = EDITION if spec.single else spec.parent
        foreign = {
            (row[3], row[2], row[6]) for row in schema.execute(f'PRAGMA foreign_key_list("{spec.name}")')
        }
        assert (column, parent, "CASCADE") in foreign, spec.name
        for ref in spec.references:
            assert any(c == ref.column and t == ref.table for c, t, _ in foreign), spec.name
        if spec.single:
            continue
        # Reading an edition looks rows up by parent: an index must lead with it.
        leading = {
            schema.execute(f'PRAGMA index_info("{index}")').fetchone()[2]
            for _seq, index, *_rest in schema.execute(f'PRAGMA index_list("{spec.name}")')
        }
        assert column in leading, spec.name
        assert {ref.column for ref in spec.references} <= leading, spec.name
