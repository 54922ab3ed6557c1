"""The staff, events, meetings and regional-body editors over a real demo
file, and every governance table model under qtmodeltester."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLineEdit
from session_helpers import digest, reread

from avereport.model import fmt
from avereport.model.dates import FuzzyDate
from avereport.model.edition import EventKind, MeetingKind
from avereport.model.labels import EVENT_KIND_LABELS, MEETING_KIND_LABELS
from avereport.model.regions import Region
from avereport.ui.editors.board import BoardModel
from avereport.ui.editors.bureau import BureauModel
from avereport.ui.editors.events import EventsEditor, EventsModel
from avereport.ui.editors.governance_common import NO_REGION
from avereport.ui.editors.meetings import MeetingsEditor, MeetingsModel
from avereport.ui.editors.regional_bodies import RegionalBodiesEditor, RegionalBodiesModel
from avereport.ui.editors.staff import NOBODY, REMOVE_WITH_REPLACEMENTS, StaffEditor, StaffModel


def editor_of(qtbot, session, cls):
    key = next(section.key for section in session.edition.outline if section.kind is cls.kind)
    widget = cls(session, key)
    qtbot.addWidget(widget)
    widget.resize(1000, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def column_of(model, field: str) -> int:
    return next(n for n, column in enumerate(model.columns) if column.field == field)


def open_cell_editor(qtbot, view, index):
    view.setCurrentIndex(index)
    view.edit(index)
    qtbot.waitUntil(
        lambda: view.state() == QAbstractItemView.State.EditingState and view.focusWidget().isVisible()
    )
    return view.focusWidget()


def commit(qtbot, view, editor) -> None:
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def type_into_cell(qtbot, view, index, text: str) -> None:
    editor = open_cell_editor(qtbot, view, index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    commit(qtbot, view, editor)


def choose_in_cell(qtbot, view, index, label: str) -> list[str]:
    """Pick ``label`` in the cell's list; returns the labels it offered."""
    box = open_cell_editor(qtbot, view, index)
    assert isinstance(box, QComboBox)
    labels = [box.itemText(i) for i in range(box.count())]
    box.setCurrentIndex(labels.index(label))
    commit(qtbot, view, box)
    return labels


@pytest.mark.parametrize(
    "model_class", [BoardModel, BureauModel, EventsModel, MeetingsModel, RegionalBodiesModel, StaffModel]
)
def test_table_models_pass_qt_model_tester(session, qtmodeltester, model_class):
    model = model_class(session)
    assert model.rowCount() > 0
    qtmodeltester.check(model)


# --- staff -------------------------------------------------------------------


@pytest.fixture
def staff(session, qtbot) -> StaffEditor:
    return editor_of(qtbot, session, StaffEditor)


def test_replaces_offers_the_other_names_and_writes_the_id(session, staff, qtbot):
    team = reread(session).governance.staff
    row = next(i for i, member in enumerate(team) if member.replaces_id is None)
    replaced = next(member for i, member in enumerate(team) if i != row)
    model, view = staff.table.model, staff.table.view
    index = model.index(row, column_of(model, "replaces_id"))

    offered = choose_in_cell(qtbot, view, index, replaced.name)

    assert offered == [NOBODY, *(member.name for i, member in enumerate(team) if i != row)]
    written = reread(session).governance.staff
    by_id = {member.id: member.name for member in written}
    assert by_id[written[row].replaces_id] == replaced.name
    assert index.data() == replaced.name

    choose_in_cell(qtbot, view, index, NOBODY)
    assert reread(session).governance.staff[row].replaces_id is None


def test_nobody_replaces_themself(session, staff):
    model = staff.table.model
    before = digest(session)
    own = session.edition.governance.staff[0].id
    assert not model.setData(model.index(0, column_of(model, "replaces_id")), own)
    assert staff.table.message.isVisible() and "elle-même" in staff.table.message.text()
    assert digest(session) == before


def test_impossible_end_date_refused_in_place(session, staff, qtbot):
    model, view = staff.table.model, staff.table.view
    index = model.index(2, column_of(model, "end"))
    before = digest(session)
    type_into_cell(qtbot, view, index, "31/02/2021")
    assert staff.table.message.isVisible()
    assert (
        "impossible" in staff.table.message.text() and "Rien n'a été enregistré" in staff.table.message.text()
    )
    assert digest(session) == before
    assert view.currentIndex() == index

    type_into_cell(qtbot, view, index, "28/02/2022")
    assert reread(session).governance.staff[2].end == FuzzyDate(2022, 2, 28)
    assert index.data() == fmt.date(FuzzyDate(2022, 2, 28))
    assert not staff.table.message.isVisible()


def test_new_staff_member_gets_a_fresh_id(session, staff, qtbot):
    model, view = staff.table.model, staff.table.view
    ids = {member.id for member in session.edition.governance.staff}
    view.setCurrentIndex(model.index(0, 0))
    qtbot.mouseClick(staff.table.add_button, Qt.MouseButton.LeftButton)
    type_into_cell(qtbot, view, model.index(1, column_of(model, "name")), "Paul Martin")
    assert session.edition.governance.staff[1].id not in ids
    assert reread(session).governance.staff[1].name == "Paul Martin"


def test_removing_a_replaced_person_clears_the_replacements_in_one_step(session, staff, qtbot):
    before = reread(session).governance.staff
    names = {member.id: member.name for member in before}
    replaced_id = next(member.replaces_id for member in before if member.replaces_id is not None)
    row = next(i for i, member in enumerate(before) if member.id == replaced_id)
    replacing = [member.name for member in before if member.replaces_id == replaced_id]

    staff.table.view.setCurrentIndex(staff.table.model.index(row, 0))
    qtbot.mouseClick(staff.table.remove_button, Qt.MouseButton.LeftButton)

    after = reread(session).governance.staff
    assert names[replaced_id] not in [member.name for member in after]
    assert all(member.replaces_id is None for member in after if member.name in replacing)
    assert session.undo_stack.undoText() == REMOVE_WITH_REPLACEMENTS

    session.undo_stack.undo()
    restored = reread(session).governance.staff
    restored_names = {member.id: member.name for member in restored}
    assert [m.name for m in restored] == [m.name for m in before]
    assert [restored_names.get(m.replaces_id) for m in restored] == [names.get(m.replaces_id) for m in before]


def test_staff_focus_field(staff):
    view, model = staff.table.view, staff.table.model
    assert staff.focus_field("governance.staff[2].end")
    assert (view.currentIndex().row(), view.currentIndex().column()) == (2, column_of(model, "end"))
    assert view.hasFocus()
    assert staff.focus_field("governance.staff[4].replaces_id")
    assert (view.currentIndex().row(), view.currentIndex().column()) == (4, column_of(model, "replaces_id"))
    assert not staff.focus_field("governance.board[0].surname")


# --- events, meetings, regional bodies ---------------------------------------


def test_events_kind_in_french_and_dates_typed_in_french(session, qtbot):
    editor = editor_of(qtbot, session, EventsEditor)
    model, view = editor.table.model, editor.table.view
    kind = model.index(0, column_of(model, "kind"))
    offered = choose_in_cell(qtbot, view, kind, EVENT_KIND_LABELS[EventKind.RESIGNATION])
    assert offered == list(EVENT_KIND_LABELS.values())
    assert reread(session).governance.events[0].kind is EventKind.RESIGNATION

    date = model.index(0, column_of(model, "date"))
    type_into_cell(qtbot, view, date, "06/2021")
    assert reread(session).governance.events[0].date == FuzzyDate(2021, 6)
    assert date.data() == "juin 2021"

    assert editor.focus_field("governance.events[1].person")
    assert view.currentIndex() == model.index(1, column_of(model, "person"))


def test_meetings_added_typed_and_removed(session, qtbot):
    editor = editor_of(qtbot, session, MeetingsEditor)
    model, view, table = editor.table.model, editor.table.view, editor.table
    count = len(reread(session).governance.meetings)
    view.setCurrentIndex(model.index(count - 1, 0))
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    choose_in_cell(
        qtbot, view, model.index(count, column_of(model, "kind")), MEETING_KIND_LABELS[MeetingKind.SEMINAR]
    )
    type_into_cell(qtbot, view, model.index(count, column_of(model, "date")), "17/09/2021")
    type_into_cell(qtbot, view, model.index(count, column_of(model, "place")), "Paris")
    added = reread(session).governance.meetings[count]
    assert (added.kind, added.date, added.place) == (MeetingKind.SEMINAR, FuzzyDate(2021, 9, 17), "Paris")

    assert editor.focus_field(f"governance.meetings[{count}].date")
    qtbot.mouseClick(table.remove_button, Qt.MouseButton.LeftButton)
    assert len(reread(session).governance.meetings) == count


def test_regional_bodies_region_can_be_none(session, qtbot):
    editor = editor_of(qtbot, session, RegionalBodiesEditor)
    model, view = editor.table.model, editor.table.view
    region = model.index(0, column_of(model, "region"))
    offered = choose_in_cell(qtbot, view, region, NO_REGION)
    assert offered == [NO_REGION, *(r.label for r in Region)]
    assert reread(session).governance.regional_bodies[0].region is None
    choose_in_cell(qtbot, view, region, Region.NOR.label)
    assert reread(session).governance.regional_bodies[0].region is Region.NOR
    assert region.data() == Region.NOR.label

    assert editor.focus_field("governance.regional_bodies[3].website")
    assert view.currentIndex() == model.index(3, column_of(model, "website"))
    assert editor.focus_field(f"{editor.section_path()}.body")
    assert not editor.focus_field("governance.meetings[0].date")
