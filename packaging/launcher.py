"""Entry script of the frozen bundle: the ``avereport`` command."""

import multiprocessing
import os
import sys


def keep_matplotlib_cache() -> None:
    """PyInstaller's run-time hook gives matplotlib a new temporary folder at
    every start, where it rebuilds its list of the system's fonts: seconds on
    a Windows workstation with hundreds of fonts, at the first chart of each
    session. Keep that list in the user's cache, beside the chart drawings."""
    from avereport.paths import data_dir

    try:
        os.environ["MPLCONFIGDIR"] = str(data_dir() / "cache" / "matplotlib")
    except OSError:
        pass  # the temporary folder only costs time


if __name__ == "__main__":
    # The export's chart worker is this executable started again: run it,
    # not the app (PyInstaller's hook makes this work on every system).
    multiprocessing.freeze_support()
    keep_matplotlib_cache()
    from avereport.cli import main

    sys.exit(main())
