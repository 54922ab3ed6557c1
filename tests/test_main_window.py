"""The first window, driven with qtbot over real files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from avereport.demo import demo_editions, write_demo
from avereport.ui.app import DEMO_COPY_NAME, start_file
from avereport.ui.main_window import MainWindow


@pytest.fixture
def demo_db(tmp_path) -> Path:
    path = tmp_path / "rapport.db"
    write_demo(path)
    return path


@pytest.fixture
def window(qtbot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def test_shows_the_editions_and_the_newest_outline(window, demo_db):
    assert window.open_path(demo_db)
    years = [window.year_box.itemText(i) for i in range(window.year_box.count())]
    assert years == ["2020", "2021"]
    assert window.year_box.currentText() == "2021"
    headings = []
    iterator = [window.outline.topLevelItem(i) for i in range(window.outline.topLevelItemCount())]
    while iterator:
        item = iterator.pop(0)
        headings.append(item.text(0))
        iterator[0:0] = [item.child(i) for i in range(item.childCount())]
    expected = [section.heading for section in demo_editions()[-1].outline]
    assert headings == expected
    assert "rapport.db" in window.windowTitle()


def test_selecting_a_section_shows_its_heading_and_content(window, demo_db):
    window.open_path(demo_db)
    edition = demo_editions()[-1]
    board = next(s for s in edition.outline if s.kind.value == "board")
    item = window.outline.findItems(board.heading, _match_recursive())[0]
    window.outline.setCurrentItem(item)
    text = window.view.toPlainText()
    assert board.heading in text
    assert f"{len(edition.governance.board)} membres du conseil d'administration" in text


def test_switching_edition_shows_the_other_outline(window, demo_db, qtbot):
    window.open_path(demo_db)
    with qtbot.waitSignal(window.edition_shown) as shown:
        window.year_box.setCurrentIndex(0)
    assert shown.args == [2020]
    assert window.edition.year == 2020


def test_a_bad_file_gets_a_french_message_and_stays_untouched(window, tmp_path, monkeypatch):
    bad = tmp_path / "abime.db"
    bad.write_bytes(b"\x00pas une base\x00" * 100)
    before = hashlib.sha256(bad.read_bytes()).hexdigest()
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: shown.append((title, text)))
    assert not window.open_path(bad)
    assert len(shown) == 1 and "abime.db" in shown[0][1]
    assert hashlib.sha256(bad.read_bytes()).hexdigest() == before


def test_first_launch_opens_a_copy_of_the_demo_in_the_user_folder(_private_user_folders):
    path = start_file(None)
    assert path == _private_user_folders / DEMO_COPY_NAME
    assert path.exists()
    assert start_file(None) == path


def _match_recursive():
    from PySide6.QtCore import Qt

    return Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive


def test_later_launches_reopen_the_last_file_if_it_still_exists(demo_db, tmp_path):
    assert start_file(None, demo_db) == demo_db
    gone = tmp_path / "supprime.db"
    assert start_file(None, gone).name == DEMO_COPY_NAME


def test_opening_a_file_remembers_it_for_the_next_launch(window, demo_db):
    from PySide6.QtCore import QSettings

    from avereport.ui.main_window import LAST_FILE_KEY

    window.open_path(demo_db)
    assert QSettings().value(LAST_FILE_KEY) == str(demo_db)
