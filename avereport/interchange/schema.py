"""The packaged JSON Schema and the validator that applies it."""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Any

from avereport.model.dates import DateError, FuzzyDate
from avereport.model.nesting import NestingError, check_nesting

FORMAT_NAME = "avereport"
FORMAT_VERSION = 1
DATE_FORMAT = "fuzzy-date"
# A Markdown text no deeper than avereport.model.limits.MAX_TEXT_NESTING.
MARKDOWN_FORMAT = "avereport-markdown"


@functools.cache
def schema() -> dict[str, Any]:
    """The JSON Schema of format version :data:`FORMAT_VERSION` (shared: do not modify)."""
    text = resources.files(__package__).joinpath("schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def pattern_of(definition: str) -> str:
    """The ``pattern`` of one of the schema's string definitions (FuzzyDate, Colour…)."""
    return schema()["$defs"][definition]["pattern"]


@functools.cache
def validator() -> Any:
    """A Draft 2020-12 validator of :func:`schema`; imports jsonschema (slow) on first use."""
    import jsonschema

    base = jsonschema.Draft202012Validator
    # JSON Schema counts 2021.0 as an integer; the model's int fields need an int.
    types = base.TYPE_CHECKER.redefine("integer", lambda _checker, value: type(value) is int)
    strict = jsonschema.validators.extend(base, {"pattern": _pattern}, type_checker=types)
    formats = jsonschema.FormatChecker(formats=())
    formats.checks(DATE_FORMAT, raises=DateError)(_is_existing_date)
    formats.checks(MARKDOWN_FORMAT, raises=NestingError)(_is_shallow_markdown)
    return strict(schema(), format_checker=formats)


def _pattern(validator: Any, pattern: str, instance: Any, _schema: Any) -> Any:
    # JSON Schema patterns follow ECMA-262, where "$" is the very end of the text;
    # Python's "$" also matches before a final newline, which would let "#1F4E79\n" through.
    from jsonschema.exceptions import ValidationError

    ecma = pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern
    if validator.is_type(instance, "string") and not re.search(ecma, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _is_existing_date(value: object) -> bool:
    # A text the pattern already refuses is reported once, by the pattern.
    if isinstance(value, str) and re.search(pattern_of("FuzzyDate"), value):
        FuzzyDate.parse(value)
    return True


def _is_shallow_markdown(value: object) -> bool:
    if isinstance(value, str):
        check_nesting(value)
    return True
