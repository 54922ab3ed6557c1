"""Two processes open the same document for editing 100 times each, as the
app does (``open_for_editing``): never both writable, and every refusal
names the other one.

While it holds the document, each process appends "enter" and "exit" lines
to a shared log (appends are atomic) and stores an edition of its own year.
Overlapping turns would show as two "enter" lines in a row; a lost write as
a missing edition.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from avereport.model.edition import Edition
from avereport.store import open_document

ATTEMPTS = 100
REPO = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import json, os, random, sys, time
    from avereport.model.edition import Edition
    from avereport.store.lock import open_for_editing

    document, name, log, first_year, attempts = sys.argv[1:]
    first_year, attempts = int(first_year), int(attempts)
    random.seed(os.getpid())

    def note(event):
        handle = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        os.write(handle, f"{event} {os.getpid()} {time.monotonic_ns()}\\n".encode())
        os.close(handle)

    print("prêt", flush=True)
    sys.stdin.readline()
    acquired, refusals = [], []
    for attempt in range(attempts):
        opened = open_for_editing(document, name)
        try:
            if opened.read_only:
                holder = opened.holder
                refusals.append({
                    "pid": holder.pid if holder else None,
                    "name": holder.display_name if holder else None,
                    "named": bool(holder) and holder.holder in opened.reason,
                })
            else:
                note("enter")
                opened.document.write_edition(Edition(year=first_year + attempt))
                time.sleep(random.uniform(0, 0.01))
                held = opened.lock.still_held()
                note("exit")
                acquired.append({"year": first_year + attempt, "held": held})
        finally:
            opened.close()
        time.sleep(random.uniform(0, 0.005))
    print(json.dumps({"pid": os.getpid(), "acquired": acquired, "refusals": refusals}))
    """
)


@pytest.mark.reliability
def test_two_processes_never_both_hold_the_document(tmp_path):
    document = tmp_path / "rapport.db"
    with open_document(document, create=True) as created:
        created.write_edition(Edition(year=2021))
    script = tmp_path / "ouvrir.py"
    script.write_text(CHILD, encoding="utf-8")
    log = tmp_path / "tours.log"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    people = {"Marie Dupont": 1900, "Paul Martin": 2050}  # years within the model's limits
    started = time.monotonic()
    children = {
        name: subprocess.Popen(
            [sys.executable, str(script), str(document), name, str(log), str(first_year), str(ATTEMPTS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=REPO,
        )
        for name, first_year in people.items()
    }
    for child in children.values():
        assert child.stdout.readline().strip() == "prêt"
    for child in children.values():
        child.stdin.write("go\n")
        child.stdin.flush()
    reports = {}
    for name, child in children.items():
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        reports[name] = json.loads(out.strip().splitlines()[-1])
    elapsed = time.monotonic() - started

    pids = {name: report["pid"] for name, report in reports.items()}
    holder_of = None
    turns = 0
    for line in log.read_text(encoding="utf-8").splitlines():
        event, pid, _ = line.split()
        if event == "enter":
            assert holder_of is None, f"{pid} est entré pendant que {holder_of} tenait le document"
            holder_of = pid
            turns += 1
        else:
            assert holder_of == pid
            holder_of = None
    assert holder_of is None

    acquired = sum(len(report["acquired"]) for report in reports.values())
    refused = sum(len(report["refusals"]) for report in reports.values())
    assert acquired + refused == ATTEMPTS * len(people)
    assert turns == acquired
    for name, report in reports.items():
        (other,) = set(people) - {name}
        assert report["acquired"], f"{name} n'a jamais obtenu le document"
        assert all(turn["held"] for turn in report["acquired"])
        for refusal in report["refusals"]:
            assert refusal == {"pid": pids[other], "name": other, "named": True}
    assert refused > 0, "aucune ouverture simultanée : le test n'a rien mis à l'épreuve"

    years = sorted(turn["year"] for report in reports.values() for turn in report["acquired"])
    with open_document(document, read_only=True) as result:
        assert result.years() == sorted([2021, *years])
    assert not (tmp_path / ".~lock.rapport.db#").exists()
    print(
        f"\ndeux ouvreurs : {ATTEMPTS * len(people)} ouvertures, {acquired} en écriture,"
        f" {refused} refusées (détenteur nommé à chaque fois), 0 chevauchement,"
        f" 0 écriture perdue, {elapsed:.1f} s"
    )
