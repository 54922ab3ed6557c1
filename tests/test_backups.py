"""Automatic backups: taken on opening (unless nothing changed), before a
migration and a restore, kept in the user's data folder, listed and thinned."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from avereport import paths
from avereport.demo import write_demo
from avereport.store import DocumentError, open_document
from avereport.store.backups import (
    KEEP_DAYS,
    KEEP_MONTHS,
    Reason,
    backup,
    list_backups,
    newest_backup,
    restore,
    thin,
)

FIXTURES = Path(__file__).parent / "fixtures"
NOW = dt.datetime(2026, 11, 28, 15, 0)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def editions_of(path: Path) -> dict[int, object]:
    with open_document(path, read_only=True) as document:
        return {year: document.read_edition(year) for year in document.years()}


def user_version(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def demo(tmp_path) -> Path:
    folder = tmp_path / "partage"
    folder.mkdir()
    path = folder / "rapport.db"
    write_demo(path)
    return path


def test_opening_backs_up_once_until_the_document_changes(demo):
    assert list_backups(demo) == []
    content = editions_of(demo)
    open_document(demo).close()
    (first,) = list_backups(demo)
    assert first.reason is Reason.OPENING
    assert first.document == demo.resolve()
    assert first.editions == tuple(sorted(content))
    assert first.size == first.path.stat().st_size
    assert first.source_sha256 == sha256(demo)
    assert editions_of(first.path) == content

    # Nothing changed: no second copy.
    open_document(demo).close()
    assert list_backups(demo) == [first]

    with open_document(demo) as document:
        document.delete_edition(min(content))
    open_document(demo).close()
    second, older = list_backups(demo)
    assert older == first
    assert second.reason is Reason.OPENING
    assert second.editions == tuple(sorted(content))[1:]


def test_backups_live_in_the_data_folder_never_beside_the_document(demo):
    open_document(demo).close()
    (item,) = list_backups(demo)
    assert item.path.parent.parent == paths.backup_dir()
    assert [p.name for p in demo.parent.iterdir()] == [demo.name]


def test_each_document_has_its_own_backups(demo, tmp_path):
    other = tmp_path / "autre" / demo.name
    other.parent.mkdir()
    shutil.copyfile(demo, other)
    open_document(demo).close()
    assert list_backups(other) == []
    open_document(other).close()
    assert [b.document for b in list_backups(other)] == [other.resolve()]
    assert len(list_backups(demo)) == 1


def test_reading_only_takes_no_backup(demo):
    open_document(demo, read_only=True).close()
    assert list_backups(demo) == []


def test_opening_with_create_an_existing_file_backs_it_up(demo):
    # The CLI's `load` opens its target this way before writing into it.
    content = editions_of(demo)
    with open_document(demo, create=True) as document:
        for year in content:
            document.delete_edition(year)
    (item,) = list_backups(demo)
    assert editions_of(item.path) == content


def test_a_rejected_file_is_never_backed_up_nor_touched(demo):
    conn = sqlite3.connect(demo)
    conn.execute("CREATE VIEW apercu AS SELECT year FROM edition")
    conn.commit()
    conn.close()
    before = sha256(demo)
    with pytest.raises(DocumentError):
        open_document(demo)
    with pytest.raises(DocumentError):
        backup(demo, Reason.MERGE)
    assert sha256(demo) == before
    assert list(paths.backup_dir().iterdir()) == []


def test_migration_backup_holds_the_old_format(tmp_path):
    path = tmp_path / "ancien.db"
    shutil.copyfile(FIXTURES / "store_v1.db", path)
    with open_document(FIXTURES / "store_v1.db", read_only=True) as original:
        years = tuple(original.years())
    open_document(path).close()
    (item,) = list_backups(path)
    assert item.reason is Reason.MIGRATION
    assert item.editions == years
    assert user_version(item.path) == 1
    assert sha256(FIXTURES / "store_v1.db") != sha256(path)


def test_listing_gives_date_reason_size_and_editions_newest_first(demo):
    content = editions_of(demo)
    merge_time = NOW - dt.timedelta(hours=2)
    backup(demo, Reason.MERGE, now=merge_time)
    with open_document(demo) as document:
        document.delete_edition(max(content))
    backup(demo, "restauration", now=NOW)
    newest, older = list_backups(demo)
    assert (newest.created, newest.reason) == (NOW, Reason.RESTORE)
    assert (older.created, older.reason) == (merge_time, Reason.MERGE)
    assert older.editions == tuple(sorted(content))
    assert newest.editions == tuple(sorted(content))[:-1]
    assert [b.size for b in (newest, older)] == [b.path.stat().st_size for b in (newest, older)]
    assert newest_backup(demo) == newest


def test_thinning_keeps_today_one_a_day_then_one_a_month(demo):
    def at(day: str, hour: int) -> dt.datetime:
        return dt.datetime.fromisoformat(day).replace(hour=hour)

    # Oldest first, as they would have been taken; each backup thins with
    # its own date, which never removes what the final rules keep.
    moments = [
        at("2024-06-01", 9),
        at("2025-11-20", 9),  # 12 months back: beyond the monthly rule
        at("2025-12-10", 9),  # 11 months back: newest of its month
        at("2026-09-02", 9),
        at("2026-09-15", 9),  # newest of September
        at("2026-10-05", 9),
        at("2026-10-20", 9),  # 39 days back; October is kept by 10-30
        at("2026-10-29", 9),  # 30 days back: newest of its day
        at("2026-11-18", 8),
        at("2026-11-18", 12),  # newest of its day
        at("2026-11-27", 10),
        at("2026-11-27", 18),  # newest of yesterday
        at("2026-11-28", 9),
        at("2026-11-28", 11),
        at("2026-11-28", 14),  # today: all three
    ]
    for moment in moments:
        backup(demo, Reason.OPENING, now=moment)
    thin(demo, NOW)
    kept = [b.created for b in list_backups(demo)]
    assert kept == [
        at("2026-11-28", 14),
        at("2026-11-28", 11),
        at("2026-11-28", 9),
        at("2026-11-27", 18),
        at("2026-11-18", 12),
        at("2026-10-29", 9),
        at("2026-09-15", 9),
        at("2025-12-10", 9),
    ]
    assert (KEEP_DAYS, KEEP_MONTHS) == (30, 12)
    # Removed backups leave neither copy nor description.
    folder = list_backups(demo)[0].path.parent
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        name for b in list_backups(demo) for name in (b.path.name, b.path.with_suffix(".json").name)
    )


def test_the_newest_backup_is_kept_however_old(demo):
    long_ago = NOW - dt.timedelta(days=3 * 365)
    backup(demo, Reason.OPENING, now=long_ago - dt.timedelta(days=1))
    backup(demo, Reason.OPENING, now=long_ago)
    assert [b.created for b in thin(demo, NOW)] == [long_ago - dt.timedelta(days=1)]
    assert [b.created for b in list_backups(demo)] == [long_ago]


def test_thinning_removes_partial_copies_older_than_a_day(demo):
    item = backup(demo, Reason.OPENING, now=NOW)
    old = item.path.parent / ".2026-11-20_10-00-00_ouverture.db.x1y2z3.tmp"
    recent = item.path.parent / ".2026-11-28_14-59-00_ouverture.db.a1b2c3.tmp"
    for partial, age in ((old, dt.timedelta(days=2)), (recent, dt.timedelta(minutes=1))):
        partial.write_bytes(b"copie interrompue")
        stamp = (NOW - age).timestamp()
        os.utime(partial, (stamp, stamp))
    thin(demo, NOW)
    assert not old.exists()
    assert recent.exists()
    assert list_backups(demo) == [item]


def test_restore_backs_up_the_current_document_first(demo):
    content = editions_of(demo)
    saved = backup(demo, Reason.OPENING, now=NOW - dt.timedelta(hours=1))
    with open_document(demo) as document:
        document.delete_edition(min(content))
    changed = editions_of(demo)

    kept = restore(saved, demo, now=NOW)

    assert editions_of(demo) == content
    newest = newest_backup(demo)
    assert (newest.path, newest.reason, newest.created) == (kept, Reason.RESTORE, NOW)
    assert editions_of(kept) == changed
    assert saved in list_backups(demo)


def test_a_damaged_document_offers_its_newest_backup_and_is_kept_as_it_was(demo):
    content = editions_of(demo)
    open_document(demo).close()
    data = demo.read_bytes()
    damaged = data[: len(data) // 2 + 100]
    demo.write_bytes(damaged)
    with pytest.raises(DocumentError, match="endommagé"):
        open_document(demo)

    offered = newest_backup(demo)
    kept = restore(offered, demo, now=NOW)

    assert kept.read_bytes() == damaged
    assert kept.parent == offered.path.parent
    assert list_backups(demo) == [offered]
    assert editions_of(demo) == content


def test_restoring_a_backup_that_fails_its_check_changes_nothing(demo):
    saved = backup(demo, Reason.OPENING, now=NOW - dt.timedelta(hours=1))
    saved.path.write_bytes(saved.path.read_bytes()[:1000])
    before = sha256(demo)
    with pytest.raises(DocumentError):
        restore(saved, demo, now=NOW)
    assert sha256(demo) == before
