"""What one change of the shown edition changed, for whoever shows a part of it.

The session announces each new shown edition with an :class:`EditionUpdate`:
the edition, the one shown before, and the field changes between the two
(``diff.Change``, as the history records them). A panel asks whether the
update concerns what it shows (``touches``, ``touches_path``) and refreshes
only then. ``changes`` is None when everything may have changed: another
year shown, an edition added or removed, the document read again.
"""

from __future__ import annotations

from dataclasses import dataclass

from avereport.model.diff import Change
from avereport.model.edition import Edition, SectionKind
from avereport.model.paths import FieldPath


@dataclass(frozen=True, slots=True)
class EditionUpdate:
    edition: Edition
    """The edition now shown."""
    previous: Edition | None
    """The edition shown before (None when none was)."""
    changes: tuple[Change, ...] | None
    """The field changes from ``previous`` to ``edition``; None: anything may have changed."""

    @property
    def everything(self) -> bool:
        return self.changes is None

    def touches(self, *kinds: SectionKind | None) -> bool:
        """Whether a change belongs to one of ``kinds`` (None: the organisation
        and the edition as a whole, such as the outline's order)."""
        return self.changes is None or any(change.section in kinds for change in self.changes)

    def only_within(self, *prefixes: str | FieldPath) -> bool:
        """Whether every change lies inside one of ``prefixes`` (never when
        anything may have changed)."""
        if self.changes is None:
            return False
        texts = [str(prefix) for prefix in prefixes]
        return all(any(_holds(text, _reach(change)) for text in texts) for change in self.changes)

    def touches_path(self, *prefixes: str | FieldPath) -> bool:
        """Whether a change is at, inside or around one of ``prefixes``
        (``"governance.board"``, ``EDITION.lists[2]``…).

        A record added to or removed from a list touches the whole list: the
        records after it moved, so a path into one of them now means another.
        """
        if self.changes is None:
            return True
        texts = [str(prefix) for prefix in prefixes]
        return any(_related(_reach(change), text) for change in self.changes for text in texts)


def _reach(change: Change) -> str:
    """The path a change may have altered: the list itself for an added or removed record."""
    if change.kind != "changed" and change.path.endswith("]"):
        return change.path[: change.path.rindex("[")]
    return change.path


def _related(path: str, prefix: str) -> bool:
    """Whether one path is the other or holds it (``a.b`` holds ``a.b.c`` and ``a.b[2]``)."""
    return _holds(path, prefix) or _holds(prefix, path)


def _holds(outer: str, inner: str) -> bool:
    if not outer or outer == inner:
        return True
    return inner.startswith(outer) and inner[len(outer)] in ".["
