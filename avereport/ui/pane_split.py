"""The main window's three panes side by side: plan, editor, preview.

The plan's and the preview's widths are the user's (dragged, remembered with
the window's place); the editor takes the rest. The split depends on no
section, so moving from one part to another never moves the panes: it keeps
EDITOR_ROOM for the editor, what the widest editor needs, when the window has
it. To make that room the preview gives width first (down to where its charts
keep their readable size), then the plan (down to where its headings stay
whole, then to its minimum), then the preview (its charts then drawn a little
smaller, whole). The one change that follows the section: a
preview with nothing to show (a part without charts, its « Graphiques » tab
shown) keeps only its tabs and lends the rest to the editor until the next
chart.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget

# The coverage grid's width in its page, the widest editor's need
# (tests/test_pane_split.py checks that no editor needs more on 1366 x 768).
EDITOR_ROOM = 762
PLAN_MIN_WIDTH = 200
# The plan's headings wrap at its width: at this one, none has a word cut (1024 x 600).
PLAN_START_WIDTH = 260
# Charts at their readable size: preview_canvas.MIN_WIDTH, the scroll bar and the margins.
PREVIEW_READABLE = 278
# Charts a sixth smaller; the editor keeps the room most parts need on a 1024 x 600 screen.
PREVIEW_SMALLEST = 236
# Shares of the width at the first start: plan, editor, preview.
SPLIT = (0.22, 0.48, 0.30)
SPLIT_KEY = "window/split"


class PaneSplitter(QSplitter):
    """The splitter of the plan, the editor and the preview.

    ``narrow()`` is the preview's width with nothing to show, ``folded()``
    whether it has nothing to show now."""

    def __init__(
        self,
        panes: tuple[QWidget, QWidget, QWidget],
        narrow: Callable[[], int],
        folded: Callable[[], bool],
    ) -> None:
        super().__init__()
        for pane in panes:
            self.addWidget(pane)
        self.setStretchFactor(1, 1)
        self.preview = panes[2]
        self._narrow = narrow
        self._folded = folded
        self.plan_width = 0
        self.preview_width = 0
        self.setChildrenCollapsible(False)
        self.splitterMoved.connect(lambda _pos, _index: self._moved())

    def start(self, width: int) -> None:
        """The user's widths as last remembered, else shares of ``width``."""
        saved = QSettings().value(SPLIT_KEY)
        try:
            plan, preview = (int(value) for value in saved) if isinstance(saved, list) else (0, 0)
        except ValueError:
            plan = preview = 0
        if plan <= 0 or preview <= 0:
            plan, preview = max(PLAN_START_WIDTH, round(width * SPLIT[0])), round(width * SPLIT[2])
        self.plan_width, self.preview_width = plan, preview

    def remember(self) -> None:
        QSettings().setValue(SPLIT_KEY, [self.plan_width, self.preview_width])

    def widths(self, room: int, preview_shown: bool, folded: bool) -> list[int]:
        """Plan, editor and preview widths in ``room`` pixels (handles excluded)."""
        plan, preview = self.plan_width, self.preview_width if preview_shown else 0
        missing = plan + preview + EDITOR_ROOM - room
        steps = [(2, PREVIEW_READABLE), (0, PLAN_START_WIDTH), (0, PLAN_MIN_WIDTH), (2, PREVIEW_SMALLEST)]
        sizes = [plan, 0, preview]
        for index, floor in steps:
            if index == 2 and not preview_shown:
                continue
            taken = max(0, min(missing, sizes[index] - floor))
            sizes[index] -= taken
            missing -= taken
        if preview_shown and folded:
            sizes[2] = min(sizes[2], self._narrow())
        sizes[1] = max(0, room - sizes[0] - sizes[2])
        return sizes

    def fit(self) -> None:
        """Lay the panes out for the splitter's width as it is now."""
        preview_shown = not self.preview.isHidden()
        handles = (3 if preview_shown else 2) - 1
        room = self.width() - handles * self.handleWidth()
        if room <= 0:
            return
        self.setSizes(self.widths(room, preview_shown, preview_shown and self._folded()))

    def _moved(self) -> None:
        """Dragged by the user: their widths from now on (the folded preview's excepted)."""
        sizes = self.sizes()
        self.plan_width = sizes[0]
        if not self.preview.isHidden() and not self._folded():
            self.preview_width = sizes[2]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()
