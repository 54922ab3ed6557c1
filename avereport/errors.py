"""Errors a user can cause, and how the program words the others.

Every exception meant for a user derives from ``UserError`` and its ``str()``
is one French sentence naming the file and the problem.
"""

from __future__ import annotations

import datetime as dt
import errno
import traceback
from pathlib import Path


class UserError(Exception):
    """A problem with the user's input, already worded in French."""

    def lines(self) -> list[str]:
        """The message as the lines a terminal shows (a line break inside one
        is part of a name, not of the message)."""
        return [str(self)]


_OS_REASONS = {
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EACCES: "accès refusé",
    errno.EPERM: "opération non permise",
    errno.ENOSPC: "plus de place sur le disque",
    errno.EROFS: "le support est en lecture seule",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EEXIST: "le fichier existe déjà",
}


def describe_os_error(error: OSError) -> str:
    reason = _OS_REASONS.get(error.errno or 0, error.strerror or "erreur du système")
    if not error.filename:
        return f"Opération impossible : {reason}."
    return f"Impossible d'accéder à « {Path(error.filename).name} » : {reason}."


def report_unexpected(error: BaseException) -> str:
    """Log the traceback to the user's data folder; return the French line to show."""
    from avereport.paths import data_dir

    try:
        log = data_dir() / "erreurs.log"
        with log.open("a", encoding="utf-8") as stream:
            stream.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')}\n")
            stream.write("".join(traceback.format_exception(error)))
        where = f" Le détail est enregistré dans « {log} »."
    except OSError:
        where = ""
    return f"Erreur inattendue ({type(error).__name__}).{where} Merci de transmettre ce fichier à l'équipe avereport."
