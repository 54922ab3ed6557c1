"""Field paths: where a value sits in an edition, checked against the model once.

A :class:`FieldPath` is the tuple of steps from the edition to a field, names
and list indexes, built from :data:`EDITION` by attribute and index access::

    EDITION.governance.board[3].surname

Each step is checked as it is taken (a misspelt field fails at once, where
the path is built, not later in an edit), and the path carries what an edit
needs to know about its field: the declared type, whether it may be None,
and the record class that holds it.

The text form, ``governance.board[3].surname``, is what the history and the
checks' findings hold: ``str(path)`` writes it and :func:`parse` reads it
(each distinct text is parsed once). The two are inverse.

FieldPath's own attributes are ``steps``, ``declared``, ``optional`` and
``owner``; every other attribute name is a step, so no model field may be
called one of those (tests/test_paths.py checks).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any

from avereport.model.edition import Edition

Step = str | int

_TOKEN = re.compile(r"([A-Za-z_][A-Za-z_0-9]*)|\[(\d+)\]")
_TEXT = re.compile(r"[A-Za-z_]\w*(\[\d+\])*(\.[A-Za-z_]\w*(\[\d+\])*)*")


class PathError(ValueError):
    """A path the model does not have; the message is French."""


@dataclass(frozen=True, slots=True)
class FieldPath:
    steps: tuple[Step, ...]
    # What the path leads to, worked out from the model as it is built.
    declared: Any = field(compare=False, repr=False)
    """The declared type of the field or item, without ``| None``."""
    optional: bool = field(default=False, compare=False, repr=False)
    """Whether the field may be None (never for a list item)."""
    owner: type | None = field(default=None, compare=False, repr=False)
    """The record class holding the field; None for a list item and the edition."""

    def __getattr__(self, name: str) -> FieldPath:
        if name.startswith("_"):  # Python's own protocols (copy, pickle…) are not steps
            raise AttributeError(name)
        hints = _hints(self.declared) if _is_record(self.declared) else {}
        if name not in hints:
            raise PathError(f"chemin de champ invalide : {_text((*self.steps, name))}")
        declared = hints[name]
        bare = _without_none(declared)
        return FieldPath((*self.steps, name), bare, bare is not declared, self.declared)

    def __getitem__(self, index: int) -> FieldPath:
        if typing.get_origin(self.declared) is not tuple or isinstance(index, bool) or index < 0:
            raise PathError(f"chemin de champ invalide : {_text((*self.steps, index))}")
        return FieldPath((*self.steps, index), typing.get_args(self.declared)[0])

    def __str__(self) -> str:
        return _text(self.steps)


EDITION = FieldPath((), Edition)
"""The edition itself, where every path starts."""


@functools.lru_cache(maxsize=4096)
def parse(text: str) -> FieldPath:
    """``"governance.board[3].surname"`` -> ``EDITION.governance.board[3].surname``."""
    if not _TEXT.fullmatch(text):
        raise PathError(f"chemin de champ invalide : {text}")
    path = EDITION
    for name, index in _TOKEN.findall(text):
        path = getattr(path, name) if name else path[int(index)]
    return path


def get(record: Any, path: FieldPath) -> Any:
    """The value at ``path`` in ``record`` (an edition)."""
    value = record
    for step in path.steps:
        value = value[step] if isinstance(step, int) else getattr(value, step)
    return value


def row_of(path: FieldPath, list_path: FieldPath) -> tuple[int, str] | None:
    """Where ``path`` falls in the list at ``list_path``: ``(row, first field
    name within the row, or "")``, or None if it is not inside the list."""
    depth = len(list_path.steps)
    if path.steps[:depth] != list_path.steps or len(path.steps) <= depth:
        return None
    row = path.steps[depth]
    assert isinstance(row, int)  # a list's next step is an index (checked as built)
    return row, next((s for s in path.steps[depth + 1 :] if isinstance(s, str)), "")


def _text(steps: tuple[Step, ...]) -> str:
    parts: list[str] = []
    for step in steps:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        else:
            parts.append(f".{step}" if parts else step)
    return "".join(parts)


def _is_record(tp: Any) -> bool:
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _without_none(declared: Any) -> Any:
    if typing.get_origin(declared) in (typing.Union, types.UnionType):
        return next(arg for arg in typing.get_args(declared) if arg is not type(None))
    return declared
