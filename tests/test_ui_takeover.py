"""Two windows on one real document: the one that takes over reads the file
fresh, the one taken over notices at once, turns read-only on what the file
holds and keeps a refused change for a copy. And the name the user gives is
the one the lock and the history show, for the document already open too."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from avereport.demo import write_demo
from avereport.store import open_document
from avereport.store.lock import lock_path, read_lock
from avereport.ui.app import ask_display_name_once
from avereport.ui.main_window import USER_NAME_KEY, MainWindow

TOTAL = "membership.declared_total"
COPY_BUTTON = "Enregistrer mes modifications dans une copie…"


@pytest.fixture
def demo_db(tmp_path) -> Path:
    path = tmp_path / "rapport.db"
    write_demo(path)
    return path


def open_window(qtbot, path: Path, name: str) -> MainWindow:
    QSettings().setValue(USER_NAME_KEY, name)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(path)
    return window


def total_in(path: Path, year: int) -> int:
    with open_document(path, read_only=True) as document:
        return document.read_edition(year).membership.declared_total


def total_history(path: Path) -> list[tuple[object, object, str]]:
    with open_document(path, read_only=True) as document:
        entries = [e for e in document.history() if e.path == TOTAL]
    return [(e.old, e.new, e.author) for e in reversed(entries)]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def take_over_in(qtbot, window: MainWindow, monkeypatch) -> None:
    """Click « Prendre la main… » in the banner and confirm."""
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    (banner,) = window.banners
    qtbot.mouseClick(banner.buttons["Prendre la main…"], Qt.MouseButton.LeftButton)
    assert not window.session.read_only


def test_the_window_taken_over_turns_read_only_without_waiting_for_an_edit(qtbot, demo_db, monkeypatch):
    marie = open_window(qtbot, demo_db, "Marie Dupont")
    paul = open_window(qtbot, demo_db, "Paul Martin")
    assert paul.session.read_only and "Marie Dupont" in paul.banners[0].label.text()
    take_over_in(qtbot, paul, monkeypatch)
    qtbot.waitUntil(lambda: marie.session.read_only, timeout=5000)
    taken = read_lock(demo_db)
    (banner,) = marie.banners
    assert banner.label.text().startswith(f"{taken.holder} a pris la main {taken.when_text}.")
    assert "Paul Martin" in banner.label.text() and taken.when_text.startswith("à ")
    assert list(banner.buttons) == ["Prendre la main…"]
    assert marie.save_label.text() == "Lecture seule"
    assert not marie.new_edition_action.isEnabled()
    assert marie.opened.lock is None and read_lock(demo_db) == taken


def test_a_change_refused_after_a_take_over_is_kept_for_a_copy(qtbot, demo_db, tmp_path, monkeypatch):
    marie = open_window(qtbot, demo_db, "Marie Dupont")
    year = marie.session.year
    start = marie.session.edition.membership.declared_total
    marie.session.set_value(TOTAL, start + 1, "Nombre d'adhérents")
    assert marie.save_label.text().startswith("Enregistré")
    paul = open_window(qtbot, demo_db, "Paul Martin")
    # Paul's window opened read-only before Marie's next change...
    marie.session.set_value(TOTAL, start + 2, "Nombre d'adhérents")
    assert paul.session.edition.membership.declared_total == start + 1
    take_over_in(qtbot, paul, monkeypatch)
    # ...and reads the file afresh on taking over: her acknowledged change is there.
    assert paul.session.edition.membership.declared_total == start + 2
    before = digest(demo_db)

    # Marie types before her window has noticed: refused, not lost.
    marie.session.set_value(TOTAL, start + 50, "Nombre d'adhérents")
    assert digest(demo_db) == before
    qtbot.waitUntil(lambda: marie.session.read_only, timeout=5000)
    assert marie.session.year == year
    assert marie.session.edition.membership.declared_total == start + 2
    (banner,) = marie.banners
    assert "Paul Martin" in banner.label.text() and "n'a pas pu y être enregistrée" in banner.label.text()

    copy = tmp_path / "mes modifications.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(copy), ""))
    QSettings().setValue(USER_NAME_KEY, "Marie Dupont")  # one name per computer, as in real use
    qtbot.mouseClick(banner.buttons[COPY_BUTTON], Qt.MouseButton.LeftButton)
    assert total_in(copy, year) == start + 50
    assert total_history(copy)[-1] == (start + 2, start + 50, "Marie Dupont")
    assert COPY_BUTTON not in banner.buttons and marie.refused == {}
    assert digest(demo_db) == before

    paul.session.set_value(TOTAL, start + 3, "Nombre d'adhérents")
    assert total_history(demo_db) == [
        (start, start + 1, "Marie Dupont"),
        (start + 1, start + 2, "Marie Dupont"),
        (start + 2, start + 3, "Paul Martin"),
    ]
    assert total_in(demo_db, year) == start + 3


def test_the_name_given_at_first_launch_signs_the_open_document(qtbot, demo_db):
    window = open_window(qtbot, demo_db, "")
    QSettings().remove(USER_NAME_KEY)
    ask_display_name_once(window)
    dialog = window.findChild(QInputDialog)
    dialog.setTextValue("  Marie   Dupont ")
    dialog.accept()
    assert read_lock(demo_db).display_name == "Marie Dupont"
    assert window.opened.lock.still_held()
    start = window.session.edition.membership.declared_total
    window.session.set_value(TOTAL, start + 1, "Nombre d'adhérents")
    assert total_history(demo_db)[-1][2] == "Marie Dupont"


def test_my_name_can_be_changed_later_from_the_file_menu(qtbot, demo_db, monkeypatch):
    window = open_window(qtbot, demo_db, "Marie Dupont")
    since = read_lock(demo_db).since
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Marie Dupont-Leroy", True))
    window.name_action.trigger()
    lock = read_lock(demo_db)
    assert (lock.display_name, lock.since) == ("Marie Dupont-Leroy", since)
    assert window.user_label.text() == "Utilisateur : Marie Dupont-Leroy"
    assert [p.name for p in demo_db.parent.glob(".~lock.*")] == [lock_path(demo_db).name]
    start = window.session.edition.membership.declared_total
    window.session.set_value(TOTAL, start + 1, "Nombre d'adhérents")
    assert total_history(demo_db)[-1][2] == "Marie Dupont-Leroy"
    assert not window.session.read_only and window.opened.lock.still_held()
    assert window.name_action.text() in [a.text() for a in window.menuBar().actions()[0].menu().actions()]
