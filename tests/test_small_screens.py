"""Every part of the demo, chosen in the plan of the real window on the
1366 x 768 laptop screen the tests run on (tests/conftest.py), and again in a
process of its own on a 1024 x 600 one: its editor needs no sideways
scrolling, no table hides its last column past its edge, and no text of the
window is cut: labels, buttons, table headers, figures and dates in tables
(text cells may end in « … », their whole text in their tooltip), the plan's
headings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QScrollArea,
    QStyle,
    QTableView,
    QTreeWidget,
    QTreeWidgetItemIterator,
)
from screens import run_on_screen

from avereport.ui.main_window import MainWindow
from avereport.ui.outline_panel import ORGANISATION_KEY
from avereport.ui.tables.columns import Kind


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


def label_cut(label: QLabel) -> bool:
    if label.wordWrap():
        return label.heightForWidth(label.width()) > label.height()
    return label.sizeHint().width() > label.width()


def headers_cut(view: QTableView) -> list[str]:
    header, rows = view.horizontalHeader(), view.verticalHeader()
    cut = [
        str(view.model().headerData(n, Qt.Orientation.Horizontal))
        for n in range(header.count())
        if not header.isSectionHidden(n) and header.sectionSize(n) < header.sectionSizeHint(n)
    ]
    if rows.isVisible() and rows.width() < rows.sizeHint().width():
        cut.append("(en-têtes de lignes)")
    return cut


def figures_cut(view: QTableView) -> list[str]:
    """The headers of number, date and computed columns (those after the
    declared ones: totals, changes) with a cell wider than the column."""
    model = view.model()
    columns = getattr(model, "columns", None)
    if columns is None:
        return []
    figures = [n for n, column in enumerate(columns) if column.kind in (Kind.COUNT, Kind.NUMBER, Kind.DATE)]
    figures += range(len(columns), model.columnCount())
    return [
        str(model.headerData(n, Qt.Orientation.Horizontal))
        for n in figures
        if not view.isColumnHidden(n) and view.columnWidth(n) < view.sizeHintForColumn(n)
    ]


def headings_cut(tree: QTreeWidget) -> list[str]:
    """The plan's headings with a word wider than their column or more lines than their row shows."""
    metrics = tree.fontMetrics()
    margins = 2 * (tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1)
    cut = []
    iterator = QTreeWidgetItemIterator(tree)
    while item := iterator.value():
        rect = tree.visualItemRect(item)
        width = tree.columnWidth(0) - (rect.x() - tree.header().sectionViewportPosition(0)) - margins
        text = item.text(0)
        lines = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text)
        widest_word = max(metrics.horizontalAdvance(word) for word in text.split())
        if widest_word > width or lines.height() > rect.height():
            cut.append(text)
        if tree.columnWidth(1) < tree.sizeHintForColumn(1):
            cut.append(item.text(1))
        iterator += 1
    return cut


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


def test_no_label_button_header_or_heading_is_cut(window, qtbot):
    cut = headings_cut(window.outline_panel.tree)
    for name, _editor in every_section(window):
        labels = [w for w in window.findChildren(QLabel) if w.isVisible() and w.text()]
        cut += [(name, label.text()) for label in labels if label_cut(label)]
        buttons = [w for w in window.findChildren(QAbstractButton) if w.isVisible()]
        cut += [(name, b.text()) for b in buttons if b.sizeHint().width() > b.width()]
        for view in window.findChildren(QTableView):
            if view.isVisible():
                cut += [(name, header) for header in headers_cut(view) + figures_cut(view)]
    cut += headings_cut(window.outline_panel.tree)  # the plan at its narrowest, after the widest editor
    assert cut == []


@pytest.mark.parametrize("size", [(1024, 600)])
def test_every_editor_fits_a_small_laptop_screen(size, tmp_path):
    """Both tests above in a process whose screen is 1024 x 600."""
    here = Path(__file__).name
    run_on_screen(
        size,
        tmp_path,
        f"{here}::test_every_editor_fits_the_screen_without_sideways_scrolling",
        f"{here}::test_no_label_button_header_or_heading_is_cut",
    )
