"""A real document file under random edits, undos, merges with a
colleague's copy and writers killed mid-way, checked against the editions
the app would hold in memory.

After every step: the file holds exactly the model's editions, the history
has exactly one entry per recorded change, and SQLite's integrity check
passes. A killed writer (SIGKILL at a random moment while it commits numbered
edits) loses no acknowledged edit and leaves none half-applied.
"""

from __future__ import annotations

import copy
import itertools
import os
import shutil
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from random_edits import content, random_edit, with_other_ids

from avereport.demo import write_demo
from avereport.model import edit
from avereport.model.diff import Change, diff_editions
from avereport.model.edition import Edition
from avereport.model.merge import apply_choices, changes_by_year, compare_documents
from avereport.store import open_document
from avereport.store.history import Origin

AUTHOR = "Claude Test"
COLLEAGUE = "Collègue"

# The killed writer is a fork()ed child, SIGKILLed: neither exists on Windows.
pytestmark = pytest.mark.posix


class DocumentMachine(RuleBasedStateMachine):
    def __init__(self, template: Path, folder: Path) -> None:
        super().__init__()
        self.path = folder / "rapport.db"
        shutil.copyfile(template, self.path)
        self.document = open_document(self.path)
        self.model = self._stored()
        # Editions written before each edit still on the undo stack.
        self.undo_stack: list[Edition] = []
        self.recorded = 0

    def teardown(self) -> None:
        self.document.close()

    def _stored(self) -> dict[int, Edition]:
        return {year: self.document.read_edition(year) for year in self.document.years()}

    def _write(self, edition: Edition, origin: Origin) -> None:
        changes = diff_editions(self.model[edition.year], edition)
        self.document.change_edition(
            self.model[edition.year], edition, changes=changes, author=AUTHOR, origin=origin
        )
        self.model[edition.year] = edition
        self.recorded += len(changes)

    @precondition(lambda self: self.model)
    @rule(data=st.data())
    def edit(self, data: st.DataObject) -> None:
        before = self.model[data.draw(st.sampled_from(sorted(self.model)))]
        self._write(random_edit(data, before), Origin.EDIT)
        self.undo_stack.append(before)

    @precondition(lambda self: self.undo_stack)
    @rule()
    def undo(self) -> None:
        self._write(self.undo_stack.pop(), Origin.UNDO)

    @rule(data=st.data())
    def merge_a_colleagues_copy(self, data: st.DataObject) -> None:
        mine = list(self._stored().values())
        theirs = {e.year: with_other_ids(e, 1000) for e in mine}
        if data.draw(st.booleans()) and theirs:
            latest = copy.deepcopy(theirs[max(theirs)])
            latest = edit.replace_at(latest, "year", latest.year + 1)
            theirs[latest.year] = latest
        if data.draw(st.booleans()) and len(theirs) > 1:
            del theirs[data.draw(st.sampled_from(sorted(theirs)))]
        for _ in range(data.draw(st.integers(0, 3))):
            if theirs:
                year = data.draw(st.sampled_from(sorted(theirs)))
                theirs[year] = random_edit(data, theirs[year])

        differences = compare_documents(mine, list(theirs.values()))
        choices = {d.id: data.draw(st.sampled_from(["mine", "theirs"])) for d in differences}
        merged = apply_choices(mine, list(theirs.values()), choices)
        changes = changes_by_year(mine, merged)
        self.document.replace_editions(merged, changes, COLLEAGUE)
        self.model = {e.year: e for e in merged}
        self.recorded += sum(len(found) for found in changes.values())
        self.undo_stack.clear()

    @precondition(lambda self: self.model)
    @rule(data=st.data(), delay=st.floats(0, 0.2))
    def kill_a_writer_and_reopen(self, data: st.DataObject, delay: float) -> None:
        year = data.draw(st.sampled_from(sorted(self.model)))
        states = [self.model[year]]
        for _ in range(data.draw(st.integers(1, 4))):
            states.append(random_edit(data, states[-1]))
        steps = [diff_editions(a, b) for a, b in itertools.pairwise(states)]
        self.document.close()

        acknowledged, finished = _killed_writer(self.path, states, steps, delay)

        self.document = open_document(self.path)
        stored = self.document.read_edition(year)
        # Every acknowledged edit is there; the one being committed when the
        # writer died may be there too, never half of it.
        candidates = (
            [acknowledged] if finished else range(acknowledged, min(acknowledged + 1, len(steps)) + 1)
        )
        applied = next((n for n in candidates if content([stored]) == content([states[n]])), None)
        assert applied is not None, f"{acknowledged} acknowledged, file matches none of {list(candidates)}"
        # Its user starts again and finishes the edits that were lost (so
        # that what follows does not depend on when the kill came).
        for state, changes in zip(states[applied + 1 :], steps[applied:], strict=True):
            self.document.write_edition(state, replace=True, changes=changes, author=COLLEAGUE)
        self.recorded += sum(len(changes) for changes in steps)
        # The app reopens with what the file holds and an empty undo stack.
        self.model = self._stored()
        self.undo_stack.clear()

    @invariant()
    def the_file_is_the_model(self) -> None:
        stored = self._stored()
        assert content(list(stored.values())) == content(list(self.model.values()))
        assert len(self.document.history()) == self.recorded
        conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        finally:
            conn.close()


def _killed_writer(
    path: Path, states: list[Edition], steps: list[list[Change]], delay: float
) -> tuple[int, bool]:
    """Fork a process that writes ``states`` after the first (the stored
    one) as the app does, one transaction each, and reports each commit,
    SIGKILL it after ``delay`` seconds; returns how many commits it
    reported and whether it finished first."""
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(reading)
        status = 1
        try:
            with open_document(path) as document:
                for (before, after), changes in zip(itertools.pairwise(states), steps, strict=True):
                    document.change_edition(
                        before, after, changes=changes, author=COLLEAGUE, origin=Origin.EDIT
                    )
                    os.write(writing, b".")
            status = 0
        finally:
            os._exit(status)
    os.close(writing)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    with os.fdopen(reading, "rb") as pipe:
        acknowledged = len(pipe.read())
    finished = os.WIFEXITED(status)
    assert not finished or os.WEXITSTATUS(status) == 0, "the writer failed on its own"
    return acknowledged, finished


def test_random_edits_undo_merges_and_kills_keep_the_file_and_its_history(tmp_path):
    template = tmp_path / "modele.db"
    write_demo(template)
    runs = itertools.count()

    def machine() -> DocumentMachine:
        folder = tmp_path / f"run{next(runs)}"
        folder.mkdir()
        return DocumentMachine(template, folder)

    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=30,
            stateful_step_count=15,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        ),
    )
