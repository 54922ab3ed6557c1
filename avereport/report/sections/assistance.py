"""Technical assistance indicators as tiles, with their comparisons."""

from __future__ import annotations

from reportlab.platypus import Flowable

from avereport.model.compute import IndicatorLine, assistance_lines
from avereport.model.edition import Section
from avereport.model.wording import change, compared
from avereport.report import markup
from avereport.report.context import RenderContext
from avereport.report.sections.key_figures import figure_value
from avereport.report.tiles import Tile, TileGrid, tile_label


def note(line: IndicatorLine, previous_year: int) -> str:
    """The tile note: "+50 % par rapport à 2019" for a stated comparison, else the change
    against the previous edition when it can be computed."""
    if line.compare_year is not None and line.compare_change is not None:
        return compared(line.compare_change, line.compare_year)
    return change(line, previous_year)


def render(section: Section, ctx: RenderContext) -> list[Flowable]:
    valued = [
        (line, line.value) for line in assistance_lines(ctx.edition, ctx.previous) if line.value is not None
    ]
    if not valued:
        return []
    tiles = [
        Tile(
            value=figure_value(value, line.unit, line.qualifier),
            label=tile_label(line.label),
            note=markup.text(note(line, ctx.year - 1)),
        )
        for line, value in valued
    ]
    return [TileGrid(tiles, ctx.styles, ctx.palette, columns=2)]
