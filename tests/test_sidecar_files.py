"""Files beside the document: a "-wal" or "-shm" left by another SQLite
program is refused before SQLite sees it (it would be played back although
the document uses a rollback journal), reading never creates a file beside
the document, and a hot journal far larger than any save leaves is refused
rather than copied."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from test_store_safety import interrupted_save

from avereport.cli import main
from avereport.demo import write_demo
from avereport.store import DocumentError, open_document
from avereport.store.opening import HOT_JOURNAL_MAX_BYTES


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.iterdir()
        if p.is_file() and p.stat().st_size < 64 * 1024 * 1024
    }


@pytest.fixture
def folder(tmp_path) -> Path:
    folder = tmp_path / "partage"
    folder.mkdir()
    return folder


@pytest.fixture
def demo_db(folder) -> Path:
    path = folder / "rapport.db"
    write_demo(path)
    return path


def plant_foreign_wal(document: Path) -> Path:
    """The "-wal" another SQLite program leaves: the same document in WAL
    mode, every board member deleted, not yet checkpointed."""
    scratch = document.parent.parent / "autre.db"
    shutil.copyfile(document, scratch)
    conn = sqlite3.connect(scratch, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("DELETE FROM board_member")
    wal = document.with_name(document.name + "-wal")
    shutil.copyfile(scratch.with_name(scratch.name + "-wal"), wal)
    conn.close()
    return wal


def test_plain_sqlite_would_play_the_foreign_wal_back(demo_db, folder):
    # What the refusal guards against: SQLite reads the "-wal" although the
    # header says rollback journal, and makes a "-shm" while only reading.
    plant_foreign_wal(demo_db)
    conn = sqlite3.connect(f"file:{demo_db}?mode=ro", uri=True)
    assert conn.execute("SELECT count(*) FROM board_member").fetchone() == (0,)
    conn.close()
    assert demo_db.with_name("rapport.db-shm").exists()


@pytest.mark.parametrize(
    "command",
    [["check"], ["info"], ["dump"], ["export", "-o", "SORTIE"], ["load", "ECHANGE", "--replace"]],
)
def test_a_foreign_wal_is_refused_by_every_command(command, demo_db, folder, tmp_path, capsys):
    exchange = tmp_path / "echange.json"
    assert main(["dump", str(demo_db), "--all", "-o", str(exchange)]) == 0
    plant_foreign_wal(demo_db)
    before = snapshot(folder)
    output = tmp_path / "sortie.pdf"
    if command[0] == "load":
        args = ["load", str(exchange), "--into", str(demo_db), "--replace"]
    else:
        args = [command[0], str(demo_db), *[str(output) if a == "SORTIE" else a for a in command[1:]]]
    capsys.readouterr()
    assert main(args) == 2
    error = capsys.readouterr().err
    assert error.startswith("Le fichier « rapport.db » n'a pas été ouvert : « rapport.db-wal »"), error
    assert "Erreur inattendue" not in error
    assert snapshot(folder) == before
    assert not output.exists()


def test_a_damaged_wal_or_a_lone_shm_is_named_too(demo_db, folder):
    wal = demo_db.with_name("rapport.db-wal")
    shm = demo_db.with_name("rapport.db-shm")
    shm.write_bytes(bytes(32768))
    with pytest.raises(DocumentError, match=r"« rapport\.db-shm », laissé à côté") as caught:
        open_document(demo_db, read_only=True)
    assert "endommagé" not in str(caught.value)
    wal.write_bytes(b"\x37\x7f\x06\x82" + os.urandom(4000))
    with pytest.raises(DocumentError, match=r"« rapport\.db-wal » et « rapport\.db-shm », laissés"):
        open_document(demo_db)
    wal.unlink()
    shm.unlink()
    with open_document(demo_db, read_only=True) as document:
        assert document.years() == [2020, 2021]


def test_reading_creates_no_file_beside_the_document(demo_db, folder, tmp_path, capsys):
    before = snapshot(folder)
    assert main(["check", str(demo_db)]) in (0, 1)
    assert main(["info", str(demo_db)]) == 0
    assert main(["dump", str(demo_db)]) == 0
    assert main(["export", str(demo_db), "-o", str(tmp_path / "rapport.pdf")]) == 0
    assert snapshot(folder) == before


def test_reading_an_interrupted_save_creates_no_file_beside_it(folder, capsys):
    path = folder / "rapport.db"
    interrupted_save(path)
    before = snapshot(folder)
    assert main(["info", str(path)]) == 0
    assert main(["check", str(path)]) in (0, 1)
    assert snapshot(folder) == before


def test_an_oversized_hot_journal_is_refused_not_copied(folder, capsys):
    path = folder / "rapport.db"
    interrupted_save(path)
    journal = path.with_name("rapport.db-journal")
    head = journal.read_bytes()
    # Sparse: gigabytes on paper, nothing on disk; copying it would write them.
    os.truncate(journal, HOT_JOURNAL_MAX_BYTES + 1)
    file_before = hashlib.sha256(path.read_bytes()).hexdigest()
    assert main(["info", str(path)]) == 2
    error = capsys.readouterr().err
    assert error.startswith(
        "Le fichier « rapport.db » n'a pas été ouvert : son journal « rapport.db-journal »"
    )
    assert "256 Mo au plus" in error
    assert hashlib.sha256(path.read_bytes()).hexdigest() == file_before
    assert journal.stat().st_size == HOT_JOURNAL_MAX_BYTES + 1
    with journal.open("rb") as stream:
        assert stream.read(len(head)) == head
    # Writing is refused the same way: the journal is not played back.
    with pytest.raises(DocumentError, match="son journal"):
        open_document(path)
    assert journal.stat().st_size == HOT_JOURNAL_MAX_BYTES + 1
