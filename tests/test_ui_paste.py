"""Ctrl+V and Ctrl+C in the app's tables, with the real clipboard holding what
Excel puts there (tab-separated text and an HTML table), real key events on
the real tables of the main window, over a real demo document."""

from __future__ import annotations

import csv
import io
from html import escape

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from session_helpers import reread

from avereport.model import fmt
from avereport.model.dates import FuzzyDate
from avereport.model.edition import Qualifier, SectionKind, TrainingMode
from avereport.ui.tables.clipboard import NOTHING_TO_PASTE


def open_section(window, kind: SectionKind):
    key = next(s.key for s in window.session.edition.outline if s.kind == kind)
    window.outline_panel.select(key)
    window.show_section(key)
    QApplication.processEvents()
    return window.current_editor()


def excel_text(rows: list[list[str]]) -> str:
    """Rows as Excel writes them as text: tabs, CRLF, multi-line cells quoted."""

    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"' if any(c in text for c in '\n\t"') else text

    return "".join("\t".join(cell(text) for text in row) + "\r\n" for row in rows)


EXCEL_BREAK = '<br style="mso-data-placement:same-cell;" />'


def excel_html(rows: list[list[str]]) -> str:
    """Rows as the HTML table Excel also puts on the clipboard."""

    def cell(text: str) -> str:
        return "<td>" + EXCEL_BREAK.join(escape(part) for part in text.split("\n")) + "</td>"

    body = "".join("<tr>" + "".join(cell(text) for text in row) + "</tr>" for row in rows)
    return f"<html><body><!--StartFragment--><table>{body}</table><!--EndFragment--></body></html>"


@pytest.fixture(autouse=True)
def emptied_clipboard():
    """The clipboard is left empty: mime data still on it when the
    application is destroyed at the end of the run crashes Qt's offscreen
    platform (a segmentation fault after pytest's summary)."""
    yield
    QGuiApplication.clipboard().clear()


def put_on_clipboard(rows: list[list[str]], *, text: bool = True) -> None:
    mime = QMimeData()
    if text:
        mime.setText(excel_text(rows))
    mime.setHtml(excel_html(rows))
    QGuiApplication.clipboard().setMimeData(mime)


def press(qtbot, table, key: Qt.Key) -> None:
    table.view.setFocus()
    qtbot.keyClick(table.view, key, Qt.KeyboardModifier.ControlModifier)


def test_excel_range_fills_from_the_current_cell_adding_rows_as_one_undo_step(window, qtbot):
    editor = open_section(window, SectionKind.TRAINING)
    table = editor.sessions
    session = window.session
    before = session.edition
    count = len(before.training.sessions)
    steps = session.undo_stack.count()
    put_on_clipboard(
        [
            ["Accueil des publics", "décembre 2021", "1 2", "3", "0", "1"],
            ["Ingénierie de projet", "01/03/2021", "7", "", "2", "0"],
            ["Pilotage", "2021", "4", "4", "4", "4"],
        ]
    )
    table.view.setCurrentIndex(table.model.index(count - 1, 0))

    press(qtbot, table, Qt.Key.Key_V)

    sessions = reread(session).training.sessions
    assert len(sessions) == count + 2  # the last row overwritten, two added
    assert sessions[count - 1].module == "Accueil des publics"
    assert sessions[count - 1].date == FuzzyDate(2021, 12)
    assert sessions[count - 1].plie == 12  # "1 2": French digit groups
    assert (sessions[count].module, sessions[count].date) == ("Ingénierie de projet", FuzzyDate(2021, 3, 1))
    assert (sessions[count].plie, sessions[count].collectivites) == (7, 2)
    assert (sessions[count + 1].module, sessions[count + 1].mde) == ("Pilotage", 4)
    assert sessions[: count - 1] == before.training.sessions[: count - 1]
    assert table.model.rowCount() == count + 2
    assert not table.message.isVisible()

    assert session.undo_stack.count() == steps + 1
    assert session.undo_stack.undoText() == "Coller dans « Sessions de formation »"
    session.undo_stack.undo()
    assert reread(session).training.sessions == before.training.sessions
    assert table.model.rowCount() == count


def test_refused_cells_are_listed_in_one_french_message_and_the_rest_is_pasted(window, qtbot):
    editor = open_section(window, SectionKind.TRAINING)
    table = editor.sessions
    session = window.session
    first = session.edition.training.sessions[0]
    put_on_clipboard([["Nouveau module", "32/13/2021", "beaucoup", "5"]])
    table.view.setCurrentIndex(table.model.index(0, 0))

    press(qtbot, table, Qt.Key.Key_V)

    stored = reread(session).training.sessions[0]
    assert (stored.module, stored.mde) == ("Nouveau module", 5)
    assert (stored.date, stored.plie) == (first.date, first.plie)  # refused: kept
    assert table.message.isVisible()
    message = table.message.text()
    assert message.startswith("2 cases refusées, le reste est collé")
    assert "ligne 1, Date (« 32/13/2021 »)" in message
    assert "ligne 1, PLIE (« beaucoup ») : « beaucoup » n'est pas un nombre" in message


def test_html_only_clipboard_and_a_multi_line_cell(window, qtbot):
    """LibreOffice-style HTML without text; a cell of several lines gives one
    function a line in the board's "Fonctions"."""
    editor = open_section(window, SectionKind.BOARD)
    table = editor.table
    session = window.session
    count = len(session.edition.governance.board)
    put_on_clipboard(
        [["Île-de-France", "Martin", "Claire", "PLIE", "Trésorière\nPrésidente de commission"]], text=False
    )
    table.view.setCurrentIndex(table.model.index(count - 1, 0))
    table.view.clearSelection()
    table.view.setCurrentIndex(table.model.index(count, 0))  # past the last row: a new one

    press(qtbot, table, Qt.Key.Key_V)

    board = reread(session).governance.board
    assert len(board) == count + 1
    member = board[-1]
    assert (member.surname, member.first_name, member.college) == ("Martin", "Claire", "PLIE")
    assert member.region.label == "Île-de-France"
    assert member.functions == ("Trésorière", "Présidente de commission")


def test_copy_gives_french_tab_separated_text_that_pastes_back(window, qtbot):
    editor = open_section(window, SectionKind.TRAINING)
    table = editor.sessions
    session = window.session
    sessions = session.edition.training.sessions
    source = sessions[0]
    table.view.selectRow(0)

    press(qtbot, table, Qt.Key.Key_C)

    text = QGuiApplication.clipboard().text()
    cells = text.rstrip("\n").split("\t")
    total = sum(n or 0 for n in (source.plie, source.mde, source.collectivites, source.autres))
    mode = {TrainingMode.ON_SITE: "Sur site", TrainingMode.REMOTE: "À distance"}[source.mode]
    assert cells == [
        source.module,
        fmt.date(source.date),
        *("" if n is None else fmt.number(n) for n in (source.plie, source.mde, source.collectivites)),
        "" if source.autres is None else fmt.number(source.autres),
        fmt.number(total),
        mode,
    ]

    # Pasted on the second row (total included, as shown): that row becomes the first's.
    table.view.setCurrentIndex(table.model.index(1, 0))
    press(qtbot, table, Qt.Key.Key_V)
    stored = reread(session).training.sessions
    assert stored[1] == source
    assert stored[0] == source
    assert not table.message.isVisible()


def test_rows_chosen_together_are_copied_together(window, qtbot):
    editor = open_section(window, SectionKind.BOARD)
    table = editor.table
    board = window.session.edition.governance.board
    table.view.selectRow(1)
    qtbot.mouseClick(
        table.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ShiftModifier,
        table.view.visualRect(table.model.index(2, 1)).center(),
    )

    press(qtbot, table, Qt.Key.Key_C)

    text = QGuiApplication.clipboard().text()
    lines = list(csv.reader(io.StringIO(text), delimiter="\t"))
    assert [(line[1], line[2]) for line in lines] == [(m.surname, m.first_name) for m in board[1:3]]
    # A board member's functions, one a line, stay one cell (quoted).
    assert [line[4] for line in lines] == ["\n".join(m.functions) for m in board[1:3]]


def test_paste_into_a_table_without_spreadsheet_table(window, qtbot):
    """Followers (communication): no « Importer un tableur… », yet Ctrl+V reads
    the cells as typed, choices by their French label."""
    editor = open_section(window, SectionKind.COMMUNICATION)
    table = editor.followers
    session = window.session
    count = len(session.edition.communication.followers)
    assert not table.spreadsheet.import_button.isVisibleTo(table)
    assert editor.window() is window
    put_on_clipboard([["Mastodon", "@ave", "1 500", "plus de"]])
    table.view.setCurrentIndex(table.model.index(count, 0))  # invalid: appended
    table.view.clearSelection()

    press(qtbot, table, Qt.Key.Key_V)

    followers = reread(session).communication.followers
    assert len(followers) == count + 1
    assert (followers[-1].network, followers[-1].handle, followers[-1].count) == ("Mastodon", "@ave", 1500)
    assert followers[-1].qualifier is Qualifier.OVER


def test_empty_clipboard_says_so_and_changes_nothing(window, qtbot):
    editor = open_section(window, SectionKind.TRAINING)
    table = editor.sessions
    before = reread(window.session)
    QGuiApplication.clipboard().setMimeData(QMimeData())
    table.view.setCurrentIndex(table.model.index(0, 0))

    press(qtbot, table, Qt.Key.Key_V)

    assert table.message.text() == NOTHING_TO_PASTE
    assert reread(window.session) == before
