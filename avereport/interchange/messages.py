"""jsonschema validation errors as French lines that name their JSON path."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from avereport.interchange.schema import DATE_FORMAT, MARKDOWN_FORMAT, pattern_of
from avereport.model.limits import shown as shown_bound

_TYPE_NAMES = {
    "integer": "un entier",
    "number": "un nombre",
    "string": "un texte",
    "boolean": "true ou false",
    "array": "une liste",
    "object": "un objet",
    "null": "null",
}

_PATTERN_HINTS = {
    "FuzzyDate": "date illisible « {value} » (attendu AAAA, AAAA-MM ou AAAA-MM-JJ)",
    "Colour": "couleur illisible « {value} » (attendu #RRGGBB, par exemple #1F4E79)",
    "Base64": "image mal encodée (attendu le fichier image encodé en base64)",
}

_NULL_BRANCH = {"type": "null"}


def json_path(path: Iterable[str | int]) -> str:
    """``editions[1].membership.groups[0]``; the root is named in words."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or "racine du fichier"


def describe(error: Any) -> list[str]:
    """French lines for one ``jsonschema.ValidationError``."""
    if error.validator == "anyOf" and _NULL_BRANCH in error.validator_value:
        # "X or null" failed on a value that is not null: what is wrong is the X part.
        branches = [i for i, sub in enumerate(error.validator_value) if sub != _NULL_BRANCH]
        nested = [sub for sub in error.context if sub.relative_schema_path[0] in branches]
        if nested:
            return [line for sub in nested for line in describe(sub)]
    where = json_path(error.absolute_path)
    return [f"{where} : {problem}" for problem in _problems(error)]


def _problems(error: Any) -> list[str]:
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "type":
        names = [expected] if isinstance(expected, str) else expected
        return [f"doit être {' ou '.join(_TYPE_NAMES[n] for n in names)} (reçu {_received(value)})"]
    if kind == "minimum":
        if expected == 0:
            return [f"ne peut pas être négatif (reçu {_shown(value)})"]
        return [f"doit valoir au moins {shown_bound(expected)} (reçu {_shown(value)})"]
    if kind == "maximum":
        return [f"doit valoir au plus {shown_bound(expected)} (reçu {_shown(value)})"]
    if kind == "required":
        # jsonschema reports each missing field apart; one line names them all.
        missing = [name for name in expected if name not in value]
        return [_names("champ obligatoire manquant", "champs obligatoires manquants", missing)]
    if kind == "additionalProperties":
        known = error.schema.get("properties", {})
        return [_names("champ inconnu", "champs inconnus", [name for name in value if name not in known])]
    if kind == "enum":
        return [f"valeur non reconnue {_text_or_received(value)} (attendu : {', '.join(expected)})"]
    if kind == "const":
        return [f"doit valoir {_shown(expected)} (reçu {_received(value)})"]
    if kind == "pattern":
        return [_pattern_problem(expected, value)]
    if kind == "format" and expected == DATE_FORMAT:
        return [f"date impossible « {value} » (absente du calendrier)"]
    if kind == "format" and expected == MARKDOWN_FORMAT:
        return [str(error.cause)]
    return [f"valeur refusée {_received(value)} (règle « {kind} » du schéma)"]


def _pattern_problem(pattern: str, value: str) -> str:
    for definition, hint in _PATTERN_HINTS.items():
        if pattern_of(definition) == pattern:
            return hint.format(value=_clipped(value))
    return f"texte de forme non reconnue « {_clipped(value)} »"


def _names(singular: str, plural: str, names: list[str]) -> str:
    quoted = ", ".join(f"« {name} »" for name in names)
    return f"{singular if len(names) == 1 else plural} {quoted}"


def _received(value: Any) -> str:
    if isinstance(value, dict):
        return "un objet"
    if isinstance(value, list):
        return "une liste"
    return f"« {_shown(value)} »"


def _shown(value: Any) -> str:
    return _clipped(json.dumps(value, ensure_ascii=False))


def _text_or_received(value: Any) -> str:
    return f"« {_clipped(value)} »" if isinstance(value, str) else _received(value)


def _clipped(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
