"""A 25-edition document for benchmarks: 300 training sessions and 40 board
members in every edition, built from the demo's 2021 edition."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from avereport.demo import demo_editions
from avereport.model.dates import FuzzyDate
from avereport.model.edition import BoardMember, Edition, TrainingMode, TrainingSession

EDITIONS = 25
SESSIONS = 300
BOARD_MEMBERS = 40


def large_editions(newest_year: int = 2021) -> list[Edition]:
    base = demo_editions()[-1]
    editions = []
    for offset in range(EDITIONS):
        year = newest_year - EDITIONS + 1 + offset
        board = tuple(
            BoardMember(
                id=i + 1, surname=f"NOM{i:02d}", first_name=f"Prénom {i}", functions=(f"Fonction {i}",)
            )
            for i in range(BOARD_MEMBERS)
        )
        bureau = tuple(dataclasses.replace(role, member_id=1) for role in base.governance.bureau)
        sessions = tuple(
            TrainingSession(
                module=f"Module {i % 12}",
                date=FuzzyDate(year, i % 12 + 1, i % 28 + 1),
                mode=TrainingMode.REMOTE if i % 5 else TrainingMode.ON_SITE,
                plie=4 + i % 5,
                mde=3 + i % 3,
                collectivites=1 + i % 2,
                autres=i % 2,
            )
            for i in range(SESSIONS)
        )
        groups = tuple(
            dataclasses.replace(
                group,
                categories=tuple(
                    c if c.count is None else dataclasses.replace(c, count=c.count + offset)
                    for c in group.categories
                ),
            )
            for group in base.membership.groups
        )
        edition = dataclasses.replace(
            base,
            year=year,
            governance=dataclasses.replace(base.governance, board=board, bureau=bureau),
            training=dataclasses.replace(base.training, sessions=sessions),
            membership=dataclasses.replace(base.membership, groups=groups),
        )
        editions.append(_shift_dates(edition, year - base.year))
    return editions


def _shift_dates(value: Any, years: int) -> Any:
    """``value`` (a dataclass tree) with every date moved by ``years``, so the copy stays plausible."""
    if isinstance(value, FuzzyDate):
        return dataclasses.replace(value, year=value.year + years)
    if isinstance(value, tuple):
        return tuple(_shift_dates(item, years) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _shift_dates(getattr(value, f.name), years) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def write_large_document(path: Path) -> Path:
    from avereport.store import open_document

    with open_document(path, create=True) as document:
        document.write_editions(large_editions())
    return path
