"""Warnings: figures that disagree with each other or with last year, and
sections with nothing to print."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import facts_2021 as facts

from avereport.model import edit
from avereport.model.checks import Finding, Severity, check_edition
from avereport.model.dates import FuzzyDate
from avereport.model.edition import (
    Edition,
    Indicator,
    Meeting,
    Metric,
    RegionCount,
    Section,
    SectionKind,
)
from avereport.model.regions import Region
from avereport.model.review import mark_reviewed
from avereport.model.succession import start_next_edition

SLIP_FIELDS = {
    "membership.declared_total",
    "membership.groups[1].declared_total",
    "network.coverage[1].members",
}


def _warnings(edition: Edition, previous: Edition | None) -> dict[str, Finding]:
    findings = check_edition(edition, previous)
    warnings = {f.field: f for f in findings if f.severity is Severity.WARNING}
    return {field: f for field, f in warnings.items() if field not in SLIP_FIELDS}


def _previous_2021() -> Edition:
    """The 2021 facts as the previous edition of a 2022 one."""
    return facts.edition_2021()


def _edition_2022() -> Edition:
    edition = facts.edition_2021()
    g, t, c = edition.governance, edition.training, edition.communication

    def in_2022(date: FuzzyDate | None) -> FuzzyDate | None:
        return date and FuzzyDate(2022, date.month, date.day)

    def dated(items: tuple) -> tuple:
        return tuple(dataclasses.replace(item, date=in_2022(item.date)) for item in items)

    edition = dataclasses.replace(
        edition,
        year=2022,
        governance=dataclasses.replace(
            g,
            meetings=dated(g.meetings),
            events=dated(g.events),
            staff=tuple(dataclasses.replace(s, start=in_2022(s.start), end=in_2022(s.end)) for s in g.staff),
        ),
        training=dataclasses.replace(t, sessions=dated(t.sessions)),
        communication=dataclasses.replace(c, webinars=dated(c.webinars)),
        outline=tuple(dataclasses.replace(s, body=s.body.replace("2021", "2022")) for s in edition.outline),
    )
    # Someone confirmed the lists and the staff, which are as they were.
    for section in edition.outline:
        if section.kind in (SectionKind.LIST, SectionKind.STAFF):
            edition = mark_reviewed(edition, section.key, "Zoé", dt.datetime(2023, 3, 1, 9, 30))
    return edition


def test_a_copy_of_last_years_figures_raises_nothing_but_the_slips():
    assert _warnings(_edition_2022(), _previous_2021()) == {}


def test_no_sum_mismatch_is_claimed_while_parts_are_missing():
    edition = facts.edition_2021()
    edition = edit.replace_at(edition, "membership.groups[1].categories[0].count", None)
    fields = {f.field for f in check_edition(edition, None)}
    assert "membership.groups[1].declared_total" not in fields
    assert "membership.declared_total" in fields  # 204 against 133 + 69 still holds


def test_a_group_total_that_adds_up_raises_nothing():
    edition = facts.edition_2021()
    edition = edit.replace_at(
        edition, "membership.groups[1].declared_total", sum(row[3] for row in facts.CLAUSE_MEMBERS)
    )
    edition = edit.replace_at(
        edition, "membership.declared_total", sum(row[3] for row in facts.FULL_MEMBERS + facts.CLAUSE_MEMBERS)
    )
    edition = edit.replace_at(edition, "network.coverage[1].members", 48)
    assert [f.field for f in check_edition(edition, None)] == []


def test_more_members_than_structures_is_reported():
    edition = facts.edition_2021()
    edition = edit.replace_at(edition, "network.coverage[0].members", facts.PLIE_TOTAL + 3)
    findings = [f for f in check_edition(edition, None) if f.field == "network.coverage[0].members"]
    assert [f.severity for f in findings] == [Severity.WARNING, Severity.WARNING]
    assert findings[0].section is SectionKind.COVERAGE
    assert findings[0].message == (
        f"Adhérents parmi les PLIE : {facts.PLIE_TOTAL + 3}, soit plus que leur nombre total "
        f"({facts.PLIE_TOTAL}). Corrigez l'un des deux nombres."
    )
    assert "alors que les catégories" in findings[1].message


def test_region_counts_that_miss_the_national_total():
    edition = facts.edition_2021()
    edition = edit.replace_at(
        edition,
        "network.region_counts",
        (
            *edition.network.region_counts,
            RegionCount(kind=edition.network.coverage[0].kind, region=Region.COR, count=2),
        ),
    )
    finding = _warnings(edition, None)["network.coverage[0].total"]
    assert finding.section is SectionKind.MAPS
    assert f"{facts.PLIE_TOTAL}" in finding.message
    assert f"{sum(facts.PLIE_BY_REGION.values()) + 2}" in finding.message


def test_a_category_counted_last_year_and_empty_now():
    edition = facts.edition_2021()
    edition = edit.replace_at(edition, "membership.groups[1].categories[0].count", None)
    finding = _warnings(edition, facts.edition_2020())["membership.groups[1].categories[0].count"]
    communes_2020 = facts.CLAUSE_MEMBERS[0][3] - facts.CLAUSE_MEMBERS[0][4]
    assert finding.message == (
        f"Catégorie «\u00a0Communes\u00a0» : {communes_2020} en 2020, rien de saisi pour 2021. "
        "Saisissez son effectif de 2021 (colonne «\u00a0Nombre\u00a0»), "
        "ou cochez «\u00a0Retirée\u00a0» si la catégorie n'existe plus."
    )


def test_a_category_counted_last_year_and_gone_now():
    edition = facts.edition_2021()
    edition = edit.remove_item(edition, "membership.groups[1].categories", 4)
    finding = _warnings(edition, facts.edition_2020())["membership.groups[1]"]
    assert "Structures diverses" in finding.message and "absent de 2021" in finding.message
    assert finding.message.endswith(
        "Si la catégorie a été supprimée par erreur, rétablissez-la (Ctrl+Z) ; "
        "si elle n'existe plus, rien à corriger."
    )


def test_a_retired_category_is_not_expected():
    previous, edition = _previous_2021(), _edition_2022()
    edition = edit.replace_at(edition, "membership.groups[1].categories[0].retired", True)
    edition = edit.replace_at(edition, "membership.groups[1].categories[0].count", None)
    assert _warnings(edition, previous) == {}
    previous = edit.replace_at(previous, "membership.groups[1].categories[0].retired", True)
    edition = edit.remove_item(edition, "membership.groups[1].categories", 0)
    assert _warnings(edition, previous) == {}


def test_figures_missing_now_are_matched_by_key():
    previous, edition = _previous_2021(), _edition_2022()
    edition = edit.replace_at(edition, "network.coverage[0].members", None)
    edition = edit.replace_at(edition, "training.assistance[0].value", None)
    edition = edit.remove_item(edition, "training.assistance", 2)
    edition = edit.replace_at(edition, "communication.job_offers", None)
    edition = edit.replace_at(edition, "communication.followers[1].count", None)
    edition = edit.replace_at(edition, "communication.reach_tiers", [])
    edition = edit.replace_at(edition, "key_figures[0].items", [])
    edition = edit.replace_at(edition, "training.clubs[1].meetings", None)
    previous = edit.replace_at(
        previous, "communication.metrics", [Metric(key="abonnes_lettre", label="Abonnés", value=850)]
    )
    warnings = _warnings(edition, previous)
    assert set(warnings) == {
        "network.coverage[0].members",
        "training.assistance[0].value",
        "training.assistance",
        "communication.job_offers",
        "communication.followers[1].count",
        "communication.reach_tiers",
        "communication.metrics",
        "key_figures[0].items",
        "training.clubs[1].meetings",
    }
    assert warnings["communication.followers[1].count"].message == (
        "Abonnés «\u00a0LinkedIn\u00a0» : plus de 2\u202f000 en 2021, rien de saisi pour 2022. "
        "Saisissez le nombre d'abonnés de 2022 (colonne «\u00a0Abonnés\u00a0»)."
    )
    assert "absent de 2022" in warnings["training.assistance"].message
    # Each says what to do: type this year's figure where it goes, or bring back what went.
    for finding in (w for w in warnings.values() if " en 2021, " in w.message):
        _, advice = re.split(r"(?:rien de saisi pour|absent de) 2022\. ", finding.message)
        assert advice.startswith(("Saisissez", "Ajoutez", "Si ")), finding.message
        assert "2022" in advice or "Ctrl+Z" in advice, finding.message
    assert warnings["key_figures[0].items"].section is SectionKind.KEY_FIGURES


def test_figures_missing_last_year_raise_nothing():
    assert _warnings(facts.edition_2021(), Edition(year=2020)) == {}


def test_a_text_identical_to_last_years():
    previous, edition = _previous_2021(), _edition_2022()
    edition = edit.replace_at(edition, "outline[4].body", previous.outline[4].body + "\n")
    finding = _warnings(edition, previous)["outline[4].body"]
    assert finding.message == "La section «\u00a0Les instances\u00a0» reprend mot pour mot le texte de 2021."


def test_a_narrative_section_without_text_will_be_left_out():
    edition = facts.edition_2021()
    edition = edit.replace_at(
        edition, "outline", (*edition.outline, Section(key="conclusion", heading="Conclusion"))
    )
    finding = _warnings(edition, None)["outline[16].body"]
    assert finding.section is SectionKind.NARRATIVE
    assert finding.message == "La section «\u00a0Conclusion\u00a0» est vide : elle sera omise du PDF."


def test_a_structured_section_without_data():
    edition = facts.edition_2021()
    edition = edit.replace_at(edition, "governance.meetings", [])
    edition = edit.replace_at(edition, "key_figures[0].items", [])
    edition = edit.replace_at(edition, "outline[10].body", "Les PLIE en quelques chiffres.")
    warnings = _warnings(edition, None)
    assert warnings["governance.meetings"].message == (
        "La section «\u00a0Réunions\u00a0» n'a aucune donnée : elle sera omise du PDF."
    )
    assert warnings["key_figures[0].items"].message == (
        "La section «\u00a0Les PLIE\u00a0» n'a aucune donnée : seul son texte sera imprimé."
    )


def test_a_chapter_heading_with_subsections_is_not_empty():
    edition = facts.edition_2021()
    assert edition.outline[9].body == "" and edition.outline[10].level == 2
    assert "outline[9].body" not in _warnings(edition, None)


def test_a_half_stated_comparison():
    edition = facts.edition_2021()
    edition = edit.replace_at(
        edition,
        "training.assistance",
        (
            *edition.training.assistance,
            Indicator(key="visites", label="Visites sur site", value=12, compare_year=2019),
        ),
    )
    finding = _warnings(edition, None)["training.assistance[3].compare_value"]
    assert "il manque la valeur" in finding.message


def test_findings_come_errors_first_then_in_outline_order():
    edition = _edition_2022()
    edition = edit.replace_at(edition, "communication.job_offers", None)
    edition = edit.replace_at(edition, "outline[4].body", facts.edition_2021().outline[4].body)
    edition = edit.replace_at(
        edition, "governance.meetings", (*edition.governance.meetings, Meeting(date=FuzzyDate(2021, 12, 2)))
    )  # warning
    edition = edit.replace_at(edition, "training.clubs[0].meetings", -1)
    edition = edit.replace_at(edition, "governance.board[0].surname", "")
    findings = check_edition(edition, _previous_2021())
    assert [(f.severity, f.field) for f in findings] == [
        (Severity.ERROR, "governance.board[0].surname"),
        (Severity.ERROR, "training.clubs[0].meetings"),
        (Severity.WARNING, "membership.groups[1].declared_total"),
        (Severity.WARNING, "membership.declared_total"),
        (Severity.WARNING, "network.coverage[1].members"),
        (Severity.WARNING, "outline[4].body"),
        (Severity.WARNING, "governance.meetings[7].date"),
        (Severity.WARNING, "communication.job_offers"),
    ]


def test_a_new_edition_has_a_warning_for_every_figure_still_to_enter():
    previous = facts.edition_2021()
    edition = start_next_edition(previous)
    findings = check_edition(edition, previous)
    assert not [f for f in findings if f.severity is Severity.ERROR]
    fields = {f.field for f in findings}
    for g, group in enumerate(edition.membership.groups):
        for c, _ in enumerate(group.categories):
            assert f"membership.groups[{g}].categories[{c}].count" in fields
    assert {"communication.website_visits", "training.sessions", "network.coverage[0].total"} <= (fields)
