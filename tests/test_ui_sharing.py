"""Fichier › copies, envoi, restauration et import, driven on real files with
the dialogs patched as pytest-qt's documentation shows."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from avereport.model.merge import compare_documents
from avereport.store import open_document
from avereport.store.backups import Reason, list_backups
from avereport.store.copies import safe_copy, sending_copy_name
from avereport.store.history import Origin
from avereport.ui.backups_dialog import BackupsDialog, editions_text
from avereport.ui.merge_dialog import MergeDialog
from avereport.ui.sharing_actions import SharingMenu


@pytest.fixture
def sharing(window) -> SharingMenu:
    return SharingMenu(window)


def editions_of(path: Path):
    with open_document(path, read_only=True) as document:
        return [document.read_edition(year) for year in document.years()]


def history_of(path: Path):
    with open_document(path, read_only=True) as document:
        return document.history()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Messages:
    """Records the message boxes shown, answering questions with ``answer``."""

    def __init__(self, monkeypatch, answer=QMessageBox.StandardButton.No) -> None:
        self.shown: list[tuple[str, str, str]] = []
        for kind in ("critical", "information", "warning"):
            monkeypatch.setattr(QMessageBox, kind, self._recorder(kind))
        monkeypatch.setattr(QMessageBox, "question", self._question)
        self.answer = answer

    def _recorder(self, kind):
        def show(_parent, title, text, *args, **kwargs):
            self.shown.append((kind, title, text))
            return QMessageBox.StandardButton.Ok

        return show

    def _question(self, _parent, title, text, *args, **kwargs):
        self.shown.append(("question", title, text))
        return self.answer

    def kinds(self) -> list[str]:
        return [kind for kind, _title, _text in self.shown]


def test_save_a_copy_writes_a_valid_document(window, sharing, demo_db, tmp_path, monkeypatch):
    target = tmp_path / "ailleurs" / "copie.db"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    messages = Messages(monkeypatch)
    sharing.save_copy()
    assert messages.shown == []
    assert editions_of(target) == editions_of(demo_db)
    assert str(target) in window.statusBar().currentMessage()


def test_a_failed_copy_gets_a_french_dialog(window, sharing, demo_db, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(demo_db), ""))
    before = digest(demo_db)
    messages = Messages(monkeypatch)
    sharing.save_copy()
    assert messages.kinds() == ["critical"]
    assert "copie" in messages.shown[0][2].lower()
    assert digest(demo_db) == before


def test_send_to_a_colleague_prepares_a_named_copy(window, sharing, demo_db, tmp_path, monkeypatch):
    folder = tmp_path / "envoi"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(folder))
    messages = Messages(monkeypatch, answer=QMessageBox.StandardButton.No)
    sharing.send_copy()
    sent = folder / sending_copy_name(demo_db, dt.date.today())
    assert editions_of(sent) == editions_of(demo_db)
    assert messages.kinds() == ["question"]
    assert "Ouvrir le dossier" in messages.shown[0][2]


def test_restore_brings_back_the_earlier_content(window, sharing, demo_db, monkeypatch):
    original = editions_of(demo_db)
    declared = window.session.edition.membership.declared_total
    window.session.set_value("membership.declared_total", declared + 10, "Nombre d'adhérents")
    assert editions_of(demo_db) != original

    shown: list[BackupsDialog] = []

    def choose_the_opening_backup(dialog: BackupsDialog) -> int:
        shown.append(dialog)
        dialog.choose([b.reason for b in dialog.backups].index(Reason.OPENING))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(BackupsDialog, "exec", choose_the_opening_backup)
    messages = Messages(monkeypatch, answer=QMessageBox.StandardButton.Yes)
    sharing.restore_backup()

    assert messages.kinds() == ["question"]
    years = [edition.year for edition in original]
    assert shown[0].tree.topLevelItem(0).text(2) == editions_text(shown[0].backups[0])
    assert editions_text(shown[0].backups[0]) == f"{years[0]} et {years[1]}"
    assert editions_of(demo_db) == original
    assert window.session.edition.membership.declared_total == declared
    assert window.opened is not None and not window.session.read_only
    assert Reason.RESTORE in [b.reason for b in list_backups(demo_db)]
    restored = [e for e in history_of(demo_db) if e.origin == Origin.RESTORE]
    assert [(e.path, e.old, e.new) for e in restored] == [
        ("membership.declared_total", declared + 10, declared)
    ]


def colleague_copy(demo_db: Path, tmp_path: Path) -> tuple[Path, int]:
    """A colleague's copy with another declared total in the newest edition
    and the next year's edition started."""
    colleague = safe_copy(demo_db, tmp_path / "collègue.db")
    with open_document(colleague) as document:
        newest = document.years()[-1]
        edition = document.read_edition(newest)
        total = edition.membership.declared_total + 7
        edition = dataclasses.replace(
            edition, membership=dataclasses.replace(edition.membership, declared_total=total)
        )
        document.write_edition(edition, replace=True)
        document.create_next_edition(newest)
    return colleague, total


def test_merge_takes_the_chosen_difference_only(window, sharing, demo_db, tmp_path, monkeypatch):
    colleague, their_total = colleague_copy(demo_db, tmp_path)
    my_years = [e.year for e in editions_of(demo_db)]
    newest = my_years[-1]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(colleague), ""))
    seen: list[MergeDialog] = []

    def take_their_total(dialog: MergeDialog) -> int:
        seen.append(dialog)
        total = next(d for d in dialog.differences if d.change.path == "membership.declared_total")
        dialog.set_choice(total.id, "theirs")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(MergeDialog, "exec", take_their_total)
    messages = Messages(monkeypatch)
    old_stack = window.session.undo_stack
    sharing.import_document()

    assert messages.shown == []
    kinds = {(d.year, d.presence) for d in seen[0].differences}
    assert (newest + 1, "theirs") in kinds and (newest, "both") in kinds
    merged = editions_of(demo_db)
    assert [e.year for e in merged] == my_years
    assert merged[-1].membership.declared_total == their_total
    assert Reason.MERGE in [b.reason for b in list_backups(demo_db)]
    merges = [e for e in history_of(demo_db) if e.origin == Origin.MERGE]
    assert [(e.year, e.path, e.new) for e in merges] == [(newest, "membership.declared_total", their_total)]
    assert merges[0].author == window.user_name()
    assert window.session.undo_stack is not old_stack and window.session.undo_stack.count() == 0
    assert window.session.edition.membership.declared_total == their_total


def test_take_everything_from_the_colleague(window, sharing, demo_db, tmp_path, monkeypatch):
    colleague, _total = colleague_copy(demo_db, tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(colleague), ""))

    def take_all(dialog: MergeDialog) -> int:
        dialog.choose_all("theirs")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(MergeDialog, "exec", take_all)
    Messages(monkeypatch)
    sharing.import_document()
    # Writing several editions renumbers board and staff ids: same content, other row keys.
    assert compare_documents(editions_of(demo_db), editions_of(colleague)) == []


def test_merging_an_identical_copy_says_so(window, sharing, demo_db, tmp_path, monkeypatch):
    same = safe_copy(demo_db, tmp_path / "identique.db")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(same), ""))
    before = digest(demo_db)
    messages = Messages(monkeypatch)
    sharing.import_document()
    assert messages.kinds() == ["information"]
    assert "ne diffère en rien" in messages.shown[0][2]
    assert digest(demo_db) == before


def test_importing_a_bad_file_changes_nothing(window, sharing, demo_db, tmp_path, monkeypatch):
    bad = tmp_path / "abîmé.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 3000)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(bad), ""))
    before, bad_before = digest(demo_db), digest(bad)
    messages = Messages(monkeypatch)
    sharing.import_document()
    assert messages.kinds() == ["critical"]
    assert "abîmé.db" in messages.shown[0][2]
    assert digest(demo_db) == before and digest(bad) == bad_before
    assert Reason.MERGE not in [b.reason for b in list_backups(demo_db)]


def test_restore_and_import_are_disabled_read_only(window, sharing, demo_db):
    sharing.update_actions()
    assert sharing.import_action.isEnabled() and sharing.restore_action.isEnabled()
    window.close_document()
    sharing.update_actions()
    assert not any(
        a.isEnabled()
        for a in (sharing.copy_action, sharing.send_action, sharing.import_action, sharing.restore_action)
    )


def test_every_action_has_a_french_tooltip(sharing):
    for action in (sharing.copy_action, sharing.send_action, sharing.import_action, sharing.restore_action):
        assert action.toolTip() and action.statusTip() and action.text().endswith("…")
