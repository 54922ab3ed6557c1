"""People trained, by type of structure they work for."""

from __future__ import annotations

from collections.abc import Sequence

from avereport.charts.bars import annotated_bars
from avereport.charts.data import Chart, Share
from avereport.charts.describe import sentence
from avereport.charts.french import plural, whole_percent
from avereport.charts.palette import Palette
from avereport.charts.style import styled
from avereport.model.fmt import number


@styled
def training_participants(
    shares: Sequence[Share],
    palette: Palette,
    *,
    title: str = "Personnes formées par type de structure",
    narrow_cm: float | None = None,
) -> Chart:
    """Bars with each count and its computed share of the total (``narrow_cm``:
    see ``charts.narrow``)."""
    total = sum(share.count for share in shares)
    notes = [_count_and_share(share.count, total) for share in shares]
    figure = annotated_bars(
        title,
        [share.label for share in shares],
        [share.count for share in shares],
        notes,
        palette,
        footnote=f"Total : {number(total)} {plural(total, 'personne')}",
        narrow_cm=narrow_cm,
    )
    parts = [f"{share.label} {_count_and_share(share.count, total)}" for share in shares]
    return Chart(figure, sentence(f"{title}, {number(total)} {plural(total, 'personne')} au total", parts))


def _count_and_share(count: int, total: int) -> str:
    return number(count) + (f" ({whole_percent(count / total)})" if total else "")
