"""Edition -> workbook -> import gives the same data, and the workbook is a
real one: real dates and numbers, frozen header, computed columns marked."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from avereport.cli import main
from avereport.demo import demo_editions, write_demo
from avereport.spreadsheets.exporting import sheet_name, workbook_bytes
from avereport.spreadsheets.importing import import_sheet
from avereport.spreadsheets.matching import propose_matching
from avereport.spreadsheets.reading import open_spreadsheet
from avereport.spreadsheets.tables import BASE, tables_of
from avereport.store import open_document


def plain_rows(table, edition):
    return [{k: v for k, v in row.items() if k != BASE} for row in table.rows(edition)]


@pytest.mark.parametrize("edition", demo_editions(), ids=lambda e: str(e.year))
def test_each_table_read_back_into_an_emptied_table_is_the_same(edition, tmp_path):
    workbook = tmp_path / "tableaux.xlsx"
    workbook.write_bytes(workbook_bytes(edition))
    book = open_spreadsheet(workbook)
    taken: set[str] = set()
    for table in tables_of(edition):
        sheet = book.sheet(sheet_name(table, taken))
        emptied = table.store(edition, [], append=False)
        result = import_sheet(emptied, table, sheet, propose_matching(table, sheet))
        assert plain_rows(table, result.edition) == plain_rows(table, edition), table.name


def test_cli_round_trip_table_by_table_gives_the_same_edition(tmp_path, capsys):
    document = tmp_path / "rapport.db"
    write_demo(document)
    workbook = tmp_path / "tableaux.xlsx"
    assert main(["tables", str(document), "--year", "2021", "-o", str(workbook)]) == 0
    assert "tableaux de l'édition 2021 écrits" in capsys.readouterr().out
    with open_document(document, read_only=True) as opened:
        before = opened.read_edition(2021)
    taken: set[str] = set()
    for table in tables_of(before):
        name = sheet_name(table, taken)
        assert main(["import", str(document), str(workbook), "--table", table.name, "--sheet", name]) == 0
        assert "aucun changement" in capsys.readouterr().out
    with open_document(document, read_only=True) as opened:
        assert opened.read_edition(2021) == before


def test_the_workbook_has_real_dates_numbers_frozen_headers_and_marked_computed_columns(tmp_path):
    edition = demo_editions()[-1]
    workbook = tmp_path / "tableaux.xlsx"
    workbook.write_bytes(workbook_bytes(edition))
    book = openpyxl.load_workbook(workbook)
    assert len(book.sheetnames) == len(tables_of(edition))
    sheet = book["Sessions de formation"]
    assert [c.value for c in sheet[1]] == [
        "Module",
        "Date",
        "PLIE",
        "MDE",
        "Collectivités",
        "Autres",
        "Total (calculé)",
        "Modalité",
    ]
    assert sheet.freeze_panes == "A2"
    first = edition.training.sessions[0]
    row = [c.value for c in sheet[2]]
    assert row[2:7] == [first.plie, first.mde, first.collectivites, first.autres, sum(row[2:6])]
    assert all(isinstance(v, int) for v in row[2:7])
    bureau = book["Bureau"]
    since = edition.governance.bureau[0].since
    assert since.precision == "day"
    assert bureau.cell(2, 3).value == dt.datetime.combine(since.first_day(), dt.time())
    assert bureau.cell(2, 3).number_format == "dd/mm/yyyy"
    assert sheet.cell(1, 7).font.italic and not sheet.cell(1, 1).font.italic
    assert sheet.column_dimensions["A"].width > sheet.column_dimensions["C"].width
    board = book["Conseil d'administration"]
    functions = [c.value for c in board["E"][1:] if c.value and "\n" in c.value]
    assert functions  # several functions, one a line, in one cell
