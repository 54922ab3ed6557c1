"""``python -m avereport`` is the ``avereport`` command."""

import sys

from avereport.cli import main

# Guarded: the chart worker's process imports this module again under another name.
if __name__ == "__main__":
    sys.exit(main())
