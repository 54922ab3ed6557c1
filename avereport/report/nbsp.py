"""Keep the narrow no-break space (U+202F) unbreakable in paragraphs.

reportlab lists U+202F among the characters a paragraph breaks lines at and
collapses into a plain space, so "178 114" could be split across two lines
and French thin spaces would turn into word spaces. Its paragraph module
keeps that list in one place (``_wsc`` and the splitting helpers built from
it); :func:`keep_narrow_spaces` rebuilds them without U+202F, which then
stays a character of its word, drawn with the font's own narrow glyph.
"""

from __future__ import annotations

import re

from reportlab.platypus import paragraph

NNBSP = "\u202f"


def keep_narrow_spaces() -> None:
    if NNBSP not in paragraph._wsc:
        return
    breaking = paragraph._wsc.replace(NNBSP, "")
    pattern = f"[{re.escape(breaking)}]+"
    split_on = re.compile(pattern).split

    def split(text, delim=None):
        if isinstance(text, bytes):
            text = text.decode("utf8")
        if isinstance(delim, bytes):
            delim = delim.decode("utf8")
        if delim is not None:
            return text.split(delim)
        words = split_on(text)
        # Like str.split(): no empty words, except where reportlab itself
        # keeps them (texts holding a no-break space).
        return words if "\xa0" in text else [word for word in words if word]

    paragraph._wsc = breaking
    paragraph._wsc_re_split = split_on
    paragraph._wsc_end_search = re.compile(pattern + "$").search
    paragraph.split = split
