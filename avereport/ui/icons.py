"""Named icons of the app, drawn from the Material Design Icons font that
qtawesome ships.

qtawesome's own ``icon()`` goes through qtpy, whose ``from PySide6.QtX import *``
forces every lazily loaded PySide6 class into existence: about 0.8 s more at
start, more than the whole start. So only its font is used here, read once
(the glyphs' code points were taken from its charmap, ``CHARMAP_FILE``), and
each glyph is painted by a small ``QIconEngine`` in the palette's text colour
(dimmed when disabled, light on a selection), so the icons follow the style
and a dark palette. The bundle ships this one font
(packaging/avereport.spec).

Use ``icon("bold")``; the names are the keys of ``GLYPHS``.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)

FONT_FILE = "materialdesignicons6-webfont-6.9.96.ttf"
CHARMAP_FILE = "materialdesignicons6-webfont-charmap-6.9.96.json"

# The app's name for an icon -> the Material Design Icons 6 glyph
# (https://pictogrammers.com/library/mdi/) and its code point in the font:
# written here rather than looked up in the font's charmap, whose 7,000
# entries took 5 ms of the app's start to read (tests/test_icons.py checks
# them against it).
GLYPHS = {
    # text formatting
    "bold": ("format-bold", 0xF0264),
    "italic": ("format-italic", 0xF0277),
    "bullets": ("format-list-bulleted", 0xF0279),
    "numbers": ("format-list-numbered", 0xF027B),
    "link": ("link-variant", 0xF0339),
    "heading": ("format-header-2", 0xF026C),
    "clear_format": ("format-clear", 0xF0265),
    # tables
    "add_row": ("table-row-plus-after", 0xF04F3),
    "delete_row": ("table-row-remove", 0xF04F5),
    "import_table": ("table-arrow-down", 0xF13BB),
    "export_table": ("microsoft-excel", 0xF138F),
    # the outline's sections
    "add_section": ("text-box-plus-outline", 0xF0EAB),
    "move_up": ("arrow-up", 0xF005D),
    "move_down": ("arrow-down", 0xF0045),
    "outdent": ("format-indent-decrease", 0xF0275),
    "indent": ("format-indent-increase", 0xF0276),
    # editing
    "undo": ("undo", 0xF054C),
    "redo": ("redo", 0xF044E),
    "ok": ("check", 0xF012C),
    "cancel": ("close", 0xF0156),
    "delete": ("delete-outline", 0xF09E7),
    # documents
    "new": ("file-plus-outline", 0xF0EED),
    "open": ("folder-open-outline", 0xF0DCF),
    "export": ("file-pdf-box", 0xF0226),
    "new_edition": ("calendar-plus", 0xF00F3),
    "check": ("clipboard-check-outline", 0xF08A8),
    "history": ("history", 0xF02DA),
    "backup": ("backup-restore", 0xF006F),
    "share": ("share-variant-outline", 0xF1514),
    "lock": ("lock-outline", 0xF0341),
    "help": ("help-circle-outline", 0xF0625),
    # preview
    "preview": ("page-layout-sidebar-right", 0xF06FE),
    "refresh": ("refresh", 0xF0450),
    "zoom_in": ("magnify-plus-outline", 0xF06ED),
    "zoom_out": ("magnify-minus-outline", 0xF06EC),
    "zoom_fit": ("fit-to-page-outline", 0xF0EF6),
    # findings
    "error": ("alert-circle", 0xF0028),
    "warning": ("alert", 0xF0026),
    "info": ("information-outline", 0xF02FD),
    # yearly review of the sections
    "to_write": ("pencil-outline", 0xF0CB6),
    "to_review": ("eye-outline", 0xF06D0),
    "reviewed": ("check-circle-outline", 0xF05E1),
    "take_back": ("restore", 0xF099B),
}

# Findings keep their colour whatever the palette: they are read at a glance.
COLOURS = {
    "error": QColor("#c62828"),
    "warning": QColor("#e08a00"),
    "to_write": QColor("#b26a00"),
    "to_review": QColor("#1565c0"),
    "reviewed": QColor("#2e7d32"),
}


def fonts_folder() -> Path:
    """qtawesome's font folder: inside the bundle, or the installed package
    (found without importing it, see the module's docstring)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "qtawesome" / "fonts"
    spec = importlib.util.find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("qtawesome is not installed (pip install qtawesome)")
    return Path(spec.submodule_search_locations[0]) / "fonts"


@cache
def _font_family() -> str:
    font_id = QFontDatabase.addApplicationFont(str(fonts_folder() / FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        raise RuntimeError(f"icon font unreadable: {fonts_folder() / FONT_FILE}")
    return families[0]


class GlyphEngine(QIconEngine):
    """Paints one glyph of the icon font at any size, in the palette's colours."""

    def __init__(self, char: str, colour: QColor | None = None) -> None:
        super().__init__()
        self.char = char
        self.colour = colour

    def _colour(self, mode: QIcon.Mode) -> QColor:
        palette = QGuiApplication.palette()
        if mode == QIcon.Mode.Disabled:
            return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
        if mode == QIcon.Mode.Selected:
            return palette.color(QPalette.ColorRole.HighlightedText)
        return self.colour or palette.color(QPalette.ColorRole.WindowText)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        font = QFont(_font_family())
        font.setPixelSize(max(1, round(min(rect.width(), rect.height()) * 0.95)))
        painter.save()
        painter.setFont(font)
        painter.setPen(self._colour(mode))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        pixmap = QPixmap(size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size * scale), mode, state)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def clone(self) -> QIconEngine:
        return GlyphEngine(self.char, self.colour)


def icon(name: str) -> QIcon:
    """The icon called ``name`` (a key of ``GLYPHS``); needs a QGuiApplication."""
    _, code = GLYPHS[name]
    return QIcon(GlyphEngine(chr(code), COLOURS.get(name)))
