"""Issue 2 targets: ``avereport check`` of the newest edition of a 25-edition
document (300 sessions, 40 board members each) <= 0.3 s whole process, and
loading the demo JSON into a new file <= 0.5 s.

Run: python benchmarks/bench_document.py
"""

from __future__ import annotations

import itertools
import sys
import tempfile
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import compile_bytecode, median_process_time, python
from large_document import write_large_document


def main() -> None:
    compile_bytecode()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        large = write_large_document(folder / "25-editions.db")
        demo_json = folder / "demo.json"
        demo_json.write_bytes(resources.files("avereport.resources").joinpath("demo.json").read_bytes())
        counter = itertools.count()

        floor = median_process_time(lambda: python("-c", "pass"))
        check = median_process_time(lambda: python("-m", "avereport", "check", str(large)))
        load = median_process_time(
            lambda: python(
                "-m", "avereport", "load", str(demo_json), "--into", str(folder / f"load-{next(counter)}.db")
            )
        )

    print(f"python start (floor)            : {floor * 1000:5.0f} ms")
    print(f"check, 25-edition document      : {check * 1000:5.0f} ms  (target <= 300 ms)")
    print(f"load demo JSON into a new file  : {load * 1000:5.0f} ms  (target <= 500 ms)")


if __name__ == "__main__":
    main()
