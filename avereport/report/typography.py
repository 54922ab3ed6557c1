"""French typography for user text: thin spaces and guillemets.

French sets a narrow no-break space (U+202F) before ; : ! ? and %, and
inside « guillemets ». Users type plain spaces (which may break the line
before the colon) or none, and straight quotes. ``FrenchText`` fixes a text
given as successive pieces (the text runs of one Markdown paragraph), so that
a quote or a colon right after bold text is judged by the character before it.
URLs, e-mail addresses and times such as 10:30 are left alone.
"""

from __future__ import annotations

import re

NNBSP = "\u202f"
_SPACES = " \u00a0\u202f"
_HIGH_MARKS = ";:!?%"
_OPENERS = "([{\u2014\u2013-/"
# Characters the rules act on: a text without any is left as it is.
_MARKS = re.compile("[" + re.escape('"«»' + _HIGH_MARKS) + "]")
# Spans the rules must not touch: web addresses and e-mail addresses.
_PROTECTED = re.compile(r"(?:https?://|ftp://|mailto:|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# Every such span holds one of these; a text without any has none of them.
_MAYBE_PROTECTED = re.compile(r"[:@]|www\.", re.IGNORECASE)


class FrenchText:
    """Apply French spacing to consecutive runs of one paragraph."""

    def __init__(self) -> None:
        self._previous = ""

    def __call__(self, text: str) -> str:
        if not _MAYBE_PROTECTED.search(text):
            return self._fix(text)
        pieces: list[str] = []
        position = 0
        for match in _PROTECTED.finditer(text):
            pieces.append(self._fix(text[position : match.start()]))
            pieces.append(match.group())
            self._previous = match.group()[-1]
            position = match.end()
        pieces.append(self._fix(text[position:]))
        return "".join(pieces)

    def _fix(self, text: str) -> str:
        if not _MARKS.search(text):
            if text:
                self._previous = text[-1]
            return text
        out: list[str] = []
        length = len(text)
        index = 0
        while index < length:
            char = text[index]
            before = out[-1] if out else self._previous
            if char == '"':
                if not before or before in _SPACES or before in _OPENERS or before == "\n":
                    out.append("«" + NNBSP)
                    index = _skip_spaces(text, index + 1)
                    self._previous = NNBSP
                    continue
                _trim_spaces(out)
                out.append(NNBSP + "»")
            elif char == "«":
                out.append("«" + NNBSP)
                index = _skip_spaces(text, index + 1)
                self._previous = NNBSP
                continue
            elif char == "»":
                _trim_spaces(out)
                out.append(NNBSP + "»")
            elif char in _HIGH_MARKS:
                after = text[index + 1] if index + 1 < length else ""
                if _needs_space(before, char, after):
                    if out and out[-1] in " \u00a0":
                        _trim_spaces(out)
                    out.append(NNBSP)
                out.append(char)
            else:
                out.append(char)
            index += 1
            if out:
                self._previous = out[-1][-1]
        return "".join(out)


def _needs_space(before: str, mark: str, after: str) -> bool:
    if not before or before == NNBSP or before == "\n":
        return False
    if before in _HIGH_MARKS or before in "«(":
        return False
    # A time or a ratio (10:30, 1:2) keeps its colon tight.
    return not (mark == ":" and before.isdigit() and after.isdigit())


def _skip_spaces(text: str, index: int) -> int:
    while index < len(text) and text[index] in _SPACES:
        index += 1
    return index


def _trim_spaces(out: list[str]) -> None:
    while out and out[-1] in (" ", "\u00a0", NNBSP):
        out.pop()


def french(text: str) -> str:
    """French spacing for one self-contained text (a name, a label, a line)."""
    return FrenchText()(text)
