"""Connections, and the checks a file passes before anything may write to it.

A file is first looked at read-only: its header (SQLite file, avereport's
application id), then SQLite's structural check (which also finds
truncated files), its schema version and tables. A rejected file is never
opened for writing, so it stays byte for byte as it was.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import urllib.parse
from pathlib import Path

from avereport.store.errors import DocumentError, quoted
from avereport.store.layout import expected_columns
from avereport.store.migrations import APPLICATION_ID, SCHEMA_VERSION, user_version

_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100

# Set on every connection: no functions with side effects from the schema,
# extra corruption checks while reading, no memory-mapped I/O (a damaged
# file on a network share must not crash the process).
_SAFETY = ("PRAGMA trusted_schema = OFF", "PRAGMA cell_size_check = ON", "PRAGMA mmap_size = 0")

# Files live on network shares: rollback journal, never WAL.
_DOCUMENT_SETTINGS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = DELETE",
    "PRAGMA synchronous = FULL",
)


def _uri(path: Path, mode: str) -> str:
    text = path.resolve().as_posix()
    # An empty authority ("file://") then an absolute path; UNC paths keep
    # their leading "//" and Windows drive paths get the "/" SQLite expects.
    if not text.startswith("/"):
        text = "/" + text
    return f"file://{urllib.parse.quote(text, safe='/:')}?mode={mode}"


def connect(path: Path, mode: str) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) with the
    safety settings; ``mode`` is SQLite's "ro", "rw" or "rwc"."""
    conn = sqlite3.connect(_uri(path, mode), uri=True, isolation_level=None)
    harden(conn)
    return conn


def in_memory(conn: sqlite3.Connection) -> sqlite3.Connection:
    """A copy of ``conn``'s database in memory, in autocommit mode."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    harden(memory)
    conn.backup(memory)
    return memory


def harden(conn: sqlite3.Connection) -> None:
    for pragma in _SAFETY:
        conn.execute(pragma)


def configure(conn: sqlite3.Connection) -> None:
    """The settings of a connection that reads or writes a document."""
    for pragma in _DOCUMENT_SETTINGS:
        conn.execute(pragma)


def _not_avereport(path: Path, detail: str) -> DocumentError:
    return DocumentError(
        f"Le fichier {quoted(path)} n'est pas un document avereport ({detail}).", path=path
    )


def _damaged(path: Path) -> DocumentError:
    return DocumentError(
        f"Le fichier {quoted(path)} est endommagé (base SQLite tronquée ou corrompue)"
        " et ne peut pas être ouvert.",
        path=path,
    )


def _unreadable(path: Path) -> DocumentError:
    return DocumentError(
        f"Le fichier {quoted(path)} ne peut pas être lu (accès refusé ou fichier verrouillé).",
        path=path,
    )


def _check_header(path: Path) -> None:
    """What the first bytes tell, before SQLite reads the file."""
    try:
        with path.open("rb") as stream:
            header = stream.read(_HEADER_SIZE)
    except OSError as exc:
        raise _unreadable(path) from exc
    if not header:
        raise DocumentError(
            f"Le fichier {quoted(path)} est vide : ce n'est pas un document avereport.",
            path=path,
        )
    if not header.startswith(_MAGIC):
        raise _not_avereport(path, "ce n'est pas une base SQLite")
    if len(header) < _HEADER_SIZE:
        raise _damaged(path)
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise _not_avereport(path, "base SQLite d'une autre application")


def _sqlite_problem(path: Path, exc: sqlite3.Error) -> DocumentError:
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return _damaged(path)
    return _unreadable(path)


def _journal(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def inspect(path: Path, *, read_only: bool) -> tuple[sqlite3.Connection, int]:
    """A read-only connection to an existing document that passed every
    check, and its schema version (possibly older than the current one).

    A save interrupted by a crash leaves a "hot" journal that SQLite must
    play back before the file can be read. That is tried on a copy first;
    only if the copy passes is the file itself restored (never when
    ``read_only``: the restored copy is then read from memory).
    """
    if not path.is_file():
        raise DocumentError(f"Le chemin {quoted(path)} ne désigne pas un fichier.", path=path)
    _check_header(path)
    try:
        return _validated(path, path)
    except sqlite3.Error as exc:
        if getattr(exc, "sqlite_errorcode", 0) != sqlite3.SQLITE_READONLY_ROLLBACK:
            raise _sqlite_problem(path, exc) from exc
    with tempfile.TemporaryDirectory(prefix="avereport-") as folder:
        copy = Path(folder) / path.name
        try:
            shutil.copyfile(path, copy)
            shutil.copyfile(_journal(path), _journal(copy))
        except OSError as exc:
            raise _unreadable(path) from exc
        _play_back_journal(copy, path)
        conn, version = _checked(copy, path)
        try:
            if read_only:
                return in_memory(conn), version
        finally:
            conn.close()
    _play_back_journal(path, path)
    return _checked(path, path)


def _play_back_journal(file: Path, path: Path) -> None:
    """Let SQLite restore ``file`` to its last saved state (any read does)."""
    try:
        conn = connect(file, "rw")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise _sqlite_problem(path, exc) from exc


def _checked(file: Path, path: Path) -> tuple[sqlite3.Connection, int]:
    try:
        return _validated(file, path)
    except sqlite3.Error as exc:
        raise _sqlite_problem(path, exc) from exc


def _validated(file: Path, path: Path) -> tuple[sqlite3.Connection, int]:
    """Open ``file`` read-only and run the checks; messages name ``path``.
    SQLite errors are left to the caller."""
    conn = connect(file, "ro")
    try:
        problems = conn.execute("PRAGMA quick_check").fetchall()
        if problems != [("ok",)]:
            raise _damaged(path)
        version = user_version(conn)
        if version > SCHEMA_VERSION:
            raise DocumentError(
                f"Le fichier {quoted(path)} a été enregistré par une version plus récente"
                f" d'avereport (format {version}, cette version lit jusqu'au format"
                f" {SCHEMA_VERSION}) : mettez avereport à jour pour l'ouvrir.",
                path=path,
            )
        if version < 1:
            raise _not_avereport(path, "base SQLite vide ou inachevée")
        if version == SCHEMA_VERSION:
            check_layout(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn, version


def check_layout(conn: sqlite3.Connection, path: Path) -> None:
    """The tables and columns are exactly those of the current schema, and
    nothing runs behind them (no trigger, no view)."""
    found: dict[str, set[str]] = {}
    for table, column in conn.execute(
        "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p"
        " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%'"
    ):
        found.setdefault(table, set()).add(column)
    (hidden,) = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type IN ('trigger', 'view')"
    ).fetchone()
    if hidden or found != expected_columns():
        raise DocumentError(
            f"Le fichier {quoted(path)} n'est pas un document avereport valide :"
            " ses tables ont été modifiées par un autre programme.",
            path=path,
        )
