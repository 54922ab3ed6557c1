"""Chart colours derived from the organisation's brand, safe for colour-blind readers.

Distances are CIE76 ΔE in CIELAB, taken as the smallest over normal vision and
simulated protanopia, deuteranopia and tritanopia (Machado et al. 2009,
severity 1, applied in linear sRGB). Series colours start from the brand and
are completed from the Okabe–Ito set, always keeping every pair at least
``MIN_DISTANCE`` apart in all four views.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from matplotlib.colors import LinearSegmentedColormap, to_hex, to_rgb

MIN_DISTANCE = 15.0
SERIES_COUNT = 5
# WCAG 2.1 non-text contrast asks 3:1; series colours must at least stand out
# from white paper, the primary (bars, dark end of the map scale) reaches 3:1.
MIN_PRIMARY_CONTRAST = 3.0
MIN_SERIES_CONTRAST = 2.0

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442")

_CVD_MATRICES = {
    "normal": np.eye(3),
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    "tritanopia": np.array(
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
    ),
}
_RGB_TO_XYZ = np.array(
    [[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750], [0.0193339, 0.1191920, 0.9503041]]
)
_D65_WHITE = np.array([0.95047, 1.0, 1.08883])

WHITE = "#FFFFFF"
BLACK = "#000000"
TEXT = "#222222"
MUTED_TEXT = "#595959"
NEUTRAL = "#D9D9D9"
GRID = "#E0E0E0"


def _linear_rgb(colour: str) -> np.ndarray:
    c = np.array(to_rgb(colour))
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(linear_rgb: np.ndarray) -> np.ndarray:
    xyz = _RGB_TO_XYZ @ linear_rgb / _D65_WHITE
    delta = 6 / 29
    f = np.where(xyz > delta**3, np.cbrt(xyz), xyz / (3 * delta**2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def simulated_lab(colour: str, vision: str) -> np.ndarray:
    """CIELAB coordinates of ``colour`` as seen with ``vision`` (a key of the CVD views)."""
    return _lab(np.clip(_CVD_MATRICES[vision] @ _linear_rgb(colour), 0.0, 1.0))


VISIONS = tuple(_CVD_MATRICES)


def cvd_distance(a: str, b: str) -> float:
    """Smallest ΔE between two colours over normal and colour-blind vision."""
    return min(float(np.linalg.norm(simulated_lab(a, v) - simulated_lab(b, v))) for v in VISIONS)


def relative_luminance(colour: str) -> float:
    return float((_RGB_TO_XYZ @ _linear_rgb(colour))[1])


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio, 1 to 21."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _hex(rgb: np.ndarray) -> str:
    """Three components in 0..1 as ``#RRGGBB``."""
    red, green, blue = (float(c) for c in rgb)
    return to_hex((red, green, blue)).upper()


def _darkened(colour: str, min_contrast: float) -> str:
    """The colour, darkened toward black just enough to reach ``min_contrast`` on white."""
    rgb = np.array(to_rgb(colour))
    for step in range(101):
        candidate = _hex(rgb * (1 - step / 100))
        if contrast_ratio(candidate, WHITE) >= min_contrast:
            return candidate
    return "#000000"


def _min_distance(colour: str, chosen: list[str]) -> float:
    return min(cvd_distance(colour, other) for other in chosen)


@cache  # a map shades every region with the same ramp
def _ramp_map(light: str, dark: str) -> LinearSegmentedColormap:
    return LinearSegmentedColormap.from_list("brand", [light, dark])


@dataclass(frozen=True)
class Palette:
    """``series[0]`` is the (possibly darkened) brand primary."""

    series: tuple[str, ...]
    neutral: str = NEUTRAL
    text: str = TEXT
    muted_text: str = MUTED_TEXT

    @property
    def primary(self) -> str:
        return self.series[0]

    @property
    def ramp_light(self) -> str:
        return _hex(0.12 * np.array(to_rgb(self.primary)) + 0.88)

    def ramp(self, fraction: float) -> str:
        """Sequential scale from a light tint (0) to the primary (1)."""
        scale = _ramp_map(self.ramp_light, self.primary)
        return to_hex(scale(min(max(float(fraction), 0.0), 1.0))).upper()

    def text_on(self, background: str) -> str:
        """Black or white text, whichever reads better on ``background``; one
        of them always reaches 4.5:1 (WCAG AA for small text)."""
        return max((BLACK, WHITE), key=lambda c: contrast_ratio(c, background))


@cache  # every chart of a report asks for the same brand
def palette_from_brand(primary_hex: str, secondary_hex: str) -> Palette:
    """Series colours: the brand primary, the brand secondary when it stays
    distinguishable from it, then Okabe–Ito colours picked one by one as far
    as possible from those already chosen."""
    series = [_darkened(primary_hex, MIN_PRIMARY_CONTRAST)]
    secondary = _darkened(secondary_hex, MIN_SERIES_CONTRAST)
    if _min_distance(secondary, series) >= MIN_DISTANCE:
        series.append(secondary)
    candidates = [
        c
        for c in OKABE_ITO
        if contrast_ratio(c, WHITE) >= MIN_SERIES_CONTRAST and _min_distance(c, series) >= MIN_DISTANCE
    ]
    while len(series) < SERIES_COUNT and candidates:
        best = max(candidates, key=lambda c: _min_distance(c, series))
        if _min_distance(best, series) < MIN_DISTANCE:
            break
        series.append(best)
        candidates.remove(best)
    return Palette(series=tuple(series))
