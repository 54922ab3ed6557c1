"""Section renderers: one per kind, nothing for empty data, and the French
sentences they write from dated facts."""

from __future__ import annotations

import pytest

from avereport.model import fmt
from avereport.model.compute import summarise_coverage
from avereport.model.dates import FuzzyDate
from avereport.model.edition import (
    Coverage,
    Edition,
    EventKind,
    GovernanceEvent,
    Meeting,
    MeetingKind,
    Network,
    NetworkKind,
    Section,
    SectionKind,
    StaffMember,
)
from avereport.model.wording import chronological, of
from avereport.report.context import RenderContext
from avereport.report.document import FRAME_WIDTH
from avereport.report.sections import RENDERERS, events, meetings, staff
from avereport.report.sections.coverage import sentence as coverage_sentence
from avereport.report.styles import Palette, Styles


def context(edition: Edition, previous: Edition | None = None) -> RenderContext:
    palette = Palette.of(edition.organisation)
    history = [e for e in (previous, edition) if e is not None]
    return RenderContext(edition, previous, history, Styles(palette), palette, FRAME_WIDTH)


def test_every_kind_of_section_has_a_renderer():
    assert set(RENDERERS) == set(SectionKind)


@pytest.mark.parametrize("kind", list(SectionKind))
def test_a_kind_without_data_renders_nothing(kind):
    section = Section(key="s", kind=kind, heading="Titre", ref="absent")
    assert RENDERERS[kind](section, context(Edition(year=2022))) == []


def test_event_sentences_elide_and_stay_neutral():
    arrival = GovernanceEvent(
        kind=EventKind.ARRIVAL, person="André Sobczak", role="Membre du conseil d'administration"
    )
    assert events.sentence(arrival) == "Arrivée d'André Sobczak, membre du conseil d'administration."
    election = GovernanceEvent(kind=EventKind.ELECTION, person="Yohan David", role="Président")
    assert events.sentence(election) == "Élection de Yohan David, président."
    honour = GovernanceEvent(kind=EventKind.HONORARY, person="Nathalie Delattre", role="Présidente d'honneur")
    assert events.sentence(honour) == "Nathalie Delattre devient présidente d'honneur."


def test_elision():
    assert of("André") == "d'André"
    assert of("Hélène") == "d'Hélène"
    assert of("Marc") == "de Marc"
    assert of("Yves") == "d'Yves"
    assert of("Yohan") == "de Yohan"


def test_dates_known_to_the_year_come_after_precise_ones():
    dates = [FuzzyDate(2021), FuzzyDate(2021, 9, 30), None, FuzzyDate(2020), FuzzyDate(2021, 9)]
    assert chronological(dates, lambda d: d) == [
        FuzzyDate(2020),
        FuzzyDate(2021, 9),
        FuzzyDate(2021, 9, 30),
        FuzzyDate(2021),
        None,
    ]


def test_board_meetings_are_told_with_their_dates():
    days = [FuzzyDate(2021, 1, 27), FuzzyDate(2021, 5, 4), FuzzyDate(2021, 12, 20)]
    board = [Meeting(kind=MeetingKind.BOARD, date=day) for day in days]
    text = meetings._grouped(MeetingKind.BOARD, board, 2021)
    dates = [fmt.date(day).removesuffix(" 2021") for day in days]
    assert (
        text
        == f"Le conseil d'administration s'est réuni à 3 reprises en 2021 ({dates[0]}, {dates[1]} et {dates[2]})."
    )
    once = meetings._grouped(
        MeetingKind.GENERAL_ASSEMBLY, [Meeting(kind=MeetingKind.GENERAL_ASSEMBLY, date=days[0])], 2021
    )
    assert once == f"L'assemblée générale s'est tenue le {fmt.date(days[0])}."


def test_replacements_are_listed_under_whom_they_replace():
    team = [
        StaffMember(id=1, name="Mariama Gassama", role="Assistante de direction"),
        StaffMember(id=2, name="Boudi Ly", role="Chargée de communication"),
        StaffMember(
            id=3,
            name="Justine Riguet",
            role="Assistante de direction",
            replaces_id=1,
            reason="congé parental",
        ),
        StaffMember(
            id=4,
            name="Vanina Moscardini",
            role="Assistante de direction",
            replaces_id=1,
            reason="congé parental",
        ),
    ]
    order = [(member.name, replacing) for member, replacing in staff.ordered(team)]
    assert order == [
        ("Mariama Gassama", False),
        ("Justine Riguet", True),
        ("Vanina Moscardini", True),
        ("Boudi Ly", False),
    ]
    assert staff.movements(team[0], team) == "Remplacement par Justine Riguet puis Vanina Moscardini"
    assert staff.movements(team[2], team) == "En remplacement de Mariama Gassama (congé parental)"


def test_coverage_rate_is_computed():
    edition = Edition(
        year=2021, network=Network(coverage=(Coverage(kind=NetworkKind.PLIE, total=147, members=100),))
    )
    (line,) = summarise_coverage(edition)
    text = coverage_sentence(line, 2020)
    assert text == f"Sur les 147 PLIE recensés, 100 sont adhérents de l'association, soit {fmt.percent(68)}."
