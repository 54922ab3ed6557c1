"""Helpers for tests that edit a real demo document through a DocumentSession
(the ``session`` fixture of conftest.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from avereport.model.edition import Edition, SectionKind
from avereport.store import open_document


def reread(session, year: int = 2021) -> Edition:
    """The edition as the file holds it, read by a separate connection."""
    with open_document(Path(session.document.path), read_only=True) as document:
        return document.read_edition(year)


def digest(session) -> str:
    """The file's SHA-256, to show a refused edit left it byte-identical."""
    return hashlib.sha256(Path(session.document.path).read_bytes()).hexdigest()


def section_key(session, kind: SectionKind | str) -> str:
    return next(section.key for section in session.edition.outline if section.kind == kind)
