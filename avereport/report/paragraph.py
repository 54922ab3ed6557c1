"""A reportlab paragraph that parses its markup once and breaks its lines
once per width.

Laying out the report wraps the same paragraph many times at the same width:
a table wraps every cell to size its rows, again to draw them and again on
each page it is split over, and the whole document is laid out twice (the
first pass finds the pages that the contents print). A report also holds
many paragraphs of the same text and style (figures in table cells, tile
labels), and the next export of the same document holds them all again.

Parsing the markup (Python's HTML parser) and breaking the lines are the
costliest parts of the layout, and they depend only on the markup, the style
and the width. So what the parser makes of a markup in a style is kept for
the process, together with the line breaking at each width it was wrapped
at; a paragraph of that markup and style wraps by putting that back. Styles
are told apart by identity: the report's are made once per brand and never
changed (see ``styles.styles_of``).

Paragraphs that reportlab makes by splitting one across pages come with
their fragments already made: they keep line breakings of their own. So do
texts with a soft hyphen: when reportlab splits such a paragraph, it retypes
in place the hyphenated word that ends the first part.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import paragraph

PARSED_ENTRIES = 4096
SOFT_HYPHEN = "\xad"

# Everything Paragraph.wrap sets: split() and draw() read these. ``frags``
# is included because breaking lines replaces it with the words it found,
# which the line records of ``blPara`` index into.
_LAYOUT = ("width", "height", "blPara", "_wrapWidths", "_width_max", "frags")


@dataclass(frozen=True)
class _Parsed:
    text: str  # as cleaned by reportlab
    style: ParagraphStyle
    bullet: object
    frags: tuple
    layouts: dict | None  # the line breaking of every paragraph of it, by width; None: not shared


class Paragraph(paragraph.Paragraph):
    def __init__(self, text, style=None, bulletText=None, frags=None, caseSensitive=1, encoding="utf8"):
        if frags is not None or style is None or bulletText is not None or caseSensitive != 1:
            super().__init__(text, style, bulletText, frags, caseSensitive, encoding)
            self._layouts = {}
            return
        self.caseSensitive = caseSensitive
        self.encoding = encoding
        parsed = _parsed(text, style)
        # Copies: reportlab marks the fragments as it breaks lines.
        frags = [fragment.clone() for fragment in parsed.frags]
        self._setup(parsed.text, parsed.style, parsed.bullet, frags, None)
        self._layouts = {} if parsed.layouts is None else parsed.layouts

    def wrap(self, availWidth, availHeight):
        if availWidth < paragraph._FUZZ:
            return super().wrap(availWidth, availHeight)
        layout = self._layouts.get(availWidth)
        if layout is None:
            super().wrap(availWidth, availHeight)
            self._layouts[availWidth] = tuple(getattr(self, name) for name in _LAYOUT)
        else:
            for name, value in zip(_LAYOUT, layout, strict=True):
                setattr(self, name, value)
        return self.width, self.height


@lru_cache(maxsize=PARSED_ENTRIES)
def _parsed(text: str, style: ParagraphStyle) -> _Parsed:
    """What reportlab's parser makes of ``text`` in ``style`` (styles hash
    by identity)."""
    model = paragraph.Paragraph(text, style)
    shared = not any(SOFT_HYPHEN in getattr(fragment, "text", "") for fragment in model.frags)
    return _Parsed(model.text, model.style, model.bulletText, tuple(model.frags), {} if shared else None)
