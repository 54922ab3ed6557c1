"""Ids and the references to them inside one edition, on plain (JSON) data.

A board member's ``id`` is what a bureau role's ``member_id`` points at, and a
staff member's ``id`` what another's ``replaces_id`` points at. The ids are
only meaningful within one edition: a dump renumbers them 1..n in list order
so that the file does not depend on database row ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ID = "id"


@dataclass(frozen=True, slots=True)
class Reference:
    section: str
    targets: str
    sources: str
    field: str
    target_label: str


REFERENCES = (
    Reference("governance", "board", "bureau", "member_id", "membre du conseil d'administration"),
    Reference("governance", "staff", "staff", "replaces_id", "membre de l'équipe"),
)


def renumber_ids(edition: dict[str, Any]) -> None:
    """Number each target list 1..n and repoint its references, in place."""
    for ref in REFERENCES:
        section = edition[ref.section]
        new_ids: dict[int, int] = {}
        for position, item in enumerate(section[ref.targets], start=1):
            old = item[ID]
            if old is not None:
                if old in new_ids:
                    raise ValueError(f"{ref.section}.{ref.targets}: id {old} used twice")
                new_ids[old] = position
            item[ID] = position
        for item in section[ref.sources]:
            old = item[ref.field]
            if old is not None:
                if old not in new_ids:
                    raise ValueError(f"{ref.section}.{ref.sources}.{ref.field}: no target has id {old}")
                item[ref.field] = new_ids[old]


def reference_problems(editions: list[dict[str, Any]]) -> list[str]:
    """French lines for repeated years, repeated ids and references to no id."""
    problems: list[str] = []
    first_of_year: dict[int, int] = {}
    for index, edition in enumerate(editions):
        year = edition["year"]
        if year in first_of_year:
            problems.append(
                f"editions[{index}].year : l'édition {year} figure déjà en editions[{first_of_year[year]}]"
            )
        first_of_year.setdefault(year, index)
        for ref in REFERENCES:
            problems += _problems_in(edition[ref.section], ref, f"editions[{index}].{ref.section}")
    return problems


def _problems_in(section: dict[str, Any], ref: Reference, where: str) -> list[str]:
    problems: list[str] = []
    position_of: dict[int, int] = {}
    for position, item in enumerate(section[ref.targets]):
        ident = item[ID]
        if ident is None:
            continue
        if ident in position_of:
            problems.append(
                f"{where}.{ref.targets}[{position}].{ID} : identifiant {ident} déjà utilisé "
                f"par {ref.targets}[{position_of[ident]}]"
            )
        position_of.setdefault(ident, position)
    for position, item in enumerate(section[ref.sources]):
        target = item[ref.field]
        if target is not None and target not in position_of:
            problems.append(
                f"{where}.{ref.sources}[{position}].{ref.field} : aucun {ref.target_label} "
                f"n'a l'identifiant {target}"
            )
    return problems
