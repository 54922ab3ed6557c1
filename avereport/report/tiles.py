"""Key figures as infographic tiles: a big number, a label below, an optional
bar for percentages and a note (a change, a comparison)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable

from avereport.report import markup
from avereport.report.paragraph import Paragraph
from avereport.report.styles import Palette, Styles

GAP = 8
# A tile must fit a page: its texts are cut beyond these lengths.
MAX_VALUE_CHARS = 80
MAX_LABEL_CHARS = 400
PADDING = 10
BAR_HEIGHT = 4


def tile_label(text: str) -> str:
    """A user text as tile label markup."""
    return markup.text(markup.shortened(text, MAX_LABEL_CHARS))


def tile_value(text: str) -> str:
    """A user text as the big line of a tile (a name on a card)."""
    return markup.text(markup.shortened(text, MAX_VALUE_CHARS))


@dataclass(frozen=True)
class Tile:
    value: str  # paragraph markup
    label: str  # paragraph markup
    fraction: float | None = None  # draws a bar: share of 100 %
    note: str = ""  # paragraph markup


class TileGrid(Flowable):
    """Tiles in rows of ``columns``; every tile of a row is as tall as the
    tallest. Splits between rows, never inside one."""

    def __init__(
        self, tiles: Sequence[Tile], styles: Styles, palette: Palette, columns: int = 3, value_style=None
    ) -> None:
        super().__init__()
        self.tiles = list(tiles)
        self.value_style = value_style or styles.tile_value
        self.styles = styles
        self.palette = palette
        self.columns = columns
        self.spaceBefore = 4
        self.spaceAfter = 10
        self._parts = [self._paragraphs(tile) for tile in self.tiles]
        self._rows: list[list[tuple[Tile, list[Paragraph]]]] = []
        self._heights: list[float] = []

    def _paragraphs(self, tile: Tile) -> list[Paragraph]:
        parts = [Paragraph(tile.value, self.value_style), Paragraph(tile.label, self.styles.tile_label)]
        if tile.note:
            parts.append(Paragraph(tile.note, self.styles.tile_note))
        return parts

    def _layout(self, width: float) -> None:
        tile_width = (width - GAP * (self.columns - 1)) / self.columns
        inner = tile_width - 2 * PADDING
        self.tile_width = tile_width
        self._rows, self._heights = [], []
        for start in range(0, len(self.tiles), self.columns):
            row = []
            height = 0.0
            end = start + self.columns
            for tile, parts in zip(self.tiles[start:end], self._parts[start:end], strict=True):
                content = sum(p.wrap(inner, 10_000)[1] for p in parts) + 4 * (len(parts) - 1)
                if tile.fraction is not None:
                    content += BAR_HEIGHT + 6
                height = max(height, content + 2 * PADDING)
                row.append((tile, parts))
            self._rows.append(row)
            self._heights.append(height)

    def wrap(self, availWidth, availHeight):
        self._layout(availWidth)
        self.width = availWidth
        self.height = sum(self._heights) + GAP * max(0, len(self._heights) - 1)
        return self.width, self.height

    def split(self, availWidth, availHeight):
        self._layout(availWidth)
        used, count = 0.0, 0
        for height in self._heights:
            if used + height > availHeight:
                break
            used += height + GAP
            count += 1
        if count == 0 or count == len(self._heights):
            return []
        cut = count * self.columns
        return [
            TileGrid(self.tiles[:cut], self.styles, self.palette, self.columns, self.value_style),
            TileGrid(self.tiles[cut:], self.styles, self.palette, self.columns, self.value_style),
        ]

    def draw(self) -> None:
        canvas = self.canv
        top = self.height
        for row, height in zip(self._rows, self._heights, strict=True):
            bottom = top - height
            for column, (tile, parts) in enumerate(row):
                x = column * (self.tile_width + GAP)
                canvas.saveState()
                canvas.setFillColor(self.palette.tint)
                canvas.roundRect(x, bottom, self.tile_width, height, 5, stroke=0, fill=1)
                canvas.setFillColor(self.palette.secondary)
                canvas.rect(x, top - 3, self.tile_width, 3, stroke=0, fill=1)
                canvas.restoreState()
                y = top - PADDING
                inner = self.tile_width - 2 * PADDING
                value, rest = parts[0], parts[1:]
                y -= value.height
                value.drawOn(canvas, x + PADDING, y)
                if tile.fraction is not None:
                    y -= BAR_HEIGHT + 4
                    self._bar(x + PADDING, y, inner, tile.fraction)
                    y -= 2
                for part in rest:
                    y -= 4 + part.height
                    part.drawOn(canvas, x + PADDING, y)
            top = bottom - GAP

    def _bar(self, x: float, y: float, width: float, fraction: float) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(self.palette.soft)
        canvas.roundRect(x, y, width, BAR_HEIGHT, BAR_HEIGHT / 2, stroke=0, fill=1)
        filled = width * min(max(fraction, 0.0), 1.0)
        if filled > 0:
            canvas.setFillColor(self.palette.primary)
            canvas.roundRect(x, y, max(filled, BAR_HEIGHT), BAR_HEIGHT, BAR_HEIGHT / 2, stroke=0, fill=1)
        canvas.restoreState()
