"""One writer at a time: a lock file beside the document.

In the spirit of LibreOffice's ``.~lock.NAME#``, the file
``.~lock.rapport.db#`` beside ``rapport.db`` tells who has the document open
for editing. It is made with an exclusive create, so the file system decides
between two openers (also between two computers on a share), and removed when
the document is closed. Opening read-only takes no lock.

The lock file is one line of UTF-8 text ending with a line feed, its fields
separated by commas and quoted as in CSV (RFC 4180) when needed:

    display name,OS user,host name,ISO 8601 time with UTC offset,process id
    Marie Dupont,mdupont,PC-COMPTA,2026-11-28T10:42:07+01:00,4242

A lock is stale when it was taken on this computer by a process that no
longer runs (a crash): it is then taken over without asking. Whether a
process on another computer still runs cannot be known, so another
computer's lock is taken over only when the user confirms it
(``open_for_editing(..., replacing=holder)``). A lock file that cannot be
read, or that is not a small regular file (a folder, a FIFO, a link), is
held by « inconnu »; it is never opened in a way that could block.

A document opened under its lock checks, inside every write transaction,
that the lock is still its own (``DocumentLock.check``): once someone has
taken the document over, the former holder's writes are refused with
``LockLostError``, which names who took it and when.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import errno
import getpass
import hashlib
import io
import os
import secrets
import socket
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from avereport.model.dates import FuzzyDate
from avereport.store.document import Document, open_document
from avereport.store.errors import DocumentError, quoted

LOCK_PREFIX = ".~lock."
LOCK_SUFFIX = "#"

# Anything larger is not one of our lock files (and is not read whole).
_MAX_LOCK_SIZE = 4096
# A lock file is created, then written in one call: a reader may see it
# empty (or cut short) for an instant, or see it vanish between two calls
# when its holder closes.
_SETTLE_SECONDS = 0.25
_ATTEMPTS = 20
_PAUSE = 0.01
_MAX_PID = 2**31 - 1
# The most a folder entry's name can hold, in bytes (and UTF-16 units on
# Windows, never more than its UTF-8 bytes).
_MAX_NAME_BYTES = 255
_NAME_HASH_DIGITS = 12
# SQLite writes its rollback journal beside the document, named after it.
_JOURNAL_SUFFIX = "-journal"
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_FOLDER_REASONS = {
    errno.EACCES: "accès refusé",
    errno.EPERM: "opération non permise",
    errno.EROFS: "dossier en lecture seule",
    errno.ENOENT: "dossier introuvable",
    errno.ENOSPC: "plus de place sur le disque",
    errno.EDQUOT: "quota du disque dépassé",
    errno.ENAMETOOLONG: "nom de fichier trop long",
}


@dataclass(frozen=True)
class LockInfo:
    """Who holds a document, as its lock file says. A damaged lock file
    gives empty fields, ``since`` and ``pid`` None."""

    display_name: str
    user: str
    host: str
    since: dt.datetime | None
    pid: int | None
    content: bytes = field(repr=False)
    """The lock file as read: a take-over replaces exactly this lock."""

    @property
    def damaged(self) -> bool:
        return self.since is None

    @property
    def holder(self) -> str:
        """ "Marie Dupont (mdupont sur PC-COMPTA)", or « inconnu »."""
        if self.damaged:
            return "inconnu"
        where = f"{self.user} sur {self.host}" if self.user else self.host
        return f"{self.display_name} ({where})" if self.display_name else where

    @property
    def since_text(self) -> str:
        """ "le 28 novembre 2026 à 10 h 42" in this computer's time zone; ""
        for a damaged lock."""
        if self.since is None:
            return ""
        from avereport.model import fmt  # with babel, only for a message about someone else's lock

        local = self.since.astimezone()
        day = fmt.date(FuzzyDate.of(local.date()))
        return f"le {day} à {_hour(local)}"

    @property
    def when_text(self) -> str:
        """ "à 14 h 32" today, else as ``since_text``."""
        if self.since is not None and self.since.astimezone().date() == dt.date.today():
            return f"à {_hour(self.since.astimezone())}"
        return self.since_text


def _hour(moment: dt.datetime) -> str:
    import babel.dates

    from avereport.model import fmt

    return babel.dates.format_time(moment.time(), "H 'h' mm", locale=fmt.LOCALE)


class LockedError(DocumentError):
    """Someone else has the document open for editing; ``info`` says who."""

    def __init__(self, path: Path, info: LockInfo) -> None:
        if info.damaged:
            message = (
                f"Le document {quoted(path)} est ouvert par un utilisateur inconnu"
                f" (son fichier de verrou {quoted(lock_path(path))} est illisible)."
            )
        else:
            message = f"Le document {quoted(path)} est ouvert par {info.holder} depuis {info.since_text}."
        super().__init__(message, path=path)
        self.info = info
        self.holder = info.holder
        self.since = info.since


class LockUnavailableError(DocumentError):
    """The lock file cannot be created (read-only folder, access refused):
    the document can only be read. The message gives the system's reason."""

    def __init__(self, path: Path, cause: OSError | None = None) -> None:
        if cause is None or cause.errno is None:
            reason = "raison inconnue"
        else:
            reason = _FOLDER_REASONS.get(cause.errno, cause.strerror or "erreur du système")
        super().__init__(
            f"Le document {quoted(path)} ne peut pas être réservé pour être modifié :"
            f" son fichier de verrou ne peut pas être créé dans le dossier {quoted(path.parent)}"
            f" ({reason}).",
            path=path,
        )


class LockLostError(DocumentError):
    """Someone took the document over (or removed its lock): this process
    may no longer write to it. ``info`` is the new holder, None if the lock
    file is gone."""

    def __init__(self, path: Path, info: LockInfo | None) -> None:
        if info is None:
            message = (
                f"Le document {quoted(path)} n'est plus réservé pour vous : son fichier de verrou"
                f" {quoted(lock_path(path))} a été supprimé."
            )
        elif info.damaged:
            message = (
                f"Le document {quoted(path)} n'est plus réservé pour vous : son fichier de verrou"
                f" {quoted(lock_path(path))} a été remplacé par un fichier illisible (utilisateur inconnu)."
            )
        else:
            message = f"{info.holder} a pris la main sur le document {quoted(path)} {info.since_text}."
        super().__init__(f"{message} Votre modification n'y a pas été enregistrée.", path=path)
        self.info = info

    @property
    def taken_by(self) -> str:
        """ "Paul Martin (pmartin sur PC-2) a pris la main à 14 h 32", for a banner."""
        if self.info is None:
            return "Le fichier de verrou de ce document a été supprimé"
        if self.info.damaged:
            return "Un utilisateur inconnu a pris la main sur ce document"
        return f"{self.info.holder} a pris la main {self.info.when_text}"


class DocumentLock:
    """A lock this process holds; ``release()`` removes it."""

    def __init__(self, path: Path, info: LockInfo) -> None:
        self.path = path
        self.info = info
        self._held = True

    @property
    def lock_path(self) -> Path:
        return lock_path(self.path)

    def still_held(self) -> bool:
        """False once released, or if someone took the lock over."""
        if not self._held:
            return False
        current = read_lock(self.path)
        return current is not None and current.content == self.info.content

    def check(self) -> None:
        """Raise ``LockLostError`` unless this lock is still ours. A document
        opened under the lock calls it inside each write transaction."""
        if self.still_held():
            return
        # A take-over renames our lock aside, then creates its own: wait a
        # moment for it, to name who took the document.
        deadline = time.monotonic() + _SETTLE_SECONDS
        current = read_lock(self.path)
        while current is None and time.monotonic() < deadline:
            time.sleep(_PAUSE)
            current = read_lock(self.path)
        raise LockLostError(self.path, current)

    def rename(self, display_name: str) -> None:
        """Show ``display_name`` in the lock from now on: the file is
        rewritten in one rename, so it always exists and always names us.
        ``LockLostError`` if someone has taken the document meanwhile."""
        self.check()
        content = _lock_content(display_name, since=self.info.since)
        lock = self.lock_path
        temporary = lock.with_name(_fit(lock.name, f".{os.getpid()}-{secrets.token_hex(4)}"))
        try:
            _create_exclusively(temporary, content)
            _retrying(lambda: os.replace(temporary, lock))
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            raise LockUnavailableError(self.path, exc) from exc
        self.info = _parse(content)

    def release(self) -> None:
        """Remove the lock file, unless someone took it over; idempotent."""
        if not self._held:
            return
        self._held = False
        if _lock_bytes(self.lock_path) == self.info.content:
            try:
                _retrying(lambda: self.lock_path.unlink(missing_ok=True))
            except OSError:
                pass  # left behind, it is stale: the next opener here takes it over

    def __enter__(self) -> DocumentLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


@dataclass
class OpenedDocument:
    """A document opened by :func:`open_for_editing`: writable with its lock
    held, or read-only with the French reason (and who holds it, if anyone)."""

    document: Document
    lock: DocumentLock | None = None
    holder: LockInfo | None = None
    reason: str | None = None

    @property
    def read_only(self) -> bool:
        return self.document.read_only

    def close(self) -> None:
        try:
            self.document.close()
        finally:
            if self.lock is not None:
                self.lock.release()

    def __enter__(self) -> OpenedDocument:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def lock_path(path: Path) -> Path:
    """``.~lock.NAME#`` beside ``path``; for a name too long for that, the
    name is cut and a short hash of the whole name added, so that the lock
    file can always be created."""
    return path.with_name(_fit(f"{LOCK_PREFIX}{path.name}", LOCK_SUFFIX))


def open_for_editing(
    path: str | Path, display_name: str, *, create: bool = False, replacing: LockInfo | None = None
) -> OpenedDocument:
    """Open ``path`` for editing if nobody else has it, else read-only.

    This is the one place that decides: a read-only file, a lock held by
    someone else or a folder where no lock can be made give a read-only
    document and the reason; otherwise the lock is taken (a stale one of
    this computer taken over) and held until ``close()``. ``replacing`` is
    the holder the user agreed to take the document from; it is replaced
    only if it still holds the lock. A file refused by the store's checks
    raises ``DocumentError`` and leaves no lock.
    """
    path = Path(path)
    if path.exists() and not os.access(path, os.W_OK):
        return _read_only(path, None, f"Le fichier {quoted(path)} est en lecture seule.")
    too_long = _name_too_long(path)
    if too_long is not None:
        if not path.exists():
            raise too_long
        return _read_only(path, None, str(too_long))
    try:
        if replacing is None:
            lock = lock_for_editing(path, display_name)
        else:
            lock = take_over(path, display_name, replacing)
    except LockedError as error:
        if not path.exists():
            raise  # being created by its holder: nothing to show yet
        return _read_only(path, error.info, str(error))
    except LockUnavailableError as error:
        if not path.exists():
            raise
        return _read_only(path, None, str(error))
    try:
        return _open_under(lock, create=create)
    except LockLostError as error:
        # Taken by someone else while it was being opened.
        if error.info is None or not path.exists():
            raise
        return _read_only(path, error.info, str(LockedError(path, error.info)))


def open_locked(path: str | Path, display_name: str, *, create: bool = False) -> OpenedDocument:
    """For the command line: ``path`` opened for writing under its lock (a
    stale one taken over), or ``LockedError`` / ``LockUnavailableError``."""
    too_long = _name_too_long(Path(path))
    if too_long is not None:
        raise too_long
    return _open_under(lock_for_editing(path, display_name), create=create)


def _name_too_long(path: Path) -> DocumentError | None:
    """Why a document whose name leaves no room for its journal's cannot be
    written (SQLite could not make ``NAME-journal`` beside it); None if it can."""
    size = len(path.name.encode("utf-8", "surrogateescape"))
    most = _MAX_NAME_BYTES - len(_JOURNAL_SUFFIX)
    if size <= most:
        return None
    return DocumentError(
        f"Le document {quoted(path)} ne peut pas être modifié : son nom est trop long"
        f" ({size} octets, {most} au plus). Raccourcissez le nom du fichier.",
        path=path,
    )


def _open_under(lock: DocumentLock, *, create: bool) -> OpenedDocument:
    """Open the document of ``lock``, every write checking the lock first.

    ``check_writes_with`` also waits for a write its former holder may have
    had in flight: what is read afterwards is the file as that holder left
    it, never an older state.
    """
    try:
        document = open_document(lock.path, create=create)
        try:
            document.check_writes_with(lock.check)
        except BaseException:
            document.close()
            raise
    except BaseException:
        lock.release()
        raise
    return OpenedDocument(document, lock)


def _read_only(path: Path, holder: LockInfo | None, why: str) -> OpenedDocument:
    document = open_document(path, read_only=True)
    return OpenedDocument(document, None, holder, f"{why} Vous le consultez en lecture seule.")


def lock_for_editing(path: str | Path, display_name: str) -> DocumentLock:
    """``acquire_lock``, taking over a stale lock left on this computer."""
    path = Path(path)
    try:
        return acquire_lock(path, display_name)
    except LockedError as error:
        if not is_stale(error.info):
            raise
        return take_over(path, display_name, error.info)


def acquire_lock(path: str | Path, display_name: str) -> DocumentLock:
    """Take the lock of the document at ``path``; ``LockedError`` names
    whoever has it, ``LockUnavailableError`` if no lock can be created."""
    path = Path(path)
    content = _lock_content(display_name)
    refusal = None
    for _ in range(_ATTEMPTS):
        try:
            _create_exclusively(lock_path(path), content)
        except FileExistsError:
            holder = read_lock(path)
            if holder is not None:
                raise LockedError(path, holder) from None
            # Released between our create and our read: try again.
        except PermissionError as exc:
            # Also what Windows answers while the previous lock file is
            # still being deleted: worth another try before giving up.
            refusal = exc
            time.sleep(_PAUSE)
        except OSError as exc:
            raise LockUnavailableError(path, exc) from exc
        else:
            return DocumentLock(path, _parse(content))
    holder = read_lock(path)
    if holder is not None:
        raise LockedError(path, holder)
    raise LockUnavailableError(path, refusal)


def read_lock(path: str | Path) -> LockInfo | None:
    """Who holds the document at ``path``, or None if nobody does."""
    lock = lock_path(Path(path))
    deadline = time.monotonic() + _SETTLE_SECONDS
    while True:
        try:
            content = _read_content(lock)
        except OSError:
            return _parse(b"")  # not a lock file, or not readable: damaged
        if content is None:
            return None
        info = _parse(content)
        being_written = info.damaged and not content.endswith(b"\n") and len(content) <= _MAX_LOCK_SIZE
        if not being_written or time.monotonic() >= deadline:
            return info
        time.sleep(_PAUSE)


def is_stale(info: LockInfo) -> bool:
    """The lock was taken on this computer by a process that is gone."""
    if info.damaged or info.pid is None:
        return False
    if info.host.casefold() != socket.gethostname().casefold():
        return False
    return not _process_running(info.pid)


def take_over(path: str | Path, display_name: str, expected: LockInfo) -> DocumentLock:
    """Replace the lock ``expected`` (stale, or the user agreed) by ours.

    If the lock changed meanwhile, ``LockedError`` names its new holder. The
    old lock is first renamed aside (of two processes taking over at once,
    only one can), then ours is made with an exclusive create.
    """
    path = Path(path)
    lock = lock_path(path)
    current = read_lock(path)
    if current is not None and current.content != expected.content:
        raise LockedError(path, current)
    if current is not None:
        aside = lock.with_name(_fit(lock.name, f".{os.getpid()}-{secrets.token_hex(4)}"))
        try:
            _retrying(lambda: os.rename(lock, aside))
        except FileNotFoundError:
            pass  # released or taken meanwhile: the exclusive create decides
        except OSError as exc:
            raise LockUnavailableError(path, exc) from exc
        else:
            moved = _lock_bytes(aside) or b""
            if moved != expected.content:
                # A new holder came in between our read and the rename.
                _give_back(lock, moved)
                _remove(aside)
                raise LockedError(path, _parse(moved))
            _remove(aside)
    return acquire_lock(path, display_name)


def _remove(aside: Path) -> None:
    with contextlib.suppress(OSError):  # a damaged lock may be a folder: left aside, harmless
        aside.unlink(missing_ok=True)


def _give_back(lock: Path, content: bytes) -> None:
    try:
        _create_exclusively(lock, content)
    except OSError:
        pass  # someone else holds it now; the lock stays theirs


def _create_exclusively(lock: Path, content: bytes) -> None:
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0)
    handle = os.open(lock, flags, 0o644)
    try:
        written = os.write(handle, content)
    except OSError:
        os.close(handle)
        lock.unlink(missing_ok=True)
        raise
    os.close(handle)
    if written != len(content):
        lock.unlink(missing_ok=True)
        raise OSError(f"short write to {lock}")


def _read_content(lock: Path) -> bytes | None:
    """The lock file's first bytes; None if there is none. ``OSError`` if
    it cannot be read or is not a regular file: a FIFO or a device is never
    opened for reading in a way that blocks, and a link is not followed."""
    try:
        if not stat.S_ISREG(os.lstat(lock).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(lock))
        handle = os.open(lock, os.O_RDONLY | _NO_FOLLOW)
    except FileNotFoundError:
        return None
    try:
        # Swapped for something else between lstat and open?
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(lock))
        chunks: list[bytes] = []
        size = 0
        while size <= _MAX_LOCK_SIZE:
            chunk = os.read(handle, _MAX_LOCK_SIZE + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(handle)


def _lock_bytes(lock: Path) -> bytes | None:
    """``_read_content``, b"" for a file that cannot be read."""
    try:
        return _read_content(lock)
    except OSError:
        return b""


def _fit(stem: str, suffix: str) -> str:
    """``stem + suffix`` if it fits in a folder entry; else ``stem`` cut
    (on a character boundary), a hash of all of it and ``suffix``."""
    name = stem + suffix
    if len(name.encode("utf-8", "surrogateescape")) <= _MAX_NAME_BYTES:
        return name
    encoded = stem.encode("utf-8", "surrogateescape")
    digest = hashlib.sha256(encoded).hexdigest()[:_NAME_HASH_DIGITS]
    tail = f"~{digest}{suffix}"
    room = _MAX_NAME_BYTES - len(tail.encode("utf-8", "surrogateescape"))
    kept = encoded[:room].decode("utf-8", "ignore")
    return kept + tail


def _lock_content(display_name: str, since: dt.datetime | None = None) -> bytes:
    since = since or dt.datetime.now().astimezone().replace(microsecond=0)
    row = [" ".join(display_name.split()), _os_user(), socket.gethostname(), since.isoformat(), os.getpid()]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(row)
    return buffer.getvalue().encode("utf-8")


def _parse(content: bytes) -> LockInfo:
    try:
        if len(content) > _MAX_LOCK_SIZE:
            raise ValueError("too large")
        text = content.decode("utf-8")
        if not text.endswith("\n"):
            raise ValueError("incomplete")
        ((display_name, user, host, since_text, pid_text),) = list(csv.reader(io.StringIO(text)))
        since = dt.datetime.fromisoformat(since_text)
        pid = int(pid_text)
        if since.tzinfo is None or not 0 < pid <= _MAX_PID:
            raise ValueError("bad field")
    except (ValueError, csv.Error):
        return LockInfo("", "", "", None, None, content)
    return LockInfo(display_name, user, host, since, pid, content)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _retrying(action: Callable[[], object]) -> None:
    """Windows refuses to rename or delete a file another process has open
    (a colleague reading the lock): try a few times."""
    for _ in range(_ATTEMPTS - 1):
        try:
            action()
            return
        except PermissionError:
            time.sleep(_PAUSE)
    action()


def _process_running(pid: int) -> bool:
    # psutil: the same check on Windows (OpenProcess, exit code), macOS and
    # Linux (signal 0; another user's process counts as running).
    import psutil

    return psutil.pid_exists(pid)
