"""Spreadsheets in and out, without Qt: the edition's tables as spreadsheets
see them (``tables``), reading workbooks and CSV files under bounds
(``reading``), finding the header row and matching columns (``matching``),
reading cells (``values``), importing and pasting (``importing``), and
writing a workbook (``exporting``). docs/spreadsheets.md describes them."""
