"""Errors of the document layer; their text is shown to users as is."""

from __future__ import annotations

from pathlib import Path

from avereport.errors import UserError


class DocumentError(UserError):
    """A document that cannot be opened, read or changed; ``str()`` is one
    French sentence naming the file."""

    def __init__(self, message: str, *, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class EditionExistsError(DocumentError):
    """The year being written is already in the document."""


def quoted(path: Path) -> str:
    """The file's name as French messages show it."""
    return f"« {path.name} »"
