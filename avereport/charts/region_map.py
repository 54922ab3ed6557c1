"""Tile-grid map of France: one square per region, shaded by a count."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from avereport.charts.data import Chart
from avereport.charts.describe import sentence
from avereport.charts.french import enumeration
from avereport.charts.narrow import (
    axes_size_pt,
    fit_height,
    narrow_figure,
    text_height_pt,
    text_width_pt,
    wrap_to,
)
from avereport.charts.palette import Palette
from avereport.charts.style import MIN_FONT_PT, add_title, lay_out, new_figure, styled
from avereport.model.edition import NetworkKind
from avereport.model.fmt import number
from avereport.model.labels import NETWORK_KIND_LABELS
from avereport.model.regions import Region

# (column, row), row 0 at the top: a rough outline of metropolitan France,
# Corse off the south-east corner, then the overseas regions on a row of their own.
METROPOLITAN_TILES: dict[Region, tuple[int, int]] = {
    Region.NOR: (1, 0),
    Region.HDF: (2, 0),
    Region.BRE: (0, 1),
    Region.PDL: (1, 1),
    Region.IDF: (2, 1),
    Region.GES: (3, 1),
    Region.NAQ: (1, 2),
    Region.CVL: (2, 2),
    Region.BFC: (3, 2),
    Region.OCC: (1, 3),
    Region.ARA: (2, 3),
    Region.PAC: (3, 3),
    Region.COR: (4, 4),
}
OVERSEAS_TILES: dict[Region, tuple[int, int]] = {
    Region.GUA: (0, 5),
    Region.MTQ: (1, 5),
    Region.GUF: (2, 5),
    Region.REU: (3, 5),
    Region.MAY: (4, 5),
}
TILES = {**METROPOLITAN_TILES, **OVERSEAS_TILES}
COLUMNS = 1 + max(column for column, _ in TILES.values())
ROWS = 1 + max(row for _, row in TILES.values())
OVERSEAS_GAP = 0.4
TILE_GAP = 0.05
LABEL_WIDTH_CHARS = 10
COUNT_FONT_PT = 15
# Narrow layout: a smaller count leaves room for the code above it; the key's
# distance under the map, in map units.
NARROW_COUNT_FONT_PT = 11
KEY_GAP = 0.25


def tile_box(region: Region) -> tuple[float, float, float, float]:
    """``(x, y, width, height)`` of a region's tile, in map units (y upwards)."""
    column, row = TILES[region]
    y = -(row + 1) - (OVERSEAS_GAP if region.overseas else 0)
    size = 1 - 2 * TILE_GAP
    return (column + TILE_GAP, y + TILE_GAP, size, size)


def tile_label(region: Region) -> str:
    return textwrap.fill(region.short_label, LABEL_WIDTH_CHARS)


@styled
def region_map(
    kind: NetworkKind,
    counts: Mapping[Region, int],
    palette: Palette,
    *,
    title: str | None = None,
    narrow_cm: float | None = None,
) -> Chart:
    """A region missing from ``counts`` has none of these structures (0).
    ``narrow_cm``: the narrow layout (see ``charts.narrow``), each tile named
    by its code, the codes spelt out under the map."""
    name = NETWORK_KIND_LABELS[kind]
    title = f"{name} par région" if title is None else title
    if narrow_cm is not None:
        return Chart(_narrow_map(counts, palette, title, narrow_cm), _map_sentence(title, counts))
    figure = new_figure(height_cm=15.5, width_cm=12.0)
    add_title(figure, title)
    axes = figure.add_subplot()
    _map_axes(axes, -(ROWS + OVERSEAS_GAP))
    _tiles(axes, counts, palette, tile_label, COUNT_FONT_PT)
    total = sum(counts.values())
    axes.text(0.08, -0.15, number(total), ha="left", va="top", fontsize=COUNT_FONT_PT + 3, fontweight="bold")
    axes.text(
        0.08, -0.62, "au total", ha="left", va="top", fontsize=MIN_FONT_PT + 1, color=palette.muted_text
    )
    _overseas_heading(axes, palette)
    return Chart(figure, _map_sentence(title, counts))


def _map_axes(axes, bottom: float) -> None:
    axes.set_axis_off()
    axes.set_aspect("equal")
    axes.set_xlim(0, COLUMNS)
    axes.set_ylim(bottom, 0)


def _tiles(axes, counts: Mapping[Region, int], palette: Palette, label, count_pt: float) -> None:
    """One tile a region, shaded by its count, with ``label(region)`` at the
    top and the count at the bottom."""
    top = max(counts.values(), default=0) or 1
    for region in Region:
        count = counts.get(region, 0)
        x, y, width, height = tile_box(region)
        colour = palette.ramp(count / top)
        tile = FancyBboxPatch(
            (x, y),
            width,
            height,
            boxstyle="round,pad=0,rounding_size=0.08",
            facecolor=colour,
            edgecolor="none",
        )
        tile.set_gid(f"tile-{region.value}")
        axes.add_artist(tile)  # not add_patch: the limits are set, no need to measure rounded corners
        ink = palette.text_on(colour)
        # Both inside the tile, so inside the plot: the layout need not measure them.
        axes.text(
            x + width / 2,
            y + height - 0.08,
            label(region),
            ha="center",
            va="top",
            fontsize=MIN_FONT_PT,
            color=ink,
            in_layout=False,
        )
        axes.text(
            x + width / 2,
            y + 0.1,
            number(count),
            ha="center",
            va="bottom",
            fontsize=count_pt,
            fontweight="bold",
            color=ink,
            in_layout=False,
        )


def _overseas_heading(axes, palette: Palette) -> None:
    overseas_top = tile_box(Region.GUA)[1] + tile_box(Region.GUA)[3]
    axes.text(
        TILE_GAP,
        overseas_top + 0.04,
        "Outre-mer",
        ha="left",
        va="bottom",
        fontsize=MIN_FONT_PT + 1,
        color=palette.muted_text,
    )


def region_code(region: Region) -> str:
    """The short name the narrow map writes in a tile: « AURA », « NOR »…"""
    return region.short_label if len(region.short_label) <= len("PACA") else region.value


def _count_size(counts: Mapping[Region, int], room_pt: float) -> float:
    """The narrow map's count size: smaller when the widest count would not
    fit in a tile ``room_pt`` wide (never under the smallest chart text)."""
    widest = text_width_pt(number(max(counts.values(), default=0)), NARROW_COUNT_FONT_PT, "bold")
    return max(MIN_FONT_PT, min(NARROW_COUNT_FONT_PT, NARROW_COUNT_FONT_PT * room_pt / max(widest, 1)))


def _narrow_map(counts: Mapping[Region, int], palette: Palette, title: str, width_cm: float) -> Figure:
    """The same tiles, the full width of the figure: a region's code and
    count in its tile, the total in the empty corner at the top right, the
    codes spelt out below (one entry never broken across lines)."""
    figure = narrow_figure(width_cm, 10.0, title)
    axes = figure.add_subplot()
    axes.set_axis_off()
    lay_out(figure)
    unit_pt = axes_size_pt(figure, axes)[0] / COLUMNS
    entries = sorted((region_code(r), r.label) for r in Region)
    key = wrap_to(
        " · ".join(
            f"{code}\N{NO-BREAK SPACE}{name}".replace(" ", "\N{NO-BREAK SPACE}") for code, name in entries
        ),
        COLUMNS * unit_pt,
        MIN_FONT_PT,
    )
    map_bottom = -(ROWS + OVERSEAS_GAP)
    bottom = map_bottom - KEY_GAP - text_height_pt(key, MIN_FONT_PT) / unit_pt
    fit_height(figure, axes, -bottom * unit_pt, laid_out=True)
    _map_axes(axes, bottom)
    _tiles(axes, counts, palette, region_code, _count_size(counts, unit_pt * (1 - 2 * TILE_GAP) - 4))
    right = COLUMNS - TILE_GAP
    total = sum(counts.values())
    axes.text(
        right, -0.1, number(total), ha="right", va="top", fontsize=NARROW_COUNT_FONT_PT + 2, fontweight="bold"
    )
    axes.text(
        right, -0.7, "au total", ha="right", va="top", fontsize=MIN_FONT_PT + 1, color=palette.muted_text
    )
    _overseas_heading(axes, palette)
    axes.text(TILE_GAP, map_bottom - KEY_GAP, key, va="top", fontsize=MIN_FONT_PT, in_layout=False)
    return figure


def _map_sentence(title: str, counts: Mapping[Region, int]) -> str:
    order = list(Region)
    present = sorted((r for r in Region if counts.get(r, 0) > 0), key=lambda r: (-counts[r], order.index(r)))
    absent = [r.label for r in Region if counts.get(r, 0) == 0]
    parts = [", ".join(f"{r.label} {number(counts[r])}" for r in present)] if present else []
    if absent and present:
        parts.append(f"{enumeration(absent)} : 0")
    return sentence(f"{title}, {number(sum(counts.values()))} au total", parts)
