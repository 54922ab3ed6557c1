"""Pieces of the French alternative texts, computed from the charted data."""

from __future__ import annotations

from collections.abc import Sequence

from avereport.charts.data import Series
from avereport.charts.french import enumeration
from avereport.model.fmt import number


def year_span(series: Sequence[Series]) -> str:
    years = sorted({year for s in series for year, _ in s.points})
    if not years:
        return ""
    if years[0] == years[-1]:
        return f"en {years[0]}"
    return f"de {years[0]} à {years[-1]}"


def series_summary(series: Series) -> str:
    """``"Adhésion pleine : de 138 en 2018 à 133 en 2021, maximum de 141 en 2020"``."""
    known = series.known
    if not known:
        return f"{series.label} : aucune donnée"
    first_year, first = known[0]
    last_year, last = known[-1]
    if len(known) == 1:
        text = f"{series.label} : {number(first)} en {first_year}"
    else:
        text = f"{series.label} : de {number(first)} en {first_year} à {number(last)} en {last_year}"
        peak_year, peak = max(known, key=lambda p: p[1])
        if peak > max(first, last):
            text += f", maximum de {number(peak)} en {peak_year}"
        low_year, low = min(known, key=lambda p: p[1])
        if low < min(first, last):
            text += f", minimum de {number(low)} en {low_year}"
    if series.missing_years:
        text += f", sans donnée en {enumeration([str(y) for y in series.missing_years])}"
    return text


def sentence(head: str, parts: Sequence[str]) -> str:
    """``"Title, 133 au total — part ; part."``: one sentence per chart."""
    return f"{head} — " + (" ; ".join(parts) if parts else "aucune donnée") + "."


def series_sentence(title: str, series: Sequence[Series]) -> str:
    span = year_span(series)
    return sentence(f"{title} {span}".strip(), [series_summary(s) for s in series])
