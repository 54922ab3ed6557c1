"""What JSON allows but an interchange file may not hold: nesting deep enough
to exhaust the decoder's recursion, and texts with half a character.

Both are refused before the schema is applied, with the place named: the
line and column of the bracket too deep, the JSON path of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from avereport.interchange.messages import json_path
from avereport.model.limits import MAX_JSON_NESTING

# A string (skipped whole, possessively: no backtracking on a long one) or a bracket.
_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]++|\\.)*+"|[\[\]{}]')
_OPENING = frozenset("[{")
# A UTF-16 surrogate alone: "\ud800" in JSON decodes to it, and no file or
# database can encode it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def nesting_problem(text: str) -> str | None:
    """The French problem of a text nesting arrays and objects deeper than
    :data:`MAX_JSON_NESTING`, or None. Scanned before decoding, which would
    recurse once per level."""
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        bracket = match.group()
        if bracket in _OPENING:
            depth += 1
            if depth > MAX_JSON_NESTING:
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - text.rfind("\n", 0, match.start())
                return (
                    f"fichier trop imbriqué (ligne {line}, colonne {column} : plus de"
                    f" {MAX_JSON_NESTING} listes ou objets les uns dans les autres)"
                )
        elif bracket in "]}":
            depth -= 1
    return None


def surrogate_problems(data: Any) -> list[str]:
    """French lines naming every text (or field name) holding a lone surrogate."""
    return [
        f"{json_path(path)} : texte invalide (« \\u{ord(char):04x} » seul, moitié d'un caractère)"
        for path, char in _surrogates(data, [])
    ]


def _surrogates(value: Any, path: list[str | int]) -> Iterator[tuple[list[str | int], str]]:
    if isinstance(value, str):
        found = None if value.isascii() else _SURROGATE.search(value)
        if found:
            yield path, found.group()
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _surrogates(key, path)
            yield from _surrogates(item, [*path, key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _surrogates(item, [*path, index])
