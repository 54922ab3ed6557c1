"""The JSON interchange format: one or all editions as a versioned, validated file.

The format is documented in docs/format.md and described by the JSON Schema
``schema.json`` next to this module. Importing this package is cheap: the
schema library is loaded on the first :func:`load_editions`.
"""

from avereport.interchange.dump import dump_editions
from avereport.interchange.errors import InterchangeError
from avereport.interchange.load import load_editions, load_file
from avereport.interchange.schema import FORMAT_NAME, FORMAT_VERSION, schema

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "InterchangeError",
    "dump_editions",
    "load_editions",
    "load_file",
    "schema",
]
