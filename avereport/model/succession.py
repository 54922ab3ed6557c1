"""Starting next year's edition from this year's.

What lasts from one year to the next (organisation, structure of the
membership, board, bureau, staff in post, outline) is copied; every figure of
the year is left empty so that nothing from last year is printed as this
year's by mistake. The result shares no mutable object with the source.
"""

from __future__ import annotations

import copy

from avereport.model.edition import (
    Communication,
    Coverage,
    Edition,
    Followers,
    Governance,
    Indicator,
    KeyFigureBlock,
    MemberCategory,
    MemberGroup,
    Membership,
    Metric,
    Network,
    Section,
    StaffMember,
    Training,
    TrainingModule,
    UserClub,
)


def start_next_edition(edition: Edition) -> Edition:
    """Edition ``edition.year + 1`` prepared from ``edition``."""
    year = edition.year + 1
    return Edition(
        year=year,
        organisation=copy.deepcopy(edition.organisation),
        membership=_membership(edition.membership),
        network=_network(edition.network),
        governance=_governance(edition.governance, year),
        training=_training(edition.training),
        communication=_communication(edition.communication),
        key_figures=[
            KeyFigureBlock(key=block.key, title=block.title, source=block.source)
            for block in edition.key_figures
        ],
        lists=copy.deepcopy(edition.lists),
        outline=[
            Section(
                key=section.key,
                kind=section.kind,
                heading=section.heading,
                level=section.level,
                ref=section.ref,
            )
            for section in edition.outline
        ],
    )


def _membership(membership: Membership) -> Membership:
    """Groups and categories without counts; retired ones are dropped."""
    return Membership(
        groups=[
            MemberGroup(
                key=group.key,
                name=group.name,
                in_total=group.in_total,
                categories=[
                    MemberCategory(key=c.key, name=c.name, structure=c.structure)
                    for c in group.categories
                    if not c.retired
                ],
            )
            for group in membership.groups
            if not group.retired
        ]
    )


def _network(network: Network) -> Network:
    # The kinds are kept, empty, so that the form offers the same rows and the
    # checks point at each figure still to enter. Region counts have no empty
    # state (a count is required), so the new map starts with none.
    return Network(coverage=[Coverage(kind=c.kind) for c in network.coverage])


def _governance(governance: Governance, year: int) -> Governance:
    staff = [copy.deepcopy(s) for s in governance.staff if _in_post(s, year)]
    kept = {s.id for s in staff if s.id is not None}
    for member in staff:
        if member.replaces_id is not None and member.replaces_id not in kept:
            # The reason explains the replacement; it goes with it.
            member.replaces_id = None
            member.reason = ""
    return Governance(
        mandate_years=governance.mandate_years,
        mandate_end=governance.mandate_end,
        board=copy.deepcopy(governance.board),
        bureau=copy.deepcopy(governance.bureau),
        regional_bodies=copy.deepcopy(governance.regional_bodies),
        staff=staff,
    )


def _in_post(member: StaffMember, year: int) -> bool:
    """Still in post on 1 January of ``year``: an end known only as "2021"
    means gone by the end of 2021."""
    return member.end is None or member.end.year >= year


def _training(training: Training) -> Training:
    return Training(
        modules=[TrainingModule(name=m.name) for m in training.modules],
        assistance=[Indicator(key=i.key, label=i.label, unit=i.unit) for i in training.assistance],
        clubs=[UserClub(name=c.name, software=c.software, audience=c.audience) for c in training.clubs],
    )


def _communication(communication: Communication) -> Communication:
    # Reach tiers are left out: a tier without its number of posts cannot exist.
    return Communication(
        followers=[Followers(network=f.network, handle=f.handle) for f in communication.followers],
        metrics=[Metric(key=m.key, label=m.label, unit=m.unit) for m in communication.metrics],
    )
