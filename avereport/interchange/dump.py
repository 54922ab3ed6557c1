"""Editions to the canonical text of an interchange file."""

from __future__ import annotations

import json

from avereport.interchange.references import renumber_ids
from avereport.interchange.schema import FORMAT_NAME, FORMAT_VERSION
from avereport.model.codec import to_plain
from avereport.model.edition import Edition


def dump_editions(editions: list[Edition]) -> str:
    """The interchange file holding ``editions``, sorted by year.

    The output is canonical: dumping what :func:`load_editions` returns for
    it gives the same text, byte for byte.
    """
    years = [edition.year for edition in editions]
    if len(set(years)) != len(years):
        raise ValueError(f"editions with the same year cannot share one file: {sorted(years)}")
    plain = []
    for edition in sorted(editions, key=lambda e: e.year):
        data = to_plain(edition)
        renumber_ids(data)
        plain.append(data)
    document = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "editions": plain}
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
