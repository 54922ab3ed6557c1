"""A Markdown text as its reader sees it: the words without the marks
(« la **crise sanitaire** » reads « la crise sanitaire »), one line per
paragraph, heading or list item; for quoting a text in a message and for
comparing two texts word by word."""

from __future__ import annotations

from avereport.model.nesting import markdown_parser

_SHOWN = ("text", "code_inline")
_BREAKS = ("softbreak", "hardbreak")


def plain(markdown: str) -> str:
    """``markdown`` without its marks: its blocks one per line, blanks normalised."""
    lines: list[str] = []
    for token in markdown_parser().parse(markdown):
        if token.type != "inline":
            continue
        words = [
            child.content if child.type in _SHOWN else " "
            for child in token.children or ()
            if child.type in _SHOWN or child.type in _BREAKS
        ]
        line = " ".join("".join(words).split())
        if line:
            lines.append(line)
    return "\n".join(lines)
