"""A Markdown phrase as its reader sees it: the words without the marks
(« la **crise sanitaire** » reads « la crise sanitaire »), for quoting a
text in a message."""

from __future__ import annotations

from avereport.model.nesting import markdown_parser

_SHOWN = ("text", "code_inline")
_BREAKS = ("softbreak", "hardbreak")


def plain(phrase: str) -> str:
    """``phrase`` without its Markdown marks, blanks normalised."""
    words: list[str] = []
    for token in markdown_parser().parse(phrase):
        for child in token.children or ():
            if child.type in _SHOWN:
                words.append(child.content)
            elif child.type in _BREAKS:
                words.append(" ")
        if token.type == "inline":
            words.append(" ")
    return " ".join("".join(words).split())
