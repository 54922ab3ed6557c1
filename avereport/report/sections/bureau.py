"""The bureau: one card per role, the member's name in large type."""

from __future__ import annotations

from reportlab.platypus import Flowable

from avereport.model.edition import Section
from avereport.model.wording import capitalised, on
from avereport.report import markup
from avereport.report.context import RenderContext
from avereport.report.tiles import Tile, TileGrid, tile_label, tile_value


def render(section: Section, ctx: RenderContext) -> list[Flowable]:
    governance = ctx.edition.governance
    members = {member.id: member for member in governance.board if member.id is not None}
    cards = []
    for role in governance.bureau:
        member = members.get(role.member_id)
        if member is None:  # a dangling reference: the checks report it
            continue
        name = f"{member.first_name} {member.surname}".strip()
        label = tile_label(capitalised(role.role))
        if role.since:
            label += "<br/>" + markup.text(f"depuis {on(role.since)}")
        cards.append(Tile(value=tile_value(name), label=label))
    if not cards:
        return []
    return [TileGrid(cards, ctx.styles, ctx.palette, columns=3, value_style=ctx.styles.card_name)]
