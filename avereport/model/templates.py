"""The first edition of a new document: the demo's structure, none of its figures or people."""

from __future__ import annotations

import dataclasses

from avereport.model.edition import Edition, Governance, ReviewState
from avereport.model.succession import start_next_edition
from avereport.model.years import roll_years


def blank_edition(year: int, model: Edition) -> Edition:
    """An edition of ``year`` with ``model``'s organisation, categories and
    outline, and no figures, people or texts."""
    edition = start_next_edition(model)
    return dataclasses.replace(
        edition,
        year=year,
        governance=Governance(mandate_years=edition.governance.mandate_years),
        outline=tuple(
            dataclasses.replace(
                section,
                heading=roll_years(section.heading, model.year + 1, year),
                body="",
                review=ReviewState.TO_WRITE,
            )
            for section in edition.outline
        ),
    )
