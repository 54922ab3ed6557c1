"""Moving between the areas of the main window with the keyboard.

The window has four areas, in reading order: the plan, the editor, the
preview and the checks. F6 / Maj+F6 go to the next / previous shown area,
Ctrl+1…4 to one of them (showing it first when hidden), and Tab walks the
fields area by area in that order (the history, when shown, comes last), whatever order the widgets were made in
(the editors are made after the preview and the checks)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget


@dataclass
class Area:
    name: str
    """French, for the status bar and the shortcuts' tooltips."""
    widget: Callable[[], QWidget | None]
    """The widget holding the area, ``None`` when there is none."""
    reveal: Callable[[], None]
    """Show the area when it is hidden (Ctrl+1…4)."""


def takes_tab_focus(widget: QWidget) -> bool:
    return (
        widget.isVisible()
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.focusProxy() is None
    )


def window_stops(window: QWidget) -> list[QWidget]:
    """The widgets of ``window`` that Tab stops on, in Qt's focus chain order."""
    stops = []
    widget = window.nextInFocusChain()
    while widget is not None and widget is not window:
        if takes_tab_focus(widget):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def focus_stops(container: QWidget) -> list[QWidget]:
    return [widget for widget in window_stops(container.window()) if container.isAncestorOf(widget)]


class Navigator:
    def __init__(self, window: QWidget, areas: list[Area]) -> None:
        self.window = window
        self.areas = areas

    def shown_areas(self) -> list[Area]:
        shown = []
        for area in self.areas:
            widget = area.widget()
            if widget is not None and widget.isVisible() and focus_stops(widget):
                shown.append(area)
        return shown

    def current_area(self) -> Area | None:
        focus = QApplication.focusWidget()
        for area in self.areas:
            widget = area.widget()
            if focus is not None and widget is not None and (widget is focus or widget.isAncestorOf(focus)):
                return area
        return None

    def cycle(self, step: int) -> Area | None:
        """F6 (step 1) and Maj+F6 (step -1); returns the area focused."""
        shown = self.shown_areas()
        if not shown:
            return None
        current = self.current_area()
        if current in shown:
            target = shown[(shown.index(current) + step) % len(shown)]
        else:
            target = shown[0] if step > 0 else shown[-1]
        self.enter(target)
        return target

    def jump(self, index: int) -> Area | None:
        """Ctrl+1…4: the area ``index``, shown first when hidden."""
        area = self.areas[index]
        area.reveal()
        widget = area.widget()
        if widget is None:
            return None
        self.enter(area)
        return area

    def enter(self, area: Area) -> None:
        """Focus the area's current field if it had one, else its first."""
        widget = area.widget()
        stops = focus_stops(widget) if widget is not None else []
        if widget is None or not stops:
            return
        remembered = widget.focusWidget()
        # Into the first field, not onto the scroll area that holds the fields.
        innermost = [s for s in stops if not any(o is not s and s.isAncestorOf(o) for o in stops)]
        target = remembered if remembered in stops else innermost[0]
        # A keyboard reason: styles draw the focus mark for keyboard focus.
        target.setFocus(Qt.FocusReason.TabFocusReason)

    def tab_order(self) -> list[QWidget]:
        """Every Tab stop of the window: those outside the areas (tool bar,
        banners) first, then area after area."""
        every = window_stops(self.window)
        holders = [holder for holder in (area.widget() for area in self.areas) if holder is not None]
        by_area: list[list[QWidget]] = [[] for _ in holders]
        outside: list[QWidget] = []
        for widget in every:
            index = next((i for i, holder in enumerate(holders) if holder.isAncestorOf(widget)), None)
            (outside if index is None else by_area[index]).append(widget)
        return outside + [widget for stops in by_area for widget in stops]

    def next_stop(self, forward: bool) -> QWidget | None:
        """The widget Tab (or Maj+Tab) goes to from the focused one; ``None``
        to leave it to Qt (the focus is outside the known stops)."""
        stops = self.tab_order()
        focus = QApplication.focusWidget()
        while focus is not None and focus not in stops:
            focus = focus.parentWidget() if focus is not self.window else None
        if focus is None or not stops:
            return None
        return stops[(stops.index(focus) + (1 if forward else -1)) % len(stops)]
