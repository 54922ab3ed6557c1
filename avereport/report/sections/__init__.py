"""One renderer per kind of section, and the registry that picks it.

A renderer returns the flowables of a section's data (an empty list when there
is nothing to show); the section's Markdown text and heading are added by
:func:`section_content` and the document builder.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable

from avereport.model.edition import Section, SectionKind
from avereport.report.context import RenderContext
from avereport.report.sections import (
    assistance,
    board,
    bureau,
    clubs,
    communication,
    coverage,
    events,
    key_figures,
    lists,
    maps,
    meetings,
    membership,
    narrative,
    regional_bodies,
    staff,
    training,
    webinars,
)

Renderer = Callable[[Section, RenderContext], list[Flowable]]

RENDERERS: dict[SectionKind, Renderer] = {
    SectionKind.NARRATIVE: narrative.render,
    SectionKind.MEMBERSHIP: membership.render,
    SectionKind.COVERAGE: coverage.render,
    SectionKind.MAPS: maps.render,
    SectionKind.BOARD: board.render,
    SectionKind.BUREAU: bureau.render,
    SectionKind.GOVERNANCE_EVENTS: events.render,
    SectionKind.MEETINGS: meetings.render,
    SectionKind.REGIONAL_BODIES: regional_bodies.render,
    SectionKind.STAFF: staff.render,
    SectionKind.KEY_FIGURES: key_figures.render,
    SectionKind.TRAINING: training.render,
    SectionKind.ASSISTANCE: assistance.render,
    SectionKind.CLUBS: clubs.render,
    SectionKind.WEBINARS: webinars.render,
    SectionKind.LIST: lists.render,
    SectionKind.COMMUNICATION: communication.render,
}


def section_content(section: Section, ctx: RenderContext) -> list[Flowable]:
    """The section's text, then its data."""
    return ctx.markdown_flowables(section.body) + RENDERERS[section.kind](section, ctx)
