"""A block of key figures as infographic tiles, with its source below."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable

from avereport.model import fmt
from avereport.model.edition import KeyFigure, Qualifier, Section
from avereport.report import markup
from avereport.report.context import RenderContext
from avereport.report.paragraph import Paragraph
from avereport.report.tiles import Tile, TileGrid, tile_label

MAX_UNIT_CHARS = 40
# Room needed below a block title for it and a first row of tiles.
INTRODUCED_MIN_HEIGHT = 4 * cm


def figure_value(value: float, unit: str = "", qualifier: Qualifier = Qualifier.EXACT) -> str:
    """Tile markup: the number large, a qualifier ("près de") and a unit
    other than % in smaller type."""
    small = '<font size="10">{}</font>'
    text = fmt.percent(value) if unit == "%" else fmt.number(value)
    text = markup.escape(text)
    if unit and unit != "%":
        text += small.format(" " + markup.text(markup.shortened(unit, MAX_UNIT_CHARS)))
    if qualifier.prefix:
        text = small.format(markup.escape(qualifier.prefix)) + text
    return text


def tile(item: KeyFigure) -> Tile:
    fraction = item.value / 100 if item.unit == "%" else None
    return Tile(
        value=figure_value(item.value, item.unit, item.qualifier),
        label=tile_label(item.label),
        fraction=fraction,
    )


def render(section: Section, ctx: RenderContext) -> list[Flowable]:
    block = next((b for b in ctx.edition.key_figures if b.key == section.ref), None)
    if block is None or not block.items:
        return []
    flowables: list[Flowable] = []
    if block.title.strip() and block.title.strip() != section.heading.strip():
        flowables += [
            CondPageBreak(INTRODUCED_MIN_HEIGHT),
            Paragraph(markup.text(block.title), ctx.styles.h4),
        ]
    flowables.append(TileGrid([tile(item) for item in block.items], ctx.styles, ctx.palette, columns=3))
    if block.source.strip():
        flowables.append(Paragraph(markup.text(block.source), ctx.styles.caption))
    return flowables
