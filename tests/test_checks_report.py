"""The checks find the slips of the 2021 report itself, in the seed facts and
in the demo document, and nothing else is wrong with them."""

from __future__ import annotations

import json
from pathlib import Path

import facts_2021 as facts
import pytest

from avereport.model.checks import Severity, check_edition
from avereport.model.codec import from_plain
from avereport.model.compute import summarise_coverage
from avereport.model.edition import Edition, NetworkKind

DEMO = Path(__file__).resolve().parent.parent / "resources" / "demo.json"

# The report's slips: 204 declared against 133 + 69, 69 declared against the
# five clause categories, 49 member MDE against the MDE and PLIE-and-MDE
# categories.
SLIPS = {
    "membership.declared_total": (
        facts.DECLARED_TOTAL,
        facts.DECLARED_FULL + facts.DECLARED_CLAUSE,
    ),
    "membership.groups[1].declared_total": (
        facts.DECLARED_CLAUSE,
        sum(row[3] for row in facts.CLAUSE_MEMBERS),
    ),
    "network.coverage[1].members": (
        facts.MDE_MEMBERS,
        sum(row[3] for row in facts.FULL_MEMBERS if row[2].counts_as_mde),
    ),
}


def _demo_editions() -> dict[int, Edition]:
    document = json.loads(DEMO.read_text(encoding="utf-8"))
    editions = [from_plain(Edition, plain) for plain in document["editions"]]
    return {edition.year: edition for edition in editions}


def _sources():
    demo = _demo_editions()
    return {
        "faits du rapport": (facts.edition_2021(), facts.edition_2020()),
        "démo": (demo[facts.YEAR], demo[facts.PREVIOUS_YEAR]),
    }


@pytest.mark.parametrize("source", ["faits du rapport", "démo"])
def test_the_checks_find_exactly_the_three_slips_and_no_error(source):
    edition, previous = _sources()[source]
    findings = check_edition(edition, previous)
    assert all(f.severity is Severity.WARNING for f in findings)
    assert {f.field for f in findings} == set(SLIPS)
    for finding in findings:
        declared, computed = SLIPS[finding.field]
        assert f" {declared}," in finding.message
        assert f" {computed} (" in finding.message


def test_the_grand_total_message_spells_the_sum():
    findings = check_edition(facts.edition_2021(), facts.edition_2020())
    grand = next(f for f in findings if f.field == "membership.declared_total")
    assert grand.message == (
        "Total déclaré des adhérents : 204, alors que la somme des groupes donne 202 (133 + 69). "
        "Corrigez le total déclaré ou celui d'un des groupes."
    )


@pytest.mark.parametrize("source", ["faits du rapport", "démo"])
def test_the_plie_coverage_rate_is_68_not_the_printed_69(source):
    edition, _ = _sources()[source]
    plie = next(line for line in summarise_coverage(edition) if line.kind is NetworkKind.PLIE)
    assert (plie.members.value, plie.total.value) == (facts.PLIE_MEMBERS, facts.PLIE_TOTAL)
    assert plie.rate == 68 != facts.PRINTED_PLIE_RATE


def test_the_demo_2020_edition_has_no_error():
    demo = _demo_editions()
    findings = check_edition(demo[facts.PREVIOUS_YEAR], None)
    assert not [f for f in findings if f.severity is Severity.ERROR]
