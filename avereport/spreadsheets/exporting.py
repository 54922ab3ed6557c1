"""The tables of an edition as one workbook (.xlsx, by XlsxWriter).

One sheet per table, headed by the app's column titles, header row frozen,
columns as wide as their texts. Numbers are numbers and a date known to the
day is a real date. A month or a year is written as the app shows it
("décembre 2021", 2021), since a spreadsheet date is always a day and reading
it back would invent one. Computed columns come last in their place, their
title marked "(calculé)", greyed, and are ignored when the sheet is imported
back: a workbook exported then imported table by table gives the same edition.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from avereport.model import fmt
from avereport.model.dates import FuzzyDate
from avereport.model.edition import Edition
from avereport.spreadsheets.tables import COMPUTED_MARK, Column, Kind, Table, tables_of

MAX_WIDTH = 60
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def computed_title(column: Column) -> str:
    return column.title + COMPUTED_MARK


def sheet_name(table: Table, taken: set[str]) -> str:
    """The table's title as a sheet name: 31 characters, none of []:*?/\\, unique."""
    base = _SHEET_NAME_FORBIDDEN.sub(" ", table.title).strip()[:31] or table.name[:31]
    name, number = base, 2
    while name.casefold() in taken:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name.casefold())
    return name


def workbook_bytes(edition: Edition) -> bytes:
    """The .xlsx of every table of ``edition``."""
    import xlsxwriter

    output = io.BytesIO()
    book = xlsxwriter.Workbook(
        output,
        {
            "in_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    formats = {
        "header": book.add_format(
            {"bold": True, "bg_color": "#DDE6F0", "border": 1, "text_wrap": True, "valign": "top"}
        ),
        "computed_header": book.add_format(
            {
                "bold": True,
                "italic": True,
                "bg_color": "#EDEDED",
                "font_color": "#595959",
                "border": 1,
                "text_wrap": True,
                "valign": "top",
            }
        ),
        "computed": book.add_format(
            {"italic": True, "bg_color": "#F2F2F2", "font_color": "#595959", "valign": "top"}
        ),
        "date": book.add_format({"num_format": "dd/mm/yyyy", "valign": "top"}),
        "lines": book.add_format({"text_wrap": True, "valign": "top"}),
        "text": book.add_format({"valign": "top"}),
    }
    taken: set[str] = set()
    for table in tables_of(edition):
        _write_sheet(book, formats, table, edition, sheet_name(table, taken))
    book.close()
    return output.getvalue()


def _write_sheet(book: Any, formats: dict[str, Any], table: Table, edition: Edition, name: str) -> None:
    sheet = book.add_worksheet(name)
    widths = []
    for index, column in enumerate(table.columns):
        title = computed_title(column) if column.is_computed else column.title
        sheet.write_string(0, index, title, formats["computed_header" if column.is_computed else "header"])
        widths.append(len(title))
    for number, row in enumerate(table.rows(edition), start=1):
        for index, column in enumerate(table.columns):
            shown = _write_cell(sheet, formats, number, index, column, row.get(column.field))
            longest = max((len(line) for line in shown.splitlines()), default=0)
            widths[index] = max(widths[index], longest)
    for index, width in enumerate(widths):
        sheet.set_column(index, index, min(MAX_WIDTH, width + 2))
    sheet.freeze_panes(1, 0)


def _write_cell(sheet: Any, formats: dict[str, Any], row: int, index: int, column: Column, value: Any) -> str:
    """Write one cell; returns the text it shows (for the column's width)."""
    style = formats["computed"] if column.is_computed else None
    if value is None or value == ():
        if style is not None:
            sheet.write_blank(row, index, None, style)
        return ""
    if column.kind is Kind.DATE and isinstance(value, FuzzyDate):
        if value.precision == "day":
            sheet.write_datetime(
                row, index, dt.datetime.combine(value.first_day(), dt.time()), formats["date"]
            )
            return "00/00/0000"
        if value.precision == "year":
            sheet.write_number(row, index, value.year, style or formats["text"])
            return str(value.year)
        text = fmt.date(value)
        sheet.write_string(row, index, text, style or formats["text"])
        return text
    if column.kind in (Kind.COUNT, Kind.NUMBER, Kind.YEAR) and isinstance(value, (int, float)):
        sheet.write_number(row, index, value, style or formats["text"])
        return fmt.number(value) if column.kind is not Kind.YEAR else str(value)
    if column.kind is Kind.FLAG:
        text = "oui" if value else "non"
    elif column.kind is Kind.LINES:
        text = "\n".join(value)
        sheet.write_string(row, index, text, style or formats["lines"])
        return text
    else:
        text = str(column.label(value))
    sheet.write_string(row, index, text, style or formats["text"])
    return text


def export_tables(edition: Edition, target: Path, *, protected: list[Path]) -> int:
    """Write the workbook of ``edition`` to ``target``; the number of sheets."""
    from avereport.outputs import write_file

    write_file(target, workbook_bytes(edition), protected=protected)
    return len(tables_of(edition))
