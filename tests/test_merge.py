"""Merging a colleague's copy: differences by edition and section, applied
choice by choice, and the merged editions stored in one transaction."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from random_edits import random_edit, with_other_ids

from avereport.demo import demo_editions
from avereport.interchange import dump_editions
from avereport.model import edit
from avereport.model.edition import BoardMember, BureauRole, SectionKind
from avereport.model.merge import apply_choices, changes_by_year, compare_documents
from avereport.store import open_document
from avereport.store.history import Origin

MINE = demo_editions()
# The colleague's file numbers its rows differently.
THEIRS = [with_other_ids(edition, 500) for edition in MINE]


def latest(editions):
    return editions[-1]


def replaced(editions, edition):
    return [edition if e.year == edition.year else e for e in editions]


def test_the_same_editions_from_another_file_do_not_differ():
    assert compare_documents(MINE, THEIRS) == []
    assert dump_editions(apply_choices(MINE, THEIRS, {})) == dump_editions(MINE)


def test_documents_stored_in_another_order_do_not_differ(tmp_path):
    with open_document(tmp_path / "moi.db", create=True) as mine:
        mine.write_editions(MINE)
        my_editions = [mine.read_edition(year) for year in mine.years()]
    with open_document(tmp_path / "collegue.db", create=True) as theirs:
        theirs.write_editions(list(reversed(MINE)))
        their_editions = [theirs.read_edition(year) for year in theirs.years()]
    assert [m.id for m in latest(my_editions).governance.board] != [
        m.id for m in latest(their_editions).governance.board
    ]
    assert compare_documents(my_editions, their_editions) == []


def test_each_side_changed_one_field_and_both_changes_can_be_kept():
    mine = replaced(MINE, edit.with_value(latest(MINE), "organisation.phone", "01 02 03 04 05"))
    theirs = replaced(THEIRS, edit.with_value(latest(THEIRS), "communication.job_offers", 4321))
    differences = compare_documents(mine, theirs)
    assert [(d.year, d.change.path, d.presence) for d in differences] == [
        (2021, "organisation.phone", "both"),
        (2021, "communication.job_offers", "both"),
    ]
    phone, offers = differences
    assert (phone.mine, phone.theirs) == ("01 02 03 04 05", latest(MINE).organisation.phone)
    assert (offers.mine, offers.theirs) == (latest(MINE).communication.job_offers, 4321)
    assert (phone.section, offers.section) == (None, SectionKind.COMMUNICATION)

    merged = latest(apply_choices(mine, theirs, {offers.id: "theirs"}))
    assert merged.organisation.phone == "01 02 03 04 05"
    assert merged.communication.job_offers == 4321
    merged = latest(apply_choices(mine, theirs, {offers.id: "theirs", phone.id: "theirs"}))
    assert merged.organisation.phone == latest(MINE).organisation.phone


def test_differences_come_by_year_then_section():
    older, newer = MINE
    theirs = [
        edit.with_value(with_other_ids(older, 500), "training.note", "Note revue"),
        edit.with_value(
            edit.with_value(with_other_ids(newer, 500), "communication.webinars[0].title", "Titre"),
            "organisation.email",
            "contact@example.org",
        ),
    ]
    differences = compare_documents(MINE, theirs)
    assert [(d.year, d.section) for d in differences] == [
        (older.year, SectionKind.TRAINING),
        (newer.year, None),
        (newer.year, SectionKind.WEBINARS),
    ]
    assert differences == compare_documents(MINE, theirs)
    assert len({d.id for d in differences}) == len(differences)


def test_editions_only_one_side_has():
    older, newer = MINE
    following = copy.deepcopy(newer)
    following = edit.replace_at(following, "year", newer.year + 1)
    theirs = [with_other_ids(newer, 500), following]
    differences = compare_documents(MINE, theirs)
    assert [(d.year, d.presence, d.change.kind) for d in differences] == [
        (older.year, "mine", "removed"),
        (following.year, "theirs", "added"),
    ]
    gone, new = differences
    assert [e.year for e in apply_choices(MINE, theirs, {})] == [older.year, newer.year]
    assert [e.year for e in apply_choices(MINE, theirs, {new.id: "theirs"})] == [
        older.year,
        newer.year,
        following.year,
    ]
    taken = apply_choices(MINE, theirs, {new.id: "theirs", gone.id: "theirs"})
    assert dump_editions(taken) == dump_editions([newer, following])


def test_a_member_they_added_comes_with_the_bureau_role_they_gave_them():
    newcomer = BoardMember(id=900, surname="Nouvelle", first_name="Anne")
    theirs = edit.insert_item(latest(THEIRS), "governance.board", 0, newcomer)
    theirs = edit.insert_item(theirs, "governance.bureau", 0, BureauRole(member_id=900, role="Trésorière"))
    differences = compare_documents(MINE, replaced(THEIRS, theirs))
    member, role = differences
    assert (member.change.kind, member.change.field_label) == ("added", "Administrateur")
    assert role.theirs["member_id"] == "NOUVELLE Anne"

    both = latest(apply_choices(MINE, replaced(THEIRS, theirs), {member.id: "theirs", role.id: "theirs"}))
    assert next(m.surname for m in both.governance.board) == "Nouvelle"
    assert both.governance.bureau[0].member_id == both.governance.board[0].id
    assert len({m.id for m in both.governance.board}) == len(both.governance.board)

    # The role alone would point at nobody: it is left out.
    role_only = latest(apply_choices(MINE, replaced(THEIRS, theirs), {role.id: "theirs"}))
    assert dump_editions([role_only]) == dump_editions([latest(MINE)])


def test_unknown_choices_are_refused():
    with pytest.raises(ValueError, match="unknown differences"):
        apply_choices(MINE, THEIRS, {"2021:changed:organisation.name": "theirs"})
    theirs = replaced(THEIRS, edit.with_value(latest(THEIRS), "organisation.name", "AVE"))
    (difference,) = compare_documents(MINE, theirs)
    with pytest.raises(ValueError, match="unknown sides"):
        apply_choices(MINE, theirs, {difference.id: "les deux"})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_all_theirs_gives_theirs_and_all_mine_gives_mine(data):
    mine, theirs = latest(MINE), latest(THEIRS)
    for _ in range(data.draw(st.integers(1, 4))):
        mine = random_edit(data, mine)
    for _ in range(data.draw(st.integers(1, 4))):
        theirs = random_edit(data, theirs)
    differences = compare_documents([mine], [theirs])
    assert dump_editions(apply_choices([mine], [theirs], {})) == dump_editions([mine])
    every = {d.id: "theirs" for d in differences}
    assert dump_editions(apply_choices([mine], [theirs], every)) == dump_editions([theirs])


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_any_choice_can_be_stored_with_its_history(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fusion") / "rapport.db"
    with open_document(path, create=True) as document:
        document.write_editions(MINE)
        mine = [document.read_edition(year) for year in document.years()]
        theirs = list(THEIRS)
        for _ in range(data.draw(st.integers(1, 5))):
            theirs = replaced(theirs, random_edit(data, latest(theirs)))
        differences = compare_documents(mine, theirs)
        choices = {d.id: data.draw(st.sampled_from(["mine", "theirs"])) for d in differences}
        merged = apply_choices(mine, theirs, choices)
        changes = changes_by_year(mine, merged)

        document.replace_editions(merged, changes, "Camille")
        stored = [document.read_edition(year) for year in document.years()]
        assert dump_editions(stored) == dump_editions(merged)
        history = document.history()
        assert len(history) == sum(len(found) for found in changes.values())
        assert {(e.origin, e.author) for e in history} <= {(Origin.MERGE, "Camille")}
        if all(side == "mine" for side in choices.values()):
            assert changes == {}


def test_a_merge_that_cannot_be_stored_changes_nothing(tmp_path):
    with open_document(tmp_path / "rapport.db", create=True) as document:
        document.write_editions(MINE)
        before = dump_editions([document.read_edition(year) for year in document.years()])
        broken = copy.deepcopy(latest(MINE))
        broken = edit.replace_at(broken, "governance.board[1].id", broken.governance.board[0].id)
        merged = replaced(MINE, broken)
        with pytest.raises(Exception, match="deux fois"):
            document.replace_editions(merged, changes_by_year(MINE, merged), "Camille")
        assert dump_editions([document.read_edition(year) for year in document.years()]) == before
        assert document.history() == []
