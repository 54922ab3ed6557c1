"""Timing helpers shared by the benchmark scripts."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence


def median_process_time(make_args: Callable[[], Sequence[str]], runs: int = 7) -> float:
    """Median wall time in seconds of whole processes, after one warm-up run.

    ``make_args`` is called before each run, so each run may get fresh files.
    """
    warm_up = subprocess.run(make_args(), check=False, capture_output=True, text=True)
    if warm_up.returncode not in (0, 1):  # 1 = findings reported, still a full run
        raise SystemExit(f"benchmark command failed: {warm_up.stderr}")
    times = []
    for _ in range(runs):
        args = make_args()
        start = time.perf_counter()
        subprocess.run(args, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def python(*args: str) -> list[str]:
    return [sys.executable, *args]
