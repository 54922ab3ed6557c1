"""Data tables in the report's style: a brand-coloured header row repeated on
every page, light zebra rows, a closing rule."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

from reportlab.lib.colors import white
from reportlab.platypus import Flowable, Table, TableStyle

from avereport.report.fonts import REGULAR
from avereport.report.paragraph import Paragraph
from avereport.report.styles import RULE, Palette, Styles
from avereport.report.together import Together

Cell: TypeAlias = str | Flowable | list
# A table this short moves to the next page whole rather than split.
UNSPLIT_ROWS = 8
IN_ROW_SPLIT_MIN = 48  # points
# A table of more rows than this is laid out a window of rows at a time.
WINDOWED_ROWS = 100


def table_style(commands: list[tuple]) -> TableStyle:
    """A table style whose cells are set in the report's font: reportlab
    otherwise selects Helvetica, a font it does not embed, for every cell."""
    return TableStyle([("FONT", (0, 0), (-1, -1), REGULAR), *commands])


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    styles: Styles,
    palette: Palette,
    *,
    numeric: Sequence[int] = (),
    in_cell: bool = False,
) -> Flowable:
    """``header`` and string cells are paragraph markup (already escaped);
    columns listed in ``numeric`` are right-aligned. A short table is kept in
    one piece, except one placed in a cell of another table (``in_cell``),
    which cannot move to another page by itself."""
    head = [
        Paragraph(text, styles.cell_head_right if index in numeric else styles.cell_head)
        for index, text in enumerate(header)
    ]
    body = [
        [
            Paragraph(cell, styles.cell_right if index in numeric else styles.cell)
            if isinstance(cell, str)
            else cell
            for index, cell in enumerate(row)
        ]
        for row in rows
    ]
    if len(rows) > WINDOWED_ROWS and not in_cell:
        return RowWindows(head, body, widths, palette)
    table = _table([head, *body], widths, palette, closed=True)
    return Together([table]) if len(rows) <= UNSPLIT_ROWS and not in_cell else table


def _table(
    data: list[list], widths: Sequence[float], palette: Palette, *, closed: bool, continued: bool = False
) -> Table:
    """The table of ``data`` (a header row, then body rows); ``closed``: its
    last row ends the table and takes the closing rule; ``continued``: it
    goes on from a previous page, and its first row repeats the rule that
    ended that page (as reportlab's split draws it)."""
    # Tables split between rows; only a row that fits nowhere (a very long
    # text) splits inside its cells, leaving at least a few lines on each page.
    table = Table(data, colWidths=list(widths), repeatRows=1, splitInRow=IN_ROW_SPLIT_MIN, hAlign="LEFT")
    rules = (
        [("LINEBELOW", (0, -1), (-1, -1), 0.8, palette.primary), ("LINEBELOW", (0, 1), (-1, -2), 0.25, RULE)]
        if closed
        else [("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE)]
    )
    if continued:
        rules.append(("LINEABOVE", (0, 1), (-1, 1), 0.25, RULE))
    table.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, 0), palette.primary),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [white, palette.tint]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 4.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                *rules,
            ]
        )
    )
    table.spaceBefore = 4
    table.spaceAfter = 12
    return table


class RowWindows(Flowable):
    """A long data table laid out a window of rows at a time.

    reportlab splits a table by making a new one of all the rows left, whose
    every row it then measures again (and scans its rows for the first one not
    yet measured, once per row): a table of many pages would cost the square
    of its length. Here only a window of the rows left is made into a table,
    just taller than the room left on the page; its split gives the part drawn
    on this page, and the rest of the window (with the lower half of a row
    split inside its cells) opens the next window. Pages look as reportlab
    draws them: the header repeated, the zebra rows starting over on each page.
    Made only for frames, which wrap it just before splitting it.
    """

    FIRST_WINDOW = 32  # rows; more are taken until the window overflows the room left

    def __init__(
        self,
        head: list,
        rows: list[list],
        widths: Sequence[float],
        palette: Palette,
        start: int = 0,
        pending: list[list] | None = None,
        continued: bool = False,
    ) -> None:
        super().__init__()
        self._head = head
        self._rows = rows
        self._widths = widths
        self._palette = palette
        self._start = start  # the first row of ``rows`` in no window yet
        self._pending = pending or []  # rows left over from the previous window
        self._continued = continued  # the previous page ended between two rows
        self.hAlign = "LEFT"
        self.spaceBefore = 0 if start else 4
        self.spaceAfter = 12
        self._window: Table | None = None
        self._window_size = 0
        self._window_room: tuple[float, float] | None = None

    def wrap(self, availWidth, availHeight):
        return self._window_for(availWidth, availHeight).wrap(availWidth, availHeight)

    def split(self, availWidth, availHeight):
        window = self._window_for(availWidth, availHeight)
        parts = window.split(availWidth, availHeight)
        if self._start + self._window_size >= len(self._rows) or len(parts) != 2:
            return parts
        shown, rest = parts
        # Each part repeats the header; a row split inside its cells is in both.
        between_rows = len(shown._cellvalues) + len(rest._cellvalues) - 2 == len(window._cellvalues) - 1
        return [
            shown,
            RowWindows(
                self._head,
                self._rows,
                self._widths,
                self._palette,
                start=self._start + self._window_size,
                pending=rest._cellvalues[1:],
                continued=between_rows,
            ),
        ]

    def draw(self):
        self._window.drawOn(self.canv, 0, 0)

    def _window_for(self, width: float, height: float) -> Table:
        """The window for this room: the whole rest of the table, or enough of
        its rows to overflow ``height``."""
        if self._window_room == (width, height):
            return self._window
        # Rows taken from those in no window yet, after the left-over ones.
        size = max(self.FIRST_WINDOW - len(self._pending), 0)
        while True:
            closed = self._start + size >= len(self._rows)
            data = [self._head, *self._pending, *self._rows[self._start : self._start + size]]
            window = _table(data, self._widths, self._palette, closed=closed, continued=self._continued)
            window.spaceBefore = self.spaceBefore
            if closed or window.wrap(width, height)[1] > height:
                break
            size = max(2 * size, self.FIRST_WINDOW)
        self._window, self._window_size, self._window_room = window, size, (width, height)
        return window
