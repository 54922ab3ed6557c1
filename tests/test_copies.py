"""Safe copies ("Enregistrer une copie…", "Envoyer à un collègue…"): a
consistent, checked copy renamed into place, never a raw copy."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest

from avereport.demo import demo_editions, write_demo
from avereport.store import SCHEMA_VERSION, DocumentError, open_document
from avereport.store.copies import copy_database, safe_copy, sending_copy_name


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def integrity(path: Path) -> list[tuple[str]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


def editions_of(path: Path) -> dict[int, object]:
    with open_document(path, read_only=True) as document:
        return {year: document.read_edition(year) for year in document.years()}


@pytest.fixture
def demo(tmp_path) -> Path:
    path = tmp_path / "rapport.db"
    write_demo(path)
    return path


def test_copy_of_an_open_document_while_another_connection_writes(demo, tmp_path):
    expected = editions_of(demo)
    target = tmp_path / "copies" / "rapport copie.db"
    target.parent.mkdir()
    writer = sqlite3.connect(demo, isolation_level=None)
    with open_document(demo) as document:
        # A write transaction in progress, not committed: the copy holds the
        # last committed state and does not block the writer.
        writer.execute("BEGIN IMMEDIATE")
        oldest = min(expected)
        writer.execute("PRAGMA foreign_keys = ON")
        writer.execute("DELETE FROM edition WHERE year = ?", (oldest,))
        assert safe_copy(document, target) == target
        writer.execute("COMMIT")
        assert oldest not in document.years()
    writer.close()

    assert integrity(target) == [("ok",)]
    assert editions_of(target) == expected
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_copy_from_a_path_equals_the_document(demo, tmp_path):
    original = sha256(demo)
    target = safe_copy(demo, tmp_path / "envoi.db")
    assert integrity(target) == [("ok",)]
    assert editions_of(target) == editions_of(demo)
    assert sorted(editions_of(target)) == [e.year for e in demo_editions()]
    assert sha256(demo) == original


def test_existing_target_is_replaced_and_its_stale_journal_removed(demo, tmp_path):
    target = tmp_path / "ancienne copie.db"
    with open_document(target, create=True):
        pass
    # A journal left by a crash beside the old file would otherwise be
    # played back onto the new copy.
    stale = target.with_name(target.name + "-journal")
    stale.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + bytes(504))
    safe_copy(demo, target)
    assert not stale.exists()
    assert editions_of(target) == editions_of(demo)


def test_a_copy_that_fails_its_check_leaves_no_file(demo, tmp_path):
    folder = tmp_path / "destination"
    folder.mkdir()
    target = folder / "rapport.db"
    target.write_bytes(b"ancien contenu")
    # What gets copied is some other application's database: the check of
    # the copy refuses it.
    other = sqlite3.connect(":memory:")
    other.execute("CREATE TABLE contacts (nom TEXT)")
    with pytest.raises(DocumentError) as caught:
        copy_database(other.backup, demo, target)
    other.close()
    assert str(caught.value) == (
        "La copie de « rapport.db » vers « rapport.db » a échoué (la copie obtenue n'a pas"
        " passé la vérification) ; « rapport.db » n'a pas été modifié."
    )
    assert sorted(p.name for p in folder.iterdir()) == ["rapport.db"]
    assert target.read_bytes() == b"ancien contenu"


def test_a_folder_as_target_is_refused_and_leaves_no_temporary_file(demo, tmp_path):
    folder = tmp_path / "destination"
    target = folder / "rapport.db"
    target.mkdir(parents=True)
    with pytest.raises(DocumentError, match="est un dossier"):
        safe_copy(demo, target)
    assert [p.name for p in folder.iterdir()] == ["rapport.db"]
    assert target.is_dir()


def test_missing_destination_folder_is_a_french_error(demo, tmp_path):
    with pytest.raises(DocumentError, match="le dossier de destination est introuvable"):
        safe_copy(demo, tmp_path / "absent" / "rapport.db")


def test_a_rejected_file_is_neither_copied_nor_touched(tmp_path):
    hostile = tmp_path / "piege.db"
    write_demo(hostile)
    conn = sqlite3.connect(hostile)
    conn.execute("CREATE TRIGGER purge AFTER INSERT ON edition BEGIN DELETE FROM section; END")
    conn.commit()
    conn.close()
    before = sha256(hostile)
    with pytest.raises(DocumentError):
        safe_copy(hostile, tmp_path / "copie.db")
    assert sha256(hostile) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "donnees-utilisateur") == ["piege.db"]


def test_a_copy_never_replaces_its_own_document(demo):
    before = sha256(demo)
    with open_document(demo) as document, pytest.raises(DocumentError, match="lui-même"):
        safe_copy(document, demo.parent / "." / demo.name)
    assert sha256(demo) == before


def test_read_only_old_document_is_copied_in_the_current_format(tmp_path):
    fixture = Path(__file__).parent / "fixtures" / "store_v1.db"
    with open_document(fixture, read_only=True) as document:
        expected = {year: document.read_edition(year) for year in document.years()}
        target = safe_copy(document, tmp_path / "v1 copie.db")
    with open_document(target, read_only=True) as copy:
        assert {year: copy.read_edition(year) for year in copy.years()} == expected
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    conn.close()


def test_name_of_a_copy_sent_to_a_colleague():
    day = dt.date(2026, 11, 28)
    assert sending_copy_name(Path("/partage/rapport.db"), day) == ("rapport (copie pour envoi 2026-11-28).db")
    # A name without extension gets the document's.
    assert sending_copy_name(Path("rapport AVE"), day) == ("rapport AVE (copie pour envoi 2026-11-28).db")
