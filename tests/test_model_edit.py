"""Pure edits of an edition: field paths, outline operations, board renewal, templates."""

from __future__ import annotations

import pytest

from avereport.demo import demo_editions
from avereport.model import edit, outline
from avereport.model.board_renewal import DEPARTURE_TEXT, keep_board_members
from avereport.model.dates import FuzzyDate
from avereport.model.edition import EventKind, SectionKind
from avereport.model.succession import start_next_edition
from avereport.model.templates import blank_edition


@pytest.fixture
def edition():
    return demo_editions()[-1]


def test_paths_read_and_write_without_touching_the_original(edition):
    path = "membership.groups[0].categories[0].count"
    changed = edit.with_value(edition, path, "75")
    assert edit.get_at(changed, path) == 75
    assert edit.get_at(edition, path) == 71


def test_edits_copy_only_the_path_to_the_change(edition):
    """Unchanged parts are shared (views compare them by identity); the
    records on the path are new, so the original edition stays as it was."""
    group = edition.membership.groups[0]
    changed = edit.with_value(edition, "membership.groups[0].categories[0].count", 75)
    assert changed.governance is edition.governance and changed.outline is edition.outline
    assert changed.membership.groups[1:] == edition.membership.groups[1:]
    assert all(
        a is b for a, b in zip(changed.membership.groups[1:], edition.membership.groups[1:], strict=True)
    )
    assert changed.membership.groups[0].categories[1] is group.categories[1]
    assert changed.membership.groups[0] is not group and group.categories[0].count == 71
    added = edit.insert_item(edition, "governance.board", 0, edition.governance.board[0])
    assert added.governance.board[:2] == (edition.governance.board[0],) * 2  # records are immutable: shared
    assert (
        added.governance.board[2:] == edition.governance.board[1:] and added.membership is edition.membership
    )
    assert len(edition.governance.board) == len(added.governance.board) - 1


@pytest.mark.parametrize(
    ("path", "value", "reason"),
    [
        ("membership.groups[0].categories[0].count", -1, "négatif"),
        ("membership.groups[0].categories[0].count", "douze", "entier"),
        ("governance.meetings[0].kind", "pique-nique", "non reconnue"),
        ("year", None, "obligatoire"),
        ("key_figures[0].items[0].value", "nan", "pas possible"),
    ],
)
def test_invalid_values_are_refused_in_french(edition, path, value, reason):
    with pytest.raises(edit.EditError) as error:
        edit.with_value(edition, path, value)
    assert reason in str(error.value)


def test_optional_numbers_may_be_emptied(edition):
    assert (
        edit.get_at(edit.with_value(edition, "membership.declared_total", None), "membership.declared_total")
        is None
    )


def test_malformed_paths_are_refused(edition):
    for path in ("membership..groups", "membership.groups[x]", "", "[0]"):
        with pytest.raises(edit.EditError):
            edit.get_at(edition, path)


def test_list_items_insert_move_remove(edition):
    names = [m.surname for m in edition.governance.board]
    moved = edit.move_item(edition, "governance.board", 0, 2)
    assert [m.surname for m in moved.governance.board][:3] == [names[1], names[2], names[0]]
    removed = edit.remove_item(moved, "governance.board", 2)
    assert names[0] not in [m.surname for m in removed.governance.board]
    assert [m.surname for m in edition.governance.board] == names


def test_adding_a_list_section_creates_its_own_list(edition):
    changed = outline.add_section(edition, 3, SectionKind.LIST, "Partenaires européens")
    section = changed.outline[3]
    assert section.kind is SectionKind.LIST and section.heading == "Partenaires européens"
    assert section.key not in {s.key for s in edition.outline}
    assert any(t.key == section.ref and t.title == "Partenaires européens" for t in changed.lists)
    removed = outline.remove_section(changed, 3)
    assert [t.key for t in removed.lists] == [t.key for t in edition.lists]


def test_fresh_keys_are_ascii_and_unique():
    assert outline.fresh_key("Évolution des adhésions", set()) == "evolution_des_adhesions"
    assert outline.fresh_key("Bureau", {"bureau", "bureau_2"}) == "bureau_3"
    assert outline.fresh_key("«»", set()) == "section"


def test_levels_stay_within_one_below_the_previous_section(edition):
    first_child = next(i for i, s in enumerate(edition.outline) if s.level == 2)
    assert outline.shift_level(edition, first_child, 1).outline[first_child].level == 2
    assert outline.shift_level(edition, 0, 1).outline[0].level == 1
    assert outline.shift_level(edition, first_child, -1).outline[first_child].level == 1


def test_moving_a_section_swaps_it_with_its_neighbour(edition):
    keys = [s.key for s in edition.outline]
    moved = outline.move_section(edition, 1, 1)
    assert [s.key for s in moved.outline][:3] == [keys[0], keys[2], keys[1]]
    assert outline.move_section(edition, 0, -1).outline[0].key == keys[0]


def test_members_leaving_the_board_become_departures(edition):
    following = start_next_edition(edition)
    president_id = next(
        role.member_id for role in edition.governance.bureau if role.role.startswith("Président")
    )
    staying = {m.id for m in following.governance.board if m.id != president_id}
    renewed = keep_board_members(following, staying)
    assert president_id not in {m.id for m in renewed.governance.board}
    assert president_id not in {r.member_id for r in renewed.governance.bureau}
    departure = renewed.governance.events[-1]
    leaving = next(m for m in edition.governance.board if m.id == president_id)
    assert departure.kind is EventKind.DEPARTURE and departure.date == FuzzyDate(following.year)
    assert leaving.surname in departure.person and departure.description == DEPARTURE_TEXT
    assert len(renewed.governance.board) == len(edition.governance.board) - 1


def test_blank_edition_keeps_structure_and_no_people_or_figures(edition):
    blank = blank_edition(2024, edition)
    assert blank.year == 2024
    assert [s.key for s in blank.outline] == [s.key for s in edition.outline]
    assert all(not s.body for s in blank.outline)
    assert not blank.governance.board and not blank.governance.staff and not blank.governance.bureau
    assert all(c.count is None for g in blank.membership.groups for c in g.categories)
    assert blank.organisation == edition.organisation
