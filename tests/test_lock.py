"""One writer at a time: the lock file beside a document, who holds it, stale
locks and take-overs, and the read-only fallback of ``open_for_editing``."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import getpass
import hashlib
import io
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from avereport.model.edition import Edition
from avereport.store import DocumentError, open_document
from avereport.store.lock import (
    LockedError,
    LockUnavailableError,
    acquire_lock,
    is_stale,
    lock_for_editing,
    lock_path,
    open_for_editing,
    read_lock,
    take_over,
)

OTHER_HOST = "PC-COMPTA-" + socket.gethostname()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "rapport.db"
    with open_document(path, create=True) as document:
        document.write_edition(Edition(year=2021))
    return path


def dead_pid() -> int:
    """The id of a process that has just ended."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    return int(child.stdout)


def write_lock(document: Path, name: str, user: str, host: str, since: dt.datetime, pid: int) -> bytes:
    """A lock file as the documented format describes it."""
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow([name, user, host, since.isoformat(), pid])
    content = line.getvalue().encode("utf-8")
    lock_path(document).write_bytes(content)
    return content


def colleague_lock(document: Path, since: dt.datetime | None = None) -> bytes:
    since = since or dt.datetime(2026, 11, 28, 10, 42).astimezone()
    return write_lock(document, "Marie Dupont", "mdupont", OTHER_HOST, since, 4242)


def test_lock_file_beside_the_document_in_the_documented_format(doc):
    name = 'Héloïse "Lolo" Martin, RH'
    before = dt.datetime.now().astimezone().replace(microsecond=0)
    lock = acquire_lock(doc, name)
    after = dt.datetime.now().astimezone()
    path = doc.parent / ".~lock.rapport.db#"
    assert lock.lock_path == path
    text = path.read_bytes().decode("utf-8")
    assert text.endswith("\n") and text.count("\n") == 1
    ((display, user, host, since, pid),) = list(csv.reader(io.StringIO(text)))
    assert (display, user, host, int(pid)) == (name, getpass.getuser(), socket.gethostname(), os.getpid())
    assert before <= dt.datetime.fromisoformat(since) <= after
    lock.release()
    assert not path.exists()


def test_line_breaks_in_the_display_name_stay_on_one_line(doc):
    with acquire_lock(doc, "Marie\nDupont\r\n"):
        assert lock_path(doc).read_bytes().count(b"\n") == 1
        assert read_lock(doc).display_name == "Marie Dupont"


def test_second_opener_is_told_who_holds_it_and_since_when(doc):
    content = colleague_lock(doc)
    with pytest.raises(LockedError) as caught:
        acquire_lock(doc, "Paul Martin")
    error = caught.value
    assert str(error) == (
        f"Le document « rapport.db » est ouvert par Marie Dupont (mdupont sur {OTHER_HOST})"
        " depuis le 28 novembre 2026 à 10 h 42."
    )
    assert error.holder == f"Marie Dupont (mdupont sur {OTHER_HOST})"
    assert error.since == dt.datetime(2026, 11, 28, 10, 42).astimezone()
    assert (error.info.user, error.info.host, error.info.pid) == ("mdupont", OTHER_HOST, 4242)
    assert error.path == doc
    assert lock_path(doc).read_bytes() == content


def test_first_of_the_month_and_a_holder_without_display_name(doc):
    write_lock(doc, "", "mdupont", OTHER_HOST, dt.datetime(2027, 3, 1, 9, 5).astimezone(), 4242)
    with pytest.raises(LockedError) as caught:
        acquire_lock(doc, "Paul Martin")
    assert f"ouvert par mdupont sur {OTHER_HOST} depuis le 1er mars 2027 à 9 h 05." in str(caught.value)


def test_own_lock_is_refused_too_and_release_is_idempotent(doc):
    lock = acquire_lock(doc, "Paul Martin")
    with pytest.raises(LockedError) as caught:
        acquire_lock(doc, "Paul Martin")
    assert caught.value.info.pid == os.getpid()
    assert not is_stale(caught.value.info)
    assert lock.still_held()
    lock.release()
    lock.release()
    assert not lock.still_held()
    assert read_lock(doc) is None
    with acquire_lock(doc, "Paul Martin"):
        assert lock_path(doc).exists()
    assert not lock_path(doc).exists()


def test_stale_only_on_this_computer_with_its_process_gone(doc):
    now = dt.datetime.now().astimezone()
    here = socket.gethostname()
    write_lock(doc, "Marie Dupont", "mdupont", here, now, dead_pid())
    assert is_stale(read_lock(doc))
    write_lock(doc, "Marie Dupont", "mdupont", here, now, os.getpid())
    assert not is_stale(read_lock(doc))
    write_lock(doc, "Marie Dupont", "mdupont", OTHER_HOST, now, dead_pid())
    assert not is_stale(read_lock(doc))
    lock_path(doc).write_bytes(b"n'importe quoi")
    assert not is_stale(read_lock(doc))


def test_a_lock_held_by_another_users_process_is_not_stale(doc):
    # The system's own process, which this user may not query: the process
    # check of the running system (signal 0 on POSIX, OpenProcess on Windows)
    # must count it as alive, not take its lock over.
    system_pid = 4 if sys.platform == "win32" else 1
    write_lock(
        doc, "Marie Dupont", "mdupont", socket.gethostname(), dt.datetime.now().astimezone(), system_pid
    )
    assert not is_stale(read_lock(doc))
    with pytest.raises(LockedError, match="Marie Dupont"):
        lock_for_editing(doc, "Paul Martin")


def test_stale_lock_of_this_computer_is_taken_over(doc):
    write_lock(
        doc, "Marie Dupont", "mdupont", socket.gethostname(), dt.datetime.now().astimezone(), dead_pid()
    )
    with lock_for_editing(doc, "Paul Martin") as lock:
        holder = read_lock(doc)
        assert (holder.display_name, holder.pid) == ("Paul Martin", os.getpid())
        assert lock.still_held()


def test_another_computers_lock_is_kept_without_confirmation(doc):
    content = colleague_lock(doc)
    with pytest.raises(LockedError):
        lock_for_editing(doc, "Paul Martin")
    assert lock_path(doc).read_bytes() == content


def test_take_over_replaces_exactly_the_expected_lock(doc):
    colleague_lock(doc)
    expected = read_lock(doc)
    mine = take_over(doc, "Paul Martin", expected)
    assert read_lock(doc).display_name == "Paul Martin"
    with pytest.raises(LockedError) as caught:
        take_over(doc, "Jeanne Petit", expected)
    assert "Paul Martin" in str(caught.value)
    assert mine.still_held()
    mine.release()
    assert not lock_path(doc).exists()


def test_a_taken_over_lock_is_left_alone_by_its_former_holder(doc):
    first = acquire_lock(doc, "Marie Dupont")
    second = take_over(doc, "Paul Martin", first.info)
    assert not first.still_held()
    first.release()
    assert read_lock(doc).display_name == "Paul Martin"
    assert second.still_held()
    second.release()


def test_take_over_of_a_lock_already_gone_just_acquires(doc):
    first = acquire_lock(doc, "Marie Dupont")
    first.release()
    with take_over(doc, "Paul Martin", first.info):
        assert read_lock(doc).display_name == "Paul Martin"
    assert not list(doc.parent.glob(".~lock.*"))


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\xff\xfe\x00garbage\n",
        b"Marie Dupont,mdupont,PC\n",
        b"Marie Dupont,mdupont,PC,hier,4242\n",
        b"Marie Dupont,mdupont,PC,2026-11-28T10:42:00,4242\n",
        b"Marie Dupont,mdupont,PC,2026-11-28T10:42:00+01:00,-1\n",
        b"Marie Dupont,mdupont,PC,2026-11-28T10:42:00+01:00,4242",
        b"Marie Dupont,mdupont,PC,2026-11-28T10:42:00+01:00,4242\n" * 500,
    ],
    ids=["vide", "binaire", "champs-manquants", "date", "sans-fuseau", "pid", "inacheve", "enorme"],
)
def test_damaged_lock_is_held_by_an_unknown_user(doc, content):
    lock_path(doc).write_bytes(content)
    info = read_lock(doc)
    assert info.damaged and info.holder == "inconnu"
    with pytest.raises(LockedError) as caught:
        acquire_lock(doc, "Paul Martin")
    message = str(caught.value)
    assert "inconnu" in message and "« .~lock.rapport.db# »" in message and "« rapport.db »" in message
    assert lock_path(doc).read_bytes() == content
    opened = open_for_editing(doc, "Paul Martin")
    assert opened.read_only and opened.holder.damaged
    opened.close()


def test_unreadable_lock_is_held_by_an_unknown_user(doc):
    lock_path(doc).mkdir()
    assert read_lock(doc).damaged
    with pytest.raises(LockedError, match="inconnu"):
        acquire_lock(doc, "Paul Martin")


@contextlib.contextmanager
def unwritable(folder: Path):
    """Nothing can be created in ``folder`` meanwhile, even by root (who
    ignores permissions): it is made immutable with chattr then. Unix
    permissions: the test using it is marked ``posix`` (CI runs as a user)."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)


@pytest.mark.posix
def test_no_lock_possible_means_read_only_with_the_true_reason(doc):
    before = sha256(doc)
    with unwritable(doc.parent):
        with pytest.raises(LockUnavailableError) as caught:
            acquire_lock(doc, "Paul Martin")
        message = str(caught.value)
        assert "verrou" in message and f"« {doc.parent.name} »" in message
        assert "(accès refusé)" in message or "(opération non permise)" in message
        with open_for_editing(doc, "Paul Martin") as opened:
            assert opened.read_only and opened.lock is None and opened.holder is None
            assert "lecture seule" in opened.reason and "verrou" in opened.reason
            assert opened.document.years() == [2021]
    assert sha256(doc) == before


def test_open_for_editing_holds_the_lock_until_closed(doc):
    with open_for_editing(doc, "Paul Martin") as opened:
        assert not opened.read_only and opened.reason is None and opened.holder is None
        assert read_lock(doc).display_name == "Paul Martin"
        opened.document.write_edition(Edition(year=2022))
    assert not lock_path(doc).exists()
    with open_document(doc, read_only=True) as document:
        assert document.years() == [2021, 2022]


def test_open_for_editing_a_held_document_gives_read_only_and_the_holder(doc):
    colleague_lock(doc)
    before = sha256(doc)
    with open_for_editing(doc, "Paul Martin") as opened:
        assert opened.read_only and opened.lock is None
        assert opened.holder == read_lock(doc)
        assert f"Marie Dupont (mdupont sur {OTHER_HOST})" in opened.reason
        assert opened.reason.endswith("Vous le consultez en lecture seule.")
        assert opened.document.years() == [2021]
        with pytest.raises(DocumentError, match="lecture seule"):
            opened.document.write_edition(Edition(year=2022))
        holder = opened.holder
    assert sha256(doc) == before
    assert read_lock(doc) == holder
    with open_for_editing(doc, "Paul Martin", replacing=holder) as opened:
        assert not opened.read_only
        assert read_lock(doc).display_name == "Paul Martin"
    assert not lock_path(doc).exists()


def test_replacing_a_holder_who_has_changed_stays_read_only(doc):
    colleague_lock(doc)
    outdated = read_lock(doc)
    write_lock(doc, "Jeanne Petit", "jpetit", OTHER_HOST, dt.datetime.now().astimezone(), 77)
    with open_for_editing(doc, "Paul Martin", replacing=outdated) as opened:
        assert opened.read_only and opened.holder.display_name == "Jeanne Petit"
        assert "Jeanne Petit" in opened.reason


def test_a_refused_file_leaves_no_lock(tmp_path):
    bad = tmp_path / "autre.db"
    bad.write_bytes(b"Ceci n'est pas une base SQLite.\n" * 100)
    before = sha256(bad)
    with pytest.raises(DocumentError, match=r"autre\.db"):
        open_for_editing(bad, "Paul Martin")
    assert not lock_path(bad).exists()
    assert sha256(bad) == before


def test_a_new_document_is_created_under_the_lock(tmp_path):
    path = tmp_path / "nouveau.db"
    with open_for_editing(path, "Paul Martin", create=True) as opened:
        assert not opened.read_only and lock_path(path).exists()
        opened.document.write_edition(Edition(year=2023))
    assert not lock_path(path).exists()
    with open_document(path, read_only=True) as document:
        assert document.years() == [2023]


def test_a_new_document_held_by_someone_else_is_refused(tmp_path):
    path = tmp_path / "nouveau.db"
    colleague_lock(path)
    with pytest.raises(LockedError, match="Marie Dupont"):
        open_for_editing(path, "Paul Martin", create=True)
    assert not path.exists()


def test_reading_takes_no_lock(doc):
    with open_document(doc, read_only=True):
        assert not lock_path(doc).exists()
    colleague_lock(doc)
    with open_document(doc, read_only=True) as document:
        assert document.years() == [2021]
