"""The yearly review of an edition's sections: *à rédiger*, *à relire*, *relu*.

A new edition carries last year's texts and organisation lists *à relire*
(see ``succession``); someone confirms each section by marking it *relu*.
Editing a carried text does not confirm it. Every function here returns a new
edition and leaves the one given untouched, so that each step can be undone.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from avereport.model.edition import Edition, ReviewState, Section

REVIEW_LABELS: dict[ReviewState, str] = {
    ReviewState.TO_WRITE: "À rédiger",
    ReviewState.TO_REVIEW: "À relire",
    ReviewState.REVIEWED: "Relu",
}

# Minutes are enough to tell who confirmed a section when; seconds would only
# make two marks of the same minute look different.
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M"


class ReviewError(ValueError):
    """A review step that names no section of the edition; the message is French."""


def timestamp(when: dt.datetime) -> str:
    """``when`` as ``Section.reviewed_at`` keeps it: local time, to the minute."""
    return when.strftime(TIMESTAMP_FORMAT)


def section_index(edition: Edition, key: str) -> int:
    """Index in the outline of the section ``key``."""
    for index, section in enumerate(edition.outline):
        if section.key == key:
            return index
    raise ReviewError(f"L'édition {edition.year} n'a pas de section « {key} ».")


def mark_reviewed(edition: Edition, key: str, who: str, when: dt.datetime) -> Edition:
    """The section ``key`` marked *relu* by ``who`` at ``when``."""
    return _with_section(
        edition,
        key,
        lambda s: dataclasses.replace(
            s, review=ReviewState.REVIEWED, reviewed_by=who.strip(), reviewed_at=timestamp(when)
        ),
    )


def mark_to_review(edition: Edition, key: str) -> Edition:
    """The section ``key`` put back *à relire* (who and when are cleared)."""
    return _with_section(edition, key, _to_review)


def pending_sections(edition: Edition) -> list[tuple[int, Section]]:
    """The sections still *à rédiger* or *à relire*, in outline order, with
    their index: what ``check`` names and the export reminder counts."""
    return [(i, s) for i, s in enumerate(edition.outline) if s.review is not ReviewState.REVIEWED]


def confirmed(section: Section) -> bool:
    """Whether someone marked the section *relu* (a section reviewed before
    the review existed has no date)."""
    return section.review is ReviewState.REVIEWED and bool(section.reviewed_at)


# --- last year beside this year -----------------------------------------


def previous_section(previous: Edition | None, key: str) -> Section | None:
    """Last year's section of the same key (keys are carried from year to year)."""
    if previous is None:
        return None
    return next((s for s in previous.outline if s.key == key), None)


def previous_text(previous: Edition | None, key: str) -> str | None:
    """Last year's text of the section ``key``; None when last year had no
    such section or no text in it."""
    section = previous_section(previous, key)
    return section.body if section is not None and section.body.strip() else None


def take_previous_text(edition: Edition, previous: Edition, key: str) -> Edition:
    """« Reprendre le texte de l'an dernier »: the section's text replaced by
    last year's. The section stays (or goes back) *à relire*: taking the old
    text back is not confirming it for this year, and it is no longer to write."""
    text = previous_text(previous, key)
    if text is None:
        raise ReviewError(f"L'édition {previous.year} n'a pas de texte pour la section « {key} ».")
    return _with_section(edition, key, lambda s: dataclasses.replace(_to_review(s), body=text))


Operation = Literal["equal", "insert", "delete"]


@dataclass(frozen=True, slots=True)
class TextPiece:
    """A run of words of the text comparison: kept, added this year or dropped."""

    operation: Operation
    text: str


_WORDS = re.compile(r"\s+|[^\s]+")


def text_changes(before: str, after: str) -> list[TextPiece]:
    """Word by word, what turns last year's text ``before`` into this year's
    ``after``: the editor shows additions and removals from it."""
    old, new = _WORDS.findall(before), _WORDS.findall(after)
    pieces: list[TextPiece] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(pieces, "equal", "".join(new[j1:j2]))
            continue
        if tag in ("delete", "replace"):
            _append(pieces, "delete", "".join(old[i1:i2]))
        if tag in ("insert", "replace"):
            _append(pieces, "insert", "".join(new[j1:j2]))
    return pieces


def _append(pieces: list[TextPiece], operation: Operation, text: str) -> None:
    if not text:
        return
    if pieces and pieces[-1].operation == operation:
        pieces[-1] = TextPiece(operation, pieces[-1].text + text)
    else:
        pieces.append(TextPiece(operation, text))


def _to_review(section: Section) -> Section:
    return dataclasses.replace(section, review=ReviewState.TO_REVIEW, reviewed_by="", reviewed_at="")


def _with_section(edition: Edition, key: str, change: Callable[[Section], Section]) -> Edition:
    """The edition with the section ``key`` replaced by ``change(section)``."""
    index = section_index(edition, key)
    outline = edition.outline
    return dataclasses.replace(
        edition, outline=(*outline[:index], change(outline[index]), *outline[index + 1 :])
    )
