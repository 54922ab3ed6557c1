"""Checks of the membership counts, the network coverage and the maps."""

from __future__ import annotations

from collections.abc import Iterator

from avereport.model import fmt
from avereport.model.checks.findings import (
    Finding,
    duplicates,
    negative,
    out_of_range,
    quote,
    sum_text,
    warning,
)
from avereport.model.compute.lines import all_known
from avereport.model.compute.membership import (
    active_categories,
    active_groups,
    counts_as,
    region_totals,
    stated_total,
)
from avereport.model.edition import Edition, MemberGroup, NetworkKind, SectionKind
from avereport.model.labels import NETWORK_KIND_LABELS

MEMBERSHIP = SectionKind.MEMBERSHIP


def check_membership(edition: Edition) -> Iterator[Finding]:
    membership = edition.membership
    yield from out_of_range(
        MEMBERSHIP, "membership.as_of", "Date des effectifs", membership.as_of, edition.year
    )
    for n, note in enumerate(membership.notes):
        yield from out_of_range(
            MEMBERSHIP,
            f"membership.notes[{n}].date",
            "Date d'une note sur les adhérents",
            note.date,
            edition.year,
        )
    yield from negative(
        MEMBERSHIP,
        "membership.declared_total",
        "Total déclaré des adhérents",
        membership.declared_total,
    )
    yield from duplicates(
        MEMBERSHIP,
        (g.key for g in membership.groups),
        lambda i: f"membership.groups[{i}].key",
        lambda key: f"La clé de groupe {quote(key)}",
    )
    yield from duplicates(
        MEMBERSHIP,
        (c.key for g in membership.groups for c in g.categories),
        lambda i: _category_path(edition, i) + ".key",
        lambda key: f"La clé de catégorie {quote(key)}",
    )
    for g, group in enumerate(membership.groups):
        path = f"membership.groups[{g}]"
        yield from negative(
            MEMBERSHIP,
            f"{path}.declared_total",
            f"Total déclaré du groupe {quote(group.name)}",
            group.declared_total,
        )
        for c, category in enumerate(group.categories):
            yield from negative(
                MEMBERSHIP,
                f"{path}.categories[{c}].count",
                f"Effectif de {quote(category.name)}",
                category.count,
            )
        yield from _group_sum(group, path)
    yield from _grand_total(edition)


def _category_path(edition: Edition, flat_index: int) -> str:
    """The path of the ``flat_index``-th category counted across groups."""
    for g, group in enumerate(edition.membership.groups):
        if flat_index < len(group.categories):
            return f"membership.groups[{g}].categories[{flat_index}]"
        flat_index -= len(group.categories)
    raise IndexError(flat_index)


def _group_sum(group: MemberGroup, path: str) -> Iterator[Finding]:
    parts = all_known([c.count for c in active_categories(group)])
    if group.retired or group.declared_total is None or parts is None:
        return
    if sum(parts) != group.declared_total:
        yield warning(
            MEMBERSHIP,
            f"{path}.declared_total",
            f"Total déclaré du groupe {quote(group.name)} : {fmt.number(group.declared_total)}, "
            f"alors que la somme de ses catégories donne {fmt.number(sum(parts))} "
            f"({sum_text(parts)}). Corrigez le total déclaré du groupe ou l'effectif d'une de ses catégories.",
        )


def _grand_total(edition: Edition) -> Iterator[Finding]:
    declared = edition.membership.declared_total
    parts = all_known([stated_total(g) for g in active_groups(edition.membership) if g.in_total])
    if declared is None or parts is None:
        return
    if sum(parts) != declared:
        yield warning(
            MEMBERSHIP,
            "membership.declared_total",
            f"Total déclaré des adhérents : {fmt.number(declared)}, alors que la somme des "
            f"groupes donne {fmt.number(sum(parts))} ({sum_text(parts)}). "
            "Corrigez le total déclaré ou celui d'un des groupes.",
        )


COVERAGE = SectionKind.COVERAGE


def check_coverage(edition: Edition) -> Iterator[Finding]:
    coverage = edition.network.coverage
    yield from duplicates(
        COVERAGE,
        (c.kind for c in coverage),
        lambda i: f"network.coverage[{i}].kind",
        lambda kind: f"La couverture des {NETWORK_KIND_LABELS[kind]}",
    )
    for i, row in enumerate(coverage):
        path = f"network.coverage[{i}]"
        label = NETWORK_KIND_LABELS[row.kind]
        yield from negative(COVERAGE, f"{path}.total", f"Nombre total ({label})", row.total)
        yield from negative(COVERAGE, f"{path}.members", f"Nombre d'adhérents ({label})", row.members)
        yield from negative(COVERAGE, f"{path}.grouped_plie", f"PLIE regroupés ({label})", row.grouped_plie)
        yield from out_of_range(
            COVERAGE, f"{path}.as_of", f"Date du décompte ({label})", row.as_of, edition.year
        )
        yield from out_of_range(
            SectionKind.MAPS,
            f"{path}.map_date",
            f"Date de la carte ({label})",
            row.map_date,
            edition.year,
        )
        if row.kind is NetworkKind.OI:
            continue
        if row.members is not None and row.total is not None and row.members > row.total:
            yield warning(
                COVERAGE,
                f"{path}.members",
                f"Adhérents parmi les {label} : {fmt.number(row.members)}, soit plus que "
                f"leur nombre total ({fmt.number(row.total)}). Corrigez l'un des deux nombres.",
            )
        yield from _members_from_categories(edition, row.kind, row.members, f"{path}.members")


def _members_from_categories(
    edition: Edition, kind: NetworkKind, members: int | None, path: str
) -> Iterator[Finding]:
    categories = [
        category
        for group in active_groups(edition.membership)
        for category in active_categories(group)
        if counts_as(category.structure, kind)
    ]
    parts = all_known([c.count for c in categories])
    if members is None or parts is None or sum(parts) == members:
        return
    detail = " + ".join(f"{fmt.number(n)} {quote(c.name)}" for n, c in zip(parts, categories))
    yield warning(
        COVERAGE,
        path,
        f"Adhérents parmi les {NETWORK_KIND_LABELS[kind]} : {fmt.number(members)}, "
        f"alors que les catégories d'adhérents en donnent {fmt.number(sum(parts))} ({detail}). "
        "Corrigez ce nombre ou l'effectif de ces catégories (partie des adhérents en chiffres).",
    )


MAPS = SectionKind.MAPS


def check_maps(edition: Edition) -> Iterator[Finding]:
    counts = edition.network.region_counts
    yield from duplicates(
        MAPS,
        ((r.kind, r.region) for r in counts),
        lambda i: f"network.region_counts[{i}].region",
        lambda pair: f"La région {pair[1].label} ({NETWORK_KIND_LABELS[pair[0]]})",
    )
    for i, row in enumerate(counts):
        yield from negative(
            MAPS,
            f"network.region_counts[{i}].count",
            f"{NETWORK_KIND_LABELS[row.kind]} en {row.region.label}",
            row.count,
        )
    totals = region_totals(edition.network)
    for i, line in enumerate(edition.network.coverage):
        summed = totals.get(line.kind)
        if summed is None or line.total is None or summed == line.total:
            continue
        yield warning(
            MAPS,
            f"network.coverage[{i}].total",
            f"{NETWORK_KIND_LABELS[line.kind]} : total national de {fmt.number(line.total)}, "
            f"alors que les régions de la carte en comptent {fmt.number(summed)}. "
            "Corrigez le total national ou le nombre d'une des régions.",
        )
