"""Switches that turn a speed device off, to measure what it gives.

Each device (see docs/architecture.md, "Speed devices") makes avereport
faster without changing what it produces: the same PDF, the same window.
Setting ``AVEREPORT_NO_<NAME>=1`` in the environment turns one off, so that
its gain can be measured again on any machine, with and without, in turns
(``benchmarks/bench_tuning.py`` does it). Nothing else reads these variables.
"""

from __future__ import annotations

import os

# The command-line export draws its charts in a second process
# (report/chart_worker.py); off, it draws them itself.
CHART_WORKER = "CHART_WORKER"
# Chart drawings kept by content in memory and in the user's cache folder
# (report/chart_cache.py); off, every chart is drawn anew every time.
CHART_CACHE = "CHART_CACHE"
# The cyclic garbage collector paused while the window is built, then the
# start-up objects frozen out of its reach (ui/app.py, ui/preview.py).
GC_FREEZE = "GC_FREEZE"
# The chart and report modules imported in a background thread a second after
# the window shows (ui/preview.py); off, on first use.
WARM_UP = "WARM_UP"

SWITCHES = (CHART_WORKER, CHART_CACHE, GC_FREEZE, WARM_UP)


def variable(switch: str) -> str:
    """The environment variable that turns ``switch`` off."""
    return f"AVEREPORT_NO_{switch}"


def enabled(switch: str) -> bool:
    """Whether the device is on: unless its variable is set to anything but
    empty or ``0``."""
    return os.environ.get(variable(switch), "") in ("", "0")
