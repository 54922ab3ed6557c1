"""The spreadsheet commands of the CLI: ``import`` a sheet into a table of an
edition, ``tables`` writes every table of an edition as a workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from avereport.errors import UserError

IMPORT_EPILOG = (
    "Tableaux (NOM) : formations (sessions de formation), modules (modules de formation),"
    " conseil (conseil d'administration), bureau, equipe (équipe), adherents (catégories"
    " d'adhérents et leurs nombres), regions (nombre de PLIE et de MDE par région), webinaires,"
    " evenements (vie des instances), reunions, instances (instances régionales),"
    " liste-CLÉ (une liste de l'édition) et chiffres-CLÉ (un bloc de chiffres clés), CLÉ étant"
    " la clé de la liste ou du bloc. Les colonnes sont reconnues à leur titre, dans n'importe"
    " quel ordre (voir docs/spreadsheets.md). Sortie 2 si la feuille ne convient pas :"
    " le document reste alors inchangé."
)


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Register ``import`` and ``tables`` on the CLI's subcommands."""
    imported = commands.add_parser(
        "import",
        help="remplacer (ou compléter) un tableau d'une édition par une feuille de tableur",
        epilog=IMPORT_EPILOG,
    )
    imported.add_argument("file", metavar="FICHIER.db", type=Path, help="document à modifier")
    imported.add_argument(
        "spreadsheet", metavar="TABLEUR", type=Path, help="classeur .xlsx, .xlsm, .ods ou fichier .csv"
    )
    imported.add_argument(
        "--year", type=int, metavar="ANNÉE", help="édition à modifier (par défaut la plus récente)"
    )
    imported.add_argument(
        "--table", required=True, metavar="NOM", help="tableau à remplir (voir la liste ci-dessous)"
    )
    imported.add_argument(
        "--sheet",
        metavar="FEUILLE",
        help="feuille à lire (par défaut la première dont les titres conviennent)",
    )
    imported.add_argument(
        "--append",
        action="store_true",
        help="ajouter les lignes à celles du tableau au lieu de les remplacer",
    )

    tables = commands.add_parser("tables", help="écrire les tableaux d'une édition dans un classeur .xlsx")
    tables.add_argument("file", metavar="FICHIER.db", type=Path, help="document à lire")
    tables.add_argument(
        "--year", type=int, metavar="ANNÉE", help="édition à écrire (par défaut la plus récente)"
    )
    tables.add_argument(
        "-o", "--output", required=True, type=Path, metavar="CLASSEUR.xlsx", help="classeur à écrire"
    )


def run(args: argparse.Namespace) -> int:
    if args.command == "import":
        return import_command(args.file, args.spreadsheet, args.year, args.table, args.sheet, args.append)
    return tables_command(args.file, args.year, args.output)


def import_command(
    path: Path, source: Path, year: int | None, table_name: str, sheet_name: str | None, append: bool
) -> int:
    from avereport.commands import EXIT_OK, choose_year
    from avereport.spreadsheets.importing import import_sheet
    from avereport.spreadsheets.matching import describe
    from avereport.spreadsheets.reading import open_spreadsheet
    from avereport.spreadsheets.tables import find_table, tables_of
    from avereport.store.history import Origin
    from avereport.store.lock import open_locked

    spreadsheet = open_spreadsheet(source)
    with open_locked(path, "") as opened:
        document = opened.document
        year = choose_year(document.years(), year, path)
        before = document.read_edition(year)
        table = find_table(before, table_name)
        if table is None:
            names = ", ".join(t.name for t in tables_of(before))
            raise UserError(f"Tableau inconnu : « {table_name} » (tableaux de l'édition {year} : {names}).")
        sheet, matching = _sheet_and_matching(spreadsheet, table, sheet_name)
        print(f"Feuille « {sheet.name} », en-têtes ligne {matching.header_row + 1} :")
        for line in describe(table, matching):
            print(f"  {line}")
        result = import_sheet(before, table, sheet, matching, append=append)
        if result.changes:
            document.change_edition(before, result.edition, changes=result.changes, origin=Origin.IMPORT)
    verb = "ajoutées à" if append else "importées dans"
    print(
        f"{result.rows} ligne{'s' if result.rows > 1 else ''} {verb} « {table.title} » (édition {year}) :"
        f" {result.summary()}."
    )
    return EXIT_OK


def _sheet_and_matching(spreadsheet, table, sheet_name):
    """The sheet asked for, or the one whose header row names the most columns
    of the table (a sheet named after the table first among equals)."""
    from avereport.spreadsheets.folding import fold
    from avereport.spreadsheets.importing import ImportRefused
    from avereport.spreadsheets.matching import propose_matching

    names = [sheet_name] if sheet_name is not None else spreadsheet.sheet_names
    best = None
    for name in names:
        sheet = spreadsheet.sheet(name)
        matching = propose_matching(table, sheet)
        if matching is not None:
            score = (len(matching.used()), fold(name) in (fold(table.title), fold(table.name)))
            if best is None or score > best[0]:
                best = (score, sheet, matching)
    if best is not None:
        return best[1], best[2]
    titles = ", ".join(c.title for c in table.columns if not c.is_computed)
    where = (
        f"La feuille « {sheet_name} » n'a aucune"
        if sheet_name is not None
        else f"Aucune feuille de « {spreadsheet.path.name} » n'a de"
    )
    raise ImportRefused(
        f"{where} ligne d'en-tête correspondant au tableau « {table.title} »"
        f" (colonnes attendues : {titles}). Rien n'a été importé."
    )


def tables_command(path: Path, year: int | None, output: Path) -> int:
    from avereport.commands import EXIT_OK, choose_year
    from avereport.spreadsheets.exporting import export_tables
    from avereport.store import open_document

    with open_document(path, read_only=True) as document:
        year = choose_year(document.years(), year, path)
        edition = document.read_edition(year)
    count = export_tables(edition, output, protected=[path])
    print(f"{count} tableaux de l'édition {year} écrits dans « {output} ».")
    return EXIT_OK
