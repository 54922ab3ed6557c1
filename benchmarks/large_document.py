"""A 25-edition document for benchmarks: 300 training sessions and 40 board
members in every edition, built from the demo's 2021 edition."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

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
        edition = copy.deepcopy(base)
        edition.year = year
        edition.governance.board = [
            BoardMember(
                id=i + 1, surname=f"NOM{i:02d}", first_name=f"Prénom {i}", functions=[f"Fonction {i}"]
            )
            for i in range(BOARD_MEMBERS)
        ]
        edition.governance.bureau = [
            dataclasses.replace(role, member_id=1) for role in base.governance.bureau
        ]
        edition.training.sessions = [
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
        ]
        for group in edition.membership.groups:
            for category in group.categories:
                if category.count is not None:
                    category.count += offset
        _shift_dates(edition, year - base.year)
        editions.append(edition)
    return editions


def _shift_dates(value: object, years: int) -> None:
    """Move every date of a dataclass tree by ``years`` so the copy stays plausible."""
    for field in dataclasses.fields(value):
        item = getattr(value, field.name)
        if isinstance(item, FuzzyDate):
            setattr(value, field.name, dataclasses.replace(item, year=item.year + years))
        elif dataclasses.is_dataclass(item):
            _shift_dates(item, years)
        elif isinstance(item, list):
            for element in item:
                if dataclasses.is_dataclass(element):
                    _shift_dates(element, years)


def write_large_document(path: Path) -> Path:
    from avereport.store import open_document

    with open_document(path, create=True) as document:
        document.write_editions(large_editions())
    return path
