"""Pasting a grid of texts into a table: every value checked as if typed,
refused cells listed in one French message, nothing else lost."""

from __future__ import annotations

from avereport.demo import demo_editions
from avereport.model.dates import FuzzyDate
from avereport.model.edition import Qualifier, TrainingMode
from avereport.spreadsheets.importing import paste
from avereport.spreadsheets.tables import find_table


def test_a_paste_over_existing_rows_and_below_them():
    edition = demo_editions()[-1]
    table = find_table(edition, "formations")
    count = len(edition.training.sessions)
    grid = [
        ["5", "2"],  # PLIE, MDE of the last session
        ["1 234", "abc"],  # a new session; MDE refused
        ["7", "8"],  # another new session
    ]
    result = paste(edition, table, count - 1, 2, grid)
    sessions = result.edition.training.sessions
    assert len(sessions) == count + 2
    assert (sessions[count - 1].plie, sessions[count - 1].mde) == (5, 2)
    assert sessions[count - 1].module == edition.training.sessions[-1].module
    assert (sessions[count].plie, sessions[count].mde) == (1234, 0)
    assert (sessions[count + 1].plie, sessions[count + 1].mde) == (7, 8)
    assert [(c.row, c.column, c.text) for c in result.refused] == [(count, 3, "abc")]
    message = result.message(table)
    assert message.startswith("Une case refusée, le reste est collé : ")
    assert f"ligne {count + 1}, MDE (« abc ») : « abc » n'est pas un nombre" in message
    assert sessions[:-3] == edition.training.sessions[:-1]


def test_dates_choices_and_what_the_app_shows_are_pasted():
    edition = demo_editions()[-1]
    table = find_table(edition, "formations")
    result = paste(edition, table, 0, 1, [["décembre 2021", "1", "2", "3", "4", "10", "À distance"]])
    first = result.edition.training.sessions[0]
    assert (first.date, first.plie, first.autres, first.mode) == (
        FuzzyDate(2021, 12),
        1,
        4,
        TrainingMode.REMOTE,
    )
    assert result.refused == []  # the computed total pasted as shown is no change


def test_computed_columns_and_cells_past_the_last_column_are_refused():
    edition = demo_editions()[-1]
    table = find_table(edition, "formations")
    result = paste(edition, table, 0, 6, [["999", "Sur site", "de trop"]])
    assert [(c.column, c.reason) for c in result.refused] == [
        (6, "colonne calculée, qui ne se saisit pas"),
        (8, "au-delà de la dernière colonne"),
    ]
    assert result.edition.training.sessions[0].mode is TrainingMode.ON_SITE
    assert result.message(table).startswith("2 cases refusées, le reste est collé : ")


def test_a_bureau_member_unknown_to_the_board_is_refused_and_the_role_kept():
    edition = demo_editions()[-1]
    table = find_table(edition, "bureau")
    before = edition.governance.bureau[0]
    result = paste(edition, table, 0, 0, [["Personne Inconnue", "Trésorière"]])
    after = result.edition.governance.bureau[0]
    assert (after.member_id, after.role) == (before.member_id, "Trésorière")
    assert [(c.row, c.column, c.text) for c in result.refused] == [(0, 0, "Personne Inconnue")]
    assert "personne inconnue" in result.refused[0].reason


def test_a_new_bureau_row_without_a_known_member_is_left_out():
    edition = demo_editions()[-1]
    table = find_table(edition, "bureau")
    count = len(edition.governance.bureau)
    result = paste(edition, table, count, 0, [["Personne Inconnue", "Trésorière"]])
    assert result.edition.governance.bureau == edition.governance.bureau
    assert len(result.refused) == 1


def test_webinar_qualifier_and_participants():
    edition = demo_editions()[-1]
    table = find_table(edition, "webinaires")
    result = paste(edition, table, 0, 3, [["plus de 40", "environ"], ["-3", "peut-être"]])
    first = result.edition.communication.webinars[0]
    assert first.qualifier is Qualifier.ABOUT
    reasons = {(c.row, c.column): c.reason for c in result.refused}
    assert set(reasons) == {(0, 3), (1, 3), (1, 4)}
    assert "nombre négatif" in reasons[1, 3]
