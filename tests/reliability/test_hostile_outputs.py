"""Hostile outputs: every way a shared folder can make a write destroy or
redirect, tried against every writer (PDF, JSON, copy, new document), and
SIGKILLs while a new document is being created.

The folder holds the source document, another document, a text file, the
source's lock and its backups: the victims. Targets are the source under
every spelling, symbolic and hard links to each victim, dangling links,
SQLite side files, a pipe, a device, a folder, the backups; and links
planted at the temporary names a writer could use. Every victim must keep
its bytes; a target is either refused in French or written by replacing its
name only (a hard link to a victim then keeps the victim's bytes).
"""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from avereport.demo import demo_editions, write_demo
from avereport.errors import UserError
from avereport.interchange import dump_editions
from avereport.outputs import write_file
from avereport.report import export_pdf
from avereport.store import open_document
from avereport.store.backups import list_backups
from avereport.store.copies import safe_copy
from avereport.store.document import create_document
from avereport.store.lock import lock_path

KILLS = 30
SEED = 20261207
# Victims that are not the document, its lock or its backups.
OTHER_FILES = ("collegue.db", "notes.txt")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def victims_of(folder: Path) -> dict[Path, str]:
    source = folder / "rapport.db"
    write_demo(source)
    write_demo(folder / "collegue.db")
    (folder / "notes.txt").write_text("notes à garder\n", encoding="utf-8")
    lock_path(source).write_text("verrou,de,quelqu'un\n", encoding="utf-8")
    with open_document(source):
        pass  # a backup
    victims = [source, folder / "collegue.db", folder / "notes.txt", lock_path(source)]
    for item in list_backups(source):
        victims += [item.path, item.path.with_suffix(".json")]
    return {path: digest(path) for path in victims}


def hostile_targets(folder: Path, victims: dict[Path, str]) -> list[Path]:
    source = folder / "rapport.db"
    (folder / "sous").mkdir()
    targets = [
        source,
        folder / "." / source.name,
        folder / "sous" / ".." / source.name,
        lock_path(source),
        source.with_name(source.name + "-journal"),
        source.with_name(source.name + "-wal"),
        source.with_name(source.name + "-shm"),
        Path("/dev/null"),
        folder / "sous",
    ]
    for number, victim in enumerate(victims):
        link = folder / f"lien-{number}.out"
        link.symlink_to(victim)
        hard = folder / f"dur-{number}.out"
        if victim.parent == folder:
            os.link(victim, hard)
            targets.append(hard)
        targets.append(link)
        if victim.name not in OTHER_FILES:  # those the user may choose to replace
            targets.append(victim)
    dangling = folder / "pendant.out"
    dangling.symlink_to(folder / "nulle-part.txt")
    fifo = folder / "tube.out"
    os.mkfifo(fifo)
    backups = next(iter(list_backups(source))).path.parent
    return [*targets, dangling, fifo, backups / "nouveau.out"]


def writers(folder: Path):
    source = folder / "rapport.db"
    editions = demo_editions()
    text = dump_editions(editions)
    document = open_document(source, read_only=True)
    return document, {
        "PDF": lambda target: export_pdf(editions, 2021, target, protected=[source]),
        "JSON": lambda target: write_file(target, text, protected=[source]),
        "copie": lambda target: safe_copy(document, target),
        "nouveau document": lambda target: create_document(target, editions[-1:]),
    }


def planted_links(folder: Path, target: Path, victim: Path) -> set[str]:
    """Links at every temporary name a writer of ``target`` could predict."""
    names = {f".{target.name}.{os.getpid()}.tmp", f".{target.name}.tmp", f".{target.name}.{os.getpid()}"}
    names |= {f".{target.name}.{pid}.tmp" for pid in range(os.getpid() - 50, os.getpid() + 50)}
    names |= {target.name + suffix for suffix in ("-journal", "-wal", "-shm")}
    for name in names:
        (folder / name).symlink_to(victim)
    return names


CREATOR = """
import sys, time
from pathlib import Path
from avereport.demo import demo_editions
from avereport.store.document import create_document
import sqlite_utils  # imported before, so that the kill falls in the creation itself
editions = demo_editions()
print("prêt", flush=True)
started = time.perf_counter()
create_document(Path(sys.argv[1]), editions)
print(f"créé {time.perf_counter() - started}", flush=True)
"""


def start_creation(target: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    child = subprocess.Popen(
        [sys.executable, "-c", CREATOR, str(target)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout.readline().strip() == "prêt"
    return child


@pytest.mark.reliability
def test_hostile_outputs_never_overwrite_a_victim(tmp_path, capsys):
    folder = tmp_path / "partage"
    folder.mkdir()
    victims = victims_of(folder)
    targets = hostile_targets(folder, victims)
    document, by_kind = writers(folder)
    tried = refused = 0
    written: list[str] = []
    try:
        for kind, write in by_kind.items():
            for target in targets:
                tried += 1
                try:
                    write(target)
                except UserError as error:
                    assert str(error) and "Erreur" not in str(error), (kind, target)
                    refused += 1
                except OSError:
                    refused += 1  # worded by the CLI and the app (e.g. a folder's name)
                else:
                    written.append(f"{kind} → {target.name}")
                    assert target.is_file() and not target.is_symlink(), (kind, target)
        planted: set[str] = set()
        for kind, write in by_kind.items():
            target = folder / f"propre {kind}.out"
            planted |= planted_links(folder, target, folder / "notes.txt")
            write(target)
            assert target.is_file() and not target.is_symlink()
    finally:
        document.close()
    overwritten = [path for path, before in victims.items() if not path.exists() or digest(path) != before]
    leftovers = [p.name for p in folder.iterdir() if p.name.endswith(".tmp") and p.name not in planted]
    with capsys.disabled():
        print(
            f"\nhostile outputs: {tried} paths tried by 4 writers, {refused} refused,"
            f" {len(written)} written by replacing their name only ({', '.join(written)}),"
            f" {len(overwritten)} victims overwritten; {len(planted)} links planted at temporary names,"
            f" 0 followed; {len(leftovers)} temporary files left"
        )
    assert overwritten == []
    assert leftovers == []
    assert all(" → dur-" in item for item in written)  # hard links: the name replaced, not the file


@pytest.mark.reliability
def test_a_killed_creation_leaves_nothing_or_the_whole_document(tmp_path, capsys):
    rng = random.Random(SEED)
    timing = start_creation(tmp_path / "mesure.db")
    duration = float(timing.stdout.readline().split()[1])
    timing.wait()
    timing.stdout.close()
    absent = complete = partial = 0
    years = [e.year for e in demo_editions()]
    for round_number in range(KILLS):
        target = tmp_path / f"nouveau-{round_number}.db"
        child = start_creation(target)
        time.sleep(rng.uniform(0, duration * 1.2))
        child.kill()
        child.wait()
        child.stdout.close()
        if not os.path.lexists(target):
            absent += 1
            create_document(target, demo_editions())  # nothing blocks the next try
        with open_document(target, read_only=True) as document:
            if document.years() == years:
                complete += 1
            else:
                partial += 1
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    with capsys.disabled():
        print(
            f"\nkilled creations: {KILLS} SIGKILLs during a creation of {duration * 1000:.0f} ms,"
            f" {absent} left nothing, {complete - absent} left the whole document, {partial} left a"
            f" partial or empty one; {len(leftovers)} private staging folders left by the kills"
        )
    assert partial == 0
