"""argparse speaking French.

argparse's own messages are English and it ships no French catalogue; this
parser translates the handful it can emit for our commands and titles its
help in French.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import NoReturn

EXIT_USAGE = 2

_MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"the following arguments are required: (.+)"), "arguments obligatoires manquants : {0}"),
    (re.compile(r"unrecognized arguments: (.+)"), "arguments non reconnus : {0}"),
    (
        re.compile(r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)"),
        "{0} : choix invalide {1} (choix possibles : {2})",
    ),
    (re.compile(r"argument (\S+): invalid int value: '(.*)'"), "{0} : nombre entier attendu, reçu « {1} »"),
    (re.compile(r"argument (\S+): expected one argument"), "{0} : une valeur est attendue"),
    (re.compile(r"one of the arguments (.+) is required"), "un de ces arguments est obligatoire : {0}"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), "{0} : incompatible avec {1}"),
    (re.compile(r"ambiguous option: (\S+) could match (.+)"), "option ambiguë : {0} (possibles : {1})"),
]


def translate(message: str) -> str:
    for pattern, french in _MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            return french.format(*match.groups())
    return message


class FrenchHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        # argparse passes prefix "" when it builds a subcommand's prog from the
        # parent's usage: only a missing prefix becomes the French one.
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


class FrenchArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", FrenchHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog} : erreur : {translate(message)}\n")

    def _print_message(self, message: str, file=None) -> None:
        # One write per line: the CLI's output streams keep a line break only
        # at the end of a write (see avereport.cli.printable).
        stream = file or sys.stderr
        try:
            for line in message.splitlines(keepends=True):
                stream.write(line)
        except OSError:  # as argparse: a closed pipe (``avereport -h | head``) is no error
            pass


def add_new_edition_parser(commands: argparse._SubParsersAction) -> None:
    """``avereport new-edition``: next year's edition from an existing one."""
    new_edition = commands.add_parser(
        "new-edition",
        help="créer l'édition suivante : textes et listes repris à relire, chiffres à saisir",
    )
    new_edition.add_argument("file", metavar="FICHIER.db", type=Path, help="document à compléter")
    new_edition.add_argument(
        "--from",
        dest="from_year",
        type=int,
        metavar="ANNÉE",
        help="édition de départ (par défaut la plus récente)",
    )
    new_edition.add_argument(
        "--year", type=int, metavar="ANNÉE", help="année de la nouvelle édition (par défaut la suivante)"
    )
