"""French wording shared by chart labels and alternative texts; numbers
themselves are formatted by ``avereport.model.fmt``."""

from __future__ import annotations

from collections.abc import Sequence

from avereport.model import fmt

NOT_AVAILABLE = "n.d."


def whole_percent(fraction: float) -> str:
    """A part of a whole as a whole percentage: ``100 / 147`` -> ``"68 %"``."""
    return fmt.percent(round(fraction * 100))


def plural(count: float, noun: str) -> str:
    """French agreement: "0 adhérent", "1 adhérent", "2 adhérents"."""
    return noun if count < 2 else noun + "s"


def enumeration(items: Sequence[str]) -> str:
    """``["a", "b", "c"]`` -> ``"a, b et c"``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]
