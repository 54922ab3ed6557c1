"""The packaged JSON Schema cannot drift from the model: every field, type and enum value is checked."""

from __future__ import annotations

import dataclasses
import inspect
import types
import typing
from enum import Enum

import jsonschema
import pytest

from avereport.interchange import FORMAT_NAME, FORMAT_VERSION, schema
from avereport.model import edition as model
from avereport.model.dates import FuzzyDate

NULL = {"type": "null"}
DATACLASSES = [
    cls
    for _, cls in inspect.getmembers(model, inspect.isclass)
    if dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__
]
HINTS = {cls: typing.get_type_hints(cls) for cls in DATACLASSES}
# Scalar Python types and the JSON Schema shapes that stand for them.
SCALARS = {
    str: [{"type": "string"}, {"$ref": "#/$defs/Colour"}],
    int: [{"type": "integer"}],
    float: [{"type": "number"}],
    bool: [{"type": "boolean"}],
    FuzzyDate: [{"$ref": "#/$defs/FuzzyDate"}],
    bytes: [{"$ref": "#/$defs/Base64"}],
}


def _optional(tp: typing.Any) -> tuple[bool, typing.Any]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        (inner,) = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        return True, inner
    return False, tp


def _split_null(prop: dict) -> tuple[bool, dict]:
    """Whether ``prop`` accepts null, and ``prop`` without that."""
    if "anyOf" in prop:
        (other,) = [branch for branch in prop["anyOf"] if branch != NULL]
        return NULL in prop["anyOf"], other
    kind = prop.get("type")
    if isinstance(kind, list) and "null" in kind:
        (other,) = [t for t in kind if t != "null"]
        return True, {**prop, "type": other}
    return False, prop


def _matches(tp: typing.Any, prop: dict) -> bool:
    nullable, tp = _optional(tp)
    accepts_null, prop = _split_null(prop)
    if nullable != accepts_null:
        return False
    if typing.get_origin(tp) is tuple:
        item = typing.get_args(tp)[0]
        return prop.get("type") == "array" and _matches(item, prop["items"])
    if tp in SCALARS:
        shape = {key: value for key, value in prop.items() if key in ("type", "$ref")}
        return shape in SCALARS[tp]
    return prop == {"$ref": f"#/$defs/{tp.__name__}"}


def _enums() -> set[type[Enum]]:
    found = set()
    for hints in HINTS.values():
        for tp in hints.values():
            for arg in typing.get_args(tp) or (tp,):
                for inner in typing.get_args(arg) or (arg,):
                    if isinstance(inner, type) and issubclass(inner, Enum):
                        found.add(inner)
    return found


def _integer_properties() -> list[tuple[str, str, dict]]:
    return [
        (cls.__name__, name, prop)
        for cls in DATACLASSES
        for name, prop in schema()["$defs"][cls.__name__]["properties"].items()
        if prop.get("type") in ("integer", ["integer", "null"])
    ]


def _objects(node: typing.Any):
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _objects(value)


def test_the_schema_is_a_valid_draft_2020_12_schema():
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema())


def test_the_envelope_names_the_format_and_its_version():
    envelope = schema()["properties"]
    assert envelope["format"] == {"const": FORMAT_NAME}
    assert envelope["version"] == {"const": FORMAT_VERSION}
    assert envelope["editions"] == {"type": "array", "items": {"$ref": "#/$defs/Edition"}}


# Fields added to format version 1 after files were written with it: a file
# without them still loads, with the model's default.
OPTIONAL_FIELDS = {("Section", "review"), ("Section", "reviewed_by"), ("Section", "reviewed_at")}


@pytest.mark.parametrize("cls", DATACLASSES, ids=lambda cls: cls.__name__)
def test_each_dataclass_has_exactly_its_fields_in_order_all_required(cls):
    definition = schema()["$defs"][cls.__name__]
    names = [f.name for f in dataclasses.fields(cls)]
    assert definition["type"] == "object"
    assert list(definition["properties"]) == names
    assert definition["required"] == [n for n in names if (cls.__name__, n) not in OPTIONAL_FIELDS]
    assert definition["additionalProperties"] is False


@pytest.mark.parametrize("cls", DATACLASSES, ids=lambda cls: cls.__name__)
def test_each_field_has_the_json_type_of_its_python_type(cls):
    properties = schema()["$defs"][cls.__name__]["properties"]
    wrong = [name for name, tp in HINTS[cls].items() if not _matches(tp, properties[name])]
    assert wrong == []


def test_every_enum_lists_exactly_its_values():
    enums = _enums()
    assert enums, "the model uses enumerations"
    for enum in enums:
        assert schema()["$defs"][enum.__name__] == {"enum": [member.value for member in enum]}


def test_the_definitions_are_the_dataclasses_enums_and_string_formats():
    expected = {cls.__name__ for cls in DATACLASSES} | {enum.__name__ for enum in _enums()}
    expected |= {"FuzzyDate", "Colour", "Base64"}
    assert set(schema()["$defs"]) == expected


def test_every_object_is_closed():
    objects = list(_objects(schema()))
    assert len(objects) == len(DATACLASSES) + 1
    assert all(node["additionalProperties"] is False for node in objects)


def test_no_integer_can_be_negative_and_years_are_bounded():
    integers = _integer_properties()
    assert integers
    for owner, name, prop in integers:
        assert prop.get("minimum", -1) >= 0, f"{owner}.{name}"
        if name == "year" or name.endswith("_year"):
            assert (prop["minimum"], prop["maximum"]) == (1900, 2200), f"{owner}.{name}"


def test_string_formats():
    definitions = schema()["$defs"]
    assert definitions["FuzzyDate"]["pattern"] == r"^\d{4}(-\d{2}(-\d{2})?)?$"
    assert definitions["Colour"]["pattern"] == "^#[0-9A-Fa-f]{6}$"
    for name in ("FuzzyDate", "Colour", "Base64"):
        assert definitions[name]["type"] == "string"
