"""Each panel refreshes only for the changes that concern it: real editors,
tables and panels over the demo document, driven as a user would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from session_helpers import reread, section_key

from avereport.model.edition import SectionKind
from avereport.model.paths import EDITION
from avereport.ui.editors.base import NarrativeEditor
from avereport.ui.editors.board import BoardEditor
from avereport.ui.editors.communication import CommunicationEditor
from avereport.ui.editors.membership import MembershipEditor
from avereport.ui.history_panel import HistoryPanel
from avereport.ui.outline_panel import OutlinePanel


class Calls:
    """Counts the calls of one method of a real widget (the method still runs)."""

    def __init__(self, monkeypatch, widget, name: str) -> None:
        self.count = 0
        method = getattr(widget, name)

        def counted(*args, **kwargs):
            self.count += 1
            return method(*args, **kwargs)

        monkeypatch.setattr(widget, name, counted)


class Signals:
    """The signals a table model emitted, by name."""

    def __init__(self, model) -> None:
        self.seen: list[str] = []
        for name in ("modelReset", "dataChanged", "rowsInserted", "rowsRemoved"):
            getattr(model, name).connect(lambda *_args, name=name: self.seen.append(name))


def editor(qtbot, session, cls, kind: SectionKind | None = None):
    widget = cls(session, section_key(session, kind or cls.kind))
    qtbot.addWidget(widget)
    widget.resize(1000, 760)
    widget.show()
    return widget


@pytest.fixture
def editors(qtbot, session, monkeypatch):
    shown = {
        "narrative": editor(qtbot, session, NarrativeEditor),
        "board": editor(qtbot, session, BoardEditor),
        "membership": editor(qtbot, session, MembershipEditor),
    }
    calls = {name: Calls(monkeypatch, widget, "refresh") for name, widget in shown.items()}
    return shown, calls


def surname(model) -> int:
    return next(n for n, column in enumerate(model.columns) if column.field == "surname")


def narrative_index(session) -> int:
    return next(i for i, s in enumerate(session.edition.outline) if s.kind is SectionKind.NARRATIVE)


def test_a_table_edit_refreshes_its_row_and_no_other_section(session, editors):
    shown, calls = editors
    board = shown["board"].table.model
    notes = Signals(shown["membership"].notes_model)
    rows = Signals(board)
    changed = []
    board.dataChanged.connect(lambda first, last, *_: changed.append((first.row(), last.row())))

    assert board.setData(board.index(3, surname(board)), "Nouveau-Nom")

    assert rows.seen == ["dataChanged"] and changed == [(3, 3)]
    assert notes.seen == []
    assert {name: c.count for name, c in calls.items()} == {"narrative": 0, "board": 0, "membership": 0}
    assert reread(session).governance.board[3].surname == "Nouveau-Nom"


def test_a_text_edit_refreshes_its_own_section_only(session, editors):
    shown, calls = editors
    board = Signals(shown["board"].table.model)
    index = next(i for i, s in enumerate(session.edition.outline) if s.key == shown["membership"].section_key)
    session.set_value(EDITION.outline[index].body, "Les adhérents en 2021.\n", "Texte")
    assert {name: c.count for name, c in calls.items()} == {"narrative": 0, "board": 0, "membership": 1}
    assert shown["membership"].body.markdown() == "Les adhérents en 2021.\n"
    assert board.seen == []


def test_undo_and_redo_refresh_what_they_change(session, editors):
    shown, calls = editors
    narrative = shown["narrative"]
    before = narrative.body.markdown()
    session.set_value(EDITION.outline[narrative_index(session)].body, "Un autre texte.\n", "Texte")
    assert narrative.body.markdown() == "Un autre texte.\n"

    session.undo_stack.undo()
    assert narrative.body.markdown() == before
    session.undo_stack.redo()
    assert narrative.body.markdown() == "Un autre texte.\n"
    assert calls["narrative"].count == 3
    assert calls["board"].count == calls["membership"].count == 0

    model = shown["board"].table.model
    cell = model.index(0, surname(model))
    name = cell.data()
    assert model.setData(cell, "Autre")
    session.undo_stack.undo()
    assert cell.data() == name
    session.undo_stack.redo()
    assert cell.data() == "Autre"
    assert calls["narrative"].count == 3


def test_switching_year_refreshes_everything(session, editors):
    shown, calls = editors
    board = Signals(shown["board"].table.model)
    session.show_year(2020)
    assert all(c.count == 1 for c in calls.values())
    assert board.seen  # its rows are those of 2020 now
    assert "2020" in shown["narrative"].title.text()
    model = shown["board"].table.model
    assert model.rowCount() == len(session.edition.governance.board)
    assert model.index(0, surname(model)).data() == session.edition.governance.board[0].surname


def test_removing_and_restoring_a_row_keeps_the_selected_record(session, qtbot):
    board = editor(qtbot, session, BoardEditor)
    table = board.table
    model, view = table.model, table.view
    signals = Signals(model)
    view.setCurrentIndex(model.index(5, surname(model)))
    chosen = model.index(5, surname(model)).data()

    assert model.remove_record(0)  # another row than the one chosen
    assert view.currentIndex().row() == 4 and view.currentIndex().data() == chosen
    session.undo_stack.undo()
    assert view.currentIndex().row() == 5 and view.currentIndex().data() == chosen
    assert "modelReset" not in signals.seen
    assert signals.seen.count("rowsRemoved") == 1 and signals.seen.count("rowsInserted") == 1


def test_the_field_typed_in_shows_the_value_as_stored(session, qtbot):
    communication = editor(qtbot, session, CommunicationEditor)
    form = communication.form
    line = form.fields[str(EDITION.communication.website_visits)][1]
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "12000")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert reread(session).communication.website_visits == 12000
    assert line.text() == "12 000"  # as the form shows numbers, not as typed


def test_the_outline_is_rebuilt_for_its_own_changes_only(session, qtbot, monkeypatch):
    panel = OutlinePanel(session)
    qtbot.addWidget(panel)
    rebuilds = Calls(monkeypatch, panel, "rebuild")
    session.set_value(EDITION.governance.board[0].surname, "Autre", "Nom")
    session.set_value(EDITION.outline[narrative_index(session)].body, "Texte.\n", "Texte")
    assert rebuilds.count == 0
    session.set_value(EDITION.outline[narrative_index(session)].heading, "Nouveau titre", "Titre")
    assert rebuilds.count == 1
    assert any(panel.tree.findItems("Nouveau titre", Qt.MatchFlag.MatchRecursive))


def test_the_history_filtered_on_a_part_reads_again_for_that_part_only(session, qtbot):
    panel = HistoryPanel(session)
    qtbot.addWidget(panel)
    panel.choose_section(str(SectionKind.BOARD))
    session.set_value(EDITION.membership.declared_total, 1234, "Total")
    assert not panel.timer.isActive()
    session.set_value(EDITION.governance.board[0].surname, "Autre", "Nom")
    assert panel.timer.isActive()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)


def test_the_preview_draws_no_chart_for_a_text_edit(window, qtbot):
    window.show_section(section_key(window.session, SectionKind.MEMBERSHIP))
    pane = window.preview
    qtbot.waitUntil(lambda: bool(pane.charts.canvases), timeout=10_000)
    with qtbot.assertNotEmitted(pane.charts_refreshed):
        window.session.set_value(EDITION.outline[narrative_index(window.session)].body, "Texte.\n", "Texte")
        QApplication.processEvents()
    with qtbot.waitSignal(pane.charts_refreshed):
        group = window.session.edition.membership.groups[0]
        window.session.set_value(
            EDITION.membership.groups[0].categories[0].count,
            (group.categories[0].count or 0) + 5,
            "Nombre",
        )
