"""Editing comfort, with real key and mouse events on the real widgets of the
main window over a real demo document: typing is never lost nor refused
without a word, and tables inside a page keep the row worked on in sight."""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QTableView
from session_helpers import reread

from avereport.model import fmt
from avereport.model.dates import FuzzyDate
from avereport.model.edition import SectionKind
from avereport.model.user_dates import date_for_input, parse_user_date
from avereport.ui.forms import FieldForm
from avereport.ui.outline_panel import ORGANISATION_KEY
from avereport.ui.tables.columns import Kind
from avereport.ui.tables.delegates import LinesEditor
from avereport.ui.tables.record_table import REMOVED
from avereport.ui.widgets.markdown_editor import MarkdownEditor
from avereport.ui.widgets.read_only import apply_read_only


def open_section(window, kind: SectionKind, size: tuple[int, int] = (1024, 600)):
    window.resize(*size)
    key = next(s.key for s in window.session.edition.outline if s.kind == kind)
    window.outline_panel.select(key)
    window.show_section(key)
    editor = window.current_editor()
    QApplication.processEvents()
    return editor


def shown(qtbot, widget) -> None:
    """Show ``widget`` as the active window, so that it takes the keyboard focus."""
    widget.show()
    with qtbot.waitActive(widget):
        widget.activateWindow()


def type_text(widget, text: str) -> None:
    """Type ``text`` key by key (QTest.keyClicks takes ASCII only): a
    Latin-1 letter's key code is its capital's code point, as on a French keyboard."""
    for char in text:
        key = Qt.Key(ord(char.upper())) if char.isalpha() else Qt.Key(ord(char))
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, key, char, Qt.KeyboardModifier.NoModifier)


def column_of(table, field: str) -> int:
    return next(n for n, column in enumerate(table.model.columns) if column.field == field)


def row_in_sight(page, table, row: int) -> bool:
    """The whole row is inside the visible part of the page."""
    rect = table.view.visualRect(table.model.index(row, 0))
    top = table.view.viewport().mapTo(page.viewport(), rect.topLeft())
    bottom = table.view.viewport().mapTo(page.viewport(), rect.bottomLeft())
    return 0 <= top.y() and bottom.y() <= page.viewport().height()


# --- formatting keeps the typing -------------------------------------------------


def test_text_typed_after_a_click_on_bold_is_kept_and_bold(qtbot):
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    shown(qtbot, editor)
    qtbot.mouseClick(editor.text.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.text, "Bonjour ")
    bold = editor.toolbar.widgetForAction(editor.bold_action)
    qtbot.mouseClick(bold, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is editor.text
    qtbot.keyClicks(QApplication.focusWidget(), "monde")
    qtbot.mouseClick(bold, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(QApplication.focusWidget(), " !")
    qtbot.keyClick(editor.text, Qt.Key.Key_Return)
    qtbot.mouseClick(editor.toolbar.widgetForAction(editor.bullets_action), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(QApplication.focusWidget(), "point")
    editor.flush()
    assert editor.markdown() == "Bonjour **monde** !\n\n- point\n"


def test_formatting_shortcuts_keep_the_selection(qtbot):
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    shown(qtbot, editor)
    editor.text.setFocus()
    qtbot.keyClicks(editor.text, "un mot")
    qtbot.keyClick(
        editor.text, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.keyClick(editor.text, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert editor.text.textCursor().selectedText() == "mot"
    qtbot.keyClick(
        editor.text, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    editor.flush()
    assert editor.markdown().split() == ["1.", "un", "*mot*"]  # Qt writes "1.  " for a numbered item


def test_a_word_selected_with_its_space_is_made_bold_and_typing_goes_on_after_it(qtbot):
    """Ctrl+Maj+→ selects a word and the space after it: the bold stops at
    the word (« **Bonjour **le » would print its asterisks), and the words
    typed next follow it."""
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    shown(qtbot, editor)
    editor.text.setFocus()
    qtbot.keyClicks(editor.text, "Bonjour le monde")
    qtbot.keyClick(editor.text, Qt.Key.Key_Home)
    qtbot.keyClick(
        editor.text, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert editor.text.textCursor().selectedText() == "Bonjour "
    qtbot.mouseClick(editor.toolbar.widgetForAction(editor.bold_action), Qt.MouseButton.LeftButton)
    assert editor.text.textCursor().selectedText() == "Bonjour"
    qtbot.keyClick(editor.text, Qt.Key.Key_End)
    qtbot.keyClicks(editor.text, " entier")
    qtbot.keyClick(editor.text, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor.text, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(
        editor.text, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.keyClick(
        editor.text, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier
    )  # « monde » with the space before it
    editor.flush()
    assert editor.markdown() == "**Bonjour** le *monde* entier\n"


# --- dates ------------------------------------------------------------------------


def test_every_date_the_app_shows_or_offers_is_read_back_as_itself():
    for date in (FuzzyDate(2021), FuzzyDate(2021, 12), FuzzyDate(2021, 12, 1), FuzzyDate(2021, 6, 22)):
        assert parse_user_date(fmt.date(date)) == date
        assert parse_user_date(date_for_input(date)) == date


def test_decembre_2021_typed_into_a_real_cell_is_saved(window, demo_db, qtbot):
    editor = open_section(window, SectionKind.STAFF)
    table = editor.table
    index = table.model.index(0, column_of(table, "start"))
    table.view.setCurrentIndex(index)
    table.view.setFocus()
    qtbot.keyClicks(table.view, "d")  # any key opens the cell's editor with it
    cell = QApplication.focusWidget()
    assert isinstance(cell, QLineEdit)
    type_text(cell, "écembre 2021")
    qtbot.keyClick(cell, Qt.Key.Key_Return)  # committed on the next turn of the event loop
    qtbot.waitUntil(lambda: table.view.state() != QAbstractItemView.State.EditingState)
    assert reread(window.session).governance.staff[0].start == FuzzyDate(2021, 12)
    assert index.data() == "décembre 2021"
    assert not table.message.isVisible()


def test_a_form_date_reads_the_written_forms(window, demo_db, qtbot):
    editor = open_section(window, SectionKind.BOARD)
    field = editor.mandate.fields["governance.mandate_end"][1]
    field.setFocus()
    field.selectAll()
    type_text(field, "1er déc. 2022")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert reread(window.session).governance.mandate_end == FuzzyDate(2022, 12, 1)


def test_every_date_tooltip_offers_the_written_month(window, qtbot):
    """Each date column and field of every editor says « décembre 2021 » (or
    « juin 2021 ») is read, as it is."""
    tips = []
    keys = [ORGANISATION_KEY, *(section.key for section in window.session.edition.outline)]
    for key in keys:
        window.outline_panel.select(key)
        editor = window.current_editor()
        for view in editor.findChildren(QTableView):
            model = view.model()
            for number, column in enumerate(getattr(model, "columns", [])):
                if getattr(column, "kind", None) is Kind.DATE:
                    tips.append(
                        model.headerData(number, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
                    )
        for form in editor.findChildren(FieldForm):
            tips += [widget.toolTip() for column, widget in form.fields.values() if column.kind is Kind.DATE]
    assert len(tips) >= 12
    for tip in tips:
        written = re.search(r"(décembre|juin) 2021", tip)
        assert written and parse_user_date(written.group()) == FuzzyDate(2021, 12 if "déc" in tip else 6), tip
        assert "MM/AAAA ou AAAA" not in tip


# --- multi-line cells ---------------------------------------------------------------


def test_the_functions_editor_shows_the_second_line_and_commits_on_ctrl_enter(window, demo_db, qtbot):
    editor = open_section(window, SectionKind.BOARD)
    table = editor.table
    last = table.model.rowCount() - 1
    index = table.model.index(last, column_of(table, "functions"))
    table.view.setCurrentIndex(index)
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key.Key_F2)
    cell = QApplication.focusWidget()
    assert isinstance(cell, LinesEditor)
    assert "Ctrl+Entrée" in cell.toolTip()
    cell.selectAll()
    type_text(cell, "Présidente")
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    type_text(cell, "Trésorière")
    # The second line is drawn inside the editor, and the editor inside the table.
    line = cell.cursorRect()
    assert cell.viewport().rect().contains(line)
    assert table.view.viewport().rect().contains(cell.geometry())
    qtbot.keyClick(cell, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert reread(window.session).governance.board[last].functions == ("Présidente", "Trésorière")
    assert table.view.state() != QAbstractItemView.State.EditingState
    # Back to the height of its two lines, like every other two-line row.
    assert table.view.rowHeight(last) == table.row_height(last)


def test_rows_are_one_line_or_as_many_as_their_functions(window, demo_db):
    table = open_section(window, SectionKind.BOARD).table
    board = window.session.edition.governance.board
    line = table.view.rowHeight(next(r for r, m in enumerate(board) if len(m.functions) <= 1))
    for row, member in enumerate(board):
        assert (
            table.view.rowHeight(row)
            == line + (max(1, len(member.functions)) - 1) * table.view.fontMetrics().lineSpacing()
        )


# --- tables inside pages --------------------------------------------------------------


def test_a_new_row_is_scrolled_into_sight_with_its_first_cell_in_edit(window, demo_db, qtbot):
    editor = open_section(window, SectionKind.BOARD)
    table = editor.table
    count = table.model.rowCount()
    editor.verticalScrollBar().setValue(0)
    table.view.setCurrentIndex(table.model.index(count - 1, 0))
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    assert table.model.rowCount() == count + 1
    assert table.view.state() == QAbstractItemView.State.EditingState
    assert table.view.currentIndex().row() == count
    qtbot.waitUntil(lambda: row_in_sight(editor, table, count))


def test_a_deletion_says_how_to_undo_and_keeps_the_neighbour_in_sight(window, demo_db, qtbot):
    editor = open_section(window, SectionKind.BOARD)
    table = editor.table
    count = table.model.rowCount()
    row = count - 3
    following = window.session.edition.governance.board[row + 1].surname
    table.select_field(row, "surname")
    qtbot.waitUntil(lambda: row_in_sight(editor, table, row))
    scrolled = editor.verticalScrollBar().value()
    assert scrolled > 0
    qtbot.mouseClick(table.remove_button, Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage() == REMOVED
    assert table.model.rowCount() == count - 1
    assert table.view.currentIndex().row() == row
    assert table.model.index(row, column_of(table, "surname")).data() == following
    qtbot.waitUntil(lambda: row_in_sight(editor, table, row))
    assert editor.verticalScrollBar().value() > 0  # the page did not jump to the top


def test_tables_show_all_their_rows_and_the_wheel_scrolls_the_page(window, demo_db, qtbot):
    editor = open_section(window, SectionKind.BOARD)
    table = editor.table
    assert table.view.verticalScrollBar().maximum() == 0
    assert table.view.viewport().height() >= table.view.verticalHeader().length()
    page = editor.verticalScrollBar()
    page.setValue(page.maximum() // 2)
    before = page.value()
    viewport = table.view.viewport()
    centre = QPointF(viewport.rect().center())
    wheel = QWheelEvent(
        centre,
        QPointF(viewport.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, wheel)
    assert page.value() > before


# --- read-only ----------------------------------------------------------------------


def test_read_only_widgets_are_greyed_and_say_why_when_typed_into(window, demo_db, qtbot):
    editor = open_section(window, SectionKind.BOARD)
    reason = "Document ouvert en lecture seule : Marie le modifie."
    apply_read_only(editor, reason)
    table = editor.table
    assert not table.add_button.isEnabled()
    index = table.model.index(0, column_of(table, "surname"))
    assert reason in index.data(Qt.ItemDataRole.ToolTipRole)
    assert not table.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    table.view.setCurrentIndex(index)
    table.view.setFocus()
    qtbot.keyClicks(table.view, "x")
    assert table.message.isVisible() and table.message.text() == reason
    form: FieldForm = editor.mandate
    field = form.fields["governance.mandate_years"][1]
    assert field.isReadOnly() and reason in field.toolTip()
    field.setFocus()
    qtbot.keyClicks(field, "9")
    assert form.message.isVisible() and form.message.text() == reason
    assert editor.body.text.isReadOnly() and editor.body.text.toolTip() == reason
    editor.body.text.setFocus()
    qtbot.keyClicks(editor.body.text, "x")
    assert window.statusBar().currentMessage() == reason
    apply_read_only(editor, None)
    assert table.add_button.isEnabled() and not field.isReadOnly() and not editor.body.text.isReadOnly()
