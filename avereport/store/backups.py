"""Automatic backups of documents, kept in the user's data folder.

A backup is taken when a document is opened for writing, before it is
upgraded to a newer format, before a merge and before a restore. Backups
never go beside the document (it may sit on a share or a USB stick) but in
``avereport.paths.backup_dir()``, one folder per document::

    rapport-3f2a9c1e0b7d4a65/               name + hash of the absolute path
        2026-11-28_14-03-05_ouverture.db    the copy, made by ``copy_database``
        2026-11-28_14-03-05_ouverture.json  document, reason, date, editions,
                                            SHA-256 of the document's file

Opening takes no backup when the newest one was taken from a file with the
same SHA-256: the hash is computed under the same read lock as the copy, so
it describes exactly what was copied. Every backup thins the document's
folder (see :func:`thin`). See docs/reliability.md.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from avereport import paths
from avereport.outputs import copy_new_file, remove_leftovers, write_file
from avereport.store import reading
from avereport.store.copies import copy_database, remove_with_side_files
from avereport.store.errors import DocumentError, quoted
from avereport.store.opening import connect, inspect


class Reason(StrEnum):
    OPENING = "ouverture"
    MIGRATION = "migration"
    MERGE = "fusion"
    RESTORE = "restauration"


# Thinning: every backup of today, the newest of each of the 30 days before,
# the newest of each of the last 12 months (this one included); the newest
# backup always.
KEEP_DAYS = 30
KEEP_MONTHS = 12
# A partial copy left by a process killed while copying; younger ones may
# still be being written by another process.
LEFTOVER_AGE = dt.timedelta(days=1)

_STEM_LENGTH = 40
_DAMAGED = "endommage"


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    document: Path
    created: dt.datetime
    reason: Reason
    size: int
    editions: tuple[int, ...]
    source_sha256: str


def backup(document_path: str | Path, reason: Reason | str, *, now: dt.datetime | None = None) -> Backup:
    """Back up the document at ``document_path``, which is checked first; a
    file that fails the checks is neither copied nor touched."""
    path = Path(document_path)
    conn, _version = inspect(path, read_only=True)
    try:
        return take_backup(conn, path, reason, now=now)
    finally:
        conn.close()


def take_backup(
    conn: sqlite3.Connection, path: Path, reason: Reason | str, *, now: dt.datetime | None = None
) -> Backup:
    """Back up ``path`` through ``conn``, a checked connection to it (see
    ``opening.inspect``)."""
    with _read_lock(conn, path):
        return _copy(conn, path, Reason(reason), _file_sha256(path), now)


def backup_on_open(conn: sqlite3.Connection, path: Path, *, now: dt.datetime | None = None) -> Backup | None:
    """The « ouverture » backup of ``path`` through ``conn`` (see
    :func:`take_backup`), or None when the newest backup was taken from an
    identical file."""
    with _read_lock(conn, path):
        digest = _file_sha256(path)
        newest = newest_backup(path)
        if newest is not None and newest.source_sha256 == digest:
            return None
        return _copy(conn, path, Reason.OPENING, digest, now)


def list_backups(document_path: str | Path) -> list[Backup]:
    """The backups of the document at ``document_path``, newest first."""
    folder = document_folder(Path(document_path))
    if not folder.is_dir():
        return []
    found = []
    for description in folder.glob("*.json"):
        copy = description.with_suffix(".db")
        try:
            data = json.loads(description.read_text(encoding="utf-8"))
            found.append(
                Backup(
                    path=copy,
                    document=Path(data["document"]),
                    created=dt.datetime.fromisoformat(data["created"]),
                    reason=Reason(data["reason"]),
                    size=copy.stat().st_size,
                    editions=tuple(int(year) for year in data["editions"]),
                    source_sha256=str(data["source_sha256"]),
                )
            )
        except (OSError, ValueError, KeyError, TypeError):
            # An unreadable description or a missing copy is not offered.
            continue
    found.sort(key=lambda b: (b.created, b.path.name), reverse=True)
    return found


def newest_backup(document_path: str | Path) -> Backup | None:
    """What to offer when the document is damaged."""
    backups = list_backups(document_path)
    return backups[0] if backups else None


def thin(document_path: str | Path, now: dt.datetime | None = None) -> list[Backup]:
    """Remove the backups of the document that the rules no longer keep:
    every backup made today, the newest of each of the ``KEEP_DAYS`` days
    before, the newest of each of the last ``KEEP_MONTHS`` months (this one
    included), and the newest backup whatever its age. Also removes partial
    copies older than ``LEFTOVER_AGE``. Returns the backups removed."""
    now = now or dt.datetime.now()
    days: set[dt.date] = set()
    months: set[tuple[int, int]] = set()
    removed = []
    for index, item in enumerate(list_backups(document_path)):
        day = item.created.date()
        month = (day.year, day.month)
        age_days = (now.date() - day).days
        age_months = (now.year - day.year) * 12 + now.month - day.month
        keep = (
            index == 0
            or age_days <= 0
            or (age_days <= KEEP_DAYS and day not in days)
            or (age_months < KEEP_MONTHS and month not in months)
        )
        days.add(day)
        months.add(month)
        if not keep:
            # The description first: a copy without one is never listed.
            item.path.with_suffix(".json").unlink(missing_ok=True)
            remove_with_side_files(item.path)
            removed.append(item)
    _remove_leftovers(document_folder(Path(document_path)), now)
    return removed


def restore(
    backup_to_restore: Backup, document_path: str | Path, *, now: dt.datetime | None = None
) -> Path | None:
    """Put the copy of ``backup_to_restore`` in place of the document, after
    backing up the document (« restauration »). A document that fails the
    checks is kept byte for byte in its backup folder instead. Returns where
    the replaced document was kept (None if there was none). The document
    must be closed."""
    path = Path(document_path)
    # A document reached through a link: the file it designates is replaced.
    target = path.resolve() if path.is_symlink() else path
    conn, _version = inspect(backup_to_restore.path, read_only=True)
    try:
        kept = _keep_current(path, now) if path.exists() else None
        copy_database(conn.backup, backup_to_restore.path, target)
    finally:
        conn.close()
    return kept


def document_folder(path: Path) -> Path:
    """The backup folder of the document at ``path`` (not created)."""
    absolute = path.resolve()
    key = hashlib.sha256(os.path.normcase(str(absolute)).encode("utf-8")).hexdigest()[:16]
    return paths.backup_dir() / f"{absolute.stem[:_STEM_LENGTH]}-{key}"


def _keep_current(path: Path, now: dt.datetime | None) -> Path:
    try:
        conn, _version = inspect(path, read_only=True)
    except DocumentError:
        return _keep_damaged(path, now or dt.datetime.now())
    try:
        return take_backup(conn, path, Reason.RESTORE, now=now).path
    finally:
        conn.close()


def _keep_damaged(path: Path, now: dt.datetime) -> Path:
    """A raw copy of a file SQLite cannot use (nothing has it open), with its
    journal; never listed, never thinned."""
    try:
        folder = _created_folder(path)
        target = _free_name(folder, now, _DAMAGED)
        copy_new_file(path, target)
        journal = path.with_name(path.name + "-journal")
        if journal.exists():
            copy_new_file(journal, target.with_name(target.name + "-journal"))
    except OSError as exc:
        raise _backup_failed(path) from exc
    return target


@contextlib.contextmanager
def _read_lock(conn: sqlite3.Connection, path: Path) -> Iterator[None]:
    """Nobody commits to the file while the lock is held."""
    try:
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise _backup_failed(path) from exc
    try:
        yield
    finally:
        conn.execute("ROLLBACK")


def _copy(
    conn: sqlite3.Connection,
    path: Path,
    reason: Reason,
    digest: str,
    now: dt.datetime | None,
) -> Backup:
    created = now or dt.datetime.now()
    try:
        folder = _created_folder(path)
        target = _free_name(folder, created, reason.value)
        copy_database(conn.backup, path, target, new=True)
    except (OSError, DocumentError) as exc:
        raise _backup_failed(path) from exc
    try:
        editions = _editions(target)
        item = Backup(
            path=target,
            document=path.resolve(),
            created=created,
            reason=reason,
            size=target.stat().st_size,
            editions=editions,
            source_sha256=digest,
        )
        _write_description(item)
    except (OSError, sqlite3.Error) as exc:
        remove_with_side_files(target)
        raise _backup_failed(path) from exc
    thin(path, created)
    return item


def _created_folder(path: Path) -> Path:
    folder = document_folder(path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _free_name(folder: Path, created: dt.datetime, label: str) -> Path:
    stem = f"{created:%Y-%m-%d_%H-%M-%S}_{label}"
    target = folder / f"{stem}.db"
    counter = 1
    while target.exists() or target.with_suffix(".json").exists():
        counter += 1
        target = folder / f"{stem}-{counter}.db"
    return target


def _editions(copy: Path) -> tuple[int, ...]:
    conn = connect(copy, "ro")
    try:
        return tuple(reading.years(conn))
    finally:
        conn.close()


def _write_description(item: Backup) -> None:
    data = {
        "document": str(item.document),
        "reason": item.reason.value,
        "created": item.created.isoformat(),
        "editions": list(item.editions),
        "source_sha256": item.source_sha256,
    }
    write_file(item.path.with_suffix(".json"), json.dumps(data, ensure_ascii=False, indent=2), new=True)


def _file_sha256(path: Path) -> str:
    try:
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError as exc:
        raise _backup_failed(path) from exc


def _remove_leftovers(folder: Path, now: dt.datetime) -> None:
    """Partial copies of a process that was stopped while copying."""
    if folder.is_dir():
        remove_leftovers(folder, (now - LEFTOVER_AGE).timestamp())


def _backup_failed(path: Path) -> DocumentError:
    return DocumentError(
        f"La copie de sauvegarde de {quoted(path)} n'a pas pu être écrite dans"
        f" {quoted(paths.backup_dir())} ; le document n'a pas été modifié.",
        path=path,
    )
