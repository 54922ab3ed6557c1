"""``python -m avereport`` is the ``avereport`` command."""

import sys

from avereport.cli import main

if __name__ == "__main__":
    sys.exit(main())
