"""The organisation editor over a real demo document: contact details,
validated e-mail and colours, and the logo picked from a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QColorDialog, QFileDialog, QLineEdit
from session_helpers import digest, reread

from avereport.demo import write_demo
from avereport.store import open_document
from avereport.ui.editors.organisation import LOGO_MAX_BYTES, LOGO_MAX_PIXELS, OrganisationEditor
from avereport.ui.session import DocumentSession


@pytest.fixture
def editor(session, qtbot) -> OrganisationEditor:
    editor = OrganisationEditor(session)
    qtbot.addWidget(editor)
    editor.resize(900, 700)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def type_into(qtbot, line: QLineEdit, text: str) -> None:
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def write_png(path: Path, width: int, height: int) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#1D3F72"))
    assert image.save(str(path), "PNG")
    return path


def choose_file(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        lambda *args, **kwargs: (str(path), "Images PNG ou JPEG (*.png *.jpg *.jpeg)"),
    )


def test_name_is_written_at_once_and_undone(editor, session, qtbot):
    before = session.edition.organisation.name
    type_into(qtbot, editor.lines["name"], "Alliance Villes Emploi (AVE)")
    assert reread(session).organisation.name == "Alliance Villes Emploi (AVE)"
    assert editor.title.text().endswith(session.edition.title)
    session.undo_stack.undo()
    assert reread(session).organisation.name == before
    assert editor.lines["name"].text() == before


def test_address_is_written_when_the_cursor_leaves_it(editor, session, qtbot):
    editor.activateWindow()
    editor.address.setFocus()
    qtbot.waitUntil(editor.address.hasFocus)
    editor.address.setPlainText("28, rue du 4 septembre\n75002 Paris\nFrance")
    assert reread(session).organisation.address != editor.address.toPlainText()
    editor.lines["phone"].setFocus()
    qtbot.waitUntil(lambda: reread(session).organisation.address.endswith("\nFrance"))
    assert session.undo_stack.count() == 1


def test_email_that_is_not_an_address_is_refused_in_place(editor, session, qtbot):
    before = digest(session)
    type_into(qtbot, editor.lines["email"], "ave chez ville-emploi")
    assert editor.identity_message.isVisible()
    assert "n'est pas une adresse e-mail" in editor.identity_message.text()
    assert digest(session) == before

    type_into(qtbot, editor.lines["email"], "contact@ville-emploi.asso.fr")
    assert reread(session).organisation.email == "contact@ville-emploi.asso.fr"
    assert not editor.identity_message.isVisible()


@pytest.mark.parametrize("typed", ["#12345", "#GG0000", "bleu"])
def test_colour_that_is_not_a_hex_code_is_refused(editor, session, qtbot, typed):
    before = digest(session)
    type_into(qtbot, editor.lines["primary_colour"], typed)
    assert editor.colours_message.isVisible()
    assert f"« {typed} » n'est pas une couleur" in editor.colours_message.text()
    assert editor.lines["primary_colour"].styleSheet()
    assert digest(session) == before
    assert reread(session).organisation.primary_colour == session.edition.organisation.primary_colour


def test_colour_code_is_stored_in_capitals_and_shown_in_the_swatch(editor, session, qtbot):
    type_into(qtbot, editor.lines["secondary_colour"], "#c0ffee")
    assert reread(session).organisation.secondary_colour == "#C0FFEE"
    assert editor.lines["secondary_colour"].text() == "#C0FFEE"
    assert "#C0FFEE" in editor.swatches["secondary_colour"].styleSheet()


def test_colour_picked_in_the_dialog_is_written(editor, session, qtbot, monkeypatch):
    monkeypatch.setattr(QColorDialog, "getColor", lambda *args, **kwargs: QColor(51, 102, 153))
    qtbot.mouseClick(editor.colour_buttons["primary_colour"], Qt.MouseButton.LeftButton)
    assert reread(session).organisation.primary_colour == "#336699"
    session.undo_stack.undo()
    assert (
        reread(session).organisation.primary_colour
        == session.edition.organisation.primary_colour
        != "#336699"
    )


def test_colour_dialog_cancelled_changes_nothing(editor, session, qtbot, monkeypatch):
    before = digest(session)
    monkeypatch.setattr(QColorDialog, "getColor", lambda *args, **kwargs: QColor())
    qtbot.mouseClick(editor.colour_buttons["primary_colour"], Qt.MouseButton.LeftButton)
    assert digest(session) == before
    assert session.undo_stack.count() == 0


def test_logo_picked_from_a_png_file_is_written_and_shown(editor, session, qtbot, monkeypatch, tmp_path):
    path = write_png(tmp_path / "logo.png", 300, 120)
    choose_file(monkeypatch, path)
    qtbot.mouseClick(editor.choose_logo_button, Qt.MouseButton.LeftButton)
    assert reread(session).organisation.logo == path.read_bytes()
    assert not editor.logo_preview.pixmap().isNull()
    assert not editor.logo_message.isVisible()

    qtbot.mouseClick(editor.remove_logo_button, Qt.MouseButton.LeftButton)
    assert reread(session).organisation.logo is None
    assert not editor.remove_logo_button.isEnabled()
    session.undo_stack.undo()
    assert reread(session).organisation.logo == path.read_bytes()
    session.undo_stack.undo()
    assert reread(session).organisation.logo == session.edition.organisation.logo != path.read_bytes()


def test_text_file_named_png_is_refused(editor, session, qtbot, monkeypatch, tmp_path):
    path = tmp_path / "logo.png"
    path.write_text("Ceci n'est pas une image.", encoding="utf-8")
    choose_file(monkeypatch, path)
    before = digest(session)
    qtbot.mouseClick(editor.choose_logo_button, Qt.MouseButton.LeftButton)
    assert editor.logo_message.isVisible()
    assert "n'est pas une image PNG ou JPEG lisible" in editor.logo_message.text()
    assert digest(session) == before


def test_logo_too_wide_is_refused(editor, session, qtbot, monkeypatch, tmp_path):
    choose_file(monkeypatch, write_png(tmp_path / "bandeau.png", LOGO_MAX_PIXELS + 1, 20))
    before = digest(session)
    qtbot.mouseClick(editor.choose_logo_button, Qt.MouseButton.LeftButton)
    assert "pixels au plus" in editor.logo_message.text()
    assert digest(session) == before


def test_logo_file_too_heavy_is_refused(editor, session, qtbot, monkeypatch, tmp_path):
    path = write_png(tmp_path / "lourd.png", 40, 40)
    # Bytes after a PNG's end are ignored by readers: still a valid image, but too heavy.
    path.write_bytes(path.read_bytes() + bytes(LOGO_MAX_BYTES))
    choose_file(monkeypatch, path)
    before = digest(session)
    qtbot.mouseClick(editor.choose_logo_button, Qt.MouseButton.LeftButton)
    assert "2 Mo au plus" in editor.logo_message.text()
    assert digest(session) == before


def test_focus_field_puts_the_cursor_on_the_field(editor, qtbot):
    editor.activateWindow()
    assert editor.focus_field("organisation.email")
    qtbot.waitUntil(editor.lines["email"].hasFocus)
    assert editor.focus_field("organisation.address")
    qtbot.waitUntil(editor.address.hasFocus)
    assert not editor.focus_field("membership.declared_total")


def test_read_only_document_cannot_be_edited(tmp_path, qtbot):
    path = tmp_path / "rapport.db"
    write_demo(path)
    session = DocumentSession(open_document(path, read_only=True))
    editor = OrganisationEditor(session)
    qtbot.addWidget(editor)
    assert editor.lines["name"].isReadOnly()
    assert editor.address.isReadOnly()
    assert not editor.choose_logo_button.isEnabled()
    assert not editor.remove_logo_button.isEnabled()
    session.document.close()
