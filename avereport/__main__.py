"""``python -m avereport`` is the ``avereport`` command."""

import sys

from avereport.cli import main

sys.exit(main())
