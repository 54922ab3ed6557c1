"""Differences between two states of an edition: one change per changed
field, records paired by identity, French labels, plain values."""

from __future__ import annotations

import dataclasses
import hashlib
import typing

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from random_edits import bare, is_record, leaves, values_of

from avereport.demo import demo_editions
from avereport.model import edit
from avereport.model.checks.outline import DATA_FIELDS
from avereport.model.codec import to_plain
from avereport.model.diff import (
    COLLECTIONS,
    RECORD_NAMES,
    REVIEW_VALUES,
    SEPARATOR,
    Change,
    diff_editions,
    edition_added,
    edition_removed,
    field_label,
)
from avereport.model.edition import (
    BoardMember,
    Edition,
    GovernanceEvent,
    ReviewState,
    SectionKind,
    StaffMember,
)

DEMO = demo_editions()[-1]


def model_classes(cls: type = Edition, seen: set[type] | None = None) -> set[type]:
    seen = set() if seen is None else seen
    seen.add(cls)
    for tp in typing.get_type_hints(cls).values():
        tp = bare(tp)
        if typing.get_origin(tp) is tuple:
            tp = typing.get_args(tp)[0]
        if is_record(tp) and tp not in seen:
            model_classes(tp, seen)
    return seen


def expected_section(path: str) -> SectionKind | None:
    """The section the checks send the user to for data under ``path``:
    the longest data path of ``DATA_FIELDS`` that ``path`` starts with."""
    best, length = None, -1
    for kind, prefix in DATA_FIELDS.items():
        if (path == prefix or path.startswith((prefix + ".", prefix + "["))) and len(prefix) > length:
            best, length = kind, len(prefix)
    return best


def board_name(member: BoardMember) -> str:
    return f"{member.surname.upper()} {member.first_name}"


def test_identical_editions_have_no_change():
    assert diff_editions(DEMO, demo_editions()[-1]) == []


def test_every_field_and_list_of_the_model_has_a_french_name():
    for cls in model_classes():
        for f in dataclasses.fields(cls):
            tp = bare(typing.get_type_hints(cls)[f.name])
            if typing.get_origin(tp) is tuple:
                label, noun = COLLECTIONS[(cls, f.name)]
                assert label and noun
                item = typing.get_args(tp)[0]
                assert item is str or item in RECORD_NAMES, item
            elif not is_record(tp) and not (f.name == "id" and cls in (BoardMember, StaffMember)):
                assert field_label(cls, f.name).strip(), (cls, f.name)


LEAVES = leaves(DEMO)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_one_changed_field_is_one_change_at_its_path(data):
    path, owner, name, tp = data.draw(st.sampled_from([leaf for leaf in LEAVES if leaf[2] != "key"]))
    old = edit.get_at(DEMO, path)
    value = data.draw(values_of(tp, owner, name))
    assume(value != old)
    changed = edit.with_value(DEMO, path, value)
    # A record of a list without identity that becomes equal to a sibling
    # may be paired with that sibling instead.
    record_path, _, _ = path.rpartition(".")
    if record_path.endswith("]"):
        siblings = edit.get_at(changed, record_path.rpartition("[")[0])
        record = edit.get_at(changed, record_path)
        assume(sum(repr(s) == repr(record) for s in siblings) == 1)

    (change,) = diff_editions(DEMO, changed)
    new = edit.get_at(changed, path)
    assert change.path == path
    assert change.kind == "changed"
    assert change.field_label == field_label(owner, name)
    if tp is bytes:
        assert change.new == {"octets": len(new), "sha256": hashlib.sha256(new).hexdigest()}
    elif tp is ReviewState:
        assert (change.old, change.new) == (REVIEW_VALUES[old], REVIEW_VALUES[new])
    else:
        assert (change.old, change.new) == (to_plain(old), to_plain(new))
    if (section := expected_section(path)) is not None:
        assert change.section is section
    if path.startswith("organisation."):
        assert change.section is None


def test_the_record_label_names_the_list_and_the_person():
    index = next(i for i, m in enumerate(DEMO.governance.board) if m.surname.upper() == "DAVID")
    member = DEMO.governance.board[index]
    changed = edit.with_value(DEMO, f"governance.board[{index}].college", member.college + " (élu)")
    (change,) = diff_editions(DEMO, changed)
    assert change.record_label == f"Conseil d'administration{SEPARATOR}{board_name(member)}"
    assert change.record_label == "Conseil d'administration › DAVID Yohan"
    assert (change.field_label, change.section) == ("Collège", SectionKind.BOARD)


def test_a_reorder_is_one_change_of_the_order():
    board = DEMO.governance.board
    moved = edit.move_item(DEMO, "governance.board", 0, len(board) - 1)
    (change,) = diff_editions(DEMO, moved)
    assert (change.path, change.field_label, change.kind) == ("governance.board", "Ordre", "changed")
    assert change.old == [board_name(m) for m in board]
    assert change.new == [board_name(m) for m in board[1:] + board[:1]]


def test_a_renamed_member_is_the_same_record_changed():
    changed = edit.with_value(DEMO, "governance.board[0].surname", "Nouveau-Nom")
    (change,) = diff_editions(DEMO, changed)
    assert (change.kind, change.old, change.new) == (
        "changed",
        DEMO.governance.board[0].surname,
        "Nouveau-Nom",
    )
    assert change.record_label.endswith(f"NOUVEAU-NOM {DEMO.governance.board[0].first_name}")


def test_an_added_and_a_removed_record_are_one_change_each():
    newcomer = BoardMember(id=999, surname="Nouvelle", first_name="Anne", functions=("Maire",))
    added = edit.insert_item(DEMO, "governance.board", 3, newcomer)
    (change,) = diff_editions(DEMO, added)
    assert (change.kind, change.path, change.old) == ("added", "governance.board[3]", None)
    assert change.field_label == "Administrateur"
    plain = to_plain(newcomer)
    del plain["id"]
    assert change.new == plain

    removed = edit.remove_item(DEMO, "governance.staff", 2)
    (change,) = diff_editions(DEMO, removed)
    gone = DEMO.governance.staff[2]
    assert (change.kind, change.path, change.new) == ("removed", "governance.staff[2]", None)
    assert change.record_label == f"Équipe{SEPARATOR}{gone.name}"
    assert change.old["name"] == gone.name and "id" not in change.old


def test_a_record_inserted_first_in_a_list_without_keys_changes_nothing_else():
    event = GovernanceEvent(person="Quelqu'un", description="Un événement ajouté en tête")
    changed = edit.insert_item(DEMO, "governance.events", 0, event)
    (change,) = diff_editions(DEMO, changed)
    assert (change.kind, change.path, change.section) == (
        "added",
        "governance.events[0]",
        SectionKind.GOVERNANCE_EVENTS,
    )


def test_texts_of_a_list_are_compared_one_by_one():
    items = DEMO.lists[0].items
    changed = edit.remove_item(DEMO, "lists[0].items", 1)
    changed = edit.with_value(changed, "lists[0].items[2]", "Texte revu")
    changes = diff_editions(DEMO, changed)
    assert [(c.kind, c.old, c.new) for c in changes] == [
        ("removed", items[1], None),
        ("changed", items[3], "Texte revu"),
    ]
    assert {c.record_label for c in changes} == {f"Listes{SEPARATOR}{DEMO.lists[0].title}"}
    assert {c.section for c in changes} == {SectionKind.LIST}


def test_references_are_shown_as_the_names_they_point_at():
    board = {m.id: m for m in DEMO.governance.board}
    role = DEMO.governance.bureau[0]
    other = next(m for m in DEMO.governance.board if m.id != role.member_id)
    changed = edit.with_value(DEMO, "governance.bureau[0].member_id", other.id)
    (change,) = diff_editions(DEMO, changed)
    assert (change.field_label, change.old, change.new) == (
        "Administrateur",
        board_name(board[role.member_id]),
        board_name(other),
    )
    assert change.section is SectionKind.BUREAU


def test_a_changed_key_is_a_record_removed_and_another_added():
    changed = edit.with_value(DEMO, "outline[0].key", "autre_cle")
    assert [c.kind for c in diff_editions(DEMO, changed)] == ["removed", "added"]


def test_an_outline_section_belongs_to_its_own_kind():
    for index, section in enumerate(DEMO.outline):
        changed = edit.with_value(DEMO, f"outline[{index}].body", section.body + " Ajout.")
        (change,) = diff_editions(DEMO, changed)
        assert change.section is section.kind
        assert change.record_label == f"Plan du rapport{SEPARATOR}{section.heading}"


def test_whole_editions():
    assert edition_added(2022) == Change("", None, "Rapport d'activité 2022", "Édition", None, 2022, "added")
    assert edition_removed(2020).old == 2020 and edition_removed(2020).kind == "removed"


@pytest.mark.parametrize("path", ["membership.groups", "training.sessions", "communication.webinars"])
def test_every_change_of_a_rebuilt_list_is_reported_against_the_right_records(path):
    """Reversing a list without keys: pairs by content, so nothing is said
    changed that was only moved (reported as removed and added)."""
    items = edit.get_at(DEMO, path)
    changed = DEMO
    for target in range(len(items)):
        changed = edit.move_item(changed, path, len(items) - 1, target)
    changes = diff_editions(DEMO, changed)
    assert all(c.path.startswith(path) for c in changes)
    assert all(c.kind != "changed" or c.field_label == "Ordre" for c in changes)
