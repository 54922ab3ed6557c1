"""The merge dialog over the differences of two real documents."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton

from avereport.demo import write_demo
from avereport.model import fmt
from avereport.model.edition import SectionKind
from avereport.model.labels import SECTION_KIND_LABELS
from avereport.model.merge import compare_documents
from avereport.store import open_document
from avereport.store.copies import safe_copy
from avereport.ui.history_panel import GENERAL_LABEL
from avereport.ui.merge_dialog import MergeDialog


@pytest.fixture
def documents(tmp_path):
    """My editions and a colleague's: another declared total and phone in
    the newest edition, and the next edition started."""
    mine = tmp_path / "rapport.db"
    write_demo(mine)
    theirs = safe_copy(mine, tmp_path / "collègue.db")
    with open_document(theirs) as document:
        newest = document.years()[-1]
        edition = document.read_edition(newest)
        edition = dataclasses.replace(
            edition,
            membership=dataclasses.replace(
                edition.membership, declared_total=edition.membership.declared_total + 7
            ),
            organisation=dataclasses.replace(edition.organisation, phone="04 00 00 00 00"),
        )
        document.write_edition(edition, replace=True)
        document.create_next_edition(newest)
    editions = []
    for path in (mine, theirs):
        with open_document(path, read_only=True) as document:
            editions.append([document.read_edition(year) for year in document.years()])
    return editions


@pytest.fixture
def dialog(documents, qtbot):
    dialog = MergeDialog(compare_documents(*documents), "collègue.db")
    qtbot.addWidget(dialog)
    return dialog


def tree_rows(dialog: MergeDialog) -> list[tuple[str, str, str, list[str]]]:
    """(edition, section, difference, [mine, theirs]) of every row."""
    found = []
    for i in range(dialog.tree.topLevelItemCount()):
        edition = dialog.tree.topLevelItem(i)
        for j in range(edition.childCount()):
            section = edition.child(j)
            for k in range(section.childCount()):
                row = section.child(k)
                found.append((edition.text(0), section.text(0), row.text(0), [row.text(1), row.text(2)]))
    return found


def test_rows_grouped_by_edition_then_section(documents, dialog):
    mine, theirs = documents
    newest = mine[-1]
    their_newest = next(e for e in theirs if e.year == newest.year)
    rows = tree_rows(dialog)
    assert len(rows) == len(dialog.differences) == 3
    by_field = {row[2]: row for row in rows}
    total = next(row for text, row in by_field.items() if "Total déclaré" in text)
    assert total[0] == f"Édition {newest.year}"
    assert total[1] == SECTION_KIND_LABELS[SectionKind.MEMBERSHIP]
    assert total[3] == [
        fmt.number(newest.membership.declared_total),
        fmt.number(their_newest.membership.declared_total),
    ]
    phone = next(row for text, row in by_field.items() if newest.organisation.phone in row[3])
    assert phone[1] == GENERAL_LABEL and phone[3] == [newest.organisation.phone, "04 00 00 00 00"]
    added = next(row for row in rows if row[0] == f"Édition {newest.year + 1}")
    assert added[2] == f"Édition {newest.year + 1} entière (seulement chez le collègue)"
    assert added[3] == ["absente", "présente"]


def button(dialog: MergeDialog, text: str) -> QPushButton:
    return next(b for b in dialog.findChildren(QPushButton) if b.text() == text)


def test_mine_by_default_and_all_buttons(dialog, qtbot):
    assert set(dialog.choices().values()) == {"mine"}
    qtbot.mouseClick(button(dialog, "Tout prendre du collègue"), Qt.MouseButton.LeftButton)
    assert set(dialog.choices().values()) == {"theirs"}
    qtbot.mouseClick(button(dialog, "Tout garder"), Qt.MouseButton.LeftButton)
    assert set(dialog.choices().values()) == {"mine"}
    qtbot.mouseClick(button(dialog, "Appliquer"), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_one_choice_changes_one_difference(dialog):
    first = dialog.differences[0].id
    dialog.set_choice(first, "theirs")
    assert [key for key, side in dialog.choices().items() if side == "theirs"] == [first]


def test_the_dialog_is_readable(dialog, qtbot):
    """At its opening size, every difference and both versions show whole,
    and every choice box shows its choice whole on its row."""
    dialog.show()
    qtbot.waitExposed(dialog)
    tree = dialog.tree
    metrics = tree.fontMetrics()
    rows = [item for item in _items(tree) if item.childCount() == 0 and tree.itemWidget(item, 3)]
    assert len(rows) == len(dialog.differences)
    for item in rows:
        for column in range(3):
            text = item.text(column)
            cell = tree.visualRect(tree.indexFromItem(item, column))
            assert cell.width() >= metrics.horizontalAdvance(text), text
            assert cell.height() >= metrics.height()
        box = tree.itemWidget(item, 3)
        assert box.isVisible()
        assert box.width() >= box.sizeHint().width(), box.currentText()
        assert box.height() <= tree.visualRect(tree.indexFromItem(item, 3)).height()


def _items(tree):
    """Every item of ``tree``, depth first."""
    pending = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while pending:
        item = pending.pop()
        yield item
        pending.extend(item.child(i) for i in range(item.childCount()))
