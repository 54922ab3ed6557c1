"""Checked copies of a document ("Enregistrer une copie…", "Envoyer à un
collègue…", automatic backups): never a raw copy of an open file.

SQLite's online backup API copies the document page by page under a read
lock, so a copy taken while someone else is writing holds the last committed
state. The copy is written under a temporary name in the target's folder,
passes the checks a file passes before it is opened (``quick_check``, our
application id, version and tables), and only then replaces the target in
one rename: the target is either as it was or the complete, checked copy.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from avereport.store.errors import DocumentError, quoted
from avereport.store.opening import inspect

if TYPE_CHECKING:
    from avereport.store.document import Document

TEMP_SUFFIX = ".tmp"

# Files SQLite keeps beside a database; those of a replaced file would be
# played back onto its replacement.
_SIDE_FILES = ("-journal", "-wal", "-shm")


def safe_copy(source: Document | str | Path, target: str | Path) -> Path:
    """Copy ``source`` (an open document, or the path of a document, which is
    checked first and never modified) to ``target``; returns ``target``.

    An existing ``target`` is replaced, by the final rename only: the caller
    asks the user before overwriting.
    """
    target = Path(target)
    if isinstance(source, (str, Path)):
        path = Path(source)
        conn, _version = inspect(path, read_only=True)
        try:
            return copy_database(conn.backup, path, target)
        finally:
            conn.close()
    return copy_database(source.copy_into, source.path, target)


def copy_database(copy_into: Callable[[sqlite3.Connection], None], source: Path, target: Path) -> Path:
    """Write a checked copy at ``target`` with ``copy_into``, which fills the
    empty database it is given (SQLite's backup API); messages name ``source``."""
    _refuse_same_file(source, target)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
        os.close(handle)
    except OSError as exc:
        reason = "le dossier de destination est introuvable ou n'accepte pas l'écriture"
        raise _failed(source, target, reason) from exc
    temp = Path(name)
    try:
        copy = sqlite3.connect(temp, isolation_level=None)
        try:
            copy.execute("PRAGMA synchronous = FULL")
            copy_into(copy)
        finally:
            copy.close()
        _check(temp, source, target)
        for suffix in _SIDE_FILES:
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        os.replace(temp, target)
    except BaseException as exc:
        remove_with_side_files(temp)
        if isinstance(exc, sqlite3.Error):
            raise _failed(source, target, "la copie n'a pas pu être écrite") from exc
        if isinstance(exc, OSError):
            raise _failed(source, target, _os_reason(exc)) from exc
        raise
    return target


def sending_copy_name(document: Path, day: dt.date) -> str:
    """The file name of a copy sent to a colleague:
    « rapport (copie pour envoi 2026-11-28).db »."""
    return f"{document.stem} (copie pour envoi {day.isoformat()}){document.suffix or '.db'}"


def remove_with_side_files(path: Path) -> None:
    path.unlink(missing_ok=True)
    for suffix in _SIDE_FILES:
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _check(temp: Path, source: Path, target: Path) -> None:
    """The copy passes the checks of a file being opened."""
    try:
        conn, _version = inspect(temp, read_only=True)
    except DocumentError as exc:
        raise _failed(source, target, "la copie obtenue n'a pas passé la vérification") from exc
    conn.close()


def _refuse_same_file(source: Path, target: Path) -> None:
    same = target.resolve() == source.resolve()
    if not same and target.exists() and source.exists():
        same = os.path.samefile(source, target)
    if same:
        raise DocumentError(
            f"Une copie de {quoted(source)} ne peut pas remplacer le document lui-même :"
            " choisissez un autre nom ou un autre dossier.",
            path=source,
        )


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "plus de place sur le disque"
    return "le fichier de destination n'a pas pu être écrit"


def _failed(source: Path, target: Path, reason: str) -> DocumentError:
    return DocumentError(
        f"La copie de {quoted(source)} vers {quoted(target)} a échoué ({reason}) ;"
        f" {quoted(target)} n'a pas été modifié.",
        path=source,
    )
