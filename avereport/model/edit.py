"""Edits of an edition addressed by field paths, returning a new edition.

A path is a :class:`~avereport.model.paths.FieldPath`
(``EDITION.membership.groups[0].categories[2].count``) or its text form, the
one the checks report and the history keeps
(``"membership.groups[0].categories[2].count"``), parsed once. Every edit
returns a new edition and leaves the one given untouched (the undo stack
keeps both), after checking the new value against the field's type.

Only the records on the path from the edition to the changed field are
copied; the rest is shared with the edition given. That is safe because
editions are immutable (``model.edition``): this path copy is the one way a
changed edition is made.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar

from avereport.model import limits, paths
from avereport.model.dates import FuzzyDate
from avereport.model.edition import Edition
from avereport.model.nesting import NestingError, check_nesting
from avereport.model.paths import FieldPath, PathError

R = TypeVar("R")
Path = FieldPath | str


class EditError(ValueError):
    """An edit that the model refuses; the message is French."""


def field_path(path: Path) -> FieldPath:
    """``path`` as a FieldPath (a text is parsed once, then remembered)."""
    if isinstance(path, FieldPath):
        return path
    try:
        return paths.parse(path)
    except PathError as error:
        raise EditError(str(error)) from None


def get_at(edition: Edition, path: Path) -> Any:
    return paths.get(edition, field_path(path))


def with_value(edition: Edition, path: Path, value: Any) -> Edition:
    """A copy of ``edition`` with the field at ``path`` set to ``value``."""
    path = field_path(path)
    checked = coerce(path.declared, value, path.optional)
    if checked is not None and path.owner is not None:
        name = path.steps[-1]
        assert isinstance(name, str)  # a path with an owner ends with a field name
        _check_limits(path.owner, name, path.declared, checked)
    return _replaced(edition, path.steps, lambda _old: checked)


def replace_at(record: R, path: Path, value: Any) -> R:
    """A copy of ``record`` (an edition) with ``value`` at ``path``,
    unchecked: for values checked already (rows of a spreadsheet) and tests
    that build a document the model would refuse."""
    replaced: R = _replaced(record, field_path(path).steps, lambda _old: value)
    return replaced


def field_bounds(path: Path) -> limits.Bounds | None:
    """The bounds of the number field at ``path`` (None for other fields), for editors to show."""
    path = field_path(path)
    if path.owner is None:
        return None
    name = path.steps[-1]
    assert isinstance(name, str)  # a path with an owner ends with a field name
    return limits.bounds_of(path.owner, name, path.declared)


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


def insert_item(edition: Edition, list_path: Path, index: int, item: Any) -> Edition:
    def inserted(items: tuple[Any, ...]) -> tuple[Any, ...]:
        position = max(0, min(index, len(items)))
        return (*items[:position], item, *items[position:])

    return _replaced(edition, field_path(list_path).steps, inserted)


def remove_item(edition: Edition, list_path: Path, index: int) -> Edition:
    def removed(items: tuple[Any, ...]) -> tuple[Any, ...]:
        kept = list(items)
        del kept[index]
        return tuple(kept)

    return _replaced(edition, field_path(list_path).steps, removed)


def move_item(edition: Edition, list_path: Path, source: int, target: int) -> Edition:
    """Move the item at ``source`` so that it ends at index ``target``."""

    def moved(items: tuple[Any, ...]) -> tuple[Any, ...]:
        reordered = list(items)
        reordered.insert(target, reordered.pop(source))
        return tuple(reordered)

    return _replaced(edition, field_path(list_path).steps, moved)


def _replaced(value: Any, steps: tuple[paths.Step, ...], change: Callable[[Any], Any]) -> Any:
    """``value`` with the part at ``steps`` replaced by ``change(part)``: new
    records and lists along the path, everything else shared."""
    if not steps:
        return change(value)
    step, rest = steps[0], steps[1:]
    if isinstance(step, int):
        return (*value[:step], _replaced(value[step], rest, change), *value[step + 1 :])
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
    if typing.get_origin(declared) is tuple:
        return tuple(value)
    return value
