"""The app's icons: each name's code point is its glyph's in the icon font."""

from __future__ import annotations

import json

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QFontMetrics, QIcon

from avereport.ui.icons import CHARMAP_FILE, GLYPHS, _font_family, fonts_folder, icon


def test_code_points_are_those_of_the_font_charmap():
    with open(fonts_folder() / CHARMAP_FILE, encoding="utf-8") as file:
        charmap = json.load(file)
    wrong = {
        name: (glyph, hex(code))
        for name, (glyph, code) in GLYPHS.items()
        if int(charmap.get(glyph, "0"), 16) != code
    }
    assert wrong == {}


def test_every_icon_is_drawn_from_the_font(qapp):
    metrics = QFontMetrics(QFont(_font_family()))
    assert all(metrics.inFontUcs4(code) for _, code in GLYPHS.values())
    for name in GLYPHS:
        image = icon(name).pixmap(QSize(20, 20), QIcon.Mode.Normal).toImage()
        inked = sum(
            1 for x in range(image.width()) for y in range(image.height()) if image.pixelColor(x, y).alpha()
        )
        assert inked > 10, name
