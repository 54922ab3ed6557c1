"""How a section's review state reads in the app: its icon and its French
sentence, the same in the outline and in the section editor."""

from __future__ import annotations

import datetime as dt

from avereport.model.edition import ReviewState, Section
from avereport.model.review import REVIEW_LABELS, TIMESTAMP_FORMAT, confirmed

ICONS = {
    ReviewState.TO_WRITE: "to_write",
    ReviewState.TO_REVIEW: "to_review",
    ReviewState.REVIEWED: "reviewed",
}


def icon_name(section: Section) -> str | None:
    """The icon of the section's state; none for a section relu before the
    review existed (older documents): every section of them would carry one."""
    if section.review is ReviewState.REVIEWED and not confirmed(section):
        return None
    return ICONS[section.review]


def when_text(reviewed_at: str) -> str:
    """``"2022-03-12T14:05"`` -> « 12/03/2022 à 14:05 » (as stored if unreadable)."""
    try:
        when = dt.datetime.strptime(reviewed_at, TIMESTAMP_FORMAT)
    except ValueError:
        return reviewed_at
    return when.strftime("%d/%m/%Y à %H:%M")


def describe(section: Section) -> str:
    """One French sentence: the state, and who marked it relu and when."""
    if section.review is ReviewState.TO_WRITE:
        return "À rédiger : rien n'a été repris de l'an dernier pour cette section."
    if section.review is ReviewState.TO_REVIEW:
        return "À relire : reprise de l'an dernier, elle n'est pas encore marquée comme relue."
    if not confirmed(section):
        return "Relue."  # before the review was followed: no one, no date
    who = f" par {section.reviewed_by}" if section.reviewed_by else ""
    return f"Relue{who} le {when_text(section.reviewed_at)}."


def label(section: Section) -> str:
    """« À rédiger », « À relire » or « Relu »."""
    return REVIEW_LABELS[section.review]
