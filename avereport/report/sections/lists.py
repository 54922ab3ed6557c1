"""A titled list (partners, meetings, bodies…) as bullets; a long list of
short items is set in two columns."""

from __future__ import annotations

import math

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, ListFlowable, ListItem, Table

from avereport.model.edition import Section
from avereport.report import markup
from avereport.report.context import RenderContext
from avereport.report.fonts import REGULAR
from avereport.report.paragraph import Paragraph
from avereport.report.tables import table_style
from avereport.report.together import Together

# Room needed below a list title for it and its first items.
INTRODUCED_MIN_HEIGHT = 2.5 * cm
TWO_COLUMNS_MIN_ITEMS = 8
TWO_COLUMNS_MAX_CHARS = 45


def render(section: Section, ctx: RenderContext) -> list[Flowable]:
    titled = next((t for t in ctx.edition.lists if t.key == section.ref), None)
    if titled is None:
        return []
    items = [item for item in titled.items if item.strip()]
    if not items:
        return []
    title: list[Flowable] = []
    if titled.title.strip() and titled.title.strip() != section.heading.strip():
        title = [Paragraph(markup.text(titled.title), ctx.styles.h4)]
    if len(items) >= TWO_COLUMNS_MIN_ITEMS and max(len(item) for item in items) <= TWO_COLUMNS_MAX_CHARS:
        # Two columns make one unbreakable row: the title goes with it.
        return [Together([*title, _columns(items, ctx)])]
    return (
        [CondPageBreak(INTRODUCED_MIN_HEIGHT), *title, _bullets(items, ctx)]
        if title
        else [_bullets(items, ctx)]
    )


def _columns(items: list[str], ctx: RenderContext) -> Table:
    half = math.ceil(len(items) / 2)
    columns = Table(
        [[_bullets(items[:half], ctx), _bullets(items[half:], ctx)]], colWidths=[ctx.width / 2] * 2
    )
    columns.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return columns


def _bullets(items: list[str], ctx: RenderContext) -> ListFlowable:
    return ListFlowable(
        [ListItem(Paragraph(markup.text(item), ctx.styles.list_item)) for item in items],
        bulletType="bullet",
        start="•",
        bulletFontName=REGULAR,
        bulletFontSize=10,
        bulletColor=ctx.palette.primary,
        leftIndent=16,
        spaceAfter=8,
    )
