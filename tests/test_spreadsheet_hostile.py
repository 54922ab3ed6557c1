"""Hostile workbooks are refused in French, without a traceback, a hang or
a crash, and leave the document unchanged."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile

import openpyxl
import pytest

from avereport.cli import main
from avereport.demo import write_demo
from avereport.spreadsheets import reading
from avereport.spreadsheets.reading import SpreadsheetError, open_spreadsheet


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "rapport.db"
    write_demo(path)
    return path


def small_workbook(path, far_cell=None):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Module", "PLIE"])
    sheet.append(["Clauses", 3])
    if far_cell is not None:
        sheet[far_cell] = "loin"
    book.save(path)


def rewritten(path, part, change):
    """``path`` with the zip part ``part`` replaced by ``change(bytes)``."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[part] = change(parts[part])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def refused_unchanged(demo, source, capsys, *words):
    before = demo.read_bytes()
    assert main(["import", str(demo), str(source), "--table", "formations"]) == 2
    err = capsys.readouterr().err
    assert source.stem in err and "Traceback" not in err and "inattendue" not in err
    for word in words:
        assert word in err
    assert demo.read_bytes() == before


def test_a_cell_at_the_far_corner_is_refused_before_calamine_allocates_the_grid(tmp_path):
    # Read in a child process: were the bound missing, calamine would abort it.
    source = tmp_path / "loin.xlsx"
    small_workbook(source, far_cell="XFD1048576")
    code = (
        "import sys; from pathlib import Path\n"
        "from avereport.cli import main\n"
        "from avereport.demo import write_demo\n"
        f"write_demo(Path({str(tmp_path / 'd.db')!r}))\n"
        f"sys.exit(main(['import', {str(tmp_path / 'd.db')!r}, {str(source)!r}, '--table', 'formations']))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2, run.stderr
    assert "trop étendue" in run.stderr and "1048576 lignes sur 16384 colonnes" in run.stderr


def test_far_rows_and_many_columns_are_refused(demo, tmp_path, capsys):
    source = tmp_path / "lignes.xlsx"
    small_workbook(source, far_cell="B500000")
    refused_unchanged(demo, source, capsys, "trop étendue")
    source = tmp_path / "colonnes.xlsx"
    small_workbook(source, far_cell="ANA2")
    refused_unchanged(demo, source, capsys, "trop étendue")


def test_cells_without_references_count_towards_the_extent(tmp_path):
    source = tmp_path / "sans-ref.xlsx"
    small_workbook(source)
    cells = "<c><v>1</v></c>" * (reading.MAX_COLUMNS + 1)
    rewritten(
        source,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"</sheetData>", f"<row>{cells}</row></sheetData>".encode()),
    )
    with pytest.raises(SpreadsheetError, match="trop étendue"):
        open_spreadsheet(source)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(demo, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(reading, "MAX_UNPACKED_BYTES", 5_000_000)
    source = tmp_path / "bombe.xlsx"
    small_workbook(source)
    padding = b"<!--" + b" " * 20_000_000 + b"-->"
    rewritten(source, "xl/styles.xml", lambda xml: xml + padding)
    assert source.stat().st_size < 200_000
    refused_unchanged(demo, source, capsys, "trop gros une fois décompressé")


def test_a_part_lying_about_its_size_is_refused(demo, tmp_path, capsys):
    source = tmp_path / "menteur.xlsx"
    small_workbook(source)
    data = bytearray(source.read_bytes())
    # Shrink the declared size of the sheet in its central directory entry.
    name = b"xl/worksheets/sheet1.xml"
    entry = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    data[entry + 24 : entry + 28] = (10).to_bytes(4, "little")
    source.write_bytes(bytes(data))
    refused_unchanged(demo, source, capsys, "abîmée")


def test_rows_repeated_in_an_ods_file_are_counted(tmp_path):
    cell = '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        '<table:table table:name="F"><table:table-row table:number-rows-repeated="50000">'
        f'<table:table-cell table:number-columns-repeated="900" office:value-type="string"><text:p>x</text:p></table:table-cell>{cell}'
        "</table:table-row>"
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    source = tmp_path / "repetitions.ods"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
    with pytest.raises(SpreadsheetError, match=re.escape("50000 lignes sur 901 colonnes")):
        open_spreadsheet(source)


def test_formulas_give_their_last_computed_value_and_are_never_evaluated(tmp_path):
    source = tmp_path / "formules.xlsx"
    small_workbook(source)
    rewritten(
        source,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(
            rb'<c r="B2"[^>]*>.*?</c>', b'<c r="B2"><f>WEBSERVICE("http://x")</f><v>7</v></c>', xml
        ),
    )
    assert open_spreadsheet(source).sheet().rows[1] == ["Clauses", 7.0]


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("vide.xlsx", b"", "archive abîmée"),
        ("texte.xlsx", b"ceci n'est pas un classeur", "archive abîmée"),
        ("image.ods", b"\x89PNG\r\n\x1a\n" + bytes(100), "archive abîmée"),
        ("binaire.csv", bytes(range(256)) * 4, "ni en UTF-8 ni en Windows-1252"),
        ("tableur.xls", b"", "formats acceptés"),
    ],
)
def test_files_that_are_no_spreadsheet_are_refused_in_french(demo, tmp_path, capsys, name, data, words):
    source = tmp_path / name
    source.write_bytes(data)
    refused_unchanged(demo, source, capsys, words)


def test_a_zip_that_is_no_workbook_is_refused(demo, tmp_path, capsys):
    source = tmp_path / "archive.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("bonjour.txt", "rien")
    source.write_bytes(buffer.getvalue())
    refused_unchanged(demo, source, capsys, "n'est pas un classeur lisible")


def test_a_huge_cell_is_refused(demo, tmp_path, capsys):
    source = tmp_path / "long.csv"
    source.write_text("Module;PLIE\n" + "x" * 20_000 + ";1\n", encoding="utf-8")
    refused_unchanged(demo, source, capsys, "texte trop long")
