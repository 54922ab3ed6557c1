"""Membership totals, coverage rates and regional counts.

Totals are always computed from their parts. A retired group or category is
kept in an edition only for reference: it is neither shown nor counted. A
group without (active) categories is a single figure, its declared total.
"""

from __future__ import annotations

from dataclasses import dataclass

from avereport.model.compute.lines import CountLine, all_known, index_by, percent_of
from avereport.model.edition import (
    Coverage,
    Edition,
    MemberCategory,
    MemberGroup,
    Membership,
    Network,
    NetworkKind,
    Structure,
)
from avereport.model.labels import NETWORK_KIND_LABELS


def active_groups(membership: Membership) -> list[MemberGroup]:
    return [group for group in membership.groups if not group.retired]


def active_categories(group: MemberGroup) -> list[MemberCategory]:
    return [category for category in group.categories if not category.retired]


def all_categories(membership: Membership) -> list[MemberCategory]:
    """Every category of every group, retired ones included, in order."""
    return [category for group in membership.groups for category in group.categories]


def group_total(group: MemberGroup) -> int | None:
    """Sum of the group's categories; ``None`` until every one is entered."""
    categories = active_categories(group)
    if not categories:
        return group.declared_total
    counts = all_known([category.count for category in categories])
    return None if counts is None else sum(counts)


def entered_sum(group: MemberGroup) -> int | None:
    """Sum of the categories entered so far (``None`` when none is)."""
    counts = [c.count for c in active_categories(group) if c.count is not None]
    return sum(counts) if counts else None


def stated_total(group: MemberGroup) -> int | None:
    """The group's total as the report states it: declared, else computed.

    The grand total is checked against these, one level at a time, so that a
    slip is reported where it was made (204 against 133 + 69).
    """
    return group.declared_total if group.declared_total is not None else group_total(group)


def membership_total(membership: Membership) -> int | None:
    """Sum of the computed totals of the groups counted in the total."""
    totals = all_known([group_total(g) for g in active_groups(membership) if g.in_total])
    return None if totals is None else sum(totals)


def structure_members(membership: Membership, kind: NetworkKind) -> int | None:
    """Members counted as a PLIE (or an MDE) by their category's structure.

    A PLIE-and-MDE category counts for both. ``None`` when no category stands
    for that structure or one of them is not entered.
    """
    counts = all_known(
        [
            category.count
            for group in active_groups(membership)
            for category in active_categories(group)
            if counts_as(category.structure, kind)
        ]
    )
    return None if counts is None else sum(counts)


def counts_as(structure: Structure, kind: NetworkKind) -> bool:
    if kind is NetworkKind.PLIE:
        return structure.counts_as_plie
    if kind is NetworkKind.MDE:
        return structure.counts_as_mde
    return False


@dataclass(frozen=True, slots=True)
class GroupSummary:
    key: str
    name: str
    in_total: bool
    categories: tuple[CountLine, ...]
    total: CountLine
    entered: int | None
    declared_total: int | None

    @property
    def complete(self) -> bool:
        return self.total.value is not None


@dataclass(frozen=True, slots=True)
class MembershipSummary:
    groups: tuple[GroupSummary, ...]
    total: CountLine
    declared_total: int | None


def summarise_membership(edition: Edition, previous: Edition | None = None) -> MembershipSummary:
    """Categories and totals of ``edition`` beside ``previous``, matched by key."""
    before = previous.membership if previous else Membership()
    previous_categories = index_by(all_categories(before), lambda c: c.key)
    previous_groups = index_by(before.groups, lambda g: g.key)
    groups = []
    for group in active_groups(edition.membership):
        lines = tuple(
            CountLine(
                key=category.key,
                label=category.name,
                value=category.count,
                previous=_count(previous_categories.get(category.key)),
            )
            for category in active_categories(group)
        )
        earlier = previous_groups.get(group.key)
        total = CountLine(
            key=group.key,
            label=group.name,
            value=group_total(group),
            previous=group_total(earlier) if earlier else None,
        )
        groups.append(
            GroupSummary(
                key=group.key,
                name=group.name,
                in_total=group.in_total,
                categories=lines,
                total=total,
                entered=entered_sum(group) if lines else group.declared_total,
                declared_total=group.declared_total,
            )
        )
    total = CountLine(
        key="total",
        label="Adhérents",
        value=membership_total(edition.membership),
        previous=membership_total(before),
    )
    return MembershipSummary(
        groups=tuple(groups), total=total, declared_total=edition.membership.declared_total
    )


def _count(category: MemberCategory | None) -> int | None:
    return category.count if category else None


@dataclass(frozen=True, slots=True)
class CoverageLine:
    """One kind of structure: how many in France, how many are members."""

    kind: NetworkKind
    label: str
    total: CountLine
    members: CountLine
    grouped_plie: CountLine
    rate: int | None
    previous_rate: int | None
    members_from_categories: int | None

    @property
    def rate_delta(self) -> int | None:
        """Change of the coverage rate, in percentage points."""
        if self.rate is None or self.previous_rate is None:
            return None
        return self.rate - self.previous_rate


def summarise_coverage(edition: Edition, previous: Edition | None = None) -> tuple[CoverageLine, ...]:
    """Coverage of each kind in ``edition``'s order; rate = members / total."""
    before = index_by(previous.network.coverage if previous else [], lambda c: c.kind)
    lines = []
    for coverage in edition.network.coverage:
        earlier = before.get(coverage.kind)
        lines.append(
            CoverageLine(
                kind=coverage.kind,
                label=NETWORK_KIND_LABELS[coverage.kind],
                total=_paired(coverage, earlier, "total"),
                members=_paired(coverage, earlier, "members"),
                grouped_plie=_paired(coverage, earlier, "grouped_plie"),
                rate=percent_of(coverage.members, coverage.total),
                previous_rate=percent_of(earlier.members, earlier.total) if earlier else None,
                members_from_categories=structure_members(edition.membership, coverage.kind),
            )
        )
    return tuple(lines)


def _paired(coverage: Coverage, earlier: Coverage | None, name: str) -> CountLine:
    return CountLine(
        key=coverage.kind.value,
        label=NETWORK_KIND_LABELS[coverage.kind],
        value=getattr(coverage, name),
        previous=getattr(earlier, name) if earlier else None,
    )


def region_totals(network: Network) -> dict[NetworkKind, int]:
    """Sum of the per-region counts of each kind that has any."""
    totals: dict[NetworkKind, int] = {}
    for row in network.region_counts:
        totals[row.kind] = totals.get(row.kind, 0) + row.count
    return totals


def region_lines(
    edition: Edition, kind: NetworkKind, previous: Edition | None = None
) -> tuple[CountLine, ...]:
    """Per-region counts of one kind, beside the previous edition's, by region."""
    before = index_by(
        [r for r in (previous.network.region_counts if previous else []) if r.kind is kind],
        lambda r: r.region,
    )
    return tuple(
        CountLine(
            key=row.region.value,
            label=row.region.label,
            value=row.count,
            previous=before[row.region].count if row.region in before else None,
        )
        for row in edition.network.region_counts
        if row.kind is kind
    )
