"""Where the main window opens: the last place it had when that still fits
the screens, else a size that fits the screen it opens on (maximised when the
usual size does not fit, as on 1366 x 768 and 1024 x 600 laptops)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

GEOMETRY_KEY = "window/normal"
MAXIMISED_KEY = "window/maximised"
STATE_KEY = "window/docks"
USUAL_SIZE = QSize(1360, 860)


def screen_areas() -> list[QRect]:
    """The available area (without task bars) of every screen."""
    return [screen.availableGeometry() for screen in QGuiApplication.screens()]


def fits(rect: QRect, areas: list[QRect]) -> bool:
    return rect.isValid() and any(area.contains(rect) for area in areas)


def opening_rect(area: QRect) -> QRect | None:
    """The usual size centred in ``area``; ``None`` when it does not fit
    there: the window is then maximised."""
    if USUAL_SIZE.width() > area.width() or USUAL_SIZE.height() > area.height():
        return None
    rect = QRect(0, 0, USUAL_SIZE.width(), USUAL_SIZE.height())
    rect.moveCenter(area.center())
    return rect


def place(window: QMainWindow) -> None:
    """Give ``window`` its geometry (before it is shown) and its docks' layout."""
    settings = QSettings()
    saved = settings.value(GEOMETRY_KEY)
    maximised = settings.value(MAXIMISED_KEY, False, bool)
    areas = screen_areas()
    screen = window.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    if isinstance(saved, QRect) and fits(saved, areas):
        window.setGeometry(saved)
    else:
        rect = opening_rect(area)
        maximised = maximised or rect is None
        # Also the size without a window manager to maximise it.
        window.setGeometry(rect or area)
    state = settings.value(STATE_KEY)
    if state is not None:
        window.restoreState(state)
    if maximised:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def remember(window: QMainWindow) -> None:
    settings = QSettings()
    settings.setValue(GEOMETRY_KEY, window.normalGeometry())
    settings.setValue(MAXIMISED_KEY, window.isMaximized())
    settings.setValue(STATE_KEY, window.saveState())
