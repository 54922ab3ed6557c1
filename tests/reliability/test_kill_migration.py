"""SIGKILLs during the upgrade of a format-1 document: the file is left in
the old format or the new one, never a mix nor a format between; it opens afterwards with all
its data; and once the upgrade had started, a backup of the old file is in
the backup folder.

Each round starts from a fresh copy of tests/fixtures/store_v1.db; a child
opens it with ``open_document`` (backup, then migration) and is killed at a
random moment of that opening, whose length is measured first.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from avereport.store import SCHEMA_VERSION, DocumentError, open_document
from avereport.store.backups import Reason, list_backups
from avereport.store.migrations import upgrade

KILLS = 50
SEED = 20261128
REPOSITORY = Path(__file__).resolve().parents[2]
FIXTURE = REPOSITORY / "tests" / "fixtures" / "store_v1.db"

CHILD = """
import sys
import time
from pathlib import Path

# Loaded before "OPENING" so that kills land on the opening itself.
import sqlite_utils

from avereport.store import open_document

print("OPENING", flush=True)
started = time.perf_counter()
open_document(Path(sys.argv[1])).close()
print(f"OPENED {time.perf_counter() - started}", flush=True)
"""


def schema_of(path: Path) -> tuple[int, dict[str, tuple]]:
    """user_version, and the columns, foreign keys and indexes of every table."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        layout = {
            table: (
                conn.execute(f'PRAGMA table_info("{table}")').fetchall(),
                sorted(conn.execute(f'PRAGMA foreign_key_list("{table}")').fetchall()),
                sorted(
                    (unique, conn.execute(f'PRAGMA index_info("{name}")').fetchall())
                    for _seq, name, unique, *_rest in conn.execute(f'PRAGMA index_list("{table}")')
                ),
            )
            for table in tables
        }
        return conn.execute("PRAGMA user_version").fetchone()[0], layout
    finally:
        conn.close()


def formats_by_version(folder: Path) -> dict[int, tuple[int, dict]]:
    """What a new document looks like in each format, from the migrations."""
    folder.mkdir()
    formats = {}
    for version in range(1, SCHEMA_VERSION + 1):
        path = folder / f"format-{version}.db"
        conn = sqlite3.connect(path, isolation_level=None)
        upgrade(conn, target=version)
        conn.close()
        formats[version] = schema_of(path)
    return formats


def recovered_state(path: Path, scratch: Path) -> tuple[tuple[int, dict], list[tuple[str]]]:
    """What SQLite makes of the file and its journal after the kill, looked at
    on a copy so that the document itself is first reopened by our code."""
    scratch.mkdir()
    copy = scratch / path.name
    shutil.copyfile(path, copy)
    journal = path.with_name(path.name + "-journal")
    if journal.exists():
        shutil.copyfile(journal, copy.with_name(copy.name + "-journal"))
    conn = sqlite3.connect(copy)
    # Any read plays back an interrupted transaction.
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    check = conn.execute("PRAGMA integrity_check").fetchall()
    conn.close()
    return schema_of(copy), check


def run_child(path: Path, env: dict[str, str], kill_after: float | None) -> float | None:
    """Run the opening, killed ``kill_after`` seconds after it starts (if it
    has not finished); the seconds it took, or None if it did not finish."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPOSITORY,
    )
    if child.stdout.readline() != "OPENING\n":
        child.kill()
        pytest.fail(f"the child did not start: {child.communicate()[1]}")
    if kill_after is not None:
        time.sleep(kill_after)
        child.kill()  # SIGKILL (TerminateProcess on Windows)
    out, err = child.communicate()
    if kill_after is None:
        assert child.returncode == 0, err
    finished = [line.split()[1] for line in out.splitlines() if line.startswith("OPENED ")]
    return float(finished[0]) if finished else None


def editions_of(path: Path) -> dict[int, object]:
    with open_document(path, read_only=True) as document:
        return {year: document.read_edition(year) for year in document.years()}


def child_env(data: Path) -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(REPOSITORY), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "AVEREPORT_DATA_DIR": str(data), "PYTHONPATH": path}


@pytest.mark.reliability
def test_kill_during_migration_leaves_old_or_new_format_and_a_backup(tmp_path, monkeypatch, capsys):
    old = schema_of(FIXTURE)
    assert old[0] == 1
    formats = formats_by_version(tmp_path / "formats")
    new = formats[SCHEMA_VERSION]
    between = [formats[version] for version in range(2, SCHEMA_VERSION)]
    expected = editions_of(FIXTURE)

    # How long the opening takes when nothing stops it.
    durations = []
    for attempt in range(3):
        path = tmp_path / f"mesure-{attempt}" / "rapport.db"
        path.parent.mkdir()
        shutil.copyfile(FIXTURE, path)
        durations.append(run_child(path, child_env(path.parent / "donnees"), None))
    opening = statistics.median(durations)

    rng = random.Random(SEED)
    outcomes = {"old": 0, "new": 0, "between": 0, "mixed": 0, "finished": 0}
    in_migration = started_without_backup = unopenable = 0
    for kill in range(KILLS):
        folder = tmp_path / f"tour-{kill:02d}"
        folder.mkdir()
        path = folder / "rapport.db"
        shutil.copyfile(FIXTURE, path)
        data = folder / "donnees"
        # Up to twice the opening: some kills land after it finished, whatever the load.
        finished = run_child(path, child_env(data), rng.uniform(0, 2 * opening))
        outcomes["finished"] += finished is not None
        journal_left = path.with_name(path.name + "-journal").exists()
        in_migration += journal_left

        state, check = recovered_state(path, folder / "examen")
        if check != [("ok",)] or state not in (old, new):
            outcomes["between" if check == [("ok",)] and state in between else "mixed"] += 1
            continue
        outcomes["old" if state == old else "new"] += 1

        monkeypatch.setenv("AVEREPORT_DATA_DIR", str(data))
        migrations = [b for b in list_backups(path) if b.reason is Reason.MIGRATION]
        if journal_left or state == new:
            started_without_backup += not any(
                schema_of(b.path) == old and editions_of(b.path) == expected for b in migrations
            )
        try:
            with open_document(path) as document:
                found = {year: document.read_edition(year) for year in document.years()}
        except DocumentError:
            unopenable += 1
            continue
        unopenable += found != expected or schema_of(path) != new

    with capsys.disabled():
        print(
            f"\nkill_migration: {KILLS} SIGKILLs during an opening of {opening * 1000:.0f} ms"
            f" ({in_migration} inside the upgrade's transaction, {outcomes['finished']} after"
            f" it had finished): {outcomes['old']} left in"
            f" format 1, {outcomes['new']} in format {SCHEMA_VERSION}, {outcomes['between']} in"
            f" a format between, {outcomes['mixed']} mixed or damaged,"
            f" {started_without_backup} started without a backup,"
            f" {unopenable} not reopened with all their data"
        )
    assert (outcomes["between"], outcomes["mixed"]) == (0, 0)
    assert (started_without_backup, unopenable) == (0, 0)
    assert outcomes["old"] > 0 and outcomes["new"] > 0
