"""Files that are not sound avereport documents are refused with one French
sentence naming them, and are left byte for byte as they were."""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from avereport.model.dates import FuzzyDate
from avereport.model.edition import BoardMember, Edition, Governance, Training, TrainingSession
from avereport.store import SCHEMA_VERSION, DocumentError, open_document

NAME = "rapport.db"


def valid_document(path: Path) -> Path:
    """A document of several pages: two editions with some rows."""
    with open_document(path, create=True) as document:
        for year in (2020, 2021):
            board = tuple(BoardMember(id=n, surname=f"NOM {n}", functions=("Président",)) for n in range(40))
            sessions = tuple(
                TrainingSession(module="Clause sociale", date=FuzzyDate(year, n % 12 + 1)) for n in range(100)
            )
            edition = Edition(
                year=year, governance=Governance(board=board), training=Training(sessions=sessions)
            )
            document.write_edition(edition)
    return path


def page_size(path: Path) -> int:
    size = int.from_bytes(path.read_bytes()[16:18], "big")
    return 65536 if size == 1 else size


def random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(1).randbytes(8192))


def empty_file(path: Path) -> None:
    path.write_bytes(b"")


def header_only(path: Path) -> None:
    path.write_bytes(valid_document(path).read_bytes()[:60])


def truncated_mid_page(path: Path) -> None:
    data = valid_document(path).read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])


def truncated_on_page_boundary(path: Path) -> None:
    data = valid_document(path).read_bytes()
    size = page_size(path)
    path.write_bytes(data[: (len(data) // size // 2) * size])


def corrupted_page(path: Path) -> None:
    data = bytearray(valid_document(path).read_bytes())
    size = page_size(path)
    # The last page: in a document never shrunk, every page is in use.
    data[-size:] = random.Random(2).randbytes(size)
    path.write_bytes(bytes(data))


def corrupted_schema_page(path: Path) -> None:
    data = bytearray(valid_document(path).read_bytes())
    size = page_size(path)
    # Page 1 after the file header holds the list of tables.
    data[100:size] = random.Random(3).randbytes(size - 100)
    path.write_bytes(bytes(data))


def other_application(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (nom TEXT, courriel TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Alice', 'alice@example.org')")
    conn.commit()
    conn.close()


def other_application_with_our_tag(path: Path) -> None:
    valid_document(path)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (nom TEXT, courriel TEXT)")
    conn.commit()
    conn.close()


def planted_trigger(path: Path) -> None:
    valid_document(path)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TRIGGER purge AFTER INSERT ON edition BEGIN DELETE FROM board_member; END")
    conn.commit()
    conn.close()


def newer_version(path: Path) -> None:
    valid_document(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


CASES = {
    random_bytes: "n'est pas un document avereport (ce n'est pas une base SQLite)",
    empty_file: "est vide : ce n'est pas un document avereport",
    header_only: "est endommagé",
    truncated_mid_page: "est endommagé",
    truncated_on_page_boundary: "est endommagé",
    corrupted_page: "est endommagé",
    corrupted_schema_page: "est endommagé",
    other_application: "n'est pas un document avereport (base SQLite d'une autre application)",
    other_application_with_our_tag: "ses tables ont été modifiées par un autre programme",
    planted_trigger: "ses tables ont été modifiées par un autre programme",
    newer_version: "version plus récente d'avereport",
}


@pytest.mark.parametrize("mode", [{}, {"read_only": True}, {"create": True}], ids=["write", "read", "create"])
@pytest.mark.parametrize("damage", list(CASES), ids=lambda f: f.__name__)
def test_bad_file_is_refused_and_left_unchanged(tmp_path, damage, mode):
    path = tmp_path / NAME
    damage(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    neighbours = sorted(p.name for p in tmp_path.iterdir())

    with pytest.raises(DocumentError) as caught:
        open_document(path, **mode)

    message = str(caught.value)
    assert message.startswith(f"Le fichier « {NAME} » ")
    assert CASES[damage] in message
    # One sentence.
    assert message.endswith(".") and ". " not in message and "\n" not in message
    assert caught.value.path == path
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == neighbours


def test_the_damage_cases_start_from_a_sound_document(tmp_path):
    path = valid_document(tmp_path / NAME)
    with open_document(path, read_only=True) as document:
        assert document.years() == [2020, 2021]


def test_newer_version_message_names_both_formats(tmp_path):
    path = tmp_path / NAME
    newer_version(path)
    with pytest.raises(DocumentError) as caught:
        open_document(path, read_only=True)
    assert f"format {SCHEMA_VERSION + 1}" in str(caught.value)
    assert f"jusqu'au format {SCHEMA_VERSION}" in str(caught.value)


def test_a_folder_is_not_a_document(tmp_path):
    folder = tmp_path / "dossier.db"
    folder.mkdir()
    with pytest.raises(DocumentError, match=r"Le chemin « dossier\.db » ne désigne pas un fichier"):
        open_document(folder)


def interrupted_save(path: Path) -> Edition:
    """``path`` as a crash during a save leaves it: the file half written and
    its journal beside it. Returns the last saved edition."""
    valid_document(path)
    with open_document(path, read_only=True) as document:
        saved = document.read_edition(2021)
    scratch = path.with_name("en-cours.db")
    shutil.copyfile(path, scratch)
    conn = sqlite3.connect(scratch, isolation_level=None)
    conn.execute("PRAGMA cache_size = 1")  # spill changed pages into the file
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("DELETE FROM board_member")
    conn.execute("DELETE FROM edition WHERE year = 2020")
    shutil.copyfile(scratch, path)
    shutil.copyfile(scratch.with_name("en-cours.db-journal"), path.with_name(NAME + "-journal"))
    conn.execute("ROLLBACK")
    conn.close()
    scratch.unlink()
    # The journal is "hot": plain SQLite cannot read the file read-only.
    probe = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError):
        probe.execute("SELECT count(*) FROM edition").fetchone()
    probe.close()
    return saved


def test_interrupted_save_is_read_without_touching_the_file(tmp_path):
    path = tmp_path / NAME
    saved = interrupted_save(path)
    journal = path.with_name(NAME + "-journal")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (path, journal)}
    with open_document(path, read_only=True) as document:
        assert document.years() == [2020, 2021]
        assert document.read_edition(2021) == saved
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (path, journal)} == before


def test_interrupted_save_is_undone_when_opened_for_writing(tmp_path):
    path = tmp_path / NAME
    saved = interrupted_save(path)
    with open_document(path) as document:
        assert document.years() == [2020, 2021]
        assert document.read_edition(2021) == saved
    assert not path.with_name(NAME + "-journal").exists()
