"""How deeply a Markdown text nests its lists, quotes, emphasis and links.

A few hundred nested emphases fit in a kilobyte of text and defeat every
recursive renderer, so a text deeper than ``limits.MAX_TEXT_NESTING`` is
refused where it enters (interchange file, document read, edit). The depth
is the one of markdown-it-py's token stream, the parser the report uses.
Loading that parser takes a tenth of a second, which reading a document must
not pay: a cheap scan gives an upper bound first, and only a text whose
bound is over the maximum is parsed.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from avereport.model.limits import MAX_TEXT_NESTING

# What may open a container at the start of a line: indentation, quote
# marks and list markers.
_LINE_PREFIX = re.compile(r"(?:[ \t]*(?:>|(?:[*+-]|\d{1,9}[.)])(?=[ \t]|$)))*[ \t]*")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


class NestingError(ValueError):
    """A text nested beyond the maximum; the message is French."""


def check_nesting(text: str) -> None:
    """Raise :class:`NestingError` when ``text`` nests deeper than the maximum."""
    if nesting_bound(text) <= MAX_TEXT_NESTING:
        return
    depth = nesting_depth(text)
    if depth > MAX_TEXT_NESTING:
        raise NestingError(
            f"texte trop imbriqué ({depth} niveaux de listes, citations, italiques, gras"
            f" ou liens les uns dans les autres ; {MAX_TEXT_NESTING} au plus)"
        )


def nesting_depth(text: str) -> int:
    """The deepest nesting of containers in the parsed text."""
    depth = 0
    for token in markdown_parser().parse(text):
        if token.nesting == 1:
            depth = max(depth, token.level + 1)
        for child in token.children or ():
            if child.nesting == 1:
                depth = max(depth, token.level + child.level + 1)
    return depth


def nesting_bound(text: str) -> int:
    """An upper bound of :func:`nesting_depth`, from counting characters.

    Every level of a line's blocks takes a marker or two columns of
    indentation, and counts at most two tokens (a list and its item). Every
    level of emphasis takes two marks, none crosses a blank line, and a link
    is one level more at most (a link never holds another).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as the parser does
    blocks = 0
    for line in text.split("\n"):
        found = _LINE_PREFIX.match(line)
        assert found is not None  # every part of the pattern is optional: it always matches
        prefix = found.group()
        markers = sum(1 for char in prefix if char not in " \t")
        columns = len(prefix.expandtabs(4))
        blocks = max(blocks, 2 * (markers + columns // 2))
    inline = 0
    for paragraph in _BLANK_LINE.split(text):
        emphasis = paragraph.count("*") + paragraph.count("_")
        link = "[" in paragraph or "<" in paragraph
        inline = max(inline, emphasis // 2 + link)
    # The paragraph or heading holding the text is one level more.
    return blocks + 1 + inline


@functools.cache
def markdown_parser() -> Any:
    """The parser the report uses, loaded at the first text that needs it."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})
