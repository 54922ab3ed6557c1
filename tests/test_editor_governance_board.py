"""The board and bureau editors over a real demo file: typed edits written at
once, rows added, moved and removed, bureau roles never left dangling."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLineEdit, QPlainTextEdit
from session_helpers import digest, reread, section_key

from avereport.model import edit
from avereport.model.dates import FuzzyDate
from avereport.model.edition import SectionKind
from avereport.model.regions import Region
from avereport.ui.editors.board import REMOVE_WITH_ROLES, BoardEditor
from avereport.ui.editors.bureau import BureauEditor
from avereport.ui.editors.governance_common import NO_REGION


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1000, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


@pytest.fixture
def board(session, qtbot) -> BoardEditor:
    return shown(qtbot, BoardEditor(session, section_key(session, SectionKind.BOARD)))


def column_of(model, field: str) -> int:
    return next(n for n, column in enumerate(model.columns) if column.field == field)


def open_cell_editor(qtbot, view, index):
    """Open the cell's editor as a double click would; the editor gets the focus."""
    view.setCurrentIndex(index)
    view.edit(index)
    qtbot.waitUntil(
        lambda: view.state() == QAbstractItemView.State.EditingState and view.focusWidget().isVisible()
    )
    return view.focusWidget()


def commit(qtbot, view, editor, key=Qt.Key.Key_Return) -> None:
    qtbot.keyClick(editor, key)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def type_into_cell(qtbot, view, index, text: str) -> None:
    editor = open_cell_editor(qtbot, view, index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    commit(qtbot, view, editor)


def test_new_member_added_with_the_button_and_typed_in(session, board, qtbot):
    model, view = board.table.model, board.table.view
    before = reread(session).governance.board
    view.setCurrentIndex(model.index(len(before) - 1, 0))
    qtbot.mouseClick(board.table.add_button, Qt.MouseButton.LeftButton)
    row = view.currentIndex().row()
    assert row == len(before)

    type_into_cell(qtbot, view, model.index(row, column_of(model, "surname")), "Durand")
    type_into_cell(qtbot, view, model.index(row, column_of(model, "first_name")), "Lucas")

    written = reread(session).governance.board
    assert len(written) == len(before) + 1
    added = written[row]
    assert (added.surname, added.first_name) == ("Durand", "Lucas")
    assert session.edition.governance.board[row].id not in {
        m.id for m in session.edition.governance.board[:row]
    }
    assert model.index(row, column_of(model, "surname")).data() == "Durand"


def test_functions_typed_one_a_line(session, board, qtbot):
    model, view = board.table.model, board.table.view
    editor = open_cell_editor(qtbot, view, model.index(0, column_of(model, "functions")))
    assert isinstance(editor, QPlainTextEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Maire de Lyon")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "Conseillere municipale")
    commit(qtbot, view, editor, Qt.Key.Key_Tab)
    assert reread(session).governance.board[0].functions == ("Maire de Lyon", "Conseillere municipale")


def test_region_offers_every_region_and_none(session, board, qtbot):
    model, view = board.table.model, board.table.view
    index = model.index(0, column_of(model, "region"))
    box = open_cell_editor(qtbot, view, index)
    assert isinstance(box, QComboBox)
    labels = [box.itemText(i) for i in range(box.count())]
    assert labels == [NO_REGION, *(region.label for region in Region)]
    box.setCurrentIndex(labels.index(NO_REGION))
    commit(qtbot, view, box)
    assert reread(session).governance.board[0].region is None
    assert model.setData(index, Region.OCC.value)
    assert reread(session).governance.board[0].region is Region.OCC
    assert index.data() == Region.OCC.label


def test_reorder_with_the_buttons(session, board, qtbot):
    table = board.table
    first, second = (member.surname for member in reread(session).governance.board[:2])
    table.view.setCurrentIndex(table.model.index(0, 0))
    qtbot.mouseClick(table.down_button, Qt.MouseButton.LeftButton)
    assert [m.surname for m in reread(session).governance.board[:2]] == [second, first]
    assert table.current_row() == 1
    qtbot.mouseClick(table.up_button, Qt.MouseButton.LeftButton)
    assert [m.surname for m in reread(session).governance.board[:2]] == [first, second]


def people(governance) -> list[tuple]:
    """The board as the reader sees it: ids are only consistent within one reading."""
    return [(m.surname, m.first_name, m.region, m.college, m.functions) for m in governance.board]


def bureau_by_name(governance) -> list[tuple]:
    names = {m.id: (m.first_name, m.surname) for m in governance.board}
    return [(names[role.member_id], role.role, role.since) for role in governance.bureau]


def test_removing_a_bureau_member_removes_their_roles_in_one_undoable_step(session, board, qtbot):
    before = reread(session).governance
    role = before.bureau[0]
    row = next(i for i, member in enumerate(before.board) if member.id == role.member_id)
    person = (before.board[row].first_name, before.board[row].surname)
    kept = [entry for entry in bureau_by_name(before) if entry[0] != person]
    assert len(kept) < len(before.bureau)

    board.table.view.setCurrentIndex(board.table.model.index(row, 0))
    qtbot.mouseClick(board.table.remove_button, Qt.MouseButton.LeftButton)

    after = reread(session).governance
    assert people(after) == people(before)[:row] + people(before)[row + 1 :]
    assert bureau_by_name(after) == kept  # every remaining role names someone on the board
    assert session.undo_stack.undoText() == REMOVE_WITH_ROLES
    assert board.table.model.rowCount() == len(before.board) - 1

    session.undo_stack.undo()
    restored = reread(session).governance
    assert people(restored) == people(before)
    assert bureau_by_name(restored) == bureau_by_name(before)
    assert board.table.model.rowCount() == len(before.board)


def test_removing_a_member_without_role_keeps_the_bureau(session, board, qtbot):
    before = reread(session).governance
    with_roles = {role.member_id for role in before.bureau}
    row = next(i for i, member in enumerate(before.board) if member.id not in with_roles)
    board.table.view.setCurrentIndex(board.table.model.index(row, 0))
    qtbot.mouseClick(board.table.remove_button, Qt.MouseButton.LeftButton)
    after = reread(session).governance
    assert len(after.board) == len(before.board) - 1
    assert bureau_by_name(after) == bureau_by_name(before)
    assert session.undo_stack.undoText() != REMOVE_WITH_ROLES


def test_mandate_fields_write_and_refuse_an_impossible_date(session, board, qtbot):
    _column, end = board.mandate.fields["governance.mandate_end"]
    before = digest(session)
    end.setFocus()
    end.selectAll()
    qtbot.keyClicks(end, "31/02/2021")
    qtbot.keyClick(end, Qt.Key.Key_Return)
    assert board.mandate.message.isVisible() and "impossible" in board.mandate.message.text()
    assert digest(session) == before
    end.selectAll()
    qtbot.keyClicks(end, "06/2023")
    qtbot.keyClick(end, Qt.Key.Key_Return)
    assert reread(session).governance.mandate_end == FuzzyDate(2023, 6)
    assert end.text() == "06/2023"


def test_board_focus_field(session, board):
    view = board.table.view
    assert board.focus_field("governance.board[3].surname")
    assert (view.currentIndex().row(), view.currentIndex().column()) == (
        3,
        column_of(board.table.model, "surname"),
    )
    assert board.focus_field("governance.board[5].functions")
    assert view.currentIndex().column() == column_of(board.table.model, "functions")
    assert board.focus_field("governance.mandate_end")
    assert board.mandate.fields["governance.mandate_end"][1].hasFocus()
    assert board.focus_field(f"{board.section_path()}.heading")
    assert board.heading.hasFocus()
    assert not board.focus_field(f"governance.board[{board.table.model.rowCount()}].surname")
    assert not board.focus_field("governance.staff[0].name")


# --- bureau ------------------------------------------------------------------


@pytest.fixture
def bureau(session, qtbot) -> BureauEditor:
    return shown(qtbot, BureauEditor(session, section_key(session, SectionKind.BUREAU)))


def test_bureau_member_chosen_by_name_writes_the_id(session, bureau, qtbot):
    edition = reread(session)
    model, view = bureau.table.model, bureau.table.view
    members = {m.id: f"{m.first_name} {m.surname.upper()}" for m in edition.governance.board}
    assert model.index(0, 0).data() == members[edition.governance.bureau[0].member_id]

    index = model.index(0, column_of(model, "member_id"))
    box = open_cell_editor(qtbot, view, index)
    assert [box.itemText(i) for i in range(box.count())] == list(members.values())
    chosen = next(m for m in edition.governance.board if m.id != edition.governance.bureau[0].member_id)
    box.setCurrentIndex(box.findText(members[chosen.id]))
    commit(qtbot, view, box)
    assert reread(session).governance.bureau[0].member_id == chosen.id


def test_bureau_since_is_typed_in_french_and_shown_in_words(session, bureau, qtbot):
    model, view = bureau.table.model, bureau.table.view
    index = model.index(1, column_of(model, "since"))
    type_into_cell(qtbot, view, index, "22/06/2021")
    assert reread(session).governance.bureau[1].since == FuzzyDate(2021, 6, 22)
    assert index.data() == "22 juin 2021"
    type_into_cell(qtbot, view, index, "2019")
    assert reread(session).governance.bureau[1].since == FuzzyDate(2019)


def test_bureau_add_needs_a_board(session, bureau, qtbot):
    edition = reread(session)
    qtbot.mouseClick(bureau.table.add_button, Qt.MouseButton.LeftButton)
    added = reread(session).governance.bureau[-1]
    assert added.member_id == edition.governance.board[0].id

    emptied = edit.with_value(
        edit.with_value(session.edition, "governance.bureau", []), "governance.board", []
    )
    assert session.apply("Vider le conseil et le bureau", emptied)
    before = digest(session)
    qtbot.mouseClick(bureau.table.add_button, Qt.MouseButton.LeftButton)
    assert (
        bureau.table.message.isVisible()
        and "conseil d'administration est vide" in bureau.table.message.text()
    )
    assert digest(session) == before


def test_bureau_focus_field(bureau):
    assert bureau.focus_field("governance.bureau[2].since")
    index = bureau.table.view.currentIndex()
    assert (index.row(), index.column()) == (2, column_of(bureau.table.model, "since"))
    assert bureau.focus_field("governance.bureau[0].member_id")
    assert bureau.table.view.currentIndex().column() == column_of(bureau.table.model, "member_id")
    assert not bureau.focus_field("governance.board[0].surname")
