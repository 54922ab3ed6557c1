"""Which column of a sheet is which column of a table.

The header row is the row, among the first ones, whose cells name the most
columns of the table; it may sit below a title row. A header is compared
with the table's column titles and synonyms with case, accents, spaces and
punctuation ignored. A merged header cell counts for every column it spans,
and a header split on two rows ("Participants" above "PLIE") is read joined
as well as alone.

The proposed :class:`Matching` can be changed (the app's preview lets the
user pick another column) before anything is written.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from avereport.spreadsheets.folding import fold
from avereport.spreadsheets.reading import Sheet
from avereport.spreadsheets.tables import Column, Table
from avereport.spreadsheets.values import as_text

HEADER_SEARCH_ROWS = 30


@dataclass(frozen=True)
class HeaderColumn:
    index: int  # 0-based column of the sheet
    header: str  # as the sheet writes it
    field: str | None  # the table's column it feeds, None when ignored


@dataclass(frozen=True)
class Matching:
    header_row: int  # 0-based row of the sheet
    columns: tuple[HeaderColumn, ...]

    def field_of(self, index: int) -> str | None:
        return next((c.field for c in self.columns if c.index == index), None)

    def with_field(self, index: int, field: str | None) -> Matching:
        """This matching with sheet column ``index`` feeding ``field`` (None:
        ignored); a column that fed ``field`` before is ignored now."""
        columns = tuple(
            dataclasses.replace(c, field=field)
            if c.index == index
            else (dataclasses.replace(c, field=None) if field is not None and c.field == field else c)
            for c in self.columns
        )
        return Matching(self.header_row, columns)

    def used(self) -> dict[str, int]:
        """Field -> sheet column, for the columns that feed one."""
        return {c.field: c.index for c in self.columns if c.field is not None}


def _names(table: Table) -> dict[str, str]:
    """Folded header -> field."""
    names: dict[str, str] = {}
    for column in table.columns:
        for name in column.names():
            names.setdefault(fold(name), column.field)
    return names


def _filled_headers(sheet: Sheet, row: int) -> list[str]:
    """The texts of row ``row``, a merged cell's text repeated over its span."""
    width = max(
        (len(sheet.rows[r]) for r in range(max(0, row - 1), min(len(sheet.rows), row + 1))), default=0
    )
    texts = [as_text(sheet.cell(row, c)).strip() for c in range(width)]
    for (top, left), (bottom, right) in sheet.merged:
        if top <= row <= bottom:
            text = as_text(sheet.cell(top, left)).strip()
            for c in range(left, min(right + 1, width)):
                texts[c] = texts[c] or text
    return texts


def propose_matching(table: Table, sheet: Sheet) -> Matching | None:
    """The header row and the columns it names, or None when no row of the
    first ones names any column of ``table``."""
    names = _names(table)
    best: Matching | None = None
    best_count = 0
    for row in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
        headers = _filled_headers(sheet, row)
        above = _filled_headers(sheet, row - 1) if row > 0 else []
        columns = []
        taken: set[str] = set()
        for index, header in enumerate(headers):
            candidates = [header]
            if index < len(above) and above[index] and above[index] != header:
                candidates.insert(0, f"{above[index]} {header}".strip())
            found = next((text for text in candidates if names.get(fold(text)) not in (None, *taken)), None)
            field = names[fold(found)] if found is not None else None
            if field is not None:
                taken.add(field)
            if header or field is not None:
                columns.append(HeaderColumn(index, found or header, field))
        if len(taken) > best_count:
            best, best_count = Matching(row, tuple(columns)), len(taken)
    return best


def column_letter(index: int) -> str:
    """0 -> "A", 27 -> "AB", as spreadsheets name columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def describe(table: Table, matching: Matching) -> list[str]:
    """The matching in French, one line a sheet column: "B « Nom de famille » → Nom"."""
    titles = {column.field: column for column in table.columns}
    lines = []
    for column in matching.columns:
        place = f"{column_letter(column.index)} « {column.header} »"
        target: Column | None = titles.get(column.field) if column.field else None
        if target is None:
            lines.append(f"{place} : ignorée")
        elif target.is_computed:
            lines.append(f"{place} → {target.title} (calculée, ignorée)")
        else:
            lines.append(f"{place} → {target.title}")
    return lines
