"""One-line French summaries of what a section of the outline holds."""

from __future__ import annotations

from avereport.model.edition import Edition, NetworkKind, Section, SectionKind


def _plural(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n <= 1 else (plural or singular + 's')}"


def section_summary(edition: Edition, section: Section) -> list[str]:
    """Lines such as "22 membres du conseil d'administration"; empty for pure text."""
    g, t, c = edition.governance, edition.training, edition.communication
    kind = section.kind
    if kind is SectionKind.MEMBERSHIP:
        groups = [group for group in edition.membership.groups if not group.retired]
        return [f"{group.name} : {_plural(len(group.categories), 'catégorie')}" for group in groups]
    if kind is SectionKind.COVERAGE:
        return [f"{cov.kind.value.upper()} : {cov.members if cov.members is not None else '?'} adhérents sur {cov.total if cov.total is not None else '?'}"
                for cov in edition.network.coverage if cov.kind is not NetworkKind.OI]
    if kind is SectionKind.MAPS:
        return [_plural(len(edition.network.region_counts), "décompte régional", "décomptes régionaux")]
    if kind is SectionKind.BOARD:
        return [_plural(len(g.board), "membre du conseil d'administration", "membres du conseil d'administration")]
    if kind is SectionKind.BUREAU:
        return [_plural(len(g.bureau), "fonction au bureau", "fonctions au bureau")]
    if kind is SectionKind.GOVERNANCE_EVENTS:
        return [_plural(len(g.events), "événement")]
    if kind is SectionKind.MEETINGS:
        return [_plural(len(g.meetings), "réunion")]
    if kind is SectionKind.REGIONAL_BODIES:
        return [_plural(len(g.regional_bodies), "instance régionale", "instances régionales")]
    if kind is SectionKind.STAFF:
        return [_plural(len(g.staff), "personne")]
    if kind is SectionKind.TRAINING:
        people = sum(s.plie + s.mde + s.collectivites + s.autres for s in t.sessions)
        return [_plural(len(t.sessions), "session"), _plural(people, "participant")]
    if kind is SectionKind.ASSISTANCE:
        return [_plural(len(t.assistance), "indicateur")]
    if kind is SectionKind.CLUBS:
        return [_plural(len(t.clubs), "club")]
    if kind is SectionKind.WEBINARS:
        return [_plural(len(c.webinars), "webinaire")]
    if kind is SectionKind.COMMUNICATION:
        return [_plural(len(c.followers), "réseau social", "réseaux sociaux"), _plural(len(c.metrics), "autre indicateur", "autres indicateurs")]
    if kind is SectionKind.KEY_FIGURES:
        block = next((b for b in edition.key_figures if b.key == section.ref), None)
        return [f"{block.title} : {_plural(len(block.items), 'chiffre')}"] if block else ["Bloc de chiffres clés introuvable"]
    if kind is SectionKind.LIST:
        titled = next((x for x in edition.lists if x.key == section.ref), None)
        return [f"{titled.title} : {_plural(len(titled.items), 'élément')}"] if titled else ["Liste introuvable"]
    return []
