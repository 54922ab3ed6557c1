"""What ``avereport info FILE.db`` tells about a document, without changing it.

Everything is read through the store's read-only opening, so a file that
fails its checks (not a document, damaged, newer format) is refused with the
store's French message and stays byte for byte as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import babel.units
from babel.lists import format_list

from avereport.model.fmt import LOCALE
from avereport.store import SCHEMA_VERSION, open_document
from avereport.store.location import Location, describe_location
from avereport.store.lock import LockInfo, is_stale, read_lock
from avereport.store.opening import inspect

_BYTE_UNITS = ("digital-byte", "digital-kilobyte", "digital-megabyte", "digital-gigabyte")


@dataclass(frozen=True)
class DocumentInfo:
    path: Path
    version: int
    years: list[int]
    size: int
    lock: LockInfo | None
    stale_lock: bool
    location: Location


def document_info(path: Path) -> DocumentInfo:
    """Gather what ``info`` prints; ``DocumentError`` for a refused file.
    Integrity is the store's check: a file that is read passed it."""
    with open_document(path, read_only=True) as document:
        years = document.years()
    connection, version = inspect(path, read_only=True)
    connection.close()
    lock = read_lock(path)
    return DocumentInfo(
        path=path.absolute(),
        version=version,
        years=years,
        size=path.stat().st_size,
        lock=lock,
        stale_lock=lock is not None and is_stale(lock),
        location=describe_location(path),
    )


def info_lines(info: DocumentInfo) -> list[str]:
    """The lines ``info`` prints, in French (one ``print`` each: see avereport.cli.printable)."""
    lines = [
        f"Document : {info.path}",
        f"Format : {_version_text(info.version)}",
        f"Éditions : {format_list([str(y) for y in info.years], locale=LOCALE) if info.years else 'aucune'}",
        f"Taille : {file_size_text(info.size)}",
        "Intégrité : intègre (contrôle SQLite et tables vérifiés)",
        f"Verrou : {_lock_text(info.lock, info.stale_lock)}",
        f"Emplacement : {info.location.label}"
        + (f" — {info.location.detail}" if info.location.detail else ""),
    ]
    if info.location.advice:
        lines.append(f"  {info.location.advice}")
    return lines


def file_size_text(size: int) -> str:
    """ "0 octet", "512 octets", "3 ko", "1,2 Mo": powers of 1024, as file
    managers show sizes."""
    value = float(size)
    for unit in _BYTE_UNITS[:-1]:
        if value < 1024:
            return _unit(value, unit)
        value /= 1024
    return _unit(value, _BYTE_UNITS[-1])


def _unit(value: float, unit: str) -> str:
    length: Literal["long", "short"] = "long" if unit == "digital-byte" else "short"
    return babel.units.format_unit(value, unit, length=length, format="#,##0.#", locale=LOCALE)


def _version_text(version: int) -> str:
    if version == SCHEMA_VERSION:
        return f"{version}, celui de cette version d'avereport"
    return (
        f"{version}, plus ancien que celui de cette version d'avereport ({SCHEMA_VERSION}) :"
        " il sera mis à jour à sa prochaine ouverture en écriture, après une copie de sauvegarde"
    )


def _lock_text(lock: LockInfo | None, stale: bool) -> str:
    if lock is None:
        return "aucun"
    if lock.damaged:
        return "fichier de verrou illisible (ouvert par un utilisateur inconnu)"
    text = f"ouvert par {lock.holder} depuis {lock.since_text}"
    if stale:
        text += " (verrou abandonné : le programme qui l'a posé ne tourne plus)"
    return text
