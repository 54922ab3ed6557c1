"""Figures present in the previous edition and missing from this one.

Items are matched as the computations match them: categories, indicators and
metrics by key, coverage by kind, followers by network, clubs by name, key
figure blocks by key. A category retired last year is not expected any more.

Each message ends with what to do: type this year's figure (and where), or,
for an item gone from this year's lists, bring it back if it went by mistake
(items matched by key come back only by undoing their removal).
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
        advice: str,
        *,
        absent: bool = False,
        unit: str = "",
        qualifier: Qualifier = Qualifier.EXACT,
    ) -> Finding:
        now = f"absent de {self.year}" if absent else f"rien de saisi pour {self.year}"
        figure = fmt.quantity(value, unit, qualifier)
        return warning(section, field, f"{what} : {figure} en {self.previous_year}, {now}. {advice}")

    def keyed(
        self,
        section: SectionKind,
        path: str,
        name: str,
        now: Sequence[T],
        before: Sequence[T],
        key: Callable[[T], object],
        describe: Callable[[T], tuple[str, str, Qualifier]],
        empty: str,
        absent: Callable[[T], str],
    ) -> Iterator[Finding]:
        """Items of ``before`` whose figure ``name`` is missing from ``now``:
        ``empty`` says what to do when the item is there without its figure,
        ``absent`` when the item itself is gone."""
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
                yield self.missing(
                    section, path, what, value, absent(earlier), absent=True, unit=unit, qualifier=qualifier
                )
            elif getattr(now[found], name) is None:
                yield self.missing(
                    section, f"{path}[{found}].{name}", what, value, empty, unit=unit, qualifier=qualifier
                )


def gone(thing: str, feminine: bool = False) -> str:
    """What to do about ``thing`` (« la catégorie ») gone from this year's list."""
    removed, back, still = (
        ("supprimée", "rétablissez-la", "si elle") if feminine else ("supprimé", "rétablissez-le", "s'il")
    )
    return f"Si {thing} a été {removed} par erreur, {back} (Ctrl+Z) ; {still} n'existe plus, rien à corriger."


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
                yield report.missing(section, group_path, what, total, gone("le groupe"), absent=True)
            elif edition.membership.groups[i].declared_total is None:
                advice = (
                    f"Saisissez son total de {report.year} (colonne «\u00a0Total déclaré\u00a0» des groupes)."
                )
                yield report.missing(section, f"{group_path}.declared_total", what, total, advice)
        for earlier in earlier_categories:
            if earlier.count is None:
                continue
            what = f"Catégorie {quote(earlier.name)}"
            if earlier.key not in categories:
                advice = gone("la catégorie", feminine=True)
                yield report.missing(section, group_path, what, earlier.count, advice, absent=True)
                continue
            path, category = categories[earlier.key]
            if category.count is None and not category.retired:
                advice = (
                    f"Saisissez son effectif de {report.year} (colonne «\u00a0Nombre\u00a0»), "
                    f"ou cochez «\u00a0Retirée\u00a0» si la catégorie n'existe plus."
                )
                yield report.missing(section, f"{path}.count", what, earlier.count, advice)


def _network(edition: Edition, previous: Edition, report: _Report) -> Iterator[Finding]:
    cell = f"Saisissez le nombre de {report.year} dans sa case du tableau."
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
            cell,
            lambda c: cell,
        )
    mapped = {r.kind for r in edition.network.region_counts}
    for kind in dict.fromkeys(r.kind for r in previous.network.region_counts):
        if kind not in mapped:
            count = sum(r.count for r in previous.network.region_counts if r.kind is kind)
            what = f"Carte des {NETWORK_KIND_LABELS[kind]}, total des régions"
            advice = (
                f"Saisissez le nombre de chaque région pour {report.year} "
                "(tableau «\u00a0Nombre par région\u00a0»)."
            )
            yield report.missing(SectionKind.MAPS, "network.region_counts", what, count, advice)


def _training(edition: Edition, previous: Edition, report: _Report) -> Iterator[Finding]:
    if previous.training.sessions and not edition.training.sessions:
        count = len(previous.training.sessions)
        advice = f"Ajoutez les sessions de {report.year} au tableau «\u00a0Sessions de formation\u00a0»."
        yield report.missing(
            SectionKind.TRAINING, "training.sessions", "Sessions de formation", count, advice
        )
    yield from report.keyed(
        SectionKind.ASSISTANCE,
        "training.assistance",
        "value",
        edition.training.assistance,
        previous.training.assistance,
        lambda i: i.key,
        lambda i: (f"Indicateur {quote(i.label)}", i.unit, i.qualifier),
        f"Saisissez sa valeur de {report.year} (colonne «\u00a0Valeur\u00a0»).",
        lambda i: gone("l'indicateur"),
    )
    yield from report.keyed(
        SectionKind.CLUBS,
        "training.clubs",
        "meetings",
        edition.training.clubs,
        previous.training.clubs,
        lambda c: c.name,
        lambda c: (f"Réunions du club {quote(c.name)}", "", Qualifier.EXACT),
        f"Saisissez le nombre de réunions de {report.year} (colonne «\u00a0Réunions\u00a0»).",
        lambda c: (
            f"Si le club s'est réuni en {report.year}, ajoutez-le au tableau sous le nom {quote(c.name)}."
        ),
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
            advice = (
                f"Saisissez le chiffre de {report.year} "
                "(encadré «\u00a0Site internet et offres d'emploi\u00a0»)."
            )
            yield report.missing(section, f"communication.{name}", what, value, advice, qualifier=qualifier)
    yield from report.keyed(
        section,
        "communication.followers",
        "count",
        now.followers,
        before.followers,
        lambda f: f.network,
        lambda f: (f"Abonnés {quote(f.network)}", "", f.qualifier),
        f"Saisissez le nombre d'abonnés de {report.year} (colonne «\u00a0Abonnés\u00a0»).",
        lambda f: (
            f"Ajoutez le réseau {quote(f.network)} et ses abonnés de {report.year} au tableau des abonnés."
        ),
    )
    if before.reach_tiers and not now.reach_tiers:
        posts = sum(t.posts for t in before.reach_tiers)
        advice = f"Saisissez celles de {report.year} (tableau «\u00a0Audience des publications\u00a0»)."
        yield report.missing(
            section, "communication.reach_tiers", "Publications les plus vues", posts, advice
        )
    yield from report.keyed(
        section,
        "communication.metrics",
        "value",
        now.metrics,
        before.metrics,
        lambda m: m.key,
        lambda m: (f"Indicateur {quote(m.label)}", m.unit, Qualifier.EXACT),
        f"Saisissez sa valeur de {report.year} (colonne «\u00a0Valeur\u00a0»).",
        lambda m: gone("l'indicateur"),
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
            advice = (
                "Si le bloc a encore lieu d'être, recréez-le depuis sa section (bouton "
                f"«\u00a0Créer le bloc de chiffres clés\u00a0») et saisissez ses chiffres de {report.year} ; "
                "sinon, rien à corriger."
            )
            yield report.missing(
                SectionKind.KEY_FIGURES, "key_figures", what, count, advice, absent=True, unit="chiffres"
            )
        elif not blocks[earlier.key][1].items:
            path = f"key_figures[{blocks[earlier.key][0]}].items"
            advice = f"Ajoutez ses chiffres de {report.year} au bloc (bouton «\u00a0Ajouter\u00a0»)."
            yield report.missing(SectionKind.KEY_FIGURES, path, what, count, advice, unit="chiffres")
