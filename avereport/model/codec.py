"""Conversion between domain dataclasses and plain JSON-ready values.

One generic walk over the dataclass fields serves the interchange format and
the tests, so a field added to the model needs no converter code. Input is
expected to be valid already (the interchange layer validates it against the
JSON Schema first); errors here are programming errors.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import types
import typing
from enum import Enum
from typing import Any, TypeVar

from avereport.model.dates import FuzzyDate

T = TypeVar("T")


def to_plain(value: Any) -> Any:
    """A dataclass tree as dicts, lists, str, int, float, bool and None."""
    if isinstance(value, FuzzyDate):  # before the dataclass case: FuzzyDate is one too
        return str(value)
    if dataclasses.is_dataclass(value):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def from_plain(cls: type[T], data: Any) -> T:
    """Build ``cls`` (a dataclass) from the output of :func:`to_plain`."""
    return _convert(cls, data)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        return _convert(inner[0], data)
    if origin is tuple:  # the model's sequences: tuple[X, ...]
        return tuple(_convert(typing.get_args(tp)[0], item) for item in data)
    if tp is FuzzyDate:
        return FuzzyDate.parse(data)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        return tp(**{name: _convert(hints[name], value) for name, value in data.items()})
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(data)
    if tp is bytes:
        return base64.b64decode(data)
    if tp is float:
        return float(data)
    return data
