"""Named icons of the app, drawn from the Material Design Icons font that
qtawesome ships.

qtawesome's own ``icon()`` goes through qtpy, whose ``from PySide6.QtX import *``
forces every lazily loaded PySide6 class into existence: about 0.8 s more at
start, more than the whole start. So only its font and charmap are used here,
read once, and each glyph is painted by a small ``QIconEngine`` in the
palette's text colour (dimmed when disabled, light on a selection), so the
icons follow the style and a dark palette. The bundle ships this one font
(packaging/avereport.spec).

Use ``icon("bold")``; the names are the keys of ``GLYPHS``.
"""

from __future__ import annotations

import importlib.util
import json
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
# (https://pictogrammers.com/library/mdi/).
GLYPHS = {
    # text formatting
    "bold": "format-bold",
    "italic": "format-italic",
    "bullets": "format-list-bulleted",
    "numbers": "format-list-numbered",
    "link": "link-variant",
    "heading": "format-header-2",
    "clear_format": "format-clear",
    # tables
    "add_row": "table-row-plus-after",
    "delete_row": "table-row-remove",
    "import_table": "table-arrow-down",
    "export_table": "microsoft-excel",
    # the outline's sections
    "add_section": "text-box-plus-outline",
    "move_up": "arrow-up",
    "move_down": "arrow-down",
    "outdent": "format-indent-decrease",
    "indent": "format-indent-increase",
    # editing
    "undo": "undo",
    "redo": "redo",
    "ok": "check",
    "cancel": "close",
    "delete": "delete-outline",
    # documents
    "new": "file-plus-outline",
    "open": "folder-open-outline",
    "export": "file-pdf-box",
    "new_edition": "calendar-plus",
    "check": "clipboard-check-outline",
    "history": "history",
    "backup": "backup-restore",
    "share": "share-variant-outline",
    "lock": "lock-outline",
    "help": "help-circle-outline",
    # preview
    "preview": "page-layout-sidebar-right",
    "refresh": "refresh",
    "zoom_in": "magnify-plus-outline",
    "zoom_out": "magnify-minus-outline",
    "zoom_fit": "fit-to-page-outline",
    # findings
    "error": "alert-circle",
    "warning": "alert",
    "info": "information-outline",
    # yearly review of the sections
    "to_write": "pencil-outline",
    "to_review": "eye-outline",
    "reviewed": "check-circle-outline",
    "take_back": "restore",
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


@cache
def _charmap() -> dict[str, str]:
    with open(fonts_folder() / CHARMAP_FILE, encoding="utf-8") as file:
        return json.load(file)


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
    code = _charmap()[GLYPHS[name]]
    return QIcon(GlyphEngine(chr(int(code, 16)), COLOURS.get(name)))
