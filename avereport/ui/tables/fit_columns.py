"""Columns that fit their table's width, so that a table inside an editor page
never hides its last columns past its right edge (on a 1024-pixel laptop the
page is narrower than the columns' preferred widths).

With room to spare, each column has its preferred width and one column (the
last, or the one named) takes what is left. Without, every column gives up
width in proportion to what it has above its floor: its header's width (no
header is cut), or more when the table says so: a column of figures, dates or
computed values keeps its widest cell whole (the text columns give way, their
whole text in the cell's tooltip), the column taking the spare width its own
minimum. Only when even the floors
do not fit does the table scroll sideways.

A width set from outside (the code, or the user dragging a header's edge)
becomes that column's preferred width.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView


class FittedColumns(QObject):
    def __init__(
        self, view: QTableView, floors: dict[int, int] | None = None, whole: set[int] | None = None
    ) -> None:
        super().__init__(view)
        self.view = view
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        self.preferred = {n: header.sectionSize(n) for n in range(header.count())}
        self.stretch = header.count() - 1
        self.floors = dict(floors or {})
        self.whole = set(whole or ())
        self._fitting = False
        self._fit_when_shown = False
        header.sectionResized.connect(self._resized)
        header.sectionCountChanged.connect(lambda _old, _new: self.fit())
        # The widest cells change with the data; a table out of sight (another
        # section's editor) is measured when it shows.
        view.model().dataChanged.connect(self._data_changed)
        view.model().modelReset.connect(self._data_changed)
        view.viewport().installEventFilter(self)
        self.fit()

    def set_stretch(self, column: int, minimum: int) -> None:
        """``column`` takes the spare width, and is never narrowed below ``minimum``."""
        self.stretch = column
        self.floors[column] = max(self.floors.get(column, 0), minimum)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize or (event.type() == QEvent.Type.Show and self._fit_when_shown):
            self.fit()
        return False

    def _data_changed(self) -> None:
        if self.whole and not self.view.isVisible():
            self._fit_when_shown = True
        elif self.whole:
            self.fit()

    def _resized(self, column: int, _old: int, new: int) -> None:
        if self._fitting:
            return
        # Hiding a column reports a width of 0: its preferred width is kept.
        if new > 0 and not self.view.horizontalHeader().isSectionHidden(column):
            self.preferred[column] = new
        self.fit()

    def floor(self, column: int) -> int:
        header = self.view.horizontalHeader()
        floor = max(header.sectionSizeHint(column), header.minimumSectionSize(), self.floors.get(column, 0))
        return max(floor, self.view.sizeHintForColumn(column)) if column in self.whole else floor

    def widths(self, room: int) -> dict[int, int]:
        """Each shown column's width for a table ``room`` pixels wide."""
        header = self.view.horizontalHeader()
        shown = [n for n in range(header.count()) if not header.isSectionHidden(n)]
        floors = {n: self.floor(n) for n in shown}
        wanted = {n: max(self.preferred.get(n, header.defaultSectionSize()), floors[n]) for n in shown}
        spare = room - sum(wanted.values())
        if spare >= 0:
            if self.stretch in wanted:
                wanted[self.stretch] += spare
            return wanted
        slack = sum(wanted[n] - floors[n] for n in shown)
        if slack <= -spare:
            return floors  # even the floors do not fit: the table scrolls sideways
        widths = {n: wanted[n] - (wanted[n] - floors[n]) * -spare // slack for n in shown}
        # Rounding leaves a few pixels too many: taken where there is most above the floor.
        excess = sum(widths.values()) - room
        for n in sorted(shown, key=lambda n: floors[n] - widths[n]):
            taken = min(excess, widths[n] - floors[n])
            widths[n] -= taken
            excess -= taken
        return widths

    def fit(self) -> None:
        room = self.view.viewport().width()
        if room <= 0:
            return
        self._fit_when_shown = False
        self._fitting = True
        try:
            for column, width in self.widths(room).items():
                if self.view.columnWidth(column) != width:
                    self.view.setColumnWidth(column, width)
        finally:
            self._fitting = False
