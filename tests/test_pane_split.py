"""The plan, the editor and the preview side by side in the real window over
the demo, on the 1366 x 768 laptop screen the tests run on (tests/conftest.py)
and again in a process of its own on a 1024 x 600 one, the preview shown with
F8: every part chosen in the plan with a click leaves the panes where they
were (the preview keeping only its tabs where it has nothing to show), every
chart is whole inside the preview, and the user's split comes back at the
next start."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QScrollArea
from screens import run_on_screen
from test_everyday_tasks import click_section, every_item

from avereport.ui.main_window import MainWindow
from avereport.ui.pane_split import EDITOR_ROOM


def show_preview_with_f8(window: MainWindow, qtbot) -> None:
    if not window.preview_host.isVisible():
        with qtbot.waitActive(window):
            window.activateWindow()
        qtbot.keyClick(window.outline_panel.tree, Qt.Key.Key_F8)
    assert window.preview_host.isVisible()


def charts_settled(window: MainWindow) -> bool:
    """The charts of the part chosen are on screen at their width."""
    preview = window.preview
    QApplication.processEvents()
    return not preview._charts_timer.isActive() and all(
        not canvas._relayout.isActive() for canvas in preview.charts.canvases
    )


def charts_cut(window: MainWindow) -> list[tuple[int, int]]:
    """The right edges of the charts past the preview's visible width."""
    view = window.preview.charts
    edges = [canvas.mapTo(view.viewport(), QPoint(canvas.width(), 0)).x() for canvas in view.canvases]
    room = view.viewport().width()
    return [(edge, room) for edge in edges if edge > room] + (
        [(view.horizontalScrollBar().maximum(), 0)] if view.horizontalScrollBar().maximum() > 0 else []
    )


def test_the_panes_stay_put_from_part_to_part_and_every_chart_shows_whole(window, qtbot):
    show_preview_with_f8(window, qtbot)
    splitter, preview = window.splitter, window.preview
    widths, cut = set(), []
    for item in every_item(window.outline_panel.tree):
        click_section(window, qtbot, item)
        qtbot.waitUntil(lambda: charts_settled(window))
        plan, _editor, shown = splitter.sizes()
        if preview.charts.canvases:
            widths.add((plan, shown))
            cut += [(item.text(0), *edge) for edge in charts_cut(window)]
        else:  # nothing to show: its tabs only, the plan where it was
            assert shown == window._narrow_preview(), item.text(0)
            widths.add((plan, None))
    # One plan width for every part, one preview width for every part with charts.
    assert len({plan for plan, _ in widths}) == 1, widths
    assert len({shown for _, shown in widths if shown is not None}) == 1, widths
    assert cut == []


def test_on_a_1366_screen_every_editor_fits_beside_the_preview(window, qtbot):
    """The preview keeps a width its charts are readable at, and no editor scrolls sideways."""
    show_preview_with_f8(window, qtbot)
    sideways = []
    for item in every_item(window.outline_panel.tree):
        click_section(window, qtbot, item)
        QApplication.processEvents()
        editor = window.current_editor()
        assert isinstance(editor, QScrollArea)
        need = editor.widget().minimumSizeHint().width()
        if editor.horizontalScrollBar().maximum() > 0 or need > editor.viewport().width():
            sideways.append((item.text(0), need, editor.viewport().width()))
    assert sideways == []
    click_section(window, qtbot, membership_item(window))
    qtbot.waitUntil(lambda: charts_settled(window))
    _plan, editor, shown = window.splitter.sizes()
    assert editor >= EDITOR_ROOM
    assert shown >= 278  # preview_canvas.MIN_WIDTH, the scroll bar and the margins
    assert min(canvas.width() for canvas in window.preview.charts.canvases) >= 240


def test_the_split_the_user_dragged_is_kept_and_comes_back(window, qtbot, demo_db):
    show_preview_with_f8(window, qtbot)
    splitter = window.splitter
    click_section(window, qtbot, membership_item(window))
    qtbot.waitUntil(lambda: charts_settled(window))
    plan, editor, shown = splitter.sizes()
    # The user drags the handle between editor and preview 40 pixels to the right.
    splitter.moveSplitter(plan + editor + splitter.handleWidth() + 40, 2)
    dragged = splitter.sizes()
    assert dragged[2] == shown - 40
    for item in every_item(window.outline_panel.tree)[:12]:
        click_section(window, qtbot, item)
    click_section(window, qtbot, membership_item(window))
    qtbot.waitUntil(lambda: charts_settled(window))
    assert splitter.sizes() == dragged
    window.close()

    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    assert again.open_path(demo_db)
    click_section(again, qtbot, membership_item(again))
    qtbot.waitUntil(lambda: charts_settled(again))
    assert again.preview_host.isVisible()
    assert again.splitter.sizes() == dragged


def membership_item(window: MainWindow):
    return next(
        item for item in every_item(window.outline_panel.tree) if item.text(0) == "Les adhérents en chiffres"
    )


@pytest.mark.parametrize("size", [(1024, 600)])
def test_the_panes_on_a_small_laptop_screen(size, tmp_path):
    """The first test in a process whose screen is 1024 x 600."""
    here = Path(__file__).name
    run_on_screen(
        size, tmp_path, f"{here}::test_the_panes_stay_put_from_part_to_part_and_every_chart_shows_whole"
    )
