"""The generic record table over a real document: edits written at once,
undoable, invalid input refused in place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from session_helpers import reread

from avereport.model.edition import BoardMember, MeetingKind
from avereport.model.labels import MEETING_KIND_LABELS
from avereport.ui.tables.columns import Column, Kind, enum_choices
from avereport.ui.tables.record_model import RecordTableModel
from avereport.ui.tables.record_table import RecordTable

BOARD_COLUMNS = [
    Column("surname", "Nom"),
    Column("first_name", "Prénom"),
    Column("functions", "Fonctions", Kind.LINES),
]


def board_model(session) -> RecordTableModel:
    return RecordTableModel(
        session, "governance.board", BOARD_COLUMNS, lambda e: BoardMember(surname="NOUVEAU"), "administrateur"
    )


def test_models_pass_qt_model_tester(session, qtmodeltester):
    qtmodeltester.check(board_model(session))
    meetings = RecordTableModel(
        session,
        "governance.meetings",
        [
            Column("kind", "Type", Kind.CHOICE, choices=enum_choices(MEETING_KIND_LABELS)),
            Column("date", "Date", Kind.DATE),
        ],
        lambda e: None,
        "réunion",
    )
    qtmodeltester.check(meetings)


def test_edit_is_written_at_once_and_undone(session):
    model = board_model(session)
    index = model.index(0, 0)
    before = index.data()
    assert model.setData(index, "AUGEY-LYON")
    assert reread(session).governance.board[0].surname == "AUGEY-LYON"
    session.undo_stack.undo()
    assert reread(session).governance.board[0].surname == before
    assert model.index(0, 0).data() == before
    session.undo_stack.redo()
    assert model.index(0, 0).data() == "AUGEY-LYON"


def test_functions_are_edited_one_per_line(session):
    model = board_model(session)
    assert model.setData(model.index(1, 2), "Présidente\n\n  Conseillère  \n")
    assert reread(session).governance.board[1].functions == ("Présidente", "Conseillère")


def test_invalid_date_is_refused_in_place_and_nothing_written(session, qtbot):
    model = RecordTableModel(
        session, "governance.meetings", [Column("date", "Date", Kind.DATE)], lambda e: None, "réunion"
    )
    table = RecordTable(model)
    qtbot.addWidget(table)
    table.show()
    before = reread(session).governance.meetings[0].date
    assert not model.setData(model.index(0, 0), "31/02/2021")
    assert table.message.isVisible() and "impossible" in table.message.text()
    assert reread(session).governance.meetings[0].date == before
    assert model.setData(model.index(0, 0), "28/02/2021")
    assert str(reread(session).governance.meetings[0].date) == "2021-02-28"


def test_negative_count_is_refused(session):
    model = RecordTableModel(
        session,
        "membership.groups[0].categories",
        [Column("count", "Nombre", Kind.COUNT)],
        lambda e: None,
        "catégorie",
    )
    refusals = []
    model.refused.connect(lambda index, message: refusals.append(message))
    assert not model.setData(model.index(0, 0), "-4")
    assert refusals and "négatif" in refusals[0]
    assert reread(session).membership.groups[0].categories[0].count == 71


def test_add_move_remove_rows_through_the_buttons(session, qtbot):
    model = board_model(session)
    table = RecordTable(model)
    qtbot.addWidget(table)
    count = model.rowCount()
    table.view.setCurrentIndex(model.index(0, 0))
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == count + 1
    assert reread(session).governance.board[1].surname == "NOUVEAU"
    qtbot.mouseClick(table.up_button, Qt.MouseButton.LeftButton)
    assert reread(session).governance.board[0].surname == "NOUVEAU"
    qtbot.mouseClick(table.remove_button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == count
    assert "NOUVEAU" not in [m.surname for m in reread(session).governance.board]
    for _ in range(3):
        session.undo_stack.undo()
    assert model.rowCount() == count


def test_choice_column_shows_french_labels(session):
    model = RecordTableModel(
        session,
        "governance.meetings",
        [Column("kind", "Type", Kind.CHOICE, choices=enum_choices(MEETING_KIND_LABELS))],
        lambda e: None,
        "réunion",
    )
    labels = {model.index(row, 0).data() for row in range(model.rowCount())}
    assert MEETING_KIND_LABELS[MeetingKind.GENERAL_ASSEMBLY] in labels
    assert model.setData(model.index(0, 0), MeetingKind.SEMINAR.value)
    assert reread(session).governance.meetings[0].kind is MeetingKind.SEMINAR
