"""A take-over stops the old writer: every write under a lock checks, in its
transaction, that the lock is still its own; the new holder reads the file
only once a write in flight has ended. Lock files that are not small
regular files, and names too long for ``.~lock.NAME#``, never stop opening."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from avereport.cli import main
from avereport.demo import write_demo
from avereport.model.diff import diff_editions
from avereport.model.edition import Edition
from avereport.store.lock import (
    LockedError,
    LockLostError,
    acquire_lock,
    lock_path,
    open_for_editing,
    open_locked,
    read_lock,
    take_over,
)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "rapport.db"
    write_demo(path)
    return path


def with_total(edition: Edition, total: int) -> Edition:
    return dataclasses.replace(
        edition, membership=dataclasses.replace(edition.membership, declared_total=total)
    )


def edit_total(document, delta: int, author: str) -> int:
    """One edit as the app makes it: the declared total changed, with its history."""
    before = document.read_edition(2021)
    after = with_total(before, before.membership.declared_total + delta)
    document.change_edition(before, after, changes=diff_editions(before, after), author=author)
    return after.membership.declared_total


def test_a_write_after_a_take_over_is_refused_naming_who_and_when(doc):
    marie = open_for_editing(doc, "Marie Dupont")
    edit_total(marie.document, 1, "Marie Dupont")
    paul = open_for_editing(doc, "Paul Martin", replacing=read_lock(doc))
    assert not paul.read_only
    before, history = sha256(doc), paul.document.history()
    with pytest.raises(LockLostError) as caught:
        edit_total(marie.document, 1, "Marie Dupont")
    error = caught.value
    taken = read_lock(doc)
    assert error.info == taken
    assert str(error) == (
        f"{taken.holder} a pris la main sur le document « rapport.db » {taken.since_text}."
        " Votre modification n'y a pas été enregistrée."
    )
    assert taken.display_name == "Paul Martin"
    assert error.taken_by == f"{taken.holder} a pris la main {taken.when_text}"
    assert taken.when_text.startswith("à ")
    assert sha256(doc) == before and paul.document.history() == history
    edit_total(paul.document, 5, "Paul Martin")
    marie.close()
    assert read_lock(doc) == taken, "closing the former holder leaves the new lock alone"
    paul.close()


def test_the_command_line_shares_the_guarantee(doc):
    with open_locked(doc, "") as opened:
        take_over(doc, "Paul Martin", read_lock(doc)).release()
        with pytest.raises(LockLostError, match="n'est plus réservé pour vous"):
            edit_total(opened.document, 1, "")
    with pytest.raises(LockedError):
        with acquire_lock(doc, "Marie Dupont"):
            open_locked(doc, "")


def test_the_new_holder_reads_the_write_its_predecessor_had_in_flight(doc):
    marie = open_for_editing(doc, "Marie Dupont")
    total = marie.document.read_edition(2021).membership.declared_total
    # Marie's write has started (its transaction holds SQLite's write lock)
    # when Paul takes the document over.
    in_flight = sqlite3.connect(doc, isolation_level=None)
    in_flight.execute("BEGIN IMMEDIATE")
    in_flight.execute("UPDATE membership SET declared_total = declared_total + 100")
    seen: list[int] = []

    def take_over_and_read() -> None:
        with open_for_editing(doc, "Paul Martin", replacing=read_lock(doc)) as paul:
            seen.append(paul.document.read_edition(2021).membership.declared_total)

    taker = threading.Thread(target=take_over_and_read)
    taker.start()
    taker.join(0.5)
    assert taker.is_alive(), "the new holder waits for the write in flight"
    in_flight.execute("COMMIT")
    in_flight.close()
    taker.join()
    assert seen == [total + 100]
    marie.close()


def test_renaming_the_holder_rewrites_the_lock_and_keeps_it(doc):
    with open_for_editing(doc, "root") as opened:
        lock = opened.lock
        since = lock.info.since
        lock.rename("Marie Dupont")
        assert lock.still_held()
        current = read_lock(doc)
        assert (current.display_name, current.since, current.pid) == ("Marie Dupont", since, os.getpid())
        assert [p.name for p in doc.parent.glob(".~lock.*")] == [lock_path(doc).name]
        edit_total(opened.document, 1, "Marie Dupont")
        take_over(doc, "Paul Martin", current).release()
        with pytest.raises(LockLostError):
            lock.rename("Marie D.")


def test_a_lock_file_removed_stops_the_writer_too(doc):
    with open_for_editing(doc, "Marie Dupont") as opened:
        lock_path(doc).unlink()
        before = sha256(doc)
        with pytest.raises(LockLostError, match="a été supprimé"):
            edit_total(opened.document, 1, "Marie Dupont")
        assert sha256(doc) == before


# --- lock files that are not lock files ---------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command in its own process; a hang fails the test."""
    return subprocess.run(
        [sys.executable, "-m", "avereport", *args], capture_output=True, text=True, timeout=60
    )


@pytest.mark.posix
def test_a_fifo_as_lock_file_is_a_damaged_lock_not_a_hang(doc, tmp_path):
    dumped = tmp_path / "2021.json"
    assert main(["dump", str(doc), "-o", str(dumped)]) == 0
    os.mkfifo(lock_path(doc))
    before = sha256(doc)
    info = read_lock(doc)
    assert info.damaged and info.holder == "inconnu"
    shown = run_cli("info", str(doc))
    assert shown.returncode == 0 and "inconnu" in shown.stdout
    loaded = run_cli("load", str(dumped), "--into", str(doc), "--replace")
    assert loaded.returncode != 0 and "inconnu" in loaded.stderr and "Traceback" not in loaded.stderr
    with open_for_editing(doc, "Paul Martin") as opened:
        assert opened.read_only and opened.holder.damaged
    assert sha256(doc) == before


def test_a_link_as_lock_file_is_not_followed(doc, tmp_path):
    elsewhere = tmp_path / "ailleurs.txt"
    elsewhere.write_text("Marie Dupont,mdupont,PC,2026-11-28T10:42:00+01:00,4242\n", encoding="utf-8")
    lock_path(doc).symlink_to(elsewhere)
    assert read_lock(doc).damaged
    with pytest.raises(LockedError, match="inconnu"):
        acquire_lock(doc, "Paul Martin")


# --- long names -----------------------------------------------------------


def test_short_names_keep_their_lock_name(tmp_path):
    assert lock_path(tmp_path / "rapport.db").name == ".~lock.rapport.db#"
    name = "r" * 244 + ".db"  # the longest whose lock name fits as it is
    assert lock_path(tmp_path / name).name == f".~lock.{name}#"


def test_long_names_get_a_short_unique_lock_name(tmp_path):
    first = tmp_path / ("Rapport " + "é" * 120 + " A.db")
    second = tmp_path / ("Rapport " + "é" * 120 + " B.db")
    locks = {lock_path(first).name, lock_path(second).name}
    assert len(locks) == 2
    for name in locks:
        assert len(name.encode("utf-8")) <= 255
        assert name.startswith(".~lock.Rapport éé") and name.endswith("#")


def long_named(doc: Path, size: int) -> Path:
    """``doc`` renamed to a name of ``size`` bytes, accents included."""
    stem = "Rapport d'activité " + "é" * 100  # 220 bytes
    target = doc.rename(doc.with_name(stem + "r" * (size - 223) + ".db"))
    assert len(target.name.encode("utf-8")) == size
    return target


def test_the_longest_writable_name_can_be_loaded_into_and_taken_over(doc, tmp_path):
    dumped = tmp_path / "2021.json"
    assert main(["dump", str(doc), "-o", str(dumped)]) == 0
    target = long_named(doc, 247)
    assert main(["load", str(dumped), "--into", str(target), "--replace"]) == 0
    marie = open_for_editing(target, "Marie Dupont")
    assert not marie.read_only and lock_path(target).exists()
    paul = open_for_editing(target, "Paul Martin", replacing=read_lock(target))
    assert not paul.read_only
    with pytest.raises(LockLostError):
        edit_total(marie.document, 1, "Marie Dupont")
    edit_total(paul.document, 1, "Paul Martin")
    marie.close()
    paul.close()
    assert not list(tmp_path.glob(".~lock.*"))


def test_a_name_too_long_to_write_is_read_only_with_the_true_reason(doc, tmp_path, capsys):
    dumped = tmp_path / "2021.json"
    assert main(["dump", str(doc), "-o", str(dumped)]) == 0
    target = long_named(doc, 250)
    before = sha256(target)
    capsys.readouterr()
    assert main(["load", str(dumped), "--into", str(target), "--replace"]) == 2
    error = capsys.readouterr().err
    assert "son nom est trop long (250 octets, 247 au plus)" in error and "lecture seule" not in error
    with open_for_editing(target, "Paul Martin") as opened:
        assert opened.read_only and "trop long" in opened.reason
        assert opened.document.years() == [2020, 2021]
    assert read_lock(target) is None
    assert sha256(target) == before


def test_the_lock_time_is_shown_with_its_day_when_not_today(doc):
    write = dt.datetime(2026, 11, 28, 14, 32).astimezone()
    lock_path(doc).write_text(f"Paul Martin,pmartin,PC-2,{write.isoformat()},4242\n", encoding="utf-8")
    assert read_lock(doc).when_text == "le 28 novembre 2026 à 14 h 32"
