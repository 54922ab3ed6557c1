"""The everyday tasks of the window, done as a person would: real key presses
and clicks on the real widgets of the main window over the demo, on the
screen Qt gives (Qt's offscreen screen in a plain run), and again in a
process of its own on a 1366 x 768 and a 1024 x 600 laptop screen.

What is asserted is what the user would see: the window inside the screen,
every part's editor without a horizontal scroll bar, the focus mark after
each F6, the checks after « Vérifier ». (Typing, dates and tables with real
events: tests/test_editing_comfort.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from screens import run_on_screen

from avereport.ui.focus_ring import marked_by_style
from avereport.ui.main_window import MainWindow


def area_of(window: MainWindow, widget: QWidget | None) -> str | None:
    area = window.navigator.current_area() if widget is not None else None
    return None if area is None else area.name


def assert_focus_visible(window: MainWindow, qtbot) -> None:
    """The focused widget shows it: a text field by its style, anything else
    by the ring, seen in the pixels of the widget's edge."""
    focus = QApplication.focusWidget()
    assert focus is not None and focus.isVisible()
    if marked_by_style(focus):
        return
    qtbot.waitUntil(lambda: window.focus_ring.ringed() is focus)
    image = focus.grab().toImage()
    accent = QColor(focus.palette().color(QPalette.ColorRole.Highlight))
    edge = QColor(image.pixelColor(1, image.height() // 2))
    assert (
        abs(edge.red() - accent.red()) + abs(edge.green() - accent.green()) + abs(edge.blue() - accent.blue())
        < 60
    )


def click_section(window: MainWindow, qtbot, item) -> None:
    tree = window.outline_panel.tree
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def every_item(tree):
    items = []

    def walk(item):
        items.append(item)
        for index in range(item.childCount()):
            walk(item.child(index))

    for index in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(index))
    return items


@pytest.fixture
def shown_window(qtbot, demo_db) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(demo_db)
    return window


def test_everyday_tasks_on_this_screen(shown_window, qtbot):
    window = shown_window
    screen = window.screen().availableGeometry()

    # The whole window is on the screen, status bar included.
    assert screen.contains(window.frameGeometry()), (window.frameGeometry(), screen)
    status = window.statusBar()
    assert screen.contains(QPoint(status.mapToGlobal(QPoint(0, status.height() - 1))))

    # Every part of the report, chosen with a click in the plan, is edited
    # without scrolling sideways (each table's columns too: tests/test_small_screens.py).
    tree = window.outline_panel.tree
    sideways = []
    for item in every_item(tree):
        click_section(window, qtbot, item)
        editor = window.current_editor()
        QApplication.processEvents()
        assert editor is not None
        scroll = getattr(editor, "horizontalScrollBar", None)
        if scroll is not None and scroll().isVisible():
            sideways.append(item.text(0))
    assert sideways == []

    # F6 goes plan -> editor -> (preview) -> checks, the focus visible each time.
    click_section(window, qtbot, tree.topLevelItem(0))
    with qtbot.waitActive(window):
        window.activateWindow()
    tree.setFocus(Qt.FocusReason.MouseFocusReason)
    assert QApplication.focusWidget() is tree
    expected = [area.name for area in window.navigator.shown_areas()]
    assert expected[:2] == ["le plan", "l'éditeur"] and "les vérifications" in expected
    seen = [area_of(window, QApplication.focusWidget())]
    for _ in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        seen.append(area_of(window, QApplication.focusWidget()))
        assert_focus_visible(window, qtbot)
    assert seen == [*expected, expected[0]]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert area_of(window, QApplication.focusWidget()) == expected[-1]

    # Ctrl+2 goes to the editor, Tab walks its fields before leaving it.
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert area_of(window, QApplication.focusWidget()) == "l'éditeur"
    assert_focus_visible(window, qtbot)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert area_of(window, QApplication.focusWidget()) == "l'éditeur"

    # « Vérifier » shows the checks and says the result.
    window.checks_dock.toggleViewAction().trigger()  # closed by hand…
    assert not window.checks_dock.isVisible()
    qtbot.mouseClick(window.toolbar.widgetForAction(window.check_action), Qt.MouseButton.LeftButton)
    assert window.checks_dock.isVisible()  # …shown again by « Vérifier »
    assert status.currentMessage() == "Vérification terminée : 0 erreur, 3 avertissements."

    # F8 hides the preview and gives its room to the editor; F8 again brings it back.
    shown = window.preview_host.isVisible()
    editor_width = window.editor_stack.width()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F8)
    assert window.preview_host.isVisible() is not shown
    if shown:
        qtbot.waitUntil(lambda: window.editor_stack.width() > editor_width)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F8)
    assert window.preview_host.isVisible() is shown


@pytest.mark.parametrize("size", [(1024, 600)])
def test_everyday_tasks_on_a_laptop_screen(size, tmp_path):
    """The same tasks in a process whose screen is the laptop's."""
    run_on_screen(size, tmp_path, f"{Path(__file__).name}::test_everyday_tasks_on_this_screen")
