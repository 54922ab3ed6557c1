"""Random edits of an edition for property tests: a field set to a new
value, a record added, removed or moved, as the editors do them (through
``avereport.model.edit``), keeping references between records valid."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import typing
from enum import Enum
from typing import Any

from hypothesis import strategies as st

from avereport.interchange.references import renumber_ids
from avereport.model import edit, limits
from avereport.model.codec import to_plain
from avereport.model.dates import FuzzyDate
from avereport.model.diff import REFERENCES
from avereport.model.edition import BoardMember, Edition, StaffMember

PEOPLE = (BoardMember, StaffMember)


@functools.cache
def hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def bare(tp: Any) -> Any:
    args = typing.get_args(tp)
    if type(None) in args:
        (tp,) = (a for a in args if a is not type(None))
    return tp


def is_record(tp: Any) -> bool:
    return dataclasses.is_dataclass(tp) and tp is not FuzzyDate


def leaves(obj: Any, path: str = "") -> list[tuple[str, type, str, Any]]:
    """Every scalar field under ``obj``: (path, owner class, field, type);
    row keys, references and the year are left out."""
    found = []
    types = hints(type(obj))
    for f in dataclasses.fields(obj):
        tp = bare(types[f.name])
        where = f"{path}.{f.name}" if path else f.name
        value = getattr(obj, f.name)
        if typing.get_origin(tp) is tuple:
            for i, item in enumerate(value):
                if is_record(type(item)):
                    found.extend(leaves(item, f"{where}[{i}]"))
        elif is_record(tp):
            found.extend(leaves(value, where))
        elif f.name not in ("id", "year") and (type(obj), f.name) not in REFERENCES:
            found.append((where, type(obj), f.name, tp))
    return found


def lists(obj: Any, path: str = "") -> list[tuple[str, Any]]:
    """Every list under ``obj``: (path, item type)."""
    found = []
    types = hints(type(obj))
    for f in dataclasses.fields(obj):
        tp = bare(types[f.name])
        where = f"{path}.{f.name}" if path else f.name
        value = getattr(obj, f.name)
        if typing.get_origin(tp) is tuple:
            item_type = typing.get_args(tp)[0]
            found.append((where, item_type))
            if is_record(item_type):
                for i, item in enumerate(value):
                    found.extend(lists(item, f"{where}[{i}]"))
        elif is_record(tp):
            found.extend(lists(value, where))
    return found


def values_of(tp: Any, owner: type | None = None, name: str = "") -> st.SearchStrategy:
    """Values of type ``tp``; for field ``name`` of ``owner``, numbers within its limits."""
    if tp is bool:
        return st.booleans()
    bounds = limits.bounds_of(owner, name, tp) if owner is not None else None
    low, high = (bounds.low, bounds.high) if bounds is not None else (0, 10**6)
    if tp is int:
        return st.integers(max(low, 0), min(high, 10**6))
    if tp is float:
        return st.floats(max(low, 0), min(high, 1e6), allow_nan=False)
    if tp is str:
        return st.text(max_size=20)
    if tp is FuzzyDate:
        return st.integers(2000, 2030).map(lambda y: FuzzyDate.parse(str(y)))
    if tp is bytes:
        return st.binary(min_size=1, max_size=50)
    assert isinstance(tp, type) and issubclass(tp, Enum), tp
    return st.sampled_from(list(tp))


def random_edit(data: st.DataObject, edition: Edition) -> Edition:
    """One edit of ``edition`` drawn from ``data``: set a field (logos left
    alone), or add, remove or move a record."""
    operation = data.draw(st.sampled_from(["set", "set", "set", "add", "remove", "move"]))
    if operation == "set":
        candidates = [leaf for leaf in leaves(edition) if leaf[3] is not bytes]
        path, owner, name, tp = data.draw(st.sampled_from(candidates))
        return edit.with_value(edition, path, data.draw(values_of(tp, owner, name)))
    path, item_type = data.draw(st.sampled_from(lists(edition)))
    items = edit.get_at(edition, path)
    if operation == "add":
        index = data.draw(st.integers(0, len(items)))
        added = edit.insert_item(edition, path, index, _new_item(item_type, items))
        return without_dangling_references(added)
    if not items:
        return edition
    source = data.draw(st.integers(0, len(items) - 1))
    if operation == "remove":
        return without_dangling_references(edit.remove_item(edition, path, source))
    return edit.move_item(edition, path, source, data.draw(st.integers(0, len(items) - 1)))


def _new_item(item_type: Any, items: list[Any]) -> Any:
    """A record to add, with an id, name and key none of ``items`` has
    (drawn from nothing but ``items``, so that a replayed test draws alike)."""
    number = len(items) + 1
    if item_type is str:
        return f"Élément ajouté {number}"
    item = items[0] if items else _blank(item_type)
    if item_type in PEOPLE:
        number = max((i.id for i in items if i.id is not None), default=0) + 1
        item = dataclasses.replace(item, id=number)
    if item_type is BoardMember:
        item = dataclasses.replace(item, surname=f"Nouveau{number}")
    elif item_type is StaffMember:
        item = dataclasses.replace(item, name=f"Personne {number}")
        item = dataclasses.replace(item, replaces_id=None)
    if "key" in {f.name for f in dataclasses.fields(item_type)}:
        taken = {i.key for i in items}
        item = dataclasses.replace(
            item, key=next(f"cle_{n}" for n in itertools.count(number) if f"cle_{n}" not in taken)
        )
    return item


def _blank(item_type: Any) -> Any:
    """A record with its required fields filled in."""
    required = {}
    for f in dataclasses.fields(item_type):
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            tp = bare(hints(item_type)[f.name])
            required[f.name] = {str: "x", int: 1, float: 1.0}.get(tp) or next(iter(tp))
    return item_type(**required)


def without_dangling_references(edition: Edition) -> Edition:
    """Bureau roles of members no longer on the board removed, replacements
    of people no longer in the team forgotten (as the editors do)."""
    # A new edition, not this one changed: edits share the records they did
    # not change with the edition they started from.
    governance = edition.governance
    board = {m.id for m in governance.board}
    staff = {m.id for m in governance.staff}
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


def with_other_ids(edition: Edition, offset: int) -> Edition:
    """The same edition as another file would hold it: board and staff ids
    shifted by ``offset``, references following."""
    governance = edition.governance

    def shifted(value: int | None) -> int | None:
        return None if value is None else value + offset

    return dataclasses.replace(
        edition,
        governance=dataclasses.replace(
            governance,
            board=tuple(dataclasses.replace(m, id=shifted(m.id)) for m in governance.board),
            bureau=tuple(dataclasses.replace(r, member_id=r.member_id + offset) for r in governance.bureau),
            staff=tuple(
                dataclasses.replace(m, id=shifted(m.id), replaces_id=shifted(m.replaces_id))
                for m in governance.staff
            ),
        ),
    )


def content(editions: list[Edition]) -> list[dict[str, Any]]:
    """The editions as plain data with board and staff ids numbered in list
    order, as the interchange format writes them: equal for two documents
    that hold the same editions, whatever their row ids."""
    plain = []
    for edition in sorted(editions, key=lambda e: e.year):
        data = to_plain(edition)
        renumber_ids(data)
        plain.append(data)
    return plain
