"""Meetings of the governing bodies: counts as tiles, dates in sentences."""

from __future__ import annotations

from reportlab.platypus import Flowable

from avereport.model import fmt
from avereport.model.edition import Meeting, MeetingKind, Section
from avereport.model.labels import MEETING_KIND_LABELS
from avereport.model.wording import chronological, enumeration, on, within_year
from avereport.report import markup
from avereport.report.context import RenderContext
from avereport.report.paragraph import Paragraph
from avereport.report.tiles import Tile, TileGrid

_TILE_LABELS = {
    MeetingKind.BOARD: ("réunion du conseil d'administration", "réunions du conseil d'administration"),
    MeetingKind.GENERAL_ASSEMBLY: ("assemblée générale", "assemblées générales"),
    MeetingKind.SEMINAR: ("séminaire", "séminaires"),
    MeetingKind.OTHER: ("autre réunion", "autres réunions"),
}
_GROUPED = {
    MeetingKind.BOARD: ("Le conseil d'administration s'est réuni", "Le conseil d'administration s'est réuni"),
    MeetingKind.GENERAL_ASSEMBLY: ("L'assemblée générale s'est tenue", "L'assemblée générale s'est réunie"),
}


def render(section: Section, ctx: RenderContext) -> list[Flowable]:
    meetings = chronological(ctx.edition.governance.meetings, lambda m: m.date)
    if not meetings:
        return []
    year = ctx.year
    tiles, sentences = [], []
    for kind in MeetingKind:
        of_kind = [m for m in meetings if m.kind is kind]
        if not of_kind:
            continue
        singular, plural_form = _TILE_LABELS[kind]
        tiles.append(
            Tile(
                value=fmt.number(len(of_kind)),
                label=markup.text(singular if len(of_kind) == 1 else plural_form),
            )
        )
        if kind in _GROUPED:
            sentences.append(_grouped(kind, of_kind, year))
        else:
            sentences.extend(_single(meeting) for meeting in of_kind)
    flowables: list[Flowable] = [TileGrid(tiles, ctx.styles, ctx.palette, columns=min(4, max(3, len(tiles))))]
    flowables += [Paragraph(markup.text(text), ctx.styles.body) for text in sentences if text]
    return flowables


def _grouped(kind: MeetingKind, meetings: list[Meeting], year: int) -> str:
    once, several = _GROUPED[kind]
    dated = [m.date for m in meetings if m.date]
    if len(meetings) == 1:
        return f"{once} {on(dated[0])}." if dated else f"{once} une fois en {year}."
    text = f"{several} à {fmt.number(len(meetings))} reprises en {year}"
    if dated:
        text += f" ({enumeration([within_year(d, year) for d in dated])})"
    return text + "."


def _single(meeting: Meeting) -> str:
    text = meeting.label.strip() or MEETING_KIND_LABELS[meeting.kind]
    if meeting.date:
        text += f", {on(meeting.date)}"
    if meeting.place.strip():
        text += f" ({meeting.place.strip()})"
    return text + "."
