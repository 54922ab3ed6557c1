"""The ``avereport`` command: the app, and the document commands.

Exit status: 0 nothing to report, 1 errors or warnings found, 2 unusable
input. Every failure a user can cause is one French sentence on stderr,
never a traceback.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from avereport import spreadsheet_commands
from avereport.cli_parser import EXIT_USAGE, FrenchArgumentParser, add_new_edition_parser
from avereport.errors import UserError, describe_os_error, report_unexpected

COMMANDS = ("demo", "check", "info", "dump", "load", "export", "import", "tables", "new-edition")


def build_parser() -> FrenchArgumentParser:
    parser = FrenchArgumentParser(
        prog="avereport",
        description="Rapport d'activité d'Alliance Villes Emploi : commandes sur un document .db.",
        epilog="Sans commande, « avereport [FICHIER.db] » ouvre l'application.",
    )
    commands = parser.add_subparsers(dest="command", title="commandes", metavar="COMMANDE")
    commands.required = True

    demo = commands.add_parser("demo", help="écrire le document de démonstration (éditions 2020 et 2021)")
    demo.add_argument("file", metavar="FICHIER.db", type=Path, help="document à créer")

    check = commands.add_parser("check", help="contrôler une édition (erreurs et avertissements)")
    check.add_argument("file", metavar="FICHIER.db", type=Path, help="document à contrôler")
    check.add_argument(
        "--year", type=int, metavar="ANNÉE", help="édition à contrôler (par défaut la plus récente)"
    )

    info = commands.add_parser(
        "info", help="décrire un document : format, éditions, taille, intégrité, verrou, emplacement"
    )
    info.add_argument(
        "file", metavar="FICHIER.db", type=Path, help="document à décrire (lu sans être modifié)"
    )

    dump = commands.add_parser("dump", help="exporter une édition ou toutes au format JSON d'échange")
    dump.add_argument("file", metavar="FICHIER.db", type=Path, help="document à lire")
    chosen = dump.add_mutually_exclusive_group()
    chosen.add_argument(
        "--year", type=int, metavar="ANNÉE", help="édition à exporter (par défaut la plus récente)"
    )
    chosen.add_argument("--all", action="store_true", help="exporter toutes les éditions")
    dump.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FICHIER.json",
        help="fichier à écrire (par défaut la sortie standard)",
    )

    load = commands.add_parser("load", help="charger un fichier JSON d'échange dans un document")
    load.add_argument("json_file", metavar="FICHIER.json", type=Path, help="fichier JSON à charger")
    load.add_argument(
        "--into", required=True, type=Path, metavar="FICHIER.db", help="document cible (créé si besoin)"
    )
    load.add_argument("--replace", action="store_true", help="remplacer les éditions déjà présentes")

    export = commands.add_parser("export", help="écrire le rapport d'une édition en PDF")
    source = export.add_mutually_exclusive_group(required=True)
    source.add_argument("file", metavar="FICHIER.db", type=Path, nargs="?", help="document à exporter")
    source.add_argument("--demo", action="store_true", help="exporter le document de démonstration")
    export.add_argument(
        "--year", type=int, metavar="ANNÉE", help="édition à exporter (par défaut la plus récente)"
    )
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FICHIER.pdf",
        help="PDF à écrire (par défaut « Rapport d'activité ANNÉE.pdf » à côté du document)",
    )
    spreadsheet_commands.add_parsers(commands)
    add_new_edition_parser(commands)
    return parser


def build_app_parser() -> FrenchArgumentParser:
    parser = FrenchArgumentParser(
        prog="avereport",
        description="Ouvre l'application sur un document (ou, au premier lancement, sur une copie de la démonstration).",
        epilog="Commandes : " + ", ".join(COMMANDS) + " (avereport COMMANDE --help).",
    )
    parser.add_argument("file", metavar="FICHIER.db", type=Path, nargs="?", help="document à ouvrir")
    return parser


# What a terminal acts on instead of showing: C0 controls, DEL, C1 controls,
# the bidirectional marks, embeddings, overrides and isolates, the Unicode line
# and paragraph separators, and lone surrogates (which no encoding can write).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str, keep_line_breaks: bool = False) -> str:
    """``text`` safe for a terminal: every unsafe character shown as its JSON
    escape (``\\u001b``, ``\\n``…), so a document's text can neither move the
    cursor, clear the screen nor reorder a line, and JSON stays equivalent JSON.

    A line break is kept only at the very end of ``text`` (one ``print``):
    a name holding one cannot split a message or fake a line of its own.
    ``keep_line_breaks`` keeps them all, for JSON on standard output, where
    the encoder escapes every line break inside a value.
    """
    body, end = (text[:-1], "\n") if text.endswith("\n") else (text, "")
    return _UNSAFE.sub(lambda m: _escape(m.group(), keep_line_breaks), body) + end


def _escape(char: str, keep_line_breaks: bool) -> str:
    if char == "\n" and keep_line_breaks:
        return char
    return _SHORT_ESCAPES.get(char) or f"\\u{ord(char):04x}"


class _PrintableStream:
    """An output stream whose every write goes through :func:`printable`."""

    def __init__(self, stream, keep_line_breaks: bool = False) -> None:
        self._stream = stream
        self._keep_line_breaks = keep_line_breaks

    def write(self, text: str) -> int:
        self._stream.write(printable(text, self._keep_line_breaks))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; everything it prints goes through :func:`printable`."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    stdout, stderr = sys.stdout, sys.stderr
    if stdout is not None and stderr is not None:  # None under pythonw, with no console
        # dump's standard output is the JSON file itself: its line breaks are the file's.
        sys.stdout = _PrintableStream(stdout, keep_line_breaks=args_list[:1] == ["dump"])
        sys.stderr = _PrintableStream(stderr)
    try:
        return _main(args_list)
    except BrokenPipeError:
        # The reader stopped reading (``avereport check r.db | head``): nothing
        # more to say, and Python must not complain when it flushes at exit.
        _silence_stdout()
        return 1  # what Python advises for a closed pipe
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _silence_stdout() -> None:
    if sys.__stdout__ is None:
        return  # no console (pythonw)
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno())
    except (OSError, ValueError):
        pass  # no real standard output to silence


def _main(args_list: list[str]) -> int:
    try:
        if args_list and args_list[0] in COMMANDS:
            args = build_parser().parse_args(args_list)
            return _run_command(args)
        app_args = build_app_parser().parse_args(args_list)
        from avereport.ui.app import run_app

        return run_app(app_args.file)
    except UserError as error:
        for line in error.lines():
            print(line, file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        raise  # see main()
    except OSError as error:
        print(describe_os_error(error), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return EXIT_USAGE
    except Exception as error:  # noqa: BLE001 - last resort: never a traceback for users
        print(report_unexpected(error), file=sys.stderr)
        return EXIT_USAGE


def _run_command(args) -> int:
    from avereport import commands

    if args.command == "demo":
        return commands.write_demo_command(args.file)
    if args.command == "check":
        return commands.check_command(args.file, args.year)
    if args.command == "info":
        return commands.info_command(args.file)
    if args.command == "export":
        return commands.export_command(args.file, args.year, args.output)  # no file: --demo
    if args.command == "new-edition":
        return commands.new_edition_command(args.file, args.from_year, args.year)
    if args.command in ("import", "tables"):
        return spreadsheet_commands.run(args)
    if args.command == "dump":
        return commands.dump_command(args.file, args.year, args.all, args.output)
    return commands.load_command(args.json_file, args.into, args.replace)


if __name__ == "__main__":
    sys.exit(main())
