"""``avereport info`` describes a document without changing it, and ``load``
respects the lock of the document it writes into."""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import shutil
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from avereport.cli import main
from avereport.demo import demo_editions
from avereport.info import file_size_text
from avereport.store import SCHEMA_VERSION
from avereport.store.lock import acquire_lock, lock_path

FIXTURES = Path(__file__).parent / "fixtures"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "avereport", *args], capture_output=True, text=True, timeout=120
    )


def info_lines(path: Path, capsys) -> dict[str, str]:
    """The printed "Label : value" lines of ``avereport info``, by label."""
    capsys.readouterr()
    assert main(["info", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    return dict(line.split(" : ", 1) for line in lines if " : " in line and not line.startswith(" "))


def folder_state(folder: Path) -> dict[str, str]:
    return {path.name: sha256(path) for path in folder.iterdir() if path.is_file()}


def test_info_of_the_demo(demo_db, capsys):
    before = folder_state(demo_db.parent)
    info = info_lines(demo_db, capsys)
    assert info["Document"] == str(demo_db.absolute())
    assert info["Format"].startswith(f"{SCHEMA_VERSION}, celui de cette version")
    years = [str(edition.year) for edition in demo_editions()]
    assert info["Éditions"] == ", ".join(years[:-1]) + " et " + years[-1]
    assert info["Taille"] == file_size_text(demo_db.stat().st_size)
    assert info["Intégrité"].startswith("intègre")
    assert info["Verrou"] == "aucun"
    assert info["Emplacement"] == "local"
    assert folder_state(demo_db.parent) == before


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (0, "0 octet"),
        (1, "1 octet"),
        (512, "512 octets"),
        (3 * 1024, "3 ko"),
        (int(1.2 * 1024**2), "1,2 Mo"),
        (5 * 1024**3, "5 Go"),
    ],
)
def test_sizes_are_written_the_french_way(size, expected):
    assert file_size_text(size).replace("\u202f", " ").replace("\xa0", " ") == expected


def test_info_of_an_older_format_leaves_it_as_it_is(tmp_path, capsys, _private_user_folders):
    old = tmp_path / "ancien.db"
    shutil.copyfile(FIXTURES / "store_v1.db", old)
    with sqlite3.connect(f"file:{old}?mode=ro", uri=True) as connection:
        (version,) = connection.execute("PRAGMA user_version").fetchone()
    connection.close()
    before = sha256(old)
    info = info_lines(old, capsys)
    assert info["Format"].startswith(f"{version}, plus ancien")
    assert f"({SCHEMA_VERSION})" in info["Format"]
    assert sha256(old) == before
    backups = _private_user_folders / "sauvegardes"
    assert not backups.exists() or not any(backups.iterdir())


def test_info_names_the_lock_holder_and_leaves_the_lock(demo_db, capsys):
    with acquire_lock(demo_db, "Marie Dupont") as lock:
        content = lock.lock_path.read_bytes()
        before = sha256(demo_db)
        info = info_lines(demo_db, capsys)
        holder = f"Marie Dupont ({getpass.getuser()} sur {socket.gethostname()})"
        assert info["Verrou"].startswith(f"ouvert par {holder} depuis le ")
        assert str(dt.date.today().year) in info["Verrou"]
        assert "abandonné" not in info["Verrou"]
        assert lock.lock_path.read_bytes() == content
        assert sha256(demo_db) == before


def _dead_pid() -> int:
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    return int(child.stdout)


def _stale_lock(document: Path) -> bytes:
    since = dt.datetime.now().astimezone().replace(microsecond=0).isoformat()
    content = f"Marie Dupont,mdupont,{socket.gethostname()},{since},{_dead_pid()}\n".encode()
    lock_path(document).write_bytes(content)
    return content


def test_info_tells_a_lock_left_by_a_crash_and_keeps_it(demo_db, capsys):
    content = _stale_lock(demo_db)
    info = info_lines(demo_db, capsys)
    assert "Marie Dupont" in info["Verrou"] and "abandonné" in info["Verrou"]
    assert lock_path(demo_db).read_bytes() == content


def test_info_of_a_damaged_lock(demo_db, capsys):
    lock_path(demo_db).write_bytes(b"\x00\x01 pas un verrou")
    info = info_lines(demo_db, capsys)
    assert "illisible" in info["Verrou"] and "inconnu" in info["Verrou"]


def _newer_version(path: Path, demo: Path) -> None:
    path.write_bytes(demo.read_bytes())
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()


@pytest.mark.parametrize("kind", ["pas-sqlite", "tronque", "plus-recent", "vide"])
def test_info_of_a_bad_file_is_one_french_line_and_changes_nothing(demo_db, tmp_path, kind):
    bad = tmp_path / f"{kind}.db"
    if kind == "pas-sqlite":
        bad.write_bytes(b"Ceci est un texte, pas une base SQLite.\n" * 50)
    elif kind == "tronque":
        bad.write_bytes(demo_db.read_bytes()[:3000])
    elif kind == "plus-recent":
        _newer_version(bad, demo_db)
    else:
        bad.write_bytes(b"")
    before = sha256(bad)
    result = run("info", str(bad))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert bad.name in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""
    assert sha256(bad) == before
    assert not lock_path(bad).exists()


def test_info_of_a_missing_file(tmp_path):
    result = run("info", str(tmp_path / "absent.db"))
    assert result.returncode == 2 and "absent.db" in result.stderr and "Traceback" not in result.stderr


@pytest.fixture
def demo_json(demo_db, tmp_path) -> Path:
    dumped = tmp_path / "demo.json"
    assert main(["dump", str(demo_db), "--all", "-o", str(dumped)]) == 0
    return dumped


def test_load_into_a_locked_document_is_refused_and_changes_nothing(demo_db, demo_json):
    with acquire_lock(demo_db, "Marie Dupont") as lock:
        content = lock.lock_path.read_bytes()
        before = sha256(demo_db)
        result = run("load", str(demo_json), "--into", str(demo_db), "--replace")
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert "« rapport.db » est ouvert par Marie Dupont" in result.stderr
        assert "depuis le" in result.stderr
        assert sha256(demo_db) == before
        assert lock.lock_path.read_bytes() == content
    result = run("load", str(demo_json), "--into", str(demo_db), "--replace")
    assert result.returncode == 0, result.stderr
    assert not lock_path(demo_db).exists()


def test_load_takes_over_a_lock_left_by_a_crash(demo_db, demo_json):
    _stale_lock(demo_db)
    result = run("load", str(demo_json), "--into", str(demo_db), "--replace")
    assert result.returncode == 0, result.stderr
    assert not lock_path(demo_db).exists()


def test_load_into_a_new_document_leaves_no_lock(demo_json, tmp_path, capsys):
    target = tmp_path / "nouveau.db"
    assert main(["load", str(demo_json), "--into", str(target)]) == 0
    assert target.exists() and not lock_path(target).exists()
