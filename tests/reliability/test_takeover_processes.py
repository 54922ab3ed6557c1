"""Two processes edit one document and take it from each other 100 times, at
random moments of each other's edits: no edit acknowledged then lost, and
the history says exactly what the file holds after every step.

Each process edits as the app does: ``open_for_editing`` then a
``DocumentSession``, which keeps the edition in memory and writes each
change over it. Every edit adds 1 to the declared number of members, from
the value the session holds; an edit is acknowledged (« Enregistré ») when
the session wrote it. Once the other process has taken the document, the
next edit is refused (``lock_lost``); the process then waits a random moment
and takes the document back (« Prendre la main… »). If a process ever wrote
from a copy read before a take-over, acknowledged additions would vanish
from the total and the history would not chain.
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

from avereport.demo import write_demo
from avereport.store import open_document

TAKEOVERS = 100
SECONDS = 100
PATH = "membership.declared_total"
REPO = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import json, os, random, sys, time
    from avereport.store.lock import open_for_editing, read_lock
    from avereport.ui.session import DocumentSession

    document, name, log, wanted, seed, seconds = sys.argv[1:]
    wanted = int(wanted)
    deadline = time.monotonic() + float(seconds)  # a broken guarantee must not run forever
    random.seed(int(seed))
    PATH = "membership.declared_total"

    def takeovers():
        if time.monotonic() > deadline:
            return wanted
        try:
            return os.path.getsize(log)  # one byte a take-over
        except FileNotFoundError:
            return 0

    def newest_in_history(document):
        entries = [e for e in document.history(limit=50) if e.path == PATH]
        return entries[0].new if entries else None

    print("prêt", flush=True)
    sys.stdin.readline()
    opened = session = None
    lost = []
    acknowledged, refused, taken, mismatches, after_done = [], 0, 0, [], 0
    while True:
        if session is None:
            if takeovers() >= wanted:
                break
            time.sleep(random.uniform(0.002, 0.03))
            holder = read_lock(document)
            opened = open_for_editing(document, name, replacing=holder)
            if opened.read_only:
                opened.close()
                opened = None
                continue
            if holder is not None:
                taken += 1
                handle = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
                os.write(handle, b"T")
                os.close(handle)
            session = DocumentSession(opened.document, author=name)
            session.lock_lost.connect(lost.append)
            value = session.edition.membership.declared_total
            if newest_in_history(opened.document) not in (None, value):
                mismatches.append([value, newest_in_history(opened.document)])
            continue
        if takeovers() >= wanted:
            after_done += 1
            if after_done > 3:
                break
        value = session.edition.membership.declared_total
        session.set_value(PATH, value + 1, "Nombre d'adhérents")
        if lost:
            lost.clear()
            refused += 1
            opened.close()
            opened = session = None
        else:
            acknowledged.append(value + 1)
        time.sleep(random.uniform(0, 0.004))
    if opened is not None:
        opened.close()
    print(json.dumps({"acknowledged": acknowledged, "refused": refused, "taken": taken,
                      "mismatches": mismatches}))
    """
)


@pytest.mark.reliability
def test_takeovers_never_lose_an_acknowledged_edit(tmp_path):
    document = tmp_path / "rapport.db"
    write_demo(document)
    with open_document(document, read_only=True) as opened:
        year = opened.years()[-1]
        start = opened.read_edition(year).membership.declared_total
    script = tmp_path / "prendre_la_main.py"
    script.write_text(CHILD, encoding="utf-8")
    log = tmp_path / "prises.log"
    people = {"Marie Dupont": 1, "Paul Martin": 2}
    started = time.monotonic()
    children = {
        name: subprocess.Popen(
            [
                sys.executable,
                str(script),
                str(document),
                name,
                str(log),
                str(TAKEOVERS),
                str(seed),
                str(SECONDS),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            # Two people: each their own data folder (backups).
            env={
                **os.environ,
                "PYTHONPATH": str(REPO),
                "AVEREPORT_DATA_DIR": str(tmp_path / f"donnees-{seed}"),
            },
            cwd=REPO,
        )
        for name, seed in people.items()
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

    taken = sum(report["taken"] for report in reports.values())
    acknowledged = sum(len(report["acknowledged"]) for report in reports.values())
    refused = sum(report["refused"] for report in reports.values())
    with open_document(document, read_only=True) as result:
        final = result.read_edition(year).membership.declared_total
        chain = [(e.old, e.new, e.author) for e in reversed(result.history()) if e.path == PATH]
    lost = start + acknowledged - final
    assert lost == 0, f"{lost} modifications enregistrées puis perdues"
    # Every change in the history starts where the one before ended, and the
    # last one ends at what the file holds; each acknowledged edit is there.
    assert [old for old, _new, _author in chain] == [start, *(new for _old, new, _author in chain[:-1])]
    assert chain[-1][1] == final
    for name, report in reports.items():
        assert sorted(new for _old, new, author in chain if author == name) == sorted(report["acknowledged"])
        assert report["mismatches"] == []
    assert taken == log.stat().st_size >= TAKEOVERS
    assert all(report["taken"] > 0 for report in reports.values())
    assert refused > 0, "no edit ever met a take-over: nothing was put to the test"
    print(
        f"\nprises de main entre deux processus : {taken} prises de main, {acknowledged} modifications"
        f" enregistrées, {refused} refusées après une prise de main, {lost} perdue, historique conforme"
        f" au fichier à chaque étape, {elapsed:.1f} s"
    )
