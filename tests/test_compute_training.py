"""Training totals, split by structure type, assistance indicators and clubs,
on the 2021 report's figures."""

from __future__ import annotations

import facts_2021 as facts

from avereport.model import edit
from avereport.model.compute import (
    STRUCTURE_LABELS,
    assistance_lines,
    club_lines,
    summarise_training,
)
from avereport.model.edition import Qualifier, TrainingMode


def test_training_totals():
    summary = summarise_training(facts.edition_2021())
    assert summary.sessions.value == facts.SESSIONS
    assert summary.participants.value == facts.PARTICIPANTS


def test_shares_by_structure_are_computed_from_the_counts():
    summary = summarise_training(facts.edition_2021())
    assert {line.key: line.value for line in summary.by_structure} == (facts.PARTICIPANTS_BY_STRUCTURE)
    assert {line.key: line.share for line in summary.by_structure} == facts.PRINTED_SHARES
    assert [line.label for line in summary.by_structure] == list(STRUCTURE_LABELS.values())


def test_sessions_by_mode():
    edition = facts.edition_2021()
    summary = summarise_training(edition)
    expected = {mode.value: 0 for mode in TrainingMode}
    for session in edition.training.sessions:
        expected[session.mode.value] += 1
    assert {line.key: line.value for line in summary.by_mode} == expected


def test_an_edition_without_sessions_has_no_training_figures_and_gives_no_delta():
    summary = summarise_training(facts.edition_2021(), facts.edition_2020())
    lines = [summary.sessions, summary.participants, *summary.by_mode, *summary.by_structure]
    assert all(line.previous is None and line.delta is None for line in lines)
    assert all(line.previous_share is None for line in summary.by_structure)
    empty = summarise_training(facts.edition_2020())
    assert empty.sessions.value is None and empty.participants.value is None
    assert all(line.share is None for line in empty.by_structure)


def test_year_on_year_training_figures():
    edition, previous = facts.edition_2021(), facts.edition_2021()
    previous = edit.replace_at(previous, "year", 2020)
    dropped = previous.training.sessions[-1]
    previous = edit.replace_at(previous, "training.sessions", previous.training.sessions[:-1])
    summary = summarise_training(edition, previous)
    assert summary.sessions.delta == 1
    dropped_people = dropped.plie + dropped.mde + dropped.collectivites + dropped.autres
    assert summary.participants.delta == dropped_people
    plie = summary.by_structure[0]
    assert plie.delta == dropped.plie
    assert plie.previous_share is not None


def test_assistance_indicators_state_their_own_comparison():
    lines = {line.key: line for line in assistance_lines(facts.edition_2021())}
    questions = lines["clause_questions"]
    assert questions.qualifier is Qualifier.OVER
    assert questions.compare_year == facts.QUESTIONS_COMPARE_YEAR
    assert questions.compare_change == facts.QUESTIONS_CHANGE
    assert lines["fse_days"].compare_change is None
    assert lines["fse_days"].unit == "jours"


def test_assistance_indicators_are_matched_with_last_year_by_key():
    edition, previous = facts.edition_2021(), facts.edition_2021()
    previous = edit.replace_at(
        previous, "training.assistance[0].value", previous.training.assistance[0].value - 6
    )
    previous = edit.replace_at(previous, "training.assistance[0].label", "Ancien libellé")
    lines = {line.key: line for line in assistance_lines(edition, previous)}
    assert lines["fse_days"].delta == 6
    assert lines["fse_answers"].delta == 0
    assert lines["clause_questions"].delta is None  # "plus de 120": no exact delta
    assert all(line.delta is None for line in assistance_lines(edition, facts.edition_2020()))


def test_club_meetings_are_matched_by_name():
    edition, previous = facts.edition_2021(), facts.edition_2021()
    previous = edit.replace_at(previous, "training.clubs[0].meetings", 3)
    previous = edit.replace_at(previous, "training.clubs", previous.training.clubs[:-1])
    lines = club_lines(edition, previous)
    assert [line.delta for line in lines] == [-2, None]
