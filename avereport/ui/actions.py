"""The main window's actions: French text, tooltip and status tip, shortcuts."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Shortcut = QKeySequence.StandardKey | str


def make_action(
    parent: QWidget, text: str, tip: str, slot: Callable[[], object], shortcuts: Sequence[Shortcut] = ()
) -> QAction:
    action = QAction(text, parent)
    keys = [QKeySequence(s) for s in shortcuts]
    action.setShortcuts(keys)
    hint = f" ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})" if keys else ""
    action.setToolTip(tip + hint)
    action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action
