"""Editors of training, technical assistance, clubs, webinars and
communication over a real demo document: every edit written at once, the
computed figures following live, invalid input refused in place."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import facts_2021 as facts
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from session_helpers import digest, reread, section_key

from avereport.model import fmt
from avereport.model.edition import Qualifier
from avereport.model.paths import EDITION
from avereport.ui.editors.activity_common import STRETCH_MIN_WIDTH
from avereport.ui.editors.assistance import AssistanceEditor
from avereport.ui.editors.clubs import ClubsEditor
from avereport.ui.editors.communication import CommunicationEditor
from avereport.ui.editors.training import TrainingEditor
from avereport.ui.editors.webinars import WebinarsEditor


def shown(qtbot, editor):
    qtbot.addWidget(editor)
    editor.resize(1000, 760)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    return editor


def column(table, name: str) -> int:
    return next(n for n, c in enumerate(table.model.columns) if c.field == name)


def share(part: int, whole: int) -> int:
    """A whole percentage rounded half-up, as the report prints it."""
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


# --- training -----------------------------------------------------------------


@pytest.fixture
def training(session, qtbot):
    return shown(qtbot, TrainingEditor(session, section_key(session, "training")))


def test_training_totals_follow_a_participant_count_live(session, training):
    assert training.sessions_total.text() == fmt.number(facts.SESSIONS)
    assert training.participants_total.text() == fmt.number(facts.PARTICIPANTS)
    plie = facts.PARTICIPANTS_BY_STRUCTURE["plie"]
    assert f"PLIE {plie} ({fmt.percent(facts.PRINTED_SHARES['plie'])})" in training.by_structure.text()

    model = training.sessions.model
    before = reread(session).training.sessions[4]
    added = 10
    assert model.setData(model.index(4, column(training.sessions, "plie")), str(before.plie + added))

    written = reread(session).training.sessions[4]
    assert written.plie == before.plie + added
    people = facts.PARTICIPANTS + added
    assert training.participants_total.text() == fmt.number(people)
    assert f"PLIE {plie + added} ({fmt.percent(share(plie + added, people))})" in training.by_structure.text()
    mde = facts.PARTICIPANTS_BY_STRUCTURE["mde"]
    assert f"Maisons de l'Emploi {mde} ({fmt.percent(share(mde, people))})" in training.by_structure.text()
    row_total = before.plie + added + before.mde + before.collectivites + before.autres
    assert model.index(4, column(training.sessions, "total")).data() == fmt.number(row_total)

    session.undo_stack.undo()
    assert reread(session).training.sessions[4].plie == before.plie
    assert training.participants_total.text() == fmt.number(facts.PARTICIPANTS)
    assert f"PLIE {plie} ({fmt.percent(facts.PRINTED_SHARES['plie'])})" in training.by_structure.text()


def test_negative_participants_are_refused_in_place(session, training):
    before = digest(session)
    model = training.sessions.model
    assert not model.setData(model.index(2, column(training.sessions, "mde")), "-3")
    assert training.sessions.message.isVisible()
    assert "négatif" in training.sessions.message.text()
    assert digest(session) == before
    assert training.participants_total.text() == fmt.number(facts.PARTICIPANTS)


def test_an_added_session_counts_at_once(session, training, qtbot):
    training.sessions.view.setCurrentIndex(training.sessions.model.index(0, 0))
    qtbot.mouseClick(training.sessions.add_button, Qt.MouseButton.LeftButton)
    assert len(reread(session).training.sessions) == facts.SESSIONS + 1
    assert training.sessions_total.text() == fmt.number(facts.SESSIONS + 1)
    assert training.participants_total.text() == fmt.number(facts.PARTICIPANTS)


def test_training_note_is_written_when_the_field_is_left(session, training, qtbot):
    training.note.setFocus()
    training.note.selectAll()
    qtbot.keyClicks(training.note, "Chiffres provisoires")
    assert reread(session).training.note != "Chiffres provisoires"
    training.heading.setFocus()
    assert reread(session).training.note == "Chiffres provisoires"
    session.undo_stack.undo()
    assert training.note.toPlainText() == reread(session).training.note != "Chiffres provisoires"


def test_module_cell_offers_the_modules_of_the_year(session, training):
    view = training.sessions.view
    index = training.sessions.model.index(0, column(training.sessions, "module"))
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index) or view.focusWidget()
    assert isinstance(editor, QLineEdit)
    completions = editor.completer().model()
    names = [completions.index(row, 0).data() for row in range(completions.rowCount())]
    assert names == [m.name for m in reread(session).training.modules]


def test_training_focus_field_puts_the_cursor_on_the_cell(training):
    assert training.focus_field("training.sessions[4].plie")
    current = training.sessions.view.currentIndex()
    assert (current.row(), current.column()) == (4, column(training.sessions, "plie"))
    assert training.focus_field("training.modules[3].new")
    current = training.modules.view.currentIndex()
    assert (current.row(), current.column()) == (3, column(training.modules, "new"))
    assert training.focus_field("training.note")
    assert QApplication.focusWidget() is training.note
    assert not training.focus_field("communication.job_offers")


def test_training_models_pass_qt_model_tester(training, qtmodeltester):
    qtmodeltester.check(training.sessions.model)
    qtmodeltester.check(training.modules.model)


# --- technical assistance -------------------------------------------------------


@pytest.fixture
def assistance(session, qtbot):
    return shown(qtbot, AssistanceEditor(session, section_key(session, "assistance")))


def questions_row(session) -> int:
    return next(
        n
        for n, i in enumerate(session.edition.training.assistance)
        if i.compare_year == facts.QUESTIONS_COMPARE_YEAR
    )


def test_assistance_change_against_the_stated_year_is_live(session, assistance):
    model = assistance.indicators.model
    row = questions_row(session)
    change = model.index(row, column(assistance.indicators, "change"))
    assert (
        change.data() == f"{fmt.change(facts.QUESTIONS_CHANGE)} par rapport à {facts.QUESTIONS_COMPARE_YEAR}"
    )

    halved = facts.CLAUSE_QUESTIONS // 2
    assert model.setData(model.index(row, column(assistance.indicators, "compare_value")), str(halved))
    assert reread(session).training.assistance[row].compare_value == halved
    assert change.data() == f"{fmt.change(100)} par rapport à {facts.QUESTIONS_COMPARE_YEAR}"


def test_assistance_compare_year_reads_as_a_year(session, assistance):
    model = assistance.indicators.model
    index = model.index(0, column(assistance.indicators, "compare_year"))
    assert model.setData(index, "2018")
    assert index.data() == "2018"
    assert reread(session).training.assistance[0].compare_year == 2018
    assert not model.setData(index, "deux mille")
    assert reread(session).training.assistance[0].compare_year == 2018


def test_new_indicators_get_fresh_keys(session, assistance, qtbot):
    count = len(session.edition.training.assistance)
    for _ in range(2):
        qtbot.mouseClick(assistance.indicators.add_button, Qt.MouseButton.LeftButton)
    keys = [i.key for i in reread(session).training.assistance]
    assert len(set(keys)) == len(keys) == count + 2


def test_assistance_focus_and_model(assistance, qtmodeltester):
    assert assistance.focus_field("training.assistance[3].compare_year")
    current = assistance.indicators.view.currentIndex()
    assert (current.row(), current.column()) == (3, column(assistance.indicators, "compare_year"))
    assert not assistance.focus_field("training.sessions[0].plie")
    qtmodeltester.check(assistance.indicators.model)


# --- clubs and webinars -----------------------------------------------------------


def test_clubs_meetings_are_written_and_checked(session, qtbot, qtmodeltester):
    editor = shown(qtbot, ClubsEditor(session, section_key(session, "clubs")))
    model = editor.clubs.model
    meetings = column(editor.clubs, "meetings")
    assert model.setData(model.index(1, meetings), "3")
    assert reread(session).training.clubs[1].meetings == 3
    before = digest(session)
    assert not model.setData(model.index(1, meetings), "-1")
    assert digest(session) == before
    assert editor.focus_field("training.clubs[1].meetings")
    assert editor.clubs.view.currentIndex().column() == meetings
    qtmodeltester.check(model)


def test_webinar_participants_and_dates(session, qtbot, qtmodeltester):
    editor = shown(qtbot, WebinarsEditor(session, section_key(session, "webinars")))
    model = editor.webinars.model
    assert model.setData(model.index(1, column(editor.webinars, "participants")), "85")
    assert model.setData(model.index(1, column(editor.webinars, "qualifier")), Qualifier.ABOUT.value)
    webinar = reread(session).communication.webinars[1]
    assert (webinar.participants, webinar.qualifier) == (85, Qualifier.ABOUT)
    before = digest(session)
    assert not model.setData(model.index(1, column(editor.webinars, "date")), "30/02/2021")
    assert "impossible" in editor.webinars.message.text()
    assert digest(session) == before
    assert editor.focus_field("communication.webinars[3].date")
    assert editor.webinars.view.currentIndex().row() == 3
    qtmodeltester.check(model)


# --- communication ----------------------------------------------------------------


@pytest.fixture
def communication(session, qtbot):
    return shown(qtbot, CommunicationEditor(session, section_key(session, "communication")))


def type_into(qtbot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_job_offers_change_on_last_year_follows_the_field(session, communication, qtbot):
    label = communication.changes[EDITION.communication.job_offers]
    compared = f"par rapport à {facts.PREVIOUS_YEAR} ({facts.JOB_OFFERS_2020})"
    expected = f"{facts.JOB_OFFERS} — {fmt.change(facts.JOB_OFFERS_CHANGE)} {compared}"
    assert label.text() == expected

    offers = facts.JOB_OFFERS_2020 * 2
    type_into(qtbot, communication.form.fields["communication.job_offers"][1], str(offers))
    assert reread(session).communication.job_offers == offers
    assert label.text() == f"{offers} — {fmt.change(100)} {compared}"
    session.undo_stack.undo()
    assert label.text() == expected


def test_negative_job_offers_are_refused_in_place(session, communication, qtbot):
    before = digest(session)
    type_into(qtbot, communication.form.fields["communication.job_offers"][1], "-5")
    assert communication.form.message.isVisible()
    assert "négatif" in communication.form.message.text()
    assert digest(session) == before
    assert reread(session).communication.job_offers == facts.JOB_OFFERS


def test_approximate_figures_get_no_change(session, communication):
    label = communication.changes[EDITION.communication.top_page_visits]
    assert label.text().startswith(fmt.quantity(17_000, "", Qualifier.OVER))
    assert "%" not in label.text()


def test_followers_and_metrics_rows(session, communication, qtbot):
    model = communication.followers.model
    assert model.setData(model.index(0, column(communication.followers, "count")), "2500")
    assert reread(session).communication.followers[0].count == 2500
    count = len(session.edition.communication.followers)
    qtbot.mouseClick(communication.followers.add_button, Qt.MouseButton.LeftButton)
    networks = [f.network for f in reread(session).communication.followers]
    assert len(set(networks)) == len(networks) == count + 1
    count = len(session.edition.communication.metrics)
    for _ in range(2):
        qtbot.mouseClick(communication.metrics.add_button, Qt.MouseButton.LeftButton)
    keys = [m.key for m in reread(session).communication.metrics]
    assert len(set(keys)) == len(keys) == count + 2
    metrics = communication.metrics.model
    assert metrics.setData(metrics.index(0, column(communication.metrics, "value")), "55,52")
    assert reread(session).communication.metrics[0].value == 55.52


def test_communication_focus_field(communication):
    assert communication.focus_field("communication.job_offers")
    assert QApplication.focusWidget() is communication.form.fields["communication.job_offers"][1]
    assert communication.focus_field("communication.followers[1].count")
    current = communication.followers.view.currentIndex()
    assert (current.row(), current.column()) == (1, column(communication.followers, "count"))
    assert communication.focus_field("communication.reach_tiers[2].posts")
    assert communication.reach.view.currentIndex().row() == 2
    assert not communication.focus_field("communication.webinars[0].date")


def test_communication_models_pass_qt_model_tester(communication, qtmodeltester):
    for table in (communication.followers, communication.reach, communication.metrics):
        qtmodeltester.check(table.model)


def test_the_text_column_takes_the_spare_width_and_the_columns_give_way_down_to_their_floors(session, qtbot):
    editor = shown(qtbot, WebinarsEditor(session, section_key(session, "webinars")))
    view = editor.webinars.view
    title = column(editor.webinars, "title")
    header = view.horizontalHeader()

    def widths() -> list[int]:
        return [header.sectionSize(n) for n in range(header.count())]

    assert sum(widths()) == view.viewport().width()
    wide = view.columnWidth(title)
    assert wide > STRETCH_MIN_WIDTH and wide == max(widths())
    # Narrower: every column gives way, the table still fits, no header is cut.
    editor.resize(editor.width() - (wide - STRETCH_MIN_WIDTH) - 60, 700)
    qtbot.waitUntil(lambda: view.columnWidth(title) < wide)
    assert sum(widths()) == view.viewport().width()
    assert all(header.sectionSize(n) >= header.sectionSizeHint(n) for n in range(header.count()))
    assert view.horizontalScrollBar().maximum() == 0
    # Too narrow for the floors: the text column keeps its minimum and the table scrolls.
    editor.resize(420, 700)
    qtbot.waitUntil(lambda: view.viewport().width() < sum(widths()))
    assert view.columnWidth(title) >= STRETCH_MIN_WIDTH
    assert view.horizontalScrollBar().maximum() > 0
