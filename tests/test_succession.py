"""Starting edition N+1 from edition N: what lasts is copied (texts and the
organisation's lists to review), every figure and event of the year is left
empty, and nothing of either can be changed in place."""

from __future__ import annotations

import dataclasses

import facts_2021 as facts

from avereport.model import edit
from avereport.model.codec import to_plain
from avereport.model.dates import FuzzyDate
from avereport.model.edition import (
    DatedNote,
    Edition,
    GovernanceEvent,
    Metric,
    Organisation,
    Qualifier,
    ReviewState,
    Section,
    StaffMember,
    TitledList,
)
from avereport.model.succession import start_next_edition
from avereport.model.years import roll_years


def _source() -> Edition:
    edition = facts.edition_2021()
    return dataclasses.replace(
        edition,
        organisation=Organisation(
            name="Alliance Villes Emploi",
            address="28, rue du 4 septembre, 75002 Paris",
            website="www.ville-emploi.asso.fr",
            logo=b"\x89PNG",
        ),
        membership=dataclasses.replace(
            edition.membership,
            notes=(DatedNote(date=FuzzyDate(2022, 5, 23), text="Cinq territoires ont rejoint la clause."),),
        ),
        governance=dataclasses.replace(
            edition.governance, events=(GovernanceEvent(date=FuzzyDate(2021, 9), person="Yohan David"),)
        ),
        communication=dataclasses.replace(
            edition.communication,
            metrics=(Metric(key="travaux", label="ETP en marchés de travaux", value=55.52, unit="%"),),
        ),
        lists=(TitledList(key="reseaux", title="Réseaux partenaires", items=("L'AFPA",)),),
        outline=(*edition.outline, Section(key="reseaux", heading="Nos partenaires", body="Texte.")),
    )


def test_the_new_edition_is_the_next_year():
    assert start_next_edition(_source()).year == facts.YEAR + 1


def test_the_source_is_left_untouched():
    source = _source()
    before = to_plain(source)
    start_next_edition(source)
    assert to_plain(source) == before


def test_organisation_and_titled_lists_are_copied():
    source = _source()
    new = start_next_edition(source)
    assert new.organisation == source.organisation
    assert new.lists == source.lists


def test_membership_keeps_its_structure_without_figures():
    source = _source()
    source = edit.replace_at(source, "membership.groups[1].categories[4].retired", True)
    retired = dataclasses.replace(source.membership.groups[2], key="ancien", retired=True)
    source = edit.replace_at(source, "membership.groups", (*source.membership.groups, retired))
    membership = start_next_edition(source).membership
    assert membership.as_of is None and membership.declared_total is None
    assert membership.notes == ()
    kept = [g for g in source.membership.groups if not g.retired]
    assert [(g.key, g.name, g.in_total) for g in membership.groups] == [
        (g.key, g.name, g.in_total) for g in kept
    ]
    for new_group, old_group in zip(membership.groups, kept, strict=True):
        assert new_group.declared_total is None and not new_group.retired
        old = [c for c in old_group.categories if not c.retired]
        assert [(c.key, c.name, c.structure) for c in new_group.categories] == [
            (c.key, c.name, c.structure) for c in old
        ]
        assert all(c.count is None and not c.retired for c in new_group.categories)
    assert "divers" not in [c.key for c in membership.groups[1].categories]


def test_network_keeps_the_kinds_with_empty_figures_and_no_map():
    source = _source()
    network = start_next_edition(source).network
    assert [c.kind for c in network.coverage] == [c.kind for c in source.network.coverage]
    for coverage in network.coverage:
        figures = (coverage.total, coverage.members, coverage.grouped_plie)
        assert figures == (None, None, None)
        assert coverage.as_of is None and coverage.map_date is None
    assert network.region_counts == ()


def test_board_and_bureau_are_copied_with_their_ids():
    source = _source()
    governance = start_next_edition(source).governance
    assert governance.board == source.governance.board
    assert governance.bureau == source.governance.bureau
    assert governance.mandate_years == source.governance.mandate_years
    assert governance.mandate_end == source.governance.mandate_end
    assert governance.regional_bodies == source.governance.regional_bodies
    assert governance.events == () and governance.meetings == ()


def test_only_staff_still_in_post_on_the_first_of_january_are_copied():
    source = _source()
    added = (
        StaffMember(id=8, name="Contrat court", end=FuzzyDate(2021, 12, 31)),
        StaffMember(id=9, name="Contrat 2022", end=FuzzyDate(2022, 3), replaces_id=1, reason="x"),
    )
    source = edit.replace_at(source, "governance.staff", (*source.governance.staff, *added))
    staff = start_next_edition(source).governance.staff
    gone = {s.name for s in source.governance.staff if s.end and s.end.year <= facts.YEAR}
    assert gone == {"Bruno Adam", "Justine Riguet", "Contrat court"}
    assert [s.name for s in staff] == [s.name for s in source.governance.staff if s.name not in gone]


def test_staff_in_post_lose_last_years_arrivals_and_replacements():
    source = _source()
    source = edit.replace_at(source, "governance.staff[4].end", None)  # Justine Riguet stays
    recruit = StaffMember(id=9, name="Recrue de 2022", start=FuzzyDate(2022, 2))
    source = edit.replace_at(source, "governance.staff", (*source.governance.staff, recruit))
    staff = {s.name: s for s in start_next_edition(source).governance.staff}
    miriot = staff["David Miriot"]  # arrived in December 2021, replacing Bruno Adam
    assert (miriot.start, miriot.replaces_id, miriot.reason) == (None, None, "")
    assert staff["Romane Pappalardo"].start is None  # arrived in June 2021
    riguet = staff["Justine Riguet"]
    assert (riguet.replaces_id, riguet.reason) == (None, "")
    assert staff["Recrue de 2022"].start == FuzzyDate(2022, 2)


def test_training_keeps_modules_clubs_and_indicators_without_figures():
    source = _source()
    training = start_next_edition(source).training
    assert training.sessions == () and training.note == ""
    assert [m.name for m in training.modules] == [m.name for m in source.training.modules]
    assert not any(m.new for m in training.modules)
    assert [(c.name, c.software, c.audience) for c in training.clubs] == [
        (c.name, c.software, c.audience) for c in source.training.clubs
    ]
    assert all(c.meetings is None for c in training.clubs)
    assert [(i.key, i.label, i.unit) for i in training.assistance] == [
        (i.key, i.label, i.unit) for i in source.training.assistance
    ]
    for indicator in training.assistance:
        assert indicator.value is None and indicator.qualifier is Qualifier.EXACT
        assert indicator.compare_year is None and indicator.compare_value is None


def test_communication_keeps_networks_and_metric_names_without_figures():
    source = _source()
    communication = start_next_edition(source).communication
    assert communication.website_visits is None
    assert communication.top_page_visits is None and communication.job_offers is None
    assert [(f.network, f.handle) for f in communication.followers] == [
        (f.network, f.handle) for f in source.communication.followers
    ]
    assert all(f.count is None and f.qualifier is Qualifier.EXACT for f in communication.followers)
    assert [(m.key, m.label, m.unit, m.value) for m in communication.metrics] == [
        (m.key, m.label, m.unit, None) for m in source.communication.metrics
    ]
    assert communication.webinars == () and communication.reach_tiers == ()


def test_key_figure_blocks_keep_title_and_rolled_source_but_no_figure():
    source = _source()
    blocks = start_next_edition(source).key_figures
    assert [(b.key, b.title, b.source) for b in blocks] == [
        ("plie", "Chiffres clés des PLIE", "Rapport de consolidation des PLIE 2021"),
        ("clause", "La clause sociale", ""),
    ]
    assert all(b.items == () for b in blocks)


def test_the_outline_is_copied_with_its_texts_to_review():
    source = _source()
    source = edit.replace_at(source, "outline[7].heading", "Réunions de 2021")
    outline = start_next_edition(source).outline
    assert [(s.key, s.kind, s.level, s.ref, s.body) for s in outline] == [
        (s.key, s.kind, s.level, s.ref, s.body) for s in source.outline
    ]
    assert outline[7].heading == "Réunions de 2022"
    states = {s.key: s.review for s in outline}
    # Texts, rolled headings and the organisation's lists and tables are to review.
    for key in ("reseau", "instances", "reseaux", "adherents", "ca", "bureau", "equipe", "reunions", "clubs"):
        assert states[key] is ReviewState.TO_REVIEW, key
    # Figures and the year's events start empty: to write.
    for key in ("couverture", "cartes", "chiffres_plie", "assistance", "webinaires", "communication"):
        assert states[key] is ReviewState.TO_WRITE, key
    # A chapter title with nothing of its own has nothing to review.
    assert states["chiffres"] is ReviewState.REVIEWED
    assert all(s.reviewed_by == "" and s.reviewed_at == "" for s in outline)


def test_years_roll_around_the_edition_year_but_not_spans():
    assert roll_years("Vie des instances en 2021", 2021) == "Vie des instances en 2022"
    assert roll_years("Consolidation 2020, situation au 31 janvier 2022", 2021) == (
        "Consolidation 2021, situation au 31 janvier 2023"
    )
    assert (
        roll_years("Programme FSE+ 2021-2027, depuis 2017", 2021) == "Programme FSE+ 2021-2027, depuis 2017"
    )
    assert roll_years("Saison 2020 / 2021 ; 12021 ; Loi2021", 2021) == "Saison 2020 / 2021 ; 12021 ; Loi2021"


def test_nothing_in_the_new_edition_can_be_changed_in_place():
    """What it carries unchanged is shared with the source, which is safe
    only because no record or sequence of either can be changed in place."""
    new = start_next_edition(_source())
    assert _mutables(new) == []


def _mutables(value, found=None) -> list:
    """Every list, and every record that is not frozen, reachable from ``value``."""
    found = [] if found is None else found
    if isinstance(value, list):
        found.append(value)
    if isinstance(value, (list, tuple)):
        for item in value:
            _mutables(item, found)
    elif dataclasses.is_dataclass(value) and not isinstance(value, FuzzyDate):
        if not type(value).__dataclass_params__.frozen:
            found.append(value)
        for f in dataclasses.fields(value):
            _mutables(getattr(value, f.name), found)
    return found
