"""EditionUpdate: what a change of the shown edition touches, from the real
diff of two states of the demo edition."""

from __future__ import annotations

import pytest

from avereport.demo import demo_editions
from avereport.model import edit
from avereport.model.diff import diff_editions
from avereport.model.edition import BoardMember, SectionKind
from avereport.model.paths import EDITION
from avereport.model.update import EditionUpdate


@pytest.fixture(scope="module")
def edition():
    return demo_editions()[-1]


def update_after(edition, changed) -> EditionUpdate:
    return EditionUpdate(changed, edition, tuple(diff_editions(edition, changed)))


def test_a_field_edit_touches_its_section_and_its_path_only(edition):
    update = update_after(edition, edit.with_value(edition, EDITION.governance.board[3].surname, "Autre"))
    assert not update.everything
    assert update.touches(SectionKind.BOARD)
    assert not update.touches(SectionKind.MEMBERSHIP, SectionKind.BUREAU, None)
    assert update.touches_path(EDITION.governance.board)
    assert update.touches_path("governance")  # what holds the field
    assert update.touches_path(EDITION.governance.board[3].surname)
    assert not update.touches_path(EDITION.governance.board[2])
    assert not update.touches_path(EDITION.governance.bureau, EDITION.membership, EDITION.outline)
    assert update.only_within(EDITION.governance)
    assert not update.only_within(EDITION.outline)


def test_a_name_that_merely_starts_alike_is_not_touched(edition):
    update = update_after(edition, edit.with_value(edition, EDITION.training.note, "Une note."))
    assert update.touches_path(EDITION.training.note)
    assert not update.touches_path("training.no")
    assert not update.touches_path(EDITION.training.sessions)


def test_a_record_added_touches_its_whole_list(edition):
    # Inserted first: every later record moved, so a path into any of them now means another.
    changed = edit.insert_item(edition, EDITION.governance.board, 0, BoardMember(surname="Neuf"))
    update = update_after(edition, changed)
    assert update.touches_path(EDITION.governance.board[7].surname)
    assert not update.touches_path(EDITION.governance.staff)


def test_a_text_of_the_outline_touches_that_section_only(edition):
    index = next(i for i, s in enumerate(edition.outline) if s.kind is SectionKind.NARRATIVE)
    update = update_after(edition, edit.with_value(edition, EDITION.outline[index].body, "Texte."))
    assert update.only_within(EDITION.outline)
    assert update.touches_path(EDITION.outline[index])
    assert not update.touches_path(EDITION.outline[index + 1])
    assert not update.touches_path(EDITION.organisation, EDITION.membership)


def test_without_changes_everything_is_touched(edition):
    update = EditionUpdate(edition, None, None)
    assert update.everything
    assert update.touches(SectionKind.STAFF)
    assert update.touches_path(EDITION.lists[0].items)
    assert not update.only_within(EDITION.outline)
