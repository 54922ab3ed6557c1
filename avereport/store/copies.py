"""Checked copies of a document ("Enregistrer une copie…", "Envoyer à un
collègue…", automatic backups): never a raw copy of an open file.

SQLite's online backup API copies the document page by page under a read
lock, so a copy taken while someone else is writing holds the last committed
state. The copy is written in a private folder beside the target (see
``avereport.outputs``: no link can be planted there, and SQLite's journal of
the copy stays inside), passes the checks a file passes before it is opened
(``quick_check``, our application id, version and tables), and only then
replaces the target in one rename: the target is either as it was or the
complete, checked copy. A copy never replaces its own document, a link, a
lock or anything in the backup folder.
"""

from __future__ import annotations

import datetime as dt
import errno
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from avereport.outputs import SQLITE_SIDE_SUFFIXES, OutputRefused, check_output, publish, publish_new, staged
from avereport.store.errors import DocumentError, quoted
from avereport.store.opening import inspect

if TYPE_CHECKING:
    from avereport.store.document import Document


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


def copy_database(
    copy_into: Callable[[sqlite3.Connection], None], source: Path, target: Path, *, new: bool = False
) -> Path:
    """Write a checked copy at ``target`` with ``copy_into``, which fills the
    empty database it is given (SQLite's backup API); messages name ``source``.
    A ``new`` copy (a backup) never replaces a file; any other replaces
    ``target`` unless ``avereport.outputs.check_output`` refuses it."""
    try:
        if not new:
            check_output(target, protected=[source], document=True)
        with staged(target) as temp:
            copy = sqlite3.connect(temp, isolation_level=None)
            try:
                copy.execute("PRAGMA synchronous = FULL")
                copy_into(copy)
            finally:
                copy.close()
            _check(temp, source, target)
            if new:
                publish_new(temp, target)
            else:
                for suffix in SQLITE_SIDE_SUFFIXES:
                    target.with_name(target.name + suffix).unlink(missing_ok=True)
                publish(temp, target, protected=[source], document=True)
    except OutputRefused as exc:
        raise DocumentError(f"La copie de {quoted(source)} n'a pas été écrite. {exc}", path=source) from exc
    except sqlite3.Error as exc:
        raise _failed(source, target, "la copie n'a pas pu être écrite") from exc
    except OSError as exc:
        raise _failed(source, target, _os_reason(exc)) from exc
    return target


def sending_copy_name(document: Path, day: dt.date) -> str:
    """The file name of a copy sent to a colleague:
    « rapport (copie pour envoi 2026-11-28).db »."""
    return f"{document.stem} (copie pour envoi {day.isoformat()}){document.suffix or '.db'}"


def remove_with_side_files(path: Path) -> None:
    path.unlink(missing_ok=True)
    for suffix in SQLITE_SIDE_SUFFIXES:
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _check(temp: Path, source: Path, target: Path) -> None:
    """The copy passes the checks of a file being opened."""
    try:
        conn, _version = inspect(temp, read_only=True)
    except DocumentError as exc:
        raise _failed(source, target, "la copie obtenue n'a pas passé la vérification") from exc
    conn.close()


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "plus de place sur le disque"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return "le dossier de destination est introuvable"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "le dossier de destination n'accepte pas l'écriture"
    if exc.errno == errno.EEXIST:
        return "un fichier de ce nom vient d'y être créé"
    return "le fichier de destination n'a pas pu être écrit"


def _failed(source: Path, target: Path, reason: str) -> DocumentError:
    return DocumentError(
        f"La copie de {quoted(source)} vers {quoted(target)} a échoué ({reason}) ;"
        f" {quoted(target)} n'a pas été modifié.",
        path=source,
    )
