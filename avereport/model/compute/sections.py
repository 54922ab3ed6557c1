"""Whether a section of the outline has anything to show.

A section with no data is left out of the PDF and reported by the checks; both
use these rules so that they agree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from avereport.model.edition import Edition, Section, SectionKind


def _membership(e: Edition) -> bool:
    m = e.membership
    return m.declared_total is not None or any(
        g.declared_total is not None or any(c.count is not None for c in g.categories) for g in m.groups
    )


def _coverage(e: Edition) -> bool:
    return any(
        c.total is not None or c.members is not None or c.grouped_plie is not None for c in e.network.coverage
    )


def _communication(e: Edition) -> bool:
    c = e.communication
    return (
        any(v is not None for v in (c.website_visits, c.top_page_visits, c.job_offers))
        or any(f.count is not None for f in c.followers)
        or bool(c.reach_tiers)
        or any(m.value is not None for m in c.metrics)
    )


def _key_figures(e: Edition, ref: str) -> bool:
    return any(block.items for block in e.key_figures if block.key == ref)


def _list(e: Edition, ref: str) -> bool:
    return any(titled.items for titled in e.lists if titled.key == ref)


_DATA: dict[SectionKind, Callable[[Edition], bool]] = {
    SectionKind.MEMBERSHIP: _membership,
    SectionKind.COVERAGE: _coverage,
    SectionKind.MAPS: lambda e: bool(e.network.region_counts),
    SectionKind.BOARD: lambda e: bool(e.governance.board),
    SectionKind.BUREAU: lambda e: bool(e.governance.bureau),
    SectionKind.GOVERNANCE_EVENTS: lambda e: bool(e.governance.events),
    SectionKind.MEETINGS: lambda e: bool(e.governance.meetings),
    SectionKind.REGIONAL_BODIES: lambda e: bool(e.governance.regional_bodies),
    SectionKind.STAFF: lambda e: bool(e.governance.staff),
    SectionKind.TRAINING: lambda e: bool(e.training.sessions),
    SectionKind.ASSISTANCE: lambda e: any(i.value is not None for i in e.training.assistance),
    SectionKind.CLUBS: lambda e: bool(e.training.clubs),
    SectionKind.WEBINARS: lambda e: bool(e.communication.webinars),
    SectionKind.COMMUNICATION: _communication,
}


def has_data(edition: Edition, section: Section) -> bool:
    """Whether the structured data a section shows has anything in it
    (always false for a narrative section, which shows only its text)."""
    if section.kind is SectionKind.NARRATIVE:
        return False
    if section.kind is SectionKind.KEY_FIGURES:
        return _key_figures(edition, section.ref)
    if section.kind is SectionKind.LIST:
        return _list(edition, section.ref)
    return _DATA[section.kind](edition)


def has_subsections(outline: Sequence[Section], index: int) -> bool:
    """Whether the section at ``index`` is followed by deeper sections."""
    return index + 1 < len(outline) and outline[index + 1].level > outline[index].level


def is_empty(edition: Edition, index: int) -> bool:
    """A section with no text and no data, nor any of its subsections: the PDF
    leaves it out."""
    outline = edition.outline
    end = index + 1
    while end < len(outline) and outline[end].level > outline[index].level:
        end += 1
    return not any(s.body.strip() or has_data(edition, s) for s in outline[index:end])
