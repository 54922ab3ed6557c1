"""Checks of the board, the bureau, events, meetings and staff."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from avereport.model import fmt
from avereport.model.checks.findings import (
    CAREER_YEARS,
    Finding,
    duplicates,
    error,
    negative,
    out_of_range,
    outside_year,
    quote,
)
from avereport.model.edition import Edition, SectionKind
from avereport.model.labels import MEETING_KIND_LABELS


def check_governance(edition: Edition) -> Iterator[Finding]:
    yield from _board(edition)
    yield from _bureau(edition)
    yield from _events_and_meetings(edition)
    yield from _staff(edition)


def _board(edition: Edition) -> Iterator[Finding]:
    governance = edition.governance
    section = SectionKind.BOARD
    yield from negative(section, "governance.mandate_years", "Durée du mandat", governance.mandate_years)
    last = governance.mandate_years if governance.mandate_years else 10
    yield from out_of_range(
        section,
        "governance.mandate_end",
        "Fin du mandat",
        governance.mandate_end,
        edition.year,
        (-10, last),
    )
    yield from duplicates(
        section,
        (m.id for m in governance.board if m.id is not None),
        lambda i: _nth_with_id(governance.board, i, "governance.board"),
        lambda id_: f"L'identifiant d'administrateur {id_}",
    )
    for i, member in enumerate(governance.board):
        who = f"Conseil d'administration, ligne {i + 1}"
        if not member.surname.strip():
            yield error(
                section,
                f"governance.board[{i}].surname",
                f"{who} : le nom est vide. Saisissez-le ou supprimez la ligne.",
            )
        if not member.first_name.strip():
            yield error(
                section, f"governance.board[{i}].first_name", f"{who} : le prénom est vide. Saisissez-le."
            )


def _nth_with_id(items: Sequence[Any], index: int, path: str) -> str:
    """The path of the ``index``-th item that has an id."""
    positions = [i for i, item in enumerate(items) if item.id is not None]
    return f"{path}[{positions[index]}].id"


def _bureau(edition: Edition) -> Iterator[Finding]:
    board = {m.id for m in edition.governance.board if m.id is not None}
    section = SectionKind.BUREAU
    for i, role in enumerate(edition.governance.bureau):
        path = f"governance.bureau[{i}]"
        if role.member_id not in board:
            yield error(
                section,
                f"{path}.member_id",
                f"Bureau : la fonction {quote(role.role)} est attribuée à une personne qui "
                "ne figure pas au conseil d'administration. Choisissez un administrateur ou "
                "ajoutez cette personne au conseil.",
            )
        if not role.role.strip():
            yield error(
                section,
                f"{path}.role",
                f"Bureau, ligne {i + 1} : la fonction est vide. Saisissez-la ou supprimez la ligne.",
            )
        yield from out_of_range(
            section,
            f"{path}.since",
            f"Bureau, {quote(role.role)}, depuis",
            role.since,
            edition.year,
            CAREER_YEARS,
        )


def _events_and_meetings(edition: Edition) -> Iterator[Finding]:
    governance = edition.governance
    for i, event in enumerate(governance.events):
        subject = event.person or event.description
        yield from out_of_range(
            SectionKind.GOVERNANCE_EVENTS,
            f"governance.events[{i}].date",
            f"Date de l'événement {quote(subject)}" if subject else "Date d'un événement",
            event.date,
            edition.year,
        )
    for i, meeting in enumerate(governance.meetings):
        yield from outside_year(
            SectionKind.MEETINGS,
            f"governance.meetings[{i}].date",
            f"Date de la réunion {quote(meeting.label or MEETING_KIND_LABELS[meeting.kind])}",
            meeting.date,
            edition.year,
        )


# A departure may be planned years ahead (end of a fixed-term contract).
PLANNED_END_YEARS = (CAREER_YEARS[0], 10)


def _staff(edition: Edition) -> Iterator[Finding]:
    staff = edition.governance.staff
    section = SectionKind.STAFF
    ids = {s.id for s in staff if s.id is not None}
    yield from duplicates(
        section,
        (s.id for s in staff if s.id is not None),
        lambda i: _nth_with_id(staff, i, "governance.staff"),
        lambda id_: f"L'identifiant de membre de l'équipe {id_}",
    )
    for i, member in enumerate(staff):
        path = f"governance.staff[{i}]"
        who = quote(member.name) if member.name.strip() else f"Équipe, ligne {i + 1}"
        if not member.name.strip():
            yield error(
                section, f"{path}.name", f"{who} : le nom est vide. Saisissez-le ou supprimez la ligne."
            )
        yield from out_of_range(
            section, f"{path}.start", f"{who}, arrivée", member.start, edition.year, CAREER_YEARS
        )
        yield from out_of_range(
            section, f"{path}.end", f"{who}, départ", member.end, edition.year, PLANNED_END_YEARS
        )
        if member.start and member.end and member.end.last_day() < member.start.first_day():
            yield error(
                section,
                f"{path}.end",
                f"{who} : départ ({fmt.date(member.end)}) antérieur à l'arrivée ({fmt.date(member.start)}). "
                "Corrigez l'une des deux dates.",
            )
        if member.replaces_id is not None and member.replaces_id not in ids:
            yield error(
                section,
                f"{path}.replaces_id",
                f"{who} remplace une personne qui ne figure pas dans l'équipe. "
                "Choisissez une autre personne de l'équipe ou videz ce choix.",
            )
