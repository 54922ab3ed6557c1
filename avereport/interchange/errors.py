"""The error a file that cannot be loaded raises, worded in French."""

from __future__ import annotations

from avereport.errors import UserError

MAX_SHOWN = 10


class InterchangeError(UserError):
    """A file that is not a valid interchange file.

    ``errors`` holds one French line per problem, each starting with the JSON
    path it concerns; ``str()`` names the file and shows the first few.
    """

    def __init__(self, source: str, errors: list[str]) -> None:
        self.source = source
        self.errors = errors
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return _lines(self.source, self.errors)


def _lines(source: str, errors: list[str]) -> list[str]:
    if len(errors) == 1:
        return [f"Impossible de lire « {source} » : {errors[0]}."]
    lines = [f"Impossible de lire « {source} » : {len(errors)} problèmes."]
    lines += [f"  - {error}" for error in errors[:MAX_SHOWN]]
    hidden = len(errors) - MAX_SHOWN
    if hidden > 0:
        lines.append(f"  … et {hidden} autre{'s' if hidden > 1 else ''}.")
    return lines
