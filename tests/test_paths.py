"""Typed field paths: built step by step against the model, one text form
that parses back to the same path, and what an edit needs known up front."""

from __future__ import annotations

import dataclasses
import typing

import pytest

from avereport.demo import demo_editions
from avereport.model import edit, limits, paths
from avereport.model import edition as m
from avereport.model.dates import FuzzyDate
from avereport.model.paths import EDITION, FieldPath, PathError


def test_a_built_path_and_its_text_are_the_same_path():
    path = EDITION.governance.board[3].surname
    assert path.steps == ("governance", "board", 3, "surname")
    assert str(path) == "governance.board[3].surname"
    assert paths.parse("governance.board[3].surname") == path
    assert str(EDITION.lists[0].items[2]) == "lists[0].items[2]"


def test_a_path_knows_its_field_declared_type_and_owner():
    count = EDITION.membership.groups[1].categories[0].count
    assert (count.declared, count.optional, count.owner) == (int, True, m.MemberCategory)
    heading = EDITION.outline[2].heading
    assert (heading.declared, heading.optional, heading.owner) == (str, False, m.Section)
    item = EDITION.governance.board[0]
    assert (item.declared, item.owner) == (m.BoardMember, None)
    assert EDITION.governance.staff[0].end.declared is FuzzyDate
    assert typing.get_origin(EDITION.outline.declared) is tuple
    assert edit.field_bounds(count) == limits.bounds_of(m.MemberCategory, "count", int)


@pytest.mark.parametrize(
    "text",
    ["governance.bord", "governance.board.surname", "year[0]", "outline[0].heading.x", "", "a..b", "x[-1]"],
)
def test_a_path_the_model_does_not_have_is_refused_in_french(text):
    with pytest.raises(PathError, match="chemin de champ invalide"):
        paths.parse(text)
    with pytest.raises(edit.EditError, match="chemin de champ invalide"):
        edit.with_value(demo_editions()[-1], text, "x")


def test_a_misspelt_step_fails_where_the_path_is_built():
    with pytest.raises(PathError, match=r"governance\.bord"):
        EDITION.governance.bord  # noqa: B018 - the access itself is what is checked


def test_every_field_of_every_record_has_its_path():
    """Each text form that edits and the history use parses to a path that
    reads back the same value as walking the edition by hand."""
    edition = demo_editions()[-1]
    for text, value in _leaves(edition, ""):
        path = paths.parse(text)
        assert str(path) == text
        assert paths.get(edition, path) == value


def test_no_model_field_is_named_like_an_attribute_of_a_path():
    own = {"steps", "declared", "optional", "owner"} | {
        name for name in dir(FieldPath) if not name.startswith("_")
    }
    fields = {
        f.name for cls in vars(m).values() if dataclasses.is_dataclass(cls) for f in dataclasses.fields(cls)
    }
    assert not own & fields


def test_row_of_finds_the_row_and_field_inside_a_list():
    board = EDITION.governance.board
    assert paths.row_of(board[3].surname, board) == (3, "surname")
    assert paths.row_of(board[3], board) == (3, "")
    assert paths.row_of(board, board) is None
    assert paths.row_of(EDITION.governance.staff[0].name, board) is None


def _leaves(record: object, where: str) -> list[tuple[str, object]]:
    found = []
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        path = f"{where}.{f.name}" if where else f.name
        found.append((path, value))
        items = enumerate(value) if isinstance(value, tuple) else ()
        for index, item in items:
            found.append((f"{path}[{index}]", item))
            if dataclasses.is_dataclass(item):
                found.extend(_leaves(item, f"{path}[{index}]"))
        if dataclasses.is_dataclass(value) and not isinstance(value, FuzzyDate):
            found.extend(_leaves(value, path))
    return found
