"""Which years of an x axis get a label, so that labels side by side never touch.

Every year is labelled while the labels fit; past that, every 2nd, 5th, 10th…
year, counted back from the latest: the report's own year always keeps its
label. Decided on the axes as laid out, with the printed widths of the labels.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import lru_cache

import matplotlib
from matplotlib.axes import Axes
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import text_to_path

STEPS = (1, 2, 5, 10, 20, 50)
# Space kept between two labels side by side (about half an em at the chart sizes).
GAP_PT = 4


def widest_pt(texts: Iterable[str], size: float, weight: str = "normal") -> float:
    """The printed width of the widest of ``texts`` in the chart font
    (unhinted outlines, as the layout measures them)."""
    family = tuple(matplotlib.rcParams["font.family"])
    return max((_width_pt(text, size, weight, family) for text in texts), default=0.0)


@lru_cache(maxsize=4096)
def _width_pt(text: str, size: float, weight: str, family: tuple[str, ...]) -> float:
    # Kept: wrapping a label measures the same words again and again, at every redraw.
    properties = FontProperties(family=list(family), size=size, weight=weight)
    return text_to_path.get_text_width_height_descent(text, properties, ismath=False)[0]


def year_step(axes: Axes, label_width_pt: float, multiple_of: int = 1) -> int:
    """The fewest years, a multiple of ``multiple_of`` (1, 2, 5, 10… times
    it), between two labels ``label_width_pt`` wide centred on their years
    on ``axes`` as laid out, for them not to touch."""
    low, high = axes.get_xlim()
    year_pt = axes.bbox.width * 72 / axes.figure.dpi / abs(high - low)
    needed = (label_width_pt + GAP_PT) / (year_pt * multiple_of)
    return multiple_of * next((step for step in STEPS if step >= needed), math.ceil(needed))


def spaced(years: Sequence[int], step: int) -> list[int]:
    """The ``years`` (ascending) kept when going back from the latest and
    keeping each year at least ``step`` years before the last one kept:
    every step-th year when the editions follow each other."""
    kept: list[int] = []
    for year in reversed(years):
        if not kept or kept[-1] - year >= step:
            kept.append(year)
    return kept[::-1]
