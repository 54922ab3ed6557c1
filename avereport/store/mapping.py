"""Generic conversion between dataclass objects and table rows.

A dataclass's *scalar* fields (everything but sequences and nested dataclasses)
are columns of the same name. Values are stored as SQLite understands them:
enums as their value, dates as ISO text, booleans as 0/1, bytes as BLOB.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from enum import Enum
from typing import Any

from avereport.model.dates import FuzzyDate


@dataclasses.dataclass(frozen=True, slots=True)
class Column:
    name: str
    to_sql: Callable[[Any], Any]
    from_sql: Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _enum_value(value: Enum) -> Any:
    return value.value


def _bare(tp: Any) -> Any:
    """``X | None`` as ``X``."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        (inner,) = (arg for arg in typing.get_args(tp) if arg is not type(None))
        return inner
    return tp


def _column(name: str, tp: Any) -> Column | None:
    tp = _bare(tp)
    if tp is FuzzyDate:
        return Column(name, str, FuzzyDate.parse)
    if typing.get_origin(tp) is tuple or dataclasses.is_dataclass(tp):
        return None
    if isinstance(tp, type) and issubclass(tp, Enum):
        return Column(name, _enum_value, tp)
    if tp is bool:
        return Column(name, int, bool)
    if tp is float:
        return Column(name, float, float)
    if tp in (int, str, bytes):
        return Column(name, _same, _same)
    raise TypeError(f"{name}: no column mapping for {tp!r}")


@functools.cache
def columns_of(cls: type) -> tuple[Column, ...]:
    """The scalar fields of dataclass ``cls``, in declaration order."""
    hints = typing.get_type_hints(cls)
    found = (_column(f.name, hints[f.name]) for f in dataclasses.fields(cls))
    return tuple(column for column in found if column is not None)


def to_row(obj: Any) -> dict[str, Any]:
    """The scalar fields of ``obj`` as column values."""
    row = {}
    # A class is hashable; mypy thinks not (python/mypy#20409).
    for name, to_sql in _writers(type(obj)):  # type: ignore[arg-type]
        value = getattr(obj, name)
        row[name] = value if value is None or to_sql is None else to_sql(value)
    return row


@functools.cache
def _writers(cls: type) -> tuple[tuple[str, Callable[[Any], Any] | None], ...]:
    """(column, conversion) of ``cls``; None for values stored as they are
    (most of them: writing thousands of rows calls no function for those)."""
    return tuple((c.name, None if c.to_sql is _same else c.to_sql) for c in columns_of(cls))
