"""What each speed device gives, measured again: each one on and off (its
``AVEREPORT_NO_<NAME>=1`` switch, see ``avereport/tuning.py``), whole
processes taking turns round after round, so that both see the same load
on this shared machine. Prints the medians and the median of the rounds'
ratios off / on (above 1: the device helps). docs/architecture.md quotes
these figures.

- chart worker, the first export on a machine (empty user data folder: no
  chart drawn yet; later exports start no worker);
- chart cache: ``export --demo`` with the drawings on disk, against none kept
  (no worker in either);
- garbage collector paused then frozen at start: start to interactive window;
- warm-up: from a section without charts to the membership section's charts
  shown, three seconds after the window is shown (the warm-up has run).

Run: python benchmarks/bench_tuning.py [ROUNDS]
"""

from __future__ import annotations

import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import compile_bytecode, interleaved_process_times, median_ratio, python
from bench_app import private_environment, time_to_ready

from avereport import tuning

# Run in a process of its own: the window on the demo, three seconds of event
# loop, then the time to the membership section's charts painted.
FIRST_CHARTS = """
import sys, time
from PySide6.QtWidgets import QApplication
from avereport.model.edition import SectionKind
from avereport.ui.main_window import MainWindow

def run_until(app, condition, seconds=60.0):
    end = time.perf_counter() + seconds
    while not condition() and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.002)

app = QApplication(sys.argv[:1])
window = MainWindow()
window.show()
window.open_path(sys.argv[1])
start = time.perf_counter()
run_until(app, lambda: False, 3.0)
pane = window.preview
shown = []
pane.charts_refreshed.connect(lambda: shown.append(True))
key = next(s.key for s in window.session.edition.outline if s.kind is SectionKind.MEMBERSHIP)
start = time.perf_counter()
window.outline_panel.select(key)
run_until(app, lambda: shown and pane.charts.canvases)
for canvas in pane.charts.canvases:
    canvas.grab()
print(time.perf_counter() - start)
"""


# The export's own processor time and its children's (the worker's).
EXPORT_CPU = """
import resource, sys
from avereport.cli import main
main(["export", "--demo", "-o", sys.argv[1]])
own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime)
"""


def off(switch: str) -> dict[str, str]:
    return {tuning.variable(switch): "1"}


def with_environment(extra: dict[str, str], args: list[str]) -> list[str]:
    """``args`` run with ``extra`` in the environment (set for the next run only)."""
    for switch in tuning.SWITCHES:
        os.environ.pop(tuning.variable(switch), None)
    os.environ.update(extra)
    return args


def compare(label: str, on: list[float], off_times: list[float]) -> None:
    print(
        f"{label:<46}: on {statistics.median(on) * 1000:5.0f} ms, off {statistics.median(off_times) * 1000:5.0f} ms,"
        f" off / on {median_ratio(off_times, on):.2f} x"
    )


def interleaved_in_process_times(commands: dict[str, list[str]], env: dict[str, str], rounds: int) -> dict:
    """As ``interleaved_process_times``, for scripts that print their own time."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_number in range(rounds + 1):
        for name, args in commands.items():
            switches = off(tuning.WARM_UP) if name == "off" else {}
            done = subprocess.run(args, env={**env, **switches}, capture_output=True, text=True, check=True)
            if round_number:
                times[name].append(float(done.stdout.split()[-1]))
    return times


def main() -> None:
    from avereport.demo import write_demo

    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    compile_bytecode()
    print(f"load average before: {os.getloadavg()[0]:.1f} for {os.cpu_count()} cores, {rounds} rounds")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        pdf = folder / "demo.pdf"
        fresh = itertools.count()
        cached = folder / "donnees-cache"

        def export(data: Path, extra: dict[str, str], args: list[str] | None = None) -> list[str]:
            """``avereport export --demo`` (or ``args``) run on the user data folder ``data``."""
            os.environ["AVEREPORT_DATA_DIR"] = str(data)
            return with_environment(
                extra, args or python("-m", "avereport", "export", "--demo", "-o", str(pdf))
            )

        def new_folder() -> Path:
            return folder / f"vide-{next(fresh)}"

        times = interleaved_process_times(
            {
                "on": lambda: export(new_folder(), {}),
                "off": lambda: export(new_folder(), off(tuning.CHART_WORKER)),
            },
            rounds,
        )
        compare("chart worker, first export (no chart drawn)", times["on"], times["off"])
        # What a free second core would give: the export's own processor time
        # with the worker, against the whole export's without.
        cpu: dict[str, list[tuple[float, float]]] = {"on": [], "off": []}
        for _ in range(rounds):
            for name, extra in (("on", {}), ("off", off(tuning.CHART_WORKER))):
                args = export(new_folder(), extra, python("-c", EXPORT_CPU, str(pdf)))
                done = subprocess.run(args, capture_output=True, text=True, check=True)
                own, children = (float(value) for value in done.stdout.split()[-2:])
                cpu[name].append((own, children))
        for name, label in (("on", "with the worker"), ("off", "without")):
            own, children = (statistics.median(column) * 1000 for column in zip(*cpu[name]))
            print(f"  processor time {label:<16}: export {own:5.0f} ms, worker {children:5.0f} ms")

        # The worker off in both: the cache alone (the worker starts only
        # while no drawing is on disk).
        no_worker = off(tuning.CHART_WORKER)
        times = interleaved_process_times(
            {
                "on": lambda: export(cached, no_worker),
                "off": lambda: export(cached, {**no_worker, **off(tuning.CHART_CACHE)}),
            },
            rounds,
        )
        compare("chart cache, export --demo", times["on"], times["off"])
        with_environment({}, [])

        demo = folder / "demo.db"
        write_demo(demo)
        env = private_environment(folder)
        app = python("-m", "avereport", str(demo))
        on, off_times = [], []
        time_to_ready(app, env)  # warm-up: file caches
        for _ in range(rounds):
            on.append(time_to_ready(app, env)[0])
            off_times.append(time_to_ready(app, {**env, **off(tuning.GC_FREEZE)})[0])
        compare("gc paused and frozen, start to window", on, off_times)

        del env["AVEREPORT_QUIT_WHEN_READY"]
        script = python("-c", FIRST_CHARTS, str(demo))
        start = time.perf_counter()
        times = interleaved_in_process_times({"on": script, "off": script}, env, rounds)
        compare("warm-up, first charts 3 s after the start", times["on"], times["off"])
        print(f"({time.perf_counter() - start:.0f} s for the warm-up rounds)")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
