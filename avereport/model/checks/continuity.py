"""Figures present in the previous edition and missing from this one.

Items are matched as the computations match them: categories, indicators and
metrics by key, coverage by kind, followers by network, clubs by name, key
figure blocks by key. A category retired last year is not expected any more.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from avereport.model import fmt
from avereport.model.checks.findings import Finding, quote, warning
from avereport.model.compute.membership import active_categories
from avereport.model.edition import (
    Coverage,
    Edition,
    KeyFigureBlock,
    MemberCategory,
    Qualifier,
    SectionKind,
)
from avereport.model.labels import NETWORK_KIND_LABELS

T = TypeVar("T")

COVERAGE_FIELDS = {
    "total": "nombre total",
    "members": "adhérents",
    "grouped_plie": "PLIE regroupés",
}


class _Report:
    """Builds the findings of one comparison, with the sentence they share."""

    def __init__(self, edition: Edition, previous: Edition) -> None:
        self.year, self.previous_year = edition.year, previous.year

    def missing(
        self,
        section: SectionKind,
        field: str,
        what: str,
        value: float,
        *,
        absent: bool = False,
        unit: str = "",
        qualifier: Qualifier = Qualifier.EXACT,
    ) -> Finding:
        now = f"absent de {self.year}" if absent else f"rien de saisi pour {self.year}"
        figure = fmt.quantity(value, unit, qualifier)
        return warning(section, field, f"{what} : {figure} en {self.previous_year}, {now}.")

    def keyed(
        self,
        section: SectionKind,
        path: str,
        name: str,
        now: Sequence[T],
        before: Sequence[T],
        key: Callable[[T], object],
        describe: Callable[[T], tuple[str, str, Qualifier]],
    ) -> Iterator[Finding]:
        """Items of ``before`` whose figure ``name`` is missing from ``now``."""
        index: dict[object, int] = {}
        for n, item in enumerate(now):
            index.setdefault(key(item), n)
        for earlier in before:
            value = getattr(earlier, name)
            if value is None:
                continue
            what, unit, qualifier = describe(earlier)
            found = index.get(key(earlier))
            if found is None:
                yield self.missing(section, path, what, value, absent=True, unit=unit, qualifier=qualifier)
            elif getattr(now[found], name) is None:
                yield self.missing(
                    section, f"{path}[{found}].{name}", what, value, unit=unit, qualifier=qualifier
                )


def check_continuity(edition: Edition, previous: Edition | None) -> Iterator[Finding]:
    if previous is None:
        return
    report = _Report(edition, previous)
    yield from _membership(edition, previous, report)
    yield from _network(edition, previous, report)
    yield from _training(edition, previous, report)
    yield from _communication(edition, previous, report)
    yield from _key_figures(edition, previous, report)


def _membership(edition: Edition, previous: Edition, report: _Report) -> Iterator[Finding]:
    section = SectionKind.MEMBERSHIP
    groups: dict[str, int] = {}
    categories: dict[str, tuple[str, MemberCategory]] = {}
    for g, group in enumerate(edition.membership.groups):
        groups.setdefault(group.key, g)
        for n, category in enumerate(group.categories):
            categories.setdefault(category.key, (f"membership.groups[{g}].categories[{n}]", category))
    for earlier_group in previous.membership.groups:
        if earlier_group.retired:
            continue
        i = groups.get(earlier_group.key)
        group_path = "membership.groups" if i is None else f"membership.groups[{i}]"
        earlier_categories = active_categories(earlier_group)
        total = earlier_group.declared_total
        if not earlier_categories and total is not None:
            what = f"Groupe {quote(earlier_group.name)}"
            if i is None:
                yield report.missing(section, group_path, what, total, absent=True)
            elif edition.membership.groups[i].declared_total is None:
                yield report.missing(section, f"{group_path}.declared_total", what, total)
        for earlier in earlier_categories:
            if earlier.count is None:
                continue
            what = f"Catégorie {quote(earlier.name)}"
            if earlier.key not in categories:
                yield report.missing(section, group_path, what, earlier.count, absent=True)
                continue
            path, category = categories[earlier.key]
            if category.count is None and not category.retired:
                yield report.missing(section, f"{path}.count", what, earlier.count)


def _network(edition: Edition, previous: Edition, report: _Report) -> Iterator[Finding]:
    for name, label in COVERAGE_FIELDS.items():

        def describe(c: Coverage, label: str = label) -> tuple[str, str, Qualifier]:
            return f"{NETWORK_KIND_LABELS[c.kind]}, {label}", "", Qualifier.EXACT

        yield from report.keyed(
            SectionKind.COVERAGE,
            "network.coverage",
            name,
            edition.network.coverage,
            previous.network.coverage,
            lambda c: c.kind,
            describe,
        )
    mapped = {r.kind for r in edition.network.region_counts}
    for kind in dict.fromkeys(r.kind for r in previous.network.region_counts):
        if kind not in mapped:
            count = sum(r.count for r in previous.network.region_counts if r.kind is kind)
            what = f"Carte des {NETWORK_KIND_LABELS[kind]}, total des régions"
            yield report.missing(SectionKind.MAPS, "network.region_counts", what, count)


def _training(edition: Edition, previous: Edition, report: _Report) -> Iterator[Finding]:
    if previous.training.sessions and not edition.training.sessions:
        count = len(previous.training.sessions)
        yield report.missing(SectionKind.TRAINING, "training.sessions", "Sessions de formation", count)
    yield from report.keyed(
        SectionKind.ASSISTANCE,
        "training.assistance",
        "value",
        edition.training.assistance,
        previous.training.assistance,
        lambda i: i.key,
        lambda i: (f"Indicateur {quote(i.label)}", i.unit, i.qualifier),
    )
    yield from report.keyed(
        SectionKind.CLUBS,
        "training.clubs",
        "meetings",
        edition.training.clubs,
        previous.training.clubs,
        lambda c: c.name,
        lambda c: (f"Réunions du club {quote(c.name)}", "", Qualifier.EXACT),
    )


def _communication(edition: Edition, previous: Edition, report: _Report) -> Iterator[Finding]:
    section = SectionKind.COMMUNICATION
    now, before = edition.communication, previous.communication
    scalars = {
        "website_visits": ("Visites du site internet", Qualifier.EXACT),
        "top_page_visits": ("Visites de la page la plus consultée", before.top_page_qualifier),
        "job_offers": ("Offres d'emploi diffusées", Qualifier.EXACT),
    }
    for name, (what, qualifier) in scalars.items():
        value = getattr(before, name)
        if value is not None and getattr(now, name) is None:
            yield report.missing(section, f"communication.{name}", what, value, qualifier=qualifier)
    yield from report.keyed(
        section,
        "communication.followers",
        "count",
        now.followers,
        before.followers,
        lambda f: f.network,
        lambda f: (f"Abonnés {quote(f.network)}", "", f.qualifier),
    )
    if before.reach_tiers and not now.reach_tiers:
        posts = sum(t.posts for t in before.reach_tiers)
        yield report.missing(section, "communication.reach_tiers", "Publications les plus vues", posts)
    yield from report.keyed(
        section,
        "communication.metrics",
        "value",
        now.metrics,
        before.metrics,
        lambda m: m.key,
        lambda m: (f"Indicateur {quote(m.label)}", m.unit, Qualifier.EXACT),
    )


def _key_figures(edition: Edition, previous: Edition, report: _Report) -> Iterator[Finding]:
    blocks: dict[str, tuple[int, KeyFigureBlock]] = {}
    for n, block in enumerate(edition.key_figures):
        blocks.setdefault(block.key, (n, block))
    for earlier in previous.key_figures:
        if not earlier.items:
            continue
        what = f"Chiffres clés {quote(earlier.title)}"
        count = len(earlier.items)
        if earlier.key not in blocks:
            yield report.missing(
                SectionKind.KEY_FIGURES, "key_figures", what, count, absent=True, unit="chiffres"
            )
        elif not blocks[earlier.key][1].items:
            path = f"key_figures[{blocks[earlier.key][0]}].items"
            yield report.missing(SectionKind.KEY_FIGURES, path, what, count, unit="chiffres")
