"""Edits of an edition addressed by field paths, returning a new edition.

A path is the dotted form the checks report, e.g.
``membership.groups[0].categories[2].count`` or ``governance.board``. Every
edit returns a new edition and leaves the one given untouched (the undo stack
keeps both), after checking the new value against the field's type.

Only the records on the path from the edition to the changed field are
copied; the rest is shared with the edition given. That is safe because
editions are never changed in place once made: every change makes a new one.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import re
import types
import typing
from collections.abc import Callable
from enum import Enum
from typing import Any

from avereport.model import limits
from avereport.model.dates import FuzzyDate
from avereport.model.edition import Edition
from avereport.model.nesting import NestingError, check_nesting

_TOKEN = re.compile(r"([A-Za-z_][A-Za-z_0-9]*)|\[(\d+)\]")
_PATH = re.compile(r"[A-Za-z_]\w*(\[\d+\])*(\.[A-Za-z_]\w*(\[\d+\])*)*")

Step = str | int


class EditError(ValueError):
    """An edit that the model refuses; the message is French."""


def parse_path(path: str) -> list[Step]:
    """``"governance.board[3].surname"`` -> ``["governance", "board", 3, "surname"]``."""
    if not _PATH.fullmatch(path):
        raise EditError(f"chemin de champ invalide : {path}")
    return [name if name else int(index) for name, index in _TOKEN.findall(path)]


def get_at(edition: Edition, path: str) -> Any:
    value: Any = edition
    for step in parse_path(path):
        value = value[step] if isinstance(step, int) else getattr(value, step)
    return value


def field_type(edition: Edition, path: str) -> Any:
    """The declared type of the field (or list item) that ``path`` names."""
    steps = parse_path(path)
    owner: Any = edition
    declared: Any = Edition
    for step in steps:
        if isinstance(step, int):
            declared = typing.get_args(declared)[0]
            owner = owner[step]
        else:
            # A class is hashable; mypy thinks not (python/mypy#20409).
            declared = _hints(type(owner))[step]  # type: ignore[arg-type]
            owner = getattr(owner, step)
        declared = _strip_optional(declared)
    return declared


def with_value(edition: Edition, path: str, value: Any) -> Edition:
    """A copy of ``edition`` with the field at ``path`` set to ``value``."""
    steps = parse_path(path)
    declared = field_type(edition, path)
    checked = coerce(declared, value, _is_optional(edition, steps))
    if checked is not None and isinstance(steps[-1], str):
        _check_limits(type(_parent(edition, steps)), steps[-1], declared, checked)
    return _replaced(edition, steps, lambda _old: checked)


def field_bounds(edition: Edition, path: str) -> limits.Bounds | None:
    """The bounds of the number field at ``path`` (None for other fields), for editors to show."""
    steps = parse_path(path)
    if isinstance(steps[-1], int):
        return None
    return limits.bounds_of(type(_parent(edition, steps)), steps[-1], field_type(edition, path))


def _check_limits(owner: type, name: str, declared: Any, value: Any) -> None:
    """Refuse, in French, a number beyond its field's bounds or a text nested too deep."""
    bounds = limits.bounds_of(owner, name, declared)
    reason = bounds and limits.out_of_bounds(bounds, value)
    if reason:
        raise EditError(reason)
    if (owner, name) in limits.MARKDOWN_FIELDS:
        try:
            check_nesting(value)
        except NestingError as error:
            raise EditError(str(error)) from None


def insert_item(edition: Edition, list_path: str, index: int, item: Any) -> Edition:
    def inserted(items: list[Any]) -> list[Any]:
        position = max(0, min(index, len(items)))
        return [*items[:position], copy.deepcopy(item), *items[position:]]

    return _replaced(edition, parse_path(list_path), inserted)


def remove_item(edition: Edition, list_path: str, index: int) -> Edition:
    def removed(items: list[Any]) -> list[Any]:
        kept = list(items)
        del kept[index]
        return kept

    return _replaced(edition, parse_path(list_path), removed)


def move_item(edition: Edition, list_path: str, source: int, target: int) -> Edition:
    """Move the item at ``source`` so that it ends at index ``target``."""

    def moved(items: list[Any]) -> list[Any]:
        reordered = list(items)
        reordered.insert(target, reordered.pop(source))
        return reordered

    return _replaced(edition, parse_path(list_path), moved)


def _replaced(value: Any, steps: list[Step], change: Callable[[Any], Any]) -> Any:
    """``value`` with the part at ``steps`` replaced by ``change(part)``: new
    records and lists along the path, everything else shared."""
    if not steps:
        return change(value)
    step, rest = steps[0], steps[1:]
    if isinstance(step, int):
        items = list(value)
        items[step] = _replaced(items[step], rest, change)
        return items
    return dataclasses.replace(value, **{step: _replaced(getattr(value, step), rest, change)})


def coerce(declared: Any, value: Any, optional: bool) -> Any:
    """``value`` as the declared type, or an EditError in French."""
    if value is None or (value == "" and declared in (int, float, FuzzyDate)):
        if optional:
            return None
        if declared is str:
            return ""
        raise EditError("une valeur est obligatoire ici")
    if declared is bool:
        return bool(value)
    if declared is int:
        if isinstance(value, bool) or not isinstance(value, int):
            try:
                value = int(str(value).replace("\u202f", "").replace(" ", ""))
            except ValueError:
                raise EditError(f"« {value} » n'est pas un nombre entier") from None
        if value < 0:
            raise EditError("un nombre négatif n'est pas possible ici")
        return value
    if declared is float:
        try:
            number = float(str(value).replace(",", ".").replace("\u202f", "").replace(" ", ""))
        except ValueError:
            raise EditError(f"« {value} » n'est pas un nombre") from None
        if number < 0 or number != number or number in (float("inf"), float("-inf")):
            raise EditError("ce nombre n'est pas possible ici")
        return number
    if declared is FuzzyDate:
        return value if isinstance(value, FuzzyDate) else FuzzyDate.parse(str(value))
    if isinstance(declared, type) and issubclass(declared, Enum):
        try:
            return declared(value)
        except ValueError:
            raise EditError(f"valeur non reconnue : « {value} »") from None
    if declared is str:
        return str(value)
    if declared is bytes:
        return bytes(value)
    return copy.deepcopy(value)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _strip_optional(declared: Any) -> Any:
    if typing.get_origin(declared) in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(declared) if arg is not type(None)]
        return inner[0]
    return declared


def _is_optional(edition: Edition, steps: list[Step]) -> bool:
    last = steps[-1]
    if isinstance(last, int):
        return False
    owner = _parent(edition, steps)
    # A class is hashable; mypy thinks not (python/mypy#20409).
    declared = _hints(type(owner))[last]  # type: ignore[arg-type]
    return type(None) in typing.get_args(declared)


def _parent(edition: Edition, steps: list[Step]) -> Any:
    value: Any = edition
    for step in steps[:-1]:
        value = value[step] if isinstance(step, int) else getattr(value, step)
    return value
