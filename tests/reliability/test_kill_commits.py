"""300 SIGKILLs of a process committing numbered transactions through the
store: no integrity failure, no acknowledged transaction lost, none
half-applied.

The child opens the document with ``open_document`` and stores transaction
n as a whole edition (``write_edition(replace=True)``) in which every table
written says n; it prints "COMMITTED n" once the call has returned. The
parent kills it 5 to 150 ms after it is ready, reopens the document with
``open_document`` (which plays back an interrupted transaction) and checks
that the file is sound and holds exactly transaction n or n + 1, n being
the last one acknowledged. Two such loops run side by side, 150 kills each
on a document of their own.
"""

from __future__ import annotations

import inspect
import os
import random
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from avereport.model import edit
from avereport.model.edition import BoardMember, Edition, TrainingSession
from avereport.store import DocumentError, open_document

KILLS = 300
WORKERS = 2
DELAY_MS = (5, 150)
SEED = 20261128
YEAR = 2021
SESSION_CYCLE = 7
REPOSITORY = Path(__file__).resolve().parents[2]


def transaction_edition(n: int) -> Edition:
    """Transaction ``n``: the edition, and every table it writes, say n."""
    edition = Edition(year=YEAR)
    edition = edit.replace_at(edition, "organisation.name", f"Transaction {n}")
    edition = edit.replace_at(edition, "training.note", str(n))
    edition = edit.replace_at(
        edition,
        "training.sessions",
        [TrainingSession(module=f"Transaction {n}", plie=n) for _ in range(n % SESSION_CYCLE + 1)],
    )
    edition = edit.replace_at(
        edition,
        "governance.board",
        [BoardMember(id=1, surname=f"Transaction {n}", functions=(str(n), f"Fonction {n}"))],
    )
    return edition


CHILD = f"""
import sys
from pathlib import Path

# Loaded before "READY" so that kills land on commits, not on this import.
import sqlite_utils

from avereport.model import edit
from avereport.model.edition import BoardMember, Edition, TrainingSession
from avereport.store import open_document

YEAR = {YEAR}
SESSION_CYCLE = {SESSION_CYCLE}

{inspect.getsource(transaction_edition)}

with open_document(Path(sys.argv[1])) as document:
    n = int(document.read_edition(YEAR).training.note)
    print("READY", flush=True)
    while True:
        n += 1
        document.write_edition(transaction_edition(n), replace=True)
        print(f"COMMITTED {{n}}", flush=True)
"""


def stored_transaction(path: Path) -> tuple[int, bool]:
    """The transaction the document holds and whether all of it is there."""
    with open_document(path) as document:
        years = document.years()
        edition = document.read_edition(YEAR)
    n = int(edition.training.note)
    return n, years == [YEAR] and edition == transaction_edition(n)


def integrity(path: Path) -> list[tuple[str]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


def kill_loop(folder: Path, kills: int, seed: int) -> Counter[str]:
    """``kills`` rounds on a document of its own in ``folder``; the figures."""
    folder.mkdir()
    path = folder / "transactions.db"
    with open_document(path, create=True) as document:
        document.write_edition(transaction_edition(0))
    python_path = [str(REPOSITORY), os.environ.get("PYTHONPATH")]
    env = {
        **os.environ,
        "AVEREPORT_DATA_DIR": str(folder / "donnees-enfant"),
        "PYTHONPATH": os.pathsep.join(filter(None, python_path)),
    }
    journal = path.with_name(path.name + "-journal")
    rng = random.Random(seed)
    stored = 0
    figures: Counter[str] = Counter()
    while figures["kills"] < kills:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=REPOSITORY,
        )
        if child.stdout.readline() != "READY\n":
            child.kill()
            pytest.fail(f"the child did not start: {child.communicate()[1]}")
        time.sleep(rng.uniform(*DELAY_MS) / 1000)
        child.kill()  # SIGKILL (TerminateProcess on Windows)
        figures["kills"] += 1
        out, _err = child.communicate()
        acknowledged = [int(line.split()[1]) for line in out.splitlines() if line.startswith("COMMITTED ")]
        figures["commits"] += len(acknowledged)
        last = acknowledged[-1] if acknowledged else stored
        figures["mid_transaction"] += journal.exists()
        try:
            n, complete = stored_transaction(path)
        except DocumentError:
            figures["integrity_failures"] += 1
            break
        if integrity(path) != [("ok",)]:
            figures["integrity_failures"] += 1
            break
        figures["lost"] += n < last
        figures["half_applied"] += not complete or n > last + 1
        stored = n
    return figures


@pytest.mark.reliability
def test_kills_never_lose_nor_half_apply_a_commit(tmp_path, capsys):
    started = time.perf_counter()
    # One loop per core, each on its own document.
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        loops = [
            pool.submit(kill_loop, tmp_path / f"document-{index}", KILLS // WORKERS, SEED + index)
            for index in range(WORKERS)
        ]
        figures = sum((loop.result() for loop in loops), Counter())
    elapsed = time.perf_counter() - started

    with capsys.disabled():
        print(
            f"\nkill_commits: {figures['kills']} SIGKILLs, {figures['commits']} commits"
            f" acknowledged, {figures['mid_transaction']} kills inside a transaction,"
            f" {figures['integrity_failures']} integrity failures, {figures['lost']}"
            f" acknowledged lost, {figures['half_applied']} half-applied ({elapsed:.0f} s)"
        )
    assert (figures["integrity_failures"], figures["lost"], figures["half_applied"]) == (0, 0, 0)
    assert figures["kills"] == KILLS
    assert figures["commits"] > KILLS
