"""Who stays on the board when a new edition starts."""

from __future__ import annotations

import dataclasses

from avereport.model.dates import FuzzyDate
from avereport.model.edition import Edition, EventKind, GovernanceEvent

DEPARTURE_TEXT = "Ne siège plus au conseil d'administration."


def keep_board_members(edition: Edition, staying: set[int]) -> Edition:
    """``edition`` with only the ``staying`` board members (by id); the others
    leave the bureau too and are recorded as departures of the edition's year."""
    governance = edition.governance
    leaving = [member for member in governance.board if member.id not in staying]
    departures = [
        GovernanceEvent(
            date=FuzzyDate(edition.year),
            kind=EventKind.DEPARTURE,
            person=" ".join(part for part in (member.first_name, member.surname) if part),
            description=DEPARTURE_TEXT,
        )
        for member in leaving
    ]
    return dataclasses.replace(
        edition,
        governance=dataclasses.replace(
            governance,
            board=tuple(member for member in governance.board if member.id in staying),
            bureau=tuple(role for role in governance.bureau if role.member_id in staying),
            events=(*governance.events, *departures),
        ),
    )
