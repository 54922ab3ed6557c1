"""Every part of the demo, chosen in the plan of the real window on the
1366 x 768 laptop screen the tests run on (tests/conftest.py), and again in a
process of its own on a 1024 x 600 one: its editor needs no sideways
scrolling and no table hides its last column past its edge."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QScrollArea, QTableView
from screens import run_on_screen

from avereport.ui.main_window import MainWindow
from avereport.ui.outline_panel import ORGANISATION_KEY


def every_section(window: MainWindow):
    """Each entry of the plan chosen in turn, as a click would: (its name, its editor)."""
    keys = [ORGANISATION_KEY, *(section.key for section in window.session.edition.outline)]
    for key in keys:
        window.outline_panel.select(key)
        QApplication.processEvents()
        editor = window.current_editor()
        assert isinstance(editor, QScrollArea)
        yield window.outline_panel.tree.currentItem().text(0), editor


def shown_tables(editor: QScrollArea) -> list[QTableView]:
    return [view for view in editor.findChildren(QTableView) if view.isVisible()]


def last_column_cut(view: QTableView, page: QScrollArea) -> bool:
    """The right edge of the table's last shown column is past the table's or the page's edge."""
    header = view.horizontalHeader()
    shown = [n for n in range(header.count()) if not header.isSectionHidden(n)]
    if not shown:
        return False
    last = max(shown, key=header.sectionViewportPosition)
    right = header.sectionViewportPosition(last) + header.sectionSize(last)
    on_page = view.viewport().mapTo(page.viewport(), QPoint(right, 0)).x()
    return right > view.viewport().width() or on_page > page.viewport().width()


def test_every_editor_fits_the_screen_without_sideways_scrolling(window, qtbot):
    screen = window.screen().availableGeometry()
    assert screen.contains(window.frameGeometry())
    sideways, cut = [], []
    for name, editor in every_section(window):
        page = editor.widget()
        room = editor.viewport().width()
        if editor.horizontalScrollBar().maximum() > 0 or page.minimumSizeHint().width() > room:
            sideways.append((name, page.minimumSizeHint().width(), room))
        for view in shown_tables(editor):
            if view.horizontalScrollBar().maximum() > 0 or last_column_cut(view, editor):
                cut.append((name, view.horizontalHeader().length(), view.viewport().width()))
    assert sideways == []
    assert cut == []


@pytest.mark.parametrize("size", [(1024, 600)])
def test_every_editor_fits_a_small_laptop_screen(size, tmp_path):
    run_on_screen(
        f"{Path(__file__).name}::test_every_editor_fits_the_screen_without_sideways_scrolling", size, tmp_path
    )
