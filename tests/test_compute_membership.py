"""Membership totals, deltas and coverage on the 2021 report's figures."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import facts_2021 as facts

from avereport.model import edit, fmt
from avereport.model.compute import (
    group_total,
    membership_total,
    region_lines,
    region_totals,
    structure_members,
    summarise_coverage,
    summarise_membership,
)
from avereport.model.edition import NetworkKind


def _group(summary, key):
    return next(group for group in summary.groups if group.key == key)


def test_category_deltas_are_the_ones_the_report_prints():
    summary = summarise_membership(facts.edition_2021(), facts.edition_2020())
    printed = {key: delta for key, *_, delta in facts.FULL_MEMBERS + facts.CLAUSE_MEMBERS}
    computed = {line.key: line.delta for group in summary.groups for line in group.categories}
    assert computed == printed


def test_category_lines_show_this_years_count_beside_last_years():
    summary = summarise_membership(facts.edition_2021(), facts.edition_2020())
    line = _group(summary, "full").categories[0]
    key, name, _, count, delta = facts.FULL_MEMBERS[0]
    assert (line.key, line.label, line.value, line.previous) == (key, name, count, count - delta)
    assert fmt.delta(line.delta) == "(+2)"


def test_group_totals_are_computed_from_their_categories():
    summary = summarise_membership(facts.edition_2021(), facts.edition_2020())
    full = _group(summary, "full")
    assert full.total.value == sum(row[3] for row in facts.FULL_MEMBERS) == facts.DECLARED_FULL
    assert full.total.previous == facts.PRINTED_FULL_2020
    assert fmt.with_previous(full.total.value, full.total.previous, 2020) == "133 (141 en 2020)"
    clause = _group(summary, "clause")
    assert clause.total.value == sum(row[3] for row in facts.CLAUSE_MEMBERS)
    assert clause.total.value != clause.declared_total == facts.DECLARED_CLAUSE
    assert clause.total.previous == facts.PRINTED_CLAUSE_2020


def test_the_grand_total_adds_the_computed_totals_of_the_groups_in_the_total():
    summary = summarise_membership(facts.edition_2021(), facts.edition_2020())
    counted = sum(row[3] for row in facts.FULL_MEMBERS + facts.CLAUSE_MEMBERS)
    assert summary.total.value == counted
    assert summary.total.previous == facts.PRINTED_FULL_2020 + facts.PRINTED_CLAUSE_2020
    assert summary.declared_total == facts.DECLARED_TOTAL


def test_a_group_without_categories_is_its_declared_figure_and_stays_out_of_the_total():
    edition = facts.edition_2021()
    employers = _group(summarise_membership(edition), "employers")
    assert employers.total.value == employers.entered == facts.EMPLOYERS
    assert not employers.in_total
    assert membership_total(edition.membership) == summarise_membership(edition).total.value


def test_without_a_previous_edition_there_is_no_delta():
    summary = summarise_membership(facts.edition_2021(), None)
    lines = [line for group in summary.groups for line in (*group.categories, group.total)]
    assert all(line.previous is None and line.delta is None for line in lines)
    assert summary.total.delta is None


def test_categories_are_matched_by_key_not_by_name():
    edition = facts.edition_2021()
    edition = edit.replace_at(edition, "membership.groups[1].categories[0].name", "Communes adhérentes")
    line = _group(summarise_membership(edition, facts.edition_2020()), "clause").categories[0]
    assert line.label == "Communes adhérentes"
    assert line.delta == facts.CLAUSE_MEMBERS[0][4]


def test_a_new_category_has_no_previous_figure():
    edition = facts.edition_2021()
    edition = edit.replace_at(edition, "membership.groups[1].categories[0].key", "communes_nouvelles")
    line = _group(summarise_membership(edition, facts.edition_2020()), "clause").categories[0]
    assert line.previous is None and line.delta is None


def test_a_missing_count_leaves_the_total_unknown_rather_than_wrong():
    edition = facts.edition_2021()
    edition = edit.replace_at(edition, "membership.groups[0].categories[1].count", None)
    full = _group(summarise_membership(edition, facts.edition_2020()), "full")
    assert not full.complete
    assert full.total.value is None and full.total.delta is None
    entered = [row[3] for n, row in enumerate(facts.FULL_MEMBERS) if n != 1]
    assert full.entered == sum(entered)
    assert summarise_membership(edition).total.value is None
    assert full.categories[1].delta is None


def test_a_missing_previous_count_gives_no_delta():
    previous = facts.edition_2020()
    previous = edit.replace_at(previous, "membership.groups[0].categories[0].count", None)
    summary = summarise_membership(facts.edition_2021(), previous)
    assert _group(summary, "full").categories[0].delta is None
    assert _group(summary, "full").total.previous is None
    assert summary.total.previous is None


def test_retired_categories_and_groups_are_neither_shown_nor_counted():
    edition = facts.edition_2021()
    last = len(edition.membership.groups[1].categories) - 1
    edition = edit.replace_at(edition, f"membership.groups[1].categories[{last}].retired", True)
    retired, clause = edition.membership.groups[1].categories[last], edition.membership.groups[1]
    assert group_total(clause) == sum(row[3] for row in facts.CLAUSE_MEMBERS[:-1])
    lines = _group(summarise_membership(edition), "clause").categories
    assert retired.key not in [line.key for line in lines]
    edition = edit.replace_at(edition, "membership.groups[1].retired", True)
    assert "clause" not in [group.key for group in summarise_membership(edition).groups]


def _half_up(part: int, whole: int) -> int:
    return int((Decimal(part) * 100 / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def test_coverage_rate_is_computed_and_rounded_half_up():
    lines = {line.kind: line for line in summarise_coverage(facts.edition_2021())}
    plie = lines[NetworkKind.PLIE]
    assert (plie.members.value, plie.total.value) == (facts.PLIE_MEMBERS, facts.PLIE_TOTAL)
    assert plie.rate == _half_up(facts.PLIE_MEMBERS, facts.PLIE_TOTAL) == 68
    assert plie.rate != facts.PRINTED_PLIE_RATE
    assert lines[NetworkKind.MDE].rate == _half_up(facts.MDE_MEMBERS, facts.MDE_TOTAL)


def test_members_from_categories_count_plie_and_mde_categories_for_both():
    edition = facts.edition_2021()
    by_structure = {row[2]: row[3] for row in facts.FULL_MEMBERS}
    plie = sum(n for structure, n in by_structure.items() if structure.counts_as_plie)
    mde = sum(n for structure, n in by_structure.items() if structure.counts_as_mde)
    assert structure_members(edition.membership, NetworkKind.PLIE) == plie == facts.PLIE_MEMBERS
    assert structure_members(edition.membership, NetworkKind.MDE) == mde != facts.MDE_MEMBERS
    lines = {line.kind: line for line in summarise_coverage(edition)}
    assert lines[NetworkKind.MDE].members_from_categories == mde
    assert lines[NetworkKind.OI].members_from_categories is None


def test_coverage_without_previous_figures_has_no_delta():
    lines = summarise_coverage(facts.edition_2021(), facts.edition_2020())
    for line in lines:
        assert line.total.delta is None and line.previous_rate is None and line.rate_delta is None


def test_coverage_against_a_previous_edition():
    previous = facts.edition_2021()
    previous = edit.replace_at(previous, "year", 2020)
    previous = edit.replace_at(previous, "network.coverage[0].members", facts.PLIE_MEMBERS - 4)
    plie = summarise_coverage(facts.edition_2021(), previous)[0]
    assert plie.members.delta == 4
    expected = _half_up(facts.PLIE_MEMBERS, facts.PLIE_TOTAL)
    assert plie.rate_delta == expected - _half_up(facts.PLIE_MEMBERS - 4, facts.PLIE_TOTAL)


def test_region_counts_add_up_to_the_national_totals():
    totals = region_totals(facts.edition_2021().network)
    assert totals == {
        NetworkKind.PLIE: sum(facts.PLIE_BY_REGION.values()),
        NetworkKind.MDE: sum(facts.MDE_BY_REGION.values()),
    }
    assert totals[NetworkKind.PLIE] == facts.PLIE_TOTAL
    assert totals[NetworkKind.MDE] == facts.MDE_TOTAL


def test_region_lines_are_matched_by_region():
    edition, previous = facts.edition_2021(), facts.edition_2021()
    previous = edit.replace_at(
        previous,
        "network.region_counts",
        [row for row in previous.network.region_counts if row.kind is NetworkKind.PLIE][:2],
    )
    previous = edit.replace_at(
        previous, "network.region_counts[0].count", previous.network.region_counts[0].count - 1
    )
    lines = region_lines(edition, NetworkKind.PLIE, previous)
    assert [line.key for line in lines] == [region.value for region in facts.PLIE_BY_REGION]
    assert [line.delta for line in lines[:3]] == [1, 0, None]
    assert len(region_lines(edition, NetworkKind.MDE)) == len(facts.MDE_BY_REGION)
