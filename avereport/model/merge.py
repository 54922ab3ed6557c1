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

import copy
import dataclasses
import functools
import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from avereport.model.diff import (
    Change,
    Walk,
    diff_editions,
    edition_added,
    edition_removed,
    pair_records,
)
from avereport.model.edition import Edition, SectionKind

Side = Literal["mine", "theirs"]
Presence = Literal["both", "mine", "theirs"]
SIDES: tuple[Side, ...] = ("mine", "theirs")

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
                merged.append(copy.deepcopy(my_edition))
        elif my_edition is None:
            if taken(str(year)):
                merged.append(copy.deepcopy(their_edition))
        else:
            base, other = _common_ids(my_edition, their_edition)
            walk = Walk(base, other, same_document=True, take=functools.partial(_taken_in, taken, year))
            merged.append(_without_dangling_references(copy.deepcopy(walk.run())))
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
    """Copies of both editions whose board and staff ids agree: a member of
    both keeps my id, one of theirs only gets a new one. Only the
    governance, where ids live, is copied."""
    mine = dataclasses.replace(mine, governance=copy.deepcopy(mine.governance))
    theirs = dataclasses.replace(theirs, governance=copy.deepcopy(theirs.governance))
    board = _renumber(mine.governance.board, theirs.governance.board)
    staff = _renumber(mine.governance.staff, theirs.governance.staff)
    theirs.governance.bureau = [role for role in theirs.governance.bureau if role.member_id in board]
    for role in theirs.governance.bureau:
        role.member_id = board[role.member_id]
    for member in theirs.governance.staff:
        member.replaces_id = staff.get(member.replaces_id)
    return mine, theirs


def _renumber(mine: list[Any], theirs: list[Any]) -> dict[int | None, int]:
    """Give my records without an id a new one, and theirs my ids; returns
    their old id -> new id."""
    fresh = itertools.count(max((r.id for r in mine if r.id is not None), default=0) + 1)
    for record in mine:
        if record.id is None:
            record.id = next(fresh)
    pairs = {j: i for i, j in pair_records(mine, theirs, same_document=False).items()}
    renumbered: dict[int | None, int] = {}
    for j, record in enumerate(theirs):
        new_id = mine[pairs[j]].id if j in pairs else next(fresh)
        if record.id is not None:
            renumbered[record.id] = new_id
        record.id = new_id
    return renumbered


def _without_dangling_references(edition: Edition) -> Edition:
    """Bureau roles of members no longer on the board go; a replacement of
    someone no longer in the team is forgotten (as the store's foreign keys
    would do)."""
    governance = edition.governance
    board = {member.id for member in governance.board}
    governance.bureau = [role for role in governance.bureau if role.member_id in board]
    staff = {member.id for member in governance.staff}
    for member in governance.staff:
        if member.replaces_id not in staff:
            member.replaces_id = None
    return edition
