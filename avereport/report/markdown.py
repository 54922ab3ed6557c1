"""Narrative Markdown to reportlab flowables.

The text is parsed by markdown-it-py (CommonMark, raw HTML off, so "<b>" typed
by a user is text) and its syntax tree is walked: paragraphs, emphasis, bullet
and numbered lists (nested), links, block quotes, code and rules. Every text
run is set in French typography and escaped before it reaches reportlab.
"""

from __future__ import annotations

from functools import cache, lru_cache

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, ListFlowable, ListItem
from reportlab.platypus.flowables import HRFlowable

from avereport.report import markup
from avereport.report.fonts import REGULAR
from avereport.report.paragraph import Paragraph
from avereport.report.styles import RULE, Palette, Styles
from avereport.report.typography import FrenchText

PARSED_TEXTS = 256


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


@lru_cache(maxsize=PARSED_TEXTS)
def _tree(source: str) -> SyntaxTreeNode:
    """The syntax tree of a text, only ever read: kept for the next export,
    where most texts are unchanged."""
    return SyntaxTreeNode(_parser().parse(markup.clean(source)))


class MarkdownRenderer:
    def __init__(self, styles: Styles, palette: Palette) -> None:
        self.styles = styles
        self.palette = palette
        self._link_colour = "#" + palette.primary.hexval()[2:]

    def render(self, source: str) -> list[Flowable]:
        if not source.strip():
            return []
        return self._blocks(_tree(source).children, self.styles.body)

    def _blocks(self, nodes: list[SyntaxTreeNode], style: ParagraphStyle) -> list[Flowable]:
        out: list[Flowable] = []
        for node in nodes:
            out.extend(self._block(node, style))
        return out

    def _block(self, node: SyntaxTreeNode, style: ParagraphStyle) -> list[Flowable]:
        kind = node.type
        if kind == "paragraph":
            text = self._inline(node.children[0]) if node.children else ""
            return [Paragraph(text, style)] if text.strip() else []
        if kind == "heading":
            heading = self.styles.h3 if node.tag in ("h1", "h2") else self.styles.h4
            return [Paragraph(self._inline(node.children[0]), heading)]
        if kind in ("bullet_list", "ordered_list"):
            return [self._list(node)]
        if kind == "blockquote":
            return self._blocks(node.children, self.styles.quote)
        if kind in ("code_block", "fence"):
            lines = markup.escape(node.content.rstrip("\n")).replace("\n", "<br/>")
            return [Paragraph(lines, self.styles.quote)]
        if kind == "hr":
            return [HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=4, spaceAfter=10)]
        # Anything else CommonMark may produce still shows its text.
        return self._blocks(node.children, style)

    def _list(self, node: SyntaxTreeNode) -> ListFlowable:
        items = [
            ListItem(
                self._blocks(item.children, self.styles.list_item) or [Paragraph("", self.styles.list_item)]
            )
            for item in node.children
        ]
        common = dict(
            bulletFontName=REGULAR,
            bulletColor=self.palette.primary,
            leftIndent=16,
            spaceAfter=6,
        )
        if node.type == "ordered_list":
            start = int(node.attrs.get("start", 1))
            return ListFlowable(
                items, bulletType="1", start=start, bulletFormat="%s.", bulletFontSize=9, **common
            )
        return ListFlowable(items, bulletType="bullet", start="•", bulletFontSize=10, **common)

    def _inline(self, node: SyntaxTreeNode) -> str:
        french = FrenchText()
        return "".join(self._run(child, french) for child in node.children)

    def _run(self, node: SyntaxTreeNode, french: FrenchText) -> str:
        kind = node.type
        if kind == "text":
            return markup.escape(french(node.content))
        if kind == "code_inline":
            return markup.escape(node.content)
        if kind == "softbreak":
            return " "
        if kind == "hardbreak":
            return "<br/>"
        inner = "".join(self._run(child, french) for child in node.children)
        if kind == "strong":
            return f"<b>{inner}</b>"
        if kind == "em":
            return f"<i>{inner}</i>"
        if kind == "link":
            href = markup.attribute(str(node.attrs.get("href", "")))
            return f'<a href={href} color="{self._link_colour}">{inner}</a>'
        return inner
