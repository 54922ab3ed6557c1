"""Merging a colleague's copy of a document into one's own, choice by choice.

:func:`compare_documents` lists every difference between the two documents,
edition by edition and section by section; the user picks « mine » or
« theirs » for each (mine when not said), and :func:`apply_choices` builds the
merged editions. Restoring a backup is the same merge with every choice
« theirs ».

Board and staff ids are row keys of each file, so the colleague's records
are first renumbered onto one's own: a member both documents have (same
name) gets one's own id, a member only the colleague has a new one, and the
colleague's bureau roles and replacements follow. The merged editions are
therefore in one's own id space, and :func:`changes_by_year` can list what
the merge changed for the history.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from avereport.model.diff import (
    Change,
    Walk,
    diff_editions,
    edition_added,
    edition_removed,
    pair_records,
)
from avereport.model.edition import BoardMember, Edition, SectionKind, StaffMember

Side = Literal["mine", "theirs"]
Presence = Literal["both", "mine", "theirs"]
SIDES: tuple[Side, ...] = ("mine", "theirs")

R = TypeVar("R", BoardMember, StaffMember)

_SECTION_ORDER: dict[SectionKind | None, int] = {
    None: 0,
    **{kind: n + 1 for n, kind in enumerate(SectionKind)},
}


@dataclass(frozen=True, slots=True)
class Difference:
    """One difference between my document and theirs: ``change`` goes from
    mine (``old``) to theirs (``new``). ``presence`` says which documents
    hold the edition; an edition only one of them holds is one difference."""

    id: str
    year: int
    presence: Presence
    change: Change

    @property
    def section(self) -> SectionKind | None:
        return self.change.section

    @property
    def mine(self) -> Any:
        return self.change.old

    @property
    def theirs(self) -> Any:
        return self.change.new


def compare_documents(mine: list[Edition], theirs: list[Edition]) -> list[Difference]:
    """Every difference, by year then by section (the organisation and the
    edition as a whole first, then the outline kinds in their order)."""
    differences: list[Difference] = []
    for year, my_edition, their_edition in _by_year(mine, theirs):
        if their_edition is None:
            differences.append(Difference(str(year), year, "mine", edition_removed(year)))
        elif my_edition is None:
            differences.append(Difference(str(year), year, "theirs", edition_added(year)))
        else:
            base, other = _common_ids(my_edition, their_edition)
            walk = Walk(base, other, same_document=True)
            walk.run()
            found = [Difference(_id(year, c), year, "both", c) for c in walk.changes]
            differences.extend(sorted(found, key=lambda d: _SECTION_ORDER[d.section]))
    return differences


def apply_choices(mine: list[Edition], theirs: list[Edition], choices: Mapping[str, Side]) -> list[Edition]:
    """The merged editions, by year: mine, except where ``choices`` (by
    difference id) says « theirs ». An edition only they have is taken
    whole; one only I have is dropped if their side is chosen."""
    unknown_sides = {side for side in choices.values() if side not in SIDES}
    if unknown_sides:
        raise ValueError(f"unknown sides: {sorted(unknown_sides)}")
    seen: set[str] = set()

    def taken(difference_id: str) -> bool:
        seen.add(difference_id)
        return choices.get(difference_id) == "theirs"

    merged: list[Edition] = []
    for year, my_edition, their_edition in _by_year(mine, theirs):
        if their_edition is None:
            assert my_edition is not None  # each year is on one side at least
            if not taken(str(year)):
                merged.append(my_edition)
        elif my_edition is None:
            if taken(str(year)):
                merged.append(their_edition)
        else:
            base, other = _common_ids(my_edition, their_edition)
            walk = Walk(base, other, same_document=True, take=functools.partial(_taken_in, taken, year))
            merged.append(_without_dangling_references(walk.run()))
    unknown = set(choices) - seen
    if unknown:
        raise ValueError(f"unknown differences: {sorted(unknown)}")
    return merged


def changes_by_year(before: list[Edition], after: list[Edition]) -> dict[int, list[Change]]:
    """What turned ``before`` into ``after`` (such as the result of
    :func:`apply_choices` on ``before``), for the years that changed."""
    changes: dict[int, list[Change]] = {}
    for year, old, new in _by_year(before, after):
        if new is None:
            changes[year] = [edition_removed(year)]
        elif old is None:
            changes[year] = [edition_added(year)]
        elif found := diff_editions(old, new):
            changes[year] = found
    return changes


def _taken_in(taken: Callable[[str], bool], year: int, change: Change) -> bool:
    return taken(_id(year, change))


def _id(year: int, change: Change) -> str:
    return f"{year}:{change.kind}:{change.path}"


def _by_year(
    first: Iterable[Edition], second: Iterable[Edition]
) -> list[tuple[int, Edition | None, Edition | None]]:
    one, two = _indexed(first), _indexed(second)
    return [(year, one.get(year), two.get(year)) for year in sorted(one.keys() | two.keys())]


def _indexed(editions: Iterable[Edition]) -> dict[int, Edition]:
    indexed: dict[int, Edition] = {}
    for edition in editions:
        if edition.year in indexed:
            raise ValueError(f"two editions of {edition.year}")
        indexed[edition.year] = edition
    return indexed


def _common_ids(mine: Edition, theirs: Edition) -> tuple[Edition, Edition]:
    """Both editions with board and staff ids that agree: a member of both
    keeps my id, one of theirs only gets a new one. Only the governance,
    where ids live, changes."""
    my_board, their_board, board = _renumber(mine.governance.board, theirs.governance.board)
    my_staff, their_staff, staff = _renumber(mine.governance.staff, theirs.governance.staff)
    their_bureau = tuple(
        dataclasses.replace(role, member_id=board[role.member_id])
        for role in theirs.governance.bureau
        if role.member_id in board
    )
    their_staff = tuple(
        dataclasses.replace(member, replaces_id=staff.get(member.replaces_id)) for member in their_staff
    )
    mine = dataclasses.replace(
        mine, governance=dataclasses.replace(mine.governance, board=my_board, staff=my_staff)
    )
    theirs = dataclasses.replace(
        theirs,
        governance=dataclasses.replace(
            theirs.governance, board=their_board, bureau=their_bureau, staff=their_staff
        ),
    )
    return mine, theirs


def _renumber(
    mine: tuple[R, ...], theirs: tuple[R, ...]
) -> tuple[tuple[R, ...], tuple[R, ...], dict[int | None, int]]:
    """My records, those without an id given a new one; theirs with my ids;
    and their old id -> new id."""
    fresh = itertools.count(max((r.id for r in mine if r.id is not None), default=0) + 1)
    mine = tuple(r if r.id is not None else dataclasses.replace(r, id=next(fresh)) for r in mine)
    pairs = {j: i for i, j in pair_records(mine, theirs, same_document=False).items()}
    renumbered: dict[int | None, int] = {}
    numbered: list[R] = []
    for j, record in enumerate(theirs):
        new_id = mine[pairs[j]].id if j in pairs else next(fresh)
        assert new_id is not None  # every record of mine has an id by now
        if record.id is not None:
            renumbered[record.id] = new_id
        numbered.append(dataclasses.replace(record, id=new_id))
    return mine, tuple(numbered), renumbered


def _without_dangling_references(edition: Edition) -> Edition:
    """Bureau roles of members no longer on the board go; a replacement of
    someone no longer in the team is forgotten (as the store's foreign keys
    would do)."""
    governance = edition.governance
    board = {member.id for member in governance.board}
    staff = {member.id for member in governance.staff}
    return dataclasses.replace(
        edition,
        governance=dataclasses.replace(
            governance,
            bureau=tuple(role for role in governance.bureau if role.member_id in board),
            staff=tuple(
                member
                if member.replaces_id is None or member.replaces_id in staff
                else dataclasses.replace(member, replaces_id=None)
                for member in governance.staff
            ),
        ),
    )
