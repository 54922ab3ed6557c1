"""Which editor edits which kind of section.

Editor modules are imported when a section of their kind is first opened, so
starting the app does not pay for matplotlib or the report's chart plumbing.
"""

from __future__ import annotations

import importlib

from avereport.model.edition import SectionKind
from avereport.ui.editors.base import SectionEditor

EDITORS: dict[SectionKind, str] = {
    SectionKind.NARRATIVE: "base:NarrativeEditor",
    SectionKind.MEMBERSHIP: "membership:MembershipEditor",
    SectionKind.COVERAGE: "coverage:CoverageEditor",
    SectionKind.MAPS: "maps:MapsEditor",
    SectionKind.BOARD: "board:BoardEditor",
    SectionKind.BUREAU: "bureau:BureauEditor",
    SectionKind.GOVERNANCE_EVENTS: "events:EventsEditor",
    SectionKind.MEETINGS: "meetings:MeetingsEditor",
    SectionKind.REGIONAL_BODIES: "regional_bodies:RegionalBodiesEditor",
    SectionKind.STAFF: "staff:StaffEditor",
    SectionKind.KEY_FIGURES: "key_figures:KeyFiguresEditor",
    SectionKind.TRAINING: "training:TrainingEditor",
    SectionKind.ASSISTANCE: "assistance:AssistanceEditor",
    SectionKind.CLUBS: "clubs:ClubsEditor",
    SectionKind.WEBINARS: "webinars:WebinarsEditor",
    SectionKind.LIST: "lists:ListEditor",
    SectionKind.COMMUNICATION: "communication:CommunicationEditor",
}


def editor_for(kind: SectionKind) -> type[SectionEditor]:
    module, name = EDITORS[kind].split(":")
    return getattr(importlib.import_module(f"avereport.ui.editors.{module}"), name)
