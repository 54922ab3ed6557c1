"""The Qt-free table definitions agree with the app's tables: same fields,
titles, order and choices, so a paste at a column of the app lands on the
field the app shows there, and an exported sheet is titled like the app."""

from __future__ import annotations

import subprocess
import sys

import pytest

from avereport.demo import demo_editions
from avereport.model.edition import NetworkKind
from avereport.spreadsheets import tables as spreadsheet
from avereport.spreadsheets.tables import Kind
from avereport.ui.editors import (
    board,
    bureau,
    events,
    key_figures,
    meetings,
    membership,
    regional_bodies,
    staff,
    training,
    webinars,
)
from avereport.ui.tables.columns import Kind as QtKind

EDITION = demo_editions()[-1]
# A reference to another record is a choice in the app.
KINDS = {kind: QtKind[kind.name] for kind in Kind if kind not in (Kind.REFERENCE, Kind.YEAR)}
KINDS[Kind.REFERENCE] = QtKind.CHOICE


@pytest.mark.parametrize(
    ("name", "qt_columns"),
    [
        ("formations", training.SESSION_COLUMNS),
        ("modules", training.MODULE_COLUMNS),
        ("conseil", board.BOARD_COLUMNS),
        ("bureau", bureau.BUREAU_COLUMNS),
        ("equipe", staff.STAFF_COLUMNS),
        ("webinaires", webinars.COLUMNS),
        ("evenements", events.EVENT_COLUMNS),
        ("reunions", meetings.MEETING_COLUMNS),
        ("instances", regional_bodies.REGIONAL_BODY_COLUMNS),
        ("chiffres-plie", key_figures.COLUMNS),
    ],
)
def test_columns_agree_with_the_app(name, qt_columns):
    table = spreadsheet.find_table(EDITION, name)
    assert [(c.field, c.title, KINDS[c.kind]) for c in table.columns] == [
        (c.field, c.header, c.kind) for c in qt_columns
    ]
    for ours, theirs in zip(table.columns, qt_columns):
        if ours.kind is Kind.CHOICE:
            assert [label for _, label in ours.choices] == [
                label for value, label in theirs.choices(EDITION) if value is not None
            ]


def test_member_categories_agree_with_the_app():
    table = spreadsheet.find_table(EDITION, "adherents")
    assert [(c.field, c.title) for c in table.columns[1:]] == [
        (c.field, c.header) for c in membership.CATEGORY_COLUMNS
    ]
    assert spreadsheet.STRUCTURE_LABELS == membership.STRUCTURE_LABELS


def test_region_counts_are_titled_as_in_the_app():
    table = spreadsheet.find_table(EDITION, "regions")
    assert [c.title for c in table.columns[1:]] == [kind.name for kind in spreadsheet.MAP_KINDS]
    assert spreadsheet.MAP_KINDS == (NetworkKind.PLIE, NetworkKind.MDE)


def test_every_table_has_a_unique_short_name_and_every_list_and_block_a_table():
    names = [table.name for table in spreadsheet.tables_of(EDITION)]
    assert len(names) == len(set(names))
    assert {f"liste-{block.key}" for block in EDITION.lists} <= set(names)
    assert {f"chiffres-{block.key}" for block in EDITION.key_figures} <= set(names)


def test_the_documentation_lists_every_table_and_column():
    from pathlib import Path

    text = (Path(__file__).parent.parent / "docs" / "spreadsheets.md").read_text(encoding="utf-8")
    for table in spreadsheet.FIXED_TABLES:
        section = text.split(f"### `{table.name}`", 1)[1].split("### ", 1)[0]
        for column in table.columns:
            assert f"| {column.title} |" in section, (table.name, column.title)
    assert "### `liste-CLÉ`" in text and "### `chiffres-CLÉ`" in text


def test_each_spreadsheet_module_imports_first():
    # values reads cells with the tables' kinds and the tables pair records
    # with folded names: neither may need the other half loaded.
    for name in ("folding", "values", "tables", "matching", "importing", "exporting", "reading"):
        done = subprocess.run(
            [sys.executable, "-c", f"import avereport.spreadsheets.{name}"], capture_output=True, text=True
        )
        assert done.returncode == 0, (name, done.stderr)
