"""The text of an interchange file to editions, or a French list of what is wrong."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from avereport.interchange.errors import InterchangeError
from avereport.interchange.json_limits import nesting_problem, surrogate_problems
from avereport.interchange.messages import describe
from avereport.interchange.references import reference_problems
from avereport.interchange.schema import FORMAT_NAME, FORMAT_VERSION, validator
from avereport.model.codec import from_plain
from avereport.model.edition import Edition

_SYNTAX_HINTS = {
    "Expecting value": "valeur attendue",
    "Expecting property name enclosed in double quotes": "nom de champ entre guillemets droits attendu",
    "Expecting ':' delimiter": "deux-points « : » attendu",
    "Expecting ',' delimiter": "virgule « , » attendue",
    "Unterminated string starting at": "texte sans guillemet fermant",
    "Invalid control character at": "caractère de contrôle interdit dans un texte",
    "Invalid \\escape": "séquence d'échappement « \\ » invalide",
    "Invalid \\uXXXX escape": "séquence « \\u » invalide",
    "Extra data": "contenu en trop après la fin du document",
}


class _NotJson(ValueError):
    """What json.loads accepts but JSON forbids; the message is French."""


def load_file(path: str | os.PathLike[str]) -> list[Edition]:
    """Read an interchange file (UTF-8, with or without BOM)."""
    path = Path(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InterchangeError(
            path.name, [f"le fichier n'est pas un texte UTF-8 (octet invalide ligne {line})"]
        ) from None
    return load_editions(text, path.name)


def load_editions(text: str, source: str) -> list[Edition]:
    """The editions of an interchange file, sorted by year.

    ``source`` names the file in messages. Raises :class:`InterchangeError`
    listing, in French and with their JSON paths, every problem found.
    """
    data = _parse(text.removeprefix("\ufeff"), source)
    _check_envelope(data, source)
    errors = sorted(
        validator().iter_errors(data), key=lambda error: _document_order(data, error.absolute_path)
    )
    problems = [line for error in errors for line in describe(error)]
    if not problems:
        problems = reference_problems(data["editions"])
    if problems:
        raise InterchangeError(source, list(dict.fromkeys(problems)))
    editions = [from_plain(Edition, plain) for plain in data["editions"]]
    return sorted(editions, key=lambda edition: edition.year)


def load_trusted_editions(text: str, source: str) -> list[Edition]:
    """The editions of a file that ships with avereport (the demo), whose
    conformance to the schema the tests check: decoded without validating it
    again, which would import jsonschema (a tenth of a second) for nothing."""
    data = _parse(text, source)
    _check_envelope(data, source)
    editions = [from_plain(Edition, plain) for plain in data["editions"]]
    return sorted(editions, key=lambda edition: edition.year)


def _document_order(data: Any, path: Iterable[str | int]) -> tuple[int, ...]:
    """Where ``path`` is in the file, so problems read top to bottom, an object before its fields."""
    order = []
    for part in path:
        order.append(list(data).index(part) if isinstance(data, dict) else int(part))
        data = data[part]
    return tuple(order)


def _parse(text: str, source: str) -> Any:
    if not text.strip():
        raise InterchangeError(source, ["le fichier est vide"])
    too_deep = nesting_problem(text)
    if too_deep:
        raise InterchangeError(source, [too_deep])
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        hint = next(
            (french for english, french in _SYNTAX_HINTS.items() if error.msg.startswith(english)), None
        )
        where = f"ligne {error.lineno}, colonne {error.colno}"
        detail = f"{where} : {hint}" if hint else where
        raise InterchangeError(source, [f"ce n'est pas du JSON valide ({detail})"]) from None
    except _NotJson as error:
        raise InterchangeError(source, [f"ce n'est pas du JSON valide ({error})"]) from None
    except ValueError:
        # The only other refusal of json.loads: an integer too long to convert.
        raise InterchangeError(source, ["un nombre du fichier a trop de chiffres pour être lu"]) from None
    halves = surrogate_problems(data)
    if halves:
        raise InterchangeError(source, halves)
    return data


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _NotJson(f"le champ « {key} » apparaît deux fois dans le même objet")
        result[key] = value
    return result


def _no_constant(name: str) -> None:
    raise _NotJson(f"« {name} » n'est pas un nombre JSON")


def _check_envelope(data: Any, source: str) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise InterchangeError(
            source,
            [
                f"ce n'est pas un fichier d'échange avereport (le champ « format » doit valoir \"{FORMAT_NAME}\")"
            ],
        )
    version = data.get("version")
    if type(version) is int and version > FORMAT_VERSION:
        raise InterchangeError(
            source,
            [
                f"ce fichier est au format avereport version {version}, plus récent que la version "
                f"{FORMAT_VERSION} que ce logiciel sait lire : installez une version à jour d'avereport"
            ],
        )
