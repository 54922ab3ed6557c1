"""Narrative Markdown to reportlab flowables.

The text is parsed by markdown-it-py (CommonMark, raw HTML off, so "<b>" typed
by a user is text) and its tokens are walked: paragraphs, emphasis, bullet
and numbered lists (nested), links, block quotes, code and rules. Every text
run is set in French typography and escaped before it reaches reportlab.

The walk keeps its own stack rather than recursing, and emphasis nested in
emphasis of the same kind adds no markup (italic inside italic is italic):
a text of any nesting depth renders, and reportlab's markup parser sees at
most an italic, a bold and a link open at once. markdown-it drops what lies
deeper than 20 levels of blocks (quotes, lists, list items): a text reaching
that depth is shown whole as plain text instead, paragraph by paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, ListFlowable, ListItem
from reportlab.platypus.flowables import HRFlowable

from avereport.report import markup
from avereport.report.fonts import REGULAR
from avereport.report.paragraph import Paragraph
from avereport.report.styles import RULE, Palette, Styles
from avereport.report.typography import FrenchText

PARSED_TEXTS = 256
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
# Inline tokens that open and close a span, and the markup they print.
_SPANS = {"em": ("<i>", "</i>"), "strong": ("<b>", "</b>")}


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


@lru_cache(maxsize=PARSED_TEXTS)
def _tokens(source: str) -> tuple[Token, ...] | None:
    """The tokens of a text, only ever read: kept for the next export, where
    most texts are unchanged. None when the text nests its blocks as deep as
    markdown-it goes, past which it drops the text."""
    parser = _parser()
    tokens = tuple(parser.parse(markup.clean(source)))
    if any(token.level >= parser.options["maxNesting"] - 1 for token in tokens):
        return None
    return tokens


@dataclass
class _Open:
    """A block being rendered: its kind, the style of its paragraphs, what it
    holds so far (flowables, or list items), the text of a paragraph or
    heading, and the token that opened it."""

    kind: str
    style: ParagraphStyle
    token: Token | None = None
    out: list = field(default_factory=list)
    text: str = ""


class MarkdownRenderer:
    def __init__(self, styles: Styles, palette: Palette) -> None:
        self.styles = styles
        self.palette = palette
        self._link_colour = "#" + palette.primary.hexval()[2:]

    def render(self, source: str) -> list[Flowable]:
        if not source.strip():
            return []
        tokens = _tokens(source)
        if tokens is None:
            return self._plain(source)
        stack = [_Open("root", self.styles.body)]
        for token in tokens:
            top = stack[-1]
            if token.nesting == 1:
                stack.append(self._opened(token, top.style))
            elif token.nesting == -1:
                stack.pop()
                stack[-1].out.extend(self._closed(top))
            elif token.type == "inline":
                top.text = self._inline(token)
            else:
                top.out.extend(self._leaf(token))
        return stack[0].out

    def _plain(self, source: str) -> list[Flowable]:
        """The text as typed, without formatting: a paragraph for each run of
        lines between blank lines."""
        blocks = (block.strip() for block in _BLANK_LINES.split(source))
        return [
            Paragraph("<br/>".join(markup.text(line) for line in block.splitlines()), self.styles.body)
            for block in blocks
            if block
        ]

    def _opened(self, token: Token, style: ParagraphStyle) -> _Open:
        kind = token.type.removesuffix("_open")
        if kind == "blockquote":
            return _Open(kind, self.styles.quote, token)
        if kind == "list_item":
            return _Open(kind, self.styles.list_item, token)
        if kind == "heading":
            return _Open(kind, self.styles.h3 if token.tag in ("h1", "h2") else self.styles.h4, token)
        # Paragraphs, lists, and anything else CommonMark may produce (which
        # still shows its text) take the style of where they are.
        return _Open(kind, style, token)

    def _closed(self, block: _Open) -> list:
        """What a block just closed adds to the block around it."""
        if block.kind == "paragraph":
            return [Paragraph(block.text, block.style)] if block.text.strip() else []
        if block.kind == "heading":
            return [Paragraph(block.text, block.style)]
        if block.kind == "list_item":
            return [ListItem(block.out or [Paragraph("", self.styles.list_item)])]
        if block.kind in ("bullet_list", "ordered_list"):
            return [self._list(block)]
        return block.out

    def _leaf(self, token: Token) -> list[Flowable]:
        if token.type in ("code_block", "fence"):
            lines = markup.escape(token.content.rstrip("\n")).replace("\n", "<br/>")
            return [Paragraph(lines, self.styles.quote)]
        if token.type == "hr":
            return [HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=4, spaceAfter=10)]
        return []

    def _list(self, block: _Open) -> ListFlowable:
        common = dict(
            bulletFontName=REGULAR,
            bulletColor=self.palette.primary,
            leftIndent=16,
            spaceAfter=6,
        )
        if block.kind == "ordered_list" and block.token is not None:
            start = int(block.token.attrs.get("start", 1))
            return ListFlowable(
                block.out, bulletType="1", start=start, bulletFormat="%s.", bulletFontSize=9, **common
            )
        return ListFlowable(block.out, bulletType="bullet", start="•", bulletFontSize=10, **common)

    def _inline(self, token: Token) -> str:
        """The paragraph markup of an inline token's children, which
        markdown-it gives as a flat sequence of opening and closing tokens."""
        french = FrenchText()
        out: list[str] = []
        depth = {"em": 0, "strong": 0, "link": 0}
        pending = list(reversed(token.children or []))
        while pending:
            child = pending.pop()
            kind = child.type
            if kind == "text":
                out.append(markup.escape(french(child.content)))
            elif kind == "code_inline":
                out.append(markup.escape(child.content))
            elif kind == "softbreak":
                out.append(" ")
            elif kind == "hardbreak":
                out.append("<br/>")
            elif kind.endswith(("_open", "_close")):
                out.append(self._span(child, depth))
            elif child.children:
                # An image shows its description.
                pending.extend(reversed(child.children))
        return "".join(out)

    def _span(self, token: Token, depth: dict[str, int]) -> str:
        """The markup a span token prints: only the outermost span of each kind
        prints its tags (``depth`` counts those open)."""
        kind, _, edge = token.type.rpartition("_")
        if kind not in depth:
            return ""  # a span CommonMark may produce without markup here
        if edge == "close":
            depth[kind] -= 1
            if depth[kind]:
                return ""
            return "</a>" if kind == "link" else _SPANS[kind][1]
        depth[kind] += 1
        if depth[kind] > 1:
            return ""
        if kind == "link":
            href = markup.attribute(str(token.attrs.get("href", "")))
            return f'<a href={href} color="{self._link_colour}">'
        return _SPANS[kind][0]
