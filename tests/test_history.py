"""The document's history: one entry per recorded change, written in the
same transaction as the change, read back newest first with filters."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from avereport.commands import dump_command
from avereport.demo import demo_editions, write_demo
from avereport.interchange import dump_editions
from avereport.model import edit
from avereport.model.diff import Change, diff_editions, edition_removed
from avereport.model.edition import SectionKind
from avereport.store import SCHEMA_VERSION, DocumentError, open_document
from avereport.store.history import GENERAL, Origin
from avereport.store.migrations import upgrade
from avereport.store.opening import configure, connect

YEAR = demo_editions()[-1].year


@pytest.fixture
def demo(tmp_path) -> Path:
    path = tmp_path / "rapport.db"
    write_demo(path)
    return path


def edited(document, *edits):
    """The latest edition with ``edits`` (path, value) applied, and the changes."""
    before = document.read_edition(YEAR)
    after = before
    for path, value in edits:
        after = edit.with_value(after, path, value)
    return after, diff_editions(before, after)


def test_a_new_document_has_an_empty_history(tmp_path):
    with open_document(tmp_path / "neuf.db", create=True) as document:
        assert document.history() == []
        assert document.history_authors() == []
    assert SCHEMA_VERSION >= 3


def test_a_change_is_recorded_with_who_when_and_what(demo):
    with open_document(demo) as document:
        started = dt.datetime.now(dt.UTC)
        after, changes = edited(
            document,
            ("organisation.phone", "01 02 03 04 05"),
            ("governance.board[0].college", "Collège des élus"),
        )
        document.write_edition(after, replace=True, changes=changes, author="Zoé Historique")
        entries = document.history()

    assert len(entries) == len(changes) == 2
    assert len({e.change_set for e in entries}) == 1
    # Newest first: the last change of the write comes first.
    for entry, change in zip(entries, reversed(changes), strict=True):
        assert (entry.path, entry.section, entry.record_label, entry.field_label) == (
            change.path,
            change.section,
            change.record_label,
            change.field_label,
        )
        assert (entry.old, entry.new, entry.kind) == (change.old, change.new, change.kind)
        assert (entry.author, entry.origin, entry.year) == ("Zoé Historique", Origin.EDIT, YEAR)
        when = dt.datetime.fromisoformat(entry.at)
        assert when.utcoffset() == dt.timedelta(0)
        assert started - dt.timedelta(seconds=1) <= when <= dt.datetime.now(dt.UTC)


def test_a_write_without_changes_records_nothing(demo):
    with open_document(demo) as document:
        after, _ = edited(document, ("organisation.phone", "01 02 03 04 05"))
        document.write_edition(after, replace=True)
        assert document.history() == []


def test_history_survives_closing_and_filters_by_section_person_and_year(demo):
    with open_document(demo) as document:
        after, first = edited(document, ("organisation.name", "AVE"))
        document.write_edition(after, replace=True, changes=first, author="Zoé")
        after, second = edited(document, ("communication.job_offers", 12), ("training.note", "Note"))
        document.write_edition(after, replace=True, changes=second, author="Dominique")
        previous = document.read_edition(YEAR - 1)
        older = edit.with_value(previous, "communication.job_offers", 7)
        third = diff_editions(previous, older)
        document.write_edition(older, replace=True, changes=third, author="Zoé")

    with open_document(demo, read_only=True) as document:
        everything = document.history()
        assert [e.path for e in everything] == [c.path for c in reversed(first + second + third)]
        assert [e.year for e in everything] == [YEAR - 1, YEAR, YEAR, YEAR]
        assert [e.path for e in document.history(SectionKind.COMMUNICATION)] == [
            "communication.job_offers"
        ] * 2
        assert [e.path for e in document.history(GENERAL)] == ["organisation.name"]
        assert [e.author for e in document.history(author="Zoé")] == ["Zoé"] * 2
        assert [e.path for e in document.history(SectionKind.COMMUNICATION, "Dominique")] == [
            "communication.job_offers"
        ]
        assert [e.year for e in document.history(year=YEAR - 1)] == [YEAR - 1]
        assert document.history(limit=2, offset=1) == everything[1:3]
        assert document.history_authors() == ["Dominique", "Zoé"]


def test_people_are_listed_alphabetically_whatever_their_accents(demo):
    with open_document(demo) as document:
        for name in ("Zoé", "Élodie", "dominique"):
            after, changes = edited(document, ("organisation.phone", name))
            document.write_edition(after, replace=True, changes=changes, author=name)
        assert document.history_authors() == ["dominique", "Élodie", "Zoé"]


def test_a_refused_write_records_nothing(demo):
    with open_document(demo) as document:
        after, changes = edited(document, ("organisation.name", "AVE"))
        after = edit.replace_at(after, "governance.board[1].id", after.governance.board[0].id)
        with pytest.raises(DocumentError, match="deux fois"):
            document.write_edition(after, replace=True, changes=changes, author="Zoé")
        assert document.history() == []
        assert document.read_edition(YEAR).organisation.name != "AVE"


def test_a_history_that_cannot_be_written_cancels_the_change(demo):
    with open_document(demo) as document:
        after, _ = edited(document, ("organisation.name", "AVE"))
        # A value the history cannot store as JSON.
        unstorable = Change("organisation.name", None, "Organisation", "Nom", "x", {1, 2}, "changed")
        with pytest.raises(TypeError):
            document.write_edition(after, replace=True, changes=[unstorable], author="Zoé")
        assert document.history() == []
        assert document.read_edition(YEAR).organisation.name != "AVE"


def test_undo_and_deletions_are_recorded_as_such(demo):
    with open_document(demo) as document:
        before = document.read_edition(YEAR)
        after, changes = edited(document, ("membership.declared_total", 999))
        document.write_edition(after, replace=True, changes=changes, author="Zoé")
        document.write_edition(
            before, replace=True, changes=diff_editions(after, before), author="Zoé", origin=Origin.UNDO
        )
        document.delete_edition(YEAR - 1, changes=[edition_removed(YEAR - 1)], author="Zoé")
        entries = document.history()
    assert [(e.origin, e.kind, e.old, e.new) for e in entries] == [
        (Origin.EDIT, "removed", YEAR - 1, None),
        (Origin.UNDO, "changed", 999, before.membership.declared_total),
        (Origin.EDIT, "changed", before.membership.declared_total, 999),
    ]
    assert entries[0].record_label == f"Rapport d'activité {YEAR - 1}"


def test_a_read_only_document_shows_its_history_and_refuses_changes(demo):
    with open_document(demo) as document:
        after, changes = edited(document, ("organisation.name", "AVE"))
        document.write_edition(after, replace=True, changes=changes, author="Zoé")
    with open_document(demo, read_only=True) as document:
        assert [e.new for e in document.history()] == ["AVE"]
        with pytest.raises(DocumentError, match="lecture seule"):
            document.write_edition(after, replace=True, changes=changes, author="Zoé")


def test_history_is_not_part_of_the_interchange_format(demo, tmp_path):
    with open_document(demo) as document:
        after, changes = edited(document, ("organisation.name", "AVE"))
        document.write_edition(after, replace=True, changes=changes, author="Zoé")
        editions = [document.read_edition(year) for year in document.years()]
    output = tmp_path / "export.json"
    dump_command(demo, None, True, output)
    text = output.read_text(encoding="utf-8")
    assert text == dump_editions(editions)
    assert "Zoé" not in text and "history" not in json.loads(text)


def test_entries_written_by_another_program_are_read_as_they_are(demo):
    with open_document(demo) as document:
        after, changes = edited(document, ("organisation.name", "AVE"))
        document.write_edition(after, replace=True, changes=changes, author="Zoé")
    conn = sqlite3.connect(demo)
    deep = "[" * 100_000 + "]" * 100_000
    conn.execute("UPDATE history SET section = 'inconnue', old_value = 'pas du JSON', new_value = ?", (deep,))
    conn.commit()
    conn.close()
    with open_document(demo, read_only=True) as document:
        (entry,) = document.history()
    assert (entry.section, entry.old, entry.new) == (None, "pas du JSON", deep)


def test_a_format_2_document_gets_an_empty_history_and_keeps_its_editions(tmp_path):
    path = tmp_path / "format2.db"
    shutil.copyfile(Path(__file__).parent / "fixtures" / "store_v1.db", path)
    conn = connect(path, "rw")
    configure(conn)
    upgrade(conn, target=2)
    conn.close()
    assert "history" not in {
        name for (name,) in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")
    }
    with open_document(path, read_only=True) as document:
        before = [document.read_edition(year) for year in document.years()]

    with open_document(path) as document:
        assert document.history() == []
        editions = [document.read_edition(year) for year in document.years()]
        assert [e.year for e in editions] == [2020, 2021]
        assert dump_editions(editions) == dump_editions(before)
        after, changes = edited(document, ("organisation.name", "AVE"))
        document.write_edition(after, replace=True, changes=changes, author="Zoé")
    with open_document(path) as document:
        assert [e.new for e in document.history()] == ["AVE"]
