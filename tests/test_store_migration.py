"""Upgrading a format-1 document (tests/fixtures/store_v1.db) to the current
format: data kept, a backup first, the original untouched when reading only."""

from __future__ import annotations

import hashlib
import runpy
import shutil
import sqlite3
from pathlib import Path

import pytest

from avereport import paths
from avereport.model.dates import FuzzyDate
from avereport.store import SCHEMA_VERSION, DocumentError, open_document
from avereport.store.backups import Reason, list_backups

FIXTURES = Path(__file__).parent / "fixtures"
# The facts the fixture was written from (see make_store_v1.py).
FACTS = runpy.run_path(str(FIXTURES / "make_store_v1.py"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def header_version(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[60:64], "big")


def schema_of(path: Path) -> dict[str, tuple]:
    """Columns, foreign keys and indexes of every table, however written."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
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
    finally:
        conn.close()


@pytest.fixture
def backups(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("AVEREPORT_DATA_DIR", str(tmp_path / "donnees"))
    return paths.backup_dir()


@pytest.fixture
def old_document(tmp_path) -> Path:
    path = tmp_path / "rapport.db"
    shutil.copyfile(FIXTURES / "store_v1.db", path)
    assert header_version(path) == 1
    return path


def check_fixture_facts(document) -> None:
    assert document.years() == [2020, 2021]
    edition = document.read_edition(2021)
    board = edition.governance.board
    assert [(m.surname, m.first_name, m.region, m.college, m.functions) for m in board] == [
        (surname, first, region, college, tuple(functions))
        for surname, first, region, college, functions in FACTS["BOARD_2021"]
    ]
    by_id = {m.id: m for m in board}
    assert [(by_id[r.member_id].surname, r.role, r.since) for r in edition.governance.bureau] == [
        (FACTS["BOARD_2021"][index][0], role, since and FuzzyDate.parse(since))
        for index, role, since in FACTS["BUREAU_2021"]
    ]
    staff = {s.id: s.name for s in edition.governance.staff}
    assert [staff.get(s.replaces_id) for s in edition.governance.staff] == [
        None if replaced is None else FACTS["STAFF_2021"][replaced][0]
        for *_rest, replaced in FACTS["STAFF_2021"]
    ]
    assert [(m.kind.value, str(m.date)) for m in edition.governance.meetings] == FACTS["MEETINGS_2021"]
    assert edition.organisation.logo == FACTS["ORGANISATION"]["logo"]
    assert edition.governance.mandate_years == 2
    earlier = document.read_edition(2020).governance.board
    assert [(m.surname, m.functions) for m in earlier] == [
        (surname, tuple(functions)) for surname, _, _, _, functions in FACTS["BOARD_2020"]
    ]


def test_upgrade_keeps_the_data_and_saves_a_backup_first(old_document, backups):
    original = sha256(old_document)
    with open_document(old_document) as document:
        check_fixture_facts(document)
    assert header_version(old_document) == SCHEMA_VERSION

    (backup,) = list_backups(old_document)
    assert backup.reason is Reason.MIGRATION
    assert backup.path.parent.parent == backups
    assert header_version(backup.path) == 1
    # The backup is the old document, readable as it was.
    with open_document(backup.path, read_only=True) as document:
        check_fixture_facts(document)
    assert sha256(old_document) != original

    # Opening the upgraded document again does not upgrade it; the changed
    # file gets one « ouverture » backup, then none while it is unchanged.
    upgraded = sha256(old_document)
    for _ in range(2):
        with open_document(old_document) as document:
            assert document.years() == [2020, 2021]
    assert sha256(old_document) == upgraded
    assert [b.reason for b in list_backups(old_document)] == [Reason.OPENING, Reason.MIGRATION]


def test_upgraded_schema_is_the_schema_of_a_new_document(old_document, tmp_path, backups):
    open_document(old_document).close()
    new = tmp_path / "neuf.db"
    open_document(new, create=True).close()
    assert schema_of(old_document) == schema_of(new)


def test_reading_an_old_document_leaves_it_as_it_was(old_document, backups):
    original = sha256(old_document)
    with open_document(old_document, read_only=True) as document:
        check_fixture_facts(document)
        with pytest.raises(DocumentError, match="lecture seule"):
            document.delete_edition(2020)
    assert sha256(old_document) == original
    assert list(backups.iterdir()) == []


def test_failed_upgrade_leaves_the_file_unchanged(old_document, backups):
    # A bureau role pointing at no board member: the upgrade's foreign key
    # check refuses to carry the broken reference into the new format.
    conn = sqlite3.connect(old_document, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE bureau_role SET member_id = 999 WHERE position = 0")
    conn.close()
    original = sha256(old_document)
    with pytest.raises(DocumentError) as caught:
        open_document(old_document)
    message = str(caught.value)
    assert message.startswith("La mise à jour du fichier « rapport.db » vers le format")
    assert "une copie de l'original est dans" in message
    assert sha256(old_document) == original
    assert header_version(old_document) == 1
    assert len(list(backups.iterdir())) == 1
