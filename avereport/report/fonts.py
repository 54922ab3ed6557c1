"""The report's one font family: DejaVu Sans, embedded in every PDF.

reportlab's bundled Vera has no narrow no-break space (U+202F), which French
typography puts before "%" and ":"; DejaVu Sans has it and ships with
matplotlib, already a dependency. The files are located without importing
matplotlib, which the report only loads when it draws a chart.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}


def font_folder() -> Path:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib est introuvable : ses polices DejaVu sont nécessaires au rapport PDF.")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def font_file(name: str) -> Path:
    """The file of face ``name`` (``REGULAR``…)."""
    return font_folder() / _FILES[name]


def register_fonts() -> None:
    """Register the four faces once per process as one family, so that
    <b> and <i> in paragraphs pick the right face."""
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    for name in _FILES:
        pdfmetrics.registerFont(TTFont(name, str(font_file(name))))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
