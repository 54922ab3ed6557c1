"""The schema's history: numbered forward migrations, applied in order.

``MIGRATIONS[n]`` turns a version ``n - 1`` document into version ``n``; a new
document is an empty file taken through all of them. Each step runs in one
transaction with foreign keys off (the only way to rebuild a table that
others reference without firing their ON DELETE actions) and checks them
before committing.

Migrations are frozen: they spell out their tables literally, never from the
model, so that an old file is always upgraded from exactly what it holds.
The small helpers below are part of that frozen DDL; a later migration that
needs other conventions gets new helpers rather than changing these.

sqlite-utils (slow to import) is only loaded when a migration runs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.db import ForeignKey

# "AVER": tells an avereport document from any other SQLite file.
APPLICATION_ID = 0x41564552

_TYPES = {"text": str, "int": int, "bool": int, "real": float, "blob": bytes}


def _columns(columns: dict[str, str]) -> tuple[dict[str, type], set[str], dict[str, str]]:
    """``{"name": "text", "count": "int?"}``: a trailing "?" allows NULL;
    required text defaults to ''."""
    types, not_null, defaults = {}, set(), {}
    for name, kind in columns.items():
        base = kind.rstrip("?")
        types[name] = _TYPES[base]
        if not kind.endswith("?"):
            not_null.add(name)
            if base == "text":
                defaults[name] = ""
    return types, not_null, defaults


def _foreign_key(table: str, column: str, other: str, on_delete: str) -> ForeignKey:
    from sqlite_utils.db import ForeignKey

    return ForeignKey(table, column, other, "id", on_delete=on_delete)


def _edition_part(db: Database, name: str, columns: dict[str, str]) -> None:
    """A table of a part that exists once per edition."""
    types, not_null, defaults = _columns(columns)
    db.create_table(
        name,
        {"edition_id": int, **types},
        pk="edition_id",
        not_null=not_null,
        defaults=defaults,
        foreign_keys=[_foreign_key(name, "edition_id", "edition", "CASCADE")],
    )


def _list_table(
    db: Database,
    name: str,
    columns: dict[str, str],
    *,
    parent: str = "edition",
    references: Iterable[tuple[str, str, str]] = (),
) -> None:
    """An ordered list whose rows belong to a ``parent`` row; ``references``
    are (column, table, ON DELETE action) of further foreign keys."""
    parent_column = f"{parent}_id"
    types, not_null, defaults = _columns(columns)
    db.create_table(
        name,
        {"id": int, parent_column: int, "position": int, **types},
        pk="id",
        not_null={parent_column, "position", *not_null},
        defaults=defaults,
        foreign_keys=[
            _foreign_key(name, parent_column, parent, "CASCADE"),
            *(_foreign_key(name, column, other, action) for column, other, action in references),
        ],
    )
    db.table(name).create_index([parent_column, "position"])
    for column, _other, _action in references:
        db.table(name).create_index([column])


def _create_version_1(db: Database) -> None:
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.create_table("edition", {"id": int, "year": int}, pk="id", not_null={"year"})
    db.table("edition").create_index(["year"], unique=True)

    _edition_part(
        db,
        "organisation",
        {
            "name": "text",
            "address": "text",
            "phone": "text",
            "email": "text",
            "website": "text",
            "logo": "blob?",
            "primary_colour": "text",
            "secondary_colour": "text",
        },
    )

    _edition_part(db, "membership", {"as_of": "text?", "declared_total": "int?"})
    _list_table(
        db,
        "member_group",
        {
            "key": "text",
            "name": "text",
            "declared_total": "int?",
            "in_total": "bool",
            "retired": "bool",
        },
    )
    _list_table(
        db,
        "member_category",
        {"key": "text", "name": "text", "count": "int?", "structure": "text", "retired": "bool"},
        parent="member_group",
    )
    _list_table(db, "membership_note", {"date": "text?", "text": "text"})

    _list_table(
        db,
        "coverage",
        {
            "kind": "text",
            "total": "int?",
            "members": "int?",
            "grouped_plie": "int?",
            "as_of": "text?",
            "map_date": "text?",
        },
    )
    _list_table(db, "region_count", {"kind": "text", "region": "text", "count": "int"})

    _edition_part(db, "governance", {"mandate_years": "int?", "mandate_end": "text?"})
    # Version 1 kept a member's functions as one text, one function per line.
    _list_table(
        db,
        "board_member",
        {
            "surname": "text",
            "first_name": "text",
            "region": "text?",
            "college": "text",
            "functions": "text",
        },
    )
    _list_table(
        db,
        "bureau_role",
        {"member_id": "int", "role": "text", "since": "text?"},
        references=[("member_id", "board_member", "CASCADE")],
    )
    _list_table(
        db,
        "governance_event",
        {
            "date": "text?",
            "kind": "text",
            "person": "text",
            "role": "text",
            "description": "text",
        },
    )
    _list_table(db, "meeting", {"kind": "text", "date": "text?", "place": "text", "label": "text"})
    _list_table(
        db,
        "regional_body",
        {"region": "text?", "name": "text", "description": "text", "website": "text"},
    )
    _list_table(
        db,
        "staff_member",
        {
            "name": "text",
            "role": "text",
            "start": "text?",
            "end": "text?",
            "replaces_id": "int?",
            "reason": "text",
        },
        references=[("replaces_id", "staff_member", "SET NULL")],
    )

    _edition_part(db, "training", {"note": "text"})
    _list_table(
        db,
        "training_session",
        {
            "module": "text",
            "date": "text?",
            "mode": "text",
            "plie": "int",
            "mde": "int",
            "collectivites": "int",
            "autres": "int",
        },
    )
    _list_table(db, "training_module", {"name": "text", "new": "bool"})
    _list_table(
        db,
        "assistance_indicator",
        {
            "key": "text",
            "label": "text",
            "value": "int?",
            "unit": "text",
            "qualifier": "text",
            "compare_year": "int?",
            "compare_value": "int?",
        },
    )
    _list_table(
        db,
        "user_club",
        {"name": "text", "software": "text", "audience": "text", "meetings": "int?"},
    )

    _edition_part(
        db,
        "communication",
        {
            "website_visits": "int?",
            "top_page": "text",
            "top_page_visits": "int?",
            "top_page_qualifier": "text",
            "job_offers": "int?",
        },
    )
    _list_table(
        db,
        "follower_account",
        {"network": "text", "handle": "text", "count": "int?", "qualifier": "text"},
    )
    _list_table(db, "reach_tier", {"min_views": "int", "posts": "int"})
    _list_table(
        db,
        "webinar",
        {
            "date": "text?",
            "title": "text",
            "partner": "text",
            "participants": "int?",
            "qualifier": "text",
        },
    )
    _list_table(
        db,
        "communication_metric",
        {"key": "text", "label": "text", "value": "real?", "unit": "text"},
    )

    _list_table(db, "key_figure_block", {"key": "text", "title": "text", "source": "text"})
    _list_table(
        db,
        "key_figure",
        {"value": "real", "unit": "text", "label": "text", "qualifier": "text"},
        parent="key_figure_block",
    )
    _list_table(db, "titled_list", {"key": "text", "title": "text"})
    _list_table(db, "list_item", {"text": "text"}, parent="titled_list")
    _list_table(
        db,
        "section",
        {
            "key": "text",
            "kind": "text",
            "heading": "text",
            "level": "int",
            "body": "text",
            "ref": "text",
        },
    )


def _board_functions_in_own_table(db: Database) -> None:
    """Version 2: one row per board member function instead of one text with
    a line per function (blank lines were never functions)."""
    _list_table(db, "board_function", {"name": "text"}, parent="board_member")
    records: list[dict[str, object]] = []
    for member_id, text in db.execute("SELECT id, functions FROM board_member ORDER BY id"):
        names = [line for line in text.split("\n") if line.strip()]
        records.extend(
            {"board_member_id": member_id, "position": position, "name": name}
            for position, name in enumerate(names)
        )
    db.table("board_function").insert_all(records)
    db.table("board_member").transform(drop={"functions"})


def _history_table(db: Database) -> None:
    """Version 3: the document's history, one row per recorded change (see
    store/history.py). Not tied to an edition: it outlives deleted ones."""
    types, not_null, defaults = _columns(
        {
            "change_set": "int",
            "at": "text",
            "author": "text",
            "origin": "text",
            "year": "int",
            "section": "text?",
            "record": "text",
            "field": "text",
            "path": "text",
            "kind": "text",
            "old_value": "text?",
            "new_value": "text?",
        }
    )
    db.create_table("history", {"id": int, **types}, pk="id", not_null=not_null, defaults=defaults)


def _section_review(db: Database) -> None:
    """Version 4: where each section stands in the yearly review. Sections
    written before the review existed are taken as reviewed, by nobody."""
    db.execute("ALTER TABLE section ADD COLUMN review TEXT NOT NULL DEFAULT 'reviewed'")
    db.execute("ALTER TABLE section ADD COLUMN reviewed_by TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE section ADD COLUMN reviewed_at TEXT NOT NULL DEFAULT ''")


MIGRATIONS: dict[int, Callable[[Database], None]] = {
    1: _create_version_1,
    2: _board_functions_in_own_table,
    3: _history_table,
    4: _section_review,
}

SCHEMA_VERSION = max(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def upgrade(
    conn: sqlite3.Connection,
    *,
    target: int = SCHEMA_VERSION,
    before_commit: Callable[[sqlite3.Connection], None] | None = None,
) -> None:
    """Apply the migrations after the file's version up to ``target``, all
    in one transaction: an interrupted upgrade leaves the file in its old
    format, never between two; ``before_commit`` may veto the result.

    ``conn`` must be in autocommit mode (isolation_level None); foreign keys
    are on afterwards.
    """
    from sqlite_utils import Database

    db = Database(conn, recursive_triggers=False, execute_plugins=False)
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Read under the write lock: another process may have upgraded.
            first = user_version(conn) + 1
            for step in range(first, target + 1):
                MIGRATIONS[step](db)
                conn.execute(f"PRAGMA user_version = {step}")
                if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
                    raise sqlite3.IntegrityError(f"migration {step}: foreign key violations")
            if first <= target and before_commit is not None:
                before_commit(conn)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
