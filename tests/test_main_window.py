"""The main window driven like a user would, with qtbot over real files."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QMessageBox

from avereport.model import edit
from avereport.model.edition import SectionKind
from avereport.store import open_document
from avereport.ui.app import DEMO_COPY_NAME, start_file
from avereport.ui.editors.base import SectionEditor
from avereport.ui.editors.registry import EDITORS, editor_for
from avereport.ui.files import LAST_FILE_KEY
from avereport.ui.main_window import MainWindow
from avereport.ui.new_edition_dialog import NewEditionDialog
from avereport.ui.outline_panel import ORGANISATION_KEY


def reread(path: Path, year: int = 2021):
    with open_document(path, read_only=True) as document:
        return document.read_edition(year)


def section_key(window: MainWindow, kind: SectionKind) -> str:
    return next(s.key for s in window.session.edition.outline if s.kind is kind)


def open_section(window: MainWindow, kind: SectionKind):
    key = section_key(window, kind)
    window.outline_panel.select(key)
    return window.editors[key]


def test_every_section_kind_has_an_editor():
    assert set(EDITORS) == set(SectionKind)
    for kind in SectionKind:
        editor = editor_for(kind)
        assert issubclass(editor, SectionEditor) and editor.kind is kind


def test_every_action_has_a_french_tooltip_and_status_tip(window):
    actions = [
        a
        for a in window.findChildren(type(window.undo_action))
        if a.text() and not a.isSeparator() and a.menu() is None
    ]
    assert len(actions) >= 12
    for action in actions:
        assert action.toolTip() and action.toolTip() != action.text().replace("&", ""), action.text()
        assert action.statusTip(), action.text()


def test_shortcuts_of_the_issue(window):
    shortcuts = {
        key.toString()
        for action in window.findChildren(type(window.undo_action))
        for key in action.shortcuts()
    }
    for key in ("Ctrl+N", "Ctrl+O", "Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Y", "Ctrl+E", "F5", "F1"):
        assert key in shortcuts, key


def test_shows_editions_outline_and_states(window):
    assert [window.year_box.itemText(i) for i in range(window.year_box.count())] == ["2020", "2021"]
    assert window.year_box.currentText() == "2021"
    items = window.outline_panel._items()
    assert items[0].data(0, Qt.ItemDataRole.UserRole + 1) == ORGANISATION_KEY
    headings = [item.text(0) for item in items[1:]]
    assert headings == [s.heading for s in window.session.edition.outline]
    states = {item.text(0): item.text(1) for item in items[1:]}
    membership = next(s.heading for s in window.session.edition.outline if s.kind is SectionKind.MEMBERSHIP)
    assert "vérifier" in states[membership]
    assert "rapport.db" in window.windowTitle()


def test_change_the_plie_count_see_delta_and_chart_then_undo(window, demo_db, qtbot):
    editor = open_section(window, SectionKind.MEMBERSHIP)
    model = editor.categories_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "PLIE")
    count_column = next(c for c, column in enumerate(model.columns) if column.field == "count")
    assert model.setData(model.index(row, count_column), "80")
    assert reread(demo_db).membership.groups[0].categories[row].count == 80
    texts = [model.index(row, c).data() for c in range(model.columnCount())]
    assert any("(+11)" in str(text) for text in texts)
    # The group's total in the membership chart follows: 133 - 71 + 80.
    qtbot.waitUntil(lambda: any("142" in alt for alt in window.preview.alt_texts()), timeout=5000)
    window.undo_action.trigger()
    assert reread(demo_db).membership.groups[0].categories[row].count == 71
    assert any("(+2)" in str(model.index(row, c).data()) for c in range(model.columnCount()))


def test_add_a_board_member(window, demo_db, qtbot):
    editor = open_section(window, SectionKind.BOARD)
    count = len(reread(demo_db).governance.board)
    editor.table.view.setCurrentIndex(editor.table.model.index(count - 1, 0))
    qtbot.mouseClick(editor.table.add_button, Qt.MouseButton.LeftButton)
    surname_column = next(
        c for c, column in enumerate(editor.table.model.columns) if column.field == "surname"
    )
    assert editor.table.model.setData(editor.table.model.index(count, surname_column), "MARTIN")
    board = reread(demo_db).governance.board
    assert len(board) == count + 1 and board[-1].surname == "MARTIN"


def test_put_a_word_of_a_narrative_in_bold(window, demo_db):
    editor = open_section(window, SectionKind.NARRATIVE)
    key = editor.section_key
    text = editor.body.text
    cursor = text.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    word = cursor.selectedText()
    text.setTextCursor(cursor)
    editor.body.bold_action.trigger()
    editor.body.flush()
    body = next(s.body for s in reread(demo_db).outline if s.key == key)
    assert body.startswith(f"**{word}**")


def test_create_the_2022_edition_with_a_departure(window, demo_db, monkeypatch):
    leaving = window.session.edition.governance.board[0]

    def accept_without_first_member(dialog: NewEditionDialog) -> int:
        dialog.members.item(0).setCheckState(Qt.CheckState.Unchecked)
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewEditionDialog, "exec", accept_without_first_member)
    window.new_edition_action.trigger()
    assert window.year_box.currentText() == "2022"
    with open_document(demo_db, read_only=True) as document:
        assert document.years() == [2020, 2021, 2022]
        edition = document.read_edition(2022)
    assert leaving.surname not in [m.surname for m in edition.governance.board]
    assert any(leaving.surname in e.person for e in edition.governance.events)
    window.undo_action.trigger()
    with open_document(demo_db, read_only=True) as document:
        assert document.years() == [2020, 2021]


def test_export_finds_the_new_numbers_in_the_pdf(window, demo_db, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append(box.text()) or QMessageBox.StandardButton.Close
    )
    window.session.set_value("communication.website_visits", 191234, "visites")
    window.export_action.trigger()
    target = demo_db.parent / "Rapport d'activité 2021.pdf"
    qtbot.waitUntil(lambda: bool(shown), timeout=30000)
    text = " ".join(page.extract_text() for page in PdfReader(target).pages).replace("\u202f", " ")
    assert "191 234" in text


def test_a_finding_jumps_to_its_field(window):
    finding = next(f for f in window.checks.findings if f.field == "membership.declared_total")
    window.go_to_finding(finding)
    key = section_key(window, SectionKind.MEMBERSHIP)
    assert window.outline_panel.current_key() == key
    assert window.current_editor() is window.editors[key]


def test_a_bad_file_gets_a_french_message_and_stays_untouched(window, tmp_path, monkeypatch):
    bad = tmp_path / "abime.db"
    bad.write_bytes(b"\x00pas une base\x00" * 100)
    before = hashlib.sha256(bad.read_bytes()).hexdigest()
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: shown.append(text))
    assert not window.open_path(bad)
    assert len(shown) == 1 and "abime.db" in shown[0]
    assert hashlib.sha256(bad.read_bytes()).hexdigest() == before
    assert window.session is not None and "rapport.db" in window.windowTitle()


def test_the_history_tab_shows_the_changes_made_before_it_was_first_shown(window, qtbot):
    total = window.session.edition.membership.declared_total
    window.session.set_value("membership.declared_total", total + 3, "Nombre d'adhérents")
    window.history_dock.toggleViewAction().trigger()  # Affichage › Historique
    window.history_dock.raise_()
    qtbot.waitUntil(lambda: window.history is not None and window.history.model.rowCount() == 1, timeout=3000)
    assert window.history_dock.widget() is window.history
    assert window.history.count_label.text() == "1 modification"


def test_switching_edition_shows_the_other_outline(window, qtbot):
    with qtbot.waitSignal(window.edition_shown) as shown:
        window.year_box.setCurrentIndex(0)
        window.year_box.activated.emit(0)
    assert shown.args == [2020]
    assert window.session.edition.year == 2020


def test_first_launch_opens_a_copy_of_the_demo_in_the_user_folder(_private_user_folders):
    path = start_file(None)
    assert path == _private_user_folders / DEMO_COPY_NAME
    assert path.exists()
    assert start_file(None) == path


def test_later_launches_reopen_the_last_file_if_it_still_exists(demo_db, tmp_path):
    assert start_file(None, demo_db) == demo_db
    assert start_file(None, tmp_path / "supprime.db").name == DEMO_COPY_NAME


def test_opening_a_file_remembers_it(window, demo_db):
    assert QSettings().value(LAST_FILE_KEY) == str(demo_db)
    assert str(demo_db) in window.files.recent()


def test_reopening_the_last_file_leaves_the_settings_file_unwritten(window, demo_db):
    # Most starts reopen the last file: nothing to remember, and each write
    # syncs the file to disk (a new file renamed over the old one).
    settings = Path(QSettings().fileName())
    written = settings.stat().st_ino
    window.close_document()
    assert window.open_path(demo_db)
    assert settings.stat().st_ino == written
    assert window.files.recent()[0] == str(demo_db)


def test_a_document_held_by_a_colleague_opens_read_only_and_can_be_taken_over(qtbot, demo_db, monkeypatch):
    from avereport.store.lock import acquire_lock, lock_path

    colleague = acquire_lock(demo_db, "Marie Dupont")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(demo_db)
    assert window.session.read_only
    assert window.banners and "Marie Dupont" in window.banners[0].label.text()
    assert not window.new_edition_action.isEnabled()
    editor = open_section(window, SectionKind.BOARD)
    assert not editor.table.add_button.isEnabled()
    assert not editor.table.model.setData(editor.table.model.index(0, 1), "X")

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.take_over()
    assert not window.session.read_only and not window.banners
    assert "Marie Dupont" not in lock_path(demo_db).read_text(encoding="utf-8")
    colleague.release()  # never removes a lock someone else took over
    assert lock_path(demo_db).exists()
    window.close()
    assert not lock_path(demo_db).exists()


def test_what_the_one_who_took_the_document_over_wrote_is_read_again(window, demo_db):
    """Editions of other years are kept once read, until someone who took
    the document over writes to it: then they come from the file again."""
    session = window.session
    year = session.previous().year
    with open_document(demo_db) as other:
        stored = other.read_edition(year)
        other.change_edition(stored, edit.with_value(stored, "organisation.name", "Nom changé"), changes=[])
    assert session.previous().organisation.name == "Nom changé"
    assert [e.organisation.name for e in session.editions() if e.year == year] == ["Nom changé"]


def test_the_lock_is_released_when_the_window_closes(window, demo_db):
    from avereport.store.lock import lock_path

    assert lock_path(demo_db).exists()
    window.close()
    assert not lock_path(demo_db).exists()


def test_first_launch_asks_the_display_name_without_blocking(window, qtbot):
    from PySide6.QtWidgets import QInputDialog

    from avereport.ui.app import ask_display_name_once
    from avereport.ui.main_window import USER_NAME_KEY

    ask_display_name_once(window)
    dialog = window.findChild(QInputDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.setTextValue("Marie Dupont")
    dialog.accept()
    assert QSettings().value(USER_NAME_KEY) == "Marie Dupont"
    assert "Marie Dupont" in window.user_label.text()


def test_a_damaged_document_offers_its_newest_backup(qtbot, demo_db, monkeypatch):
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(demo_db)  # opening for writing takes a backup
    window.close_document()
    data = bytearray(demo_db.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page is gone
    demo_db.write_bytes(bytes(data))
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes
    )
    assert window.open_path(demo_db)
    assert asked and "sauvegarde" in asked[0]
    assert window.session.years() == [2020, 2021]
