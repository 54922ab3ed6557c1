"""Entry script of the frozen bundle: the ``avereport`` command."""

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
    keep_matplotlib_cache()
    from avereport.report.chart_worker import WORKER_ARGUMENT

    if sys.argv[1:] == [WORKER_ARGUMENT]:  # the export's chart worker
        from avereport.report.chart_worker import main as draw_charts

        sys.exit(draw_charts())
    from avereport.cli import main

    sys.exit(main())
