"""A document: one SQLite file holding any number of editions, one per year."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType

from avereport import paths
from avereport.model.diff import Change
from avereport.model.edition import Edition
from avereport.outputs import check_output, publish_new, staged
from avereport.store import history as history_table
from avereport.store import reading
from avereport.store.backups import Reason, backup_on_open, take_backup
from avereport.store.errors import DocumentError, EditionExistsError, quoted
from avereport.store.history import HistoryEntry, Origin
from avereport.store.migrations import SCHEMA_VERSION, upgrade
from avereport.store.opening import Connection, check_layout, configure, connect, in_memory, inspect
from avereport.store.writing import insert_edition, update_edition


class Document:
    """An open document; use :func:`open_document`. Every change is one
    transaction: it happens completely or not at all."""

    def __init__(self, path: Path, conn: Connection, *, read_only: bool) -> None:
        self._path = path
        self._conn = conn
        self._read_only = read_only
        self._guard: Callable[[], None] | None = None
        self._data_version = self._current_data_version()

    @property
    def path(self) -> Path:
        return self._path

    @property
    def read_only(self) -> bool:
        return self._read_only

    def written_elsewhere(self) -> bool:
        """Whether another connection (another app that took the document
        over) has changed the file since it was opened here."""
        with self._reading():
            return self._current_data_version() != self._data_version

    def check_writes_with(self, guard: Callable[[], None]) -> None:
        """Call ``guard`` inside every write transaction, after ``BEGIN
        IMMEDIATE``: a guard that raises (the lock was taken over) refuses the
        write, and no other connection can write between its check and the
        ``COMMIT``. Returns once a write another connection had in flight has
        ended, so that what is read next is the file as it left it."""
        self._guard = guard
        with self._writing("L'ouverture en écriture"):
            pass
        self._data_version = self._current_data_version()

    def _current_data_version(self) -> int:
        # Changes only with commits made by other connections.
        (version,) = self._conn.execute("PRAGMA data_version").fetchone()
        return version

    def __enter__(self) -> Document:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    def years(self) -> list[int]:
        """The years of the editions in the file, ascending."""
        with self._reading():
            return reading.years(self._conn)

    def read_edition(self, year: int) -> Edition:
        with self._reading():
            edition = reading.read_edition(self._conn, year)
        if edition is None:
            raise DocumentError(
                f"Le fichier {quoted(self._path)} ne contient pas d'édition {year}.",
                path=self._path,
            )
        return edition

    def write_edition(
        self,
        edition: Edition,
        *,
        replace: bool = False,
        changes: Sequence[Change] | None = None,
        author: str = "",
        origin: Origin = Origin.EDIT,
    ) -> None:
        """Store ``edition``; its ids need only be consistent within it. An
        edition of the same year is refused, or replaced if ``replace``.
        ``changes`` (see ``diff_editions``) go to the history in the same
        transaction, signed ``author``."""
        by_year = None if changes is None else {edition.year: changes}
        self.write_editions([edition], replace=replace, changes_by_year=by_year, author=author, origin=origin)

    def write_editions(
        self,
        editions: Iterable[Edition],
        *,
        replace: bool = False,
        changes_by_year: Mapping[int, Sequence[Change]] | None = None,
        author: str = "",
        origin: Origin = Origin.EDIT,
    ) -> None:
        """Store several editions in one transaction: all of them or none,
        with each year's changes for the history."""
        editions = list(editions)
        with self._writing(f"L'enregistrement {_editions(editions)}"):
            for edition in editions:
                self._put(edition, replace=replace)
            if changes_by_year is not None:
                history_table.record_changes(self._conn, changes_by_year, author, origin)

    def change_edition(
        self,
        before: Edition,
        after: Edition,
        *,
        changes: Sequence[Change],
        author: str = "",
        origin: Origin = Origin.EDIT,
    ) -> None:
        """Store ``after`` in place of ``before``, the edition of that year as
        the file holds it (an edit, its undo or redo), with ``changes`` for the
        history. When records were only changed, not added, removed or moved,
        only the rows that differ are written; else, or when someone else
        wrote to the file meanwhile, the whole edition."""
        with self._writing(f"L'enregistrement {_editions([after])}"):
            existing = reading.edition_id(self._conn, before.year)
            updated = (
                existing is not None
                and self._current_data_version() == self._data_version
                and update_edition(self._conn, existing, before, after, self._path)
            )
            if not updated:
                self._put(after, replace=True)
            history_table.record_changes(self._conn, {after.year: changes}, author, origin)

    def replace_editions(
        self,
        editions: Iterable[Edition],
        changes_by_year: Mapping[int, Sequence[Change]],
        author: str,
        origin: Origin = Origin.MERGE,
    ) -> None:
        """Make ``editions`` the document's whole content (a merge, a
        restore) in one transaction: editions of other years are deleted."""
        editions = list(editions)
        keep = {edition.year for edition in editions}
        with self._writing(f"L'enregistrement {_editions(editions)}"):
            for year in reading.years(self._conn):
                if year not in keep:
                    self._conn.execute("DELETE FROM edition WHERE year = ?", (year,))
            for edition in editions:
                self._put(edition, replace=True)
            history_table.record_changes(self._conn, changes_by_year, author, origin)

    def delete_edition(
        self,
        year: int,
        *,
        changes: Sequence[Change] | None = None,
        author: str = "",
        origin: Origin = Origin.EDIT,
    ) -> None:
        with self._writing(f"La suppression de l'édition {year}"):
            deleted = self._conn.execute("DELETE FROM edition WHERE year = ?", (year,))
            if deleted.rowcount == 0:
                raise DocumentError(
                    f"Le fichier {quoted(self._path)} ne contient pas d'édition {year}.",
                    path=self._path,
                )
            if changes is not None:
                history_table.record_changes(self._conn, {year: changes}, author, origin)

    def history(
        self,
        section: str | None = None,
        author: str | None = None,
        *,
        year: int | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[HistoryEntry]:
        """Recorded changes, newest first; ``section`` is a ``SectionKind`` or
        ``history.GENERAL``, and None (like ``author``, ``year``) keeps all."""
        with self._reading():
            return history_table.entries(
                self._conn, section=section, author=author, year=year, limit=limit, offset=offset
            )

    def last_change(self, year: int) -> dt.datetime | None:
        """When the report of edition ``year`` last changed (see ``history.last_change``)."""
        with self._reading():
            return history_table.last_change(self._conn, year)

    def history_authors(self) -> list[str]:
        """Everyone the history names, for its filter."""
        with self._reading():
            return history_table.authors(self._conn)

    def _put(self, edition: Edition, *, replace: bool) -> None:
        existing = reading.edition_id(self._conn, edition.year)
        if existing is not None:
            if not replace:
                raise EditionExistsError(
                    f"Le fichier {quoted(self._path)} contient déjà l'édition {edition.year}.",
                    path=self._path,
                )
            self._conn.execute("DELETE FROM edition WHERE id = ?", (existing,))
        insert_edition(self._conn, edition, self._path)

    def copy_into(self, target: sqlite3.Connection) -> None:
        """Copy the whole document into the empty database ``target`` with
        SQLite's online backup (see ``copies.safe_copy``)."""
        with self._reading():
            self._conn.backup(target)

    def create_next_edition(self, from_year: int) -> Edition:
        """Start edition ``from_year + 1`` from edition ``from_year`` (see
        ``start_next_edition``), store it and return it as stored."""
        # Loaded here: it pulls in the report's sums, which no other write needs.
        from avereport.model.succession import start_next_edition

        successor = start_next_edition(self.read_edition(from_year))
        self.write_edition(successor)
        return self.read_edition(successor.year)

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise DocumentError(
                f"Le fichier {quoted(self._path)} ne peut pas être lu (fichier endommagé ou verrouillé).",
                path=self._path,
            ) from exc

    @contextlib.contextmanager
    def _writing(self, action: str) -> Iterator[None]:
        """One ``BEGIN IMMEDIATE`` … ``COMMIT`` transaction, rolled back on
        any error."""
        if self._read_only:
            raise DocumentError(
                f"{action} est impossible : le fichier {quoted(self._path)} est ouvert en lecture seule.",
                path=self._path,
            )
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            if self._guard is not None:
                self._guard()
            # References may point forward within the edition (staff who
            # replace someone listed later): check them at COMMIT.
            self._conn.execute("PRAGMA defer_foreign_keys = ON")
            yield
            self._conn.execute("COMMIT")
        except BaseException as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            if isinstance(exc, (sqlite3.Error, OverflowError)):
                raise DocumentError(_failure(action, self._path, exc), path=self._path) from exc
            raise


def _editions(editions: list[Edition]) -> str:
    years = ", ".join(str(edition.year) for edition in editions)
    return f"de l'édition {years}" if len(editions) == 1 else f"des éditions {years}"


def _failure(action: str, path: Path, exc: BaseException) -> str:
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        cause = "le fichier est en cours de modification sur un autre poste"
    elif isinstance(exc, OverflowError):
        cause = "un nombre est trop grand pour être enregistré"
    else:
        cause = "le fichier n'a pas pu être écrit"
    return f"{action} dans {quoted(path)} a échoué ({cause}) ; le fichier n'a pas été modifié."


def open_document(path: str | Path, *, create: bool = False, read_only: bool = False) -> Document:
    """Open the document at ``path`` after checking it (see ``opening``).

    ``create`` makes a new empty document if nothing exists at ``path``.
    Opening an existing file for writing backs it up first (see
    ``backups``): an older document is upgraded to the current format after
    a « migration » backup, a current one gets an « ouverture » backup unless
    it is unchanged since the newest. ``read_only`` touches nothing and
    upgrades an in-memory copy.
    """
    if create and read_only:
        raise ValueError("create and read_only exclude each other")
    path = Path(path)
    if not path.exists():
        if not create:
            raise DocumentError(f"Le fichier {quoted(path)} est introuvable.", path=path)
        return Document(path, _create(path), read_only=False)
    conn, version = inspect(path, read_only=read_only)
    if read_only:
        try:
            if version < SCHEMA_VERSION:
                conn = _upgraded_copy(conn, path)
            configure(conn)
        except BaseException:
            conn.close()
            raise
        return Document(path, conn, read_only=True)
    try:
        if version < SCHEMA_VERSION:
            take_backup(conn, path, Reason.MIGRATION)
        else:
            backup_on_open(conn, path)
    finally:
        conn.close()
    return Document(path, _open_for_writing(path, version), read_only=False)


def create_document(path: str | Path, editions: Iterable[Edition] = ()) -> None:
    """Make a new document at ``path`` holding ``editions``. It is built
    under a private temporary name beside ``path`` and appears under its own
    name only once complete, never replacing a file (not even a link): a
    refusal or a crash leaves nothing at ``path``."""
    path = Path(path)
    editions = list(editions)
    try:
        check_output(path, document=True)
        with staged(path) as file:
            conn = connect(file, "rwc", shown=path)
            try:
                configure(conn)
                upgrade(conn)
                if editions:
                    _fill(conn, editions, path)
            finally:
                conn.close()
            publish_new(file, path)
    except FileExistsError as exc:
        raise DocumentError(
            f"Le fichier {quoted(path)} existe déjà : il n'a pas été remplacé.", path=path
        ) from exc
    except sqlite3.Error as exc:
        raise DocumentError(f"Le fichier {quoted(path)} ne peut pas être créé.", path=path) from exc


def _fill(conn: sqlite3.Connection, editions: list[Edition], path: Path) -> None:
    """The editions of a document being created, in one transaction."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("PRAGMA defer_foreign_keys = ON")  # as ``Document._writing``
        for edition in editions:
            insert_edition(conn, edition, path)
        conn.execute("COMMIT")
    except (sqlite3.Error, OverflowError) as exc:
        cause = (
            "un nombre est trop grand pour être enregistré"
            if isinstance(exc, OverflowError)
            else "les éditions n'ont pas pu être écrites"
        )
        raise DocumentError(
            f"L'enregistrement {_editions(editions)} dans le nouveau fichier {quoted(path)} a échoué"
            f" ({cause}) ; aucun fichier n'a été créé.",
            path=path,
        ) from exc


def _create(path: Path) -> Connection:
    """A connection to a new empty document at ``path`` (see ``create_document``)."""
    create_document(path)
    return _open_for_writing(path, SCHEMA_VERSION)


def _open_for_writing(path: Path, version: int) -> Connection:
    try:
        conn = connect(path, "rw")
    except sqlite3.Error as exc:
        raise _not_writable(path) from exc
    try:
        configure(conn)
    except BaseException as exc:
        conn.close()
        if isinstance(exc, sqlite3.Error):
            raise _not_writable(path) from exc
        raise
    if version < SCHEMA_VERSION:
        try:
            upgrade(conn, before_commit=lambda c: check_layout(c, path))
        except BaseException as exc:
            conn.close()
            if isinstance(exc, sqlite3.Error):
                raise _upgrade_failed(path, paths.backup_dir()) from exc
            raise
    return conn


def _not_writable(path: Path) -> DocumentError:
    return DocumentError(
        f"Le fichier {quoted(path)} ne peut pas être ouvert en écriture"
        " (accès refusé ou fichier verrouillé).",
        path=path,
    )


def _upgraded_copy(conn: Connection, path: Path) -> Connection:
    """An in-memory copy of an older document, upgraded; the file is left
    as it is. Closes ``conn``."""
    try:
        memory = in_memory(conn)
    finally:
        conn.close()
    try:
        upgrade(memory, before_commit=lambda c: check_layout(c, path))
    except BaseException as exc:
        memory.close()
        if isinstance(exc, sqlite3.Error):
            raise _upgrade_failed(path) from exc
        raise
    return memory


def _upgrade_failed(path: Path, backup: Path | None = None) -> DocumentError:
    where = "" if backup is None else f" ; une copie de l'original est dans {quoted(backup)}"
    return DocumentError(
        f"La mise à jour du fichier {quoted(path)} vers le format {SCHEMA_VERSION} a échoué{where}.",
        path=path,
    )
