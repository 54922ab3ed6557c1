"""Governance events told in date order: who was elected, left, joined."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable

from avereport.model.edition import EventKind, GovernanceEvent, Section
from avereport.model.wording import chronological, date_label, lower_first, of
from avereport.report import markup
from avereport.report.context import RenderContext
from avereport.report.styles import MUTED
from avereport.report.tables import data_table

_NOUNS = {
    EventKind.ELECTION: "Élection",
    EventKind.RESIGNATION: "Démission",
    EventKind.ARRIVAL: "Arrivée",
    EventKind.DEPARTURE: "Départ",
}


def sentence(event: GovernanceEvent) -> str:
    """The event in one sentence, neutral whatever the gender:
    "Élection de Yohan David, président."."""
    person = event.person.strip()
    role = lower_first(event.role.strip())
    if event.kind is EventKind.HONORARY:
        return f"{person} devient {role}." if role else f"{person} reçoit un titre honorifique."
    if event.kind in _NOUNS:
        text = f"{_NOUNS[event.kind]} {of(person)}" if person else _NOUNS[event.kind]
    else:
        text = person
    if role:
        text = f"{text}, {role}" if text else role
    return f"{text}." if text else ""


def render(section: Section, ctx: RenderContext) -> list[Flowable]:
    events = chronological(ctx.edition.governance.events, lambda e: e.date)
    if not events:
        return []
    muted = "#" + MUTED.hexval()[2:]
    rows = []
    for event in events:
        text = markup.bold(markup.text(sentence(event))) if sentence(event) else ""
        if event.description.strip():
            description = f'<font color="{muted}">{markup.text(event.description.strip())}</font>'
            text = f"{text}<br/>{description}" if text else description
        rows.append([markup.bold(markup.text(date_label(event.date))), text])
    return [
        data_table(["Date", "Événement"], rows, [3.6 * cm, ctx.width - 3.6 * cm], ctx.styles, ctx.palette)
    ]
