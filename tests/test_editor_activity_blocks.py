"""Key-figure and list sections over a real demo document: the block the
section names is edited in place, created when missing (one undoable step),
and its widgets follow when the block moves or goes away."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from session_helpers import digest, reread

from avereport.demo import demo_editions
from avereport.model.edition import Qualifier
from avereport.model.paths import EDITION
from avereport.ui.editors.key_figures import KeyFiguresEditor
from avereport.ui.editors.lists import ListEditor

DEMO = demo_editions()[-1]


def section_of(ref: str) -> tuple[int, str]:
    """Position and key of the demo section showing the block or list ``ref``."""
    return next((n, s.key) for n, s in enumerate(DEMO.outline) if s.ref == ref)


def shown(qtbot, editor):
    qtbot.addWidget(editor)
    editor.resize(1000, 760)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    return editor


def block_index(edition, collection: str, key: str) -> int:
    return [block.key for block in getattr(edition, collection)].index(key)


# --- key figures --------------------------------------------------------------------


@pytest.fixture
def clause(session, qtbot):
    return shown(qtbot, KeyFiguresEditor(session, section_of("clause")[1]))


def test_key_figure_edit_writes_the_block_the_section_names(session, clause):
    block = block_index(DEMO, "key_figures", "clause")
    assert clause.block_path() == EDITION.key_figures[block]
    model = clause.table.model
    assert model.rowCount() == len(DEMO.key_figures[block].items)
    assert model.setData(model.index(4, 0), "60 100")
    assert model.setData(model.index(4, 2), Qualifier.ABOUT.value)

    written = reread(session).key_figures
    assert (written[block].items[4].value, written[block].items[4].qualifier) == (60100, Qualifier.ABOUT)
    others = [b for n, b in enumerate(written) if n != block]
    assert others == [b for n, b in enumerate(DEMO.key_figures) if n != block]


def test_key_figure_decimal_value_and_refusal(session, clause):
    model = clause.table.model
    block = block_index(DEMO, "key_figures", "clause")
    row = next(n for n, item in enumerate(DEMO.key_figures[block].items) if item.value == 55.52)
    assert model.index(row, 0).data() == "55,52"
    assert model.setData(model.index(row, 0), "55,6")
    assert reread(session).key_figures[block].items[row].value == 55.6
    before = digest(session)
    assert not model.setData(model.index(row, 0), "")
    assert not model.setData(model.index(row, 0), "-2")
    assert clause.table.message.isVisible()
    assert digest(session) == before


def test_block_title_and_source_are_fields(session, clause, qtbot):
    block = block_index(DEMO, "key_figures", "clause")
    field = clause.form.fields[f"key_figures[{block}].source"][1]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Source : consolidation 2021")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert reread(session).key_figures[block].source == "Source : consolidation 2021"


def test_missing_block_is_created_and_linked_in_one_step(session, clause, qtbot):
    position, _key = section_of("clause")
    session.set_value(f"outline[{position}].ref", "disparu", "Relier")
    assert clause.panel is None and clause.block_path() is None
    assert clause.missing.isVisible() and "disparu" in clause.missing_label.text()
    blocks = len(DEMO.key_figures)

    qtbot.mouseClick(clause.create_button, Qt.MouseButton.LeftButton)
    written = reread(session)
    ref = written.outline[position].ref
    assert len(written.key_figures) == blocks + 1
    assert written.key_figures[-1].key == ref
    assert ref not in [b.key for b in DEMO.key_figures]
    assert clause.block_path() == EDITION.key_figures[blocks]
    assert clause.table.model.rowCount() == 0 and not clause.missing.isVisible()

    qtbot.mouseClick(clause.table.add_button, Qt.MouseButton.LeftButton)
    assert reread(session).key_figures[-1].items[0].label

    session.undo_stack.undo()
    session.undo_stack.undo()
    written = reread(session)
    assert len(written.key_figures) == blocks and written.outline[position].ref == "disparu"
    assert clause.panel is None and clause.missing.isVisible()
    session.undo_stack.redo()
    assert clause.block_path() == EDITION.key_figures[blocks]


def test_switching_to_a_year_without_the_section_leaves_no_stale_block(session, clause):
    session.show_year(2020)
    assert clause.panel is None and not clause.missing.isVisible()
    session.show_year(2021)
    assert clause.block_path() == EDITION.key_figures[block_index(DEMO, "key_figures", "clause")]


def test_key_figures_focus_field(clause):
    block = block_index(DEMO, "key_figures", "clause")
    assert clause.focus_field(f"key_figures[{block}].items[2].value")
    current = clause.table.view.currentIndex()
    assert (current.row(), current.column()) == (2, 0)
    assert clause.focus_field(f"key_figures[{block}].title")
    assert QApplication.focusWidget() is clause.form.fields[f"key_figures[{block}].title"][1]
    other = block_index(DEMO, "key_figures", "plie")
    assert not clause.focus_field(f"key_figures[{other}].items[1].value")


def test_key_figures_model_passes_qt_model_tester(clause, qtmodeltester):
    qtmodeltester.check(clause.table.model)


# --- lists --------------------------------------------------------------------------


@pytest.fixture
def partners(session, qtbot):
    return shown(qtbot, ListEditor(session, section_of("reseaux")[1]))


def test_list_items_are_added_edited_and_reordered(session, partners, qtbot):
    index = block_index(DEMO, "lists", "reseaux")
    items = list(DEMO.lists[index].items)
    table = partners.table
    table.view.setCurrentIndex(table.model.index(1, 0))
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    assert table.current_row() == 2
    assert table.model.setData(table.model.index(2, 0), "Coorace")
    assert reread(session).lists[index].items == (*items[:2], "Coorace", *items[2:])

    qtbot.mouseClick(table.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(table.up_button, Qt.MouseButton.LeftButton)
    assert reread(session).lists[index].items == ("Coorace", *items)

    table.view.setCurrentIndex(table.model.index(len(items), 0))
    qtbot.mouseClick(table.remove_button, Qt.MouseButton.LeftButton)
    assert reread(session).lists[index].items == ("Coorace", *items[:-1])

    for _ in range(5):
        session.undo_stack.undo()
    assert reread(session).lists[index].items == tuple(items)
    assert [table.model.index(r, 0).data() for r in range(table.model.rowCount())] == items


def test_list_title_field_and_focus(session, partners, qtbot):
    index = block_index(DEMO, "lists", "reseaux")
    field = partners.form.fields[f"lists[{index}].title"][1]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Partenaires")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert reread(session).lists[index].title == "Partenaires"
    assert partners.focus_field(f"lists[{index}].items[3]")
    assert partners.table.view.currentIndex().row() == 3
    assert partners.focus_field(f"lists[{index}].key")
    assert QApplication.focusWidget() is field


def test_list_is_created_when_the_section_names_none(session, partners, qtbot):
    position, _key = section_of("reseaux")
    session.set_value(f"outline[{position}].ref", "", "Délier")
    assert partners.missing.isVisible() and partners.panel is None
    assert partners.focus_field(f"outline[{position}].ref")
    assert QApplication.focusWidget() is partners.create_button
    qtbot.mouseClick(partners.create_button, Qt.MouseButton.LeftButton)
    written = reread(session)
    ref = written.outline[position].ref
    assert ref and ref in [t.key for t in written.lists]
    assert len({t.key for t in written.lists}) == len(written.lists) == len(DEMO.lists) + 1
    assert partners.table.model.rowCount() == 0


def test_list_model_passes_qt_model_tester(partners, qtmodeltester):
    qtmodeltester.check(partners.table.model)
