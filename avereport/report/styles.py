"""The report's look: brand colours, type scale and paragraph styles.

All sizes in points. Body text 9.5/14, headings on a 1.25 ratio scale; the
brand primary colours headings, rules and tiles, the secondary accents
numbers. A colour the user typed that is not a valid hex code falls back to
the default brand, so a typo never stops an export.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from avereport.model.edition import Organisation
from avereport.report.fonts import BOLD, ITALIC, REGULAR, register_fonts
from avereport.report.nbsp import keep_narrow_spaces

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
DEFAULTS = Organisation()

INK = HexColor("#1F2328")
MUTED = HexColor("#5B6270")
RULE = HexColor("#D5D9E0")


def mix(colour: Color, other: Color, amount: float) -> Color:
    """``amount`` of ``other`` blended into ``colour`` (0 keeps ``colour``)."""
    return Color(*(a + (b - a) * amount for a, b in zip(colour.rgb(), other.rgb(), strict=True)))


def brand_colour(text: str, fallback: str) -> Color:
    return HexColor(text if _HEX.match(text or "") else fallback)


@dataclass(frozen=True)
class Palette:
    primary: Color
    secondary: Color

    @property
    def tint(self) -> Color:
        """A very light primary, for zebra rows and tile backgrounds."""
        return mix(self.primary, white, 0.93)

    @property
    def soft(self) -> Color:
        return mix(self.primary, white, 0.75)

    @classmethod
    def of(cls, organisation: Organisation) -> Palette:
        return cls(
            primary=brand_colour(organisation.primary_colour, DEFAULTS.primary_colour),
            secondary=brand_colour(organisation.secondary_colour, DEFAULTS.secondary_colour),
        )


class Styles:
    """Named paragraph styles of one report, coloured after its brand.

    Making them readies reportlab for the report's text: the fonts are
    registered and the narrow no-break space made unbreakable."""

    def __init__(self, palette: Palette) -> None:
        register_fonts()
        keep_narrow_spaces()
        p = palette.primary
        base = ParagraphStyle(
            "body", fontName=REGULAR, fontSize=9.5, leading=14, textColor=INK, spaceAfter=7, allowWidows=0
        )
        self.body = base
        self.list_item = ParagraphStyle("list_item", parent=base, spaceAfter=3)
        self.quote = ParagraphStyle("quote", parent=base, leftIndent=12, textColor=MUTED, fontName=ITALIC)
        self.h1 = ParagraphStyle(
            "h1", parent=base, fontName=BOLD, fontSize=22, leading=27, textColor=white, spaceAfter=0
        )
        self.h1_number = ParagraphStyle(
            "h1_number", parent=self.h1, fontSize=13, leading=16, textColor=palette.soft
        )
        self.h2 = ParagraphStyle(
            "h2",
            parent=base,
            fontName=BOLD,
            fontSize=14.5,
            leading=18.5,
            textColor=p,
            spaceBefore=16,
            spaceAfter=8,
            keepWithNext=1,
        )
        self.h3 = ParagraphStyle(
            "h3",
            parent=base,
            fontName=BOLD,
            fontSize=11,
            leading=14.5,
            textColor=INK,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=1,
        )
        # Not kept with what follows: it introduces long grids and lists, which
        # callers precede with a conditional page break instead.
        self.h4 = ParagraphStyle(
            "h4", parent=self.h3, fontSize=10, leading=13, textColor=MUTED, spaceBefore=8, keepWithNext=0
        )
        self.caption = ParagraphStyle(
            "caption",
            parent=base,
            fontName=ITALIC,
            fontSize=7.5,
            leading=10,
            textColor=MUTED,
            spaceBefore=3,
            spaceAfter=12,
        )
        self.note = ParagraphStyle("note", parent=base, fontSize=8, leading=11, textColor=MUTED)
        self.cell = ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11.5, spaceAfter=0)
        self.cell_right = ParagraphStyle("cell_right", parent=self.cell, alignment=TA_RIGHT)
        self.cell_head = ParagraphStyle("cell_head", parent=self.cell, fontName=BOLD, textColor=white)
        self.cell_head_right = ParagraphStyle("cell_head_right", parent=self.cell_head, alignment=TA_RIGHT)
        self.card_total = ParagraphStyle(
            "card_total",
            parent=self.cell_head,
            fontSize=8.5,
            leading=20,
            textColor=palette.soft,
            spaceBefore=2,
        )
        self.tile_value = ParagraphStyle(
            "tile_value", parent=base, fontName=BOLD, fontSize=20, leading=23, textColor=p, spaceAfter=0
        )
        self.tile_label = ParagraphStyle(
            "tile_label", parent=base, fontSize=8, leading=10.5, textColor=INK, spaceAfter=0
        )
        self.tile_note = ParagraphStyle(
            "tile_note", parent=self.tile_label, fontName=BOLD, fontSize=7.5, textColor=palette.secondary
        )
        self.card_name = ParagraphStyle("card_name", parent=self.tile_value, fontSize=11.5, leading=14.5)
        self.toc_title = ParagraphStyle(
            "toc_title", parent=base, fontName=BOLD, fontSize=24, leading=30, textColor=p, spaceAfter=18
        )
        self.toc_1 = ParagraphStyle(
            "toc_1", parent=base, fontName=BOLD, fontSize=10.5, leading=14, textColor=p, spaceAfter=0
        )
        self.toc_2 = ParagraphStyle("toc_2", parent=base, fontSize=9, leading=11.5, spaceAfter=0)
        self.toc_3 = ParagraphStyle("toc_3", parent=self.toc_2, fontSize=8.5, textColor=MUTED)
        self.toc_page_1 = ParagraphStyle("toc_page_1", parent=self.toc_1, alignment=TA_RIGHT)
        self.toc_page_2 = ParagraphStyle("toc_page_2", parent=self.toc_2, alignment=TA_RIGHT)
        self.toc_page_3 = ParagraphStyle("toc_page_3", parent=self.toc_3, alignment=TA_RIGHT)


@lru_cache(maxsize=8)
def styles_of(palette: Palette) -> Styles:
    """The styles of a brand, made once per process: paragraphs keep what
    they parse per style (see ``paragraph``), so that the next export of the
    same document finds its texts already parsed."""
    return Styles(palette)
