"""2,000 mutated copies of the demo document, each opened through the store
for reading and for writing as the app would (every edition read, then
checked): 0 tracebacks, 0 openings longer than 5 s, each copy either opened
and checked or refused with a French sentence naming it, and every refused
copy byte for byte as it was, with nothing created beside it.

Mutations, drawn from one seed per copy: bytes flipped in random pages,
truncations at random offsets (on a page boundary or not), and edits of the
header's fields (page size, journal versions, reserved bytes, payload
fractions, page and freelist counts, schema cookie and format, text
encoding, user_version, application_id…).

Two long-lived child processes do the opening, one copy at a time; a child
that takes longer than 5 s over a copy is counted as a hang, killed and
replaced.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import random
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from avereport.demo import write_demo
from avereport.store import SCHEMA_VERSION

pytestmark = pytest.mark.reliability

MUTANTS = 2000
WORKERS = 2
HANG = 5.0
SEED = 20261128
REPOSITORY = Path(__file__).resolve().parents[2]

CHILD = """
import json
import os
import shutil
import sys
import traceback
from pathlib import Path

from avereport.errors import UserError
from avereport.model.checks import check_edition
from avereport.store import open_document

data = Path(os.environ["AVEREPORT_DATA_DIR"])
print("prêt", flush=True)
for line in sys.stdin:
    path, mode = line.rstrip("\\n").split("\\t")
    try:
        with open_document(Path(path), read_only=mode == "lecture") as document:
            editions = {year: document.read_edition(year) for year in document.years()}
        for year, edition in editions.items():
            check_edition(edition, editions.get(year - 1))
        result = {"outcome": "opened", "editions": len(editions)}
    except UserError as error:
        result = {"outcome": "rejected", "message": str(error)}
    except Exception:
        result = {"outcome": "traceback", "message": traceback.format_exc()}
    # Backups taken on opening for writing: one per copy would fill the disk.
    shutil.rmtree(data, ignore_errors=True)
    print(json.dumps(result), flush=True)
"""

# Offset, length and candidate values of the header fields edited
# ("random" draws any value of the field's size).
HEADER_FIELDS = {
    "page size": (16, 2, [0, 1, 256, 512, 1024, 2048, 8192, 32768, 65535, "random"]),
    "write version": (18, 1, [0, 2, 3, 255]),
    "read version": (19, 1, [0, 2, 3, 255]),
    "reserved bytes": (20, 1, [1, 8, 32, 255, "random"]),
    "payload fractions": (21, 3, ["random"]),
    "change counter": (24, 4, ["random"]),
    "page count": (28, 4, [0, 1, 2, 0xFFFFFFFF, "random"]),
    "first freelist page": (32, 4, [1, 2, 3, 0xFFFFFFFF, "random"]),
    "freelist count": (36, 4, [1, 2, 1000, 0xFFFFFFFF, "random"]),
    "schema cookie": (40, 4, [0, "random"]),
    "schema format": (44, 4, [0, 2, 3, 5, "random"]),
    "cache size": (48, 4, ["random"]),
    "largest root page": (52, 4, [1, 0xFFFFFFFF, "random"]),
    "text encoding": (56, 4, [0, 2, 3, 4, "random"]),
    "user_version": (60, 4, [0, 1, SCHEMA_VERSION - 1, SCHEMA_VERSION + 1, 0xFFFFFFFF, "random"]),
    "incremental vacuum": (64, 4, [1, "random"]),
    "application_id": (68, 4, [0, 0x41564553, "random"]),
    "version valid for": (92, 4, ["random"]),
}

FRENCH = re.compile(r"\b(le|la|les|du|des|de|est|pas|une?|fichier|document|ne|au|été)\b")
ENGLISH = re.compile(r"\b(the|is|not|database|file|error|malformed|disk|failed|unable)\b", re.IGNORECASE)


def mutate(data: bytes, index: int) -> tuple[str, bytes]:
    """Mutant ``index`` of ``data`` and how it was made."""
    rng = random.Random(f"{SEED}-{index}")
    page_size = int.from_bytes(data[16:18], "big")
    pages = len(data) // page_size
    kind = rng.choices(["flips", "truncation", "header"], weights=[5, 2, 3])[0]
    mutant = bytearray(data)
    if kind == "flips":
        touched = rng.sample(range(pages), rng.randint(1, 3))
        for page in touched:
            for _ in range(rng.randint(1, 16)):
                mutant[page * page_size + rng.randrange(page_size)] ^= rng.randrange(1, 256)
        return f"octets changés dans les pages {sorted(touched)}", bytes(mutant)
    if kind == "truncation":
        if rng.random() < 0.5:
            cut = rng.randrange(pages) * page_size
        else:
            cut = rng.randrange(len(data))
        return f"tronqué à {cut} octets", data[:cut]
    names = rng.sample(sorted(HEADER_FIELDS), rng.randint(1, 3))
    for name in names:
        offset, length, candidates = HEADER_FIELDS[name]
        value = rng.choice(candidates)
        if value == "random":
            value = rng.randrange(256**length)
        mutant[offset : offset + length] = value.to_bytes(length, "big")
    return f"en-tête : {', '.join(names)}", bytes(mutant)


def looks_french(message: str) -> bool:
    return (
        message[:1].isupper()
        and message.endswith(".")
        and "\n" not in message
        and len(FRENCH.findall(message)) >= 3
        and not ENGLISH.search(message)
    )


class Child:
    """A long-lived child process that opens the copies it is given."""

    def __init__(self, data: Path) -> None:
        env = dict(os.environ)
        env["AVEREPORT_DATA_DIR"] = str(data)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPOSITORY), env.get("PYTHONPATH")]))
        self.errors = data.with_name(data.name + ".stderr")
        with self.errors.open("a") as errors:
            self.process = subprocess.Popen(
                [sys.executable, "-c", CHILD],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                text=True,
                encoding="utf-8",
                cwd=REPOSITORY,
                env=env,
            )
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        assert self.lines.get(timeout=60) == "prêt\n"

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def open(self, path: Path, mode: str) -> dict:
        """The child's result, or a hang or crash."""
        self.process.stdin.write(f"{path}\t{mode}\n")
        self.process.stdin.flush()
        try:
            line = self.lines.get(timeout=HANG)
        except queue.Empty:
            return {"outcome": "hang"}
        if line is None:
            return {"outcome": "crash", "message": f"code de sortie {self.process.wait()}"}
        return json.loads(line)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()


@dataclass
class Result:
    index: int
    mutation: str
    mode: str
    outcome: str
    message: str = ""
    unchanged: bool = True

    @property
    def well_refused(self) -> bool:
        """Refused in French, naming the copy, which is left as it was."""
        return (
            f"« copie-{self.index:04}.db »" in self.message and looks_french(self.message) and self.unchanged
        )


def snapshot(path: Path) -> tuple[str, list[str]]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), sorted(p.name for p in path.parent.iterdir())


def run_slot(slot: Path, data: bytes, indexes: Iterator[int], lock: threading.Lock) -> list[Result]:
    """Open mutants, one at a time, in this slot's own child."""
    folder = slot / "copies"
    folder.mkdir(parents=True)
    results = []
    child = Child(slot / "donnees")
    try:
        while True:
            with lock:
                index = next(indexes, None)
            if index is None:
                return results
            mutation, mutant = mutate(data, index)
            path = folder / f"copie-{index:04}.db"
            for mode in ("ecriture", "lecture"):
                path.write_bytes(mutant)
                before = snapshot(path)
                answer = child.open(path, mode)
                if answer["outcome"] in ("hang", "crash"):
                    child.kill()
                    child = Child(slot / "donnees")
                unchanged = snapshot(path) == before
                results.append(
                    Result(index, mutation, mode, answer["outcome"], answer.get("message", ""), unchanged)
                )
                for leftover in folder.iterdir():
                    leftover.unlink()
    finally:
        child.close()


OUTCOMES = {
    "opened": "ouvertes et vérifiées",
    "rejected": "refusées",
    "traceback": "tracebacks",
    "crash": "processus morts",
    "hang": f"blocages de plus de {HANG:g} s",
}


def test_mutated_documents_are_opened_or_refused_never_crash_nor_hang(tmp_path, capsys):
    demo = tmp_path / "demo.db"
    write_demo(demo)
    data = demo.read_bytes()
    indexes = iter(range(MUTANTS))
    lock = threading.Lock()

    started = time.monotonic()
    with ThreadPoolExecutor(WORKERS) as pool:
        slots = [pool.submit(run_slot, tmp_path / f"enfant-{n}", data, indexes, lock) for n in range(WORKERS)]
        results = [result for slot in slots for result in slot.result()]
    elapsed = time.monotonic() - started

    assert len(results) == 2 * MUTANTS
    outcomes = Counter(result.outcome for result in results)
    rejected = [result for result in results if result.outcome == "rejected"]
    by_mutation = Counter((r.mutation.split(" ")[0], r.outcome) for r in results)
    with capsys.disabled():
        print(
            f"\nfuzzing : {MUTANTS} copies mutées du document de démonstration, chacune ouverte"
            f" en écriture puis en lecture, {len(results)} ouvertures en {elapsed:.0f} s : "
            + ", ".join(f"{outcomes[outcome]} {label}" for outcome, label in OUTCOMES.items())
            + f" ; {sum(r.well_refused for r in rejected)} refus en français nommant le fichier,"
            " laissé intact"
        )
        counts = sorted(by_mutation.items())
        print(
            "par mutation : " + ", ".join(f"{kind} {OUTCOMES[outcome]} {n}" for (kind, outcome), n in counts)
        )
        messages = Counter(re.sub(r"copie-\d+", "copie-N", r.message) for r in rejected)
        for message, count in messages.most_common():
            print(f"  {count:5} × {message}")

    failures = [
        r for r in results if r.outcome != "opened" and not (r.outcome == "rejected" and r.well_refused)
    ]
    assert not failures, "\n".join(
        f"copie {r.index} ({r.mutation}, {r.mode}) : {r.outcome}, intacte {r.unchanged}\n{r.message}"
        for r in failures[:5]
    )
    assert outcomes["opened"] > 0 and outcomes["rejected"] > 0
    for slot in range(WORKERS):
        assert (tmp_path / f"enfant-{slot}" / "donnees.stderr").read_text() == ""
