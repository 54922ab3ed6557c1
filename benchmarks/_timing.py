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


def interleaved_process_times(
    commands: dict[str, Callable[[], Sequence[str]]], rounds: int = 7
) -> dict[str, list[float]]:
    """Wall times in seconds of whole processes, the commands taking turns
    in each round (after one warm-up round), so that a floor and what is
    compared with it see the same machine load."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_number in range(rounds + 1):
        for name, make_args in commands.items():
            args = make_args()
            start = time.perf_counter()
            done = subprocess.run(args, check=False, capture_output=True, text=True)
            elapsed = time.perf_counter() - start
            if done.returncode not in (0, 1):
                raise SystemExit(f"benchmark command failed: {done.stderr}")
            if round_number:
                times[name].append(elapsed)
    return times


def median_ratio(numerators: Sequence[float], denominators: Sequence[float]) -> float:
    """The median of the round-by-round ratios."""
    return statistics.median(n / d for n, d in zip(numerators, denominators, strict=True))


def python(*args: str) -> list[str]:
    return [sys.executable, *args]
