"""Years named in headings, titles, sources and texts.

One mechanism keeps the short texts of a new edition right: *rolling*. When
edition N+1 is started from edition N, every heading, key-figure title and
source and list title has the years it names around N (N-1, N, N+1) moved
one year on, so that "Vie des instances en 2021" becomes "… en 2022" and
"Source : consolidation des PLIE 2020" becomes "… 2021"; the section is then
*à relire*. A span of years ("programme 2021-2027") is a period, not the
year of the report, and is left as it is. Long texts are not rolled: they
are drafts to rework, and the stale-content checks point at what still
speaks of last year as the current one.
"""

from __future__ import annotations

import re

# A four-digit year standing alone: not inside a longer number or word.
_YEAR = re.compile(r"(?<![\w])(\d{4})(?![\w])")
# A year that opens or closes a span: "2021-2027", "2020/2021", "2020 – 2021".
_SPAN_AFTER = re.compile(r"\s?[-–/]\s?\d{4}")
_SPAN_BEFORE = re.compile(r"\d{4}\s?[-–/]\s?$")

# Words after which "en 2021" compares with another year rather than naming
# the current one: "comme en 2021", "qu'en 2021", "contre 12 en 2021".
_COMPARING = re.compile(r"(?:\b(?:comme|que|contre|depuis|dès|avant|après)|\bqu['’]|\d)\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def mentions(text: str) -> list[re.Match[str]]:
    """Each year named alone in ``text`` (not as part of a span)."""
    found = []
    for match in _YEAR.finditer(text):
        if _SPAN_AFTER.match(text, match.end()) or _SPAN_BEFORE.search(text, 0, match.start()):
            continue
        found.append(match)
    return found


def names_year(text: str, year: int) -> bool:
    return any(int(m.group(1)) == year for m in mentions(text))


def roll_years(text: str, year: int, to_year: int | None = None) -> str:
    """``text`` of edition ``year`` for edition ``to_year`` (by default the
    next): the years it names around ``year`` moved as many years on."""
    step = 1 if to_year is None else to_year - year
    rolled = {year - 1, year, year + 1}
    pieces, last = [], 0
    for match in mentions(text):
        named = int(match.group(1))
        if named in rolled:
            pieces += [text[last : match.start()], str(named + step)]
            last = match.end()
    return "".join(pieces) + text[last:] if pieces else text


def as_current(text: str, year: int, *, anywhere: bool = True) -> str | None:
    """The sentence of ``text`` that speaks of ``year`` as the current year,
    or None: one that opens with "En 2021" or, when ``anywhere`` (headings,
    titles, sources: short texts about the year), one saying "en 2021"
    anywhere, except after a word that compares ("comme en 2021", "qu'en
    2021", "12 en 2021"). In a long text "en 2021" inside a sentence is as
    often last year's figure quoted for comparison: only the opening counts."""
    pattern = _current_pattern(year)
    for sentence in sentences(text):
        opening = sentence.lstrip("-*•#> ")
        if pattern.match(opening):
            return sentence
        if not anywhere:
            continue
        for match in pattern.finditer(sentence):
            if not _COMPARING.search(sentence, 0, match.start()):
                return sentence
    return None


def _current_pattern(year: int) -> re.Pattern[str]:
    return re.compile(
        rf"\b(?:en|au cours de|durant|pendant|courant)\s+(?:de\s+)?(?:l['’]année\s+)?{year}(?![\d\-–/])",
        re.IGNORECASE,
    )


def sentences(text: str) -> list[str]:
    """The sentences (and list items) of a text, blanks normalised."""
    return [" ".join(part.split()) for part in _SENTENCE_END.split(text) if part.strip()]
