"""The yearly review in the app, over a real document whose 2022 edition was
started from 2021: review states in the outline, « Marquer comme relu » and
« Remettre à relire » in the section editor (each one undo step, both in the
history), and last year's text beside this year's with « Reprendre le texte
de 2021 » and the words added and removed."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from session_helpers import reread

from avereport.demo import write_demo
from avereport.model.checks import check_edition
from avereport.model.edition import ReviewState
from avereport.model.review import previous_text
from avereport.model.succession import start_next_edition
from avereport.store import open_document
from avereport.ui.editors.base import NarrativeEditor
from avereport.ui.history_panel import HEADERS, HistoryPanel
from avereport.ui.outline_panel import KEY_ROLE, OutlinePanel
from avereport.ui.session import DocumentSession
from avereport.ui.widgets.previous_text import changed_runs

AUTHOR = "Claire Martin"
CARRIED = "reseau"  # a narrative section whose 2021 text is carried à relire


@pytest.fixture
def session(tmp_path, qtbot):
    """The demo with its 2022 edition started from 2021, as « Nouvelle édition… » does."""
    path = tmp_path / "rapport.db"
    write_demo(path)
    session = DocumentSession(open_document(path), author=AUTHOR)
    assert session.add_edition("Créer l'édition 2022", start_next_edition(session.edition))
    yield session
    session.document.close()


@pytest.fixture
def outline(session, qtbot) -> OutlinePanel:
    panel = OutlinePanel(session)
    qtbot.addWidget(panel)
    panel.set_findings(check_edition(session.edition, session.previous()))
    return panel


@pytest.fixture
def editor(session, qtbot) -> NarrativeEditor:
    editor = NarrativeEditor(session, CARRIED)
    qtbot.addWidget(editor)
    editor.resize(900, 700)
    editor.show()
    return editor


def format_of(document, word: str):
    """The character format the browser draws ``word`` with (its first occurrence)."""
    cursor = document.find(word)
    assert not cursor.isNull(), word
    return cursor.charFormat()


def item_of(panel: OutlinePanel, key: str):
    return next(item for item in panel._items() if item.data(0, KEY_ROLE) == key)


def section_2022(session, key: str):
    return next(s for s in reread(session, 2022).outline if s.key == key)


def test_the_outline_shows_each_section_review_state(session, outline):
    carried = item_of(outline, CARRIED)
    assert not carried.icon(1).isNull()
    assert "À relire" in carried.toolTip(1)
    assert "À relire" in carried.toolTip(0)
    # Only the review finding is open on this section: its check state stays « complète ».
    assert carried.text(1) == "complète"

    meetings = item_of(outline, "reunions")  # no meeting of 2021 is carried
    assert "À rédiger" in meetings.toolTip(1)
    assert not meetings.icon(1).isNull()

    chapter = item_of(outline, "adherents")  # a chapter title, nothing of its own to review
    assert chapter.icon(1).isNull()


def test_mark_reviewed_is_one_undo_step_shown_everywhere(session, outline, editor, qtbot):
    steps = session.undo_stack.count()
    assert editor.review_bar.reviewed_button.isVisible()
    assert not editor.review_bar.back_button.isVisible()

    qtbot.mouseClick(editor.review_bar.reviewed_button, Qt.MouseButton.LeftButton)

    stored = section_2022(session, CARRIED)
    assert stored.review is ReviewState.REVIEWED and stored.reviewed_by == AUTHOR
    assert stored.reviewed_at.startswith(dt.date.today().isoformat())
    assert session.undo_stack.count() == steps + 1
    assert f"Relue par {AUTHOR} le {dt.date.today():%d/%m/%Y} à" in item_of(outline, CARRIED).toolTip(1)
    assert f"Relue par {AUTHOR}" in editor.review_bar.text.text()
    assert editor.review_bar.back_button.isVisible()
    assert not editor.review_bar.reviewed_button.isVisible()

    history = HistoryPanel(session)
    qtbot.addWidget(history)
    history.refresh()
    model = history.model
    lines = [
        {HEADERS[c]: model.data(model.index(r, c)) for c in range(model.columnCount())}
        for r in range(model.rowCount())
    ]
    assert any(
        line["Champ"] == "Relecture"
        and line["Ancienne valeur"] == "À relire"
        and line["Nouvelle valeur"] == "Marquée comme relue"
        for line in lines
    )

    session.undo_stack.undo()
    assert section_2022(session, CARRIED).review is ReviewState.TO_REVIEW
    assert "À relire" in item_of(outline, CARRIED).toolTip(1)
    assert editor.review_bar.reviewed_button.isVisible()


def test_put_back_to_review(session, editor, qtbot):
    qtbot.mouseClick(editor.review_bar.reviewed_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.review_bar.back_button, Qt.MouseButton.LeftButton)
    stored = section_2022(session, CARRIED)
    assert stored.review is ReviewState.TO_REVIEW and stored.reviewed_by == "" and stored.reviewed_at == ""
    session.undo_stack.undo()
    assert section_2022(session, CARRIED).review is ReviewState.REVIEWED


def test_editing_a_carried_text_does_not_mark_it_reviewed(session, editor, qtbot):
    editor.body.text.setFocus()
    editor.body.text.moveCursor(editor.body.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.body.text, " Nouveau en 2022.")
    editor.body.flush()
    stored = section_2022(session, CARRIED)
    assert stored.body.rstrip().endswith("Nouveau en 2022.")
    assert stored.review is ReviewState.TO_REVIEW


def test_last_years_text_beside_this_years(session, editor, qtbot):
    pane = editor.previous_text
    last_year = previous_text(session.previous(), CARRIED)
    assert pane.isVisible() and pane.toggle.text() == "Texte de 2021 ▸"
    assert not pane.browser.isVisible()  # folded until asked for
    assert not pane.take_button.isEnabled()  # the same text: nothing to take back

    qtbot.mouseClick(pane.toggle, Qt.MouseButton.LeftButton)
    assert pane.browser.isVisible() and pane.toggle.text() == "Texte de 2021 ▾"
    assert pane.browser.isReadOnly()
    first_words = " ".join(pane.browser.toPlainText().split()[:4])
    assert first_words and first_words in last_year
    assert "identique" in pane.state.text() and not pane.legend.isVisible()

    # Rewrite the start of the text: what was added and what was dropped are shown.
    editor.body.text.setFocus()
    editor.body.text.selectAll()
    qtbot.keyClicks(editor.body.text, "Texte refait pour 2022.")
    editor.body.flush()
    assert "modifié" in pane.state.text() and pane.legend.isVisible()
    document = pane.browser.document()
    added, dropped = format_of(document, "refait"), format_of(document, first_words.split()[0])
    assert added.fontUnderline() and not added.fontStrikeOut()
    assert dropped.fontStrikeOut() and not dropped.fontUnderline()

    # « Reprendre le texte de 2021 »: last year's text back, one undo step.
    assert pane.take_button.isEnabled() and pane.take_button.text() == "Reprendre le texte de 2021"
    steps = session.undo_stack.count()
    qtbot.mouseClick(pane.take_button, Qt.MouseButton.LeftButton)
    assert section_2022(session, CARRIED).body == last_year
    assert session.undo_stack.count() == steps + 1
    assert "identique" in pane.state.text() and not pane.take_button.isEnabled()
    session.undo_stack.undo()
    assert section_2022(session, CARRIED).body.startswith("Texte refait pour 2022.")
    assert editor.body.markdown().startswith("Texte refait pour 2022.")


def test_taking_last_years_text_back_puts_a_reviewed_section_back_to_review(session, editor, qtbot):
    editor.body.text.setFocus()
    editor.body.text.selectAll()
    qtbot.keyClicks(editor.body.text, "Autre texte.")
    editor.body.flush()
    qtbot.mouseClick(editor.review_bar.reviewed_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.previous_text.take_button, Qt.MouseButton.LeftButton)
    assert section_2022(session, CARRIED).review is ReviewState.TO_REVIEW
    assert editor.review_bar.reviewed_button.isVisible()


def test_no_pane_without_last_years_text(session, qtbot):
    session.show_year(2020)  # the document's first edition: no year before it
    editor = NarrativeEditor(session, CARRIED)
    qtbot.addWidget(editor)
    editor.show()
    assert not editor.previous_text.isVisible()


def test_words_changed_together_read_as_one_change():
    before = "offrir à ses membres un cadre pour échanger."
    after = "En 2022, offrir à ses nouveaux partenaires de quoi échanger."
    runs = changed_runs(before, after)
    assert ("", "", "En 2022, ") in runs
    assert ("", "membres un cadre pour", "nouveaux partenaires de quoi") in runs
    # Both texts are there, whole: kept and dropped make last year's, kept and added this year's.
    assert "".join(kept + dropped for kept, dropped, _ in runs) == before
    assert "".join(kept + added for kept, _, added in runs) == after


def test_a_read_only_document_shows_the_review_without_changing_it(session, qtbot):
    index = next(i for i, s in enumerate(session.edition.outline) if s.key == CARRIED)
    session.set_value(f"outline[{index}].body", "Texte de 2022.\n", "Modifier le texte de la section")
    path = session.document.path
    session.document.close()
    reader = DocumentSession(open_document(path, read_only=True))
    reader.show_year(2022)
    editor = NarrativeEditor(reader, CARRIED)
    qtbot.addWidget(editor)
    editor.show()
    assert "À relire" in editor.review_bar.text.text()
    assert not editor.review_bar.reviewed_button.isEnabled()
    assert "modifié" in editor.previous_text.state.text()
    assert not editor.previous_text.take_button.isEnabled()
    reader.document.close()
