"""Issue 6 targets for the frozen bundle (packaging/build.py), measured and printed:

- the Linux bundle's size unpacked: <= 200 MB (as ``du`` counts: MiB);
- start of the frozen app to its main window on the demo: median of 5 <= 2 s.

Start times run from launching the process to the first time its event loop
is idle with the window shown (``AVEREPORT_QUIT_WHEN_READY``), on Qt's
offscreen platform, with user folders of its own. For comparison, also the
very first start of a new user (the demo copied to the data folder first),
the same start from the installed package, and a whole demo export.

Run: python benchmarks/bench_bundle.py [--bundle dist/avereport]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
TIMEOUT_S = 60
MARKER = "READY "


def private_environment(folder: Path) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "AVEREPORT_QUIT_WHEN_READY": "1",
        "AVEREPORT_DATA_DIR": str(folder / "donnees"),
        "XDG_CONFIG_HOME": str(folder / "config"),
    }


def time_to_ready(args: list[str], env: dict[str, str]) -> float:
    """Seconds from launch to the READY line (the clock is shared by processes)."""
    start = time.monotonic()
    try:
        run = subprocess.run(args, env=env, capture_output=True, text=True, check=False, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise SystemExit(f"{args} still running after {TIMEOUT_S} s: its window never became ready") from None
    ready = [line for line in run.stdout.splitlines() if line.startswith(MARKER)]
    if run.returncode != 0 or not ready:
        raise SystemExit(f"no READY line from {args} (exit {run.returncode}):\n{run.stderr}")
    return float(ready[0].split()[1]) - start


def median_start(args: list[str], env: dict[str, str]) -> float:
    time_to_ready(args, env)  # warm-up: file caches
    return statistics.median(time_to_ready(args, env) for _ in range(RUNS))


def whole_run(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, capture_output=True, check=True)
    return time.perf_counter() - start


def folder_bytes(folder: Path) -> int:
    return sum(path.lstat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "avereport")
    bundle = parser.parse_args().bundle
    program = str(bundle / "avereport")
    if not Path(program).is_file():
        raise SystemExit(f"no bundle in {bundle}: run python packaging/build.py first")
    size = folder_bytes(bundle)

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        first = time_to_ready([program], private_environment(folder / "new-user"))
        frozen = median_start([program], private_environment(folder / "frozen"))
        installed = median_start(
            [sys.executable, "-m", "avereport"], private_environment(folder / "installed")
        )
        export_env = private_environment(folder / "export")
        export_cold = whole_run([program, "export", "--demo", "-o", str(folder / "cold.pdf")], export_env)
        export_warm = whole_run([program, "export", "--demo", "-o", str(folder / "warm.pdf")], export_env)

    def line(label: str, value: str, target: str = "") -> None:
        print(f"{label:<52}: {value:>10}  {target}")

    line(
        "bundle size unpacked",
        f"{size / 2**20:.0f} MiB",
        f"(target <= 200 MB as du counts; {size / 1e6:.0f} MB)",
    )
    line("frozen start to main window on the demo (median)", f"{frozen * 1000:.0f} ms", "(target <= 2000 ms)")
    line("  first start of a new user (demo copied first)", f"{first * 1000:.0f} ms")
    line("  same start from the installed package", f"{installed * 1000:.0f} ms")
    line("frozen export of the demo, no chart drawn yet", f"{export_cold * 1000:.0f} ms")
    line("  charts already drawn (per-user cache)", f"{export_warm * 1000:.0f} ms")


if __name__ == "__main__":
    main()
