"""Connections, and the checks a file passes before anything may use it.

A file is first looked at read-only: its header (SQLite file, avereport's
application id, rollback journal), its schema version, then its schema,
which must be exactly that of a document of the same version, SQLite's
structural check (which also finds truncated files), its references, the
size of its values and its logos. A rejected file is never opened for
writing, so it stays byte for byte as it was.

Every connection of the store is a :class:`Connection`: safety settings,
size limits, and a time limit on each statement. See docs/store.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import shutil
import sqlite3
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Self, TypeVar, overload

from avereport.store.errors import DocumentError, quoted
from avereport.store.images import LOGO_MAX_BYTES, LogoError, validate_logo
from avereport.store.layout import EDITION, SPECS
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

# A statement running longer than this is aborted: no query of a sound
# document comes near it.
QUERY_TIME_LIMIT = 2.0
# The integrity check reads the whole file, possibly from a slow share: it
# also gets a second per megabyte.
_SLOWEST_READ = 1024 * 1024
# Virtual machine instructions between two looks at the clock.
_PROGRESS_STEPS = 10_000

# Side files of a database in WAL mode, which a document never is.
WAL_SUFFIXES = ("-wal", "-shm")
# A save interrupted by a crash leaves a journal holding the pages it was
# changing, at most the document's size: a sound document is a few
# megabytes, a hostile journal could be gigabytes, copied before replay.
HOT_JOURNAL_MAX_BYTES = 256 * 1024 * 1024

# A text of the model (a section's body is the longest) or a logo (see
# ``images``); SQLite itself refuses any value or row over MAX_VALUE_BYTES,
# read or written, so a hostile file cannot make the program load gigabytes.
TEXT_MAX_BYTES = 1024 * 1024
MAX_VALUE_BYTES = 8 * 1024 * 1024
# Schema statements of a sound document are a few hundred bytes.
_MAX_SQL_BYTES = 1024 * 1024
_LIMITS = {
    sqlite3.SQLITE_LIMIT_LENGTH: MAX_VALUE_BYTES,
    sqlite3.SQLITE_LIMIT_SQL_LENGTH: _MAX_SQL_BYTES,
}

# SHA-256 of what ``sqlite_master`` holds in a document of each version (see
# ``schema_digest``): a file must match its version's exactly. Migrations
# never change once released, so neither do these; a new migration adds its
# digest (tests/test_hostile_files.py prints it).
SCHEMA_DIGESTS = {
    1: "89c8bc1c79eab6fcf527c0c99a0c81d08251db5b72cb94116e9e776a5653d30c",
    2: "b27758b904568adf50ea1eb832a621f447cd6dbf55a1cf64063548d4f61acbcd",
    3: "f4108c6db1bb51eff2204d3f7385a5fe674cb62787042475150008c4589d3faa",
    4: "508387d8afc4071fa6cfe4c102a52d26ff281c0243ae0b9416ea6fbd69901bf9",
}

# SQLite errors that come from where the file is or who uses it; any other
# while checking a file means its content is wrong.
_ACCESS_PROBLEMS = {
    sqlite3.SQLITE_PERM,
    sqlite3.SQLITE_AUTH,
    sqlite3.SQLITE_BUSY,
    sqlite3.SQLITE_LOCKED,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_IOERR,
}
_UNDECODABLE = "un texte enregistré n'est pas de l'UTF-8 valide"

# Schema objects that run code when the tables are used or read.
_CursorT = TypeVar("_CursorT", bound=sqlite3.Cursor)

_ACTIVE_OBJECTS = {"trigger": "un déclencheur", "view": "une vue"}


class Connection(sqlite3.Connection):
    """A connection of the store, in autocommit mode (transactions are
    explicit), with the safety settings and limits. ``shown`` is the
    document its messages name. A statement that runs longer than its time
    limit (``QUERY_TIME_LIMIT``) is aborted with a ``DocumentError``."""

    def __init__(self, database: str, shown: Path) -> None:
        super().__init__(database, uri=True, isolation_level=None)
        self.shown = shown
        self._limit = QUERY_TIME_LIMIT
        self._deadline = math.inf
        for limit, value in _LIMITS.items():
            self.setlimit(limit, value)
        self.set_progress_handler(self._over_time, _PROGRESS_STEPS)
        for pragma in _SAFETY:
            self.execute(pragma)

    @overload
    def cursor(self, factory: None = None) -> _Cursor: ...
    @overload
    def cursor(self, factory: Callable[[sqlite3.Connection], _CursorT]) -> _CursorT: ...
    def cursor(self, factory: Callable[[sqlite3.Connection], sqlite3.Cursor] | None = None) -> sqlite3.Cursor:
        return super().cursor(factory or _Cursor)

    # sqlite3's shortcuts would bypass our cursor's methods.
    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:
        return self.cursor().executemany(sql, parameters)

    def executescript(self, script: str, /) -> sqlite3.Cursor:
        return self.cursor().executescript(script)

    @contextlib.contextmanager
    def time_limit(self, seconds: float) -> Iterator[None]:
        """Statements started inside get ``seconds`` instead."""
        before, self._limit = self._limit, seconds
        try:
            yield
        finally:
            self._limit = before

    @contextlib.contextmanager
    def watched(self) -> Iterator[None]:
        """Interrupt whatever runs after the time limit, even the work SQLite
        does without calling the progress handler: parsing the schema (a
        file can hold thousands of triggers) and the integrity check."""
        timer = threading.Timer(self._limit, self.interrupt)
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            timer.cancel()
            timer.join()

    def _run(self, call: Callable[..., Any], *args: Any, start: bool = False) -> Any:
        if start:
            self._deadline = time.monotonic() + self._limit
        try:
            return call(*args)
        except sqlite3.OperationalError as exc:
            code = getattr(exc, "sqlite_errorcode", None)
            if code == sqlite3.SQLITE_INTERRUPT:
                raise _too_slow(self.shown, self._limit) from exc
            if code is None:  # not SQLite's: sqlite3 failing to decode a stored text
                raise _damaged(self.shown, _UNDECODABLE) from exc
            raise
        except UnicodeDecodeError as exc:  # the same, when even its message fails
            raise _damaged(self.shown, _UNDECODABLE) from exc

    def _over_time(self) -> bool:
        return time.monotonic() > self._deadline


class _Cursor(sqlite3.Cursor):
    connection: Connection

    def execute(self, sql: str, parameters: Any = (), /) -> Self:
        return self.connection._run(super().execute, sql, parameters, start=True)

    def executemany(self, sql: str, parameters: Any, /) -> Self:
        return self.connection._run(super().executemany, sql, parameters, start=True)

    def executescript(self, script: str, /) -> sqlite3.Cursor:
        return self.connection._run(super().executescript, script, start=True)

    def fetchone(self) -> Any:
        return self.connection._run(super().fetchone)

    def fetchmany(self, size: int | None = None) -> list[Any]:
        return self.connection._run(super().fetchmany, self.arraysize if size is None else size)

    def fetchall(self) -> list[Any]:
        return self.connection._run(super().fetchall)

    def __next__(self) -> Any:
        return self.connection._run(super().__next__)


def _too_slow(path: Path, seconds: float) -> DocumentError:
    from avereport.model import fmt

    return DocumentError(
        f"Une opération sur le fichier {quoted(path)} a été interrompue au bout de"
        f" {fmt.number(round(seconds, 1))} secondes : ce fichier n'est pas un document sain,"
        " ou son support est beaucoup trop lent.",
        path=path,
    )


def _uri(path: Path, mode: str) -> str:
    text = path.resolve().as_posix()
    # An empty authority ("file://") then an absolute path; UNC paths keep
    # their leading "//" and Windows drive paths get the "/" SQLite expects.
    if not text.startswith("/"):
        text = "/" + text
    return f"file://{urllib.parse.quote(text, safe='/:')}?mode={mode}"


def connect(path: Path, mode: str, *, shown: Path | None = None) -> Connection:
    """A connection to ``path``; ``mode`` is SQLite's "ro", "rw" or "rwc";
    messages name ``shown`` (default ``path``)."""
    return Connection(_uri(path, mode), shown or path)


def in_memory(conn: Connection) -> Connection:
    """A copy of ``conn``'s database in memory."""
    memory = Connection(":memory:", conn.shown)
    conn.backup(memory)
    return memory


def configure(conn: sqlite3.Connection) -> None:
    """The settings of a connection that reads or writes a document."""
    for pragma in _DOCUMENT_SETTINGS:
        conn.execute(pragma)


def _not_avereport(path: Path, detail: str) -> DocumentError:
    return DocumentError(f"Le fichier {quoted(path)} n'est pas un document avereport ({detail}).", path=path)


def _damaged(path: Path, detail: str = "base SQLite tronquée ou corrompue") -> DocumentError:
    return DocumentError(
        f"Le fichier {quoted(path)} est endommagé ({detail}) et ne peut pas être ouvert.",
        path=path,
    )


def _modified(path: Path, detail: str) -> DocumentError:
    return DocumentError(
        f"Le fichier {quoted(path)} n'est pas un document avereport valide : {detail}.",
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
    # Read-only, SQLite would create "-wal" and "-shm" files beside a WAL file.
    if header[18:20] == b"\x02\x02":
        raise _modified(path, "un autre programme l'a converti au journal WAL")
    if header[18:20] != b"\x01\x01":
        raise _damaged(path, "en-tête SQLite altéré")


def _sqlite_problem(path: Path, exc: sqlite3.Error) -> DocumentError:
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    return _unreadable(path) if code in _ACCESS_PROBLEMS else _damaged(path)


def _journal(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def inspect(path: Path, *, read_only: bool) -> tuple[Connection, int]:
    """A read-only connection to an existing document that passed every
    check, and its schema version (possibly older than the current one).

    A save interrupted by a crash leaves a "hot" journal that SQLite must
    play back before the file can be read. That is tried on a copy first;
    only if the copy passes is the file itself restored (never when
    ``read_only``: the restored copy is then read from memory).
    """
    if not path.is_file():
        raise DocumentError(f"Le chemin {quoted(path)} ne désigne pas un fichier.", path=path)
    _refuse_wal_files(path)
    _check_header(path)
    try:
        return _validated(path, path)
    except sqlite3.Error as exc:
        if getattr(exc, "sqlite_errorcode", 0) != sqlite3.SQLITE_READONLY_ROLLBACK:
            raise _sqlite_problem(path, exc) from exc
    _refuse_huge_journal(path)
    with tempfile.TemporaryDirectory(prefix="avereport-") as folder:
        copy = Path(folder) / path.name
        try:
            shutil.copyfile(path, copy)
            shutil.copyfile(_journal(path), _journal(copy))
        except OSError as exc:
            raise _unreadable(path) from exc
        _play_back_journal(copy, path)
        _check_header(copy)
        conn, version = _checked(copy, path)
        try:
            if read_only:
                return in_memory(conn), version
        finally:
            conn.close()
    _play_back_journal(path, path)
    return _checked(path, path)


def _refuse_wal_files(path: Path) -> None:
    """A document never has "-wal" or "-shm" files (rollback journal only):
    ones left beside it by another SQLite program would be played back by
    SQLite whatever the header says, and reading would create a "-shm"."""
    found = [path.with_name(path.name + suffix) for suffix in WAL_SUFFIXES]
    found = [file for file in found if os.path.lexists(file)]
    if not found:
        return
    if len(found) == 1:
        what = f"{quoted(found[0])}, laissé à côté par un autre programme SQLite, pourrait le modifier."
        move = "Déplacez-le dans un autre dossier (sans le supprimer)"
    else:
        names = " et ".join(quoted(file) for file in found)
        what = f"{names}, laissés à côté par un autre programme SQLite, pourraient le modifier."
        move = "Déplacez-les dans un autre dossier (sans les supprimer)"
    raise DocumentError(
        f"Le fichier {quoted(path)} n'a pas été ouvert : {what} {move} puis rouvrez le document.",
        path=path,
    )


def _refuse_huge_journal(path: Path) -> None:
    """A hot journal is copied before it is played back: one far larger than
    any save of avereport leaves is refused rather than copied."""
    try:
        size = _journal(path).stat().st_size
    except OSError as exc:
        raise _unreadable(path) from exc
    if size > HOT_JOURNAL_MAX_BYTES:
        raise DocumentError(
            f"Le fichier {quoted(path)} n'a pas été ouvert : son journal {quoted(_journal(path))}"
            f" ({size // (1024 * 1024)} Mo) est bien plus grand que ce qu'un enregistrement"
            f" interrompu d'avereport laisse ({HOT_JOURNAL_MAX_BYTES // (1024 * 1024)} Mo au plus) ;"
            " ni l'un ni l'autre n'a été modifié.",
            path=path,
        )


def _play_back_journal(file: Path, path: Path) -> None:
    """Let SQLite restore ``file`` to its last saved state (reading the
    header does, without parsing the schema)."""
    try:
        conn = connect(file, "rw", shown=path)
        try:
            user_version(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise _sqlite_problem(path, exc) from exc


def _checked(file: Path, path: Path) -> tuple[Connection, int]:
    try:
        return _validated(file, path)
    except sqlite3.Error as exc:
        raise _sqlite_problem(path, exc) from exc


def _validated(file: Path, path: Path) -> tuple[Connection, int]:
    """Open ``file`` read-only and run the checks; messages name ``path``.
    SQLite errors are left to the caller."""
    conn = connect(file, "ro", shown=path)
    try:
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
        with conn.watched():
            check_layout(conn, path)
        # Only now is it known that no table runs code (a CHECK constraint)
        # while the integrity check reads it.
        seconds = QUERY_TIME_LIMIT + file.stat().st_size / _SLOWEST_READ
        with conn.time_limit(seconds), conn.watched():
            problems = conn.execute("PRAGMA quick_check").fetchall()
        if problems != [("ok",)]:
            raise _damaged(path)
        # An older file gets this check from its upgrade, which reports it.
        if version == SCHEMA_VERSION and conn.execute("PRAGMA foreign_key_check").fetchone():
            raise _damaged(path, "des lignes renvoient à des lignes disparues")
        # Other modules list the years before reading any edition.
        if conn.execute("SELECT 1 FROM edition WHERE typeof(year) != 'integer'").fetchone():
            raise _damaged(path, "une année d'édition n'est pas un nombre")
        _check_sizes(conn, path)
        _check_logos(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn, version


def schema_digest(conn: sqlite3.Connection) -> str:
    """SHA-256 of every entry of ``sqlite_master`` (tables, indexes, views,
    triggers, with their SQL), in a stable order."""
    entries = sorted(
        conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"),
        key=lambda entry: tuple("" if part is None else part for part in entry),
    )
    return hashlib.sha256(json.dumps(entries).encode()).hexdigest()


def check_layout(conn: sqlite3.Connection, path: Path) -> None:
    """The schema is exactly that of a document of the file's version:
    the same tables, columns, constraints and indexes, and nothing that
    runs code behind them (no trigger, no view, no virtual table)."""
    if schema_digest(conn) == SCHEMA_DIGESTS[user_version(conn)]:
        return
    detail = "ses tables ont été modifiées par un autre programme"
    for kind, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master"):
        if kind in _ACTIVE_OBJECTS:
            thing = _ACTIVE_OBJECTS[kind]
        elif kind == "table" and (sql or "").lstrip()[:14].upper() == "CREATE VIRTUAL":
            thing = "une table virtuelle"
        else:
            continue
        detail += f", qui y a ajouté {thing} « {_excerpt(name)} »"
        break
    raise _modified(path, detail)


def _excerpt(text: str, length: int = 40) -> str:
    """A name from a foreign file, fit for a one-line message."""
    text = "".join(c if c.isprintable() else " " for c in text)
    return text if len(text) <= length else text[: length - 1] + "…"


def _check_sizes(conn: Connection, path: Path) -> None:
    """No value of the editions' tables is longer than the model allows
    (the history, beside them, is only held to ``MAX_VALUE_BYTES``)."""
    for table in (EDITION, *SPECS):
        for (column,) in conn.execute("SELECT name FROM pragma_table_info(?)", (table,)).fetchall():
            is_logo = (table, column) == ("organisation", "logo")
            limit = LOGO_MAX_BYTES if is_logo else TEXT_MAX_BYTES
            query = f'SELECT max(length(CAST("{column}" AS BLOB))) FROM "{table}"'
            try:
                (longest,) = conn.execute(query).fetchone()
            except sqlite3.DataError as exc:
                if getattr(exc, "sqlite_errorcode", None) != sqlite3.SQLITE_TOOBIG:
                    raise
                longest = MAX_VALUE_BYTES + 1
            if longest is not None and longest > limit:
                raise _modified(
                    path,
                    f"la colonne « {column} » de la table « {table} » contient une valeur"
                    f" de plus de {limit // 1024 // 1024} Mo",
                )


def _check_logos(conn: Connection, path: Path) -> None:
    """Every logo is decoded and checked before anything shows it."""
    for year, kind, logo in conn.execute(
        "SELECT e.year, typeof(o.logo), CAST(o.logo AS BLOB) FROM organisation o"
        " JOIN edition e ON e.id = o.edition_id WHERE o.logo IS NOT NULL ORDER BY e.id"
    ).fetchall():
        try:
            if kind != "blob":
                raise LogoError("ce n'est pas une image PNG ou JPEG")
            validate_logo(logo)
        except LogoError as exc:
            raise DocumentError(
                f"Le fichier {quoted(path)} ne peut pas être ouvert : le logo de l'édition"
                f" {year} est refusé ({exc.reason}).",
                path=path,
            ) from None
