"""The document layer: the only code that speaks SQL.

A document is one SQLite file holding any number of editions. Reading and
writing use the standard library only; sqlite-utils (slow to import: it
pulls in numpy) is imported when a file is upgraded. See docs/store.md.
"""

from avereport.store.document import Document, open_document
from avereport.store.errors import DocumentError, EditionExistsError
from avereport.store.migrations import APPLICATION_ID, SCHEMA_VERSION

__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "Document",
    "DocumentError",
    "EditionExistsError",
    "open_document",
]
