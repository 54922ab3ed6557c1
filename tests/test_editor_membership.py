"""The membership editor over a real demo document: counts edited in the
table, their change against 2020 shown live, totals checked against the
declared ones (shown only for an edition that has some), groups and
categories added, renamed and retired."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit
from session_helpers import digest, reread

from avereport.model import fmt
from avereport.model.checks import check_edition
from avereport.model.edition import SectionKind
from avereport.model.succession import start_next_edition
from avereport.ui.editors.membership import MembershipEditor
from tests.facts_2021 import CLAUSE_MEMBERS, DECLARED_CLAUSE, DECLARED_FULL, DECLARED_TOTAL, FULL_MEMBERS

PLIE_COUNT, PLIE_DELTA = next((count, delta) for key, _, _, count, delta in FULL_MEMBERS if key == "plie")


@pytest.fixture
def editor(session, qtbot) -> MembershipEditor:
    key = next(s.key for s in session.edition.outline if s.kind is SectionKind.MEMBERSHIP)
    editor = MembershipEditor(session, key)
    qtbot.addWidget(editor)
    editor.resize(1000, 800)
    editor.show()
    return editor


def column(model, header: str) -> int:
    return next(
        c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == header
    )


def row_of_key(model, key: str) -> int:
    return next(r for r in range(model.rowCount()) if model.record(r).key == key)


def type_in_cell(qtbot, view, index, text: str) -> None:
    """Edit a cell as a user does: open its editor (unless open), type, press Entrée."""
    if view.state() != QAbstractItemView.State.EditingState:
        view.setCurrentIndex(index)
        view.edit(index)
    assert view.currentIndex() == index
    line = view.findChild(QLineEdit)
    assert line is not None
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    # The delegate commits on Entrée through a queued call.
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def test_models_pass_qt_model_tester(editor, qtmodeltester):
    qtmodeltester.check(editor.groups_model)
    qtmodeltester.check(editor.categories_model)
    qtmodeltester.check(editor.notes_model)


def test_count_change_shows_its_delta_live_is_written_and_undone(editor, session, qtbot):
    model = editor.categories_model
    row, change = row_of_key(model, "plie"), column(model, "Évolution")
    previous_count = PLIE_COUNT - PLIE_DELTA
    assert model.index(row, change).data().startswith(fmt.delta(PLIE_DELTA))
    assert f"{session.edition.year - 1} : {fmt.number(previous_count)}" in model.index(row, change).data()

    type_in_cell(qtbot, editor.categories.view, model.index(row, column(model, "Nombre")), "75")

    assert model.index(row, change).data().startswith(fmt.delta(75 - previous_count))
    assert reread(session).membership.groups[0].categories[row].count == 75
    session.undo_stack.undo()
    assert reread(session).membership.groups[0].categories[row].count == PLIE_COUNT
    assert model.index(row, change).data().startswith(fmt.delta(PLIE_DELTA))


@pytest.mark.parametrize(("typed", "reason"), [("-4", "négatif"), ("beaucoup", "n'est pas un nombre entier")])
def test_invalid_count_is_refused_in_place_and_nothing_written(editor, session, qtbot, typed, reason):
    model = editor.categories_model
    before = digest(session)
    type_in_cell(
        qtbot, editor.categories.view, model.index(row_of_key(model, "plie"), column(model, "Nombre")), typed
    )
    assert editor.categories.message.isVisible()
    assert reason in editor.categories.message.text()
    assert "Rien n'a été enregistré" in editor.categories.message.text()
    assert digest(session) == before
    assert session.undo_stack.count() == 0


def test_declared_totals_that_do_not_add_up_are_marked(editor, session):
    groups = editor.groups_model
    clause = row_of_key(groups, "clause")
    computed = sum(count for _, _, _, count, _ in CLAUSE_MEMBERS)
    assert computed != DECLARED_CLAUSE
    cell = groups.index(clause, column(groups, "Total calculé"))
    assert fmt.number(computed) in cell.data() and fmt.number(DECLARED_CLAUSE) in cell.data()
    assert cell.data(Qt.ItemDataRole.ForegroundRole) is not None
    full = groups.index(row_of_key(groups, "full"), column(groups, "Total calculé"))
    assert full.data() == fmt.number(DECLARED_FULL)
    assert full.data(Qt.ItemDataRole.ForegroundRole) is None

    text = editor.totals.text()
    assert fmt.number(DECLARED_FULL + DECLARED_CLAUSE) in text
    assert f"différente du total déclaré ({fmt.number(DECLARED_TOTAL)})" in text

    groups.setData(groups.index(clause, column(groups, "Total déclaré")), str(computed))
    assert groups.index(clause, column(groups, "Total calculé")).data() == fmt.number(computed)
    assert fmt.number(DECLARED_FULL + computed) in editor.totals.text()


def test_add_a_category_and_rename_it_keeps_its_key(editor, session, qtbot):
    table, model = editor.categories, editor.categories_model
    old_keys = {c.key for e in session.editions() for g in e.membership.groups for c in g.categories}
    count = model.rowCount()
    table.view.setCurrentIndex(model.index(count - 1, 0))
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)

    added = reread(session).membership.groups[0].categories[count]
    assert added.key not in old_keys
    assert model.rowCount() == count + 1

    # The new row's name is open for typing at once.
    assert table.view.state() == QAbstractItemView.State.EditingState
    type_in_cell(qtbot, table.view, model.index(count, 0), "Conseils regionaux")
    renamed = reread(session).membership.groups[0].categories[count]
    assert renamed.name == "Conseils regionaux"
    assert renamed.key == added.key


def test_add_a_group_gets_a_fresh_key_and_shows_its_empty_categories(editor, session, qtbot):
    table, model = editor.groups, editor.groups_model
    old_keys = {g.key for e in session.editions() for g in e.membership.groups}
    table.view.setCurrentIndex(model.index(model.rowCount() - 1, 0))
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    group = reread(session).membership.groups[-1]
    assert group.key not in old_keys
    assert editor.categories_model.group_key == group.key
    assert editor.categories_model.rowCount() == 0
    assert group.name in editor.categories_box.title()


def test_retire_a_group_and_bring_it_back(editor, session):
    groups = editor.groups_model
    clause = row_of_key(groups, "clause")
    retired = groups.index(clause, column(groups, "Retiré"))
    assert groups.setData(retired, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert reread(session).membership.groups[clause].retired
    assert groups.index(clause, column(groups, "Total calculé")).data() == "—"
    # Only the full membership group is still counted in the total.
    assert f"{fmt.number(DECLARED_FULL)} ({fmt.number(DECLARED_FULL)})" in editor.totals.text()

    assert groups.setData(retired, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert not reread(session).membership.groups[clause].retired
    assert fmt.number(DECLARED_FULL + DECLARED_CLAUSE) in editor.totals.text()


def test_choosing_a_group_shows_its_categories_and_follows_moves(editor, session, qtbot):
    groups = editor.groups
    clause = row_of_key(editor.groups_model, "clause")
    groups.view.setCurrentIndex(editor.groups_model.index(clause, 0))
    names = [editor.categories_model.record(r).name for r in range(editor.categories_model.rowCount())]
    assert names == [c.name for c in session.edition.membership.groups[clause].categories]
    assert session.edition.membership.groups[clause].name in editor.categories_box.title()

    qtbot.mouseClick(groups.up_button, Qt.MouseButton.LeftButton)
    assert reread(session).membership.groups[clause - 1].key == "clause"
    assert editor.categories_model.group_key == "clause"
    assert str(editor.categories_model.list_path) == f"membership.groups[{clause - 1}].categories"


def test_structure_is_chosen_among_french_labels(editor, session):
    model = editor.categories_model
    cell = model.index(row_of_key(model, "plie_mde"), column(model, "Structure"))
    assert cell.data() == "PLIE et MDE"
    assert model.setData(cell, "none")
    assert cell.data() == "aucune"
    assert reread(session).membership.groups[0].categories[cell.row()].structure.value == "none"


def test_notes_refuse_an_impossible_date(editor, session):
    model = editor.notes_model
    before = digest(session)
    assert not model.setData(model.index(0, 0), "30/02/2022")
    assert editor.notes.message.isVisible() and "impossible" in editor.notes.message.text()
    assert digest(session) == before


def test_declared_total_is_edited_in_the_form(editor, session, qtbot):
    line = editor.form.fields["membership.declared_total"][1]
    line.selectAll()
    qtbot.keyClicks(line, str(DECLARED_FULL + DECLARED_CLAUSE))
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert reread(session).membership.declared_total == DECLARED_FULL + DECLARED_CLAUSE
    assert "conforme au total déclaré" in editor.totals.text()


def test_findings_lead_to_their_cell(editor, session):
    findings = check_edition(session.edition, session.previous())
    clause_sum = next(
        f for f in findings if f.field.startswith("membership.groups[") and f.field.endswith("declared_total")
    )
    assert editor.focus_field(clause_sum.field)
    current = editor.groups.view.currentIndex()
    assert str(editor.groups_model.field_path(current.row(), current.column())) == clause_sum.field

    clause = row_of_key(editor.groups_model, "clause")
    path = f"membership.groups[{clause}].categories[1].count"
    assert editor.focus_field(path)
    assert editor.categories_model.group_key == "clause"
    current = editor.categories.view.currentIndex()
    assert str(editor.categories_model.field_path(current.row(), current.column())) == path


def test_remove_a_group_then_undo(editor, session, qtbot):
    groups = editor.groups
    clause = row_of_key(editor.groups_model, "clause")
    count = editor.groups_model.rowCount()
    groups.view.setCurrentIndex(editor.groups_model.index(clause, 0))
    qtbot.mouseClick(groups.remove_button, Qt.MouseButton.LeftButton)
    assert "clause" not in [g.key for g in reread(session).membership.groups]
    assert editor.groups_model.rowCount() == count - 1
    # The categories shown are those of the group now chosen, not of the removed one.
    chosen = session.edition.membership.groups[groups.current_row()]
    assert editor.categories_model.group_key == chosen.key
    session.undo_stack.undo()
    assert reread(session).membership.groups[clause].key == "clause"
    assert editor.groups_model.rowCount() == count


def membership_editor(session, qtbot) -> MembershipEditor:
    key = next(s.key for s in session.edition.outline if s.kind is SectionKind.MEMBERSHIP)
    editor = MembershipEditor(session, key)
    qtbot.addWidget(editor)
    editor.resize(1000, 800)
    editor.show()
    return editor


def declared_shown(editor: MembershipEditor) -> tuple[bool, bool]:
    """(the grand total's field, the groups' column) in sight."""
    return (
        editor.form.form.isRowVisible(editor.declared_line),
        not editor.groups.view.isColumnHidden(column(editor.groups_model, "Total déclaré")),
    )


def test_a_new_edition_shows_no_declared_total_to_retype(session, qtbot):
    session.add_edition("Créer l'édition 2022", start_next_edition(session.edition))
    editor = membership_editor(session, qtbot)
    assert declared_shown(editor) == (False, False)
    assert editor.declared_toggle.isVisible() and not editor.clear_declared.isVisible()
    assert "Total des adhérents : incomplet" in editor.totals.text()
    assert "déclaré" not in editor.totals.text()

    model = editor.categories_model
    for row in range(model.rowCount()):
        assert model.setData(model.index(row, column(model, "Nombre")), "10")
    assert declared_shown(editor) == (False, False)
    groups = editor.groups_model
    assert groups.index(0, column(groups, "Total calculé")).data() == fmt.number(10 * model.rowCount())

    # Behind the disclosure, for an edition typed from a printed report.
    qtbot.mouseClick(editor.declared_toggle, Qt.MouseButton.LeftButton)
    assert declared_shown(editor) == (True, True)


def test_declared_totals_of_a_printed_report_are_shown_and_can_be_dropped(editor, session, qtbot):
    assert declared_shown(editor) == (True, True)
    assert not editor.declared_toggle.isVisible()
    assert editor.clear_declared.isVisible()
    steps = session.undo_stack.count()

    qtbot.mouseClick(editor.clear_declared, Qt.MouseButton.LeftButton)

    stored = reread(session).membership
    assert stored.declared_total is None and all(g.declared_total is None for g in stored.groups)
    assert session.undo_stack.count() == steps + 1
    assert declared_shown(editor) == (False, False)
    assert "déclaré" not in editor.totals.text()
    session.undo_stack.undo()
    assert reread(session).membership.declared_total == DECLARED_TOTAL
    assert declared_shown(editor) == (True, True)


def test_a_finding_on_a_hidden_declared_total_brings_it_into_sight(session, qtbot):
    session.add_edition("Créer l'édition 2022", start_next_edition(session.edition))
    editor = membership_editor(session, qtbot)
    assert editor.focus_field("membership.declared_total")
    assert declared_shown(editor) == (True, True)
