"""Inserting an edition; runs inside the caller's transaction.

The ids an edition carries (board members, staff) only need to be consistent
within it; every row gets a fresh integer primary key here and references
are rewritten to those keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from avereport.model.edition import Edition
from avereport.store.errors import DocumentError, quoted
from avereport.store.images import LogoError, validate_logo
from avereport.store.layout import EDITION, SPECS, TABLES, get_path
from avereport.store.mapping import to_row
from avereport.store.opening import TEXT_MAX_BYTES

if TYPE_CHECKING:
    from sqlite_utils import Database

_TOO_LONG = f"un texte dépasse {TEXT_MAX_BYTES // 1024 // 1024} Mo, la taille permise"


@dataclass(slots=True)
class _Placed:
    row_id: int
    owner_id: int
    position: int
    item: Any


def insert_edition(db: Database, edition: Edition, path: Path) -> None:
    def refused(reason: str) -> DocumentError:
        return DocumentError(
            f"L'édition {edition.year} n'a pas été enregistrée dans {quoted(path)} : {reason}.",
            path=path,
        )

    # What reading a document refuses is never written (see ``opening``).
    if edition.organisation.logo is not None:
        try:
            validate_logo(edition.organisation.logo)
        except LogoError as exc:
            raise refused(f"le logo est refusé ({exc.reason})") from None

    edition_id = db[EDITION].insert(to_row(edition)).last_pk
    placed: dict[str, list[_Placed]] = {}
    # Per table: the edition's own ids -> the new primary keys.
    new_keys: dict[str, dict[int, int]] = {}
    for spec in TABLES:
        if spec.single:
            continue
        if spec.parent == EDITION:
            owners = [(edition_id, edition)]
        else:
            owners = [(p.row_id, p.item) for p in placed[spec.parent]]
        (last,) = db.execute(f'SELECT coalesce(max(id), 0) FROM "{spec.name}"').fetchone()
        rows = placed[spec.name] = []
        keys = new_keys[spec.name] = {}
        for owner_id, owner in owners:
            for position, item in enumerate(get_path(owner, spec.attr)):
                last += 1
                rows.append(_Placed(last, owner_id, position, item))
                own_id = getattr(item, "id", None)
                if own_id is not None:
                    if own_id in keys:
                        raise refused(
                            f"l'identifiant {own_id} figure deux fois parmi les {spec.label}"
                        )
                    keys[own_id] = last

    for spec in TABLES:
        if spec.single:
            row = to_row(get_path(edition, spec.attr))
            if _too_long(row):
                raise refused(_TOO_LONG)
            db[spec.name].insert({"edition_id": edition_id, **row})
            continue
        records = []
        for p in placed[spec.name]:
            row = {spec.text_column: p.item} if spec.text_column else to_row(p.item)
            row.update({"id": p.row_id, spec.parent_column: p.owner_id, "position": p.position})
            for ref in spec.references:
                target = row[ref.column]
                if target is not None:
                    if target not in new_keys[ref.table]:
                        label = SPECS[ref.table].label
                        raise refused(f"l'identifiant {target} ne correspond à aucun des {label}")
                    row[ref.column] = new_keys[ref.table][target]
            records.append(row)
        if any(_too_long(row) for row in records):
            raise refused(_TOO_LONG)
        db[spec.name].insert_all(records)


def _too_long(row: dict[str, Any]) -> bool:
    return any(isinstance(v, str) and len(v.encode()) > TEXT_MAX_BYTES for v in row.values())
