"""The document's history: one row per change, written in the transaction
of the change itself (see ``Document.write_editions``), so a change and its
history line are saved together or not at all.

Values are stored as JSON text; the history is part of the document file,
not of the JSON interchange format.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from avereport.model.diff import Change
from avereport.model.edition import SectionKind

# ``section`` filter of :func:`entries` for the changes that belong to no
# outline kind (organisation, the edition as a whole).
GENERAL: Final = "general"


class Origin(StrEnum):
    """What made a change; the values are shown to users as they are."""

    EDIT = "modification"
    UNDO = "annulation"
    REDO = "rétablissement"
    MERGE = "fusion"
    RESTORE = "restauration"
    NEW_EDITION = "nouvelle édition"
    IMPORT = "import de tableur"


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One recorded change. ``at`` is UTC ISO 8601 text; ``old`` and ``new``
    are the plain values (None for the side a record was added or removed
    on); ``change_set`` is shared by the entries written together."""

    id: int
    change_set: int
    at: str
    author: str
    origin: str
    year: int
    section: SectionKind | None
    record_label: str
    field_label: str
    path: str
    kind: str
    old: Any
    new: Any


_COLUMNS = (
    "id, change_set, at, author, origin, year, section, record, field, path, kind, old_value, new_value"
)


def record_changes(
    conn: sqlite3.Connection,
    changes_by_year: Mapping[int, Sequence[Change]],
    author: str,
    origin: Origin,
) -> int:
    """Insert the history rows of one write; runs inside the caller's
    transaction. Returns how many rows were written."""
    rows: list[tuple[object, ...]] = []
    at = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
    (change_set,) = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM history").fetchone()
    origin_text = str(origin)
    for year, changes in changes_by_year.items():
        rows.extend(
            (
                change_set,
                at,
                author,
                origin_text,
                year,
                None if c.section is None else str(c.section),
                c.record_label,
                c.field_label,
                c.path,
                c.kind,
                None if c.kind == "added" else _json(c.old),
                None if c.kind == "removed" else _json(c.new),
            )
            for c in changes
        )
    conn.executemany(
        "INSERT INTO history (change_set, at, author, origin, year, section, record, field,"
        " path, kind, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return len(rows)


def entries(
    conn: sqlite3.Connection,
    *,
    section: str | None = None,
    author: str | None = None,
    year: int | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[HistoryEntry]:
    """Recorded changes, newest first. ``section`` is a ``SectionKind`` or
    :data:`GENERAL`; None means every section, as for ``author`` and ``year``."""
    where: list[str] = []
    parameters: list[str | int] = []
    if section == GENERAL:
        where.append("section IS NULL")
    elif section is not None:
        where.append("section = ?")
        parameters.append(str(section))
    if author is not None:
        where.append("author = ?")
        parameters.append(author)
    if year is not None:
        where.append("year = ?")
        parameters.append(year)
    sql = f"SELECT {_COLUMNS} FROM history"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY id DESC LIMIT ? OFFSET ?"
    parameters += [-1 if limit is None else limit, offset]
    return [_entry(row) for row in conn.execute(sql, parameters)]


def last_change(conn: sqlite3.Connection, year: int) -> dt.datetime | None:
    """When edition ``year`` or an earlier one (whose figures its report
    shows) last changed; None when the history holds no such change or its
    time is not one this module writes."""
    row = conn.execute("SELECT at FROM history WHERE year <= ? ORDER BY id DESC LIMIT 1", (year,)).fetchone()
    if row is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(str(row[0]))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def authors(conn: sqlite3.Connection) -> list[str]:
    """Everyone who has changed the document, in alphabetical order."""
    names = {str(name) for (name,) in conn.execute("SELECT DISTINCT author FROM history")}
    return sorted(names, key=_sort_key)


def _sort_key(name: str) -> tuple[str, str]:
    """Alphabetical as in a French list: accents and case set aside first."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return bare.casefold(), name


def _json(value: Any) -> str:
    return _ENCODER.encode(value)


# One encoder for every value: json.dumps builds one per call when given options.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _entry(row: tuple) -> HistoryEntry:
    entry_id, change_set, at, author, origin, year, section, record, field, path, kind, old, new = row
    return HistoryEntry(
        id=entry_id,
        change_set=change_set,
        at=at,
        author=author,
        origin=origin,
        year=year,
        section=_section(section),
        record_label=record,
        field_label=field,
        path=path,
        kind=kind,
        old=_value(old),
        new=_value(new),
    )


def _section(value: str | None) -> SectionKind | None:
    try:
        return None if value is None else SectionKind(value)
    except ValueError:
        return None  # a file written by something else: shown with the general entries


def _value(text: str | None) -> Any:
    """The stored value; text that is not JSON (a file written by something
    else) is shown as it is."""
    if text is None:
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return text
