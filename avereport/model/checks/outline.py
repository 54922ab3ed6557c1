"""Checks of the outline: keys, references, empty sections, sections still
*à rédiger* or *à relire*, text copied unchanged from the previous edition
(once someone has marked a section *relu*, its text is theirs)."""

from __future__ import annotations

from collections.abc import Iterator

from avereport.model.checks.findings import Finding, error, quote, warning
from avereport.model.compute.sections import has_data, has_subsections, is_empty
from avereport.model.edition import Edition, ReviewState, Section, SectionKind
from avereport.model.review import confirmed

# Where the UI should take the user to fill a structured section in.
DATA_FIELDS = {
    SectionKind.MEMBERSHIP: "membership.groups",
    SectionKind.COVERAGE: "network.coverage",
    SectionKind.MAPS: "network.region_counts",
    SectionKind.BOARD: "governance.board",
    SectionKind.BUREAU: "governance.bureau",
    SectionKind.GOVERNANCE_EVENTS: "governance.events",
    SectionKind.MEETINGS: "governance.meetings",
    SectionKind.REGIONAL_BODIES: "governance.regional_bodies",
    SectionKind.STAFF: "governance.staff",
    SectionKind.TRAINING: "training.sessions",
    SectionKind.ASSISTANCE: "training.assistance",
    SectionKind.CLUBS: "training.clubs",
    SectionKind.WEBINARS: "communication.webinars",
    SectionKind.COMMUNICATION: "communication",
}


def check_outline(edition: Edition, previous: Edition | None) -> Iterator[Finding]:
    earlier = {s.key: s for s in reversed(previous.outline)} if previous else {}
    seen: set[str] = set()
    for i, section in enumerate(edition.outline):
        path = f"outline[{i}]"
        name = quote(section.heading or section.key)
        if section.key in seen:
            yield error(
                section.kind,
                f"{path}.key",
                f"La clé de section {quote(section.key)} figure plusieurs fois.",
            )
        seen.add(section.key)
        target = _target(edition, section, path)
        if target is None:
            yield error(
                section.kind,
                f"{path}.ref",
                f"La section {name} renvoie à un contenu qui n'existe pas.",
            )
        elif section.kind is not SectionKind.NARRATIVE and not has_data(edition, section):
            end = "elle sera omise du PDF" if is_empty(edition, i) else "seul son texte sera imprimé"
            yield warning(section.kind, target, f"La section {name} n'a aucune donnée : {end}.")
        elif (
            section.kind is SectionKind.NARRATIVE
            and is_empty(edition, i)
            and not has_subsections(edition.outline, i)
        ):
            yield warning(
                section.kind,
                f"{path}.body",
                f"La section {name} est vide : elle sera omise du PDF.",
            )
        body = section.body.strip()
        # The year whose text the section repeats word for word, if it does.
        repeated = (
            previous.year
            if previous and body and section.key in earlier and earlier[section.key].body.strip() == body
            else None
        )
        if section.review is not ReviewState.REVIEWED:
            yield _pending(section, path, name, repeated)
        elif repeated is not None and not confirmed(section):
            yield warning(
                section.kind,
                f"{path}.body",
                f"La section {name} reprend mot pour mot le texte de {repeated}.",
            )


REVIEW_CODES = {ReviewState.TO_WRITE: "review.to_write", ReviewState.TO_REVIEW: "review.to_review"}


def _pending(section: Section, path: str, name: str, repeated: int | None) -> Finding:
    """The finding of a section not yet marked *relu*."""
    if section.review is ReviewState.TO_WRITE:
        message = f"La section {name} est à rédiger : elle n'est pas encore marquée comme relue."
    elif repeated is not None:
        message = f"La section {name} est à relire : son texte est celui de {repeated}, repris tel quel."
    else:
        message = f"La section {name} est à relire : elle n'est pas encore marquée comme relue."
    return warning(section.kind, f"{path}.review", message, REVIEW_CODES[section.review])


def _target(edition: Edition, section: Section, path: str) -> str | None:
    """The field holding a section's data; ``None`` for a dangling reference."""
    if section.kind is SectionKind.NARRATIVE:
        return f"{path}.body"
    if section.kind is SectionKind.KEY_FIGURES:
        keys = [b.key for b in edition.key_figures]
        return f"key_figures[{keys.index(section.ref)}].items" if section.ref in keys else None
    if section.kind is SectionKind.LIST:
        keys = [t.key for t in edition.lists]
        return f"lists[{keys.index(section.ref)}].items" if section.ref in keys else None
    return DATA_FIELDS[section.kind]
