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

A paragraph split across pages leaves reportlab a rest that it breaks into
lines again on the next page, and again on the one after: a paragraph of many
pages (thousands of hard line breaks, a long code block) would cost the square
of its length. A long paragraph is therefore split from the lines it was
broken into once (see ``_Rest``): each page takes its lines from there, as
reportlab's own split of the rest would have found them.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import paragraph
from reportlab.platypus.flowables import Flowable

PARSED_ENTRIES = 4096
SOFT_HYPHEN = "\xad"
# Paragraphs of more lines than this (about a page) split from their lines
# as broken once; shorter ones are split by reportlab.
LONG_LINES = 48
_SAME_WIDTH = 1e-6  # points: widths closer than this lay out lines alike

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

    def split(self, availWidth, availHeight):
        layout = getattr(self, "blPara", None)
        if layout is None or self.width != availWidth or not _splits_by_lines(self):
            return super().split(availWidth, availHeight)
        return _Rest(self, 0).split(availWidth, availHeight)


def _splits_by_lines(paragraph: Paragraph) -> bool:
    """Whether ``paragraph`` is long and laid out in a way ``_Rest`` follows:
    constant leading, left-to-right, no first-line indent, no bullet."""
    style = paragraph.style
    return (
        len(paragraph.blPara.lines) > LONG_LINES
        and getattr(paragraph, "autoLeading", getattr(style, "autoLeading", "")) in ("", "off")
        and style.wordWrap not in ("CJK", "RTL")
        and not style.firstLineIndent
        and not style.endDots
        and paragraph.bulletText is None
    )


class _Rest(Flowable):
    """Lines ``start`` onwards of a long paragraph as broken at its width.

    Splitting takes the lines that fit and leaves a ``_Rest`` of the others;
    the part that is drawn is a paragraph of those lines' fragments, made as
    reportlab's split makes it. Only the lines drawn are ever broken again.
    """

    def __init__(self, source: Paragraph, start: int) -> None:
        super().__init__()
        # A copy: wrapping the source again would replace its lines.
        self._source = source if start else copy.copy(source)
        self._start = start
        self.style = source.style
        self.width = source.width
        self.height = (len(source.blPara.lines) - start) * source.style.leading
        # What containers read of a paragraph being split (reportlab's list
        # items count its lines to avoid a widow).
        self.blPara = paragraph.ParaLines(
            kind=source.blPara.kind, lines=_LinesFrom(source.blPara.lines, start)
        )

    def getSpaceBefore(self):
        return self.style.spaceBefore

    def getSpaceAfter(self):
        return self.style.spaceAfter

    def wrap(self, availWidth, availHeight):
        if not self._same_width(availWidth):
            return self._whole().wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth, availHeight):
        if not self._same_width(availWidth):
            return self._whole().split(availWidth, availHeight)
        style = self.style
        lines = len(self._source.blPara.lines) - self._start
        fitting = int(availHeight / style.leading)
        orphans = getattr(style, "allowOrphans", 0)
        if (not orphans and fitting <= 1) or fitting == 0:
            return []
        if lines <= fitting:
            return [self]
        if not getattr(style, "allowWidows", 1) and lines == fitting + 1:
            if not ((orphans and lines == 3) or lines > 3):
                return []
            fitting -= 1  # the last line does not go alone
        stop = self._start + fitting
        return [self._part(stop), _Rest(self._source, stop)]

    def _same_width(self, width: float) -> bool:
        # The frame's width and the page layout's are the same sum computed
        # in another order (467.71653543307093 against 467.716535433071):
        # breaking the whole rest again for that would make layout quadratic.
        return abs(width - self.width) < _SAME_WIDTH

    def getPlainText(self):
        return self._whole().getPlainText()

    def drawOn(self, canvas, x, y, _sW=0):
        # Drawn as the paragraph of the lines left, exactly where it would be.
        whole = self._whole()
        whole.wrap(self.width, self.height)
        whole.drawOn(canvas, x, y, _sW)

    def _whole(self) -> Paragraph:
        return self._part(len(self._source.blPara.lines))

    def _part(self, stop: int) -> Paragraph:
        """A paragraph of lines ``start`` to ``stop``, as reportlab's split
        makes its parts."""
        source = self._source
        layout = source.blPara
        fragments = source._get_split_blParaFunc()(layout, self._start, stop)
        if self._start and _opens_with_break(fragments):
            fragments = fragments[1:]
        part = Paragraph(None, self.style, frags=fragments)
        if stop < len(layout.lines):
            last = layout.lines[stop - 1]
            part._JustifyLast = not (
                isinstance(last, paragraph.FragLine) and getattr(last, "lineBreak", False)
            )
            part._splitpara = 1
            # As reportlab's first part: its lines, until a wrap breaks them again.
            part.blPara = paragraph.ParaLines(kind=1, lines=layout.lines[self._start : stop])
            part.width, part.height = self.width, (stop - self._start) * self.style.leading
        return part


class _LinesFrom(Sequence):
    """The lines of a list from ``start`` on, without copying them."""

    def __init__(self, lines: list, start: int) -> None:
        self._lines = lines
        self._start = start

    def __len__(self) -> int:
        return len(self._lines) - self._start

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._lines[self._start + index]


def _opens_with_break(fragments: list) -> bool:
    """Whether the words of lines from some line on start with the hard break
    that ended the line before: reportlab counts it with the next line, and
    it would open the rest with an empty line."""
    first = fragments[0] if fragments else None
    return (
        isinstance(first, list)
        and len(first) == 2
        and isinstance(first[1], tuple)
        and getattr(first[1][0], "lineBreak", False)
        and not first[1][1]
    )


@lru_cache(maxsize=PARSED_ENTRIES)
def _parsed(text: str, style: ParagraphStyle) -> _Parsed:
    """What reportlab's parser makes of ``text`` in ``style`` (styles hash
    by identity)."""
    model = paragraph.Paragraph(text, style)
    shared = not any(SOFT_HYPHEN in getattr(fragment, "text", "") for fragment in model.frags)
    return _Parsed(model.text, model.style, model.bulletText, tuple(model.frags), {} if shared else None)
