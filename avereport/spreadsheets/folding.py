"""Texts compared as users mean them: case, accents and punctuation set aside.

Its own module, below ``tables`` and ``values``: the tables pair records by
folded names and ``values`` reads cells with the tables' column kinds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable


def fold(text: str) -> str:
    """Lower case, no accents, letters and digits only: "Nom de famille" -> "nomdefamille"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if char.isalnum() and not unicodedata.combining(char))


def words(text: str) -> Hashable:
    """A name as a set of folded words, so "Marie DUPONT" and "Dupont Marie" are one."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return tuple(sorted(re.findall(r"[^\W_]+", plain)))
