"""The bundled demo document: the 2020 and 2021 editions of the report."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

from avereport.errors import UserError
from avereport.model.edition import Edition

DEMO_RESOURCE = "demo.json"
# When the demo's editions were last changed, as if kept in a document's
# history: it dates the report exported from the demo itself.
DEMO_CHANGED = dt.datetime(2022, 6, 1, 9, 30, tzinfo=dt.UTC)


def demo_editions() -> list[Edition]:
    from avereport.interchange.load import load_trusted_editions

    text = resources.files("avereport.resources").joinpath(DEMO_RESOURCE).read_text(encoding="utf-8")
    return load_trusted_editions(text, DEMO_RESOURCE)


def write_demo(path: Path) -> None:
    """Create ``path`` holding the demo editions; never overwrites a file, and
    appears under its name only once complete."""
    import os

    from avereport.store.document import create_document

    if os.path.lexists(path):
        raise UserError(
            f"Le fichier « {path.name} » existe déjà : choisissez un autre nom, il ne sera pas écrasé."
        )
    create_document(path, demo_editions())
