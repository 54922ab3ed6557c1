"""Timing helpers shared by the benchmark scripts."""

from __future__ import annotations

import compileall
import importlib.util
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path


def compile_bytecode() -> None:
    """Write avereport's bytecode before timing anything: every installed copy
    has it (pip compiles on install, Python writes it at first run, the bundle
    ships it), but an editable install run with PYTHONDONTWRITEBYTECODE set
    would otherwise compile every module from source at each start."""
    spec = importlib.util.find_spec("avereport")
    compileall.compile_dir(Path(next(iter(spec.submodule_search_locations))), quiet=1)


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
