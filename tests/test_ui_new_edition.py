"""« Nouvelle édition… » in the app: the year asked for (one the document has
is refused in French), what is carried and what starts empty said before
creating, who leaves the board, and the creation as one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QTableView

from avereport.demo import demo_editions
from avereport.model.edition import ReviewState, SectionKind
from avereport.store import open_document
from avereport.ui.new_edition_dialog import NewEditionDialog
from avereport.ui.outline_panel import KEY_ROLE

DEMO_2021 = demo_editions()[-1]


@pytest.fixture
def dialog(qtbot) -> NewEditionDialog:
    dialog = NewEditionDialog(DEMO_2021, [2020, 2021])
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def years_of(path) -> list[int]:
    with open_document(path, read_only=True) as document:
        return document.years()


def test_the_year_after_the_shown_one_is_offered(dialog):
    assert dialog.year() == 2022
    assert dialog.create_button.isEnabled() and dialog.create_button.text() == "Créer l'édition 2022"
    assert dialog.refusal.text() == ""


def test_says_what_is_carried_to_review_and_what_starts_empty(dialog):
    text = dialog.summary.toPlainText()
    assert "Repris, à relire :" in text and "Vide au départ, à saisir :" in text
    assert "28 textes de 2021, comme brouillons à retravailler" in text
    assert "22 administrateurs au conseil d'administration" in text
    assert "7 réunions de 2021" in text
    assert "Totaux déclarés des adhérents : les totaux sont calculés" in text


def test_a_board_member_unticked_is_said_to_leave(dialog):
    dialog.members.item(0).setCheckState(Qt.CheckState.Unchecked)
    text = dialog.summary.toPlainText()
    assert "21 administrateurs au conseil d'administration" in text
    assert "1 administrateur ne siège plus" in text
    leaving = DEMO_2021.governance.board[0]
    assert leaving.id not in {m.id for m in dialog.next_edition().governance.board}


def test_a_year_the_document_has_is_refused_in_french(qtbot):
    dialog = NewEditionDialog(DEMO_2021, [2020, 2021, 2022])
    qtbot.addWidget(dialog)
    assert "Le document contient déjà l'édition 2022" in dialog.refusal.text()
    assert not dialog.create_button.isEnabled()
    dialog.year_box.setValue(2023)
    assert dialog.refusal.text() == "" and dialog.create_button.isEnabled()
    assert dialog.create_button.text() == "Créer l'édition 2023"
    assert "mis à jour de 2021 à 2023" in dialog.summary.toPlainText()
    assert dialog.next_edition().year == 2023


def test_years_before_the_shown_edition_cannot_be_chosen(dialog):
    dialog.year_box.setValue(2019)
    assert dialog.year() == 2022


def answer_dialog(act) -> None:
    """Run ``act`` on the « Nouvelle édition » dialog once the window opened it."""

    def find(left: int) -> None:
        shown = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, NewEditionDialog) and w.isVisible()
        ]
        if shown:
            act(shown[0])
        elif left:  # every 20 ms, 10 s at most
            QTimer.singleShot(20, lambda: find(left - 1))

    QTimer.singleShot(0, lambda: find(500))


def test_creating_the_edition_from_the_window_is_one_undo_step(window, demo_db, qtbot):
    def create_2022(dialog: NewEditionDialog) -> None:
        dialog.members.item(0).setCheckState(Qt.CheckState.Unchecked)
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    answer_dialog(create_2022)
    window.new_edition_action.trigger()

    assert years_of(demo_db) == [2020, 2021, 2022]
    assert window.year_box.currentText() == "2022"
    assert window.session.undo_stack.count() == 1
    # The outline says what is to review in the new edition.
    item = next(i for i in window.outline_panel._items() if i.data(0, KEY_ROLE) == "reseau")
    assert "À relire" in item.toolTip(1)
    assert window.session.edition.outline[0].review is ReviewState.TO_REVIEW

    window.undo_action.trigger()
    assert years_of(demo_db) == [2020, 2021]
    assert window.year_box.currentText() == "2021"
    window.redo_action.trigger()
    assert years_of(demo_db) == [2020, 2021, 2022]


def test_cancel_creates_nothing(window, demo_db):
    answer_dialog(lambda dialog: dialog.reject())
    window.new_edition_action.trigger()
    assert years_of(demo_db) == [2020, 2021]
    assert window.session.undo_stack.count() == 0


def test_a_later_year_can_be_created_from_the_window(window, demo_db, qtbot):
    def create_2024(dialog: NewEditionDialog) -> None:
        dialog.year_box.setValue(2024)
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    answer_dialog(create_2024)
    window.new_edition_action.trigger()
    assert years_of(demo_db) == [2020, 2021, 2024]
    assert window.session.edition.year == 2024


def test_creating_the_edition_while_a_part_with_tables_is_shown(window, demo_db, qtbot):
    """The plan selects its part again in the new edition before the tables
    have followed it: the window lays out and measures those tables then,
    which must see the rows they were told about (this crashed the app)."""
    membership = next(s for s in window.session.edition.outline if s.kind is SectionKind.MEMBERSHIP)
    window.outline_panel.select(membership.key)
    qtbot.waitUntil(lambda: window.preview.has_content)
    answer_dialog(lambda dialog: qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton))
    window.new_edition_action.trigger()

    assert years_of(demo_db) == [2020, 2021, 2022]
    editor = window.current_editor()
    assert window.outline_panel.current_key() == membership.key
    groups = window.session.edition.membership.groups
    shown = {view.model().rowCount() for view in editor.findChildren(QTableView) if view.isVisible()}
    assert len(groups) in shown and len(groups[0].categories) in shown


def test_the_checks_result_said_follows_the_new_edition(window, qtbot):
    """« Vérifier », then a new edition: the status bar's result is the new
    edition's, as the checks panel says, not the old one's."""
    qtbot.mouseClick(window.toolbar.widgetForAction(window.check_action), Qt.MouseButton.LeftButton)
    status = window.statusBar()
    assert status.currentMessage() == "Vérification terminée : 0 erreur, 3 avertissements."
    answer_dialog(lambda dialog: qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton))
    window.new_edition_action.trigger()

    qtbot.waitUntil(lambda: status.currentMessage() != "Vérification terminée : 0 erreur, 3 avertissements.")
    said = window.checks.summary.text()
    assert said.startswith("0 erreur, ") and said != "0 erreur, 3 avertissements."
    assert status.currentMessage() == f"Vérification terminée : {said}"
