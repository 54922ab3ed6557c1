"""Rows of a spreadsheet, or a pasted grid, into a table of an edition.

Every value goes through the same checks as a typed one (``values``). An
import is all or nothing: the first refused cell refuses the sheet, in French
naming the sheet, the row and the column. A paste keeps what it can and
lists the refused cells.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from avereport.errors import UserError
from avereport.model.diff import Change, diff_editions
from avereport.model.edition import Edition
from avereport.spreadsheets.folding import fold
from avereport.spreadsheets.matching import Matching, column_letter
from avereport.spreadsheets.reading import Sheet
from avereport.spreadsheets.tables import BASE, Column, Kind, Row, RowRefused, Table
from avereport.spreadsheets.values import (
    CellRefused,
    as_text,
    field_check,
    has_default,
    is_empty,
    is_optional,
    read_cell,
)

MAX_REFUSALS_NAMED = 5


class ImportRefused(UserError):
    """A sheet that does not fit its table; the message is French."""


Converter = Callable[[Any], tuple[bool, Any]]


def converter(table: Table, column: Column) -> Converter:
    """What reads a cell of ``column``: (True, value) for a value to store,
    (False, None) for an empty cell that leaves the field as it is (or at its
    default); CellRefused otherwise. Worked out once a column, not a cell."""
    record_type = table.record_type(column.field)
    keeps_when_empty = (
        column.kind not in (Kind.TEXT, Kind.REFERENCE)
        and not is_optional(record_type, column.field)
        and has_default(record_type, column.field)
    )
    if column.kind is Kind.REFERENCE:
        return lambda cell: (True, read_cell(column, cell))
    check = field_check(record_type, column.field)

    def convert(cell: Any) -> tuple[bool, Any]:
        value = read_cell(column, cell)
        if value is None and keeps_when_empty:
            return False, None
        return True, check(value)

    return convert


def remembering(convert: Converter, column: Column) -> Converter:
    """``convert`` reading each distinct cell once: a sheet's columns repeat
    the same modules, dates and small counts thousands of times. Equal cells
    of one type read alike, except floats in a NUMBER column (-0.0 equals 0.0
    but keeps its sign there); a refused cell is read again each time. Past
    ``MAX_REMEMBERED`` distinct cells (a column of names), the others are
    read without being kept: a large sheet's memory does not double."""
    kinds = _REPEATABLE - {float} if column.kind is Kind.NUMBER else _REPEATABLE
    read: dict[tuple[type, Any], tuple[bool, Any]] = {}

    def convert_once(cell: Any) -> tuple[bool, Any]:
        kind = cell.__class__
        if kind not in kinds:
            return convert(cell)
        key = (kind, cell)
        found = read.get(key)
        if found is None:
            found = convert(cell)
            if len(read) < MAX_REMEMBERED:
                read[key] = found
        return found

    return convert_once


_REPEATABLE = frozenset({str, int, float, dt.date, dt.datetime})
MAX_REMEMBERED = 10_000  # distinct cells kept per column


# --- import ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    edition: Edition
    changes: list[Change]
    rows: int  # rows read from the sheet

    def counts(self) -> tuple[int, int, int]:
        """(records added, records removed, values changed)."""
        added = sum(1 for c in self.changes if c.kind == "added")
        removed = sum(1 for c in self.changes if c.kind == "removed")
        return added, removed, len(self.changes) - added - removed

    def summary(self) -> str:
        added, removed, changed = self.counts()
        if not self.changes:
            return "aucun changement"
        return f"{_count(added, 'ajout')}, {_count(removed, 'suppression')}, {_count(changed, 'valeur modifiée', 'valeurs modifiées')}"


def _count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n <= 1 else (plural or word + 's')}"


def data_rows(table: Table, sheet: Sheet, matching: Matching) -> list[tuple[int, Row]]:
    """(0-based sheet row, row of values) for every row below the header that
    holds something, a trailing "Total" row left out; ImportRefused at the
    first cell that cannot be read."""
    used = {field: index for field, index in matching.used().items()}
    columns = [
        (column, used[column.field], remembering(converter(table, column), column))
        for column in table.columns
        if column.field in used and not column.is_computed
    ]
    if not columns:
        raise ImportRefused(
            f"Feuille « {sheet.name} » : aucune colonne ne correspond au tableau « {table.title} »"
            f" (colonnes attendues : {', '.join(c.title for c in table.columns if not c.is_computed)})."
        )
    body = [
        (number, sheet.rows[number])
        for number in range(matching.header_row + 1, len(sheet.rows))
        if any(not is_empty(cell) for cell in sheet.rows[number])
    ]
    if body and _is_total(body[-1][1]):
        body.pop()
    rows = []
    refusals: list[str] = []
    for number, cells in body:
        row: Row = {}
        for column, index, convert in columns:
            cell = cells[index] if index < len(cells) else None
            try:
                keep, value = convert(cell)
            except CellRefused as error:
                refusals.append(_place(sheet, number, index, column) + f" : {error}")
                continue
            if keep:
                row[column.field] = value
        rows.append((number, row))
    if refusals:
        more = len(refusals) - MAX_REFUSALS_NAMED
        text = " ; ".join(refusals[:MAX_REFUSALS_NAMED]) + (
            f" ; et {more} autres cases refusées" if more > 0 else ""
        )
        raise ImportRefused(f"{text}. Rien n'a été importé.")
    return rows


def _is_total(cells: list[Any]) -> bool:
    first = next((cell for cell in cells if not is_empty(cell)), None)
    return isinstance(first, str) and fold(first).startswith("total")


def _place(sheet: Sheet, row: int, index: int, column: Column) -> str:
    return f"Feuille « {sheet.name} », ligne {row + 1}, colonne {column_letter(index)} ({column.title})"


def import_sheet(
    edition: Edition, table: Table, sheet: Sheet, matching: Matching, *, append: bool = False
) -> ImportResult:
    """``edition`` with ``table`` holding the rows of ``sheet`` (after its own
    with ``append``); ImportRefused naming the place of the first refusal."""
    rows = data_rows(table, sheet, matching)
    try:
        result = table.store(edition, [row for _, row in rows], append=append)
    except RowRefused as error:
        number = rows[error.row][0]
        column = next(c for c in table.columns if c.field == error.field)
        index = matching.used()[error.field]
        raise ImportRefused(
            f"{_place(sheet, number, index, column)} : {error}. Rien n'a été importé."
        ) from None
    return ImportResult(result, diff_editions(edition, result), len(rows))


# --- paste ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RefusedCell:
    row: int  # 0-based row of the table
    column: int  # 0-based column of the table
    text: str  # what was pasted
    reason: str  # French


@dataclass(frozen=True)
class PasteResult:
    edition: Edition
    refused: list[RefusedCell]

    def message(self, table: Table) -> str:
        """The refused cells in one French message; "" when none was."""
        if not self.refused:
            return ""
        parts = [
            f"ligne {cell.row + 1}, {table.columns[cell.column].title if cell.column < len(table.columns) else 'hors du tableau'}"
            f" (« {cell.text} ») : {cell.reason}"
            for cell in self.refused[:MAX_REFUSALS_NAMED]
        ]
        more = len(self.refused) - MAX_REFUSALS_NAMED
        head = "Une case refusée" if len(self.refused) == 1 else f"{len(self.refused)} cases refusées"
        return (
            f"{head}, le reste est collé : "
            + " ; ".join(parts)
            + (f" ; et {more} autres." if more > 0 else ".")
        )


def paste(
    edition: Edition, table: Table, row: int, column: int, grid: Sequence[Sequence[str]]
) -> PasteResult:
    """``edition`` with ``grid`` (rows of texts, as the clipboard holds them)
    pasted with its top-left cell at (``row``, ``column``) of ``table``,
    rows added below as needed; each refused cell keeps its value."""
    rows = [
        {k: v for k, v in r.items() if k == BASE or not _is_computed(table, k)} for r in table.rows(edition)
    ]
    refused: list[RefusedCell] = []
    computed: list[RefusedCell] = []  # texts pasted on computed cells
    pasted: dict[tuple[int, str], tuple[int, str]] = {}
    for down, line in enumerate(grid):
        target = row + down
        while len(rows) <= target:
            rows.append({})
        for across, text in enumerate(line):
            index = column + across
            if index >= len(table.columns):
                if not is_empty(text):
                    refused.append(RefusedCell(target, index, text, "au-delà de la dernière colonne"))
                continue
            spec = table.columns[index]
            if spec.is_computed:
                if not is_empty(text):
                    computed.append(
                        RefusedCell(target, index, text, "colonne calculée, qui ne se saisit pas")
                    )
                continue
            try:
                keep, value = converter(table, spec)(text)
            except CellRefused as error:
                refused.append(RefusedCell(target, index, text, str(error)))
                continue
            if keep:
                rows[target][spec.field] = value
                pasted[target, spec.field] = (index, text)
    while True:
        try:
            result = table.store(edition, rows, append=False)
        except RowRefused as error:
            values = rows[error.row]
            if error.field not in values:
                # A new row the table cannot take without this value: left out.
                del rows[error.row]
                continue
            index, text = pasted.pop((error.row, error.field), (table_index(table, error.field), ""))
            refused.append(RefusedCell(error.row, index, text or as_text(values[error.field]), str(error)))
            # The record edited keeps its value; a new one gets the default.
            del values[error.field]
            continue
        # A computed cell pasted as the edition now shows it (rows copied
        # whole from a sheet) is no refusal.
        differing = [cell for cell in computed if not _shows(table, result, cell)]
        return PasteResult(result, sorted(refused + differing, key=lambda c: (c.row, c.column)))


def _is_computed(table: Table, field: str) -> bool:
    return any(c.field == field and c.is_computed for c in table.columns)


def _shows(table: Table, edition: Edition, cell: RefusedCell) -> bool:
    column = table.columns[cell.column]
    values = column.computed(edition) if column.computed else []
    return cell.row < len(values) and fold(cell.text) == fold(as_text(values[cell.row]))


def table_index(table: Table, field: str) -> int:
    return next(n for n, c in enumerate(table.columns) if c.field == field)
