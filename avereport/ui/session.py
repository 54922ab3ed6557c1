"""The open document as the app edits it: one edition shown, every change
written to the file at once and kept on one undo stack."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from avereport.errors import UserError
from avereport.model import edit, paths
from avereport.model.diff import Change, diff_editions, edition_added, edition_removed
from avereport.model.edition import Edition
from avereport.model.update import EditionUpdate
from avereport.store import Document
from avereport.store.history import Origin
from avereport.store.lock import LockLostError


class DocumentSession(QObject):
    edition_updated = Signal(object)
    """The shown edition changed (an edit, an undo, another year); carries an
    ``EditionUpdate`` saying what changed, so each panel refreshes only what
    concerns it."""

    years_changed = Signal(list)
    """Editions were added or removed; carries the years, ascending."""

    write_failed = Signal(str)
    """A change could not be written; carries the French message. Nothing changed."""

    lock_lost = Signal(object)
    """Someone took the document over: the change was refused, and kept in
    ``refused``. Carries the ``LockLostError``."""

    def __init__(self, document: Document, parent: QObject | None = None, author: str = "") -> None:
        super().__init__(parent)
        self.document = document
        self.author = author
        self.undo_stack = QUndoStack(self)
        # Editions whose writing was refused because the document was taken
        # over, by year, as the user made them: nothing typed is dropped.
        self.refused: dict[int, Edition] = {}
        # Editions as the file holds them, read once: while the document is
        # open for writing, only this session changes them (unless someone
        # takes it over).
        self._stored: dict[int, Edition] = {}
        years = document.years()
        self.edition: Edition | None = self._read(years[-1]) if years else None

    @property
    def read_only(self) -> bool:
        return self.document.read_only

    @property
    def shown(self) -> Edition:
        """The shown edition, for what exists only while one is shown (the editors)."""
        assert self.edition is not None, "no edition is shown"
        return self.edition

    @property
    def year(self) -> int | None:
        return self.edition.year if self.edition else None

    def years(self) -> list[int]:
        return self.document.years()

    def previous(self) -> Edition | None:
        """The edition of the year before the shown one, if the document has it."""
        if self.edition is None or self.edition.year - 1 not in self.years():
            return None
        return self._read(self.edition.year - 1)

    def editions(self) -> list[Edition]:
        """Every edition of the document, the shown one as edited, by year."""
        shown = self.edition
        return [shown if shown and year == shown.year else self._read(year) for year in self.years()]

    def show_year(self, year: int) -> None:
        if self.year != year:
            self._show(self._read(year))

    def _read(self, year: int) -> Edition:
        if self.read_only or self.document.written_elsewhere():
            return self.document.read_edition(year)  # as someone else left it
        if year not in self._stored:
            self._stored[year] = self.document.read_edition(year)
        return self._stored[year]

    # --- changing the edition ---------------------------------------------

    def set_value(self, path: edit.Path, value: object, text: str) -> None:
        """Set one field; raises ``edit.EditError`` (French) for a refused value."""
        assert self.edition is not None
        path = edit.field_path(path)
        if paths.get(self.edition, path) == value:
            return
        self.apply(text, edit.with_value(self.edition, path, value), merge_key=str(path))

    def apply(
        self, text: str, new_edition: Edition, merge_key: str | None = None, origin: Origin = Origin.EDIT
    ) -> bool:
        """Write ``new_edition`` in place of the shown one, as one undoable step
        (``origin``: what made it, in the history)."""
        assert self.edition is not None
        before = self.edition
        if not self._write(new_edition, origin):
            return False
        self.undo_stack.push(EditionCommand(self, text, before, new_edition, merge_key))
        return True

    def add_edition(self, text: str, edition: Edition) -> bool:
        """Create a new edition (e.g. next year's) as one undoable step."""
        try:
            self.document.write_edition(
                edition, changes=[edition_added(edition.year)], author=self.author, origin=Origin.NEW_EDITION
            )
        except UserError as error:
            self._failed(error, edition)
            return False
        self._stored.pop(edition.year, None)
        self.undo_stack.push(NewEditionCommand(self, text, edition, self.edition))
        self.years_changed.emit(self.years())
        self._show(edition)
        return True

    # --- used by the undo commands ----------------------------------------

    def _write(self, edition: Edition, origin: Origin = Origin.EDIT) -> bool:
        """Write ``edition`` over the stored one of its year, with its history lines."""
        shown = self.edition
        current = shown if shown and shown.year == edition.year else self._read(edition.year)
        changes = diff_editions(current, edition)
        try:
            self.document.change_edition(current, edition, changes=changes, author=self.author, origin=origin)
        except UserError as error:
            self._failed(error, edition)
            return False
        self._stored.pop(edition.year, None)
        # An undo can write another year than the one shown: it is shown then, all of it.
        self._show(edition, tuple(changes) if current is shown else None)
        return True

    def _remove(self, year: int, then_show: Edition | None) -> bool:
        try:
            self.document.delete_edition(
                year, changes=[edition_removed(year)], author=self.author, origin=Origin.UNDO
            )
        except UserError as error:
            self._failed(error, None)
            return False
        self._stored.pop(year, None)
        self.years_changed.emit(self.years())
        if then_show is not None:
            self._show(then_show)
        return True

    def _restore(self, edition: Edition) -> bool:
        try:
            self.document.write_edition(
                edition, changes=[edition_added(edition.year)], author=self.author, origin=Origin.REDO
            )
        except UserError as error:
            self._failed(error, edition)
            return False
        self._stored.pop(edition.year, None)
        self.years_changed.emit(self.years())
        self._show(edition)
        return True

    def _failed(self, error: UserError, wanted: Edition | None) -> None:
        """Say why a write failed; ``wanted`` is what was to be written (None
        for a removal), kept when the document was taken over."""
        if not isinstance(error, LockLostError):
            self.write_failed.emit(str(error))
            return
        if wanted is not None:
            self.refused[wanted.year] = wanted
        self.lock_lost.emit(error)

    def _show(self, edition: Edition, changes: tuple[Change, ...] | None = None) -> None:
        """Show ``edition``; ``changes`` from the one shown, None if anything may differ."""
        previous, self.edition = self.edition, edition
        self.edition_updated.emit(EditionUpdate(edition, previous, changes))


class EditionCommand(QUndoCommand):
    """One domain edit: the edition before and after, written on undo/redo.

    The first redo is skipped: the session already wrote the change, and only
    pushes the command once the write succeeded.
    """

    MERGE_ID = 1

    def __init__(
        self, session: DocumentSession, text: str, before: Edition, after: Edition, merge_key: str | None
    ) -> None:
        super().__init__(text)
        self.session = session
        self.before = before
        self.after = after
        self.merge_key = merge_key
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        if not self.session._write(self.after, Origin.REDO):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self.session._write(self.before, Origin.UNDO):
            self.setObsolete(True)

    def id(self) -> int:
        return self.MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditionCommand) or other.merge_key != self.merge_key:
            return False
        if other.before.year != self.after.year:
            return False
        self.after = other.after
        return True


class NewEditionCommand(QUndoCommand):
    def __init__(
        self, session: DocumentSession, text: str, edition: Edition, previous: Edition | None
    ) -> None:
        super().__init__(text)
        self.session = session
        self.edition = edition
        self.previous = previous
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        if not self.session._restore(self.edition):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self.session._remove(self.edition.year, self.previous):
            self.setObsolete(True)
