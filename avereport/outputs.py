"""Every file avereport writes: never a document it reads, never through a link, never half written.

Documents sit in shared folders (network shares, synced folders) where
others can create files. So every file avereport creates (the PDF, the JSON,
copies, backups, new documents, cache files) is written the same way:

1. The target is checked (:func:`check_output`): it must not be a document
   being read or open here, nor its lock, its SQLite side files, a backup,
   nor a link, a folder, a pipe or a device; a PDF or a JSON never replaces
   a database.
2. The file is written in a private folder made for it beside the target
   (:func:`staged`: ``tempfile.mkdtemp``, created exclusively, readable by
   its owner only), under a random name nobody can plant a link at. SQLite's
   own side files (a copy's journal) stay in that folder too.
3. Once complete and on disk, it takes its name in one rename
   (:func:`publish`, ``os.replace``), which replaces a name and never writes
   through a link; a new document takes its name only if nothing is there
   (:func:`publish_new`), so it never replaces a file.

A failure leaves the target as it was and removes the private folder; an
``OSError`` is raised again naming the target, never a temporary name.
Qt-free and store-free: ``store``, ``report``, ``interchange`` and the CLI
use it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from avereport.errors import UserError

STAGING_SUFFIX = ".tmp"
# A private folder untouched this long was left by a process stopped while
# writing; a younger one may be another process's write in progress.
STAGING_LEFTOVER_SECONDS = 24 * 3600
# The lock file of a document (``avereport.store.lock.lock_path``).
LOCK_PREFIX = ".~lock."
LOCK_SUFFIX = "#"
# Files SQLite keeps beside a database.
SQLITE_SIDE_SUFFIXES = ("-journal", "-wal", "-shm")
_SQLITE_MAGIC = b"SQLite format 3\x00"


class OutputRefused(UserError):
    """The target cannot be written: it would destroy or redirect something."""


def check_output(target: Path, *, protected: Iterable[Path] = (), document: bool = False) -> None:
    """Refuse (``OutputRefused``, in French) a target that is one of the
    ``protected`` documents (by any spelling, link or hard link), the lock or
    a SQLite side file of a document, inside the backup folder, a symbolic
    link (refused, never followed nor replaced), or anything but a regular
    file. Unless ``document`` (a copy of a document, meant to replace one),
    an existing SQLite database is refused too."""
    target = Path(target)
    name = target.name
    for source in protected:
        if _same_place(target, Path(source)):
            raise OutputRefused(
                f"« {name} » désigne le document « {Path(source).name} » lui-même :"
                " avereport ne l'écrasera pas ; choisissez un autre nom."
            )
    if name.startswith(LOCK_PREFIX) and name.endswith(LOCK_SUFFIX):
        raise OutputRefused(f"« {name} » est le fichier de verrou d'un document : choisissez un autre nom.")
    for suffix in SQLITE_SIDE_SUFFIXES:
        if name.endswith(suffix) and os.path.lexists(target.with_name(name.removesuffix(suffix))):
            raise OutputRefused(
                f"« {name} » est un fichier de travail de SQLite pour « {name.removesuffix(suffix)} » :"
                " le remplacer pourrait endommager ce document ; choisissez un autre nom."
            )
    backups = _backup_folder()
    if backups is not None and _inside(target, backups):
        raise OutputRefused(
            f"« {name} » est dans le dossier des sauvegardes automatiques d'avereport ({backups}) :"
            " avereport n'y écrit que ses sauvegardes ; choisissez un autre dossier."
        )
    try:
        status = os.lstat(target)
    except (FileNotFoundError, NotADirectoryError):
        return  # nothing there to destroy; writing will say what is wrong
    except OSError as exc:
        raise _named(exc, target) from exc
    if stat.S_ISLNK(status.st_mode):
        raise OutputRefused(
            f"« {name} » est un lien symbolique : avereport n'écrit pas à travers un lien ;"
            " choisissez le fichier lui-même ou un autre nom."
        )
    if stat.S_ISDIR(status.st_mode):
        raise OutputRefused(f"« {name} » est un dossier : choisissez un nom de fichier.")
    if not stat.S_ISREG(status.st_mode):
        raise OutputRefused(
            f"« {name} » n'est pas un fichier ordinaire (tube, périphérique…) : choisissez un autre nom."
        )
    if not document and _is_database(target):
        raise OutputRefused(
            f"« {name} » est une base de données (peut-être un document avereport) :"
            " avereport ne la remplacera pas par ce fichier ; choisissez un autre nom."
        )


@contextlib.contextmanager
def staged(target: Path) -> Iterator[Path]:
    """Where to write the file meant for ``target``: a path in a new private
    folder beside it, removed with everything in it on leaving. Folders
    that an earlier write of the same target left behind (the process was
    stopped while writing) and untouched for a day are removed first."""
    target = Path(target)
    _remove_stale_staging(target)
    try:
        folder = tempfile.mkdtemp(prefix=f".{target.name}.", suffix=STAGING_SUFFIX, dir=target.parent)
    except OSError as exc:
        raise _named(exc, target) from exc
    try:
        yield Path(folder) / target.name
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def publish(file: Path, target: Path, *, protected: Iterable[Path] = (), document: bool = False) -> None:
    """Give the complete ``file`` (from :func:`staged`) the name ``target``,
    replacing what is there in one rename once it passes :func:`check_output`
    again (the folder may have changed while the file was written)."""
    check_output(target, protected=protected, document=document)
    try:
        os.replace(file, target)
    except OSError as exc:
        raise _named(exc, target) from exc
    _sync_folder(target.parent)


def publish_new(file: Path, target: Path) -> None:
    """Give ``file`` the name ``target`` only if nothing, not even a link, is
    there; ``FileExistsError`` otherwise (``os.rename`` replaces on POSIX)."""
    try:
        if os.name == "nt":
            os.rename(file, target)  # refuses an existing target on Windows
        else:
            _link_new(file, target)
    except OSError as exc:
        raise _named(exc, target) from exc
    _sync_folder(target.parent)


def write_file(target: Path, data: bytes | str, *, protected: Iterable[Path] = (), new: bool = False) -> None:
    """Write ``data`` (text as UTF-8) to ``target`` as described above: a
    failure leaves ``target`` as it was. A ``new`` file never replaces one."""
    target = Path(target)
    protected = list(protected)
    if not new:
        check_output(target, protected=protected)
    content = data.encode("utf-8") if isinstance(data, str) else data
    with staged(target) as file:
        try:
            _write_new(file, content)
        except OSError as exc:
            raise _named(exc, target) from exc
        if new:
            publish_new(file, target)
        else:
            publish(file, target, protected=protected)


def copy_new_file(source: Path, target: Path) -> None:
    """A byte-for-byte copy of ``source`` at ``target``, which must not exist."""
    target = Path(target)
    with staged(target) as file:
        try:
            shutil.copyfile(source, file)
        except OSError as exc:
            raise _named(exc, target) from exc
        publish_new(file, target)


def remove_leftovers(folder: Path, older_than: float) -> None:
    """Private folders of a process stopped while writing, last changed
    before the timestamp ``older_than`` (younger ones may still be in use)."""
    with contextlib.suppress(OSError):
        for item in Path(folder).iterdir():
            if not (item.name.startswith(".") and item.name.endswith(STAGING_SUFFIX)):
                continue
            with contextlib.suppress(OSError):
                status = os.lstat(item)
                if status.st_mtime >= older_than:
                    continue
                if stat.S_ISDIR(status.st_mode):
                    shutil.rmtree(item)
                else:
                    item.unlink()


def _remove_stale_staging(target: Path) -> None:
    prefix = f".{target.name}."
    older_than = time.time() - STAGING_LEFTOVER_SECONDS
    with contextlib.suppress(OSError):
        for item in target.parent.iterdir():
            if not (item.name.startswith(prefix) and item.name.endswith(STAGING_SUFFIX)):
                continue
            with contextlib.suppress(OSError):
                status = os.lstat(item)
                # Only a real folder: never through a link, never anything else.
                if stat.S_ISDIR(status.st_mode) and status.st_mtime < older_than:
                    shutil.rmtree(item)


def _write_new(file: Path, content: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    handle = os.open(file, flags, 0o666)  # the user's umask applies, as for any file they save
    with os.fdopen(handle, "wb") as stream:
        stream.write(content)
        stream.flush()
        os.fsync(stream.fileno())


def _link_new(file: Path, target: Path) -> None:
    try:
        os.link(file, target, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError:
        # No hard links on this file system (FAT, some shares): check, then rename.
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target)) from None
        os.rename(file, target)
        return
    os.unlink(file)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows it."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _named(exc: OSError, target: Path) -> OSError:
    """``exc`` naming the file the user asked for."""
    return type(exc)(exc.errno, exc.strerror or os.strerror(exc.errno or 0), str(target))


def _same_place(target: Path, source: Path) -> bool:
    """Whether ``target`` is ``source``: the same file (any spelling, link or
    hard link), or the same name in the same folder when one does not exist."""
    with contextlib.suppress(OSError):
        return os.path.samefile(target, source)
    with contextlib.suppress(OSError):
        return os.path.samefile(target.parent, source.parent) and os.path.normcase(
            target.name
        ) == os.path.normcase(source.name)
    return False


def _inside(target: Path, folder: Path) -> bool:
    try:
        parent = target.parent.resolve()
        folder = folder.resolve()
    except OSError:
        return False
    return parent == folder or folder in parent.parents


def _backup_folder() -> Path | None:
    """Where automatic backups go; None when the user's data folder cannot
    be made (then there are no backups)."""
    from avereport.paths import backup_dir

    try:
        return backup_dir()
    except OSError:
        return None


def _is_database(target: Path) -> bool:
    try:
        with open(target, "rb") as stream:
            return stream.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:
        return False
