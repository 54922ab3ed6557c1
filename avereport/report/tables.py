"""Data tables in the report's style: a brand-coloured header row repeated on
every page, light zebra rows, a closing rule."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import white
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from avereport.report.fonts import REGULAR
from avereport.report.paragraph import Paragraph
from avereport.report.styles import RULE, Palette, Styles

Cell = str | Flowable | list
# A table this short moves to the next page whole rather than split.
UNSPLIT_ROWS = 8
IN_ROW_SPLIT_MIN = 48  # points


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
    # Tables split between rows; only a row that fits nowhere (a very long
    # text) splits inside its cells, leaving at least a few lines on each page.
    table = Table(
        [head, *body], colWidths=list(widths), repeatRows=1, splitInRow=IN_ROW_SPLIT_MIN, hAlign="LEFT"
    )
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
                ("LINEBELOW", (0, -1), (-1, -1), 0.8, palette.primary),
                ("LINEBELOW", (0, 1), (-1, -2), 0.25, RULE),
            ]
        )
    )
    table.spaceBefore = 4
    table.spaceAfter = 12
    return KeepTogether([table]) if len(rows) <= UNSPLIT_ROWS and not in_cell else table
