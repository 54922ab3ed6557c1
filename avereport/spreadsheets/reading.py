"""Reading a user's spreadsheet (.xlsx, .xlsm, .ods, .csv) into rows of cells,
bounded like every hostile input.

Workbooks are read by python-calamine. calamine builds a dense grid from the
top-left to the farthest cell and aborts the whole process when that grid
cannot be allocated (one cell at XFD1048576 is enough), and it trusts the
sizes a zip archive declares. So before calamine sees a workbook, this module
unpacks it itself, each part checked against its CRC and a size cap, measures
how far its cells reach, and hands calamine a clean in-memory copy of
exactly what was checked. Formulas are never evaluated: calamine returns the
value the spreadsheet last computed.

CSV files are read as Excel writes them in France: UTF-8 with or without
BOM, else Windows-1252; semicolons, commas or tabs; quoted multi-line cells.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from avereport.errors import UserError

MAX_FILE_BYTES = 50_000_000
MAX_UNPACKED_BYTES = 200_000_000  # every part of a workbook, unpacked
MAX_PARTS = 10_000
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
MAX_CELLS = 2_000_000  # rows x columns of the grid calamine would build

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".ods")
SUFFIXES = (*WORKBOOK_SUFFIXES, ".csv")

Cell = Any  # str, int, float, bool, datetime.date/datetime/time/timedelta or None


class SpreadsheetError(UserError):
    """A spreadsheet that cannot be read; the message is French and names the file."""


@dataclass
class Sheet:
    name: str
    rows: list[list[Cell]]
    # Merged ranges, ((first row, first column), (last row, last column)), 0-based.
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)

    def cell(self, row: int, column: int) -> Cell:
        cells = self.rows[row] if 0 <= row < len(self.rows) else []
        return cells[column] if 0 <= column < len(cells) else None


@dataclass
class Spreadsheet:
    path: Path
    sheet_names: list[str]
    _book: Any = None  # a CalamineWorkbook, or the CSV's single sheet
    _sheets: dict[str, Sheet] = field(default_factory=dict)

    def sheet(self, name: str | None = None) -> Sheet:
        """The sheet called ``name`` (the first one by default)."""
        if name is None:
            name = self.sheet_names[0]
        if name not in self.sheet_names:
            names = ", ".join(f"« {n} »" for n in self.sheet_names)
            raise SpreadsheetError(
                f"« {self.path.name} » n'a pas de feuille « {name} » (feuilles : {names})."
            )
        if name not in self._sheets:
            self._sheets[name] = self._read_sheet(name)
        return self._sheets[name]

    def _read_sheet(self, name: str) -> Sheet:
        import python_calamine

        try:
            sheet = self._book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = list(sheet.merged_cell_ranges or [])
        except python_calamine.CalamineError as error:
            raise _unreadable(self.path, error) from None
        return Sheet(name, rows, merged)


def open_spreadsheet(path: Path) -> Spreadsheet:
    """The spreadsheet at ``path``, its sheets read when asked for."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SpreadsheetError(
            f"« {path.name} » n'est pas un tableur pris en charge (formats acceptés : .xlsx, .xlsm, .ods, .csv)."
        )
    with path.open("rb") as stream:
        data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise SpreadsheetError(f"« {path.name} » est trop gros ({MAX_FILE_BYTES // 1_000_000} Mo au plus).")
    if suffix == ".csv":
        sheet = Sheet(path.stem, read_csv_text(decode_csv(data, path), path))
        return Spreadsheet(path, [sheet.name], None, {sheet.name: sheet})
    return _open_workbook(path, data)


# --- workbooks ------------------------------------------------------------------


def _open_workbook(path: Path, data: bytes) -> Spreadsheet:
    import python_calamine

    clean = _checked_copy(path, data)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(clean))
        names = [
            meta.name for meta in book.sheets_metadata if meta.typ == python_calamine.SheetTypeEnum.WorkSheet
        ]
    except python_calamine.CalamineError as error:
        raise _unreadable(path, error) from None
    if not names:
        raise SpreadsheetError(f"« {path.name} » ne contient aucune feuille de calcul.")
    return Spreadsheet(path, names, book)


def _unreadable(path: Path, error: Exception) -> SpreadsheetError:
    return SpreadsheetError(f"« {path.name} » n'est pas un classeur lisible ({type(error).__name__}).")


def _checked_copy(path: Path, data: bytes) -> bytes:
    """The workbook's parts, each unpacked under the caps and checked against
    its CRC, stored again without compression; refused if its cells reach
    too far."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise SpreadsheetError(f"« {path.name} » n'est pas un classeur lisible (archive abîmée).") from None
    if len(infos) > MAX_PARTS:
        raise SpreadsheetError(f"« {path.name} » contient trop de parties ({len(infos)}).")
    output = io.BytesIO()
    budget = MAX_UNPACKED_BYTES
    with zipfile.ZipFile(output, "w", zipfile.ZIP_STORED) as copy:
        for info in infos:
            if info.is_dir():
                continue
            content = _unpacked(archive, info, budget, path)
            budget -= len(content)
            if _is_sheet_part(info.filename):
                _check_extent(content, info.filename.endswith("content.xml"), path)
            copy.writestr(info.filename, content)
    return output.getvalue()


def _unpacked(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, path: Path) -> bytes:
    too_big = SpreadsheetError(
        f"« {path.name} » est trop gros une fois décompressé ({MAX_UNPACKED_BYTES // 1_000_000} Mo au plus) :"
        " ce n'est pas un classeur ordinaire."
    )
    if info.file_size > budget:
        raise too_big
    chunks = []
    try:
        # zipfile stops at the declared size and checks the CRC of what it read.
        with archive.open(info) as stream:
            while chunk := stream.read(1 << 20):
                chunks.append(chunk)
                budget -= len(chunk)
                if budget < 0:
                    raise too_big
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError, zlib.error):
        raise SpreadsheetError(f"« {path.name} » n'est pas un classeur lisible (archive abîmée).") from None
    return b"".join(chunks)


def _is_sheet_part(name: str) -> bool:
    return (name.startswith("xl/worksheets/") and name.endswith(".xml")) or name == "content.xml"


# A cell's reference is the only r="…" holding letters then digits.
_XLSX_CELL_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_XLSX_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"')
_XLSX_ANY_ROW = re.compile(rb"<(?:\w+:)?row[\s/>]")
_XLSX_PREFIXED_CELL = re.compile(rb"<\w+:c[\s/>]")


def _check_extent(content: bytes, ods: bool, path: Path) -> None:
    rows, columns = _ods_extent(content, path) if ods else _xlsx_extent(content)
    if rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
        raise SpreadsheetError(
            f"« {path.name} » a une feuille trop étendue ({rows} lignes sur {columns} colonnes ;"
            f" au plus {MAX_ROWS} lignes, {MAX_COLUMNS} colonnes et {MAX_CELLS} cases)."
        )


def _xlsx_extent(content: bytes) -> tuple[int, int]:
    """How far calamine's grid would reach: the farthest cell reference, plus
    every cell and row written without one (placed after the previous)."""
    references = _XLSX_CELL_REF.findall(content)
    letters = {column for column, _ in references}
    columns = max((_column_number(column) for column in letters), default=0)
    rows = max((int(row) for row in {row for _, row in references}), default=0)
    cells = content.count(b"<c ") + content.count(b"<c>") + content.count(b"<c/>")
    if b":c" in content:
        cells += len(_XLSX_PREFIXED_CELL.findall(content))
    row_numbers = [int(n) for n in _XLSX_ROW.findall(content)]
    unplaced_rows = len(_XLSX_ANY_ROW.findall(content)) - len(row_numbers)
    rows = max(rows, max(row_numbers, default=0)) + max(0, unplaced_rows)
    return rows, columns + max(0, cells - len(references))


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def _ods_extent(content: bytes, path: Path) -> tuple[int, int]:
    """The rows and columns an ODS sheet reaches once its repeated rows and
    cells are expanded, up to its last cell holding something."""
    from xml.etree.ElementTree import ParseError, iterparse

    table = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
    office = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
    cells = (f"{table}table-cell", f"{table}covered-table-cell")
    rows = columns = 0
    row_at = 0  # rows of the current table before the current row
    width = filled = 0  # of the current row
    try:
        for event, element in iterparse(io.BytesIO(content), events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{table}table":
                    row_at = 0
                elif tag == f"{table}table-row":
                    width = filled = 0
                continue
            if tag in cells:
                repeat = _repeat(element.get(f"{table}number-columns-repeated"))
                width += repeat
                if element.get(f"{office}value-type") is not None or len(element) or element.text:
                    filled = width
                element.clear()
            elif tag == f"{table}table-row":
                repeat = _repeat(element.get(f"{table}number-rows-repeated"))
                row_at += repeat
                if filled:
                    rows = max(rows, row_at)
                    columns = max(columns, filled)
                element.clear()
    except ParseError:
        raise SpreadsheetError(f"« {path.name} » n'est pas un classeur lisible (XML abîmé).") from None
    return rows, columns


def _repeat(text: str | None) -> int:
    return int(text) if text and text.isdigit() and len(text) < 10 else 1


# --- CSV ------------------------------------------------------------------------------


def decode_csv(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM) when the bytes are valid UTF-8, else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise SpreadsheetError(
            f"« {path.name} » n'est ni en UTF-8 ni en Windows-1252 : enregistrez-le en « CSV UTF-8 »."
        ) from None


def read_csv_text(text: str, path: Path) -> list[list[Cell]]:
    """Rows of texts; the separator (``;``, ``,`` or tab) is sniffed from the start."""
    sample = text[:65536]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        first = sample.split("\n", 1)[0]
        dialect = csv.excel
        if first.count(";") > first.count(","):
            dialect = _Semicolon
    rows: list[list[Cell]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), dialect):
            if len(rows) >= MAX_ROWS or len(row) > MAX_COLUMNS:
                raise SpreadsheetError(
                    f"« {path.name} » est trop étendu (au plus {MAX_ROWS} lignes et {MAX_COLUMNS} colonnes)."
                )
            rows.append([cell if cell != "" else None for cell in row])
    except csv.Error as error:
        raise SpreadsheetError(f"« {path.name} » n'est pas un CSV lisible ({error}).") from None
    return rows


class _Semicolon(csv.excel):
    delimiter = ";"
