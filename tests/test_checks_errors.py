"""Errors: facts that cannot be true. Each test spoils one fact of the 2021
report and expects an error pointing at that very field."""

from __future__ import annotations

import facts_2021 as facts
import pytest

from avereport.model import edit
from avereport.model.checks import Finding, Severity, check_edition
from avereport.model.dates import FuzzyDate
from avereport.model.edition import (
    BureauRole,
    KeyFigure,
    Meeting,
    Metric,
    SectionKind,
    StaffMember,
    TrainingSession,
)


def _errors(edition) -> dict[str, Finding]:
    findings = check_edition(edition, facts.edition_2020())
    return {f.field: f for f in findings if f.severity is Severity.ERROR}


def test_the_facts_have_no_error():
    assert _errors(facts.edition_2021()) == {}


NEGATIVE_COUNTS = [
    ("membership.groups[0].categories[1].count", SectionKind.MEMBERSHIP),
    ("membership.groups[1].declared_total", SectionKind.MEMBERSHIP),
    ("network.coverage[0].total", SectionKind.COVERAGE),
    ("network.region_counts[3].count", SectionKind.MAPS),
    ("training.sessions[4].autres", SectionKind.TRAINING),
    ("training.assistance[1].value", SectionKind.ASSISTANCE),
    ("training.clubs[0].meetings", SectionKind.CLUBS),
    ("communication.website_visits", SectionKind.COMMUNICATION),
    ("communication.followers[0].count", SectionKind.COMMUNICATION),
    ("communication.reach_tiers[2].posts", SectionKind.COMMUNICATION),
    ("communication.webinars[0].participants", SectionKind.WEBINARS),
    ("key_figures[0].items[2].value", SectionKind.KEY_FIGURES),
]


@pytest.mark.parametrize(("path", "section"), NEGATIVE_COUNTS)
def test_a_negative_count_is_an_error(path, section):
    edition = facts.edition_2021()
    edition = edit.replace_at(edition, path, -3)
    errors = _errors(edition)
    assert path in errors
    assert errors[path].section is section
    assert "-3" in errors[path].message and "négatif" in errors[path].message


@pytest.mark.parametrize(
    ("path", "date"),
    [
        ("membership.as_of", FuzzyDate(2001, 12, 31)),
        ("network.coverage[0].as_of", FuzzyDate(2024)),
        ("governance.meetings[0].date", FuzzyDate(2031, 1, 27)),
        ("governance.staff[0].start", FuzzyDate(1961)),
        ("training.sessions[0].date", FuzzyDate(1921, 1)),
        ("communication.webinars[1].date", FuzzyDate(2201, 11, 10)),
    ],
)
def test_a_date_outside_its_plausible_range_is_an_error(path, date):
    edition = facts.edition_2021()
    edition = edit.replace_at(edition, path, date)
    errors = _errors(edition)
    assert path in errors
    assert str(date.year) in errors[path].message


def test_career_dates_may_be_decades_old():
    edition = facts.edition_2021()
    edition = edit.replace_at(edition, "governance.staff[0].start", FuzzyDate(1995, 9))
    edition = edit.replace_at(edition, "governance.bureau[1].since", FuzzyDate(2008))
    assert _errors(edition) == {}


def test_a_departure_before_the_arrival_is_an_error():
    edition = facts.edition_2021()
    edition = edit.replace_at(edition, "governance.staff[2].end", FuzzyDate(2021, 11))  # David Miriot
    errors = _errors(edition)
    assert errors["governance.staff[2].end"].section is SectionKind.STAFF
    assert "novembre 2021" in errors["governance.staff[2].end"].message
    assert "13 décembre 2021" in errors["governance.staff[2].end"].message


def test_an_end_within_the_start_month_is_not_before_it():
    edition = facts.edition_2021()
    edition = edit.replace_at(edition, "governance.staff[2].end", FuzzyDate(2021, 12))
    assert _errors(edition) == {}


def test_a_person_without_a_name_is_an_error():
    edition = facts.edition_2021()
    edition = edit.replace_at(edition, "governance.board[3].surname", " ")
    edition = edit.replace_at(edition, "governance.board[5].first_name", "")
    edition = edit.replace_at(edition, "governance.staff[1].name", "")
    errors = _errors(edition)
    assert errors["governance.board[3].surname"].message == (
        "Conseil d'administration, ligne 4 : le nom est vide. Saisissez-le ou supprimez la ligne."
    )
    assert "prénom" in errors["governance.board[5].first_name"].message
    assert errors["governance.staff[1].name"].section is SectionKind.STAFF


def test_a_bureau_role_must_name_a_board_member():
    edition = facts.edition_2021()
    edition = edit.replace_at(
        edition,
        "governance.bureau",
        (*edition.governance.bureau, BureauRole(member_id=99, role="Trésorière adjointe")),
    )
    errors = _errors(edition)
    finding = errors["governance.bureau[6].member_id"]
    assert finding.section is SectionKind.BUREAU
    assert "Trésorière adjointe" in finding.message


def test_a_replacement_must_name_a_member_of_the_staff():
    edition = facts.edition_2021()
    edition = edit.replace_at(
        edition,
        "governance.staff",
        (*edition.governance.staff, StaffMember(id=7, name="Jennifer Barra", replaces_id=42)),
    )
    assert "governance.staff[6].replaces_id" in _errors(edition)


def test_a_training_session_without_participants_is_an_error():
    edition = facts.edition_2021()
    edition = edit.replace_at(
        edition,
        "training.sessions",
        (*edition.training.sessions, TrainingSession(module="GPTEC", date=FuzzyDate(2021, 3))),
    )
    finding = _errors(edition)["training.sessions[22].plie"]
    assert "GPTEC" in finding.message and "mars 2021" in finding.message


def test_duplicate_keys_are_errors():
    edition = facts.edition_2021()
    edition = edit.replace_at(edition, "membership.groups[1].categories[0].key", "plie")
    edition = edit.replace_at(edition, "outline[2].key", "adherents")
    edition = edit.replace_at(
        edition,
        "communication.metrics",
        [
            Metric(key="visites", label="Visites"),
            Metric(key="visites", label="Pages vues"),
        ],
    )
    edition = edit.replace_at(edition, "governance.board[4].id", edition.governance.board[0].id)
    errors = _errors(edition)
    assert "plie" in errors["membership.groups[1].categories[0].key"].message
    assert errors["outline[2].key"].section is SectionKind.COVERAGE
    assert "communication.metrics[1].key" in errors
    assert "governance.board[4].id" in errors


def test_a_section_must_name_an_existing_block():
    edition = facts.edition_2021()
    edition = edit.replace_at(edition, "outline[10].ref", "mde")
    finding = _errors(edition)["outline[10].ref"]
    assert finding.section is SectionKind.KEY_FIGURES
    assert "Les PLIE" in finding.message


def test_a_percentage_over_100_is_an_error():
    edition = facts.edition_2021()
    edition = edit.replace_at(
        edition,
        "key_figures[0].items",
        (*edition.key_figures[0].items, KeyFigure(value=146, unit="%", label="ont un parcours")),
    )
    finding = _errors(edition)["key_figures[0].items[3].value"]
    assert "146\u202f%" in finding.message
    edition = edit.replace_at(edition, "key_figures[0].items[3].unit", "")
    assert _errors(edition) == {}


def test_a_comparison_year_must_precede_the_edition():
    edition = facts.edition_2021()
    edition = edit.replace_at(edition, "training.assistance[2].compare_year", 2021)
    assert "training.assistance[2].compare_year" in _errors(edition)


def test_meetings_outside_the_year_are_only_warnings():
    edition = facts.edition_2021()
    edition = edit.replace_at(
        edition, "governance.meetings", (*edition.governance.meetings, Meeting(date=FuzzyDate(2022, 1, 20)))
    )
    findings = check_edition(edition, facts.edition_2020())
    [finding] = [f for f in findings if f.field == "governance.meetings[7].date"]
    assert finding.severity is Severity.WARNING
    assert finding.message == (
        "Date de la réunion «\u00a0Conseil d'administration\u00a0» : 20 janvier 2022, "
        "en dehors de l'année 2021 du rapport. Vérifiez la date, ou gardez-la si elle est voulue."
    )
