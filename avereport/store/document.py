"""A document: one SQLite file holding any number of editions, one per year."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from avereport import paths
from avereport.model.edition import Edition
from avereport.model.succession import start_next_edition
from avereport.store import reading
from avereport.store.errors import DocumentError, EditionExistsError, quoted
from avereport.store.migrations import SCHEMA_VERSION, upgrade
from avereport.store.opening import check_layout, configure, connect, in_memory, inspect
from avereport.store.writing import insert_edition

if TYPE_CHECKING:
    from sqlite_utils import Database


class Document:
    """An open document; use :func:`open_document`. Every change is one
    transaction: it happens completely or not at all."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, read_only: bool) -> None:
        self._path = path
        self._conn = conn
        self._read_only = read_only

    @property
    def path(self) -> Path:
        return self._path

    @property
    def read_only(self) -> bool:
        return self._read_only

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

    def write_edition(self, edition: Edition, *, replace: bool = False) -> None:
        """Store ``edition``; its ids need only be consistent within it. An
        edition of the same year is refused, or replaced if ``replace``."""
        self.write_editions([edition], replace=replace)

    def write_editions(self, editions: Iterable[Edition], *, replace: bool = False) -> None:
        """Store several editions in one transaction: all of them or none."""
        editions = list(editions)
        years = ", ".join(str(edition.year) for edition in editions)
        what = f"de l'édition {years}" if len(editions) == 1 else f"des éditions {years}"
        with self._writing(f"L'enregistrement {what}") as db:
            for edition in editions:
                existing = reading.edition_id(self._conn, edition.year)
                if existing is not None:
                    if not replace:
                        raise EditionExistsError(
                            f"Le fichier {quoted(self._path)} contient déjà"
                            f" l'édition {edition.year}.",
                            path=self._path,
                        )
                    self._conn.execute("DELETE FROM edition WHERE id = ?", (existing,))
                insert_edition(db, edition, self._path)

    def delete_edition(self, year: int) -> None:
        with self._writing(f"La suppression de l'édition {year}"):
            deleted = self._conn.execute("DELETE FROM edition WHERE year = ?", (year,))
            if deleted.rowcount == 0:
                raise DocumentError(
                    f"Le fichier {quoted(self._path)} ne contient pas d'édition {year}.",
                    path=self._path,
                )

    def create_next_edition(self, from_year: int) -> Edition:
        """Start edition ``from_year + 1`` from edition ``from_year`` (see
        ``start_next_edition``), store it and return it as stored."""
        successor = start_next_edition(self.read_edition(from_year))
        self.write_edition(successor)
        return self.read_edition(successor.year)

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise DocumentError(
                f"Le fichier {quoted(self._path)} ne peut pas être lu"
                " (fichier endommagé ou verrouillé).",
                path=self._path,
            ) from exc

    @contextlib.contextmanager
    def _writing(self, action: str) -> Iterator[Database]:
        """One ``BEGIN IMMEDIATE`` … ``COMMIT`` transaction, rolled back on
        any error; yields a sqlite-utils ``Database`` on the connection."""
        if self._read_only:
            raise DocumentError(
                f"{action} est impossible : le fichier {quoted(self._path)}"
                " est ouvert en lecture seule.",
                path=self._path,
            )
        from sqlite_utils import Database

        db = Database(self._conn, recursive_triggers=False, execute_plugins=False)
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            # References may point forward within the edition (staff who
            # replace someone listed later): check them at COMMIT.
            self._conn.execute("PRAGMA defer_foreign_keys = ON")
            yield db
            self._conn.execute("COMMIT")
        except BaseException as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            if isinstance(exc, (sqlite3.Error, OverflowError)):
                raise DocumentError(_failure(action, self._path, exc), path=self._path) from exc
            raise


def _failure(action: str, path: Path, exc: BaseException) -> str:
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        cause = "le fichier est en cours de modification sur un autre poste"
    elif isinstance(exc, OverflowError):
        cause = "un nombre est trop grand pour être enregistré"
    else:
        cause = "le fichier n'a pas pu être écrit"
    return f"{action} dans {quoted(path)} a échoué ({cause}) ; le fichier n'a pas été modifié."


def open_document(
    path: str | Path, *, create: bool = False, read_only: bool = False
) -> Document:
    """Open the document at ``path`` after checking it (see ``opening``).

    ``create`` makes a new empty document if nothing exists at ``path``. An
    older document is upgraded to the current format after a copy was saved
    in the backup folder; ``read_only`` upgrades an in-memory copy instead.
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
            _backup(conn, path, version)
    finally:
        conn.close()
    return Document(path, _open_for_writing(path, version), read_only=False)


def _create(path: Path) -> sqlite3.Connection:
    try:
        conn = connect(path, "rwc")
    except sqlite3.Error as exc:
        raise DocumentError(f"Le fichier {quoted(path)} ne peut pas être créé.", path=path) from exc
    try:
        configure(conn)
        upgrade(conn)
    except BaseException as exc:
        conn.close()
        path.unlink(missing_ok=True)
        if isinstance(exc, sqlite3.Error):
            raise DocumentError(
                f"Le fichier {quoted(path)} ne peut pas être créé.", path=path
            ) from exc
        raise
    return conn


def _open_for_writing(path: Path, version: int) -> sqlite3.Connection:
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


def _upgraded_copy(conn: sqlite3.Connection, path: Path) -> sqlite3.Connection:
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
        f"La mise à jour du fichier {quoted(path)} vers le format {SCHEMA_VERSION}"
        f" a échoué{where}.",
        path=path,
    )


def _backup(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """A consistent copy of the document in the backup folder, named after
    it, its format version and the time, before it is upgraded."""
    folder = paths.backup_dir()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    stem = f"{path.stem}-format{version}-{stamp}"
    target = folder / f"{stem}{path.suffix}"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{stem}-{counter}{path.suffix}"
    copy = sqlite3.connect(target)
    try:
        conn.backup(copy)
    except sqlite3.Error as exc:
        copy.close()
        target.unlink(missing_ok=True)
        raise DocumentError(
            f"Le fichier {quoted(path)} n'a pas été mis à jour : sa copie de sauvegarde"
            f" dans {quoted(folder)} n'a pas pu être écrite.",
            path=path,
        ) from exc
    copy.close()
